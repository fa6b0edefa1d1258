export const id = 990;
export const ids = [990];
export const modules = {

/***/ 6006:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ bundleScript)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_1__);
/**
 * The scripts scripts/bundle.sh writes beside the bundle (dist/action/): a staging thread's, the background
 * pusher's and the Actions cache's read server's. Run from src/ (@github/local-action) they do not exist, and their callers say so.
 */


function bundleScript(name) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_0__.dirname)((0,node_url__WEBPACK_IMPORTED_MODULE_1__.fileURLToPath)(import.meta.url)), name);
}


/***/ }),

/***/ 790:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  IV: () => (/* binding */ loadInputs),
  TL: () => (/* binding */ parseInputs),
  yI: () => (/* binding */ readRawInputs)
});

// UNUSED EXPORTS: DEPRECATED_INPUT_NAMES

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
;// CONCATENATED MODULE: ./src/cache/cachix/names.ts
/** How Cachix names things, for the action's inputs and for the key command alike. */
/** Where Cachix's API is unless `cachixHost` says otherwise (action.yml's default). */
const DEFAULT_CACHIX_HOST = "https://app.cachix.org";
/** A Cachix cache name: letters, digits and '-', not starting with '-'. */
function isCachixCacheName(name) {
    return /^[a-z0-9][a-z0-9-]*$/i.test(name);
}
/** The name Cachix gives a cache's signing key, and that its narinfos are signed under. */
function cachixKeyName(cache) {
    return `${cache}.cachix.org-1`;
}
/** `text` as an http(s):// URL, or undefined when it is not one. */
function httpUrl(text) {
    try {
        const url = new URL(text);
        return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/cache/s3/credentials.ts
/**
 * The job's AWS credentials, from where the AWS tools look: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN (what aws-actions/configure-aws-credentials exports after GitHub OIDC), else a profile's static
 * keys in the shared files (AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials, then AWS_CONFIG_FILE or
 * ~/.aws/config). A profile that runs a program (`credential_process`) or signs in through SSO is refused by name:
 * the action never runs another program to get a secret. Messages name where a key was looked for, never its value.
 */



/** The credentials; undefined when there are none (read-only through a public bucket); throws when unusable. */
function findCredentials(from) {
    const { env } = from;
    const id = env.AWS_ACCESS_KEY_ID?.trim();
    const secret = env.AWS_SECRET_ACCESS_KEY?.trim();
    if (id || secret) {
        if (!id || !secret) {
            throw new Error("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be given together");
        }
        const token = env.AWS_SESSION_TOKEN?.trim() || undefined;
        return {
            credentials: { accessKeyId: id, secretAccessKey: secret, sessionToken: token },
            source: "the environment",
        };
    }
    const profile = from.profile || env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || "default";
    const home = env.HOME || (0,external_node_os_.homedir)();
    const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE || (0,external_node_path_.join)(home, ".aws", "credentials");
    const configFile = env.AWS_CONFIG_FILE || (0,external_node_path_.join)(home, ".aws", "config");
    const readFile = from.readFile ?? readTextFile;
    const inCredentials = section(readFile(credentialsFile), profile);
    const inConfig = section(readFile(configFile), profile === "default" ? "default" : `profile ${profile}`);
    for (const [values, file] of [
        [inCredentials, credentialsFile],
        [inConfig, configFile],
    ]) {
        if (values === undefined)
            continue;
        for (const unsupported of [
            "credential_process",
            "sso_session",
            "sso_start_url",
            "role_arn",
            "web_identity_token_file",
        ]) {
            if (values.has(unsupported)) {
                throw new Error(`profile '${profile}' in ${file} uses ${unsupported}, which this action does not run or follow: give ` +
                    "static keys, or export AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN in an earlier step " +
                    "(aws-actions/configure-aws-credentials does)");
            }
        }
        const fileId = values.get("aws_access_key_id");
        const fileSecret = values.get("aws_secret_access_key");
        if (fileId || fileSecret) {
            if (!fileId || !fileSecret) {
                throw new Error(`profile '${profile}' in ${file} needs both aws_access_key_id and aws_secret_access_key`);
            }
            const token = values.get("aws_session_token") || undefined;
            return {
                credentials: { accessKeyId: fileId, secretAccessKey: fileSecret, sessionToken: token },
                source: `profile '${profile}' in ${file}`,
            };
        }
    }
    if (from.profile !== undefined || env.AWS_PROFILE) {
        throw new Error(`profile '${profile}' has no keys in ${credentialsFile} or ${configFile}`);
    }
    return undefined;
}
/** The `name = value` lines of `[name]` in an INI file. */
function section(text, name) {
    if (text === undefined)
        return undefined;
    let inside = false;
    let found;
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (line === "" || line.startsWith("#") || line.startsWith(";"))
            continue;
        const header = /^\[(.+)\]$/.exec(line);
        if (header !== null) {
            inside = header[1]?.trim() === name;
            if (inside)
                found ??= new Map();
            continue;
        }
        const eq = line.indexOf("=");
        if (inside && eq > 0)
            found?.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
    }
    return found;
}
function readTextFile(path) {
    try {
        return (0,external_node_fs_.readFileSync)(path, "utf8");
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/cache/s3/location.ts
/** Parameters Nix's S3 store takes that this action reads; others of Nix's are refused by name, not ignored. */
const KNOWN = new Set(["region", "endpoint", "profile", "scheme"]);
/** Throws an Error saying what is wrong; it never quotes credentials, since a URL holds none. */
function parseS3Url(text, env) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new Error("it is not a URL");
    }
    if (url.protocol !== "s3:")
        throw new Error(`expected s3://, got ${url.protocol}//`);
    if (url.username !== "" || url.password !== "") {
        throw new Error("it holds credentials; give them as AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead");
    }
    const bucket = url.hostname;
    const problem = bucketProblem(bucket);
    if (problem !== undefined)
        throw new Error(`the bucket name '${bucket}' ${problem}`);
    if (url.port !== "")
        throw new Error("a bucket name has no port; give a custom endpoint as `endpoint=`");
    // The URL parser has resolved '.' and '..' segments (encoded ones too) already.
    const prefix = decodeURIComponent(url.pathname.replace(/^\/+/, "").replace(/\/+$/, ""));
    for (const name of url.searchParams.keys()) {
        if (!KNOWN.has(name))
            throw new Error(`the parameter '${name}' is not one this action takes (region, endpoint, profile, scheme)`);
    }
    const region = url.searchParams.get("region") || env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1";
    if (!/^[a-z0-9-]+$/.test(region))
        throw new Error(`the region '${region}' is not a region name`);
    const endpointText = url.searchParams.get("endpoint") || env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
    let endpoint;
    if (endpointText !== undefined) {
        const scheme = url.searchParams.get("scheme");
        // Nix takes `endpoint=host:port` with `scheme=http`; a full URL says it all.
        const full = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpointText)
            ? endpointText
            : `${scheme || "https"}://${endpointText}`;
        endpoint = URL.parse(full) ?? undefined;
        if (endpoint === undefined || (endpoint.protocol !== "https:" && endpoint.protocol !== "http:")) {
            throw new Error(`the endpoint '${endpointText}' is not an http(s) URL`);
        }
        if (endpoint.search !== "" || endpoint.hash !== "" || endpoint.username !== "") {
            throw new Error(`the endpoint '${endpoint.origin}…' must be a plain URL (no credentials, query or fragment)`);
        }
    }
    const profile = url.searchParams.get("profile") || undefined;
    return { location: { bucket, prefix: prefix === "" ? "" : `${prefix}/`, region, endpoint }, profile };
}
/** Why `name` cannot be an S3 bucket name (3–63 lower-case letters, digits, dots and hyphens), if it cannot. */
function bucketProblem(name) {
    if (name.length < 3 || name.length > 63)
        return "must be 3 to 63 characters long";
    if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) {
        return "may hold only lower-case letters, digits, dots and hyphens, and must start and end with a letter or digit";
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/lib/errors.ts
var errors = __webpack_require__(7268);
// EXTERNAL MODULE: ./src/lib/input-names.ts
var input_names = __webpack_require__(5834);
// EXTERNAL MODULE: ./src/lib/signing.ts
var signing = __webpack_require__(8920);
// EXTERNAL MODULE: ./src/nix/cache-url.ts
var cache_url = __webpack_require__(7197);
// EXTERNAL MODULE: ./src/nix/netrc.ts
var netrc = __webpack_require__(5855);
;// CONCATENATED MODULE: ./src/action/input-values.ts
/**
 * Parsers for the text of one input: booleans, numbers, sizes, lists and regular expressions. Each failure is an
 * InputError that names the input and quotes the value (none of these inputs is a secret).
 */

function parseBoolean(input, text) {
    if (text === "")
        return false;
    if (/^true$/i.test(text))
        return true;
    if (/^false$/i.test(text))
        return false;
    throw new errors/* InputError */.dz(input, `expected true or false, got '${text}'`);
}
function parseInteger(input, text, fallback, min, max) {
    if (text === "")
        return fallback;
    const value = Number(text);
    if (!/^-?\d+$/.test(text) || value < min || value > max) {
        throw new errors/* InputError */.dz(input, `expected a whole number from ${min} to ${max}, got '${text}'`);
    }
    return value;
}
/** Minutes, fractions allowed (0.5 is 30 s), up to a day. */
function parseMinutes(input, text, fallback) {
    if (text === "")
        return fallback;
    const value = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text) || value <= 0 || value > 24 * 60) {
        throw new errors/* InputError */.dz(input, `expected a number of minutes above 0 and up to 1440, got '${text}'`);
    }
    return value;
}
function parseRegExp(input, text) {
    try {
        return new RegExp(text);
    }
    catch (error) {
        throw new errors/* InputError */.dz(input, `is not a valid JavaScript regular expression (${(0,errors/* describeError */.Uc)(error)})`);
    }
}
const SIZE_UNITS = { "": 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };
/** "4G", "500M", "1048576": a size in bytes, binary units. */
function parseByteSize(input, text) {
    const match = /^(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?$/i.exec(text.trim());
    const unit = SIZE_UNITS[match?.[2]?.toUpperCase() ?? "-"];
    if (match === null || unit === undefined || Number(match[1]) <= 0) {
        throw new errors/* InputError */.dz(input, `expected a size such as 4G or 500M, got '${text}'`);
    }
    return Math.floor(Number(match[1]) * unit);
}
function splitList(text, separator) {
    return text.split(separator).filter((item) => item !== "");
}

;// CONCATENATED MODULE: ./src/action/inputs.ts
/**
 * The action's inputs, read once, validated up front, and handed to the rest of the code as a typed object.
 * This is the only module that reads inputs; it marks every secret with `core.setSecret` before looking at it.
 */










/**
 * cachix-action inputs that are declared (with a deprecationMessage saying why) but not read, so that workflows
 * written for cachix-action run unchanged: there is no cachix binary to install or pass arguments to, and paths
 * are pushed natively from the post step.
 */
const DEPRECATED_INPUT_NAMES = (/* unused pure expression or super */ null && (["cachixArgs", "cachixBin", "installCommand"]));
/** Where the cachix CLI takes its credentials from when they are not configured: an input wins over these. */
const CACHIX_ENV = { authToken: "CACHIX_AUTH_TOKEN", signingKey: "CACHIX_SIGNING_KEY" };
/** What an s3:// cache reads from the environment, as the AWS tools do (the first two are secrets). */
const AWS_SECRET_ENV = ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];
const AWS_ENV = [
    ...AWS_SECRET_ENV,
    "AWS_ACCESS_KEY_ID",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_S3",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_CONFIG_FILE",
];
const SECRET_INPUTS = [input_names/* INPUT_NAMES */.Q.signingKey, input_names/* INPUT_NAMES */.Q.authToken];
/** Reads the inputs through @actions/core, masking secrets first. */
function loadInputs() {
    const read = (name) => core/* getInput */.V4(name);
    for (const name of SECRET_INPUTS) {
        const value = read(name);
        if (value !== "")
            core/* setSecret */.Pq(value);
    }
    for (const variable of [...Object.values(CACHIX_ENV), ...AWS_SECRET_ENV]) {
        const value = process.env[variable]?.trim();
        if (value)
            core/* setSecret */.Pq(value);
    }
    const inputs = parseInputs(read, process.env);
    // Keys read from an AWS profile's files.
    if (inputs.cache.kind === "s3" && inputs.cache.credentials !== undefined) {
        core/* setSecret */.Pq(inputs.cache.credentials.secretAccessKey);
        if (inputs.cache.credentials.sessionToken)
            core/* setSecret */.Pq(inputs.cache.credentials.sessionToken);
    }
    return inputs;
}
/**
 * The inputs as given, and the variables they fall back to: what setup pipes to the background pusher, which checks
 * them as post does. loadInputs has masked the secrets among them.
 */
