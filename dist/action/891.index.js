export const id = 891;
export const ids = [891];
export const modules = {

/***/ 9318:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  w2: () => (/* binding */ MAX_INDEX_BYTES),
  X1: () => (/* binding */ decodeIndex),
  gW: () => (/* binding */ emptyIndex),
  bj: () => (/* binding */ encodeIndex),
  D2: () => (/* binding */ pruneToSize),
  fx: () => (/* binding */ withoutPaths)
});

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./src/lib/errors.ts
var errors = __webpack_require__(7268);
// EXTERNAL MODULE: ./src/lib/narinfo.ts
var narinfo = __webpack_require__(2082);
// EXTERNAL MODULE: ./src/lib/store-path.ts
var store_path = __webpack_require__(6056);
;// CONCATENATED MODULE: ./src/lib/referrers.ts
/**
 * Who refers to whom among a cache's paths, and the closure rule every removal keeps: when a path goes, so does
 * every path that refers to it (a narinfo must never outlive its references). Iterative: chains can be deep.
 */

/** Hash part → hash parts of the paths that refer to it (a path's reference to itself left out). */
function referrersOf(paths) {
    const referrers = new Map();
    for (const [hashPart, references] of paths) {
        for (const reference of references) {
            const target = (0,store_path/* hashPartOf */.bV)(reference);
            if (target === hashPart)
                continue;
            const list = referrers.get(target);
            if (list === undefined)
                referrers.set(target, [hashPart]);
            else
                list.push(hashPart);
        }
    }
    return referrers;
}
/** `roots` and every path that refers to one of them, directly or through others. */
function withReferrers(referrers, roots) {
    const result = new Set();
    const queue = [...roots];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
        if (result.has(next))
            continue;
        result.add(next);
        queue.push(...(referrers.get(next) ?? []));
    }
    return result;
}

;// CONCATENATED MODULE: ./src/cache/actions-cache/cache-index.ts
/**
 * The index: one small entry that says which paths the cache holds, each with its narinfo and where its compressed
 * NAR lies (a byte range of a pack entry), and when a job last used it. Every save writes a new index (entries
 * cannot be changed); a job reads only the newest. Packs hold NAR bytes only, so that a job that needs nothing
 * downloads the index alone, and one that needs a few paths reads their ranges.
 */





const FORMAT = "nix-binary-cache-action index";
const VERSION = 2;
/** An index larger than this is not read (nor written): a job must never download much to learn what is cached. */
const MAX_INDEX_BYTES = 16 * 2 ** 20;
function emptyIndex(storeDir) {
    return { storeDir, paths: new Map() };
}
/** The index as bytes to save: JSON, zstd-compressed (hashes are most of it; the rest compresses well). */
function encodeIndex(index, savedAt) {
    const packs = [...new Set([...index.paths.values()].map((path) => path.pack))].sort();
    const packNumber = new Map(packs.map((pack, number) => [pack, number]));
    const paths = [...index.paths.values()]
        .sort((a, b) => (a.hashPart < b.hashPart ? -1 : 1))
        .map((path) => [path.text, packNumber.get(path.pack) ?? 0, path.offset, path.lastUsed]);
    const file = {
        format: FORMAT,
        version: VERSION,
        storeDir: index.storeDir,
        savedAt,
        packs,
        paths,
    };
    return (0,external_node_zlib_.zstdCompressSync)(Buffer.from(JSON.stringify(file)));
}
/**
 * Reads an index saved by `encodeIndex`. Throws when the bytes are no index of this version (another layout is
 * left aside, never half-read); an index for another store directory reads as empty.
 */
