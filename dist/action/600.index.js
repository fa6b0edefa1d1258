export const id = 600;
export const ids = [600];
export const modules = {

/***/ 6600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CachixCache: () => (/* binding */ CachixCache)
});

// EXTERNAL MODULE: ./src/lib/errors.ts
var errors = __webpack_require__(7268);
// EXTERNAL MODULE: ./src/lib/narinfo.ts
var narinfo = __webpack_require__(2082);
// EXTERNAL MODULE: ./src/lib/store-path.ts
var store_path = __webpack_require__(6056);
// EXTERNAL MODULE: ./src/net/retry.ts
var retry = __webpack_require__(7893);
;// CONCATENATED MODULE: ./src/cache/cachix/api.ts

/** A call answered with an unexpected status (after retries, for 429 and 5xx). */
class CachixHttpError extends Error {
    status;
    constructor(status, what, body) {
        const detail = body.trim().replace(/\s+/g, " ").slice(0, 300);
        super(`Cachix ${what}: HTTP ${status}${detail === "" ? "" : ` (${detail})`}`);
        this.status = status;
        this.name = "CachixHttpError";
    }
}
class CachixApi {
    options;
    root;
    constructor(options) {
        this.options = options;
        this.root = `${options.host.href.replace(/\/+$/, "")}/api/v1/cache/`;
    }
    /** `GET /cache/{name}` (E1): the cache's URI, keys, visibility and the caller's permission. */
    async getCache(name, signal) {
        return JSON.parse(await this.call("GET", name, "", undefined, signal, `cache '${name}'`));
    }
    /** `POST /cache/{name}/narinfo` (E2): which of `hashes` the cache lacks. */
    async postNarinfo(name, hashes, signal) {
        const text = await this.call("POST", name, "/narinfo", JSON.stringify(hashes), signal, "narinfo query");
        return JSON.parse(text);
    }
    /** `POST /cache/{name}/multipart-nar` (E3): starts an upload. */
    async postMultipartNar(name, compression, signal) {
        const path = `/multipart-nar?compression=${compression}`;
        return JSON.parse(await this.call("POST", name, path, undefined, signal, "upload creation"));
    }
    /** `POST /cache/{name}/multipart-nar/{narId}` (E4): a presigned URL for one part with this MD5. */
    async postMultipartNarPart(name, upload, partNumber, contentMD5, signal) {
        const path = `/multipart-nar/${upload.narId}?uploadId=${encodeURIComponent(upload.uploadId)}&partNumber=${partNumber}`;
        const body = JSON.stringify({ contentMD5 });
        const text = await this.call("POST", name, path, body, signal, `URL for part ${partNumber}`);
        return JSON.parse(text).uploadUrl;
    }
    /** `POST /cache/{name}/multipart-nar/{narId}/complete` (E6): the parts joined and the narinfo published. */
    async postMultipartNarComplete(name, upload, parts, narInfoCreate, signal) {
        const path = `/multipart-nar/${upload.narId}/complete?uploadId=${encodeURIComponent(upload.uploadId)}`;
        await this.call("POST", name, path, JSON.stringify({ parts, narInfoCreate }), signal, "upload completion");
    }
    /** `POST /cache/{name}/multipart-nar/{narId}/abort` (E7): the parts dropped. */
    async postMultipartNarAbort(name, upload, signal) {
        const path = `/multipart-nar/${upload.narId}/abort?uploadId=${encodeURIComponent(upload.uploadId)}`;
        await this.call("POST", name, path, undefined, signal, "upload abort");
    }
    /** `POST /cache/{name}/key` (E8): registers a self-generated key's public half (base64); needs an admin token. */
    async postKey(name, publicKeyBase64, signal) {
        const body = JSON.stringify({ publicKey: publicKeyBase64 });
        await this.call("POST", name, "/key", body, signal, "key registration");
    }
    /** `PUT` of one part to its presigned URL (E5; no Authorization: the URL carries it); returns its ETag. */
    async putPresignedPart(url, body, contentMD5, signal) {
        const response = await this.send("PUT", new URL(url), { "Content-Type": "application/octet-stream", "Content-MD5": contentMD5 }, body, signal);
        if (response.status < 200 || response.status > 299) {
            throw new CachixHttpError(response.status, "part upload", response.body.toString("utf8"));
        }
        const eTag = response.headers.etag;
        if (typeof eTag !== "string" || eTag === "")
            throw new Error("Cachix part upload: the answer has no ETag");
        return eTag;
    }
    async call(method, name, path, body, signal, what) {
        const headers = { Accept: "application/json" };
        if (this.options.token !== undefined)
            headers.Authorization = `Bearer ${this.options.token}`;
        if (body !== undefined)
            headers["Content-Type"] = "application/json;charset=utf-8";
        const url = new URL(`${this.root}${encodeURIComponent(name)}${path}`);
        const response = await this.send(method, url, headers, body, signal);
        const text = response.body.toString("utf8");
        if (response.status < 200 || response.status > 299)
            throw new CachixHttpError(response.status, what, text);
        return text;
    }
    send(method, url, headers, body, signal) {
        return (0,retry/* sendWithRetries */.HI)({ method, url, headers, body }, { policy: this.options.policy, signal });
    }
}
/** One GET without the API's headers, e.g. a cache host's `nix-cache-info` (with netrc-style credentials). */
async function getText(url, headers, policy, signal) {
    const response = await (0,retry/* sendWithRetries */.HI)({ method: "GET", url, headers: { ...headers } }, { policy, signal });
    return { status: response.status, text: response.body.toString("utf8") };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/net/concurrently.ts
var concurrently = __webpack_require__(2797);
// EXTERNAL MODULE: ./src/net/http-request.ts
var http_request = __webpack_require__(4367);
;// CONCATENATED MODULE: ./src/cache/cachix/multipart.ts
/**
 * One NAR to Cachix as a multipart upload (create → per part: MD5, presigned URL, PUT keeping the ETag). Each part
 * is read from the staged file twice — once for its MD5, which the URL is signed for, then streamed as the body —
 * so memory stays the same whatever the NAR's size; a few parts are in flight at once.
 */



/** S3's smallest part (but the last). */
const MIN_PART_SIZE = 5 * 2 ** 20;
/** `cachix push`'s default chunk size. */
const DEFAULT_PART_SIZE = 32 * 2 ** 20;
/** `cachix push`'s default number of parts in flight per NAR. */
const DEFAULT_PART_CONCURRENCY = 4;
/**
 * Parts numbered from 1, each `partSize` bytes but the last. As `cachix push` does, a size that is an exact
 * multiple of the part size ends with an empty part.
 */
function planParts(size, partSize) {
    if (!Number.isSafeInteger(partSize) || partSize < MIN_PART_SIZE) {
        throw new Error(`a part size below ${MIN_PART_SIZE} bytes is refused by the object store`);
    }
    const parts = [];
    for (let start = 0, partNumber = 1;; start += partSize, partNumber++) {
        const length = Math.min(partSize, size - start);
        parts.push({ partNumber, start, length });
        if (length < partSize)
            return parts;
    }
}
/** The compression query value for a staged NAR, from its file name. */
function compressionOf(nar) {
    if (nar.url.endsWith(".nar.zst"))
        return "zst";
    if (nar.url.endsWith(".nar.xz"))
        return "xz";
    throw new Error(`${nar.url}: Cachix takes zstd or xz NARs only`);
}
/**
 * Uploads every part of `nar` into the open `upload`; returns the parts in order for `complete`. On the first
 * failure no further part starts, and the error is thrown once the parts in flight have ended.
 */
async function uploadParts(api, cacheName, upload, nar, options) {
    const done = [];
    await (0,concurrently/* forEachConcurrently */.D)(planParts(nar.fileSize, options.partSize), options.concurrency, async (part) => {
        const md5 = await md5OfRange(nar.file, part);
        const url = await api.postMultipartNarPart(cacheName, upload, part.partNumber, md5, options.signal);
        const eTag = await api.putPresignedPart(url, rangeBody(nar.file, part), md5, options.signal);
        done.push({ partNumber: part.partNumber, eTag });
    });
    return done.sort((a, b) => a.partNumber - b.partNumber);
}
/** Padded base64 of the MD5 of a file's byte range: the part's `contentMD5`. */
async function md5OfRange(file, part) {
    const hash = (0,external_node_crypto_.createHash)("md5");
    if (part.length > 0) {
        for await (const chunk of (0,http_request/* fileBody */.hh)(file, part.length, part.start).open())
            hash.update(chunk);
    }
    return hash.digest("base64");
}
/** The part's bytes as a body that can be opened again for a retry. */
function rangeBody(file, part) {
    if (part.length === 0)
        return new Uint8Array(0);
    return (0,http_request/* fileBody */.hh)(file, part.length, part.start);
}

// EXTERNAL MODULE: ./src/lib/hash.ts
var hash = __webpack_require__(9639);
;// CONCATENATED MODULE: ./src/cache/cachix/narinfo-create.ts
/**
 * From the narinfo the push pipeline renders to Cachix's `narInfoCreate`, in the exact field formats the service
 * takes: `sha256:`+nix32 NAR hash, bare lowercase hex file hash, sorted reference basenames, `unknown-deriver`
 * when there is none, and `cSig` the bare base64 signature (null: Cachix signs with the cache's managed key).
 */



function narInfoCreate(info, storeDir, signedBy) {
    const path = (0,store_path/* parseStorePath */.GV)(info.storePath, storeDir);
    const basename = (full) => (0,store_path/* parseStorePath */.GV)(full, storeDir).basename;
    // Byte order, like the Set the cachix client keeps them in (and Nix's std::set).
    const references = (0,narinfo/* sortedUnique */.Z$)(info.references.map(basename));
    return {
        cStoreHash: path.hashPart,
        cStoreSuffix: path.name,
        cNarHash: (0,hash/* formatSha256Nix32 */.BW)(info.narHash),
        cNarSize: info.narSize,
        cFileHash: Buffer.from(info.fileHash).toString("hex"),
        cFileSize: info.fileSize,
        cReferences: references,
        cDeriver: info.deriver === undefined ? "unknown-deriver" : basename(info.deriver),
        cSig: signedBy === undefined ? null : bareSignature(info, signedBy.name),
    };
}
/**
 * Our signature, as the push pipeline already put it in the narinfo, without its key name: the service adds the
 * cache's own key name when it serves the narinfo.
 */
function bareSignature(info, keyName) {
    const ours = info.sigs.find((sig) => sig.startsWith(`${keyName}:`));
    if (ours === undefined)
        throw new Error(`the narinfo of ${info.storePath} carries no signature by ${keyName}`);
    return ours.slice(keyName.length + 1);
}

// EXTERNAL MODULE: ./src/lib/cache-info.ts
var cache_info = __webpack_require__(8770);
// EXTERNAL MODULE: ./src/lib/input-names.ts
var input_names = __webpack_require__(5834);
// EXTERNAL MODULE: ./src/lib/signing.ts
var signing = __webpack_require__(8920);
// EXTERNAL MODULE: ./src/nix/cache-url.ts
var cache_url = __webpack_require__(7197);
// EXTERNAL MODULE: ./src/nix/netrc.ts
var nix_netrc = __webpack_require__(5855);
;// CONCATENATED MODULE: ./src/cache/cachix/read-access.ts
/**
 * `cachix use`, done natively and checked before the build: the cache info of `name` and of every `extraPullNames`
 * entry gives the substituter URI and the keys to trust; private caches get netrc credentials, which are tried on
 * the cache's host once. Every problem that the user must fix names the input to fix.
 */







async function cachixReadAccess(deps, storeDir) {
    const { settings } = deps;
    const main = await lookUp(deps, settings.name, input_names/* INPUT_NAMES */.Q.name);
    const extras = await Promise.all(settings.extraPullNames.map((extra) => lookUp(deps, extra, input_names/* INPUT_NAMES */.Q.extraPullNames)));
    checkSigningKey(settings, main);
    const caches = [main, ...extras];
    // netrc matches host names only, as Nix (curl) reads it: the URI's port and path play no part.
    const netrc = [];
    for (const cache of caches) {
        if (!cache.isPublic && settings.authToken !== undefined) {
            netrc.push((0,nix_netrc/* netrcEntryFor */.Gk)(new URL(cache.uri), settings.authToken));
        }
    }
    await Promise.all(caches.map((cache) => checkCacheHost(deps, cache, storeDir, cache.isPublic ? undefined : settings.authToken)));
    const substituters = caches.map((cache) => ({
        url: cache.uri,
        publicKeys: cache.publicSigningKeys,
        pullOnly: cache !== main,
    }));
    const canPush = mayPush(deps, main);
    // A write token without a signing key: Cachix signs with the cache's managed key (cSig null).
    return { substituters, netrc, canPush, serverSigned: canPush && settings.signedBy === undefined };
}
/** GET cache info; 404 and 401 become input errors, anything else cache trouble. */
async function lookUp(deps, name, input) {
    const where = input === input_names/* INPUT_NAMES */.Q.name ? `'${name}'` : `'${name}' (from \`${input}\`)`;
    let info;
    try {
        info = await deps.api.getCache(name, deps.signal);
    }
    catch (error) {
        if (deps.signal?.aborted)
            throw error;
        if (error instanceof CachixHttpError && error.status === 404) {
            throw new errors/* InputError */.dz(input, `there is no Cachix cache ${where} at ${deps.settings.host.origin}`);
        }
        if (error instanceof CachixHttpError && error.status === 401) {
            throw new errors/* InputError */.dz(input_names/* INPUT_NAMES */.Q.authToken, deps.settings.authToken === undefined
                ? `Cachix cache ${where} is private (or does not exist): reading it needs a token`
                : `Cachix refused the token for cache ${where}: it is wrong or expired, or it has no access to this cache`);
        }
        throw new errors/* CacheError */.xA(`cannot look up Cachix cache ${where}: ${(0,errors/* describeError */.Uc)(error)}`, { cause: error });
    }
    // What Cachix answers goes into Nix's configuration as it is: it is held to the rules inputs are held to.
    if (typeof info.uri !== "string" || !Array.isArray(info.publicSigningKeys)) {
        throw new errors/* CacheError */.xA(`Cachix's answer for cache ${where} has no usable uri or publicSigningKeys`);
    }
    let uri;
    try {
        uri = (0,cache_url/* substituterUrl */.gC)((0,cache_url/* parseCacheUrl */.ne)(info.uri, ["http:", "https:"]));
    }
    catch (error) {
        throw new errors/* CacheError */.xA(`Cachix's answer for cache ${where} has an unusable uri: ${(0,errors/* describeError */.Uc)(error)}`);
    }
    const publicSigningKeys = info.publicSigningKeys.map((key) => {
        try {
            return (0,signing/* formatPublicKey */.et)((0,signing/* parsePublicKey */.ee)(key));
        }
        catch (error) {
            throw new errors/* CacheError */.xA(`Cachix cache ${where} lists a malformed public key: ${(0,errors/* describeError */.Uc)(error)}`);
        }
    });
    return { ...info, uri, publicSigningKeys };
}
/** Paths signed with a key the cache does not publish would be rejected by every Nix that reads it. */
function checkSigningKey(settings, cache) {
    const key = settings.signedBy?.key;
    if (key === undefined)
        return;
    const ours = Buffer.from(key);
    if (cache.publicSigningKeys.some((listed) => ours.equals(Buffer.from((0,signing/* parsePublicKey */.ee)(listed).key))))
        return;
    const listed = cache.publicSigningKeys.length === 0 ? "none yet" : cache.publicSigningKeys.join(", ");
    throw new errors/* InputError */.dz(input_names/* INPUT_NAMES */.Q.signingKey, `its public key is not among the public keys of Cachix cache '${cache.name}' (${listed}): Nix would reject ` +
        "every path signed with it. Use the cache's own key, or register this key with the cache.");
}
/** The cache host serves a binary cache for this store, and takes the token as netrc would send it. */
async function checkCacheHost(deps, cache, storeDir, token) {
    // Checked with the header Nix will send from the netrc entry setup writes.
    const headers = token === undefined
        ? {}
        : { Authorization: (0,nix_netrc/* netrcAuthorization */.yS)((0,nix_netrc/* netrcEntryFor */.Gk)(new URL(cache.uri), token)) };
    let answer;
    try {
        answer = await getText(new URL(`${cache.uri}/nix-cache-info`), headers, deps.policy, deps.signal);
    }
    catch (error) {
        if (deps.signal?.aborted)
            throw error;
        throw new errors/* CacheError */.xA(`cannot read ${cache.uri}/nix-cache-info: ${(0,errors/* describeError */.Uc)(error)}`, {
            cause: error,
        });
    }
    if (answer.status === 401 || answer.status === 403) {
        throw new errors/* InputError */.dz(input_names/* INPUT_NAMES */.Q.authToken, `${cache.uri} refused the token (HTTP ${answer.status})`);
    }
    if (answer.status !== 200) {
        throw new errors/* CacheError */.xA(`${cache.uri}/nix-cache-info: HTTP ${answer.status}`);
    }
    (0,cache_info/* checkCacheStoreDir */.hh)(cache.uri, answer.text, storeDir);
}
/** Whether post may push: a token with write access is needed, a signing key alone is not enough. */
function mayPush(deps, cache) {
    const { settings, log } = deps;
    if (!settings.push)
        return false;
    if (settings.authToken === undefined) {
        if (settings.signedBy !== undefined) {
            log.warning("`signingKey` is set but `authToken` is empty: Cachix accepts uploads only with a token that can write to " +
                `'${cache.name}', so this job pushes nothing.`);
        }
        return false;
    }
    if (cache.permission === "Read") {
        log.warning(`Input 'authToken' can only read Cachix cache '${cache.name}' (or Cachix did not accept it): this job ` +
            "pulls from the cache but pushes nothing. Use a token with write access to push.");
        return false;
    }
    return true;
}

;// CONCATENATED MODULE: ./src/cache/cachix/cachix-cache.ts
/**
 * A Cachix cache (`name`): setup is `cachix use`, post is `cachix push`, both spoken natively over Cachix's API.
 * A NAR goes up as a multipart upload in putNar; the upload is completed — which publishes the narinfo — only in
 * putNarInfo, so the pipeline's promise holds: no narinfo before its NAR and its references.
 */







/** `cachix push` sends at most this many hashes per narinfo query (the service's 1 MB body limit). */
const QUERY_BATCH = 32_768;
class CachixCache {
    settings;
    log;
    options;
    description;
    api;
    /** NARs uploaded but not yet completed, by their URL (two paths may have byte-identical NARs). */
    uploaded = new Map();
    constructor(settings, log, options = {}) {
        this.settings = settings;
        this.log = log;
        this.options = options;
        this.description = `Cachix cache '${settings.name}'`;
        this.api = new CachixApi({ host: settings.host, token: settings.authToken, policy: options.policy });
    }
    prepareRead(storeDir, signal) {
        const deps = {
            api: this.api,
            settings: this.settings,
            log: this.log,
            policy: this.options.policy,
            signal,
        };
        return cachixReadAccess(deps, storeDir);
    }
    // Asks nothing of Cachix: the token's write access was seen in prepareRead.
    async openForPush(storeDir, _signal) {
        if (storeDir !== store_path/* DEFAULT_STORE_DIR */.qC) {
            throw new errors/* CacheError */.xA(`Cachix serves ${store_path/* DEFAULT_STORE_DIR */.qC} only, but this Nix uses ${storeDir}`);
        }
        if (this.settings.authToken === undefined) {
            throw new errors/* CacheError */.xA("pushing to Cachix needs `authToken` (a token with write access)");
        }
    }
    async findCached(hashParts, signal) {
        const missing = new Set();
        for (let start = 0; start < hashParts.length; start += QUERY_BATCH) {
            const batch = hashParts.slice(start, start + QUERY_BATCH);
            try {
                for (const hash of await this.api.postNarinfo(this.settings.name, batch, signal))
                    missing.add(hash);
            }
            catch (error) {
                if (signal.aborted)
                    throw error;
                throw new errors/* CacheError */.xA(`cannot ask ${this.description} which paths it has: ${(0,errors/* describeError */.Uc)(error)}`, {
                    cause: error,
                });
            }
        }
        return new Set(hashParts.filter((hash) => !missing.has(hash)));
    }
    async putNar(nar, signal) {
        const name = this.settings.name;
        let upload;
        try {
            upload = await this.api.postMultipartNar(name, compressionOf(nar), signal);
        }
        catch (error) {
            throw new errors/* CacheError */.xA(`cannot start uploading ${nar.url}: ${(0,errors/* describeError */.Uc)(error)}`, { cause: error });
        }
        try {
            const parts = await uploadParts(this.api, name, upload, nar, {
                partSize: this.options.partSize ?? DEFAULT_PART_SIZE,
                concurrency: this.options.partConcurrency ?? DEFAULT_PART_CONCURRENCY,
                signal,
            });
            this.uploaded.set(nar.url, [...(this.uploaded.get(nar.url) ?? []), { upload, parts }]);
        }
        catch (error) {
            if (!(signal.reason instanceof errors/* StepStopped */.ic))
                await this.abort(upload);
            throw new errors/* CacheError */.xA(`cannot upload ${nar.url}: ${(0,errors/* describeError */.Uc)(error)}`, { cause: error });
        }
    }
    async putNarInfo(hashPart, narInfo, signal) {
        const info = (0,narinfo/* parseNarInfo */.Ne)(narInfo);
        const waiting = this.uploaded.get(info.url);
        const nar = waiting?.shift();
        if (nar === undefined)
            throw new errors/* CacheError */.xA(`${hashPart}.narinfo: its NAR ${info.url} was not uploaded`);
        if (waiting?.length === 0)
            this.uploaded.delete(info.url);
        const create = narInfoCreate(info, store_path/* DEFAULT_STORE_DIR */.qC, this.settings.signedBy);
        try {
            await this.api.postMultipartNarComplete(this.settings.name, nar.upload, nar.parts, create, signal);
        }
        catch (error) {
            if (!(signal.reason instanceof errors/* StepStopped */.ic))
                await this.abort(nar.upload);
            throw new errors/* CacheError */.xA(`cannot publish ${hashPart}.narinfo: ${(0,errors/* describeError */.Uc)(error)}`, { cause: error });
        }
    }
    /**
     * Uploads whose narinfo never came (a reference failed, time ran out) are aborted, so Cachix drops their parts. A
     * stopped step leaves them (and so does a failure after a stop, above): it has no time to wait for answers, and
     * Cachix drops unfinished uploads of its own accord.
     */
    async close(_result, stop) {
        const left = [...this.uploaded.values()].flat();
        this.uploaded.clear();
        if (stop.aborted)
            return;
        await Promise.all(left.map((nar) => this.abort(nar.upload)));
    }
    async abort(upload) {
        try {
            // Not under the push deadline: after a timeout the abort must still go out.
            await this.api.postMultipartNarAbort(this.settings.name, upload, AbortSignal.timeout(60_000));
        }
        catch (error) {
            this.log.debug(`aborting upload ${upload.narId} failed: ${(0,errors/* describeError */.Uc)(error)}`);
        }
    }
}


/***/ }),