function readRawInputs() {
    const inputs = Object.fromEntries(Object.values(input_names/* INPUT_NAMES */.Q).map((name) => [name, core/* getInput */.V4(name)]));
    const env = {};
    for (const variable of [...Object.values(CACHIX_ENV), ...AWS_ENV, "HOME"]) {
        const value = process.env[variable];
        if (value !== undefined)
            env[variable] = value;
    }
    return { inputs, env };
}
/** Validates every input; throws InputError naming the first bad one. */
function parseInputs(read, env = {}) {
    const target = parseTarget(read, env);
    // Like the cachix CLI, for Cachix caches only: these variables mean nothing to other caches.
    const fromEnv = (variable) => (target.kind === "cachix" ? (env[variable]?.trim() ?? "") : "");
    const signingKey = parseSigningKeyInput(read(input_names/* INPUT_NAMES */.Q.signingKey) || fromEnv(CACHIX_ENV.signingKey), target);
    const publicKey = parsePublicKeyInput(read(input_names/* INPUT_NAMES */.Q.publicKey), signingKey);
    const authToken = checkAuthToken(read(input_names/* INPUT_NAMES */.Q.authToken) || fromEnv(CACHIX_ENV.authToken), target);
    const authUser = checkAuthUser(read(input_names/* INPUT_NAMES */.Q.authUser));
    const extraPullNames = parseExtraPullNames(read(input_names/* INPUT_NAMES */.Q.extraPullNames));
    const skipPush = parseBoolean(input_names/* INPUT_NAMES */.Q.skipPush, read(input_names/* INPUT_NAMES */.Q.skipPush));
    const pushFilter = read(input_names/* INPUT_NAMES */.Q.pushFilter);
    const credentials = {
        authToken: authToken === "" ? undefined : authToken,
        authUser: authUser === "" ? undefined : authUser,
    };
    return {
        cache: cacheSettings(target, { publicKey, signingKey, credentials, extraPullNames, skipPush }),
        signingKey,
        skipPush,
        skipAddingSubstituter: parseBoolean(input_names/* INPUT_NAMES */.Q.skipAddingSubstituter, read(input_names/* INPUT_NAMES */.Q.skipAddingSubstituter)),
        pathsToPush: splitList(read(input_names/* INPUT_NAMES */.Q.pathsToPush), /\s+/),
        pushFilter: pushFilter === "" ? undefined : parseRegExp(input_names/* INPUT_NAMES */.Q.pushFilter, pushFilter),
        upstreamKeys: splitList(read(input_names/* INPUT_NAMES */.Q.upstreamKeys), /\s+/).map((text) => withInput(input_names/* INPUT_NAMES */.Q.upstreamKeys, () => (0,signing/* parsePublicKey */.ee)(text))),
        compressionLevel: parseInteger(input_names/* INPUT_NAMES */.Q.compressionLevel, read(input_names/* INPUT_NAMES */.Q.compressionLevel), 3, 1, 19),
        pushTimeoutMs: parseMinutes(input_names/* INPUT_NAMES */.Q.pushTimeout, read(input_names/* INPUT_NAMES */.Q.pushTimeout), 30) * 60_000,
        strict: parseBoolean(input_names/* INPUT_NAMES */.Q.strict, read(input_names/* INPUT_NAMES */.Q.strict)),
        pushWhileBuilding: parsePushWhileBuilding(read),
    };
}
/**
 * On unless turned off: by `pushWhileBuilding`, or by cachix-action's `useDaemon: false` (so that migrated
 * workflows keep their meaning); `pushWhileBuilding` wins when both are given. Neither has a default in
 * action.yml, so that an empty value means "not given".
 */
function parsePushWhileBuilding(read) {
    const own = read(input_names/* INPUT_NAMES */.Q.pushWhileBuilding);
    if (own !== "")
        return parseBoolean(input_names/* INPUT_NAMES */.Q.pushWhileBuilding, own);
    const cachix = read(input_names/* INPUT_NAMES */.Q.useDaemon);
    return cachix === "" || parseBoolean(input_names/* INPUT_NAMES */.Q.useDaemon, cachix);
}
/** Each backend gets the inputs it uses, and nothing else. */
function cacheSettings(target, shared) {
    const { publicKey, credentials } = shared;
    switch (target.kind) {
        case "file":
            return { kind: "file", url: target.url, publicKey };
        case "http":
            return { kind: "http", url: target.url, publicKey, ...credentials };
        case "cachix":
            return {
                ...target,
                extraPullNames: shared.extraPullNames,
                authToken: credentials.authToken,
                signedBy: shared.signingKey?.publicKey,
                push: !shared.skipPush,
            };
        case "actions-cache":
            return { ...target, publicKey };
        case "s3": {
            const found = withInput(input_names/* INPUT_NAMES */.Q.cacheUrl, () => {
                try {
                    return findCredentials({ env: target.env, profile: target.profile });
                }
                catch (error) {
                    throw new Error(`its AWS credentials: ${(0,errors/* describeError */.Uc)(error)}`);
                }
            });
            return {
                kind: "s3",
                location: target.location,
                credentials: found?.credentials,
                credentialSource: found?.source,
                publicKey,
            };
        }
    }
}
function parseTarget(read, env) {
    const cacheUrl = read(input_names/* INPUT_NAMES */.Q.cacheUrl);
    const name = read(input_names/* INPUT_NAMES */.Q.name);
    if (cacheUrl !== "" && name !== "") {
        throw new errors/* InputError */.dz(input_names/* INPUT_NAMES */.Q.cacheUrl, "give either `cacheUrl` (a binary cache URL) or `name` (a Cachix cache), not both");
    }
    if (/^s3:/i.test(cacheUrl)) {
        const parsed = withInput(input_names/* INPUT_NAMES */.Q.cacheUrl, () => parseS3Url(cacheUrl, env));
        return { kind: "s3", location: parsed.location, profile: parsed.profile, env };
    }
    if (cacheUrl !== "") {
        const url = withInput(input_names/* INPUT_NAMES */.Q.cacheUrl, () => {
            try {
                return (0,cache_url/* parseCacheUrl */.ne)(cacheUrl, ["file:", "http:", "https:"]);
            }
            catch (error) {
                // s3:// is read above, by its own rules.
                throw new Error((0,errors/* describeError */.Uc)(error).replace(/; use (.*)$/, "; use $1, s3://"));
            }
        });
        return { kind: url.protocol === "file:" ? "file" : "http", url };
    }
    if (name !== "") {
        if (!isCachixCacheName(name)) {
            throw new errors/* InputError */.dz(input_names/* INPUT_NAMES */.Q.name, `'${name}' is not a Cachix cache name (letters, digits and '-')`);
        }
        // The API's root: held to the cache URL's rules, as a query or fragment would break every call.
        const host = withInput(input_names/* INPUT_NAMES */.Q.cachixHost, () => (0,cache_url/* parseCacheUrl */.ne)(read(input_names/* INPUT_NAMES */.Q.cachixHost), ["http:", "https:"]));
        return { kind: "cachix", name, host };
    }
    return {
        kind: "actions-cache",
        key: read(input_names/* INPUT_NAMES */.Q.cacheKey),
        sizeLimit: parseByteSize(input_names/* INPUT_NAMES */.Q.cacheSizeLimit, read(input_names/* INPUT_NAMES */.Q.cacheSizeLimit) || DEFAULT_CACHE_SIZE_LIMIT),
    };
}
function parseExtraPullNames(text) {
    const names = splitList(text, /[\s,]+/);
    const bad = names.find((name) => !isCachixCacheName(name));
    if (bad !== undefined) {
        throw new errors/* InputError */.dz(input_names/* INPUT_NAMES */.Q.extraPullNames, `'${bad}' is not a Cachix cache name (letters, digits and '-'); separate names with commas or spaces`);
    }
    return names;
}
/**
 * The token goes into a netrc (as curl reads it back) and a Basic auth header. Messages never show it. White space
 * inside is kept (the netrc quotes it); a line break is a secret saved wrongly.
 */