function decodeIndex(bytes, storeDir) {
    let file;
    try {
        const json = (0,external_node_zlib_.zstdDecompressSync)(bytes, { maxOutputLength: 8 * MAX_INDEX_BYTES });
        file = JSON.parse(json.toString("utf8"));
    }
    catch (error) {
        throw new Error(`the index is unreadable (${(0,errors/* describeError */.Uc)(error)})`);
    }
    if (file?.format !== FORMAT || file.version !== VERSION || !Array.isArray(file.paths)) {
        throw new Error("the index is not one of this version of the action");
    }
    if (file.storeDir !== storeDir)
        return { index: emptyIndex(storeDir), rejected: [] };
    const paths = new Map();
    const rejected = [];
    for (const entry of file.paths) {
        const [text, packNumber, offset, lastUsed] = Array.isArray(entry) ? entry : [];
        const pack = file.packs[Number(packNumber)];
        let info;
        try {
            if (typeof text !== "string")
                throw new Error("no narinfo");
            info = (0,narinfo/* parseNarInfo */.Ne)(text, storeDir);
        }
        catch (error) {
            rejected.push({ name: "a path", reason: (0,errors/* describeError */.Uc)(error) });
            continue;
        }
        if (typeof pack !== "string" || !Number.isSafeInteger(offset) || offset < 0) {
            rejected.push({ name: info.storePath, reason: "its place in the cache is malformed" });
            continue;
        }
        const hashPart = (0,store_path/* hashPartOf */.bV)(info.storePath);
        const used = Number.isFinite(lastUsed) ? lastUsed : file.savedAt;
        paths.set(hashPart, { hashPart, text, info, pack, offset: offset, lastUsed: used });
    }
    return { index: { storeDir, savedAt: Number(file.savedAt) || undefined, paths }, rejected };
}
/** Who refers to whom among the indexed paths: hash part → hash parts of the paths that refer to it. */
function referrersIn(paths) {
    return referrersOf([...paths].map(([hashPart, path]) => [hashPart, path.info.references]));
}
/**
 * The index without `remove` and every path that refers to one of them: a narinfo must never outlive its NAR or
 * its references.
 */
function withoutPaths(index, remove) {
    const removed = withReferrers(referrersIn(index.paths), remove);
    const paths = new Map([...index.paths].filter(([hashPart]) => !removed.has(hashPart)));
    for (const hashPart of [...removed])
        if (!index.paths.has(hashPart))
            removed.delete(hashPart);
    return { index: { ...index, paths }, removed };
}
/**
 * Keeps the cache within `limit` bytes of compressed NARs: the least recently used go first (the bigger first
 * among equals), each with every path that refers to it — used no more recently, since using a path means having
 * its closure.
 */
function pruneToSize(index, limit) {
    const size = (hashPart) => index.paths.get(hashPart)?.info.fileSize ?? 0;
    let total = 0;
    for (const path of index.paths.values())
        total += path.info.fileSize;
    const before = total;
    const removed = new Set();
    if (total <= limit)
        return { index, removed, before, after: total };
    const referrers = referrersIn(index.paths);
    const order = [...index.paths.values()].sort((a, b) => a.lastUsed - b.lastUsed || size(b.hashPart) - size(a.hashPart) || (a.hashPart < b.hashPart ? -1 : 1));
    for (const candidate of order) {
        if (total <= limit)
            break;
        if (removed.has(candidate.hashPart))
            continue;
        for (const hashPart of withReferrers(referrers, [candidate.hashPart])) {
            if (removed.has(hashPart) || !index.paths.has(hashPart))
                continue;
            removed.add(hashPart);
            total -= size(hashPart);
        }
    }
    const paths = new Map([...index.paths].filter(([hashPart]) => !removed.has(hashPart)));
    return { index: { ...index, paths }, removed, before, after: total };
}


/***/ }),

/***/ 7503:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZY: () => (/* binding */ actionsCacheService),
/* harmony export */   fc: () => (/* binding */ openBlobRange),
/* harmony export */   gm: () => (/* binding */ readBlob),
/* harmony export */   o_: () => (/* binding */ EntryGoneError),
/* harmony export */   xC: () => (/* binding */ bufferEntryBody)
/* harmony export */ });
/* unused harmony exports ENTRY_VERSION, ServiceError */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _net_concurrently_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2797);
/* harmony import */ var _net_http_request_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4367);
/* harmony import */ var _net_retry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7893);
/**
 * The GitHub Actions cache service, spoken directly: its v2 Twirp JSON API (github.com) or the legacy v1 REST API
 * (GitHub Enterprise Server), and the blob storage behind both. @actions/cache can only pack and unpack whole tar
 * archives; this action's entries are its own (an index, and packs of compressed NARs read by byte ranges), so it
 * looks entries up, reads ranges of them and uploads them itself. A 429 is never retried (the repository's rate of
 * new entries is spent: another try only spends more); 5xx answers and broken connections are, briefly.
 */