/***/ 8770:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bk: () => (/* binding */ renderCacheInfo),
/* harmony export */   hh: () => (/* binding */ checkCacheStoreDir)
/* harmony export */ });
/* unused harmony export parseCacheInfoStoreDir */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7268);
/** A binary cache's `nix-cache-info`: the one we write, and the StoreDir of one we read. */

/** The `nix-cache-info` we write; WantMassQuery lets Nix ask for many paths at once. */
function renderCacheInfo(storeDir) {
    return `StoreDir: ${storeDir}\nWantMassQuery: 1\n`;
}
/**
 * Refuses a cache whose `nix-cache-info` names another StoreDir, as Nix does: nothing in it could be substituted
 * here. None yet (`cacheInfo` undefined), or one without StoreDir, is fine. Returns the StoreDir it names.
 */
function checkCacheStoreDir(where, cacheInfo, storeDir) {
    const storeDirOfCache = cacheInfo === undefined ? undefined : parseCacheInfoStoreDir(cacheInfo);
    if (storeDirOfCache !== undefined && storeDirOfCache !== storeDir) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CacheError */ .xA(`${where} is a cache for ${storeDirOfCache}, but this Nix uses ${storeDir}`);
    }
    return storeDirOfCache;
}
/** The StoreDir a `nix-cache-info` names, if any. */
function parseCacheInfoStoreDir(text) {
    for (const line of text.split("\n")) {
        const colon = line.indexOf(":");
        if (colon > 0 && line.slice(0, colon).trim() === "StoreDir")
            return line.slice(colon + 1).trim();
    }
    return undefined;
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
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7268);
/* harmony import */ var _hash_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9639);
/* harmony import */ var _store_path_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6056);



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
    (0,_store_path_js__WEBPACK_IMPORTED_MODULE_2__/* .parseStorePath */ .GV)(info.storePath, storeDir);
    const basename = (path) => (0,_store_path_js__WEBPACK_IMPORTED_MODULE_2__/* .parseStorePath */ .GV)(path, storeDir).basename;
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
        `FileHash: ${(0,_hash_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSha256Nix32 */ .BW)(info.fileHash)}`,
        `FileSize: ${sizeText("FileSize", info.fileSize)}`,
        `NarHash: ${(0,_hash_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSha256Nix32 */ .BW)(info.narHash)}`,
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
        (0,_store_path_js__WEBPACK_IMPORTED_MODULE_2__/* .parseStorePath */ .GV)(ref, storeDir);
    return `1;${storePath};${(0,_hash_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSha256Nix32 */ .BW)(narHash)};${narSize};${sortedUnique(references).join(",")}`;
}
/**
 * Parses a narinfo with Nix's rules: `Key: value` lines each ending in LF, unknown keys ignored, Compression
 * defaulting to bzip2, `unknown-deriver` meaning none. Stricter than Nix where Nix silently misreads.
 */
