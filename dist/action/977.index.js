export const id = 977;
export const ids = [977];
export const modules = {

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Uc: () => (/* binding */ describeError),
/* harmony export */   dz: () => (/* binding */ InputError),
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


/***/ }),

/***/ 6756:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Qh: () => (/* binding */ INPUT_NAMES),
  IV: () => (/* binding */ loadInputs)
});

// UNUSED EXPORTS: CACHIX_ENV, DEPRECATED_INPUT_NAMES, parseInputs

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
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

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/input-values.ts
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
        throw new errors/* InputError */.dz(input, `is not a valid JavaScript regular expression (${error.message})`);
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

// EXTERNAL MODULE: ./src/lib/signing.ts
var signing = __webpack_require__(8920);
;// CONCATENATED MODULE: ./src/inputs.ts
/**
 * The action's inputs, read once, validated up front, and handed to the rest of the code as a typed object.
 * This is the only module that reads inputs; it marks every secret with `core.setSecret` before looking at it.
 */





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
    strict: "strict",
    cacheKey: "cacheKey",
    cacheSizeLimit: "cacheSizeLimit",
};
/**
 * cachix-action inputs that are declared (with a deprecationMessage saying why) but not read, so that workflows
 * written for cachix-action run unchanged: there is no cachix binary to install or pass arguments to, and paths
 * are pushed natively from the post step.
 */
const DEPRECATED_INPUT_NAMES = (/* unused pure expression or super */ null && (["useDaemon", "cachixArgs", "cachixBin", "installCommand"]));
/** Where the cachix CLI takes its credentials from when they are not configured: an input wins over these. */
const CACHIX_ENV = { authToken: "CACHIX_AUTH_TOKEN", signingKey: "CACHIX_SIGNING_KEY" };
const SECRET_INPUTS = [INPUT_NAMES.signingKey, INPUT_NAMES.authToken];
/** Reads the inputs through @actions/core, masking secrets first. */
function loadInputs() {
    const read = (name) => core/* getInput */.V4(name);
    for (const name of SECRET_INPUTS) {
        const value = read(name);
        if (value !== "")
            core/* setSecret */.Pq(value);
    }
    for (const variable of Object.values(CACHIX_ENV)) {
        const value = process.env[variable]?.trim();
        if (value)
            core/* setSecret */.Pq(value);
    }
    return parseInputs(read, process.env);
}
/** Validates every input; throws InputError naming the first bad one. */
function parseInputs(read, env = {}) {
    const target = parseTarget(read);
    // Like the cachix CLI, for Cachix caches only: these variables mean nothing to other caches.
    const fromEnv = (variable) => (target.kind === "cachix" ? (env[variable]?.trim() ?? "") : "");
    const signingKey = parseSigningKeyInput(read(INPUT_NAMES.signingKey) || fromEnv(CACHIX_ENV.signingKey), target);
    const publicKey = parsePublicKeyInput(read(INPUT_NAMES.publicKey), signingKey);
    const authToken = checkAuthToken(read(INPUT_NAMES.authToken) || fromEnv(CACHIX_ENV.authToken), target);
    const authUser = checkAuthUser(read(INPUT_NAMES.authUser));
    const pushFilter = read(INPUT_NAMES.pushFilter);
    return {
        target,
        extraPullNames: splitList(read(INPUT_NAMES.extraPullNames), /[\s,]+/),
        signingKey,
        publicKey,
        authToken: authToken === "" ? undefined : authToken,
        authUser: authUser === "" ? undefined : authUser,
        skipPush: parseBoolean(INPUT_NAMES.skipPush, read(INPUT_NAMES.skipPush)),
        skipAddingSubstituter: parseBoolean(INPUT_NAMES.skipAddingSubstituter, read(INPUT_NAMES.skipAddingSubstituter)),
        pathsToPush: splitList(read(INPUT_NAMES.pathsToPush), /\s+/),
        pushFilter: pushFilter === "" ? undefined : parseRegExp(INPUT_NAMES.pushFilter, pushFilter),
        upstreamKeys: splitList(read(INPUT_NAMES.upstreamKeys), /\s+/).map((text) => withInput(INPUT_NAMES.upstreamKeys, () => (0,signing/* parsePublicKey */.ee)(text))),
        compressionLevel: parseInteger(INPUT_NAMES.compressionLevel, read(INPUT_NAMES.compressionLevel), 3, 1, 19),
        pushTimeoutMs: parseMinutes(INPUT_NAMES.pushTimeout, read(INPUT_NAMES.pushTimeout), 30) * 60_000,
        strict: parseBoolean(INPUT_NAMES.strict, read(INPUT_NAMES.strict)),
    };
}
function parseTarget(read) {
    const cacheUrl = read(INPUT_NAMES.cacheUrl);
    const name = read(INPUT_NAMES.name);
    if (cacheUrl !== "" && name !== "") {
        throw new errors/* InputError */.dz(INPUT_NAMES.cacheUrl, "give either `cacheUrl` (a binary cache URL) or `name` (a Cachix cache), not both");
    }
    if (cacheUrl !== "")
        return { kind: "url", url: parseCacheUrl(cacheUrl) };
    if (name !== "") {
        if (!isCachixCacheName(name)) {
            throw new errors/* InputError */.dz(INPUT_NAMES.name, `'${name}' is not a Cachix cache name (letters, digits and '-')`);
        }
        return { kind: "cachix", name, host: parseHttpUrl(INPUT_NAMES.cachixHost, read(INPUT_NAMES.cachixHost)) };
    }
    return {
        kind: "actions-cache",
        key: read(INPUT_NAMES.cacheKey),
        sizeLimit: parseByteSize(INPUT_NAMES.cacheSizeLimit, read(INPUT_NAMES.cacheSizeLimit) || DEFAULT_CACHE_SIZE_LIMIT),
    };
}
function parseCacheUrl(text) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new errors/* InputError */.dz(INPUT_NAMES.cacheUrl, "is not a URL; expected file:///path or http(s)://host/path");
    }
    if (!["file:", "http:", "https:"].includes(url.protocol)) {
        throw new errors/* InputError */.dz(INPUT_NAMES.cacheUrl, `unsupported scheme '${url.protocol}'; use file://, http:// or https://`);
    }
    if (url.username !== "" || url.password !== "") {
        throw new errors/* InputError */.dz(INPUT_NAMES.cacheUrl, "must not contain credentials; pass them in `authToken`");
    }
    if (url.search !== "" || url.hash !== "") {
        throw new errors/* InputError */.dz(INPUT_NAMES.cacheUrl, "must not contain a query or fragment");
    }
    if (url.protocol === "file:" && (url.host !== "" || url.pathname === "/")) {
        throw new errors/* InputError */.dz(INPUT_NAMES.cacheUrl, "a file:// URL needs an absolute directory, as in file:///srv/cache");
    }
    return url;
}
function parseHttpUrl(input, text) {
    const url = httpUrl(text);
    if (url === undefined)
        throw new errors/* InputError */.dz(input, "is not an http(s):// URL");
    return url;
}
/** The token goes into a netrc line and a Basic auth header: one word. Messages never show it. */
function checkAuthToken(token, target) {
    if (token === "")
        return token;
    if (/\s/.test(token)) {
        throw new errors/* InputError */.dz(INPUT_NAMES.authToken, "contains a line break or other white space; check how the secret was saved");
    }
    if (target.kind === "actions-cache") {
        throw new errors/* InputError */.dz(INPUT_NAMES.authToken, "is set but there is no cache to use it for: give `cacheUrl` (an http(s):// cache) or `name` (Cachix)");
    }
    return token;
}
/** The login of the netrc entry and before the colon of Basic auth, so neither white space nor ':'. */
function checkAuthUser(user) {
    if (/[\s:]/.test(user)) {
        throw new errors/* InputError */.dz(INPUT_NAMES.authUser, "must not contain white space or ':'");
    }
    return user;
}
function parseSigningKeyInput(text, target) {
    if (text === "")
        return undefined;
    return withInput(INPUT_NAMES.signingKey, () => {
        if (!text.includes(":") && target.kind === "cachix") {
            return (0,signing/* signingKeyFromBareBase64 */.K2)(cachixKeyName(target.name), text.trim());
        }
        return (0,signing/* parseSigningKey */.UG)(text);
    });
}
function parsePublicKeyInput(text, signingKey) {
    if (text === "")
        return signingKey?.publicKey;
    const publicKey = withInput(INPUT_NAMES.publicKey, () => (0,signing/* parsePublicKey */.ee)(text));
    if (signingKey !== undefined && !samePublicKey(publicKey, signingKey.publicKey)) {
        throw new errors/* InputError */.dz(INPUT_NAMES.publicKey, `does not belong to \`signingKey\` (key '${signingKey.name}'): readers trusting it could not verify pushed paths`);
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
        throw new errors/* InputError */.dz(input, error instanceof Error ? error.message : "is malformed");
    }
}
/** Well under the Actions cache's 10 GB per repository, leaving room for the repository's other caches. */
const DEFAULT_CACHE_SIZE_LIMIT = "4G";


/***/ }),

/***/ 9639:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BW: () => (/* binding */ formatSha256Nix32),
/* harmony export */   WG: () => (/* binding */ encodeBase64),
/* harmony export */   tz: () => (/* binding */ parseSha256),
/* harmony export */   y4: () => (/* binding */ decodeBase64)
/* harmony export */ });
/* harmony import */ var _nix_base32_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2745);

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
    if (body.length === (0,_nix_base32_js__WEBPACK_IMPORTED_MODULE_0__/* .nixBase32Length */ .gT)(SHA256_BYTES))
        return wrap(() => (0,_nix_base32_js__WEBPACK_IMPORTED_MODULE_0__/* .decodeNixBase32 */ .yT)(body), fail);
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
    return `sha256:${(0,_nix_base32_js__WEBPACK_IMPORTED_MODULE_0__/* .encodeNixBase32 */ .wC)(digest)}`;
}
function wrap(decode, fail) {
    let bytes;
    try {
        bytes = decode();
    }
    catch (error) {
        throw fail(error instanceof Error ? error.message : String(error));
    }
    if (bytes.length !== SHA256_BYTES)
        throw fail(`decodes to ${bytes.length} bytes, not ${SHA256_BYTES}`);
    return bytes;
}


/***/ }),

/***/ 2082:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AW: () => (/* binding */ renderNarInfo),
/* harmony export */   Ne: () => (/* binding */ parseNarInfo),
/* harmony export */   Z$: () => (/* binding */ sortedUnique),
/* harmony export */   og: () => (/* binding */ narInfoFingerprint)
/* harmony export */ });
/* harmony import */ var _hash_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9639);
/* harmony import */ var _store_path_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6056);


/** Without duplicates, in byte order: Nix keeps these in std::set, and JS's UTF-16 sort does not always match. */
function sortedUnique(values) {
    const unique = [...new Set(values)];
    // Store paths and signatures are ASCII, where UTF-16 order is byte order: no buffers per comparison.
    if (unique.every((value) => ASCII.test(value)))
        return unique.sort();
    return unique.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}