/** The version every entry of this action carries: the service matches keys only among entries of one version. */
const ENTRY_VERSION = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256").update("nix-binary-cache-action entries v2").digest("hex");
/** Bytes in memory as an entry's body. */
function bufferEntryBody(bytes) {
    return {
        length: bytes.length,
        part: (start, partLength) => {
            const chunk = bytes.subarray(start, start + partLength);
            return { length: chunk.length, open: () => node_stream__WEBPACK_IMPORTED_MODULE_1__.Readable.from([chunk]) };
        },
    };
}
/** The service failed to answer a lookup (not a miss). */
class ServiceError extends Error {
    rateLimited;
    constructor(message, rateLimited = false) {
        super(message);
        this.rateLimited = rateLimited;
        this.name = "ServiceError";
    }
}
/** An entry's blob answered 404: the service evicted the entry since it was looked up. */
class EntryGoneError extends Error {
    constructor(message) {
        super(message);
        this.name = "EntryGoneError";
    }
}
/** Few, short retries: a job waits for these calls, and a cache that does not answer must not hold it long. */
const POLICY = (0,_net_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .retryPolicy */ .Jb)({ attempts: 3, baseDelayMs: 1000, maxDelayMs: 5000, requestTimeoutMs: 30_000 });
/** Blob uploads go in blocks of this size (a single PUT up to it), this many at a time. */
const BLOCK_BYTES = 32 * 2 ** 20;
const BLOCK_CONCURRENCY = 4;
/** The Azure storage API version of our blob requests: the one @actions/cache 6.3.0's Azure SDK sends. */
const AZURE_VERSION = "2026-02-06";
/** The service as this job's runner configured it: v2 on github.com, v1 on GitHub Enterprise Server. */
function actionsCacheService(env) {
    const mode = (env.ACTIONS_CACHE_MODE ?? "").trim().toLowerCase();
    const token = env.ACTIONS_RUNTIME_TOKEN ?? "";
    const v2 = (env.ACTIONS_CACHE_SERVICE_V2 ?? "") !== "" && !isEnterpriseServer(env.GITHUB_SERVER_URL);
    const base = v2 ? env.ACTIONS_RESULTS_URL : env.ACTIONS_CACHE_URL;
    const unavailable = () => {
        if (base === undefined || base === "") {
            return ("the GitHub Actions cache service is not available to this job (the runner set neither ACTIONS_RESULTS_URL " +
                "nor ACTIONS_CACHE_URL: not a GitHub-hosted run, or a GitHub Enterprise Server without Actions cache)");
        }
        if (token === "")
            return "the runner set no ACTIONS_RUNTIME_TOKEN, which the cache service requires";
        // Saving without reading first would replace the job's index with one holding only this job's paths.
        if (mode === "none" || mode === "write-only") {
            return `the job's cache mode is '${mode}' (ACTIONS_CACHE_MODE): this action needs to read the cache to extend it`;
        }
        return undefined;
    };
    const api = URL.parse(base?.endsWith("/") ? base : `${base ?? ""}/`);
    if (api === null) {
        const why = `the runner's cache service URL is malformed (${v2 ? "ACTIONS_RESULTS_URL" : "ACTIONS_CACHE_URL"})`;
        const never = () => Promise.reject(new ServiceError(why));
        return { unavailable: () => unavailable() ?? why, writable: () => false, lookup: never, save: never };
    }
    const protocol = v2 ? twirp(api, token) : rest(api, token);
    return { unavailable, writable: () => mode !== "read", ...protocol };
}
/** GitHub Enterprise Server: a server URL whose host is not github.com, *.ghe.com or *.localhost (as @actions/cache). */
function isEnterpriseServer(serverUrl) {
    const host = new URL(serverUrl || "https://github.com").hostname.toLowerCase();
    return !(host === "github.com" || host.endsWith(".ghe.com") || host.endsWith(".localhost"));
}
/** The v2 API: three Twirp methods, and Azure blob storage through the URLs they sign. */
function twirp(api, token) {
    const call = async (method, input, signal) => {
        // From the host: a path in ACTIONS_RESULTS_URL is not kept (as @actions/cache builds it).
        const url = new URL(`/twirp/github.actions.results.api.v1.CacheService/${method}`, api);
        const response = await send({ method: "POST", url, body: JSON.stringify(input), headers: jsonHeaders(token) }, signal);
        if (response.status !== 200)
            throw statusError(`${method}`, response);
        return parseJson(method, response);
    };
    return {
        async lookup(key, restoreKeys, signal) {
            const input = { key, restore_keys: restoreKeys, version: ENTRY_VERSION };
            const output = await call("GetCacheEntryDownloadURL", input, signal);
            if (output.ok !== true)
                return undefined;
            return { key: String(output.matched_key ?? key), url: String(output.signed_download_url) };
        },
        async save(key, body, signal) {
            try {
                const created = await call("CreateCacheEntry", { key, version: ENTRY_VERSION }, signal);
                if (created.ok !== true) {
                    const message = String(created.message ?? "");
                    if (message === "")
                        return { kind: "exists" };
                    return { kind: "failed", problem: `the service refused the entry: ${message}` };
                }
                await putBlob(new URL(String(created.signed_upload_url)), body, signal);
                const input = { key, version: ENTRY_VERSION, size_bytes: String(body.length) };
                const finalized = await call("FinalizeCacheEntryUpload", input, signal);
                if (finalized.ok !== true) {
                    return {
                        kind: "failed",
                        problem: `not finalized: ${String(finalized.message ?? "no reason given")}`,
                    };
                }
                return { kind: "saved" };
            }
            catch (error) {
                return failedSave(error, signal);
            }
        },
    };
}
/** The legacy v1 REST API of GitHub Enterprise Server: the service stores the chunks itself. */
function rest(api, token) {
    const headers = {
        ...jsonHeaders(token),
        Accept: "application/json;api-version=6.0-preview.1",
    };
    const url = (path) => new URL(`_apis/artifactcache/${path}`, api);
    return {
        async lookup(key, restoreKeys, signal) {
            const query = new URLSearchParams({ keys: [key, ...restoreKeys].join(","), version: ENTRY_VERSION });
            const response = await send({ method: "GET", url: url(`cache?${query}`), headers }, signal);
            if (response.status === 204)
                return undefined;
            if (response.status !== 200)
                throw statusError("GET cache", response);
            const found = parseJson("GET cache", response);
            if (typeof found.archiveLocation !== "string")
                return undefined;
            return { key: String(found.cacheKey ?? key), url: found.archiveLocation };
        },
        async save(key, body, signal) {
            try {
                const reserve = JSON.stringify({ key, version: ENTRY_VERSION, cacheSize: body.length });
                const reserved = await send({ method: "POST", url: url("caches"), headers, body: reserve }, signal);
                if (reserved.status === 409)
                    return { kind: "exists" };
                if (reserved.status !== 201 && reserved.status !== 200)
                    throw statusError("POST caches", reserved);
                const id = Number(parseJson("POST caches", reserved).cacheId);
                if (!Number.isSafeInteger(id))
                    throw new ServiceError("POST caches: no cacheId in the answer");
                for (const [start, length] of blocks(body.length)) {
                    const chunk = body.part(start, length);
                    const range = `bytes ${start}-${start + length - 1}/*`;
                    const patched = await send({
                        method: "PATCH",
                        url: url(`caches/${id}`),
                        headers: { ...headers, "Content-Type": "application/octet-stream", "Content-Range": range },
                        body: chunk,
                    }, signal);
                    if (patched.status !== 204 && patched.status !== 200)
                        throw statusError("PATCH caches", patched);
                }
                const commit = JSON.stringify({ size: body.length });
                const committed = await send({ method: "POST", url: url(`caches/${id}`), headers, body: commit }, signal);
                if (committed.status !== 204 && committed.status !== 200)
                    throw statusError("POST caches/:id", committed);
                return { kind: "saved" };
            }
            catch (error) {
                return failedSave(error, signal);
            }
        },
    };
}
/** Uploads to a signed Azure blob URL: one Put Blob, or Put Block for each block and a Put Block List. */
async function putBlob(url, body, signal) {
    const headers = { "x-ms-version": AZURE_VERSION };
    if (body.length <= BLOCK_BYTES) {
        const whole = body.part(0, body.length);
        const response = await send({ method: "PUT", url, body: whole, headers: { ...headers, "x-ms-blob-type": "BlockBlob" } }, signal);
        if (response.status !== 201)
            throw statusError("blob upload", response);
        return;
    }
    // Block ids of one blob must all have the same length.
    const parts = blocks(body.length).map(([start, length], number) => ({
        id: Buffer.from(String(number).padStart(8, "0")).toString("base64"),
        start,
        length,
    }));
    const ids = parts.map((part) => part.id);
    await (0,_net_concurrently_js__WEBPACK_IMPORTED_MODULE_4__/* .forEachConcurrently */ .D)(parts, BLOCK_CONCURRENCY, async ({ id, start, length }) => {
        const block = withQuery(url, { comp: "block", blockid: id });
        const response = await send({ method: "PUT", url: block, body: body.part(start, length), headers }, signal);
        if (response.status !== 201)
            throw statusError("blob block upload", response);
    });
    const list = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><BlockList>${ids.map((id) => `<Latest>${id}</Latest>`).join("")}</BlockList>`;
    const response = await send({
        method: "PUT",
        url: withQuery(url, { comp: "blocklist" }),
        body: list,
        headers: { ...headers, "Content-Type": "application/xml" },
    }, signal);
    if (response.status !== 201)
        throw statusError("blob block list", response);
}
/** Reads `length` bytes from `offset` of an entry's blob (all of it without a range). */
async function readBlob(url, range, signal, maxBytes = 256 * 2 ** 20) {
    const headers = { "x-ms-version": AZURE_VERSION };
    if (range !== undefined)
        headers.Range = `bytes=${range.offset}-${range.offset + range.length - 1}`;
    const response = await send({ method: "GET", url: new URL(url), headers }, signal, maxBytes);
    if (response.status === 404)
        throw new EntryGoneError("the entry is gone (evicted by the service)");
    if (range === undefined) {
        if (response.status !== 200)
            throw statusError("blob download", response);
        return response.body;
    }
    // A store that ignores Range answers 200 with everything: the range is cut out here then.
    if (response.status === 200)
        return response.body.subarray(range.offset, range.offset + range.length);
    if (response.status !== 206 || response.body.length !== range.length) {
        throw statusError(`blob download of ${range.length} bytes`, response);
    }
    return response.body;
}
/**
 * A byte range of an entry's blob as a stream, for the read server to pass on as it arrives. Failures before the
 * first byte (connection trouble, 5xx) are retried; a 404 means the entry was evicted (EntryGoneError).
 */
async function openBlobRange(url, offset, length, signal) {
    const headers = { "x-ms-version": AZURE_VERSION, Range: `bytes=${offset}-${offset + length - 1}` };
    return (0,_net_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .withRetries */ .LH)(async ({ signal: attemptSignal }) => {
        const response = await (0,_net_http_request_js__WEBPACK_IMPORTED_MODULE_2__/* .openResponse */ .sU)({ method: "GET", url: new URL(url), headers }, { timeoutMs: POLICY.requestTimeoutMs, signal: attemptSignal });
        const status = response.statusCode ?? 0;
        if (status === 206)
            return response;
        response.resume();
        if (status === 404)
            throw new EntryGoneError("the entry is gone (evicted by the service)");
        if (status >= 500)
            throw new _net_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .RetryableError */ .dw(`HTTP ${status}`);
        throw new ServiceError(`a ranged read of the entry answered HTTP ${status}`);
    }, { policy: POLICY, signal });
}
function jsonHeaders(token) {
    return { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
}
async function send(request, signal, maxResponseBytes) {
    return (0,_net_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .withRetries */ .LH)(async ({ signal: attemptSignal }) => {
        const response = await (0,_net_http_request_js__WEBPACK_IMPORTED_MODULE_2__/* .sendRequest */ .w$)(request, {
            timeoutMs: POLICY.requestTimeoutMs,
            signal: attemptSignal,
            maxResponseBytes,
        });
        // 429 is not among them: see the header comment.
        if (response.status >= 500 && response.status !== 501 && response.status !== 505) {
            throw new _net_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .RetryableError */ .dw(`HTTP ${response.status}`);
        }
        return response;
    }, { policy: POLICY, signal });
}
function statusError(what, response) {
    const text = response.body.toString("utf8").slice(0, 300).replace(/\s+/g, " ").trim();
    const detail = text === "" ? "" : `: ${text}`;
    return new ServiceError(`${what} answered HTTP ${response.status}${detail}`, response.status === 429);
}
function parseJson(what, response) {
    try {
        return JSON.parse(response.body.toString("utf8"));
    }
    catch {
        throw new ServiceError(`${what} answered something other than JSON`);
    }
}
function failedSave(error, signal) {
    if (signal.aborted)
        throw signal.reason;
    const problem = error instanceof Error ? error.message : String(error);
    return error instanceof ServiceError && error.rateLimited
        ? { kind: "rate-limited", problem }
        : { kind: "failed", problem };
}
/** [start, length] of each block of a body of `total` bytes. */
function blocks(total) {
    const result = [];
    for (let start = 0; start < total; start += BLOCK_BYTES)
        result.push([start, Math.min(BLOCK_BYTES, total - start)]);
    return result;
}
function withQuery(url, params) {
    const result = new URL(url);
    for (const [name, value] of Object.entries(params))
        result.searchParams.set(name, value);
    return result;
}


/***/ }),

/***/ 6257:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ JOB_KEY_PREFIX),
/* harmony export */   a: () => (/* binding */ createReadServer)
/* harmony export */ });
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _lib_cache_info_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8770);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7268);
/* harmony import */ var _lib_narinfo_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2082);
/* harmony import */ var _lib_signing_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8920);
/* harmony import */ var _net_job_server_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8238);
/* harmony import */ var _entry_service_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7503);
/**
 * The job's view of the Actions cache for Nix: an HTTP binary cache on 127.0.0.1 that serves the narinfos setup
 * audited and, when Nix asks for a NAR, reads its byte range from the pack entry that holds it — so a job
 * downloads what it substitutes, not the cache. Only this job's Nix gets in: requests must carry the job's netrc
 * credentials, and paths outside the job's prefix are not answered. Without the user's key, each narinfo is signed
 * with the job's own key as it is served: Nix accepts exactly what setup audited.
 */







/** Signatures of per-job keys carry names with this prefix: dropped from what is served, never trusted. */
const JOB_KEY_PREFIX = "nix-binary-cache-action-job-";
function createReadServer(options) {
    const stats = { narInfos: 0, nars: 0, narBytes: 0, gonePacks: new Set() };
    const byNarUrl = new Map();
    for (const path of options.index.paths.values())
        byNarUrl.set(path.info.url, path);
    const signed = new Map();
    const openRange = options.openRange ?? _entry_service_js__WEBPACK_IMPORTED_MODULE_6__/* .openBlobRange */ .fc;
    const cacheInfo = (0,_lib_cache_info_js__WEBPACK_IMPORTED_MODULE_1__/* .renderCacheInfo */ .Bk)(options.index.storeDir);
    const narInfoText = (path) => {
        const jobKey = options.jobKey;
        if (jobKey === undefined)
            return path.text;
        let text = signed.get(path.hashPart);
        if (text === undefined) {
            const { info } = path;
            const fingerprint = (0,_lib_narinfo_js__WEBPACK_IMPORTED_MODULE_3__/* .narInfoFingerprint */ .og)(info.storePath, info.narHash, info.narSize, info.references);
            const sigs = [
                ...info.sigs.filter((sig) => !sig.startsWith(JOB_KEY_PREFIX)),
                (0,_lib_signing_js__WEBPACK_IMPORTED_MODULE_4__/* .signFingerprint */ ._s)(fingerprint, jobKey),
            ];
            text = (0,_lib_narinfo_js__WEBPACK_IMPORTED_MODULE_3__/* .renderNarInfo */ .AW)({ ...info, sigs });
            signed.set(path.hashPart, text);
        }
        return text;
    };
    const server = (0,_net_job_server_js__WEBPACK_IMPORTED_MODULE_5__/* .createJobServer */ .F)({
        prefix: options.prefix,
        authorization: options.authorization,
        onError: (m) => options.log.warning(`The cache's read server: ${m}`),
    }, async (file, request, response) => {
        const headOnly = request.method === "HEAD";
        if (file.kind === "cache-info")
            return (0,_net_job_server_js__WEBPACK_IMPORTED_MODULE_5__/* .reply */ .T)(response, 200, cacheInfo, {}, headOnly);
        if (file.kind === "narinfo") {
            const path = options.index.paths.get(file.hashPart);
            if (path === undefined || stats.gonePacks.has(path.pack))
                return (0,_net_job_server_js__WEBPACK_IMPORTED_MODULE_5__/* .reply */ .T)(response, 404, "not in this cache");
            stats.narInfos++;
            return (0,_net_job_server_js__WEBPACK_IMPORTED_MODULE_5__/* .reply */ .T)(response, 200, narInfoText(path), { "Content-Type": "text/x-nix-narinfo" }, headOnly);
        }
        const path = byNarUrl.get(file.name);
        const packUrl = path === undefined ? undefined : options.packUrls.get(path.pack);
        if (path === undefined || packUrl === undefined || stats.gonePacks.has(path.pack)) {
            return (0,_net_job_server_js__WEBPACK_IMPORTED_MODULE_5__/* .reply */ .T)(response, 404, "not in this cache");
        }
        if (headOnly)
            return (0,_net_job_server_js__WEBPACK_IMPORTED_MODULE_5__/* .reply */ .T)(response, 200, "", { "Content-Length": String(path.info.fileSize) }, true);
        const abort = new AbortController();
        response.on("close", () => abort.abort());
        let source;
        try {
            source = await openRange(packUrl, path.offset, path.info.fileSize, abort.signal);
        }
        catch (error) {
            if (error instanceof _entry_service_js__WEBPACK_IMPORTED_MODULE_6__/* .EntryGoneError */ .o_) {
                if (!stats.gonePacks.has(path.pack))
                    options.onPackGone?.(path.pack);
                stats.gonePacks.add(path.pack);
                options.log.warning(`The cache entry holding ${path.info.storePath} was evicted during the job: Nix builds it instead (fallback).`);
                return (0,_net_job_server_js__WEBPACK_IMPORTED_MODULE_5__/* .reply */ .T)(response, 404, "evicted");
            }
            options.log.warning(`Reading ${path.info.storePath} from the cache failed: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .describeError */ .Uc)(error)}`);
            return (0,_net_job_server_js__WEBPACK_IMPORTED_MODULE_5__/* .reply */ .T)(response, 502, "the cache service failed");
        }
        response.writeHead(200, {
            "Content-Type": "application/x-nix-nar",
            "Content-Length": String(path.info.fileSize),
        });
        stats.nars++;
        source.on("data", (chunk) => {
            stats.narBytes += chunk.length;
        });
        // A source cut short ends the response early: curl sees fewer bytes than announced and Nix retries or falls back.
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_0__.pipeline)(source, response).catch(() => response.destroy());
    });
    return { server, stats };
}