function parseNarInfo(text, storeDir = _store_path_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_STORE_DIR */ .qC) {
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
            return (0,_hash_js__WEBPACK_IMPORTED_MODULE_1__/* .parseSha256 */ .tz)(required(key));
        }
        catch (error) {
            throw corrupt(`${key}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(error)}`);
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
            return (0,_store_path_js__WEBPACK_IMPORTED_MODULE_2__/* .parseStorePath */ .GV)(value, storeDir).full;
        }
        catch (error) {
            throw corrupt((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(error));
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

/***/ 2797:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ forEachConcurrently)
/* harmony export */ });
/** Requests a few at a time, for the backends that ask or upload many things at once. */
/**
 * Runs `work` on every item, at most `concurrency` at a time, in order of the items. After the first failure no
 * further item starts, and that error is thrown once the ones in flight have ended.
 */
async function forEachConcurrently(items, concurrency, work) {
    let next = 0;
    let failure;
    const worker = async () => {
        while (failure === undefined && next < items.length) {
            const item = items[next++];
            try {
                await work(item);
            }
            catch (error) {
                failure ??= { error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
    if (failure !== undefined)
        throw failure.error;
}


/***/ }),

/***/ 4367:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   hh: () => (/* binding */ fileBody),
/* harmony export */   sU: () => (/* binding */ openResponse),
/* harmony export */   w$: () => (/* binding */ sendRequest)
/* harmony export */ });
/* unused harmony export RequestTimeoutError */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _proxy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1987);
/**
 * One HTTP(S) exchange, nothing retried (that is ./retry.ts), through the runner's proxy if it has one (./proxy.ts).
 * Bodies always carry Content-Length (nginx's DAV wants it), a `FileBody` can be streamed again on retry,
 * `timeoutMs` counts inactivity (a slow upload is fine, a stalled server is not), and responses are small documents
 * read into memory.
 */ 