/** Printable ASCII: what store paths and signatures are made of. */
const ASCII = /^[ -~]*$/;
function storeDirOf(storePath) {
    return storePath.slice(0, Math.max(0, storePath.lastIndexOf("/")));
}
function sizeText(field, size) {
    if (!Number.isSafeInteger(size) || size < 0)
        throw new Error(`${field} must be a non-negative integer`);
    return String(size);
}
/** Renders a narinfo byte for byte as Nix 2.8 writes it. */
function renderNarInfo(info) {
    const storeDir = storeDirOf(info.storePath);
    (0,_store_path_js__WEBPACK_IMPORTED_MODULE_1__/* .parseStorePath */ .GV)(info.storePath, storeDir);
    const basename = (path) => (0,_store_path_js__WEBPACK_IMPORTED_MODULE_1__/* .parseStorePath */ .GV)(path, storeDir).basename;
    for (const [field, value] of Object.entries({
        URL: info.url,
        Compression: info.compression,
        CA: info.ca,
    })) {
        if (value !== undefined && /[\r\n]/.test(value)) {
            throw new Error(`narinfo ${field} contains a line break`);
        }
    }
    if (info.url === "" || info.compression === "") {
        throw new Error("narinfo URL and Compression must not be empty");
    }
    for (const sig of info.sigs) {
        if (/[\r\n]/.test(sig))
            throw new Error("narinfo Sig contains a line break");
    }
    const lines = [
        `StorePath: ${info.storePath}`,
        `URL: ${info.url}`,
        `Compression: ${info.compression}`,
        `FileHash: ${(0,_hash_js__WEBPACK_IMPORTED_MODULE_0__/* .formatSha256Nix32 */ .BW)(info.fileHash)}`,
        `FileSize: ${sizeText("FileSize", info.fileSize)}`,
        `NarHash: ${(0,_hash_js__WEBPACK_IMPORTED_MODULE_0__/* .formatSha256Nix32 */ .BW)(info.narHash)}`,
        `NarSize: ${sizeText("NarSize", info.narSize)}`,
        `References: ${sortedUnique(info.references.map(basename)).join(" ")}`,
    ];
    if (info.deriver !== undefined)
        lines.push(`Deriver: ${basename(info.deriver)}`);
    for (const sig of sortedUnique(info.sigs))
        lines.push(`Sig: ${sig}`);
    if (info.ca !== undefined)
        lines.push(`CA: ${info.ca}`);
    return `${lines.join("\n")}\n`;
}
/**
 * The string a narinfo signature signs: `1;<path>;sha256:<nix32>;<narSize>;<sorted full references>`.
 * URL, compression, file hash, deriver and CA are not covered.
 */
function narInfoFingerprint(storePath, narHash, narSize, references) {
    if (!Number.isSafeInteger(narSize) || narSize <= 0) {
        throw new Error(`cannot fingerprint ${storePath}: its NAR size is not known`);
    }
    const storeDir = storeDirOf(storePath);
    for (const ref of [storePath, ...references])
        (0,_store_path_js__WEBPACK_IMPORTED_MODULE_1__/* .parseStorePath */ .GV)(ref, storeDir);
    return `1;${storePath};${(0,_hash_js__WEBPACK_IMPORTED_MODULE_0__/* .formatSha256Nix32 */ .BW)(narHash)};${narSize};${sortedUnique(references).join(",")}`;
}
/**
 * Parses a narinfo with Nix's rules: `Key: value` lines each ending in LF, unknown keys ignored, Compression
 * defaulting to bzip2, `unknown-deriver` meaning none. Stricter than Nix where Nix silently misreads.
 */
function parseNarInfo(text, storeDir = _store_path_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_STORE_DIR */ .qC) {
    const corrupt = (why) => new Error(`corrupt narinfo: ${why}`);
    if (text.includes("\r"))
        throw corrupt("it contains a carriage return (CRLF line endings?)");
    if (text === "" || !text.endsWith("\n"))
        throw corrupt("it is empty or its last line lacks a newline");
    const fields = new Map();
    const lines = text.slice(0, -1).split("\n");
    for (const [index, line] of lines.entries()) {
        // Like Nix: the key ends at the first ':' and the value starts two characters later.
        const colon = line.indexOf(":");
        if (colon <= 0 || line[colon + 1] !== " ")
            throw corrupt(`line ${index + 1} is not 'Key: value'`);
        const key = line.slice(0, colon);
        fields.set(key, [...(fields.get(key) ?? []), line.slice(colon + 2)]);
    }
    const single = (key) => {
        const values = fields.get(key);
        if (values !== undefined && values.length > 1)
            throw corrupt(`${key} appears ${values.length} times`);
        return values?.[0];
    };
    const required = (key) => {
        const value = single(key);
        if (value === undefined || value === "")
            throw corrupt(`${key} is missing`);
        return value;
    };
    const hash = (key) => {
        try {
            return (0,_hash_js__WEBPACK_IMPORTED_MODULE_0__/* .parseSha256 */ .tz)(required(key));
        }
        catch (error) {
            throw corrupt(`${key}: ${error instanceof Error ? error.message : String(error)}`);
        }
    };
    const size = (key) => {
        const value = required(key);
        if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(Number(value))) {
            throw corrupt(`${key} is not a size`);
        }
        return Number(value);
    };
    const storePath = (value) => {
        try {
            return (0,_store_path_js__WEBPACK_IMPORTED_MODULE_1__/* .parseStorePath */ .GV)(value, storeDir).full;
        }
        catch (error) {
            throw corrupt(error instanceof Error ? error.message : String(error));
        }
    };
    const narSize = size("NarSize");
    if (narSize === 0)
        throw corrupt("NarSize is 0");
    const deriver = single("Deriver");
    const ca = single("CA");
    return {
        storePath: storePath(required("StorePath")),
        url: required("URL"),
        compression: single("Compression") || "bzip2",
        fileHash: hash("FileHash"),
        fileSize: size("FileSize"),
        narHash: hash("NarHash"),
        narSize,
        references: (single("References") ?? "")
            .split(" ")
            .filter((ref) => ref !== "")
            .map((ref) => storePath(`${storeDir}/${ref}`)),
        ...(deriver !== undefined && deriver !== "unknown-deriver"
            ? { deriver: storePath(`${storeDir}/${deriver}`) }
            : {}),
        sigs: fields.get("Sig") ?? [],
        ...(ca !== undefined ? { ca } : {}),
    };
}


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
/* harmony export */   K2: () => (/* binding */ signingKeyFromBareBase64),
/* harmony export */   UG: () => (/* binding */ parseSigningKey),
/* harmony export */   _s: () => (/* binding */ signFingerprint),
/* harmony export */   ee: () => (/* binding */ parsePublicKey),
/* harmony export */   et: () => (/* binding */ formatPublicKey),
/* harmony export */   nk: () => (/* binding */ hasValidSignature),
/* harmony export */   uT: () => (/* binding */ parseSignature)
/* harmony export */ });
/* unused harmony export verifySignature */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var tweetnacl__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(668);
/* harmony import */ var tweetnacl__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(tweetnacl__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _hash_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9639);



// Error messages below must never quote the key text: secret keys pass through here.
function splitNamed(text, what, byteLength) {
    const trimmed = text.trim();
    const colon = trimmed.indexOf(":");
    if (colon < 0)
        throw new Error(`invalid ${what}: expected name:base64, but there is no ':'`);
    if (colon === 0)
        throw new Error(`invalid ${what}: missing key name before ':'`);
    return { name: trimmed.slice(0, colon), bytes: decodeKeyBytes(trimmed.slice(colon + 1), what, byteLength) };
}
function decodeKeyBytes(base64, what, byteLength) {
    let bytes;
    try {
        bytes = (0,_hash_js__WEBPACK_IMPORTED_MODULE_2__/* .decodeBase64 */ .y4)(base64);
    }
    catch (error) {
        throw new Error(`invalid ${what}: ${error instanceof Error ? error.message : "bad base64"}`);
    }
    if (bytes.length !== byteLength) {
        throw new Error(`invalid ${what}: expected base64 of ${byteLength} bytes, got ${bytes.length} bytes`);
    }
    return bytes;
}
function completeSigningKey(name, secretKey) {
    const derived = publicKeyOfSeed(secretKey.subarray(0, 32));
    const stored = secretKey.subarray(32);
    if (!tweetnacl__WEBPACK_IMPORTED_MODULE_1___default().verify(derived, stored)) {
        throw new Error("invalid secret key: the public half does not match the secret half");
    }
    return { name, secretKey, publicKey: { name, key: new Uint8Array(stored) } };
}
/** RFC 8410's PKCS#8 wrapping of a raw Ed25519 seed: the form node:crypto imports. */
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
/**
 * The public key of an Ed25519 seed. Every step parses its inputs, the signing key included, and tweetnacl takes
 * milliseconds for this one scalar multiplication, OpenSSL microseconds: a step that signs nothing should not pay.
 */
function publicKeyOfSeed(seed) {
    const privateKey = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPrivateKey)({
        key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
        format: "der",
        type: "pkcs8",
    });
    const { x } = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)(privateKey).export({ format: "jwk" });
    return Buffer.from(x ?? "", "base64url");
}
/** Parses a Nix secret key file (`name:base64(64 bytes)`, as written by `nix-store --generate-binary-cache-key`). */
function parseSigningKey(text) {
    const { name, bytes } = splitNamed(text, "secret key", (tweetnacl__WEBPACK_IMPORTED_MODULE_1___default().sign).secretKeyLength);
    return completeSigningKey(name, bytes);
}
/** Builds a signing key from a bare base64 secret key (the form Cachix hands out) and a name to sign as. */
function signingKeyFromBareBase64(name, base64) {
    if (name === "" || name.includes(":"))
        throw new Error("invalid key name: it must be non-empty without ':'");
    return completeSigningKey(name, decodeKeyBytes(base64.trim(), "secret key", (tweetnacl__WEBPACK_IMPORTED_MODULE_1___default().sign).secretKeyLength));
}
/** Parses a public key as listed in `trusted-public-keys` (`name:base64(32 bytes)`). */
function parsePublicKey(text) {
    const { name, bytes } = splitNamed(text, "public key", (tweetnacl__WEBPACK_IMPORTED_MODULE_1___default().sign).publicKeyLength);
    return { name, key: bytes };
}
/** Renders a public key the way `trusted-public-keys` expects it. */
function formatPublicKey(key) {
    return `${key.name}:${(0,_hash_js__WEBPACK_IMPORTED_MODULE_2__/* .encodeBase64 */ .WG)(key.key)}`;
}
/** Signs a narinfo fingerprint; the result is the value of a `Sig:` line. */
function signFingerprint(fingerprint, key) {
    const signature = tweetnacl__WEBPACK_IMPORTED_MODULE_1___default().sign.detached(new TextEncoder().encode(fingerprint), key.secretKey);
    return `${key.name}:${(0,_hash_js__WEBPACK_IMPORTED_MODULE_2__/* .encodeBase64 */ .WG)(signature)}`;
}
/** A `Sig:` value split into its key name and the 64 signature bytes; undefined when it is not of that shape. */
function parseSignature(sig) {
    const colon = sig.indexOf(":");
    if (colon <= 0)
        return undefined;
    try {
        const bytes = (0,_hash_js__WEBPACK_IMPORTED_MODULE_2__/* .decodeBase64 */ .y4)(sig.slice(colon + 1));
        return bytes.length === (tweetnacl__WEBPACK_IMPORTED_MODULE_1___default().sign).signatureLength ? { name: sig.slice(0, colon), bytes } : undefined;
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
        key.key.length === (tweetnacl__WEBPACK_IMPORTED_MODULE_1___default().sign).publicKeyLength &&
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
// Post checks the signatures of every path a job substituted (thousands, on a big closure): tweetnacl's verify
// takes milliseconds each, OpenSSL's Ed25519 (node:crypto, the same algorithm) microseconds. Signing stays with
// tweetnacl; both are byte-for-byte Ed25519.
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

/***/ 2094:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BA: () => (/* binding */ NixCommandError),
/* harmony export */   NK: () => (/* binding */ execCommand),
/* harmony export */   X4: () => (/* binding */ runChecked)
/* harmony export */ });
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1955);
/** The one way the action runs Nix: a small runner interface, so tests can count or script calls. */

/** Runs through @actions/exec, quietly: the caller decides what reaches the log. */
const execCommand = async (program, args) => {
    const result = await (0,_actions_exec__WEBPACK_IMPORTED_MODULE_0__/* .getExecOutput */ .H)(program, [...args], { silent: true, ignoreReturnCode: true });
    return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
};
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

/***/ 9518:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  x: () => (/* binding */ NixStore),
  K: () => (/* binding */ listStorePaths)
});

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
var command = __webpack_require__(2094);
;// CONCATENATED MODULE: ./src/nix/store.ts
/**
 * Questions to the local Nix store, asked in bulk: a handful of processes per post step however many paths there
 * are, since spawning Nix once per path is what makes other caching actions slow.
 */




