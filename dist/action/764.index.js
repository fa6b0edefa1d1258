export const id = 764;
export const ids = [764];
export const modules = {

/***/ 9540:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ startJobServer)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7268);
/* harmony import */ var _nix_netrc_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5855);
/**
 * The seam between the action and the places paths go: one implementation per kind of cache, each in its folder,
 * built from its own settings by create-cache.ts. The push never asks which kind it talks to.
 */





/**
 * Starts a read server (context.startServer) in a new directory below `parent`, locked for this job: a random
 * password in the job's netrc and a random path prefix, unique per job so that Nix's narinfo cache never mixes two.
 * A server that cannot start is cache trouble (CacheError).
 */
async function startJobServer(context, parent, request, signal) {
    const startServer = context.startServer;
    if (startServer === undefined)
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .CacheError */ .xA("its read server cannot be started here");
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(parent, { recursive: true });
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(parent, "server-"));
    const netrc = {
        machine: "127.0.0.1",
        login: "nix",
        password: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(24).toString("base64url"),
    };
    const prefix = `/${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(8).toString("hex")}`;
    const port = await startServer(dir, request({ prefix, authorization: (0,_nix_netrc_js__WEBPACK_IMPORTED_MODULE_4__/* .netrcAuthorization */ .yS)(netrc) })).catch((error) => {
        if (signal.aborted)
            throw error;
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .CacheError */ .xA(`its read server could not start: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .describeError */ .Uc)(error)}`, { cause: error });
    });
    return { url: `http://127.0.0.1:${port}${prefix}`, netrc, dir };
}


/***/ }),

/***/ 6764:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S3Cache: () => (/* binding */ S3Cache)
/* harmony export */ });
/* harmony import */ var _lib_cache_info_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8770);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7268);
/* harmony import */ var _lib_scratch_dir_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9807);
/* harmony import */ var _lib_signing_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8920);
/* harmony import */ var _net_concurrently_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2797);
/* harmony import */ var _cache_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9540);
/* harmony import */ var _s3_client_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8404);
/**
 * An S3 bucket (AWS, or any S3-compatible store) as a binary cache in Nix's layout: nix-cache-info, narinfos and
 * `nar/*.nar.zst`, NAR before narinfo. Nix reads it through a read proxy on 127.0.0.1 that setup starts and that
 * signs each request with the job's credentials (read-proxy.ts), so neither the daemon nor any file holds them, and
 * every Nix version reads S3 (Debian's Nix 2.8 has no S3 support at all).
 */