/** No progress within the timeout; retryable. */
class RequestTimeoutError extends Error {
    code = "ETIMEDOUT";
    constructor(message) {
        super(message);
        this.name = "RequestTimeoutError";
    }
}
/**
 * `length` bytes of a file from `start`, as a re-sendable body read a megabyte at a time: with the stream default of
 * 64 KiB, a NAR of hundreds of megabytes is thousands of reads, each a round trip to the thread pool and a buffer
 * to collect.
 */
function fileBody(path, length, start = 0) {
    return {
        length,
        open: () => 
        // createReadStream has no empty range: `end` is inclusive.
        length === 0
            ? node_stream__WEBPACK_IMPORTED_MODULE_3__.Readable.from([])
            : (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(path, { start, end: start + length - 1, highWaterMark: 1024 * 1024 }),
    };
}
/**
 * Sends a request without a body once and resolves with its response as a stream, whatever its status: for
 * answers passed on as they arrive (a NAR to Nix). The caller reads or discards it.
 */
function openResponse(request, options) {
    return new Promise((resolve, reject) => {
        const client = request.url.protocol === "https:" ? node_https__WEBPACK_IMPORTED_MODULE_2__ : node_http__WEBPACK_IMPORTED_MODULE_1__;
        const headers = { "User-Agent": "nix-binary-cache-action", ...request.headers };
        const outgoing = client.request(request.url, { method: request.method, headers, signal: options.signal, agent: (0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .proxyAgent */ .QT)(request.url) }, resolve);
        outgoing.setTimeout(options.timeoutMs, () => outgoing.destroy(new RequestTimeoutError(`${request.method} ${request.url.href}: no answer for ${options.timeoutMs} ms`)));
        outgoing.on("error", reject);
        outgoing.end();
    });
}
/** Sends `request` once; resolves with any status, rejects on transport trouble, timeout or abort. */
function sendRequest(request, options) {
    const maxResponseBytes = options.maxResponseBytes ?? 4 * 2 ** 20;
    const client = request.url.protocol === "https:" ? node_https__WEBPACK_IMPORTED_MODULE_2__ : node_http__WEBPACK_IMPORTED_MODULE_1__;
    const { body } = request;
    const length = body === undefined ? 0 : typeof body === "string" ? Buffer.byteLength(body) : body.length;
    const headers = { "User-Agent": "nix-binary-cache-action", ...request.headers };
    if (body !== undefined || request.method === "PUT" || request.method === "POST") {
        headers["Content-Length"] = String(length);
    }
    return new Promise((resolve, reject) => {
        options.signal?.throwIfAborted();
        const outgoing = client.request(request.url, {
            method: request.method,
            headers,
            signal: options.signal,
            agent: (0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .proxyAgent */ .QT)(request.url),
        });
        let source;
        const fail = (error) => {
            source?.destroy();
            outgoing.destroy(error);
            reject(error);
        };
        outgoing.setTimeout(options.timeoutMs, () => fail(new RequestTimeoutError(`${request.method} ${request.url.href}: no response progress for ${options.timeoutMs} ms`)));
        outgoing.on("error", fail);
        outgoing.on("response", (incoming) => {
            const chunks = [];
            let received = 0;
            incoming.on("data", (chunk) => {
                received += chunk.length;
                if (received > maxResponseBytes) {
                    fail(new Error(`${request.method} ${request.url.href}: response larger than ${maxResponseBytes} bytes`));
                    return;
                }
                chunks.push(chunk);
            });
            incoming.on("error", fail);
            // "aborted" fires (and "end" never does) when the server closes mid-body.
            incoming.on("aborted", () => fail(Object.assign(new Error("response cut short"), { code: "ECONNRESET" })));
            incoming.on("end", () => {
                // A server may answer (e.g. 401) before the whole body is sent; stop reading the file then.
                source?.destroy();
                resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) });
            });
        });
        if (body === undefined) {
            outgoing.end();
        }
        else if (typeof body === "string" || body instanceof Uint8Array) {
            outgoing.end(body);
        }
        else {
            source = body.open();
            source.on("error", fail);
            source.pipe(outgoing);
        }
    });
}