function checkAuthToken(token, target) {
    if (token === "")
        return token;
    const problem = (0,netrc/* netrcValueProblem */.h$)(token);
    if (problem !== undefined)
        throw new errors/* InputError */.dz(input_names/* INPUT_NAMES */.Q.authToken, problem);
    if (target.kind === "actions-cache") {
        throw new errors/* InputError */.dz(input_names/* INPUT_NAMES */.Q.authToken, "is set but there is no cache to use it for: give `cacheUrl` (an http(s):// cache) or `name` (Cachix)");
    }
    return token;
}
/** The login of the netrc entry and before the colon of Basic auth, so no ':'. */
function checkAuthUser(user) {
    if (user === "")
        return user;
    if (user.includes(":"))
        throw new errors/* InputError */.dz(input_names/* INPUT_NAMES */.Q.authUser, "must not contain ':'");
    const problem = (0,netrc/* netrcValueProblem */.h$)(user);
    if (problem !== undefined)
        throw new errors/* InputError */.dz(input_names/* INPUT_NAMES */.Q.authUser, problem);
    return user;
}
function parseSigningKeyInput(text, target) {
    if (text === "")
        return undefined;
    return withInput(input_names/* INPUT_NAMES */.Q.signingKey, () => {
        if (!text.includes(":") && target.kind === "cachix") {
            return (0,signing/* signingKeyFromBareBase64 */.K2)(cachixKeyName(target.name), text.trim());
        }
        return (0,signing/* parseSigningKey */.UG)(text);
    });
}
function parsePublicKeyInput(text, signingKey) {
    if (text === "")
        return signingKey?.publicKey;
    const publicKey = withInput(input_names/* INPUT_NAMES */.Q.publicKey, () => (0,signing/* parsePublicKey */.ee)(text));
    if (signingKey !== undefined && !samePublicKey(publicKey, signingKey.publicKey)) {
        throw new errors/* InputError */.dz(input_names/* INPUT_NAMES */.Q.publicKey, `does not belong to \`signingKey\` (key '${signingKey.name}'): readers trusting it could not verify pushed paths`);
    }
    return publicKey;
}
function samePublicKey(a, b) {
    return a.name === b.name && Buffer.from(a.key).equals(Buffer.from(b.key));
}
/** Runs a parser and re-throws its error as an InputError for `input`; parsers never put key material in messages. */
function withInput(input, parse) {
    try {
        return parse();
    }
    catch (error) {
        if (error instanceof errors/* InputError */.dz)
            throw error;
        throw new errors/* InputError */.dz(input, (0,errors/* describeError */.Uc)(error));
    }
}
/** Well under the Actions cache's 10 GB per repository, leaving room for the repository's other caches. */
const DEFAULT_CACHE_SIZE_LIMIT = "3G";


/***/ }),

/***/ 2907:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ createCache)
/* harmony export */ });
async function createCache(settings, context, extras = {}) {
    switch (settings.kind) {
        case "file":
            return new (await __webpack_require__.e(/* import() */ 423).then(__webpack_require__.bind(__webpack_require__, 7804))).FileCache(settings);
        case "http":
            return new (await __webpack_require__.e(/* import() */ 768).then(__webpack_require__.bind(__webpack_require__, 8768))).HttpCache(settings, context.log);
        case "cachix":
            return new (await __webpack_require__.e(/* import() */ 600).then(__webpack_require__.bind(__webpack_require__, 6600))).CachixCache(settings, context.log);
        case "s3":
            return new (await __webpack_require__.e(/* import() */ 764).then(__webpack_require__.bind(__webpack_require__, 6764))).S3Cache(settings, context);
        case "actions-cache": {
            const { ActionsCache } = await Promise.all(/* import() */[__webpack_require__.e(891), __webpack_require__.e(672)]).then(__webpack_require__.bind(__webpack_require__, 4672));
            return new ActionsCache(settings, context, { ...extras.actionsCache, handOver: extras.handOver });
        }
    }
}


/***/ }),

/***/ 8019:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ findCharacter),
/* harmony export */   c0: () => (/* binding */ isControl),
/* harmony export */   zQ: () => (/* binding */ describeCharacter)
/* harmony export */ });
/** Finding and naming the characters a value must not hold (without control characters in regular expressions). */
/** A C0 control character or DEL. */
function isControl(code) {
    return code < 0x20 || code === 0x7f;
}
/** The first character of `text` for whose code `unwanted` is true, with its index; undefined when there is none. */
function findCharacter(text, unwanted) {
    for (let index = 0; index < text.length; index++) {
        if (unwanted(text.charCodeAt(index)))
            return { char: text.charAt(index), index };
    }
    return undefined;
}
/** `c` for a message: printable characters quoted, others by name and code point. */
function describeCharacter(c) {
    const names = {
        "\t": "a tab",
        "\n": "a line feed",
        "\r": "a carriage return",
        " ": "a space",
        "\u007f": "a DEL character",
    };
    const code = c.codePointAt(0) ?? 0;
    const point = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
    const name = names[c];
    if (name !== undefined)
        return `${name} (${point})`;
    return isControl(code) || (code >= 0x80 && code <= 0x9f) ? `a control character (${point})` : `'${c}'`;
}


/***/ }),

/***/ 7268:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Nr: () => (/* binding */ describeInterruption),
/* harmony export */   Uc: () => (/* binding */ describeError),
/* harmony export */   b$: () => (/* binding */ isDiskFull),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   ic: () => (/* binding */ StepStopped),
/* harmony export */   xA: () => (/* binding */ CacheError)
/* harmony export */ });
/** Configuration the user must fix: setup fails with this message, which names the input and never holds a secret. */
class InputError extends Error {
    input;
    constructor(input, problem) {
        super(`Input '${input}': ${problem}`);
        this.input = input;
        this.name = "InputError";
    }
}
/** Trouble with the cache itself (unreachable, refused, corrupt): a warning unless `strict`. */
class CacheError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = "CacheError";
    }
}
/** A message for anything thrown, including non-Error values that would otherwise be lost. */
function describeError(error) {
    if (error instanceof Error)
        return error.message;
    return typeof error === "string" ? error : JSON.stringify(error);
}
/** The runner stopped the step (a cancelled job): the reason of the step's stop signal (see ../action/stop.ts). */
class StepStopped extends Error {
    signalName;
    constructor(signalName) {
        super(`the step was stopped (${signalName})`);
        this.signalName = signalName;
        this.name = "StepStopped";
    }
}
/** Whether `error` says a disk is full: the runner's temp dir on a small disk, the usual cause. */
function isDiskFull(error) {
    const code = error?.code;
    return code === "ENOSPC" || code === "EDQUOT";
}
/** Why an aborted deadline ended the work: the step was stopped, or pushTimeout ran out. */
function describeInterruption(signal) {
    return signal.reason instanceof StepStopped ? signal.reason.message : "pushTimeout ran out";
}


/***/ }),

/***/ 9639:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BW: () => (/* binding */ formatSha256Nix32),
/* harmony export */   WG: () => (/* binding */ encodeBase64),
/* harmony export */   tz: () => (/* binding */ parseSha256),
/* harmony export */   y4: () => (/* binding */ decodeBase64)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7268);
/* harmony import */ var _nix_base32_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2745);


const SHA256_BYTES = 32;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEX = /^[0-9a-fA-F]*$/;
/**
 * Decodes canonical, padded standard base64. Node's own decoder silently skips junk, which would let a
 * corrupt key or hash through; the error never quotes the input because callers pass secrets through here.
 */
function decodeBase64(text) {
    if (!BASE64.test(text)) {
        throw new Error(`not valid padded base64 (${text.length} characters)`);
    }
    const bytes = new Uint8Array(Buffer.from(text, "base64"));
    if (Buffer.from(bytes).toString("base64") !== text) {
        throw new Error("not canonical base64: the padding bits are not zero");
    }
    return bytes;
}
/** Encodes bytes as standard padded base64. */
function encodeBase64(bytes) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}
/**
 * Parses a SHA-256 digest in any form Nix accepts in a narinfo: `sha256:` followed by nix32 (52), hex (64)
 * or base64 (44 characters), or SRI `sha256-<base64>`. As in Nix, the encoding is told apart by length.
 */
function parseSha256(text) {
    const fail = (why) => new Error(`invalid SHA-256 hash ${JSON.stringify(text)}: ${why}`);
    if (text.startsWith("sha256-")) {
        const body = text.slice("sha256-".length);
        if (body.length !== 44)
            throw fail("an SRI hash needs 44 base64 characters");
        return wrap(() => decodeBase64(body), fail);
    }
    if (!text.startsWith("sha256:")) {
        throw fail("expected the prefix 'sha256:' or the SRI prefix 'sha256-'");
    }
    const body = text.slice("sha256:".length);
    if (body.length === (0,_nix_base32_js__WEBPACK_IMPORTED_MODULE_1__/* .nixBase32Length */ .gT)(SHA256_BYTES))
        return wrap(() => (0,_nix_base32_js__WEBPACK_IMPORTED_MODULE_1__/* .decodeNixBase32 */ .yT)(body), fail);
    if (body.length === SHA256_BYTES * 2) {
        if (!HEX.test(body))
            throw fail("not hexadecimal");
        return new Uint8Array(Buffer.from(body, "hex"));
    }
    if (body.length === 44)
        return wrap(() => decodeBase64(body), fail);
    throw fail(`${body.length} characters is not the length of nix32 (52), hex (64) or base64 (44)`);
}
/** Renders a SHA-256 digest as Nix writes it in narinfos and fingerprints: `sha256:<nix32>`. */
function formatSha256Nix32(digest) {
    if (digest.length !== SHA256_BYTES) {
        throw new Error(`a SHA-256 digest has ${SHA256_BYTES} bytes, got ${digest.length}`);
    }
    return `sha256:${(0,_nix_base32_js__WEBPACK_IMPORTED_MODULE_1__/* .encodeNixBase32 */ .wC)(digest)}`;
}
function wrap(decode, fail) {
    let bytes;
    try {
        bytes = decode();
    }
    catch (error) {
        throw fail((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(error));
    }
    if (bytes.length !== SHA256_BYTES)
        throw fail(`decodes to ${bytes.length} bytes, not ${SHA256_BYTES}`);
    return bytes;
}


/***/ }),

/***/ 5834:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ INPUT_NAMES)
/* harmony export */ });
/** Input names exactly as action.yml declares them. */
const INPUT_NAMES = {
    cacheUrl: "cacheUrl",
    name: "name",
    extraPullNames: "extraPullNames",
    cachixHost: "cachixHost",
    signingKey: "signingKey",
    publicKey: "publicKey",
    authToken: "authToken",
    authUser: "authUser",
    skipPush: "skipPush",
    skipAddingSubstituter: "skipAddingSubstituter",
    pathsToPush: "pathsToPush",
    pushFilter: "pushFilter",
    upstreamKeys: "upstreamKeys",
    compressionLevel: "compressionLevel",
    pushTimeout: "pushTimeout",
    pushWhileBuilding: "pushWhileBuilding",
    useDaemon: "useDaemon",
    strict: "strict",
    cacheKey: "cacheKey",
    cacheSizeLimit: "cacheSizeLimit",
};


/***/ }),

/***/ 2745:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZO: () => (/* binding */ NIX_BASE32_ALPHABET),
/* harmony export */   gT: () => (/* binding */ nixBase32Length),
/* harmony export */   wC: () => (/* binding */ encodeNixBase32),
/* harmony export */   yT: () => (/* binding */ decodeNixBase32)
/* harmony export */ });
/** Nix's own base-32 alphabet: no e, o, u or t, so that hashes never spell words. */
const NIX_BASE32_ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz";
/** Digit of each ASCII character, -1 for characters outside the alphabet. */
const DIGIT_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < NIX_BASE32_ALPHABET.length; i++)
    DIGIT_OF[NIX_BASE32_ALPHABET.charCodeAt(i)] = i;
/** Number of characters Nix uses to encode `byteLength` bytes. */
function nixBase32Length(byteLength) {
    return byteLength === 0 ? 0 : Math.floor((byteLength * 8 - 1) / 5) + 1;
}
/**
 * Encodes bytes the way Nix does: the least significant 5-bit group of the little-endian
 * bit string comes last, so the text reads as one big number, not as a byte stream.
 */