/** S3's codes for credentials it will not take, and what they mean for the user. */
const REFUSALS = {
    SignatureDoesNotMatch: "the secret does not belong to the key",
    InvalidAccessKeyId: "the key is unknown",
    InvalidToken: "the session token is malformed or unknown",
    ExpiredToken: "the session credentials have expired",
};
/** narinfo look-ups in flight at once. */
const LOOKUP_CONCURRENCY = 16;
class S3Cache {
    settings;
    context;
    description;
    client;
    cacheInfo = "unknown";
    /** Set once the bucket has refused the credentials: every later call fails with these words. */
    refused;
    constructor(settings, context) {
        this.settings = settings;
        this.context = context;
        const { bucket, prefix } = settings.location;
        this.description = `s3://${bucket}/${prefix}`.replace(/\/$/, "");
        const credentials = settings.credentials;
        if (credentials !== undefined)
            this.client = new _s3_client_js__WEBPACK_IMPORTED_MODULE_5__/* .S3Client */ .Yx(settings.location, () => credentials);
    }
    async prepareRead(storeDir, signal) {
        const client = this.s3();
        await this.checkStoreDir(client, storeDir, signal);
        const { bucket, prefix, region, endpoint } = this.settings.location;
        const credentials = this.settings.credentials;
        const server = await (0,_cache_js__WEBPACK_IMPORTED_MODULE_4__/* .startJobServer */ .R)(this.context, (0,_lib_scratch_dir_js__WEBPACK_IMPORTED_MODULE_2__/* .scratchDir */ .G)(this.context.tempDir), (lock) => ({
            kind: "s3",
            bucket,
            prefix,
            region,
            endpoint: endpoint?.href,
            credentials,
            urlPrefix: lock.prefix,
            authorization: lock.authorization,
        }), signal);
        const publicKeys = this.settings.publicKey === undefined ? [] : [(0,_lib_signing_js__WEBPACK_IMPORTED_MODULE_3__/* .formatPublicKey */ .et)(this.settings.publicKey)];
        return {
            substituters: [{ url: server.url, publicKeys }],
            netrc: [server.netrc],
            canPush: true,
            serverDir: server.dir,
        };
    }
    async openForPush(storeDir, signal) {
        const client = this.s3();
        if (!(await this.checkStoreDir(client, storeDir, signal))) {
            await this.call("write nix-cache-info to", () => client.put("nix-cache-info", (0,_lib_cache_info_js__WEBPACK_IMPORTED_MODULE_0__/* .renderCacheInfo */ .Bk)(storeDir), "text/x-nix-cache-info", signal));
            this.cacheInfo = "present";
        }
    }
    async findCached(hashParts, signal) {
        const client = this.s3();
        const found = new Set();
        await this.call("look up narinfos in", () => (0,_net_concurrently_js__WEBPACK_IMPORTED_MODULE_6__/* .forEachConcurrently */ .D)(hashParts, LOOKUP_CONCURRENCY, async (hashPart) => {
            if (await client.exists(`${hashPart}.narinfo`, signal))
                found.add(hashPart);
        }));
        return found;
    }
    async putNar(nar, signal) {
        const client = this.s3();
        await this.call(`upload ${nar.url} to`, () => client.putFile(nar.url, nar.file, nar.fileSize, {
            contentType: "application/x-nix-nar",
            // Known from staging: the file is not read twice.
            sha256: nar.fileHash === undefined ? undefined : Buffer.from(nar.fileHash).toString("hex"),
        }, signal));
    }
    async putNarInfo(hashPart, narInfo, signal) {
        const client = this.s3();
        await this.call(`upload ${hashPart}.narinfo to`, () => client.put(`${hashPart}.narinfo`, narInfo, "text/x-nix-narinfo", signal));
    }
    async close() { }
    /** Whether the bucket has a nix-cache-info (for this store); throws when it is for another store. */
    async checkStoreDir(client, storeDir, signal) {
        if (this.cacheInfo !== "unknown")
            return this.cacheInfo === "present";
        const text = await this.call("read", () => client.get("nix-cache-info", signal));
        (0,_lib_cache_info_js__WEBPACK_IMPORTED_MODULE_0__/* .checkCacheStoreDir */ .hh)(this.description, text?.toString("utf8"), storeDir);
        this.cacheInfo = text === undefined ? "absent" : "present";
        return text !== undefined;
    }
    /**
     * Runs a call; S3's refusals become CacheErrors that say what to check, naming the credentials, never quoting
     * them. A refused key (a wrong secret, an expired session) fails every later call at once with the same words:
     * one cause, said once, not a retried request per path.
     */
    async call(what, body) {
        if (this.refused !== undefined)
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CacheError */ .xA(this.refused);
        try {
            return await body();
        }
        catch (error) {
            if (!(error instanceof _s3_client_js__WEBPACK_IMPORTED_MODULE_5__/* .S3Error */ .Dg))
                throw error;
            const source = this.settings.credentialSource ?? "the environment";
            const refusal = REFUSALS[error.code];
            if (refusal !== undefined) {
                this.refused = `${this.description} refused the AWS credentials from ${source}: ${refusal} (${error.code})`;
                throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CacheError */ .xA(this.refused, { cause: error });
            }
            const hint = error.code === "AccessDenied" ? `: the AWS credentials from ${source} may not do this` : "";
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CacheError */ .xA(`could not ${what} ${this.description}${hint} (${error.message})`, {
                cause: error,
            });
        }
    }
    s3() {
        if (this.client === undefined) {
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CacheError */ .xA(`no AWS credentials for ${this.description}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and ` +
                "AWS_SESSION_TOKEN), e.g. with aws-actions/configure-aws-credentials, or a profile with static keys");
        }
        return this.client;
    }
}


/***/ }),

/***/ 8404:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Yx: () => (/* binding */ S3Client),
  Dg: () => (/* binding */ S3Error)
});