/***/ }),

/***/ 1987:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ky: () => (/* binding */ noProxyForLoopback),
/* harmony export */   QT: () => (/* binding */ proxyAgent)
/* harmony export */ });
/* unused harmony export bypassesProxy */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/**
 * Proxies as the Actions toolkit (@actions/http-client) honours them, for every HTTP client of the action:
 * `https_proxy`/`HTTPS_PROXY` for https URLs, `http_proxy`/`HTTP_PROXY` for http ones, never for loopback hosts, and
 * not for a host `no_proxy`/`NO_PROXY` names (`*`, a host, `host:port`, a domain suffix, with or without a leading
 * dot). Self-hosted runners often reach the internet only through one. Node 24's agents do the tunnelling.
 */


const agents = new Map();
/** The agent a request to `url` goes through: a proxying one, or undefined for a direct connection. */
function proxyAgent(url, env = process.env) {
    const secure = url.protocol === "https:";
    const proxy = secure ? env.https_proxy || env.HTTPS_PROXY : env.http_proxy || env.HTTP_PROXY;
    if (!proxy || bypassesProxy(url, env))
        return undefined;
    const id = `${url.protocol}${proxy}`;
    let agent = agents.get(id);
    if (agent === undefined) {
        // The bypass is decided above, by the toolkit's rules: Node's agent is told of the proxy alone.
        const proxyEnv = secure ? { HTTPS_PROXY: proxy } : { HTTP_PROXY: proxy };
        agent = secure
            ? new node_https__WEBPACK_IMPORTED_MODULE_1__.Agent({ keepAlive: true, proxyEnv })
            : new node_http__WEBPACK_IMPORTED_MODULE_0__.Agent({ keepAlive: true, proxyEnv });
        agents.set(id, agent);
    }
    return agent;
}
/** Whether `url` is reached directly although a proxy is set: loopback, or named by NO_PROXY. */
function bypassesProxy(url, env = process.env) {
    const host = url.hostname.toLowerCase();
    if (host === "localhost" || host.startsWith("127.") || host === "[::1]" || host === "[0:0:0:0:0:0:0:1]") {
        return true;
    }
    const noProxy = env.no_proxy || env.NO_PROXY || "";
    const port = url.port || (url.protocol === "https:" ? "443" : "80");
    const names = [host, `${host}:${port}`];
    return noProxy
        .split(",")
        .map((item) => item.trim().toLowerCase())
        .filter((item) => item !== "")
        .some((item) => item === "*" ||
        names.some((name) => name === item || name.endsWith(`.${item}`) || (item.startsWith(".") && name.endsWith(item))));
}
/**
 * The `no_proxy` later steps need so that Nix's own downloads from a read server on 127.0.0.1 stay off the proxy:
 * curl, which Nix downloads with, sends even loopback requests through `http_proxy` or `all_proxy` unless
 * `no_proxy` (else `NO_PROXY`) names them. Undefined when no such proxy is set, or loopback is named already.
 */
