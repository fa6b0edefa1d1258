export const id = 938;
export const ids = [938];
export const modules = {

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

/***/ 2804:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   run: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _cache_actions_cache_read_server_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5035);
/* harmony import */ var _cache_actions_cache_reader_request_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2406);
/* harmony import */ var _lib_bytes_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9792);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7268);
/* harmony import */ var _lib_line_log_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5510);
/**
 * The Actions cache's read server as a process (dist/action/reader.js, started by setup; see
 * cache/actions-cache/read-server.ts): reads its request from stdin, listens on 127.0.0.1, says its port on fd 3,
 * and serves Nix until post ends it (SIGTERM). Its stdout and stderr are its log file, which post prints.
 */






/** Where it says its port: setup waits for that line (process/background.ts). */
const READY_FD = 3;
async function run(_dir) {
    const log = (0,_lib_line_log_js__WEBPACK_IMPORTED_MODULE_4__/* .lineLog */ .V)((line) => process.stdout.write(line));
    // The runner's SIGINT goes to the step that runs, not here; post decides when the server ends.
    process.on("SIGINT", () => { });
    try {
        const request = JSON.parse(await readStdin());
        const { server, stats } = (0,_cache_actions_cache_read_server_js__WEBPACK_IMPORTED_MODULE_1__/* .createReadServer */ .a)({
            ...(0,_cache_actions_cache_reader_request_js__WEBPACK_IMPORTED_MODULE_2__/* .decodeReaderRequest */ .H)(request),
            log,
            onPackGone: (pack) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync)(request.goneFile, `${pack}\n`, { mode: 0o600 }),
        });
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
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeSync)(READY_FD, `${server.address().port}\n`);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(READY_FD);
        log.info(`Serving ${request.paths} paths of the GitHub Actions cache to Nix.`);
        await ended;
        const gone = stats.gonePacks.size > 0 ? `; ${stats.gonePacks.size} cache entries were evicted during the job` : "";
        log.info(`Served ${stats.narInfos} narinfos and ${stats.nars} NARs (${(0,_lib_bytes_js__WEBPACK_IMPORTED_MODULE_5__/* .formatBytes */ .z)(stats.narBytes)} read from the cache)${gone}.`);
    }
    catch (error) {
        log.warning(`The read server ended: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .describeError */ .Uc)(error)}`);
    }
}
async function readStdin() {
    const chunks = [];
    for await (const chunk of process.stdin)
        chunks.push(chunk);
    return Buffer.concat(chunks).toString("utf8");
}


/***/ })

};

//# sourceMappingURL=938.index.js.map