function encodeNixBase32(bytes) {
    let out = "";
    for (let n = nixBase32Length(bytes.length) - 1; n >= 0; n--) {
        const bit = n * 5;
        const i = Math.floor(bit / 8);
        const j = bit % 8;
        const low = (bytes[i] ?? 0) >> j;
        const high = i + 1 < bytes.length ? (bytes[i + 1] ?? 0) << (8 - j) : 0;
        out += NIX_BASE32_ALPHABET[(low | high) & 0x1f];
    }
    return out;
}
/** Decodes Nix base-32; throws on a character outside the alphabet, an impossible length or stray high bits. */
function decodeNixBase32(text) {
    const byteLength = Math.floor((text.length * 5) / 8);
    if (nixBase32Length(byteLength) !== text.length) {
        throw new Error(`invalid Nix base-32 length ${text.length}: no byte string encodes to that many characters`);
    }
    const bytes = new Uint8Array(byteLength);
    for (let n = 0; n < text.length; n++) {
        const code = text.charCodeAt(text.length - n - 1);
        const digit = code < 128 ? DIGIT_OF[code] : -1;
        if (digit < 0) {
            throw new Error(`invalid character ${JSON.stringify(text[text.length - n - 1])} in Nix base-32 text at offset ${text.length - n - 1}`);
        }
        const bit = n * 5;
        const i = Math.floor(bit / 8);
        const j = bit % 8;
        bytes[i] = (bytes[i] ?? 0) | ((digit << j) & 0xff);
        const carry = digit >> (8 - j);
        if (i + 1 < byteLength) {
            bytes[i + 1] = (bytes[i + 1] ?? 0) | carry;
        }
        else if (carry !== 0) {
            throw new Error("invalid Nix base-32 text: its first character sets bits beyond the encoded length");
        }
    }
    return bytes;
}


/***/ }),

/***/ 8920:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cx: () => (/* binding */ signingKeyFromSeed),
/* harmony export */   K2: () => (/* binding */ signingKeyFromBareBase64),
/* harmony export */   UG: () => (/* binding */ parseSigningKey),
/* harmony export */   _s: () => (/* binding */ signFingerprint),
/* harmony export */   ee: () => (/* binding */ parsePublicKey),
/* harmony export */   et: () => (/* binding */ formatPublicKey),
/* harmony export */   nk: () => (/* binding */ hasValidSignature)
/* harmony export */ });
/* unused harmony exports parseSignature, verifySignature */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _characters_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8019);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7268);
/* harmony import */ var _hash_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9639);




/**
 * Ed25519 through node:crypto (OpenSSL): about 50 µs a signature where tweetnacl takes 5 ms, and byte-identical,
 * as Ed25519 is deterministic. tweetnacl stays for the key CLI and as the tests' independent signer.
 */
const SECRET_KEY_BYTES = 64;
const PUBLIC_KEY_BYTES = 32;
const SIGNATURE_BYTES = 64;
// Error messages below must never quote the key text: secret keys pass through here.
function splitNamed(text, what, byteLength) {
    const trimmed = text.trim();
    const colon = trimmed.indexOf(":");
    if (colon < 0)
        throw new Error(`invalid ${what}: expected name:base64, but there is no ':'`);
    if (colon === 0)
        throw new Error(`invalid ${what}: missing key name before ':'`);
    const name = trimmed.slice(0, colon);
    const problem = keyNameProblem(name);
    if (problem !== undefined)
        throw new Error(`invalid ${what}: ${problem}`);
    return { name, bytes: decodeKeyBytes(trimmed.slice(colon + 1), what, byteLength) };
}
/**
 * Why `name` cannot name a key; undefined when it can. A key's name is written into `trusted-public-keys`, where
 * white space or `#` would split or end it, and into narinfo `Sig:` lines, where a line break would start a new
 * field: so printable ASCII only, without ':' (which ends the name) and '#'.
 */
function keyNameProblem(name) {
    if (name === "")
        return "the key name is empty";
    // Printable ASCII (U+0021 to U+007E) but ':' (U+003A) and '#' (U+0023).
    const bad = (0,_characters_js__WEBPACK_IMPORTED_MODULE_3__/* .findCharacter */ .N)(name, (code) => code < 0x21 || code > 0x7e || code === 0x3a || code === 0x23);
    if (bad === undefined)
        return undefined;
    return (`its name holds ${(0,_characters_js__WEBPACK_IMPORTED_MODULE_3__/* .describeCharacter */ .zQ)(bad.char)}; a key name is letters, digits and punctuation other than ` +
        "':' and '#'");
}
function decodeKeyBytes(base64, what, byteLength) {
    let bytes;
    try {
        bytes = (0,_hash_js__WEBPACK_IMPORTED_MODULE_2__/* .decodeBase64 */ .y4)(base64);
    }
    catch (error) {
        throw new Error(`invalid ${what}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .describeError */ .Uc)(error)}`);
    }
    if (bytes.length !== byteLength) {
        throw new Error(`invalid ${what}: expected base64 of ${byteLength} bytes, got ${bytes.length} bytes`);
    }
    return bytes;
}
function completeSigningKey(name, secretKey) {
    const derived = publicKeyOfSeed(secretKey.subarray(0, 32));
    const stored = secretKey.subarray(32);
    if (!(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.timingSafeEqual)(derived, stored)) {
        throw new Error("invalid secret key: the public half does not match the secret half");
    }
    return { name, secretKey, publicKey: { name, key: new Uint8Array(stored) } };
}
/** RFC 8410's PKCS#8 wrapping of a raw Ed25519 seed: the form node:crypto imports. */
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
function privateKeyOfSeed(seed) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPrivateKey)({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
}
function publicKeyOfSeed(seed) {
    const { x } = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)(privateKeyOfSeed(seed)).export({ format: "jwk" });
    return Buffer.from(x ?? "", "base64url");
}
/** A signing key made from a 32-byte seed, e.g. a fresh random one. */
function signingKeyFromSeed(name, seed) {
    if (seed.length !== 32)
        throw new Error(`invalid seed: expected 32 bytes, got ${seed.length}`);
    return completeSigningKey(name, Buffer.concat([seed, publicKeyOfSeed(seed)]));
}
/** Parses a Nix secret key file (`name:base64(64 bytes)`, as written by `nix-store --generate-binary-cache-key`). */
function parseSigningKey(text) {
    const { name, bytes } = splitNamed(text, "secret key", SECRET_KEY_BYTES);
    return completeSigningKey(name, bytes);
}
/** Builds a signing key from a bare base64 secret key (the form Cachix hands out) and a name to sign as. */
function signingKeyFromBareBase64(name, base64) {
    const problem = keyNameProblem(name);
    if (problem !== undefined)
        throw new Error(`invalid secret key: ${problem}`);
    return completeSigningKey(name, decodeKeyBytes(base64.trim(), "secret key", SECRET_KEY_BYTES));
}
/** Parses a public key as listed in `trusted-public-keys` (`name:base64(32 bytes)`). */
function parsePublicKey(text) {
    const { name, bytes } = splitNamed(text, "public key", PUBLIC_KEY_BYTES);
    return { name, key: bytes };
}
/** Renders a public key the way `trusted-public-keys` expects it. */
function formatPublicKey(key) {
    return `${key.name}:${(0,_hash_js__WEBPACK_IMPORTED_MODULE_2__/* .encodeBase64 */ .WG)(key.key)}`;
}
/** Signs a narinfo fingerprint; the result is the value of a `Sig:` line. */
function signFingerprint(fingerprint, key) {
    let privateKey = privateKeys.get(key);
    if (privateKey === undefined) {
        privateKey = privateKeyOfSeed(key.secretKey.subarray(0, 32));
        privateKeys.set(key, privateKey);
    }
    return `${key.name}:${(0,_hash_js__WEBPACK_IMPORTED_MODULE_2__/* .encodeBase64 */ .WG)((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.sign)(null, Buffer.from(fingerprint), privateKey))}`;
}
/** Each key's OpenSSL form, made once: importing it costs more than a signature. */
const privateKeys = new WeakMap();
/** A `Sig:` value split into its key name and the 64 signature bytes; undefined when it is not of that shape. */
function parseSignature(sig) {
    const colon = sig.indexOf(":");
    if (colon <= 0)
        return undefined;
    try {
        const bytes = (0,_hash_js__WEBPACK_IMPORTED_MODULE_2__/* .decodeBase64 */ .y4)(sig.slice(colon + 1));
        return bytes.length === SIGNATURE_BYTES ? { name: sig.slice(0, colon), bytes } : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * Whether `sig` is a valid signature of the fingerprint by one of the trusted keys. Like Nix, it picks keys
 * by name, but a key must also verify the signature: a same-named impostor key does not count.
 */
function verifySignature(fingerprint, sig, trusted) {
    const parsed = parseSignature(sig);
    if (parsed === undefined)
        return false;
    const message = Buffer.from(fingerprint);
    return trusted.some((key) => key.name === parsed.name &&
        key.key.length === PUBLIC_KEY_BYTES &&
        (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.verify)(null, message, verificationKey(key.key), parsed.bytes));
}
/**
 * Whether one of `sigs` verifies with one of the trusted keys. The fingerprint is made only when a signature carries
 * a trusted key's name: most paths carry none, and a fingerprint parses and sorts every reference.
 */
function hasValidSignature(sigs, fingerprint, trusted) {
    const named = sigs.filter((sig) => trusted.some((key) => sig.startsWith(`${key.name}:`)));
    if (named.length === 0)
        return false;
    const message = fingerprint();
    return named.some((sig) => verifySignature(message, sig, trusted));
}
// Post checks the signatures of every path a job substituted: thousands, on a big closure.
const verificationKeys = new Map();
function verificationKey(raw) {
    const id = (0,_hash_js__WEBPACK_IMPORTED_MODULE_2__/* .encodeBase64 */ .WG)(raw);
    let key = verificationKeys.get(id);
    if (key === undefined) {
        key = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)({
            key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(raw).toString("base64url") },
            format: "jwk",
        });
        verificationKeys.set(id, key);
    }
    return key;
}


/***/ }),

/***/ 6056:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GV: () => (/* binding */ parseStorePath),
/* harmony export */   Pu: () => (/* binding */ isStorePathBasename),
/* harmony export */   bV: () => (/* binding */ hashPartOf),
/* harmony export */   qC: () => (/* binding */ DEFAULT_STORE_DIR)
/* harmony export */ });
/* harmony import */ var _nix_base32_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2745);