function noProxyForLoopback(env) {
    if (!(env.http_proxy || env.all_proxy || env.ALL_PROXY))
        return undefined;
    // Read as the action's own requests read it (bypassesProxy), which later steps' processes of the action inherit.
    const items = (env.no_proxy || env.NO_PROXY || "")
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item !== "");
    // Only these: curl before 7.86 reads no CIDR ranges.
    if (items.some((item) => item === "*" || item === "127.0.0.1"))
        return undefined;
    return [...items, "127.0.0.1"].join(",");
}


/***/ }),

/***/ 7893:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HI: () => (/* binding */ sendWithRetries),
/* harmony export */   Jb: () => (/* binding */ retryPolicy),
/* harmony export */   LH: () => (/* binding */ withRetries),
/* harmony export */   PS: () => (/* binding */ isRetryableStatus),
/* harmony export */   cO: () => (/* binding */ DEFAULT_RETRY_POLICY),
/* harmony export */   dw: () => (/* binding */ RetryableError)
/* harmony export */ });
/* unused harmony exports GaveUpError, isRetryableError, parseRetryAfter, backoffDelay */
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7268);
/* harmony import */ var _http_request_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4367);
/**
 * The one retry policy of every network backend: HTTP 408, 429, 5xx (not 501/505), connection failures and
 * timeouts are retried with exponential backoff and full jitter, or after the server's Retry-After; a Retry-After
 * beyond `maxDelayMs`, a spent `budgetMs` or an aborted signal (the push deadline) ends the retries at once.
 * `sendWithRetries` resolves with the last response (callers judge its status) and rejects on transport trouble;
 * `withRetries` is the loop under it.
 */ 


