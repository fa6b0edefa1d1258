export const id = 965;
export const ids = [965];
export const modules = {

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

/***/ 3016:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ nodeNarFileSystem)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);

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
    const stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(path);
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
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW);
    try {
        let total = 0;
        // Read to end of file rather than `size` bytes, so that a file that grew is noticed too: the last read asks
        // for one byte more than is left. Judging the size is dumpNar's: it yields what it finds, up to one byte over.
        for (;;) {
            const want = Math.min(scratch?.length ?? READ_SIZE, size - total + 1);
            // Without a scratch buffer, a fresh buffer for every read, sized to what is left: the consumer may keep the
            // chunk, and an exact size spares a copy.
            const buffer = scratch === undefined ? Buffer.allocUnsafe(want) : scratch.subarray(0, want);
            const bytesRead = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buffer, 0, want, null);
            if (bytesRead === 0)
                break;
            total += bytesRead;
            yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
            if (total > size)
                break;
        }
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}
/** The real file system, read with raw-byte names and without following symlinks. */
const nodeNarFileSystem = {
    lstat: async (path) => statEntry(path),
    readdir: async (path) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(path, { encoding: "buffer" }),
    readlink: async (path) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readlinkSync)(path, { encoding: "buffer" }),
    readFile: readWholeFile,
};


/***/ }),

/***/ 4016:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  qx: () => (/* binding */ compressSegment),
  WF: () => (/* binding */ stageNar)
});

// UNUSED EXPORTS: NarMismatchError, SEGMENT_BYTES

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
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
 * to a staging file in one streaming pass. A NAR longer than a segment becomes one zstd frame per segment (several
 * frames are valid zstd, and Nix reads them all): segments can be compressed on other threads while this one reads,
 * and memory stays bounded whatever the path's size.
 */






/** The store's content no longer matches what Nix recorded: uploading it would poison the cache. */
class NarMismatchError extends Error {
    constructor(path, what) {
        super(`${path} does not match the ${what} Nix recorded for it (changed on disk?); not uploaded`);
        this.name = "NarMismatchError";
    }
}
/**
 * NAR bytes per zstd frame. Level 3 looks back 2 MiB at most, so a frame boundary every 4 MiB costs under 1% of the
 * bytes (about 0.6% on the bench's mix); small enough to spread a big path over cores and to bound what is in
 * flight between threads.
 */
const SEGMENT_BYTES = 4 * 1024 * 1024;
/** Bytes per read of a file while serialising: the dump's reused scratch buffer. */
const READ_BYTES = 1024 * 1024;
/** A segment compressed on the calling thread. */
function compressSegment(segment, level) {
    return (0,external_node_zlib_.zstdCompressSync)(segment, {
        params: {
            [external_node_zlib_.constants.ZSTD_c_compressionLevel]: level,
            // The size in the frame header lets zstd fit its window and tables to a small NAR, and lets readers size theirs.
            [external_node_zlib_.constants.ZSTD_c_contentSizeFlag]: 1,
        },
        pledgedSrcSize: segment.length,
        // Room for the whole frame (zstd's bound: the input plus 1/256th and a header), so that the frame comes out in one
        // piece rather than as 16 KiB chunks joined afterwards.
        chunkSize: Math.max(64, segment.length + (segment.length >> 8) + 1024),
    });
}
/** Names of staging files: unique to this thread (a random prefix, not a random name per path), numbered. */
const STAGING_PREFIX = (0,external_node_crypto_.randomBytes)(8).toString("hex");
let staged = 0;
/** Streams `info.path` into a compressed staging file; throws NarMismatchError when its NAR differs from Nix's record. */
async function stageNar(info, options) {
    options.signal?.throwIfAborted();
    const file = (0,external_node_path_.join)(options.dir, `${STAGING_PREFIX}-${staged++}.nar.zst`);
    const compress = options.compress ?? ((segment) => compressSegment(segment, options.compressionLevel));
    const window = Math.max(1, options.window ?? 1);
    const narHash = (0,external_node_crypto_.createHash)("sha256");
    const fileHash = (0,external_node_crypto_.createHash)("sha256");
    let narSize = 0;
    let fileSize = 0;
    const fd = (0,external_node_fs_.openSync)(file, "wx", 0o644);
    // Frames in the order of their segments, written as soon as the first of them is ready.
    const frames = [];
    const writeFirstFrame = async () => {
        const frame = await frames.shift();
        fileHash.update(frame);
        fileSize += frame.length;
        for (let offset = 0; offset < frame.length;) {
            offset += (0,external_node_fs_.writeSync)(fd, frame, offset, frame.length - offset);
        }
    };
    try {
        const segmentBytes = Math.min(SEGMENT_BYTES, Math.max(1, info.narSize));
        let segment = Buffer.allocUnsafe(segmentBytes);
        let used = 0;
        let index = 0;
        const flush = async () => {
            const done = compress(used === segment.length ? segment : segment.subarray(0, used), index++);
            const frame = Promise.resolve(done);
            // Awaited in order below; a failure of a later one must not go unhandled meanwhile.
            frame.catch(() => { });
            frames.push(frame);
            // Compressed already, the segment's buffer is free again; one still being compressed (elsewhere) is not.
            if (done instanceof Promise)
                segment = Buffer.allocUnsafe(segmentBytes);
            used = 0;
            while (frames.length >= window)
                await writeFirstFrame();
            options.signal?.throwIfAborted();
        };
        const scratch = Buffer.allocUnsafe(Math.min(READ_BYTES, segmentBytes + 1));
        for await (const chunk of dumpNar(info.path, options.fs, { scratch })) {
            options.signal?.throwIfAborted();
            narHash.update(chunk);
            narSize += chunk.length;
            // A NAR longer than recorded would never end: stop at the first byte too many.
            if (narSize > info.narSize)
                throw new NarMismatchError(info.path, "NAR size");
            for (let offset = 0; offset < chunk.length;) {
                const n = Math.min(chunk.length - offset, segment.length - used);
                segment.set(chunk.subarray(offset, offset + n), used);
                used += n;
                offset += n;
                if (used === segment.length)
                    await flush();
            }
        }
        if (used > 0)
            await flush();
        while (frames.length > 0)
            await writeFirstFrame();
        if (narSize !== info.narSize)
            throw new NarMismatchError(info.path, "NAR size");
        if (!narHash.digest().equals(Buffer.from(info.narHash)))
            throw new NarMismatchError(info.path, "NAR hash");
        (0,external_node_fs_.closeSync)(fd);
    }
    catch (error) {
        (0,external_node_fs_.closeSync)(fd);
        (0,external_node_fs_.unlinkSync)(file);
        if (options.signal?.aborted)
            throw options.signal.reason;
        throw error;
    }
    const digest = fileHash.digest();
    return { file, url: `nar/${(0,nix_base32/* encodeNixBase32 */.wC)(digest)}.nar.zst`, fileSize, fileHash: digest };
}