/***/ }),

/***/ 2406:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ decodeReaderRequest),
/* harmony export */   p: () => (/* binding */ encodeReaderRequest)
/* harmony export */ });
/* harmony import */ var _lib_hash_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9639);
/* harmony import */ var _lib_signing_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8920);
/* harmony import */ var _cache_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9318);
/** What setup pipes to the read server (see read-server.ts and reader.ts): all it serves, and how it checks callers. */



function encodeReaderRequest(options) {
    return {
        kind: "actions-cache",
        index: (0,_lib_hash_js__WEBPACK_IMPORTED_MODULE_0__/* .encodeBase64 */ .WG)((0,_cache_index_js__WEBPACK_IMPORTED_MODULE_2__/* .encodeIndex */ .bj)(options.index, Date.now())),
        storeDir: options.index.storeDir,
        paths: options.index.paths.size,
        packUrls: [...options.packUrls],
        prefix: options.prefix,
        authorization: options.authorization,
        goneFile: options.goneFile,
        jobKey: options.jobKey === undefined
            ? undefined
            : { name: options.jobKey.name, seed: (0,_lib_hash_js__WEBPACK_IMPORTED_MODULE_0__/* .encodeBase64 */ .WG)(options.jobKey.secretKey.subarray(0, 32)) },
    };
}
function decodeReaderRequest(request) {
    const { index } = (0,_cache_index_js__WEBPACK_IMPORTED_MODULE_2__/* .decodeIndex */ .X1)(Buffer.from((0,_lib_hash_js__WEBPACK_IMPORTED_MODULE_0__/* .decodeBase64 */ .y4)(request.index)), request.storeDir);
    return {
        index,
        packUrls: new Map(request.packUrls),
        prefix: request.prefix,
        authorization: request.authorization,
        jobKey: request.jobKey === undefined
            ? undefined
            : (0,_lib_signing_js__WEBPACK_IMPORTED_MODULE_1__/* .signingKeyFromSeed */ .Cx)(request.jobKey.name, (0,_lib_hash_js__WEBPACK_IMPORTED_MODULE_0__/* .decodeBase64 */ .y4)(request.jobKey.seed)),
    };
}