const DEFAULT_RETRY_POLICY = {
    attempts: 5,
    baseDelayMs: 500,
    maxDelayMs: 60_000,
    requestTimeoutMs: 60_000,
    budgetMs: 5 * 60_000,
};
function retryPolicy(overrides = {}) {
    return { ...DEFAULT_RETRY_POLICY, ...overrides };
}
/** Thrown by an attempt to ask for another try. */
class RetryableError extends Error {
    retryAfterMs;
    constructor(message, retryAfterMs) {
        super(message);
        this.retryAfterMs = retryAfterMs;
        this.name = "RetryableError";
    }
}
/** A retryable HTTP status; `sendWithRetries` returns its response when retries run out. */
class RetryableStatus extends RetryableError {
    response;
    constructor(response) {
        super(`HTTP ${response.status}`, parseRetryAfter(headerValue(response.headers["retry-after"])));
        this.response = response;
    }
}
/** Retries ran out (or the budget did); `cause` is the last failure. */
class GaveUpError extends Error {
    attempts;
    constructor(message, attempts, options) {
        super(message, options);
        this.attempts = attempts;
        this.name = "GaveUpError";
    }
}
function isRetryableStatus(status) {
    return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}
const RETRYABLE_CODES = new Set([
    "ECONNRESET",
    "ECONNREFUSED",
    "ECONNABORTED",
    "EPIPE",
    "ETIMEDOUT",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "ENETDOWN",
    "EAI_AGAIN",
]);
/** Whether `error` (or one of its causes) is a failure worth another try. */
function isRetryableError(error) {
    for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
        if (current instanceof RetryableError || current.name === "TimeoutError")
            return true;
        const code = current.code;
        if (code !== undefined && RETRYABLE_CODES.has(code))
            return true;
        current = current.cause;
    }
    return false;
}
/** Milliseconds to wait from a Retry-After value (delta-seconds or HTTP date), or undefined when absent/invalid. */
function parseRetryAfter(value, now = Date.now()) {
    if (value === undefined || value.trim() === "")
        return undefined;
    const text = value.trim();
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
/** The wait after the `failures`-th failure: full jitter over an exponentially growing, capped window. */
function backoffDelay(policy, failures, random = Math.random) {
    const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - 1));
    return Math.floor(random() * window);
}
async function withRetries(attempt, options = {}) {
    const policy = options.policy ?? DEFAULT_RETRY_POLICY;
    const signal = options.signal ?? new AbortController().signal;
    const started = Date.now();
    for (let number = 1;; number++) {
        signal.throwIfAborted();
        try {
            return await attempt({ attempt: number, signal });
        }
        catch (error) {
            if (signal.aborted)
                throw signal.reason;
            if (!isRetryableError(error))
                throw error;
            const reason = describeFailure(error);
            const retryAfterMs = error instanceof RetryableError ? error.retryAfterMs : undefined;
            const delayMs = retryAfterMs ?? backoffDelay(policy, number, options.random);
            if (number >= policy.attempts)
                throw gaveUp(`${reason}, after ${number} attempts`, number, error);
            if (retryAfterMs !== undefined && retryAfterMs > policy.maxDelayMs) {
                throw gaveUp(`${reason} with Retry-After ${Math.ceil(retryAfterMs / 1000)} s`, number, error);
            }
            if (Date.now() + delayMs - started > policy.budgetMs) {
                throw gaveUp(`${reason}, retry budget of ${policy.budgetMs} ms spent`, number, error);
            }
            options.onRetry?.({ attempt: number, delayMs, reason });
            await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(delayMs, undefined, { signal }).catch(() => {
                throw signal.reason;
            });
        }
    }
}
/** Sends `request`, retrying per the policy; see the header comment. */
async function sendWithRetries(request, options = {}) {
    const policy = options.policy ?? DEFAULT_RETRY_POLICY;
    try {
        return await withRetries(async ({ signal }) => {
            const response = await (0,_http_request_js__WEBPACK_IMPORTED_MODULE_2__/* .sendRequest */ .w$)(request, {
                timeoutMs: policy.requestTimeoutMs,
                signal,
                maxResponseBytes: options.maxResponseBytes,
            });
            if (isRetryableStatus(response.status))
                throw new RetryableStatus(response);
            return response;
        }, options);
    }
    catch (error) {
        if (error instanceof GaveUpError && error.cause instanceof RetryableStatus)
            return error.cause.response;
        throw error;
    }
}
function gaveUp(message, attempts, cause) {
    return new GaveUpError(message, attempts, { cause });
}
function describeFailure(error) {
    const message = (0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .describeError */ .Uc)(error);
    const code = error?.code;
    return typeof code === "string" && !message.includes(code) ? `${message} (${code})` : message;
}
function headerValue(value) {
    return Array.isArray(value) ? value[0] : value;
}


/***/ })

};

//# sourceMappingURL=600.index.js.map