/** The store directory every Nix uses unless it was built or configured otherwise. */
const DEFAULT_STORE_DIR = "/nix/store";
const HASH_PART_LENGTH = 32;
// Nix caps names so that the whole basename fits in a 255-byte file name with room for suffixes.
const MAX_NAME_LENGTH = 211;
const BASENAME = new RegExp(`^[${_nix_base32_js__WEBPACK_IMPORTED_MODULE_0__/* .NIX_BASE32_ALPHABET */ .ZO}]{${HASH_PART_LENGTH}}-[A-Za-z0-9+\\-._?=]+$`);
function basenameProblem(basename) {
    if (!BASENAME.test(basename)) {
        return "expected <32 nix32 characters>-<name> with a name made of A-Z a-z 0-9 + - . _ ? =";
    }
    const name = basename.slice(HASH_PART_LENGTH + 1);
    if (name.startsWith("."))
        return "the name must not start with '.'";
    if (name.length > MAX_NAME_LENGTH)
        return `the name is longer than ${MAX_NAME_LENGTH} characters`;
    return undefined;
}
/** Whether a directory entry of the store is a store path (and not `.links`, a lock file, …). */
function isStorePathBasename(basename) {
    return basenameProblem(basename) === undefined;
}
/** Parses `<storeDir>/<hash>-<name>`; throws on anything else, including paths inside a store path. */
function parseStorePath(path, storeDir = DEFAULT_STORE_DIR) {
    const prefix = `${storeDir}/`;
    if (!path.startsWith(prefix)) {
        throw new Error(`${JSON.stringify(path)} is not a store path: it is not directly in ${storeDir}`);
    }
    const basename = path.slice(prefix.length);
    const problem = basename.includes("/") ? "it lies inside a store path" : basenameProblem(basename);
    if (problem !== undefined) {
        throw new Error(`${JSON.stringify(path)} is not a store path: ${problem}`);
    }
    return {
        full: path,
        basename,
        hashPart: basename.slice(0, HASH_PART_LENGTH),
        name: basename.slice(HASH_PART_LENGTH + 1),
    };
}
/** The hash part of a full store path or a bare basename; throws if it is neither. */
function hashPartOf(pathOrBasename) {
    const basename = pathOrBasename.slice(pathOrBasename.lastIndexOf("/") + 1);
    const problem = basenameProblem(basename);
    if (problem !== undefined) {
        throw new Error(`${JSON.stringify(pathOrBasename)} is not a store path: ${problem}`);
    }
    return basename.slice(0, HASH_PART_LENGTH);
}


/***/ }),

/***/ 7197:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gC: () => (/* binding */ substituterUrl),
/* harmony export */   ne: () => (/* binding */ parseCacheUrl)
/* harmony export */ });
/* unused harmony exports urlTextProblem, urlPathProblem */
/* harmony import */ var _lib_characters_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8019);
/* harmony import */ var _config_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8977);
/**
 * A binary cache URL as every Nix reads it from its `substituters`: the same location in 2.8 and in newer versions,
 * and one entry of the list. The URL text is checked before a URL parser sees it, because WHATWG's parser drops
 * tabs and line breaks and turns `\` into `/` without a word. The host must come out of the parser as it was typed
 * (the parser rewrites some, such as `0x7f.1` or full-width dots, and netrc matches host names as text). The path
 * must too, and in the characters every Nix keeps: Nix 2.8 takes percent-encoding literally (`%20` names a
 * directory called `%20`) while newer Nix decodes it, and Nix 2.34 re-encodes characters that 2.8 keeps.
 */


/** Why `text` cannot be a cache URL as typed, before parsing; undefined when it can. */
function urlTextProblem(text) {
    const bad = (0,_lib_characters_js__WEBPACK_IMPORTED_MODULE_0__/* .findCharacter */ .N)(text, (code) => (0,_lib_characters_js__WEBPACK_IMPORTED_MODULE_0__/* .isControl */ .c0)(code) || code === 0x20 || code === 0x5c);
    if (bad === undefined)
        return undefined;
    const c = bad.char;
    const why = c === "\\"
        ? "which URL parsers read as '/'"
        : c === " "
            ? "which ends the URL where Nix reads it"
            : "which URL parsers drop or refuse";
    return `it holds ${(0,_lib_characters_js__WEBPACK_IMPORTED_MODULE_0__/* .describeCharacter */ .zQ)(c)} at character ${bad.index + 1}, ${why}`;
}
const PATH_RULE = "use a path of letters, digits and - . _ ~ : @ /";
/**
 * `text` as a cache URL of one of `protocols` (`file:`, `http:`, `https:`) that every Nix reads alike; throws an
 * Error saying what is wrong otherwise (no value in it is secret).
 */
function parseCacheUrl(text, protocols) {
    const typed = urlTextProblem(text);
    if (typed !== undefined)
        throw new Error(typed);
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new Error("is not a URL; expected file:///path or http(s)://host/path");
    }
    if (!protocols.includes(url.protocol)) {
        const schemes = protocols.map((protocol) => `${protocol}//`).join(", ");
        throw new Error(`unsupported scheme '${url.protocol}'; use ${schemes}`);
    }
    if (url.username !== "" || url.password !== "") {
        throw new Error("must not contain credentials; pass them in `authToken`");
    }
    if (url.search !== "" || url.hash !== "")
        throw new Error("must not contain a query or fragment ('?' or '#')");
    const problem = url.protocol === "file:" ? fileProblem(text, url) : hostProblem(text, url);
    if (problem !== undefined)
        throw new Error(problem);
    const pathProblem = urlPathProblem(url);
    if (pathProblem !== undefined)
        throw new Error(pathProblem);
    return url;
}
function fileProblem(text, url) {
    if (!/^file:\/\/\/(?!\/)/i.test(text) || url.pathname.replace(/\/+$/, "") === "") {
        return "a file:// URL needs an absolute directory, as in file:///srv/cache";
    }
    return undefined;
}
/**
 * Why the host of an http(s) `url` is not one every reader takes as typed: DNS names of letters, digits and '-'
 * (no trailing dot), dotted IPv4 or bracketed IPv6, and what the URL parser made of it must be what was typed.
 */
function hostProblem(text, url) {
    const typed = /^[a-z][a-z0-9+.-]*:\/\/(\[[^\]]*\]|[^/:?#]*)/i.exec(text)?.[1] ?? "";
    const host = url.hostname;
    if (host.startsWith("["))
        return /^\[[0-9a-f:.]+\]$/.test(host) ? undefined : `its host ${host} is not an IPv6 address`;
    const label = "[a-z0-9](?:[a-z0-9-]*[a-z0-9])?";
    const named = new RegExp(`^${label}(?:\\.${label})*$`).test(host);
    const ipv4 = /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
    if ((!named && !ipv4) || typed.toLowerCase() !== host) {
        return `its host '${typed}' is not a plain host name (letters, digits, '-' and '.') or IP address`;
    }
    return undefined;
}
/** Why the path of a parsed `url` does not name one location for every Nix; undefined when it does. */
function urlPathProblem(url) {
    const encoded = /%([0-9A-Fa-f]{2})/.exec(url.pathname);
    if (encoded !== null) {
        const decoded = String.fromCharCode(Number.parseInt(encoded[1] ?? "", 16));
        return (`its path holds ${encoded[0]} (${(0,_lib_characters_js__WEBPACK_IMPORTED_MODULE_0__/* .describeCharacter */ .zQ)(decoded)}, or a character the URL parser encoded): ` +
            `Nix 2.8 reads percent-encoding as it stands and newer Nix decodes it, so they would look in different places; ${PATH_RULE}`);
    }
    // What every Nix keeps as typed: 2.8 takes RFC 3986's pchar, and 2.34 percent-encodes its sub-delims (! $ & ' ( )
    // * + , ; =) when it reads them, which changes the URL's text and, for a server, may change its meaning.
    const odd = /[^A-Za-z0-9\-._~:@/]/.exec(url.pathname);
    if (odd !== null) {
        return `its path holds ${(0,_lib_characters_js__WEBPACK_IMPORTED_MODULE_0__/* .describeCharacter */ .zQ)(odd[0])}, which not every Nix reads as it stands; ${PATH_RULE}`;
    }
    const problem = (0,_config_js__WEBPACK_IMPORTED_MODULE_1__/* .listEntryProblem */ .CH)(substituterUrl(url));
    return problem === undefined ? undefined : `Nix would not read it as one substituter: ${problem}`;
}
/** The URL as it is written into `substituters`, without trailing slashes (file:// as a plain path). */
function substituterUrl(url) {
    const path = url.pathname.replace(/\/+$/, "");
    return url.protocol === "file:" ? `file://${path}` : `${url.origin}${path}`;
}


/***/ }),

/***/ 2094:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BA: () => (/* binding */ NixCommandError),
/* harmony export */   NK: () => (/* binding */ execCommand),
/* harmony export */   X4: () => (/* binding */ runChecked),
/* harmony export */   jj: () => (/* binding */ commandsUntil)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/** The one way the action runs Nix (and sudo, id, systemctl): a small runner interface, so tests can count or script calls. */


/** Runs commands quietly: the caller decides what reaches the log. */
const execCommand = (program, args) => runProgram(program, args);
/**
 * Runs commands that end when `signal` aborts: the program gets SIGTERM and the call rejects with the signal's
 * reason. For the work a stopped step gives up; what must happen even then (undoing setup's changes) uses
 * execCommand.
 */
function commandsUntil(signal) {
    return (program, args) => runProgram(program, args, signal);
}
function runProgram(program, args, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(signal.reason);
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(program, args, { stdio: ["ignore", "pipe", "pipe"] });
        const stdout = [];
        const stderr = [];
        child.stdout.on("data", (chunk) => stdout.push(chunk));
        child.stderr.on("data", (chunk) => stderr.push(chunk));
        const stop = () => child.kill("SIGTERM");
        signal?.addEventListener("abort", stop, { once: true });
        child.on("error", (error) => {
            signal?.removeEventListener("abort", stop);
            reject(error);
        });
        child.on("close", (code, killedBy) => {
            signal?.removeEventListener("abort", stop);
            if (signal?.aborted)
                return reject(signal.reason);
            resolve({
                // As a shell reports a program that a signal ended.
                exitCode: code ?? 128 + (killedBy === null ? 0 : node_os__WEBPACK_IMPORTED_MODULE_1__.constants.signals[killedBy]),
                stdout: Buffer.concat(stdout).toString("utf8"),
                stderr: Buffer.concat(stderr).toString("utf8"),
            });
        });
    });
}
/** Thrown when a Nix command fails; carries the tail of its stderr so the log says why. */
class NixCommandError extends Error {
    constructor(program, args, result) {
        const shown = [program, ...args.slice(0, 4), args.length > 4 ? `… (${args.length} arguments)` : ""].join(" ");
        const stderr = result.stderr.trim().split("\n").slice(-5).join("\n");
        super(`'${shown.trim()}' exited with ${result.exitCode}${stderr === "" ? "" : `: ${stderr}`}`);
        this.name = "NixCommandError";
    }
}
/** Runs and returns stdout, throwing NixCommandError on failure. */
async function runChecked(run, program, args) {
    const result = await run(program, args);
    if (result.exitCode !== 0)
        throw new NixCommandError(program, args, result);
    return result.stdout;
}


/***/ }),

/***/ 8977:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BU: () => (/* binding */ nixConfigLines),
/* harmony export */   CH: () => (/* binding */ listEntryProblem),
/* harmony export */   KC: () => (/* binding */ mergeNixConfig),
/* harmony export */   z9: () => (/* binding */ singleValueProblem)
/* harmony export */ });
/* harmony import */ var _lib_characters_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8019);
/**
 * Nix settings for the steps after setup (`extra-*` lines, so the user's own settings keep working), and the rules
 * for what may be written into them: Nix cuts a line at `#` and splits values at white space, so a value holding
 * either would be read as more entries or another setting. Every value is checked here before it is written.
 */ 