/***/ }),

/***/ 8965:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   serveStaging: () => (/* binding */ serveStaging)
/* harmony export */ });
/* harmony import */ var node_v8__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8877);
/* harmony import */ var node_v8__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_v8__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_vm__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(714);
/* harmony import */ var node_vm__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_vm__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7268);
/* harmony import */ var _nix_store_files_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3016);
/* harmony import */ var _stage_nar_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4016);
/**
 * A staging thread (see ./staging-pool.ts): stages whole paths given to it, and compresses segments of other
 * threads' paths while it waits. A path of several segments keeps one segment in `threads` and sends the others
 * out, so that one huge path keeps every core busy; its frames come back and are written in order.
 */






(0,node_v8__WEBPACK_IMPORTED_MODULE_0__.setFlagsFromString)("--expose-gc");
const collectGarbage = (0,node_vm__WEBPACK_IMPORTED_MODULE_1__.runInNewContext)("gc");
/**
 * zstd's output and the segments this thread is done with are garbage V8 does not hurry to collect (it counts
 * little of their memory): after every few segments, a collection of this thread's small heap keeps RSS down.
 */
let compressed = 0;
function compressHere(segment, level) {
    const frame = (0,_stage_nar_js__WEBPACK_IMPORTED_MODULE_5__/* .compressSegment */ .qx)(segment, level);
    compressed += segment.length;
    if (compressed >= COLLECT_EVERY) {
        compressed = 0;
        collectGarbage();
    }
    return frame;
}
const COLLECT_EVERY = 16 * 1024 * 1024;
/** Serves the messages of the staging pool on this thread's parent port, until the pool ends the thread. */
function serveStaging() {
    const port = node_worker_threads__WEBPACK_IMPORTED_MODULE_2__.parentPort;
    if (port === null)
        throw new Error("not a staging thread");
    const send = (message, transfer = []) => port.postMessage(message, transfer);
    const jobs = new Map();
    const { dir, compressionLevel, threads } = node_worker_threads__WEBPACK_IMPORTED_MODULE_2__.workerData;
    port.on("message", (message) => {
        switch (message.type) {
            case "stage": {
                const job = { controller: new AbortController(), frames: new Map() };
                jobs.set(message.job, job);
                const offload = (segment, index) => new Promise((resolve, reject) => {
                    job.frames.set(index, { resolve, reject });
                    const moved = owned(segment);
                    send({ type: "segment", job: message.job, index, segment: moved }, [moved.buffer]);
                });
                (0,_stage_nar_js__WEBPACK_IMPORTED_MODULE_5__/* .stageNar */ .WF)(message.info, {
                    dir,
                    compressionLevel,
                    fs: _nix_store_files_js__WEBPACK_IMPORTED_MODULE_4__/* .nodeNarFileSystem */ .T,
                    signal: job.controller.signal,
                    compress: (segment, index) => threads > 1 && index % threads !== 0
                        ? offload(segment, index)
                        : compressHere(segment, compressionLevel),
                    window: threads + 1,
                })
                    .then((staged) => send({ type: "staged", job: message.job, staged }), (error) => {
                    const name = error instanceof Error ? error.name : "Error";
                    send({ type: "failed", job: message.job, name, message: (0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .describeError */ .Uc)(error) });
                })
                    .finally(() => jobs.delete(message.job));
                return;
            }
            case "compress": {
                try {
                    const frame = owned(compressHere(message.segment, compressionLevel));
                    send({ type: "compressed", task: message.task, frame }, [frame.buffer]);
                }
                catch (error) {
                    send({ type: "compress-failed", task: message.task, message: (0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .describeError */ .Uc)(error) });
                }
                return;
            }
            case "frame": {
                const waiting = jobs.get(message.job)?.frames;
                waiting?.get(message.index)?.resolve(message.frame);
                waiting?.delete(message.index);
                return;
            }
            case "frame-failed": {
                const waiting = jobs.get(message.job)?.frames;
                waiting?.get(message.index)?.reject(new Error(message.message));
                waiting?.delete(message.index);
                return;
            }
            case "abort":
                jobs.get(message.job)?.controller.abort(new Error("the push ended"));
                return;
        }
    });
}
/**
 * `bytes` on an ArrayBuffer that can move to another thread: its own (zstd's output is a view of a larger buffer of
 * its own, which moves as it is), or a copy when it may be a slice of Node's shared pool of small buffers.
 */
function owned(bytes) {
    return bytes.buffer.byteLength > Buffer.poolSize ? bytes : new Uint8Array(bytes);
}


/***/ })

};

//# sourceMappingURL=965.index.js.map