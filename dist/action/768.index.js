export const id = 768;
export const ids = [768];
export const modules = {

/***/ 8768:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HttpCache: () => (/* binding */ HttpCache)
/* harmony export */ });
/* harmony import */ var _lib_cache_info_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8770);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7268);
/* harmony import */ var _lib_input_names_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5834);
/* harmony import */ var _lib_signing_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8920);
/* harmony import */ var _net_concurrently_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2797);
/* harmony import */ var _net_http_request_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4367);
/* harmony import */ var _net_retry_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7893);
/* harmony import */ var _nix_cache_url_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7197);
/* harmony import */ var _nix_netrc_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5855);
/**
 * A binary cache on any HTTP(S) server that serves files and accepts PUT (nginx with WebDAV, S3-style gateways, …),
 * spoken to the way Nix itself does: GET/HEAD to read, PUT with Nix's content types to write, Basic auth from
 * `authToken` (and `authUser`) exactly as Nix sends it from a netrc entry. Every request goes through the shared
 * retry policy (../net/retry.ts).
 */









class HttpCache {
    log;
    options;
    description;
    base;
    headers;
    publicKeys;
    /** The credentials Nix reads with, which uploads send too. */
    netrc;
    /** The server answered a HEAD with 405 or 501: look-ups GET instead, uploads go without a check. */
    headUnsupported = false;
    /** What this instance found of nix-cache-info (setup's prepareRead and openForPush ask once between them). */
    cacheInfo = "unknown";
    constructor(settings, log, options = {}) {
        this.log = log;
        this.options = options;
        this.description = (0,_nix_cache_url_js__WEBPACK_IMPORTED_MODULE_6__/* .substituterUrl */ .gC)(settings.url);
        this.base = new URL(`${this.description}/`);
        const { authToken, authUser, publicKey } = settings;
        this.netrc = authToken === undefined ? undefined : (0,_nix_netrc_js__WEBPACK_IMPORTED_MODULE_7__/* .netrcEntryFor */ .Gk)(settings.url, authToken, authUser);
        this.headers = this.netrc === undefined ? {} : { Authorization: (0,_nix_netrc_js__WEBPACK_IMPORTED_MODULE_7__/* .netrcAuthorization */ .yS)(this.netrc) };
        this.publicKeys = publicKey === undefined ? [] : [(0,_lib_signing_js__WEBPACK_IMPORTED_MODULE_3__/* .formatPublicKey */ .et)(publicKey)];
    }
    async prepareRead(storeDir, signal) {
        await this.checkStoreDir(storeDir, signal);
        return {
            substituters: [{ url: this.description, publicKeys: this.publicKeys }],
            netrc: this.netrc === undefined ? [] : [this.netrc],
            canPush: true,
        };
    }
    async openForPush(storeDir, signal) {
        if ((await this.checkStoreDir(storeDir, signal)) !== undefined)
            return;
        const response = await this.send("PUT", "nix-cache-info", {
            body: (0,_lib_cache_info_js__WEBPACK_IMPORTED_MODULE_0__/* .renderCacheInfo */ .Bk)(storeDir),
            contentType: "text/x-nix-cache-info",
            signal,
        });
        this.expectSuccess(response, "PUT", "nix-cache-info");
        this.cacheInfo = "present";
    }
    async findCached(hashParts, signal) {
        const found = new Set();
        // One failed look-up fails them all: no further one starts.
        await (0,_net_concurrently_js__WEBPACK_IMPORTED_MODULE_8__/* .forEachConcurrently */ .D)([...new Set(hashParts)], this.options.lookupConcurrency ?? 16, async (hashPart) => {
            const name = `${hashPart}.narinfo`;
            const response = await this.existsNarInfo(name, signal);
            if (response.status === 404)
                return;
            this.expectSuccess(response, "HEAD", name);
            found.add(hashPart);
        });
        return found;
    }
    async putNar(nar, signal) {
        // A NAR's name is the hash of its bytes: one already there with the same length is this one. Without HEAD on
        // this server, upload without checking: a NAR is too big to GET just to see it is there.
        if (!this.headUnsupported) {
            const existing = await this.send("HEAD", nar.url, { signal });
            if (existing.status === 200 && Number(existing.headers["content-length"]) === nar.fileSize)
                return;
            if (isHeadUnsupported(existing))
                this.headUnsupported = true;
            else if (existing.status !== 404)
                this.expectSuccess(existing, "HEAD", nar.url);
        }
        const response = await this.send("PUT", nar.url, {
            body: (0,_net_http_request_js__WEBPACK_IMPORTED_MODULE_4__/* .fileBody */ .hh)(nar.file, nar.fileSize),
            contentType: "application/x-nix-nar",
            signal,
        });
        this.expectSuccess(response, "PUT", nar.url);
    }
    async putNarInfo(hashPart, narInfo, signal) {
        const name = `${hashPart}.narinfo`;
        const response = await this.send("PUT", name, {
            body: narInfo,
            contentType: "text/x-nix-narinfo",
            signal,
        });
        this.expectSuccess(response, "PUT", name);
    }
    async close() { }
    /** HEAD, or GET from a server that does not allow HEAD (Nix itself GETs narinfos), asked once per cache. */
    async existsNarInfo(name, signal) {
        if (!this.headUnsupported) {
            const response = await this.send("HEAD", name, { signal });
            if (!isHeadUnsupported(response))
                return response;
            this.headUnsupported = true;
        }
        return this.send("GET", name, { signal });
    }
    /** The StoreDir of the cache's nix-cache-info, or undefined when the cache has none yet. */
    async checkStoreDir(storeDir, signal) {
        if (this.cacheInfo !== "unknown")
            return this.cacheInfo === "present" ? storeDir : undefined;
        const response = await this.send("GET", "nix-cache-info", { signal });
        if (response.status === 404) {
            this.cacheInfo = "absent";
            return undefined;
        }
        this.expectSuccess(response, "GET", "nix-cache-info");
        const found = (0,_lib_cache_info_js__WEBPACK_IMPORTED_MODULE_0__/* .checkCacheStoreDir */ .hh)(this.description, response.body.toString("utf8"), storeDir) ?? storeDir;
        this.cacheInfo = "present";
        return found;
    }
    async send(method, name, extra = {}) {
        const request = {
            method,
            url: new URL(name, this.base),
            headers: extra.contentType === undefined
                ? this.headers
                : { ...this.headers, "Content-Type": extra.contentType },
            body: extra.body,
        };
        try {
            return await (0,_net_retry_js__WEBPACK_IMPORTED_MODULE_5__/* .sendWithRetries */ .HI)(request, {
                policy: this.options.retry ?? _net_retry_js__WEBPACK_IMPORTED_MODULE_5__/* .DEFAULT_RETRY_POLICY */ .cO,
                signal: extra.signal,
                onRetry: ({ attempt, delayMs, reason }) => this.log.info(`${method} ${name}: ${reason}; try ${attempt + 1} in ${(delayMs / 1000).toFixed(1)} s`),
            });
        }
        catch (error) {
            if (extra.signal?.aborted)
                throw error;
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CacheError */ .xA(`cannot reach ${this.description} (${method} ${name}): ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .describeError */ .Uc)(error)}`, {
                cause: error,
            });
        }
    }
    /** Throws for any answer but 2xx: refused credentials name `authToken`; the rest is trouble with the cache. */
    expectSuccess(response, method, name) {
        const { status } = response;
        if (status >= 200 && status < 300)
            return;
        const what = `${method} ${name} on ${this.description} answered HTTP ${status}`;
        if (status === 401 || status === 403) {
            if (this.netrc !== undefined) {
                const writing = method === "PUT" ? " (or does not allow it to write)" : "";
                throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(_lib_input_names_js__WEBPACK_IMPORTED_MODULE_2__/* .INPUT_NAMES */ .Q.authToken, `the cache refused the credentials${writing}: ${what}`);
            }
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CacheError */ .xA(`${what}: the cache needs credentials and \`authToken\` is empty (as in a pull request from a fork, ` +
                "where secrets are hidden)");
        }
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CacheError */ .xA(`${what}${status >= 300 && status < 400 ? "; give the URL it redirects to" : ""}`);
    }
}
function isHeadUnsupported(response) {
    return response.status === 405 || response.status === 501;
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

//# sourceMappingURL=768.index.js.map