/**
 * Why a value would not be read back by Nix as exactly one entry of a list setting (`substituters`,
 * `trusted-public-keys`); undefined when it would. Control characters are refused too: none belongs in such a value.
 */
function listEntryProblem(value) {
    if (value === "")
        return "it is empty";
    const bad = (0,_lib_characters_js__WEBPACK_IMPORTED_MODULE_0__/* .findCharacter */ .N)(value, (code) => (0,_lib_characters_js__WEBPACK_IMPORTED_MODULE_0__/* .isControl */ .c0)(code) || code === SPACE || code === HASH);
    return bad === undefined ? undefined : `it holds ${(0,_lib_characters_js__WEBPACK_IMPORTED_MODULE_0__/* .describeCharacter */ .zQ)(bad.char)}, ${whyUnsafe(bad.char)}`;
}
/**
 * Why a value would not be read back by Nix as exactly this one value of a single-valued setting (a path such as
 * `netrc-file`): single spaces inside are kept, anything else that splits or ends a line is not.
 */
function singleValueProblem(value) {
    if (value === "")
        return "it is empty";
    const bad = (0,_lib_characters_js__WEBPACK_IMPORTED_MODULE_0__/* .findCharacter */ .N)(value, (code) => (0,_lib_characters_js__WEBPACK_IMPORTED_MODULE_0__/* .isControl */ .c0)(code) || code === HASH);
    if (bad !== undefined)
        return `it holds ${(0,_lib_characters_js__WEBPACK_IMPORTED_MODULE_0__/* .describeCharacter */ .zQ)(bad.char)}, ${whyUnsafe(bad.char)}`;
    if (/^ | $| {2}/.test(value)) {
        return "it has spaces at its ends or two in a row, which Nix's configuration does not keep";
    }
    return undefined;
}
const SPACE = 0x20;
const HASH = 0x23;
function whyUnsafe(c) {
    if (c === "#")
        return "where Nix's configuration starts a comment";
    if (/[ \t\r\n]/.test(c))
        return "where Nix's configuration splits a value";
    return "which has no place in Nix's configuration";
}
/** The nix.conf lines for `settings`; throws when a value would not read back as itself. */
function nixConfigLines(settings) {
    const entries = (name, values) => values.map((value) => `${name} = ${checked(name, value, listEntryProblem(value))}`);
    return [
        ...entries("extra-substituters", settings.substituters),
        ...entries("extra-trusted-public-keys", settings.trustedPublicKeys),
        ...(settings.netrcFile === undefined
            ? []
            : [
                `netrc-file = ${checked("netrc-file", settings.netrcFile, singleValueProblem(settings.netrcFile))}`,
            ]),
        // Nix remembers a cache's misses for an hour (in ~/.cache, which self-hosted runners keep between jobs): a path
        // that an earlier job missed, and then pushed, would be built again instead of substituted.
        "narinfo-cache-negative-ttl = 0",
        ...(settings.fallback === true ? ["fallback = true"] : []),
    ];
}
/**
 * The last line of defence: every value has been checked where it came in (inputs, a cache service's answer), so
 * a refusal here is a bug, and it must stop the value rather than write it.
 */
function checked(setting, value, problem) {
    if (problem !== undefined)
        throw new Error(`refusing to write a value of ${setting} to Nix's configuration: ${problem}`);
    return value;
}
/** NIX_CONFIG with our lines appended to `existing`; lines already there are not repeated. */
function mergeNixConfig(existing, settings) {
    const merged = (existing ?? "").split("\n").filter((line) => line.trim() !== "");
    for (const line of nixConfigLines(settings))
        if (!merged.includes(line))
            merged.push(line);
    return merged.join("\n");
}


/***/ }),

/***/ 5855:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gk: () => (/* binding */ netrcEntryFor),
/* harmony export */   HJ: () => (/* binding */ mergeNetrc),
/* harmony export */   h$: () => (/* binding */ netrcValueProblem),
/* harmony export */   yS: () => (/* binding */ netrcAuthorization)
/* harmony export */ });
/* harmony import */ var _lib_characters_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8019);
/**
 * netrc files, as curl (and so Nix) reads them: tokens separated by white space, a token in double quotes may hold
 * anything (with `\"`, `\\`, `\n`, `\r`, `\t` escapes; curl 7.84 and later), `#` at the start of a token ends the line
 * (curl 8 only at the start of a line), `machine <host>` starts an entry, `default` is a catch-all,
 * `login`/`password`/`account` belong to an entry, and `macdef` swallows lines up to a blank line. Merging keeps
 * every other machine's entry, so a user's existing credentials keep working.
 */

/** The netrc entry Nix (curl) uses for `url`: netrc matches the host name alone, no port, no IPv6 brackets. */
function netrcEntryFor(url, password, login) {
    return { machine: url.hostname.replace(/^\[(.*)\]$/, "$1"), login, password };
}
/** The header curl sends for a netrc entry: Basic `login` (empty without one), a colon, `password`. */
function netrcAuthorization(entry) {
    return `Basic ${Buffer.from(`${entry.login ?? ""}:${entry.password}`).toString("base64")}`;
}
/** curl 7.88 reads a netrc line into 4,096 bytes (curl 8: a token into 4,096): room for `password "…"`. */
const MAX_VALUE_BYTES = 4000;
/**
 * Why `value` cannot be written so that curl reads it back as itself; undefined when it can. Control characters
 * are refused: a secret holding one was saved wrongly, and curl 7 and 8 do not agree on all of them.
 */
function netrcValueProblem(value) {
    if (value === "")
        return "it is empty";
    if ((0,_lib_characters_js__WEBPACK_IMPORTED_MODULE_0__/* .findCharacter */ .N)(value, _lib_characters_js__WEBPACK_IMPORTED_MODULE_0__/* .isControl */ .c0) !== undefined) {
        return "it holds a line break, tab or other control character; check how the secret was saved";
    }
    if (Buffer.byteLength(renderValue(value)) > MAX_VALUE_BYTES) {
        return `it is longer than curl reads from a netrc line (${MAX_VALUE_BYTES} bytes)`;
    }
    return undefined;
}
/**
 * A value as a netrc token: bare when it is plain printable ASCII, as every curl reads it; otherwise quoted, which
 * curl 7.84 and later read back exactly (spaces, `"`, `\`, a leading `#`, and UTF-8, which curl 8 ends a bare
 * token at).
 */
function renderValue(value) {
    if (/^[\u0021-\u007e]+$/.test(value) && !/["\\#]/.test(value))
        return value;
    return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
/** `existing` with the entries for our machines replaced by `ours`; other entries and `default` kept as they were. */
function mergeNetrc(existing, ours) {
    // curl compares keywords and host names without regard to case.
    const replaced = new Set(ours.map((entry) => entry.machine.toLowerCase()));
    const kept = splitBlocks(existing).filter((block) => block.machine === undefined || !replaced.has(block.machine.toLowerCase()));
    // curl stops at `default`, so it must stay last: our entries go before it.
    const defaults = kept.filter((block) => block.isDefault);
    const others = kept.filter((block) => !block.isDefault && block.text.trim() !== "");
    const parts = [...others.map(tidy), ...ours.map(renderEntry), ...defaults.map(tidy)];
    return parts.length === 0 ? "" : `${parts.join("\n")}\n`;
}
/** An entry's text without surrounding white space, but for the blank line that must end a macro it holds. */
function tidy(block) {
    const text = block.text.trim();
    return /(^|\s)macdef\s/.test(text) ? `${text}\n` : text;
}
function renderEntry(entry) {
    const values = { machine: entry.machine, login: entry.login, password: entry.password };
    for (const [name, value] of Object.entries(values)) {
        if (value === undefined)
            continue;
        // Checked where the value came in, naming the input; this is the last line of defence and never shows it.
        const problem = netrcValueProblem(value);
        if (problem !== undefined)
            throw new Error(`refusing to write a netrc ${name}: ${problem}`);
    }
    const login = entry.login === undefined ? "" : `\nlogin ${renderValue(entry.login)}`;
    return `machine ${renderValue(entry.machine)}${login}\npassword ${renderValue(entry.password)}`;
}
/** Splits a netrc into its entries, keeping each entry's original text. */
function splitBlocks(text) {
    const blocks = [];
    let current;
    const close = (end) => {
        if (current !== undefined)
            blocks.push({ ...current, text: text.slice(current.start, end) });
        else if (end > 0)
            blocks.push({ isDefault: false, text: text.slice(0, end) });
    };
    const tokens = netrcTokens(text);
    for (let token = tokens.next(); !token.done; token = tokens.next()) {
        const { start } = token.value;
        const keyword = token.value.value.toLowerCase();
        if (keyword === "machine" || keyword === "default") {
            close(start);
            const machine = keyword === "machine" ? tokens.next().value?.value : undefined;
            current = { machine, isDefault: keyword === "default", start };
        }
    }
    close(text.length);
    return blocks;
}
/** The tokens of a netrc with where each starts, read as curl reads them; a macro's body is skipped. */
function* netrcTokens(text) {
    let at = 0;
    while (at < text.length) {
        const c = text[at];
        if (/\s/.test(c)) {
            at++;
        }
        else if (c === "#") {
            at = lineEnd(text, at);
        }
        else if (c === '"') {
            let value = "";
            let end = at + 1;
            for (; end < text.length && text[end] !== '"'; end++) {
                let char = text[end];
                if (char === "\\" && end + 1 < text.length) {
                    char = text[++end];
                    char = { n: "\n", r: "\r", t: "\t" }[char] ?? char;
                }
                value += char;
            }
            yield { value, start: at };
            at = end + 1;
        }
        else {
            const end = text.slice(at).search(/\s/);
            const value = end === -1 ? text.slice(at) : text.slice(at, at + end);
            yield { value, start: at };
            at += value.length;
            if (value.toLowerCase() === "macdef") {
                // A macro runs from the next line to the first blank line; its body is not tokens.
                const blank = text.indexOf("\n\n", at);
                at = blank === -1 ? text.length : blank + 2;
            }
        }
    }
}
function lineEnd(text, from) {
    const end = text.indexOf("\n", from);
    return end === -1 ? text.length : end;
}


/***/ }),

/***/ 9518:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  xk: () => (/* binding */ NixStore),
  KH: () => (/* binding */ listStorePaths)
});

// UNUSED EXPORTS: parseNixVersion

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/lib/hash.ts
var hash = __webpack_require__(9639);
;// CONCATENATED MODULE: ./src/lib/path-info.ts
/**
 * What Nix knows about a valid store path, parsed from `nix path-info --json`, whose shape changed over the years:
 * an array of objects with `path` up to Nix 2.18, an object keyed by store path from 2.19 (null for an invalid path),
 * and from 2.33 optionally `{version, storeDir, info}` keyed by basename with structured content addresses.
 * Hashes come as SRI, `sha256:` nix32, or (in some development versions) `{algorithm, format, hash}` objects.
 */