/***/ }),

/***/ 9792:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ formatBytes)
/* harmony export */ });
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

/***/ 8238:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ createJobServer),
/* harmony export */   T: () => (/* binding */ reply)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7268);
/**
 * An HTTP server on 127.0.0.1 that only the job's Nix may use (the read servers of the Actions cache and S3 modes):
 * a request must carry the job's netrc credentials (compared in constant time) and a path under the job's random
 * prefix, and only GET and HEAD of a binary cache's files are taken. Each mode answers `name` (the path below the
 * prefix) its own way.
 */



function createJobServer(options, handle) {
    const expected = Buffer.from(options.authorization);
    return (0,node_http__WEBPACK_IMPORTED_MODULE_1__.createServer)((request, response) => {
        const given = Buffer.from(request.headers.authorization ?? "");
        if (given.length !== expected.length || !(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.timingSafeEqual)(given, expected)) {
            return reply(response, 401, "unauthorized", {
                "WWW-Authenticate": 'Basic realm="nix-binary-cache-action"',
            });
        }
        if (request.method !== "GET" && request.method !== "HEAD")
            return reply(response, 405, "method not allowed");
        const url = new URL(request.url ?? "/", "http://127.0.0.1");
        if (!url.pathname.startsWith(`${options.prefix}/`))
            return reply(response, 404, "not found");
        const file = cacheFile(url.pathname.slice(options.prefix.length + 1));
        if (file === undefined)
            return reply(response, 404, "not found");
        handle(file, request, response).catch((error) => {
            options.onError(`a request for ${url.pathname} failed: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .describeError */ .Uc)(error)}`);
            if (!response.headersSent)
                reply(response, 500, "internal error");
            else
                response.destroy();
        });
    });
}
function cacheFile(name) {
    if (name === "nix-cache-info")
        return { kind: "cache-info" };
    const hashPart = /^([0-9a-z]{32})\.narinfo$/.exec(name)?.[1];
    if (hashPart !== undefined)
        return { kind: "narinfo", hashPart };
    if (/^nar\/[0-9a-z]+\.nar(\.[a-z0-9]+)?$/.test(name))
        return { kind: "nar", name };
    return undefined;
}
/** A small answer (HEAD: the headers alone). */
function reply(response, status, body, headers = {}, headOnly = false) {
    const bytes = Buffer.from(body);
    response.writeHead(status, {
        "Content-Type": "text/plain",
        "Content-Length": String(bytes.length),
        ...headers,
    });
    response.end(headOnly ? undefined : bytes);
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

//# sourceMappingURL=891.index.js.map