/** Paths per Nix call: far below Linux's 2 MiB argument limit even for long names. */
const BATCH_SIZE = 5000;
/** Nix settings for our own queries: never consult a remote substituter while asking about local paths. */
const QUERY_OPTIONS = ["--option", "substituters", ""];
class NixStore {
    run;
    storeDir;
    constructor(run, storeDir) {
        this.run = run;
        this.storeDir = storeDir;
    }
    /** Nix's version, e.g. "2.8.0"; throws when Nix is not installed or does not run. */
    async version() {
        const stdout = await (0,command/* runChecked */.X4)(this.run, "nix-store", ["--version"]);
        const match = /(\d+\.\d+(?:\.\d+)?)/.exec(stdout);
        if (match?.[1] === undefined)
            throw new Error(`cannot tell Nix's version from '${stdout.trim()}'`);
        return match[1];
    }
    /** Nix's effective settings as this user sees them (config files and NIX_CONFIG), by name. */
    async showConfig() {
        const stdout = await (0,command/* runChecked */.X4)(this.run, "nix", [
            "--extra-experimental-features",
            "nix-command",
            "show-config",
            "--json",
        ]);
        const settings = JSON.parse(stdout);
        return Object.fromEntries(Object.entries(settings).map(([name, setting]) => [name, setting?.value]));
    }
    /** The names in the store directory as they are (store paths, `.drv` files, `.links`, locks…), unchecked. */
    async listStoreEntries() {
        return readStoreDirectory(this.storeDir);
    }
    /** The subset of `paths` that Nix has registered as valid (fully built or substituted). */
    async filterValid(paths) {
        const invalid = new Set();
        for (const batch of batches(paths)) {
            const stdout = await (0,command/* runChecked */.X4)(this.run, "nix-store", [
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
     * Metadata of the closures of those of `paths` that are valid, keyed by path. `nix path-info` realises its
     * arguments: for a path that is not valid it tries the substituters — none for our own queries, but a daemon
     * ignores `substituters` from an untrusted user and may look the path up in (and fetch it from) its own. So when
     * some path may still be in the making (`mayBeInvalid`), validity is asked first (`nix-store --check-validity`
     * realises nothing); otherwise one call does, and only if a path turns out invalid after all, which fails Nix
     * 2.8's `--recursive` as a whole, is validity asked and the call made again.
     */
    async closureOfValid(paths, options = {}) {
        if (options.mayBeInvalid)
            return this.pathInfo(await this.filterValid(paths), { recursive: true });
        try {
            return await this.pathInfo(paths, { recursive: true });
        }
        catch (error) {
            if (!(error instanceof command/* NixCommandError */.BA))
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
                    "--extra-experimental-features",
                    "nix-command",
                    ...QUERY_OPTIONS,
                    "path-info",
                    "--json",
                    ...(options.recursive ? ["--recursive"] : []),
                ];
                const stdout = await (0,command/* runChecked */.X4)(this.run, "nix", [...args, ...extra, ...batch]);
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


/***/ }),

/***/ 5288:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Br: () => (/* binding */ renderSummary),
/* harmony export */   Gr: () => (/* binding */ pushTotals),
/* harmony export */   SS: () => (/* binding */ describeOutcome),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
/** Counts over a report; `skipped` is every path considered but not pushed, for whatever reason. */
function pushTotals(report) {
    let pushed = 0;
    let narBytes = 0;
    let fileBytes = 0;
    let notPushed = 0;
    for (const outcome of report.outcomes.values()) {
        if (outcome.status === "pushed") {
            pushed++;
            narBytes += outcome.narSize;
            fileBytes += outcome.fileSize;
        }
        else {
            notPushed++;
        }
    }
    const { upstream, cached, filtered, unknown } = report.selection;
    const skipped = notPushed + upstream.length + cached.length + filtered.length + unknown.length;
    return { pushed, narBytes, fileBytes, notPushed, skipped };
}
/** The job summary: counts by reason, bytes, speed, and the paths left out with why. */
function renderSummary(report) {
    const totals = pushTotals(report);
    const counts = countByStatus(report.outcomes);
    const rate = report.seconds > 0 ? totals.narBytes / report.seconds : 0;
    const skips = [
        ["Skipped: signed by an upstream cache", report.selection.upstream.length],
        ["Skipped: already in the cache", report.selection.cached.length],
        ["Skipped: matched pushFilter", report.selection.filtered.length],
        ["Skipped: not a valid store path", report.selection.unknown.length],
        ["Failed", counts.failed],
        ["Not pushed: a reference failed", counts["dependency-failed"]],
        ["Not pushed: out of time (pushTimeout)", counts["timed-out"]],
    ];
    const rows = [
        ["Pushed", `${totals.pushed}`],
        // Only the reasons that occurred: a table of zeros hides the one row that matters.
        ...skips.filter(([, count]) => count > 0).map(([label, count]) => [label, `${count}`]),
        ["NAR bytes", formatBytes(totals.narBytes)],
        ["Uploaded (zstd)", formatBytes(totals.fileBytes)],
        ["Time", `${report.seconds.toFixed(1)} s (${formatBytes(rate)}/s of NAR)`],
    ];
    const lines = [
        `### Nix binary cache: ${totals.pushed} path${totals.pushed === 1 ? "" : "s"} pushed to ${escapeMarkdown(report.cache)}`,
        "",
        "| | |",
        "|---|---:|",
        ...rows.map(([label, value]) => `| ${label} | ${value} |`),
    ];
    const problems = [...report.outcomes].filter(([, outcome]) => outcome.status !== "pushed");
    const unknown = report.selection.unknown.map((path) => [path, "not a valid store path"]);
    const listed = [
        ...problems.map(([path, outcome]) => [path, describeOutcome(outcome)]),
        ...unknown,
    ];
    if (listed.length > 0) {
        lines.push("", "<details><summary>Paths not pushed</summary>", "");
        for (const [path, why] of listed.slice(0, 100))
            lines.push(`- \`${path}\`: ${escapeMarkdown(why)}`);
        if (listed.length > 100)
            lines.push(`- … and ${listed.length - 100} more`);
        lines.push("", "</details>");
    }
    return `${lines.join("\n")}\n`;
}
function describeOutcome(outcome) {
    switch (outcome.status) {
        case "pushed":
            return "pushed";
        case "failed":
        case "dependency-failed":
            return outcome.reason;
        case "timed-out":
            return "pushTimeout ran out before it was pushed";
    }
}
function countByStatus(outcomes) {
    const counts = { pushed: 0, failed: 0, "dependency-failed": 0, "timed-out": 0 };
    for (const outcome of outcomes.values())
        counts[outcome.status]++;
    return counts;
}
/** "1.5 MiB": sizes for people. */
function formatBytes(bytes) {
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
function escapeMarkdown(text) {
    return text.replace(/[|<>]/g, (character) => `\\${character}`);
}


/***/ }),

/***/ 5977:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runStep: () => (/* binding */ runStep)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/state.ts
/** What setup hands to post, kept in the step's state (the runner passes it back as STATE_*). */

const STATE_KEY = "nix-binary-cache";
/** Saves setup's state for the post step. */
function saveSetupState(state) {
    core/* saveState */.LZ(STATE_KEY, JSON.stringify(state));
}
/** The state setup saved, or undefined when setup did not get that far (post then has nothing to do). */
function loadSetupState() {
    const text = core/* getState */.Gu(STATE_KEY);
    if (text === "")
        return undefined;
    const state = JSON.parse(text);
    return state.version === 1 ? state : undefined;
}
/** State that only post sees: main and post run the same bundle, and this is how it tells which step it is. */
const POST_MARK = "isPost";
/** Called first thing in main, so that even a main that fails leaves its post knowing it is the post step. */
function markMainStepStarted() {
    core/* saveState */.LZ(POST_MARK, "true");
}
function isPostStep() {
    return core/* getState */.Gu(POST_MARK) === "true";
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./src/inputs.ts + 2 modules
var src_inputs = __webpack_require__(6756);
;// CONCATENATED MODULE: ./src/cache/create-cache.ts
/**
 * Picks the cache backend for the inputs: one branch per kind of cache. Backends are loaded on demand: the Actions
 * cache brings the Azure SDK, and parsing code a job never runs costs every job start-up time and memory.
 */


/** The backend for the inputs' cache target. */
async function createCache(context) {
    const target = context.inputs.target;
    switch (target.kind) {
        case "url":
            if (target.url.protocol === "file:")
                return new (await __webpack_require__.e(/* import() */ 210).then(__webpack_require__.bind(__webpack_require__, 4210))).FileCache(target.url, context);
            if (target.url.protocol === "http:" || target.url.protocol === "https:") {
                return new (await __webpack_require__.e(/* import() */ 300).then(__webpack_require__.bind(__webpack_require__, 3300))).HttpCache(target.url, context);
            }
            // parseInputs admits only these schemes; this guards a future one added there but not here.
            throw new errors/* InputError */.dz(src_inputs/* INPUT_NAMES */.Qh.cacheUrl, `${target.url.protocol}// caches are not supported`);
        case "cachix":
            return new (await __webpack_require__.e(/* import() */ 507).then(__webpack_require__.bind(__webpack_require__, 1507))).CachixCache(target, context);
        case "actions-cache":
            return new (await Promise.all(/* import() */[__webpack_require__.e(691), __webpack_require__.e(938)]).then(__webpack_require__.bind(__webpack_require__, 4938))).ActionsCache(target, context);
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/nix/config.ts
/**
 * Nix settings for the steps after setup. They travel in NIX_CONFIG, which Nix reads after its config files, so
 * the user's nix.conf and any NIX_CONFIG already set keep working: we only append `extra-*` lines, which add to a
 * setting rather than replace it.
 */
/** The nix.conf lines for `settings`. */
function nixConfigLines(settings) {
    return [
        ...settings.substituters.map((url) => `extra-substituters = ${url}`),
        ...settings.trustedPublicKeys.map((key) => `extra-trusted-public-keys = ${key}`),
        ...(settings.extraLines ?? []),
    ];
}
/** NIX_CONFIG with our lines appended to `existing`; lines already there are not repeated. */
function mergeNixConfig(existing, settings) {
    const merged = (existing ?? "").split("\n").filter((line) => line.trim() !== "");
    for (const line of nixConfigLines(settings))
        if (!merged.includes(line))
            merged.push(line);
    return merged.join("\n");
}

// EXTERNAL MODULE: ./src/nix/command.ts
var nix_command = __webpack_require__(2094);
;// CONCATENATED MODULE: ./src/nix/installation.ts
/**
 * Which kind of Nix installation the job runs on, told from facts rather than the OS: how Nix picks its store
 * (NIX_REMOTE, the `store` setting, whether the state directory is writable, the daemon socket) and whether the
 * daemon trusts this user (the effective `trusted-users`). Each kind needs the cache configured differently.
 */



/** Classifies an installation the way Nix itself chooses a store, then asks whether the daemon trusts us. */
function classifyInstallation(facts) {
    const uri = facts.storeUri;
    const viaDaemon = uri === "daemon" ||
        uri.startsWith("unix://") ||
        ((uri === "" || uri === "auto") && !facts.stateDirWritable && facts.daemonSocketExists);
    if (!viaDaemon) {
        const why = uri === "" || uri === "auto" ? "the store's state directory is writable" : `the store is '${uri}'`;
        return { kind: "single-user", reason: `Nix opens the store itself (${why})` };
    }
    const trustedAs = facts.trustedUsers.find((entry) => entry === "*" ||
        entry === facts.userName ||
        (entry.startsWith("@") && facts.groups.includes(entry.slice(1))));
    if (trustedAs !== undefined) {
        return {
            kind: "daemon-trusted",
            reason: `the daemon trusts '${facts.userName}' (trusted-users has '${trustedAs}')`,
        };
    }
    return {
        kind: "daemon-untrusted",
        reason: `'${facts.userName}' is not in the daemon's trusted-users (${facts.trustedUsers.join(" ") || "empty"})`,
    };
}
/** Gathers the facts for classifyInstallation from the environment, the file system and Nix's settings. */
async function detectInstallation(settings, env, run) {
    const trustedUsers = settings["trusted-users"];
    return classifyInstallation({
        userName: (0,external_node_os_.userInfo)().username,
        groups: await groupNames(run),
        storeUri: env.NIX_REMOTE || (typeof settings.store === "string" ? settings.store : ""),
        stateDirWritable: await canAccess(nixStateDir(env), promises_.constants.W_OK),
        daemonSocketExists: await canAccess(daemonSocketPath(env), promises_.constants.F_OK),
        trustedUsers: Array.isArray(trustedUsers) ? trustedUsers.filter((user) => typeof user === "string") : [],
    });
}
async function groupNames(run) {
    const stdout = await (0,nix_command/* runChecked */.X4)(run, "id", ["-Gn"]).catch(() => "");
    return stdout.split(/\s+/).filter((name) => name !== "");
}
/** Nix's state directory, where a single-user Nix writes its database. */
function nixStateDir(env) {
    return env.NIX_STATE_DIR || "/nix/var/nix";
}
/** The socket a multi-user Nix's daemon listens on. */
function daemonSocketPath(env) {
    return env.NIX_DAEMON_SOCKET_PATH || `${nixStateDir(env)}/daemon-socket/socket`;
}
/** Whether `path` is there with the access `mode` asks (fs.constants.F_OK, W_OK, X_OK). */
function canAccess(path, mode) {
    return (0,promises_.access)(path, mode).then(() => true, () => false);
}

;// CONCATENATED MODULE: ./src/nix/netrc.ts
/** `existing` with the entries for our machines replaced by `ours`; other entries and `default` kept as they were. */
function mergeNetrc(existing, ours) {
    const replaced = new Set(ours.map((entry) => entry.machine));
    const kept = splitBlocks(existing).filter((block) => block.machine === undefined || !replaced.has(block.machine));
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
    for (const value of [entry.machine, entry.login, entry.password]) {
        // A token with white space would split into two; netrc has no quoting that curl 7 understands everywhere.
        if (value !== undefined && /\s/.test(value))
            throw new Error("netrc values cannot contain white space");
    }
    const login = entry.login === undefined ? "" : `\nlogin ${entry.login}`;
    return `machine ${entry.machine}${login}\npassword ${entry.password}`;
}
/** Splits a netrc into its entries, keeping each entry's original text. */
function splitBlocks(text) {
    const blocks = [];
    const tokenPattern = /\S+/g;
    let current;
    const close = (end) => {
        if (current !== undefined) {
            const { machine, isDefault, start } = current;
            blocks.push({ machine, isDefault, text: text.slice(start, end) });
        }
        else if (end > 0) {
            blocks.push({ isDefault: false, text: text.slice(0, end) });
        }
    };
    for (let match = tokenPattern.exec(text); match !== null; match = tokenPattern.exec(text)) {
        const token = match[0];
        if (token === "machine" || token === "default") {
            close(match.index);
            const machine = token === "machine" ? tokenPattern.exec(text)?.[0] : undefined;
            current = { machine, isDefault: token === "default", start: match.index };
        }
        else if (token === "macdef") {
            // A macro runs to the next blank line; its body is not tokens.
            const end = text.indexOf("\n\n", match.index);
            tokenPattern.lastIndex = end === -1 ? text.length : end;
        }
    }
    close(text.length);
    return blocks;
}

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/nix/system-config.ts
/**
 * The system-wide nix.conf, for a daemon that ignores an untrusted user's own settings. Our lines go in a marked
 * block, appended, so the rest of the file is never touched; post removes exactly that block again and restarts
 * the daemon, so a self-hosted runner does not keep our substituters for the next job.
 */





const begin = (id) => `# nix-binary-cache-action ${id}: begin (the action's post step removes this block)`;
const end = (id) => `# nix-binary-cache-action ${id}: end`;
/** `text` with a block of `lines` appended under markers for `id` (replacing an older block of the same id). */
function addManagedBlock(text, id, lines) {
    const base = removeManagedBlock(text, id);
    const separator = base === "" || base.endsWith("\n") ? "" : "\n";
    return `${base}${separator}${begin(id)}\n${lines.join("\n")}\n${end(id)}\n`;
}
/** `text` without the block for `id`; everything else byte for byte. */
function removeManagedBlock(text, id) {
    const start = text.indexOf(`${begin(id)}\n`);
    if (start === -1)
        return text;
    const stop = text.indexOf(`${end(id)}\n`, start);
    if (stop === -1)
        return text;
    return text.slice(0, start) + text.slice(stop + end(id).length + 1);
}
/** Edits the system nix.conf through passwordless sudo and restarts the daemon. */
class SystemNixConfig {
    options;
    constructor(options) {
        this.options = options;
    }
    /** `$NIX_CONF_DIR/nix.conf`, which the daemon reads. */
    get file() {
        return (0,external_node_path_.join)(this.options.env.NIX_CONF_DIR || "/etc/nix", "nix.conf");
    }
    /** True when sudo works without a password (as on GitHub-hosted runners). */
    async canSudo() {
        const result = await this.options.run("sudo", ["-n", "true"]).catch(() => undefined);
        return result?.exitCode === 0;
    }
    /** Appends our block to the system config and restarts the daemon. */
    async apply(id, lines) {
        const current = await (0,promises_.readFile)(this.file, "utf8").catch(() => "");
        await this.write(addManagedBlock(current, id, lines));
        await this.restartDaemon();
        return { file: this.file, id };
    }
    /** Removes our block again (whatever else changed meanwhile stays) and restarts the daemon. */
    async revert(change) {
        const current = await (0,promises_.readFile)(change.file, "utf8");
        const restored = removeManagedBlock(current, change.id);
        if (restored === current)
            return;
        await this.write(restored, change.file);
        await this.restartDaemon();
    }
    async write(content, file = this.file) {
        const staged = (0,external_node_path_.join)(this.options.tempDir, `nix.conf.${process.pid}.${Date.now()}`);
        await (0,promises_.writeFile)(staged, content, { mode: 0o644 });
        // cp onto an existing file keeps its owner and mode; the staged copy holds no secret (netrc stays a path).
        await (0,nix_command/* runChecked */.X4)(this.options.run, "sudo", ["-n", "cp", staged, file]);
    }
    /** systemd or launchd, whichever the platform has; then waits until the daemon accepts connections again. */
    async restartDaemon() {
        const command = (this.options.platform ?? process.platform) === "darwin"
            ? ["launchctl", "kickstart", "-k", "system/org.nixos.nix-daemon"]
            : ["systemctl", "restart", "nix-daemon"];
        const [program, ...args] = command;
        // sudo resets PATH, so hand it the program this job's PATH finds.
        await (0,nix_command/* runChecked */.X4)(this.options.run, "sudo", ["-n", await findProgram(program, this.options.env), ...args]);
        await this.waitForSocket();
    }
    async waitForSocket() {
        const socket = daemonSocketPath(this.options.env);
        for (let attempt = 0; attempt < 100; attempt++) {
            if (await canAccess(socket, promises_.constants.F_OK))
                return;
            await (0,external_node_timers_promises_.setTimeout)(100);
        }
        throw new Error(`the Nix daemon did not come back after the restart (no ${socket})`);
    }
}
async function findProgram(name, env) {
    for (const dir of (env.PATH ?? "").split(external_node_path_.delimiter).filter((entry) => entry !== "")) {
        const candidate = (0,external_node_path_.join)(dir, name);
        if (await canAccess(candidate, promises_.constants.X_OK))
            return candidate;
    }
    return name;
}

;// CONCATENATED MODULE: ./src/configure-nix.ts
/**
 * Makes later steps read the cache: substituters, their keys and netrc credentials, written where the job's Nix
 * will read them. How depends on the installation: the job's own NIX_CONFIG (through GITHUB_ENV) where Nix or a
 * trusting daemon honours it; otherwise a marked block in the system nix.conf through passwordless sudo, which
 * post removes again. Credentials go to a private netrc under RUNNER_TEMP, which post deletes.
 */








/** Applies `config` for later steps. */
async function configureNixForLaterSteps(config, deps) {
    const { log } = deps;
    const usable = config.substituters.filter((substituter) => substituter.publicKeys.length > 0);
    for (const substituter of config.substituters.filter((s) => s.publicKeys.length === 0)) {
        log.notice(`No public key is known for ${substituter.url}, so Nix could not verify paths from it: it is not added as a ` +
            "substituter. Give `publicKey` (or `signingKey`).");
    }
    if (usable.length === 0 && config.netrc.length === 0)
        return { added: [], configured: true };
    const settings = await deps.nix.showConfig();
    const installation = await detectInstallation(settings, deps.env, deps.run);
    log.info(`Nix installation: ${installation.kind}: ${installation.reason}.`);
    const netrcFile = config.netrc.length === 0
        ? undefined
        : await writeNetrc(config.netrc, settings["netrc-file"], deps.tempDir);
    if (netrcFile !== undefined) {
        log.info(`Credentials for ${config.netrc.map((entry) => entry.machine).join(", ")} written to ${netrcFile}.`);
    }
    const settingsToAdd = {
        substituters: usable.map((substituter) => substituter.url),
        trustedPublicKeys: [...new Set(usable.flatMap((substituter) => substituter.publicKeys))],
        extraLines: netrcFile === undefined ? [] : [`netrc-file = ${netrcFile}`],
    };
    if (installation.kind !== "daemon-untrusted") {
        deps.runner.exportVariable("NIX_CONFIG", mergeNixConfig(deps.env.NIX_CONFIG, settingsToAdd));
        logAdded(log, usable, "NIX_CONFIG (for the steps after this one)");
        return { added: usable, configured: true, netrcFile };
    }
    const lines = nixConfigLines(settingsToAdd);
    const system = new SystemNixConfig({ run: deps.run, env: deps.env, tempDir: deps.tempDir });
    if (!(await system.canSudo())) {
        log.warning(`The Nix daemon ignores this user's substituters and sudo needs a password, so the cache cannot be set up ` +
            `from this job; the build goes on without it. An administrator can add these lines to ${system.file} ` +
            `and restart nix-daemon:\n${lines.join("\n")}`);
        return { added: [], configured: false, netrcFile };
    }
    const id = `${deps.env.GITHUB_RUN_ID ?? "local"}-${(0,external_node_crypto_.randomBytes)(4).toString("hex")}`;
    const systemChange = await system.apply(id, lines);
    logAdded(log, usable, `${system.file} (with sudo; the daemon was restarted, and post removes these lines)`);
    return { added: usable, configured: true, systemChange, netrcFile };
}
/** Post: removes what setup wrote outside the job's own environment. Never throws; trouble is a warning. */
async function undoNixConfig(done, deps) {
    if (done.systemChange !== undefined) {
        try {
            await new SystemNixConfig(deps).revert(done.systemChange);
            deps.log.info(`Removed our lines from ${done.systemChange.file} and restarted the Nix daemon.`);
        }
        catch (error) {
            deps.log.warning(`Could not remove our lines from ${done.systemChange.file}: ${(0,errors/* describeError */.Uc)(error)}`);
        }
    }
    if (done.netrcFile !== undefined)
        await (0,promises_.rm)(done.netrcFile, { force: true });
}
function logAdded(log, added, where) {
    for (const substituter of added) {
        log.info(`Later steps substitute from ${substituter.url}, trusting ${substituter.publicKeys.join(" ")}: in ${where}.`);
    }
}
/**
 * A netrc under RUNNER_TEMP holding the entries of the one Nix uses now plus ours, readable by this user only;
 * pointing Nix at it leaves the original file untouched.
 */
async function writeNetrc(entries, current, tempDir) {
    const existing = typeof current === "string" && current !== "" ? await (0,promises_.readFile)(current, "utf8").catch(() => "") : "";
    const dir = (0,external_node_path_.join)(tempDir, "nix-binary-cache");
    await (0,promises_.mkdir)(dir, { recursive: true, mode: 0o700 });
    const file = (0,external_node_path_.join)(dir, "netrc");
    await (0,promises_.writeFile)(file, mergeNetrc(existing, entries), { mode: 0o600 });
    // writeFile's mode applies only when it creates the file.
    await (0,promises_.chmod)(file, 0o600);
    return file;
}

// EXTERNAL MODULE: ./src/lib/store-path.ts
var store_path = __webpack_require__(6056);
// EXTERNAL MODULE: ./src/nix/store.ts + 1 modules
var store = __webpack_require__(9518);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/nix/store-files.ts

/**
 * Bytes per read of a large file. Big enough that a read costs little next to compressing it, small enough that
 * the event loop (which also serves the other paths in flight) is never held up for long.
 */
const READ_SIZE = 1024 * 1024;
// The calls below are synchronous on purpose. Store paths are read right after they were built or substituted,
// from the page cache, where a synchronous lstat or read takes microseconds while the promise API's round trip
// through the libuv thread pool costs tens of them — per call, for tens of thousands of small files — and would
// queue behind the zstd work that shares that pool.
function statEntry(path) {
    const stat = (0,external_node_fs_.lstatSync)(path);
    if (stat.isFile())
        return { type: "regular", size: stat.size, executable: (stat.mode & 0o100) !== 0 };
    if (stat.isDirectory())
        return { type: "directory" };
    if (stat.isSymbolicLink())
        return { type: "symlink" };
    return { type: "other" };
}
async function* readWholeFile(path, size, scratch) {
    // O_NOFOLLOW: the entry was lstat'ed as a regular file; never let a swapped-in symlink redirect the read.
    const fd = (0,external_node_fs_.openSync)(path, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NOFOLLOW);
    try {
        let total = 0;
        // Read to end of file rather than `size` bytes, so that a file that grew is noticed too: the last read asks
        // for one byte more than is left. Judging the size is dumpNar's: it yields what it finds, up to one byte over.
        for (;;) {
            const want = Math.min(scratch?.length ?? READ_SIZE, size - total + 1);
            // Without a scratch buffer, a fresh buffer for every read, sized to what is left: the consumer may keep the
            // chunk, and an exact size spares a copy.
            const buffer = scratch === undefined ? Buffer.allocUnsafe(want) : scratch.subarray(0, want);
            const bytesRead = (0,external_node_fs_.readSync)(fd, buffer, 0, want, null);
            if (bytesRead === 0)
                break;
            total += bytesRead;
            yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
            if (total > size)
                break;
        }
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** The real file system, read with raw-byte names and without following symlinks. */
const nodeNarFileSystem = {
    lstat: async (path) => statEntry(path),
    readdir: async (path) => (0,external_node_fs_.readdirSync)(path, { encoding: "buffer" }),
    readlink: async (path) => (0,external_node_fs_.readlinkSync)(path, { encoding: "buffer" }),
    readFile: readWholeFile,
};

// EXTERNAL MODULE: ./src/lib/narinfo.ts
var narinfo = __webpack_require__(2082);
;// CONCATENATED MODULE: ./src/push/push-paths.ts
/**
 * Uploads the selected paths with several in flight, keeping the one promise readers rely on: a narinfo appears
 * only after its NAR and every path it refers to are in the cache. A killed job leaves at worst unreferenced NARs.
 */




/** Pushes `paths`; never throws for a single path's trouble, which is reported in its outcome instead. */
async function pushPaths(paths, options) {
    const byPath = new Map(paths.map((info) => [info.path, info]));
    const outcomes = new Map();
    const published = new Map();
    const settle = new Map();
    for (const info of paths)
        published.set(info.path, new Promise((resolve) => settle.set(info.path, resolve)));
    const finish = (path, outcome) => {
        outcomes.set(path, outcome);
        options.onOutcome?.(path, outcome);
        settle.get(path)?.(outcome.status === "pushed");
    };
    const queue = topologicalOrder(paths, byPath);
    // Asked for all at once, in the order paths are published, so that signing runs ahead of staging.
    const signatures = new Map();
    for (const info of options.signer === undefined ? [] : queue) {
        const fingerprint = (0,narinfo/* narInfoFingerprint */.og)(info.path, info.narHash, info.narSize, info.references);
        const signature = options.signer.sign(fingerprint);
        // Awaited when the path is published; a path that fails before that never asks.
        signature.catch(() => { });
        signatures.set(info.path, signature);
    }
    const publications = [];
    let next = 0;
    const worker = async () => {
        // An index, not shift(): shifting a queue of thousands moves every remaining element each time.
        for (let info = queue[next++]; info !== undefined; info = queue[next++]) {
            const blocked = blockedBy(info, outcomes, byPath, options.available);
            if (blocked !== undefined) {
                finish(info.path, { status: "dependency-failed", reason: blocked });
                continue;
            }
            if (options.deadline.aborted) {
                finish(info.path, { status: "timed-out" });
                continue;
            }
            let staged;
            try {
                staged = await uploadNar(info, options);
            }
            catch (error) {
                finish(info.path, options.deadline.aborted ? { status: "timed-out" } : failure(error));
                continue;
            }
            publications.push(publishWhenReferencesAre(info, staged, signatures.get(info.path), options, published, byPath).then((outcome) => finish(info.path, outcome)));
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
    await Promise.all(publications);
    return outcomes;
}
async function uploadNar(info, options) {
    const staged = await options.stage(info, options.deadline);
    try {
        await options.cache.putNar(staged, options.deadline);
    }
    finally {
        await (0,promises_.rm)(staged.file, { force: true });
    }
    return staged;
}
async function publishWhenReferencesAre(info, staged, signature, options, published, byPath) {
    for (const reference of info.references) {
        if (reference === info.path || options.available.has(reference))
            continue;
        const ok = byPath.has(reference) ? await published.get(reference) : false;
        if (!ok)
            return { status: "dependency-failed", reason: `its reference ${reference} was not pushed` };
    }
    if (options.deadline.aborted)
        return { status: "timed-out" };
    try {
        const ours = signature === undefined ? [] : [await signature];
        const narInfo = (0,narinfo/* renderNarInfo */.AW)({
            storePath: info.path,
            url: staged.url,
            compression: "zstd",
            fileHash: staged.fileHash,
            fileSize: staged.fileSize,
            narHash: info.narHash,
            narSize: info.narSize,
            references: info.references,
            deriver: info.deriver,
            // renderNarInfo orders them and drops repeats.
            sigs: [...info.sigs, ...ours],
            ca: info.ca,
        });
        await options.cache.putNarInfo((0,store_path/* hashPartOf */.bV)(info.path), narInfo, options.deadline);
    }
    catch (error) {
        return failure(error);
    }
    return { status: "pushed", narSize: info.narSize, fileSize: staged.fileSize };
}
/** Why `info` cannot be published, when one of its references already failed; undefined otherwise. */
function blockedBy(info, outcomes, byPath, available) {
    for (const reference of info.references) {
        if (reference === info.path || available.has(reference))
            continue;
        if (!byPath.has(reference))
            return `its reference ${reference} is neither pushed nor in the cache`;
        const outcome = outcomes.get(reference);
        if (outcome !== undefined && outcome.status !== "pushed")
            return `its reference ${reference} was not pushed`;
    }
    return undefined;
}
/** References before the paths that use them, so waiting on a reference never waits on a path not yet started. */
function topologicalOrder(paths, byPath) {
    const order = [];
    const state = new Map();
    for (const root of paths) {
        if (state.has(root.path))
            continue;
        // Iterative depth-first search: closures can be deeper than the JS stack.
        const stack = [{ info: root, next: 0 }];
        state.set(root.path, "visiting");
        while (stack.length > 0) {
            const frame = stack[stack.length - 1];
            const reference = frame.info.references[frame.next++];
            if (reference === undefined) {
                stack.pop();
                state.set(frame.info.path, "done");
                order.push(frame.info);
                continue;
            }
            const child = byPath.get(reference);
            if (child === undefined || state.has(reference))
                continue;
            state.set(reference, "visiting");
            stack.push({ info: child, next: 0 });
        }
    }
    return order;
}
function failure(error) {
    return { status: "failed", reason: (0,errors/* describeError */.Uc)(error) };
}

// EXTERNAL MODULE: ./src/lib/signing.ts
var signing = __webpack_require__(8920);
;// CONCATENATED MODULE: ./src/push/select-paths.ts
/**
 * Which paths post pushes: what this job added to the store (or `pathsToPush`), with closures, minus what readers
 * can already get — paths signed by an upstream cache and paths the cache holds.
 */






async function selectPaths(request, nix, cache, log) {
    const unknown = [];
    let filtered = [];
    let infos;
    if (request.added === undefined) {
        const roots = await resolvePathsToPush(request.pathsToPush, nix, unknown);
        infos = roots.length === 0 ? new Map() : await nix.pathInfo(roots, { recursive: true });
    }
    else {
        const filter = request.pushFilter;
        const added = request.added.paths;
        filtered = filter === undefined ? [] : added.filter((path) => filter.test(path));
        const filteredSet = new Set(filtered);
        const roots = added.filter((path) => !filteredSet.has(path));
        infos = await nix.closureOfValid(roots, { mayBeInvalid: request.added.someLocked });
        const valid = roots.filter((path) => infos.has(path)).length;
        log.info(`${added.length} new store entries since setup` +
            (filter === undefined ? "" : `, ${filtered.length} left out by pushFilter`) +
            `, ${valid} valid ones to push with their closures.`);
    }
    const upstream = [...infos.values()].filter((info) => isSignedUpstream(info, request.upstreamKeys));
    const upstreamSet = new Set(upstream);
    const candidates = [...infos.values()].filter((info) => !upstreamSet.has(info));
    let cacheTrouble;
    const cachedHashes = await cache
        .findCached(candidates.map((info) => (0,store_path/* hashPartOf */.bV)(info.path)))
        .catch((error) => {
        // An unreachable cache leaves every candidate unpushed: the report must still list them.
        if (!(error instanceof errors/* CacheError */.xA))
            throw error;
        cacheTrouble = error.message;
        return new Set();
    });
    const cached = candidates.filter((info) => cachedHashes.has((0,store_path/* hashPartOf */.bV)(info.path)));
    const toPush = candidates.filter((info) => !cachedHashes.has((0,store_path/* hashPartOf */.bV)(info.path)));
    const filteredOut = filtered.filter((path) => !infos.has(path));
    return {
        cacheTrouble,
        toPush,
        available: new Set([...upstream, ...cached].map((info) => info.path)),
        upstream: upstream.map((info) => info.path),
        cached: cached.map((info) => info.path),
        filtered: filteredOut,
        unknown,
    };
}
/** A path counts as upstream only when one of its signatures verifies with an upstream key, not by key name. */
function isSignedUpstream(info, upstreamKeys) {
    const fingerprint = () => (0,narinfo/* narInfoFingerprint */.og)(info.path, info.narHash, info.narSize, info.references);
    return (0,signing/* hasValidSignature */.nk)(info.sigs, fingerprint, upstreamKeys);
}
/** `pathsToPush` as store paths: `./result` links and paths inside a store path lead to the store path. */
async function resolvePathsToPush(paths, nix, unknown) {
    const resolved = [];
    for (const path of paths) {
        const storePath = await findStorePath(path, nix.storeDir);
        if (storePath === undefined)
            unknown.push(path);
        else
            resolved.push(storePath);
    }
    const unique = [...new Set(resolved)];
    const valid = unique.length === 0 ? [] : await nix.filterValid(unique);
    const validSet = new Set(valid);
    for (const path of unique)
        if (!validSet.has(path))
            unknown.push(path);
    return valid;
}
/**
 * Follows links one at a time until one leads into the store: a store path can itself be a symlink, so resolving
 * `./result` all the way (realpath) could step past the path that was meant.
 */
async function findStorePath(path, storeDir) {
    let current = (0,external_node_path_.resolve)(path);
    for (let hops = 0; hops < 40; hops++) {
        const inStore = topStorePath(current, storeDir);
        if (inStore !== undefined)
            return inStore;
        const target = await (0,promises_.readlink)(current).catch(() => undefined);
        if (target === undefined) {
            const real = await (0,promises_.realpath)(current).catch(() => undefined);
            return real === undefined ? undefined : topStorePath(real, storeDir);
        }
        current = (0,external_node_path_.resolve)((0,external_node_path_.dirname)(current), target);
    }
    return undefined;
}
function topStorePath(path, storeDir) {
    if (!path.startsWith(`${storeDir}/`))
        return undefined;
    const basename = path.slice(storeDir.length + 1).split("/")[0];
    return basename === undefined || basename === "" ? undefined : `${storeDir}/${basename}`;
}

;// CONCATENATED MODULE: ./src/push/snapshot.ts
/**
 * What the job added to the store: setup writes down the names in the store directory, post reads the directory
 * again and keeps the new names. Only names are compared, as they come from the directory: the shape check and
 * the full path are made for the few new entries, not for each of the tens of thousands a long-lived store holds.
 */


/** Store entries that are never build results: derivations, lock files and build leftovers. */
const NOT_ROOTS = /\.(drv|lock|chroot|check)$/;
/**
 * Starts reading the store directory at once. Setup starts it first thing, so that the read (on the thread pool)
 * overlaps setup's Nix calls, and writes it at its end: nothing the job builds can appear before setup is over.
 */
function startStoreSnapshot(nix) {
    const names = nix.listStoreEntries();
    // Awaited by writeTo; a setup that fails before then never asks.
    names.catch(() => { });
    return {
        async writeTo(file) {
            const read = await names;
            await (0,promises_.writeFile)(file, read.join("\n"));
            return read.length;
        },
    };
}
/** Store paths that are in the store directory now but were not in the snapshot. */
async function readAddedStorePaths(nix, file) {
    const [snapshot, now] = await Promise.all([(0,promises_.readFile)(file, "utf8"), nix.listStoreEntries()]);
    return diffStoreEntries(new Set(snapshot.split("\n")), now, nix.storeDir);
}
/** The names of `after` that are not in `before` and could be build results, as full store paths. */
function diffStoreEntries(before, after, storeDir) {
    const added = [];
    const locks = new Set();
    for (const name of after) {
        if (name.endsWith(".lock"))
            locks.add(name);
        if (before.has(name) || NOT_ROOTS.test(name) || !(0,store_path/* isStorePathBasename */.Pu)(name))
            continue;
        added.push(name);
    }
    return {
        paths: added.map((name) => `${storeDir}/${name}`),
        someLocked: added.some((name) => locks.has(`${name}.lock`)),
    };
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/lib/nar.ts
const CHUNK_SIZE = 64 * 1024;
const ZEROS = new Uint8Array(8);
const SLASH = Buffer.from("/");
const FORBIDDEN_NAMES = new Set([".", ".."]);
function paddingOf(length) {
    return (8 - (length % 8)) % 8;
}
// NAR strings: u64 LE length, the bytes, zero padding to a multiple of 8.
function str(bytes) {
    const out = Buffer.alloc(8 + bytes.length + paddingOf(bytes.length));
    out.writeUInt32LE(bytes.length, 0);
    out.set(bytes, 8);
    return out;
}
function tokens(...words) {
    return Buffer.concat(words.map((word) => str(Buffer.from(word))));
}
const MAGIC = tokens("nix-archive-1");
const NODE_START = tokens("(", "type");
const NODE_END = tokens(")");
const REGULAR = tokens("regular", "contents");
const EXECUTABLE = tokens("regular", "executable", "", "contents");
const SYMLINK = tokens("symlink", "target");
const DIRECTORY = tokens("directory");
const ENTRY_START = tokens("entry", "(", "name");
const ENTRY_NODE = tokens("node");
/**
 * Gathers the many small writes of a NAR into chunks of about CHUNK_SIZE bytes, which wait in `ready` until the
 * serializer hands them on; writes of a whole chunk or more (file data) pass through without a copy.
 */
class Chunker {
    #buffer = Buffer.allocUnsafe(CHUNK_SIZE);
    #used = 0;
    ready = [];
    write(bytes) {
        if (bytes.length >= CHUNK_SIZE) {
            this.flush();
            this.ready.push(bytes);
            return;
        }
        let offset = 0;
        while (offset < bytes.length) {
            const n = Math.min(bytes.length - offset, CHUNK_SIZE - this.#used);
            this.#buffer.set(bytes.subarray(offset, offset + n), this.#used);
            this.#used += n;
            offset += n;
            if (this.#used === CHUNK_SIZE)
                this.flush();
        }
    }
    /** A NAR integer (u64 little-endian); sizes stay far below 2^53. */
    writeU64(value) {
        const bytes = Buffer.alloc(8);
        bytes.writeUInt32LE(value % 2 ** 32, 0);
        bytes.writeUInt32LE(Math.floor(value / 2 ** 32), 4);
        this.write(bytes);
    }
    /** Moves what is buffered to `ready` and starts a new buffer, so that consumers may keep every chunk. */
    flush() {
        if (this.#used === 0)
            return;
        this.ready.push(this.#buffer.subarray(0, this.#used));
        this.#buffer = Buffer.allocUnsafe(CHUNK_SIZE);
        this.#used = 0;
    }
    take() {
        const chunks = this.ready;
        this.ready = [];
        return chunks;
    }
}
function shown(path) {
    return JSON.stringify(path.toString());
}
async function entryNames(path, fs) {
    // Nix orders entries by the raw bytes of their names, not by any text collation.
    const names = (await fs.readdir(path)).sort(Buffer.compare);
    for (const name of names) {
        if (name.length === 0 ||
            name.includes(0) ||
            name.includes(SLASH) ||
            FORBIDDEN_NAMES.has(name.toString("latin1"))) {
            throw new Error(`${shown(path)} has an entry with an impossible name ${shown(name)}`);
        }
    }
    return names;
}
/**
 * Writes one node; returns the directory frame to descend into, or undefined when the node is complete. File data
 * is handed on as it is read (`ready` chunks are yielded between reads), so memory stays flat for any file size.
 */
async function* writeNode(path, fs, out, scratch) {
    const stat = await fs.lstat(path);
    out.write(NODE_START);
    switch (stat.type) {
        case "regular": {
            out.write(stat.executable ? EXECUTABLE : REGULAR);
            out.writeU64(stat.size);
            let seen = 0;
            // Chunks of the scratch buffer are safe here: a small one is copied into the chunker at once, a large one
            // is yielded before the next read.
            for await (const chunk of fs.readFile(path, stat.size, scratch)) {
                seen += chunk.length;
                if (seen > stat.size)
                    break;
                out.write(chunk);
                if (out.ready.length > 0)
                    yield* out.take();
            }
            if (seen !== stat.size) {
                throw new Error(`${shown(path)} changed size while being archived (expected ${stat.size} bytes)`);
            }
            out.write(ZEROS.subarray(0, paddingOf(stat.size)));
            out.write(NODE_END);
            return undefined;
        }
        case "symlink":
            out.write(SYMLINK);
            out.write(str(await fs.readlink(path)));
            out.write(NODE_END);
            return undefined;
        case "directory":
            out.write(DIRECTORY);
            // The node's closing ")" is written when the walk leaves the directory.
            return { path, names: await entryNames(path, fs), next: 0 };
        default:
            throw new Error(`${shown(path)} has an unsupported type (not a regular file, directory or symlink)`);
    }
}
/**
 * Serializes a path to exactly the bytes of `nix-store --dump`, in chunks of roughly 64 KiB (file data of 64 KiB
 * or more passes through as read). The walk keeps its own stack rather than recursing through nested generators,
 * whose every chunk would otherwise climb back up through each level of the tree.
 */
async function* dumpNar(path, fs, options = {}) {
    const scratch = options.scratch;
    const out = new Chunker();
    out.write(MAGIC);
    const stack = [];
    let node = Buffer.from(path);
    while (node !== undefined) {
        const frame = yield* writeNode(node, fs, out, scratch);
        if (frame !== undefined)
            stack.push(frame);
        node = undefined;
        // Close finished entries and directories until there is a next entry to write, or nothing left.
        while (node === undefined && stack.length > 0) {
            const top = stack[stack.length - 1];
            // Coming back to a directory after one of its entries: that entry's "entry ( … )" is complete.
            if (top.next > 0)
                out.write(NODE_END);
            const name = top.names[top.next];
            if (name === undefined) {
                stack.pop();
                out.write(NODE_END);
                continue;
            }
            top.next++;
            out.write(ENTRY_START);
            out.write(str(name));
            out.write(ENTRY_NODE);
            node = Buffer.concat([top.path, SLASH, name]);
        }
        if (out.ready.length > 0)
            yield* out.take();
    }
    out.flush();
    yield* out.take();
}

// EXTERNAL MODULE: ./src/lib/nix-base32.ts
var nix_base32 = __webpack_require__(2745);
;// CONCATENATED MODULE: ./src/push/stage-nar.ts
/**
 * One path's NAR, serialised from the store, checked against the hash Nix recorded, zstd-compressed and written
 * to a staging file — in one streaming pass, so memory stays the same whatever the path's size.
 */









/** The store's content no longer matches what Nix recorded: uploading it would poison the cache. */
class NarMismatchError extends Error {
    constructor(path, what) {
        super(`${path} does not match the ${what} Nix recorded for it (changed on disk?); not uploaded`);
        this.name = "NarMismatchError";
    }
}
/**
 * Bytes handed to the compressor at a time, and the most it writes per output buffer. Every write is a round trip
 * to the libuv thread pool where zstd runs, and every full output buffer another: with Node's default of 16 KiB,
 * those round trips, not compression, were the main thread's biggest cost.
 */
const COMPRESS_CHUNK = 1024 * 1024;
/** The smallest buffer a path gets: room for a tiny NAR and the headers zstd adds to it, in one round trip. */
const MIN_BUFFER = 4 * 1024;
/**
 * The three working buffers of a path (file data read, two for zstd to take turns on), passed from one staged path
 * to the next. Allocating them per path was, after signing, what made V8 collect the whole heap most often: each
 * megabyte counts as external memory. A path that fails keeps its buffers out of the pool, since a compressor that
 * was destroyed may still be reading one on the thread pool.
 */
class StagingBuffers {
    #free = [];
    take() {
        return Array.from({ length: 3 }, () => this.#free.pop() ?? Buffer.allocUnsafe(COMPRESS_CHUNK));
    }
    giveBack(buffers) {
        // As many as a handful of paths in flight need; more would only hold memory.
        for (const buffer of buffers)
            if (this.#free.length < MAX_POOLED)
                this.#free.push(buffer);
    }
}
const MAX_POOLED = 24;
/** Streams `info.path` into a compressed staging file; throws NarMismatchError when its NAR differs from Nix's record. */
async function stageNar(info, options) {
    const file = (0,external_node_path_.join)(options.dir, `${(0,external_node_crypto_.randomBytes)(8).toString("hex")}.nar.zst`);
    const narHash = (0,external_node_crypto_.createHash)("sha256");
    const fileHash = (0,external_node_crypto_.createHash)("sha256");
    let narSize = 0;
    let fileSize = 0;
    const buffers = options.buffers?.take() ?? new StagingBuffers().take();
    try {
        options.signal?.throwIfAborted();
        // zstd's output buffers are Node's, one per stream: sized to the NAR, since most paths are small.
        const bufferSize = Math.min(COMPRESS_CHUNK, Math.max(MIN_BUFFER, info.narSize));
        const compressor = (0,external_node_zlib_.createZstdCompress)({
            chunkSize: bufferSize,
            // Knowing the size lets zstd fit its window and tables to the NAR (a small path then needs kilobytes of
            // zstd state, not megabytes) and puts the size in the frame header. A NAR of another size fails the stream.
            pledgedSrcSize: info.narSize,
            params: { [external_node_zlib_.constants.ZSTD_c_compressionLevel]: options.compressionLevel },
        });
        const written = (0,external_node_stream_promises_.pipeline)(compressor, fileSink(file, (chunk) => {
            fileHash.update(chunk);
            fileSize += chunk.length;
        }), { signal: options.signal });
        const [scratch, ...turns] = buffers.map((buffer) => buffer.subarray(0, bufferSize));
        const fed = feed(dumpNar(info.path, options.fs, { scratch }), compressor, turns, (chunk) => {
            narHash.update(chunk);
            narSize += chunk.length;
        }).then(() => {
            compressor.end();
        }, (error) => {
            // The pipeline then fails with this same error.
            compressor.destroy(error instanceof Error ? error : new Error(String(error)));
            throw error;
        });
        // The pipeline's error is the one that says why (a read error, zstd's, the abort); the feed only notices.
        const [fedResult, writtenResult] = await Promise.allSettled([fed, written]);
        if (writtenResult.status === "rejected")
            throw writtenResult.reason;
        if (fedResult.status === "rejected")
            throw fedResult.reason;
        if (narSize !== info.narSize)
            throw new NarMismatchError(info.path, "NAR size");
        if (!narHash.digest().equals(Buffer.from(info.narHash)))
            throw new NarMismatchError(info.path, "NAR hash");
    }
    catch (error) {
        await (0,promises_.rm)(file, { force: true });
        if (options.signal?.aborted)
            throw options.signal.reason;
        if (error.code === "ZSTD_error_srcSize_wrong") {
            throw new NarMismatchError(info.path, "NAR size");
        }
        throw error;
    }
    options.buffers?.giveBack(buffers);
    const digest = fileHash.digest();
    return { file, url: `nar/${(0,nix_base32/* encodeNixBase32 */.wC)(digest)}.nar.zst`, fileSize, fileHash: digest };
}
/**
 * Hashes the NAR's chunks and copies them into two buffers that take turns: one is filled while zstd compresses
 * the other, and a buffer is refilled only once the compressor reports it consumed. The chunks (views of the
 * dump's reused buffer) are used before the next is requested, and no buffer is allocated per megabyte: the
 * allocations, not the copying, were what cost — V8 collected the whole heap every few dozen megabytes of them.
 */
async function feed(source, compressor, buffers, observe) {
    const bufferSize = buffers[0].length;
    const consumed = [];
    // A destroyed compressor (an abort, a zstd error) may never call back for the write it was working on: waits
    // end when it closes, so that a failure can never leave this hanging.
    const stopped = new Promise((_, reject) => {
        compressor.once("close", () => reject(new Error("the compressor stopped before taking all input")));
    });
    stopped.catch(() => { });
    let current = 0;
    let used = 0;
    const submit = async () => {
        const chunk = buffers[current].subarray(0, used);
        const written = new Promise((resolve, reject) => compressor.write(chunk, (error) => (error ? reject(error) : resolve())));
        // Awaited below, or superseded by the pipeline's own error; never left unhandled.
        written.catch(() => { });
        consumed[current] = written;
        current = (current + 1) % buffers.length;
        used = 0;
        await Promise.race([consumed[current], stopped]);
    };
    for await (const chunk of source) {
        observe(chunk);
        for (let offset = 0; offset < chunk.length;) {
            const n = Math.min(chunk.length - offset, bufferSize - used);
            buffers[current].set(chunk.subarray(offset, offset + n), used);
            used += n;
            offset += n;
            if (used === bufferSize)
                await submit();
        }
    }
    if (used > 0)
        await submit();
    await Promise.race([Promise.all(consumed), stopped]);
}
/**
 * Writes to a new file with synchronous writes: they land in the page cache in microseconds, while a write
 * stream's every write would be one more round trip through the thread pool that zstd is using.
 */
function fileSink(file, observe) {
    let fd;
    return new external_node_stream_.Writable({
        construct(callback) {
            try {
                fd = (0,external_node_fs_.openSync)(file, "wx", 0o644);
                callback();
            }
            catch (error) {
                callback(error);
            }
        },
        write(chunk, _encoding, callback) {
            try {
                observe(chunk);
                for (let offset = 0; offset < chunk.length;) {
                    offset += (0,external_node_fs_.writeSync)(fd, chunk, offset, chunk.length - offset);
                }
                callback();
            }
            catch (error) {
                callback(error);
            }
        },
        final(callback) {
            try {
                (0,external_node_fs_.closeSync)(fd);
                fd = undefined;
                callback();
            }
            catch (error) {
                callback(error);
            }
        },
        destroy(error, callback) {
            if (fd !== undefined)
                (0,external_node_fs_.closeSync)(fd);
            fd = undefined;
            callback(error);
        },
    });
}

// EXTERNAL MODULE: ./src/push/summary.ts
var summary = __webpack_require__(5288);
;// CONCATENATED MODULE: ./src/push/run-push.ts
/** The post step: select the paths this job made, push them, report. */









/** Runs the post step; returns the report, or undefined when there was nothing to do. Throws on cache trouble. */
async function runPush(deps) {
    try {
        return await pushNewPaths(deps);
    }
    finally {
        await deps.cache.close();
    }
}
async function pushNewPaths(deps) {
    const { inputs, state, log } = deps;
    if (state.mode !== "push") {
        log.info(state.mode === "read-only" ? "Read-only mode: nothing is pushed." : "Nothing is pushed in this job.");
        reportNothingPushed(deps.runner);
        return undefined;
    }
    const started = Date.now();
    const deadline = AbortSignal.timeout(inputs.pushTimeoutMs);
    const selection = await log.group("Select new store paths", async () => {
        const added = state.snapshotFile === undefined ? undefined : await readAddedStorePaths(deps.nix, state.snapshotFile);
        const selected = await selectPaths({
            added,
            pathsToPush: inputs.pathsToPush,
            pushFilter: inputs.pushFilter,
            upstreamKeys: inputs.upstreamKeys,
        }, deps.nix, deps.cache, log);
        log.info(`${selected.toPush.length} to push; skipped: ${selected.upstream.length} signed upstream, ` +
            `${selected.cached.length} already cached, ${selected.filtered.length} filtered` +
            (selected.unknown.length > 0 ? `, ${selected.unknown.length} not valid store paths` : ""));
        for (const path of selected.unknown)
            log.warning(`pathsToPush: ${path} is not a valid store path; skipped.`);
        return selected;
    });
    const outcomes = selection.toPush.length === 0
        ? new Map()
        : await log.group(`Push ${selection.toPush.length} paths to ${deps.cache.description}`, () => pushSelection(deps, selection, deadline));
    const report = {
        cache: deps.cache.description,
        selection,
        outcomes,
        seconds: (Date.now() - started) / 1000,
    };
    const totals = (0,summary/* pushTotals */.Gr)(report);
    deps.runner.setOutput("pushedPaths", totals.pushed);
    deps.runner.setOutput("pushedBytes", totals.fileBytes);
    deps.runner.setOutput("skippedPaths", totals.skipped);
    await deps.runner.appendSummary((0,summary/* renderSummary */.Br)(report));
    log.info(`Pushed ${totals.pushed} paths (${(0,summary/* formatBytes */.z3)(totals.narBytes)} of NAR, ${(0,summary/* formatBytes */.z3)(totals.fileBytes)} ` +
        `uploaded) in ${report.seconds.toFixed(1)} s; ${totals.skipped} skipped.`);
    if (totals.notPushed > 0) {
        throw new PushIncompleteError(`${totals.notPushed} of ${selection.toPush.length} paths could not be pushed`);
    }
    return report;
}
/** The outputs of a post step that pushed nothing: workflows that read them get numbers whatever happened. */
function reportNothingPushed(runner) {
    for (const output of ["pushedPaths", "pushedBytes", "skippedPaths"])
        runner.setOutput(output, 0);
}
async function pushSelection(deps, selection, deadline) {
    const { inputs, log } = deps;
    const trouble = selection.cacheTrouble ??
        (await deps.cache.openForPush(deps.state.storeDir).then(() => undefined, (error) => {
            if (!(error instanceof errors/* CacheError */.xA))
                throw error;
            return error.message;
        }));
    if (trouble !== undefined) {
        const outcome = { status: "failed", reason: `the cache could not be used: ${trouble}` };
        return new Map(selection.toPush.map((info) => [info.path, outcome]));
    }
    const stagingDir = (0,external_node_path_.join)(deps.tempDir, "nix-binary-cache", `staging-${process.pid}`);
    await (0,promises_.mkdir)(stagingDir, { recursive: true });
    const progress = startProgress(log, selection.toPush.length, deps.progressInterval ?? 10);
    const signer = inputs.signingKey === undefined
        ? undefined
        : deps.createSigner(inputs.signingKey, selection.toPush.length);
    if (signer !== undefined && signer.threads > 0)
        log.debug(`Signing on ${signer.threads} thread(s).`);
    const buffers = new StagingBuffers();
    let warned = 0;
    try {
        return await pushPaths(selection.toPush, {
            cache: deps.cache,
            signer,
            available: selection.available,
            concurrency: (0,external_node_os_.availableParallelism)() + 1,
            deadline,
            stage: (info, signal) => stageNar(info, {
                dir: stagingDir,
                compressionLevel: inputs.compressionLevel,
                fs: deps.fs,
                buffers,
                signal,
            }),
            onOutcome: (path, outcome) => {
                progress.record(outcome);
                if (outcome.status === "pushed")
                    return log.debug(`pushed ${path}`);
                // Annotations are for people: the first few, the rest in the log and the summary.
                const message = `${path} not pushed: ${(0,summary/* describeOutcome */.SS)(outcome)}`;
                if (warned++ < MAX_PATH_WARNINGS)
                    log.warning(message);
                else
                    log.info(message);
            },
        });
    }
    finally {
        progress.stop();
        await signer?.close();
        await (0,promises_.rm)(stagingDir, { recursive: true, force: true });
    }
}
const MAX_PATH_WARNINGS = 10;
/** Some paths were not pushed; the rest were, and the summary says which and why. */
class PushIncompleteError extends Error {
    constructor(message) {
        super(message);
        this.name = "PushIncompleteError";
    }
}
/** A line every `seconds` while pushing, so a long push never looks stuck. */
function startProgress(log, total, seconds) {
    let done = 0;
    let bytes = 0;
    const timer = setInterval(() => {
        log.info(`… ${done}/${total} paths done, ${(0,summary/* formatBytes */.z3)(bytes)} uploaded`);
    }, seconds * 1000);
    return {
        record(outcome) {
            done++;
            if (outcome.status === "pushed")
                bytes += outcome.fileSize;
        },
        stop: () => clearInterval(timer),
    };
}

;// CONCATENATED MODULE: ./src/report.ts
/** Where the action talks to the user: the log port the domain code receives, and its @actions/core version. */

const coreLog = {
    info: (message) => core/* info */.pq(message),
    notice: (message) => core/* notice */.lm(message),
    warning: (message) => core/* warning */.$e(message),
    debug: (message) => core/* debug */.Yz(message),
    group: (title, body) => core/* group */.Os(title, body),
};
const coreRunnerFiles = {
    setOutput: (name, value) => core/* setOutput */.uH(name, String(value)),
    exportVariable: (name, value) => core/* exportVariable */.dN(name, value),
    appendSummary: async (markdown) => {
        await core/* summary */.z.addRaw(markdown, true).write();
    },
};

;// CONCATENATED MODULE: ./src/setup.ts
/**
 * The main step: make the cache a substituter for the steps that follow, decide whether post may push, and
 * snapshot the store so post can tell which paths this job made.
 */





async function runSetup(deps) {
    const { inputs, log } = deps;
    const snapshot = inputs.pathsToPush.length === 0 && !inputs.skipPush ? startStoreSnapshot(deps.nix) : undefined;
    const cache = await deps.createCache({ inputs, tempDir: deps.tempDir, env: deps.env, log });
    const version = await checkNix(deps.nix);
    log.info(`Nix ${version}, store ${deps.nix.storeDir}, cache ${cache.description}`);
    const { access, configured } = await log.group("Configure substituter", async () => {
        const readable = await prepareRead(deps, cache);
        return {
            access: readable,
            configured: readable === undefined ? undefined : await addSubstituters(deps, readable),
        };
    });
    const state = {
        version: 1,
        storeDir: deps.nix.storeDir,
        mode: "off",
        cache: access?.saved,
        systemChange: configured?.systemChange,
        netrcFile: configured?.netrcFile,
    };
    // Saved before anything else can fail, so that post undoes the configuration whatever happens next.
    deps.saveState(state);
    const mode = await openForPush(deps, cache, pushMode(deps, access));
    const snapshotFile = mode === "push" && snapshot !== undefined ? await saveSnapshot(deps, snapshot) : undefined;
    deps.saveState({ ...state, mode, snapshotFile });
}
async function checkNix(nix) {
    try {
        return await nix.version();
    }
    catch (error) {
        throw new Error(`Nix is not installed or does not run (${(0,errors/* describeError */.Uc)(error)}). ` +
            "Install Nix in an earlier step, e.g. with cachix/install-nix-action.");
    }
}
/** The cache's read access, or undefined (with a warning) when it cannot be reached and `strict` is off. */
async function prepareRead(deps, cache) {
    try {
        return await cache.prepareRead(deps.nix.storeDir);
    }
    catch (error) {
        if (deps.inputs.strict || !(error instanceof errors/* CacheError */.xA))
            throw error;
        deps.log.warning(`${(0,errors/* describeError */.Uc)(error)}. The build goes on without this cache.`);
        return undefined;
    }
}
async function addSubstituters(deps, access) {
    let wanted = access;
    if (deps.inputs.skipAddingSubstituter) {
        // As in cachix-action: the pushed-to cache is skipped, caches that are only pulled from are still added.
        wanted = { ...access, substituters: access.substituters.filter((substituter) => substituter.pullOnly) };
        deps.log.info("skipAddingSubstituter is set: the cache is not added as a substituter.");
        if (wanted.substituters.length === 0)
            return undefined;
    }
    const outcome = await configureNixForLaterSteps(wanted, deps);
    if (!outcome.configured && deps.inputs.strict) {
        throw new errors/* CacheError */.xA("the cache could not be configured for this Nix installation (see the warning above)");
    }
    const first = outcome.added[0];
    if (first !== undefined) {
        deps.runner.setOutput("substituter", first.url);
        deps.runner.setOutput("publicKey", first.publicKeys.join(" "));
    }
    return outcome;
}
function pushMode(deps, access) {
    const { inputs, log } = deps;
    if (inputs.skipPush) {
        log.info("skipPush is set: nothing will be pushed.");
        return "off";
    }
    // Cache trouble has been reported already (a warning).
    if (access === undefined)
        return "off";
    if (inputs.signingKey === undefined && access.serverSigned !== true) {
        log.notice("`signingKey` (for Cachix: `authToken`) is empty, as in a pull request from a fork where secrets are " +
            "hidden: read-only mode, this job only reads from the cache and pushes nothing.");
        return "read-only";
    }
    // The backend said why (e.g. a Cachix token that can only read).
    if (!access.canPush)
        return "off";
    if (deps.env.RUNNER_ENVIRONMENT === "self-hosted" && inputs.pathsToPush.length === 0) {
        log.warning("On a self-hosted runner whose Nix store is shared, the paths new since setup can include other jobs' " +
            "builds, and all of them are pushed. Set `pathsToPush` to push only this job's results.");
    }
    return "push";
}
/**
 * Opens the cache for writing before any later step reads it: a nix-daemon opening a file:// substituter creates
 * its directories as root, and this job's user could then no longer write into them.
 */
async function openForPush(deps, cache, mode) {
    if (mode !== "push")
        return mode;
    try {
        await cache.openForPush(deps.nix.storeDir);
        return mode;
    }
    catch (error) {
        if (deps.inputs.strict || !(error instanceof errors/* CacheError */.xA))
            throw error;
        deps.log.warning(`${(0,errors/* describeError */.Uc)(error)}. Nothing will be pushed.`);
        return "off";
    }
}
async function saveSnapshot(deps, snapshot) {
    const dir = (0,external_node_path_.join)(deps.tempDir, "nix-binary-cache");
    await (0,promises_.mkdir)(dir, { recursive: true });
    const file = (0,external_node_path_.join)(dir, `store-snapshot-${process.pid}-${Date.now()}.txt`);
    const entries = await snapshot.writeTo(file);
    deps.log.info(`Store snapshot: ${entries} entries.`);
    return file;
}

// EXTERNAL MODULE: ./src/signer/signer.ts
var signer = __webpack_require__(5502);
;// CONCATENATED MODULE: ./src/steps.ts
/** The composition root: the real collaborators for each step, and nothing else. */















const tempDir = () => process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
const storeDir = () => process.env.NIX_STORE_DIR || store_path/* DEFAULT_STORE_DIR */.qC;
/** Signers on up to `threads` threads running the bundle of src/signer/sign-thread.ts, beside this one in dist/. */
function threadedSigners(threads) {
    return (key, signatures) => (0,signer/* startSigner */.F)(key, {
        script: (0,external_node_path_.join)((0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url)), "..", "signer", "index.js"),
        threads: Math.min(4, threads),
        signatures,
        onFallback: (reason) => coreLog.info(`Signing on the main thread: ${reason}.`),
    });
}
/** The main step; throws what should fail it. */
async function setupStep() {
    await runSetup({
        inputs: (0,src_inputs/* loadInputs */.IV)(),
        nix: new store/* NixStore */.x(nix_command/* execCommand */.NK, storeDir()),
        run: nix_command/* execCommand */.NK,
        // The Actions cache mode signs what it restored for this job: nothing else runs meanwhile, every core may sign.
        createCache: (context) => createCache({ ...context, createSigner: threadedSigners((0,external_node_os_.availableParallelism)()) }),
        log: coreLog,
        runner: coreRunnerFiles,
        saveState: saveSetupState,
        env: process.env,
        tempDir: tempDir(),
    });
}
/** The post step; returns its error instead of throwing, with whether `strict` makes that error fail the step. */
async function postStep() {
    let inputs;
    try {
        inputs = (0,src_inputs/* loadInputs */.IV)();
        const state = loadSetupState();
        if (state === undefined) {
            coreLog.info("Setup did not finish, so there is nothing to push.");
            reportNothingPushed(coreRunnerFiles);
            return { strict: inputs.strict };
        }
        try {
            await runPush({
                inputs,
                state,
                nix: new store/* NixStore */.x(nix_command/* execCommand */.NK, state.storeDir),
                cache: await createCache({
                    inputs,
                    tempDir: tempDir(),
                    env: process.env,
                    log: coreLog,
                    saved: state.cache,
                }),
                fs: nodeNarFileSystem,
                // One core is busy reading and uploading NARs; zstd takes what is left over between paths.
                createSigner: threadedSigners((0,external_node_os_.availableParallelism)() - 1),
                log: coreLog,
                runner: coreRunnerFiles,
                tempDir: tempDir(),
            });
        }
        finally {
            await undoNixConfig(state, { run: nix_command/* execCommand */.NK, env: process.env, tempDir: tempDir(), log: coreLog });
        }
        return { strict: inputs.strict };
    }
    catch (error) {
        return { error, strict: inputs?.strict ?? false };
    }
}

;// CONCATENATED MODULE: ./src/run-step.ts
/** The main step or the post step, whichever this run of the bundle is; reports what failed. */




async function runStep() {
    if (isPostStep()) {
        const { error, strict } = await postStep();
        if (error !== undefined)
            (strict ? core/* setFailed */.C1 : core/* warning */.$e)(`Push: ${(0,errors/* describeError */.Uc)(error)}`);
        return;
    }
    markMainStepStarted();
    await setupStep().catch((error) => core/* setFailed */.C1((0,errors/* describeError */.Uc)(error)));
}


/***/ }),

/***/ 5502:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ startSigner),
/* harmony export */   x: () => (/* binding */ inProcessSigner)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _lib_signing_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8920);
/**
 * Signs narinfo fingerprints in bulk: the push's paths, and in the Actions cache mode every restored path at setup.
 * tweetnacl takes milliseconds of CPU per signature, and for thousands of small paths that, not compression, is
 * most of the work: so signatures are made on threads of their own while the main thread reads, hashes and
 * uploads NARs. Every fingerprint is known before its NAR is staged.
 */



/**
 * Signs on the calling thread, one signature per turn of the event loop, in the order asked: a push asks for every
 * signature up front, and signing them all at once would hold up staging (and the progress lines) for as long.
 */
function inProcessSigner(key) {
    const queue = [];
    let next = 0;
    let draining = false;
    const drain = async () => {
        draining = true;
        // An index, not shift(): the queue can hold thousands.
        for (let job = queue[next]; job !== undefined; job = queue[next]) {
            queue[next++] = undefined;
            job.resolve((0,_lib_signing_js__WEBPACK_IMPORTED_MODULE_2__/* .signFingerprint */ ._s)(job.fingerprint, key));
            await new Promise((resolve) => setImmediate(resolve));
        }
        queue.length = 0;
        next = 0;
        draining = false;
    };
    return {
        threads: 0,
        sign(fingerprint) {
            return new Promise((resolve) => {
                queue.push({ fingerprint, resolve });
                if (!draining)
                    void drain();
            });
        },
        close: async () => { },
    };
}
/** Below this many signatures a thread costs more to start (tens of milliseconds and megabytes) than it saves. */
const MIN_SIGNATURES_FOR_THREADS = 32;
/**
 * Signs on `threads` threads running `script`, each taking requests in turn; signs in process instead when there is
 * too little to sign, and goes on in process if the script is missing or a thread fails.
 */
function startSigner(key, options) {
    const inProcess = inProcessSigner(key);
    if (options.signatures < MIN_SIGNATURES_FOR_THREADS)
        return inProcess;
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(options.script)) {
        options.onFallback?.(`${options.script} is missing`);
        return inProcess;
    }
    const pending = new Map();
    let nextId = 0;
    let failed = false;
    let closed = false;
    const workers = [];
    const fallBack = (reason) => {
        if (failed || closed)
            return;
        failed = true;
        options.onFallback?.(reason);
        for (const { fingerprint, resolve } of pending.values())
            void inProcess.sign(fingerprint).then(resolve);
        pending.clear();
        for (const worker of workers)
            void worker.terminate();
    };
    const workerData = { name: key.name, secretKey: key.secretKey };
    try {
        for (let i = 0; i < Math.max(1, options.threads); i++) {
            const worker = new node_worker_threads__WEBPACK_IMPORTED_MODULE_1__.Worker(options.script, { workerData });
            worker.on("message", ({ id, sig }) => {
                pending.get(id)?.resolve(sig);
                pending.delete(id);
            });
            worker.on("error", (error) => fallBack(`a signing thread failed: ${error.message}`));
            worker.on("exit", (code) => fallBack(`a signing thread stopped (exit code ${code})`));
            workers.push(worker);
        }
    }
    catch (error) {
        fallBack(`a signing thread could not start: ${error instanceof Error ? error.message : String(error)}`);
    }
    return {
        get threads() {
            return failed || closed ? 0 : workers.length;
        },
        sign(fingerprint) {
            if (closed)
                return Promise.reject(new Error("the signer is closed"));
            if (failed)
                return inProcess.sign(fingerprint);
            const id = nextId++;
            const request = { id, fingerprint };
            return new Promise((resolve) => {
                pending.set(id, { fingerprint, resolve });
                workers[id % workers.length].postMessage(request);
            });
        },
        async close() {
            closed = true;
            await Promise.all(workers.map((worker) => worker.terminate()));
        },
    };
}


/***/ })

};

//# sourceMappingURL=977.index.js.map