/** Parses the JSON printed by any Nix's `nix path-info --json`; invalid paths are left out. */
function parsePathInfoJson(text, storeDir = "/nix/store") {
    const document = JSON.parse(text);
    if (Array.isArray(document)) {
        return document.filter(isObject).flatMap((entry) => {
            if (entry.valid === false)
                return [];
            return [toPathInfo(requireString(entry.path, "path"), entry, storeDir)];
        });
    }
    if (!isObject(document))
        throw new Error("nix path-info --json printed neither an array nor an object");
    const keyed = isObject(document.info) ? document.info : document;
    return Object.entries(keyed).flatMap(([key, entry]) => {
        if (!isObject(entry))
            return [];
        const path = key.startsWith("/") ? key : `${storeDir}/${key}`;
        return [toPathInfo(path, entry, storeDir)];
    });
}
function toPathInfo(path, entry, storeDir) {
    const toFullPath = (reference) => reference.startsWith("/") ? reference : `${storeDir}/${reference}`;
    const references = Array.isArray(entry.references) ? entry.references : [];
    const sigs = Array.isArray(entry.signatures) ? entry.signatures : [];
    const deriver = typeof entry.deriver === "string" ? toFullPath(entry.deriver) : undefined;
    return {
        path,
        narHash: parseHashValue(entry.narHash, `narHash of ${path}`),
        narSize: requireNumber(entry.narSize, `narSize of ${path}`),
        references: references.map((reference) => toFullPath(requireString(reference, `references of ${path}`))),
        deriver,
        sigs: sigs.flatMap((sig) => (typeof sig === "string" ? [sig] : signatureObjectToString(sig))),
        ca: parseContentAddress(entry.ca),
        // 2.8 and 2.26 print true or false (2.8 leaves out false); some versions 1 or 0.
        ultimate: entry.ultimate === true || entry.ultimate === 1,
    };
}
function parseHashValue(value, what) {
    if (typeof value === "string")
        return (0,hash/* parseSha256 */.tz)(value);
    // `--json-format 3` spells the hash out: its encodings are the ones parseSha256 tells apart by length.
    if (isObject(value) && value.algorithm === "sha256" && typeof value.hash === "string") {
        const known = ["base64", "nix32", "base32", "base16", "sri"];
        if (typeof value.format === "string" && known.includes(value.format)) {
            return (0,hash/* parseSha256 */.tz)(value.format === "sri" ? value.hash : `sha256:${value.hash}`);
        }
    }
    throw new Error(`nix path-info --json: ${what} is not a SHA-256 hash in a known form`);
}
const CA_METHOD_PREFIX = {
    nar: "fixed:r:",
    flat: "fixed:",
    text: "text:",
    git: "fixed:git:",
};
/**
 * The narinfo form of a content address (`fixed:r:sha256:<nix32>`, `text:sha256:<nix32>`). Structured addresses
 * with another algorithm are dropped: the CA field only spares readers a signature check, so leaving it out is safe.
 */
function parseContentAddress(value) {
    if (typeof value === "string")
        return value;
    if (!isObject(value) || typeof value.method !== "string")
        return undefined;
    const prefix = CA_METHOD_PREFIX[value.method];
    try {
        return prefix === undefined
            ? undefined
            : `${prefix}${(0,hash/* formatSha256Nix32 */.BW)(parseHashValue(value.hash, "ca"))}`;
    }
    catch {
        return undefined;
    }
}
/** `--json-format 3` prints signatures as `{keyName, sig}` objects. */
function signatureObjectToString(sig) {
    if (isObject(sig) && typeof sig.keyName === "string" && typeof sig.sig === "string") {
        return [`${sig.keyName}:${sig.sig}`];
    }
    return [];
}
function isObject(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
function requireString(value, what) {
    if (typeof value !== "string")
        throw new Error(`nix path-info --json: ${what} is not a string`);
    return value;
}
function requireNumber(value, what) {
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
        throw new Error(`nix path-info --json: ${what} is not a positive integer`);
    }
    return value;
}

// EXTERNAL MODULE: ./src/lib/store-path.ts
var store_path = __webpack_require__(6056);
// EXTERNAL MODULE: ./src/nix/command.ts
var nix_command = __webpack_require__(2094);
;// CONCATENATED MODULE: ./src/nix/store.ts
/**
 * Questions to the local Nix store, asked in bulk: a handful of processes per post step however many paths there
 * are, since spawning Nix once per path is what makes other caching actions slow.
 */




/** Paths per Nix call: far below Linux's 2 MiB argument limit even for long names. */
const BATCH_SIZE = 5000;
/** The new CLI, which stock Nix keeps behind an experimental feature. */
const NIX_COMMAND = ["--extra-experimental-features", "nix-command"];
/** Nix settings for our own queries: never consult a remote substituter while asking about local paths. */
const QUERY_OPTIONS = ["--option", "substituters", ""];
class NixStore {
    run;
    storeDir;
    knownVersion;
    /** `version`: Nix's version when the caller knows it already (post, from setup's state), sparing a Nix call. */
    constructor(run, storeDir, version) {
        this.run = run;
        this.storeDir = storeDir;
        if (version !== undefined)
            this.knownVersion = Promise.resolve(version);
    }
    /** Nix's version, e.g. "2.8.0"; throws when Nix is not installed or does not run. Asked once. */
    version() {
        this.knownVersion ??= (0,nix_command/* runChecked */.X4)(this.run, "nix-store", ["--version"]).then(parseNixVersion);
        return this.knownVersion;
    }
    /** Nix's effective settings as this user sees them (config files and NIX_CONFIG), by name. */
    async showConfig() {
        // `show-config` is a deprecated alias from 2.20 on, where `config show` came.
        const command = (await this.atLeast("2.20")) ? ["config", "show"] : ["show-config"];
        const stdout = await (0,nix_command/* runChecked */.X4)(this.run, "nix", [...NIX_COMMAND, ...command, "--json"]);
        const settings = JSON.parse(stdout);
        return Object.fromEntries(Object.entries(settings).map(([name, setting]) => [name, setting?.value]));
    }
    /**
     * Whether the store (the daemon, for a multi-user Nix) trusts this user, in its own words: `nix store info`
     * from 2.19, `nix store ping` from 2.15; undefined where Nix cannot say (2.8) or the question fails.
     */
    async trustsUser() {
        const command = (await this.atLeast("2.19"))
            ? ["store", "info"]
            : (await this.atLeast("2.15"))
                ? ["store", "ping"]
                : undefined;
        if (command === undefined)
            return undefined;
        const result = await this.run("nix", [...NIX_COMMAND, ...command, "--json"]);
        if (result.exitCode !== 0)
            return undefined;
        try {
            // 2.26 says 1 or 0, 2.34 true or false.
            const trusted = JSON.parse(result.stdout).trusted;
            return trusted === true || trusted === 1
                ? true
                : trusted === false || trusted === 0
                    ? false
                    : undefined;
        }
        catch {
            return undefined;
        }
    }
    async atLeast(wanted) {
        return compareVersions(await this.version(), wanted) >= 0;
    }
    /** The names in the store directory as they are (store paths, `.drv` files, `.links`, locks…), unchecked. */
    async listStoreEntries() {
        return readStoreDirectory(this.storeDir);
    }
    /** The subset of `paths` that Nix has registered as valid (fully built or substituted). */
    async filterValid(paths) {
        const invalid = new Set();
        for (const batch of batches(paths)) {
            const stdout = await (0,nix_command/* runChecked */.X4)(this.run, "nix-store", [
                "--check-validity",
                "--print-invalid",
                ...batch,
            ]);
            for (const line of lines(stdout))
                invalid.add(line);
        }
        return paths.filter((path) => !invalid.has(path));
    }
    /**
     * Metadata of the closures of those of `paths` that are valid. `nix path-info` realises its arguments (a daemon may
     * substitute an invalid one from its own caches), so validity is asked first when a path may still be in the
     * making; otherwise only after a call that failed (Nix 2.8's `--recursive` fails as a whole on an invalid path).
     */
    async closureOfValid(paths, options = {}) {
        if (options.mayBeInvalid)
            return this.pathInfo(await this.filterValid(paths), { recursive: true });
        try {
            return await this.pathInfo(paths, { recursive: true });
        }
        catch (error) {
            if (!(error instanceof nix_command/* NixCommandError */.BA))
                throw error;
            return this.pathInfo(await this.filterValid(paths), { recursive: true });
        }
    }
    /**
     * Metadata of valid paths, keyed by path; with `recursive`, of their whole closures (the roots and everything they
     * refer to, transitively), in the same call. A `.drv` means the file itself, not its outputs.
     */
    async pathInfo(paths, options = {}) {
        // Before Nix 2.15 a .drv argument of the new CLI stands for its outputs unless --derivation is given, and
        // --derivation maps other paths to their derivers: so the two kinds are asked separately.
        const derivations = paths.filter((path) => path.endsWith(".drv"));
        const others = paths.filter((path) => !path.endsWith(".drv"));
        const infos = new Map();
        for (const [group, extra] of [
            [others, []],
            [derivations, ["--derivation"]],
        ]) {
            for (const batch of batches(group)) {
                const args = [
                    ...NIX_COMMAND,
                    ...QUERY_OPTIONS,
                    "path-info",
                    "--json",
                    // 2.33 on warn that `--json` alone "will become an error"; format 1 is what 2.19 to 2.32 print.
                    ...((await this.atLeast("2.33")) ? ["--json-format", "1"] : []),
                    ...(options.recursive ? ["--recursive"] : []),
                ];
                const stdout = await (0,nix_command/* runChecked */.X4)(this.run, "nix", [...args, ...extra, ...batch]);
                for (const info of parsePathInfoJson(stdout, this.storeDir))
                    infos.set(info.path, info);
            }
        }
        return infos;
    }
}
/** Store entries of `storeDir` that have the shape of a store path (full paths), by reading the directory. */
async function listStorePaths(storeDir) {
    const names = await readStoreDirectory(storeDir);
    return names.filter(store_path/* isStorePathBasename */.Pu).map((name) => `${storeDir}/${name}`);
}
async function readStoreDirectory(storeDir) {
    try {
        return await (0,promises_.readdir)(storeDir);
    }
    catch (error) {
        // A Nix that has not built or fetched anything yet has no store directory.
        if (error.code === "ENOENT")
            return [];
        throw error;
    }
}
function* batches(items) {
    for (let start = 0; start < items.length; start += BATCH_SIZE)
        yield items.slice(start, start + BATCH_SIZE);
}
function lines(text) {
    return text.split("\n").filter((line) => line !== "");
}
/**
 * The Nix version that `--version` prints, as the version whose commands it has: the last version number in it
 * (Determinate Nix prints its own first), and for Lix, which forked from 2.18, 2.18.
 */
