export const id = 804;
export const ids = [804];
export const modules = {

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

/***/ 5510:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ lineLog)
/* harmony export */ });
function lineLog(write, now = () => new Date()) {
    const line = (level, message) => write(`${now().toISOString().slice(11, 23)} ${level}${message}\n`);
    return {
        info: (message) => line("", message),
        notice: (message) => line("notice: ", message),
        warning: (message) => line("warning: ", message),
        debug: (message) => line("", message),
        group: async (title, body) => {
            line("", title);
            return body();
        },
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

/***/ 6710:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/cache/actions-cache/read-server.ts
var read_server = __webpack_require__(6257);
// EXTERNAL MODULE: ./src/cache/actions-cache/reader-request.ts
var reader_request = __webpack_require__(2406);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./src/lib/errors.ts
var errors = __webpack_require__(7268);
// EXTERNAL MODULE: ./src/net/job-server.ts
var job_server = __webpack_require__(8238);
;// CONCATENATED MODULE: ./src/cache/s3/read-proxy.ts



const CONTENT_TYPES = {
    "cache-info": "text/x-nix-cache-info",
    narinfo: "text/x-nix-narinfo",
    nar: "application/x-nix-nar",
};
function createS3ReadProxy(options) {
    const { client, log } = options;
    let failures = 0;
    return (0,job_server/* createJobServer */.F)({
        prefix: options.prefix,
        authorization: options.authorization,
        onError: (m) => log.warning(`The S3 read proxy: ${m}`),
    }, async (file, request, response) => {
        const key = file.kind === "cache-info"
            ? "nix-cache-info"
            : file.kind === "narinfo"
                ? `${file.hashPart}.narinfo`
                : file.name;
        const abort = new AbortController();
        response.on("close", () => abort.abort());
        try {
            if (request.method === "HEAD") {
                const found = await client.exists(key, abort.signal);
                return (0,job_server/* reply */.T)(response, found ? 200 : 404, "", { "Content-Type": CONTENT_TYPES[file.kind] }, true);
            }
            const source = await client.open(key, abort.signal);
            if (source === undefined)
                return (0,job_server/* reply */.T)(response, 404, "not in this cache");
            const length = source.headers["content-length"];
            response.writeHead(200, {
                "Content-Type": CONTENT_TYPES[file.kind],
                ...(length === undefined ? {} : { "Content-Length": length }),
            });
            await (0,promises_.pipeline)(source, response).catch(() => response.destroy());
        }
        catch (error) {
            if (abort.signal.aborted)
                return;
            // One warning, not one per path: expired session credentials fail every request the same way.
            if (failures++ === 0)
                log.warning(`Reading ${key} from the bucket failed: ${(0,errors/* describeError */.Uc)(error)}`);
            if (!response.headersSent)
                (0,job_server/* reply */.T)(response, 502, "the bucket could not be read");
        }
    });
}

;// CONCATENATED MODULE: ./src/cache/s3/reader-request.ts
function s3Location(request) {
    const { bucket, prefix, region, endpoint } = request;
    return { bucket, prefix, region, endpoint: endpoint === undefined ? undefined : new URL(endpoint) };
}

// EXTERNAL MODULE: ./src/cache/s3/s3-client.ts + 1 modules
var s3_client = __webpack_require__(8404);
// EXTERNAL MODULE: ./src/lib/bytes.ts
var bytes = __webpack_require__(9792);
// EXTERNAL MODULE: ./src/lib/line-log.ts
var line_log = __webpack_require__(5510);
;// CONCATENATED MODULE: ./src/reader.ts
/**
 * A backend's read server as a process (dist/action/reader.js, started by setup): the Actions cache's
 * (cache/actions-cache/read-server.ts) or the S3 read proxy (cache/s3/read-proxy.ts), as its request's `kind`
 * says. It reads that request from stdin, listens on 127.0.0.1, says its port on fd 3, and serves Nix until post
 * ends it (SIGTERM). Its stdout and stderr are its log file, which post prints.
 */









/** Where it says its port: setup waits for that line (process/background.ts). */
const READY_FD = 3;
async function run(_dir) {
    const log = (0,line_log/* lineLog */.V)((line) => process.stdout.write(line));
    // The runner's SIGINT goes to the step that runs, not here; post decides when the server ends.
    process.on("SIGINT", () => { });
    try {
        const request = JSON.parse(await readStdin());
        const { server, report } = serverFor(request, log);
        const ended = new Promise((resolve) => {
            process.once("SIGTERM", () => {
                server.closeAllConnections();
                server.close(() => resolve());
            });
        });
        await new Promise((resolve, reject) => {
            server.once("error", reject);
            server.listen(0, "127.0.0.1", () => resolve());
        });
        (0,external_node_fs_.writeSync)(READY_FD, `${server.address().port}\n`);
        (0,external_node_fs_.closeSync)(READY_FD);
        await ended;
        report();
    }
    catch (error) {
        log.warning(`The read server ended: ${(0,errors/* describeError */.Uc)(error)}`);
    }
}
/** The server `request` asks for, and what it says when it ends. */
function serverFor(request, log) {
    if (request.kind === "s3") {
        const client = new s3_client/* S3Client */.Yx(s3Location(request), () => request.credentials);
        log.info(`Serving ${request.bucket}/${request.prefix} to Nix, signing its requests with the job's credentials.`);
        const server = createS3ReadProxy({
            client,
            prefix: request.urlPrefix,
            authorization: request.authorization,
            log,
        });
        return { server, report: () => log.info("The S3 read proxy ended.") };
    }
    const { server, stats } = (0,read_server/* createReadServer */.a)({
        ...(0,reader_request/* decodeReaderRequest */.H)(request),
        log,
        onPackGone: (pack) => (0,external_node_fs_.appendFileSync)(request.goneFile, `${pack}\n`, { mode: 0o600 }),
    });
    log.info(`Serving ${request.paths} paths of the GitHub Actions cache to Nix.`);
    return {
        server,
        report: () => {
            const gone = stats.gonePacks.size > 0 ? `; ${stats.gonePacks.size} cache entries were evicted during the job` : "";
            log.info(`Served ${stats.narInfos} narinfos and ${stats.nars} NARs (${(0,bytes/* formatBytes */.z)(stats.narBytes)} read from the cache)${gone}.`);
        },
    };
}
async function readStdin() {
    const chunks = [];
    for await (const chunk of process.stdin)
        chunks.push(chunk);
    return Buffer.concat(chunks).toString("utf8");
}


/***/ })

};

//# sourceMappingURL=804.index.js.map