// UNUSED EXPORTS: MULTIPART_THRESHOLD

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/lib/sigv4.ts
/**
 * AWS Signature Version 4 for S3 requests (the header form): the canonical request, the string to sign, the
 * derived key and the Authorization header, from AWS's published specification. Pure: the time is an argument.
 * Every S3-compatible store (R2, MinIO, Garage, Ceph, B2, …) verifies this same signature.
 */

/** The SHA-256 of no bytes: the payload hash of a GET or HEAD. */
const EMPTY_PAYLOAD_HASH = (0,external_node_crypto_.createHash)("sha256").update("").digest("hex");
/** The headers to send: the request's, plus host, x-amz-date, x-amz-content-sha256, the token and Authorization. */
function signRequest(request, credentials, scope, now) {
    const amzDate = now
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "");
    const date = amzDate.slice(0, 8);
    const headers = {};
    for (const [name, value] of Object.entries(request.headers ?? {}))
        headers[name.toLowerCase()] = value;
    headers.host = request.url.host;
    headers["x-amz-date"] = amzDate;
    headers["x-amz-content-sha256"] = request.payloadHash;
    if (credentials.sessionToken !== undefined)
        headers["x-amz-security-token"] = credentials.sessionToken;
    const names = Object.keys(headers).sort();
    const canonicalHeaders = names.map((name) => `${name}:${canonicalValue(headers[name] ?? "")}\n`).join("");
    const signedHeaders = names.join(";");
    const canonicalRequest = [
        request.method.toUpperCase(),
        canonicalPath(request.url.pathname),
        canonicalQuery(request.url.searchParams),
        canonicalHeaders,
        signedHeaders,
        request.payloadHash,
    ].join("\n");
    const credentialScope = `${date}/${scope.region}/${scope.service}/aws4_request`;
    const stringToSign = ["AWS4-HMAC-SHA256", amzDate, credentialScope, sha256Hex(canonicalRequest)].join("\n");
    const key = [date, scope.region, scope.service, "aws4_request"].reduce((previous, part) => hmac(previous, part), Buffer.from(`AWS4${credentials.secretAccessKey}`));
    const signature = (0,external_node_crypto_.createHmac)("sha256", key).update(stringToSign).digest("hex");
    headers.authorization =
        `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${credentialScope}, ` +
            `SignedHeaders=${signedHeaders}, Signature=${signature}`;
    return headers;
}
/** S3's canonical URI: the path as sent, each segment URI-encoded once (no double encoding, as S3 asks). */
function canonicalPath(pathname) {
    return pathname
        .split("/")
        .map((segment) => uriEncode(decodeURIComponentSafe(segment)))
        .join("/");
}
function canonicalQuery(params) {
    return [...params]
        .map(([name, value]) => [uriEncode(name), uriEncode(value)])
        .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
        .map(([name, value]) => `${name}=${value}`)
        .join("&");
}
/** Header values: trimmed, runs of spaces made one. */
function canonicalValue(value) {
    return value.trim().replace(/\s+/g, " ");
}
/** RFC 3986 encoding, as SigV4 wants it: everything but A–Z a–z 0–9 - . _ ~ is %XX (upper case). */
function uriEncode(text) {
    return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
function decodeURIComponentSafe(segment) {
    try {
        return decodeURIComponent(segment);
    }
    catch {
        return segment;
    }
}
function sha256Hex(text) {
    return (0,external_node_crypto_.createHash)("sha256").update(text).digest("hex");
}
function hmac(key, text) {
    return (0,external_node_crypto_.createHmac)("sha256", key).update(text).digest();
}

// EXTERNAL MODULE: ./src/net/concurrently.ts
var concurrently = __webpack_require__(2797);
// EXTERNAL MODULE: ./src/net/http-request.ts
var http_request = __webpack_require__(4367);
// EXTERNAL MODULE: ./src/net/retry.ts
var retry = __webpack_require__(7893);
;// CONCATENATED MODULE: ./src/cache/s3/s3-client.ts
/**
 * The few S3 calls a binary cache needs — HEAD, GET and PUT of an object, and multipart uploads for large NARs —
 * signed with SigV4 (lib/sigv4.ts), retried by the action's one policy (503 SlowDown, 429, other 5xx, broken
 * connections; Retry-After honoured). Addressing as Nix's S3 store does: virtual-hosted on AWS, path-style on a
 * custom endpoint (MinIO, R2, Garage, Ceph, …).
 */






/** An S3 error answer: its HTTP status and the code S3 gave (`SignatureDoesNotMatch`, `NoSuchBucket`, …). */
class S3Error extends Error {
    status;
    code;
    constructor(message, status, code) {
        super(message);
        this.status = status;
        this.code = code;
        this.name = "S3Error";
    }
}
const MIB = 2 ** 20;
const MAX_PARTS = 10_000;
/**
 * Above this many bytes a file goes up in parts, 8 MiB each, 4 at a time: from 32 MiB on, that is faster than one
 * PUT on every network shape bench (h) models, one object or five at once (bench/results/s3/full.md); at 16 MiB it
 * is slower with five at once. One connection's throughput is bounded by its window over the round trip, so parts
 * in parallel are what makes a large NAR go up faster.
 */
const MULTIPART_THRESHOLD = 32 * MIB;
const PART_SIZE = 8 * MIB;
const PART_CONCURRENCY = 4;
class S3Client {
    location;
    credentials;
    now;
    policy;
    multipartThreshold;
    partSize;
    partConcurrency;
    constructor(location, credentials, options = {}) {
        this.location = location;
        this.credentials = credentials;
        this.now = options.now ?? (() => new Date());
        this.policy = options.policy ?? (0,retry/* retryPolicy */.Jb)({ attempts: 5, baseDelayMs: 500 });
        this.multipartThreshold = options.multipartThreshold ?? MULTIPART_THRESHOLD;
        this.partSize = Math.max(5 * MIB, options.partSize ?? PART_SIZE);
        this.partConcurrency = Math.max(1, options.partConcurrency ?? PART_CONCURRENCY);
    }
    /** The URL of object `key` (below the prefix), with `query`. */
    url(key, query = {}) {
        return this.bucketUrl(`${this.location.prefix}${key}`.split("/").map(uriEncode).join("/"), query);
    }
    /** The URL of `path` (already encoded) in the bucket, with `query`. */
    bucketUrl(path, query) {
        const { bucket, endpoint, region } = this.location;
        const url = endpoint === undefined
            ? new URL(`https://${bucket}.s3.${region}.amazonaws.com/${path}`)
            : new URL(`${endpoint.href.replace(/\/$/, "")}/${uriEncode(bucket)}/${path}`);
        for (const [name, value] of Object.entries(query))
            url.searchParams.set(name, value);
        return url;
    }
    /** Whether object `key` exists. */
    async exists(key, signal) {
        return (await this.head(key, signal)) !== undefined;
    }
    /** Object `key`'s bytes, or undefined when there is none. */
    async get(key, signal, maxBytes) {
        const response = await this.send("GET", this.url(key), undefined, EMPTY_PAYLOAD_HASH, {}, signal, maxBytes);
        if (response.status === 404)
            return undefined;
        if (response.status === 200)
            return response.body;
        throw this.error(`GET ${key}`, response);
    }
    /** Every object below the prefix: its key (relative to the prefix), size, last change and ETag. */
    async list(signal) {
        const objects = [];
        let token;
        do {
            const query = { "list-type": "2" };
            if (this.location.prefix !== "")
                query.prefix = this.location.prefix;
            if (token !== undefined)
                query["continuation-token"] = token;
            // The bucket's root, not an object: the prefix goes in the query.
            const url = this.bucketUrl("", query);
            const response = await this.send("GET", url, undefined, EMPTY_PAYLOAD_HASH, {}, signal, 64 * MIB);
            if (response.status !== 200)
                throw this.error("ListObjectsV2", response);
            const xml = response.body.toString("utf8");
            for (const [, body = ""] of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
                const key = xmlValue(body, "Key") ?? "";
                if (!key.startsWith(this.location.prefix))
                    continue;
                objects.push({
                    key: key.slice(this.location.prefix.length),
                    size: Number(xmlValue(body, "Size") ?? 0),
                    lastModifiedMs: Date.parse(xmlValue(body, "LastModified") ?? "") || 0,
                    etag: xmlValue(body, "ETag") ?? "",
                });
            }
            token = xmlValue(xml, "IsTruncated") === "true" ? xmlValue(xml, "NextContinuationToken") : undefined;
        } while (token !== undefined);
        return objects;
    }
    /** Object `key`'s ETag and last change (to the second, as a HEAD tells it), or undefined when there is none. */
    async head(key, signal) {
        const response = await this.send("HEAD", this.url(key), undefined, EMPTY_PAYLOAD_HASH, {}, signal);
        if (response.status === 404)
            return undefined;
        if (response.status !== 200) {
            // A HEAD's answer has no body, so no error code: a GET tells why (a refused key, a denied action).
            const why = await this.send("GET", this.url(key), undefined, EMPTY_PAYLOAD_HASH, {}, signal, 64 * 1024).catch(() => response);
            throw this.error(`HEAD ${key}`, why.status === response.status ? why : response);
        }
        const { etag, "last-modified": lastModified } = response.headers;
        return {
            etag: typeof etag === "string" ? etag : "",
            lastModifiedMs: Date.parse(typeof lastModified === "string" ? lastModified : "") || 0,
        };
    }
    /** Deletes object `key` (gone already is fine). */
    async delete(key, signal) {
        const response = await this.send("DELETE", this.url(key), undefined, EMPTY_PAYLOAD_HASH, {}, signal);
        if (response.status !== 204 && response.status !== 200 && response.status !== 404) {
            throw this.error(`DELETE ${key}`, response);
        }
    }
    /**
     * Object `key` as a stream, for the read proxy to pass on as it arrives; undefined when there is none. Failures
     * before the first byte (5xx, connection trouble) are retried.
     */
    async open(key, signal) {
        const url = this.url(key);
        return (0,retry/* withRetries */.LH)(async ({ signal: attemptSignal }) => {
            const headers = signRequest({ method: "GET", url, payloadHash: EMPTY_PAYLOAD_HASH }, this.credentials(), { region: this.location.region, service: "s3" }, this.now());
            const response = await (0,http_request/* openResponse */.sU)({ method: "GET", url, headers }, { timeoutMs: this.policy.requestTimeoutMs, signal: attemptSignal });
            const status = response.statusCode ?? 0;
            if (status === 200)
                return response;
            const chunks = [];
            for await (const chunk of response)
                chunks.push(chunk);
            if (status === 404)
                return undefined;
            if ((0,retry/* isRetryableStatus */.PS)(status))
                throw new retry/* RetryableError */.dw(`HTTP ${status}`);
            throw this.error(`GET ${key}`, { status, headers: response.headers, body: Buffer.concat(chunks) });
        }, { policy: this.policy, signal });
    }
    /** Writes a small object from memory. */
    async put(key, body, contentType, signal) {
        const hash = (0,external_node_crypto_.createHash)("sha256").update(body).digest("hex");
        const response = await this.send("PUT", this.url(key), body, hash, { "Content-Type": contentType }, signal);
        if (response.status !== 200)
            throw this.error(`PUT ${key}`, response);
    }
    /**
     * Writes `size` bytes of `file` as object `key`: one PUT up to the multipart threshold, parts above it. `sha256`
     * (hex), when the caller knows it, is the signed payload hash of a single PUT.
     */
    async putFile(key, file, size, options, signal) {
        if (size <= this.multipartThreshold) {
            const hash = options.sha256 ?? (await fileSha256(file, 0, size));
            const response = await this.send("PUT", this.url(key), (0,http_request/* fileBody */.hh)(file, size), hash, { "Content-Type": options.contentType }, signal);
            if (response.status !== 200)
                throw this.error(`PUT ${key}`, response);
            return;
        }
        await this.putMultipart(key, file, size, options.contentType, signal);
    }
    async putMultipart(key, file, size, contentType, signal) {
        const created = await this.send("POST", this.url(key, { uploads: "" }), undefined, EMPTY_PAYLOAD_HASH, { "Content-Type": contentType }, signal);
        if (created.status !== 200)
            throw this.error(`CreateMultipartUpload ${key}`, created);
        const uploadId = xmlValue(created.body.toString("utf8"), "UploadId");
        if (uploadId === undefined)
            throw new S3Error(`CreateMultipartUpload ${key}: no UploadId`, 200, "");
        try {
            const partSize = Math.max(this.partSize, Math.ceil(size / MAX_PARTS));
            const starts = Array.from({ length: Math.ceil(size / partSize) }, (_, i) => i * partSize);
            const etags = [];
            // The first part that fails stops the others: no part starts after it, and those in flight are cut.
            const parts = new AbortController();
            const partSignal = AbortSignal.any([signal, parts.signal]);
            await (0,concurrently/* forEachConcurrently */.D)(starts, this.partConcurrency, async (start) => {
                const number = start / partSize + 1;
                const length = Math.min(partSize, size - start);
                try {
                    const hash = await fileSha256(file, start, length);
                    const url = this.url(key, { partNumber: String(number), uploadId });
                    const response = await this.send("PUT", url, (0,http_request/* fileBody */.hh)(file, length, start), hash, {}, partSignal);
                    const etag = response.headers.etag;
                    if (response.status !== 200 || typeof etag !== "string")
                        throw this.error(`UploadPart ${number} of ${key}`, response);
                    etags[number - 1] = etag;
                }
                catch (error) {
                    parts.abort();
                    throw error;
                }
            });
            const xml = `<CompleteMultipartUpload>${etags
                .map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${xmlEscape(etag)}</ETag></Part>`)
                .join("")}</CompleteMultipartUpload>`;
            const hash = (0,external_node_crypto_.createHash)("sha256").update(xml).digest("hex");
            const completed = await this.send("POST", this.url(key, { uploadId }), xml, hash, {}, signal);
            const answer = completed.body.toString("utf8");
            // A retried completion whose first answer was lost finds the upload gone and the object there, made of parts
            // (a NAR's key names its content, so such an object at that key is this one).
            if (completed.status === 404 && xmlValue(answer, "Code") === "NoSuchUpload") {
                const there = await this.head(key, signal).catch(() => undefined);
                if (there !== undefined && /-\d+"?$/.test(there.etag))
                    return;
            }
            // S3 may answer 200 with an error document when completing fails late.
            if (completed.status !== 200 || /<Error>/.test(answer)) {
                throw this.error(`CompleteMultipartUpload ${key}`, completed);
            }
        }
        catch (error) {
            // Parts left behind cost storage until a lifecycle rule removes them: abort, best effort, even when stopped.
            await this.send("DELETE", this.url(key, { uploadId }), undefined, EMPTY_PAYLOAD_HASH, {}, AbortSignal.timeout(10_000)).catch(() => { });
            throw error;
        }
    }
    send(method, url, body, payloadHash, headers, signal, maxResponseBytes) {
        const length = body === undefined ? 0 : typeof body === "string" ? Buffer.byteLength(body) : body.length;
        const toSign = method === "PUT" || method === "POST"
            ? { ...headers, "Content-Length": String(length) }
            : { ...headers };
        const signed = signRequest({ method, url, headers: toSign, payloadHash }, this.credentials(), {
            region: this.location.region,
            service: "s3",
        }, this.now());
        return (0,retry/* sendWithRetries */.HI)({ method, url, headers: signed, body }, { policy: this.policy, signal, maxResponseBytes });
    }
    error(what, response) {
        const text = response.body.toString("utf8");
        const code = xmlValue(text, "Code") ?? "";
        const message = xmlValue(text, "Message") ?? text.slice(0, 200).replace(/\s+/g, " ").trim();
        const detail = [code, message].filter((part) => part !== "").join(": ");
        return new S3Error(`${what} answered HTTP ${response.status}${detail === "" ? "" : ` (${detail})`}`, response.status, code);
    }
}
/** Hex SHA-256 of `length` bytes of `file` from `start`. */
async function fileSha256(file, start, length) {
    const hash = (0,external_node_crypto_.createHash)("sha256");
    if (length > 0) {
        for await (const chunk of (0,external_node_fs_.createReadStream)(file, {
            start,
            end: start + length - 1,
            highWaterMark: MIB,
        })) {
            hash.update(chunk);
        }
    }
    return hash.digest("hex");
}
function xmlValue(xml, element) {
    const raw = new RegExp(`<${element}>([^<]*)</${element}>`).exec(xml)?.[1];
    return raw
        ?.replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&");
}
function xmlEscape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
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

//# sourceMappingURL=764.index.js.map