function parseNixVersion(output) {
    const numbers = output.match(/\d+\.\d+(?:\.\d+)?/g);
    const last = numbers?.at(-1);
    if (last === undefined)
        throw new Error(`cannot tell Nix's version from '${output.trim()}'`);
    return /\bLix\b/.test(output) ? "2.18.0" : last;
}
/** Compares dotted version numbers: negative, zero or positive. */
function compareVersions(a, b) {
    const left = a.split(".").map(Number);
    const right = b.split(".").map(Number);
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
        const difference = (left[i] ?? 0) - (right[i] ?? 0);
        if (difference !== 0)
            return difference;
    }
    return 0;
}


/***/ }),

/***/ 8757:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   UG: () => (/* binding */ endBackground),
/* harmony export */   hE: () => (/* binding */ BACKGROUND_FILES),
/* harmony export */   jq: () => (/* binding */ runningIn),
/* harmony export */   kV: () => (/* binding */ exited),
/* harmony export */   rC: () => (/* binding */ startBackground),
/* harmony export */   rc: () => (/* binding */ stopBackgroundNow),
/* harmony export */   vP: () => (/* binding */ signal),
/* harmony export */   yR: () => (/* binding */ readText)
/* harmony export */ });
/* unused harmony export backgroundEnvironment */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_3__);
/**
 * Processes the action leaves running for later steps (the background pusher, the Actions cache's read server):
 * started detached (they outlive the step that starts them, and the runner ends them with the job at the latest),
 * handed their request through a pipe — never their environment, argv or a file, since it holds keys and tokens —
 * with a directory of their own (0700, in RUNNER_TEMP) for their pid and log, and ended by post.
 */




const BACKGROUND_FILES = {
    pid: "pid",
    /** Its stdout and stderr, which post prints. */
    log: "log",
};
/**
 * The only variables a background process is given: what Nix, TLS, proxies and the runner's clean-up need. Anything
 * else of the step's environment (inputs, tokens, a secret the workflow set on the step) stays out: a later step of
 * the same user can read a process's environment. NODE_OPTIONS too (an --inspect there would open it to a debugger).
 */
const PASSED = /^(PATH|HOME|USER|LOGNAME|LANG|LANGUAGE|TZ|TMPDIR|CI|NBCA_STAGING_THREADS|SSL_CERT_FILE|SSL_CERT_DIR|NODE_EXTRA_CA_CERTS|CURL_CA_BUNDLE|HTTP_PROXY|HTTPS_PROXY|NO_PROXY|http_proxy|https_proxy|no_proxy)$|^(LC_|RUNNER_|NIX_|XDG_)/;
function backgroundEnvironment(env) {
    return Object.fromEntries(Object.entries(env).filter(([name]) => PASSED.test(name)));
}
async function startBackground(options) {
    const log = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(options.dir, BACKGROUND_FILES.log), "a", 0o600);
    try {
        // The system's nice only: a program of that name earlier on PATH (GITHUB_PATH) would receive the pipe.
        const nice = options.lowPriority
            ? ["/usr/bin/nice", "/bin/nice"].find((file) => (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(file))
            : undefined;
        // SIGUSR1 would start Node's inspector, through which another process of the user could read its memory.
        const node = [options.node, "--disable-sigusr1", options.script, options.dir];
        const [command, args] = nice === undefined ? [options.node, node.slice(1)] : [nice, ["-n", "19", ...node]];
        const readyPipe = options.readyWithinMs !== undefined;
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(command, args, {
            // Its own session and process group: the step's end does not end it, and post can end all of it.
            detached: true,
            stdio: readyPipe ? ["pipe", log, log, "pipe"] : ["pipe", log, log],
            env: backgroundEnvironment(options.env),
        });
        const pid = await new Promise((resolve, reject) => {
            child.once("error", reject);
            child.once("spawn", () => resolve(child.pid));
        });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(options.dir, BACKGROUND_FILES.pid), `${pid}\n`, { mode: 0o600 });
        await new Promise((resolve, reject) => {
            child.stdin?.once("error", reject);
            child.stdin?.end(JSON.stringify(options.request), () => resolve());
        });
        let ready;
        if (readyPipe) {
            try {
                ready = await firstLine(child.stdio[3], options.readyWithinMs ?? 0);
            }
            catch (error) {
                signal(-pid, "SIGKILL");
                const said = readText((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(options.dir, BACKGROUND_FILES.log)).trim().split("\n").slice(-3).join(" ");
                throw new Error(`${error.message}${said === "" ? "" : `: ${said}`}`);
            }
        }
        child.unref();
        return { pid, ready };
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(log);
    }
}
function firstLine(stream, withinMs) {
    return new Promise((resolve, reject) => {
        let text = "";
        const done = (error) => {
            clearTimeout(timer);
            stream.removeAllListeners("data");
            stream.destroy();
            if (error !== undefined)
                reject(error);
        };
        const timer = setTimeout(() => done(new Error(`it did not start within ${withinMs} ms`)), withinMs);
        stream.on("data", (chunk) => {
            text += chunk.toString("utf8");
            const end = text.indexOf("\n");
            if (end >= 0) {
                done();
                resolve(text.slice(0, end));
            }
        });
        stream.on("end", () => done(new Error("it exited before it was ready")));
        stream.on("error", (error) => done(error));
    });
}
/** Its pid, if it was started in `dir` and that pid still runs it (a pid can be reused once its process is gone). */
function runningIn(dir) {
    const text = readText((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, BACKGROUND_FILES.pid)).trim();
    const pid = /^[1-9][0-9]*$/.test(text) ? Number(text) : undefined;
    return pid !== undefined && isProcessOf(pid, dir) ? pid : undefined;
}
/** Sends it SIGTERM now, synchronously: for a step about to be ended (it stops what it does and exits). */
function stopBackgroundNow(dir) {
    const pid = runningIn(dir);
    if (pid !== undefined)
        signal(pid, "SIGTERM");
}
/**
 * Ends it: SIGTERM, then SIGKILL for its whole process group after `graceMs`; then the group again, for children
 * it left (a group outlives its leader only through them). `pid`: its pid as found earlier, when it may have exited
 * since. Resolves once it is gone.
 */
async function endBackground(dir, graceMs, pid = runningIn(dir)) {
    if (pid === undefined)
        return;
    // Signalled only while it is still ours: a pid can be reused once its process is gone.
    if (runningIn(dir) === pid) {
        signal(pid, "SIGTERM");
        if (!(await exited(pid, AbortSignal.timeout(graceMs))))
            signal(-pid, "SIGKILL");
        await exited(pid, AbortSignal.timeout(1000));
    }
    signal(-pid, "SIGKILL");
}
function isProcessOf(pid, dir) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(`/proc/${pid}/cmdline`, "utf8").split("\0").includes(dir);
    }
    catch {
        // No /proc (macOS): its command line as ps shows it.
        try {
            return (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFileSync)("ps", ["-o", "command=", "-p", String(pid)], { encoding: "utf8" }).includes(dir);
        }
        catch {
            return false;
        }
    }
}
function alive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code === "EPERM";
    }
}
function signal(pid, name) {
    try {
        process.kill(pid, name);
    }
    catch {
        // Gone already.
    }
}
/** Resolves true once `pid` has exited, false if `until` aborts first. */
async function exited(pid, until) {
    while (alive(pid) && !isZombie(pid)) {
        if (until.aborted)
            return false;
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_3__.setTimeout)(50);
    }
    return true;
}
/** A child of ours that exited but was not reaped yet (post is not its parent; tests may be). */
function isZombie(pid) {
    try {
        return /^\d+ \(.*\) Z/.test((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(`/proc/${pid}/stat`, "utf8"));
    }
    catch {
        return false;
    }
}
function readText(file) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(file, "utf8");
    }
    catch {
        return "";
    }
}


/***/ }),

/***/ 5221:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P5: () => (/* binding */ finishPusher),
/* harmony export */   PH: () => (/* binding */ startPusherProcess),
/* harmony export */   Qw: () => (/* binding */ PUSHER_FILES),
/* harmony export */   rY: () => (/* binding */ FINISH_SIGNAL)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _process_background_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8757);
/**
 * The background pusher as a process: setup starts it detached (it outlives setup's step, and the runner ends it
 * with the job at the latest), hands it the inputs through a pipe — never its environment, argv or a file, since
 * they hold the signing key and tokens — and post finishes it. Its directory (0700, in RUNNER_TEMP) holds its pid,
 * its log and the list of what it published; nothing there lets another step push or sign anything.
 */


/** What post sends the pusher to say "finish the round under way, take no new paths, exit". */
const FINISH_SIGNAL = "SIGUSR2";
const PUSHER_FILES = {
    ..._process_background_js__WEBPACK_IMPORTED_MODULE_1__/* .BACKGROUND_FILES */ .hE,
    /** One JSON line per path published: written as each narinfo is, so a killed pusher leaves an exact list. */
    published: "published.jsonl",
};
/** Starts the pusher below the build's priority and hands it its request; resolves with its pid. */
async function startPusherProcess(options) {
    // Below the build's priority from its first instruction on, its threads and its Nix calls included.
    return (await (0,_process_background_js__WEBPACK_IMPORTED_MODULE_1__/* .startBackground */ .rC)({ ...options, lowPriority: true })).pid;
}
/** Asks the pusher to finish (SIGUSR2), waits for it within the deadline, and ends it and its children otherwise. */
async function finishPusher(dir, options) {
    const pid = (0,_process_background_js__WEBPACK_IMPORTED_MODULE_1__/* .runningIn */ .jq)(dir);
    let ending = "gone";
    if (pid !== undefined) {
        (0,_process_background_js__WEBPACK_IMPORTED_MODULE_1__/* .signal */ .vP)(pid, FINISH_SIGNAL);
        const ended = await (0,_process_background_js__WEBPACK_IMPORTED_MODULE_1__/* .exited */ .kV)(pid, AbortSignal.any([options.deadline, options.stop]));
        // A stopped post has sent it SIGTERM already (stopBackgroundNow): then it ended, whether or not it was done.
        if (options.stop.aborted)
            ending = "stopped";
        else if (ended)
            ending = "finished";
        else
            ending = "timed-out";
        // SIGTERM lets it stop its uploads; SIGKILL for the process group (its Nix calls) if it does not go.
        await (0,_process_background_js__WEBPACK_IMPORTED_MODULE_1__/* .endBackground */ .UG)(dir, 500, pid);
    }
    return { published: readPublished(dir), log: (0,_process_background_js__WEBPACK_IMPORTED_MODULE_1__/* .readText */ .yR)((0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(dir, PUSHER_FILES.log)), ending };
}
function readPublished(dir) {
    const published = new Map();
    for (const line of (0,_process_background_js__WEBPACK_IMPORTED_MODULE_1__/* .readText */ .yR)((0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(dir, PUSHER_FILES.published)).split("\n")) {
        // A line cut short by a kill is not a record.
        try {
            const record = JSON.parse(line);
            if (typeof record.path === "string" &&
                typeof record.narSize === "number" &&
                typeof record.fileSize === "number") {
                published.set(record.path, { narSize: record.narSize, fileSize: record.fileSize });
            }
        }
        catch { }
    }
    return published;
}


/***/ })

};

//# sourceMappingURL=990.index.js.map