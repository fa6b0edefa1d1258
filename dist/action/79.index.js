export const id = 79;
export const ids = [79];
export const modules = {

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

/***/ 480:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ diffStoreEntries)
/* harmony export */ });
/* harmony import */ var _store_path_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6056);
/**
 * What the job added to the store, from two listings of the store directory. Only names are compared, as they
 * come from the directory: the shape check and the full path are made for the few new entries, not for each of
 * the tens of thousands a long-lived store holds.
 */

/** Store entries that are never build results: derivations, lock files and build leftovers. */
const NOT_ROOTS = /\.(drv|lock|chroot|check)$/;
/** The names of `after` that are not in `before` and could be build results, as full store paths. */
function diffStoreEntries(before, after, storeDir) {
    const added = [];
    const locks = new Set();
    for (const name of after) {
        if (name.endsWith(".lock"))
            locks.add(name);
        if (before.has(name) || NOT_ROOTS.test(name) || !(0,_store_path_js__WEBPACK_IMPORTED_MODULE_0__/* .isStorePathBasename */ .Pu)(name))
            continue;
        added.push(name);
    }
    return {
        paths: added.map((name) => `${storeDir}/${name}`),
        someLocked: added.some((name) => locks.has(`${name}.lock`)),
    };
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

/***/ 2941:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  vZ: () => (/* binding */ pushSelection),
  eN: () => (/* binding */ runPush),
  PK: () => (/* binding */ setPushOutputs)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/lib/bytes.ts
var lib_bytes = __webpack_require__(9792);
// EXTERNAL MODULE: ./src/lib/errors.ts
var errors = __webpack_require__(7268);
// EXTERNAL MODULE: ./src/lib/scratch-dir.ts
var scratch_dir = __webpack_require__(9807);
// EXTERNAL MODULE: ./src/lib/signing.ts
var signing = __webpack_require__(8920);
// EXTERNAL MODULE: ./src/lib/store-path.ts
var store_path = __webpack_require__(6056);
// EXTERNAL MODULE: ./src/lib/store-diff.ts
var store_diff = __webpack_require__(480);
;// CONCATENATED MODULE: ./src/push/added-paths.ts
/** Post's half of the store snapshot: the paths that are in the store now but were not when setup listed it. */


/** Store paths that are in the store directory now but were not in the snapshot. */
async function readAddedStorePaths(nix, file) {
    const [snapshot, now] = await Promise.all([(0,promises_.readFile)(file, "utf8"), nix.listStoreEntries()]);
    return (0,store_diff/* diffStoreEntries */.b)(new Set(snapshot.split("\n")), now, nix.storeDir);
}

;// CONCATENATED MODULE: ./src/push/cache-use.ts
/**
 * Sorts the new valid paths by where they came from. A signature counts by its key's name: Nix verified the path's
 * signatures against the keys it trusts when it substituted it, and this only counts (it never decides what is
 * pushed), so the 100 µs of verifying each one again, on every path of a job that substituted thousands, is spared.
 */
function measureCacheUse(newPaths, cacheKeys) {
    const prefixes = cacheKeys.map((key) => `${key.name}:`);
    let substituted = 0;
    let substitutedNarBytes = 0;
    let built = 0;
    let elsewhere = 0;
    for (const info of newPaths) {
        if (info.ultimate)
            built++;
        else if (info.sigs.some((sig) => prefixes.some((prefix) => sig.startsWith(prefix)))) {
            substituted++;
            substitutedNarBytes += info.narSize;
        }
        else
            elsewhere++;
    }
    return { substituted, substitutedNarBytes, built, elsewhere };
}
/**
 * Of the paths this job had to get (from this cache, or by building them), the share this cache gave, in percent;
 * 100 when it had to get none.
 */
function hitRate(use) {
    const needed = use.substituted + use.built;
    return needed === 0 ? 100 : Math.round((1000 * use.substituted) / needed) / 10;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
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
    const publications = [];
    let next = 0;
    const worker = async () => {
        // An index, not shift(): shifting a queue of thousands moves every remaining element each time.
        for (let info = queue[next++]; info !== undefined; info = queue[next++]) {
            if (options.drain?.aborted) {
                finish(info.path, { status: "deferred" });
                continue;
            }
            const blocked = blockedBy(info, outcomes, byPath, options.available);
            if (blocked !== undefined) {
                finish(info.path, { status: "dependency-failed", reason: blocked });
                continue;
            }
            if (options.deadline.aborted) {
                finish(info.path, interrupted(options.deadline));
                continue;
            }
            let staged;
            try {
                staged = await uploadNar(info, options);
            }
            catch (error) {
                finish(info.path, options.deadline.aborted ? interrupted(options.deadline) : failure(error));
                continue;
            }
            publications.push(publishWhenReferencesAre(info, staged, options, published, byPath).then((outcome) => finish(info.path, outcome)));
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
        // Local caches moved the file away. Synchronous: no thread-pool round trip (and no error object) per path.
        (0,external_node_fs_.rmSync)(staged.file, { force: true });
    }
    return staged;
}
async function publishWhenReferencesAre(info, staged, options, published, byPath) {
    for (const reference of info.references) {
        if (reference === info.path || options.available.has(reference))
            continue;
        const ok = byPath.has(reference) ? await published.get(reference) : false;
        if (options.deadline.aborted)
            return interrupted(options.deadline);
        if (!ok)
            return { status: "dependency-failed", reason: `its reference ${reference} was not pushed` };
    }
    if (options.deadline.aborted)
        return interrupted(options.deadline);
    try {
        const fingerprint = (0,narinfo/* narInfoFingerprint */.og)(info.path, info.narHash, info.narSize, info.references);
        const ours = options.sign === undefined ? [] : [options.sign(fingerprint)];
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
/** The outcome of a path the deadline left out: a stopped step, or pushTimeout. */
function interrupted(deadline) {
    return { status: deadline.reason instanceof errors/* StepStopped */.ic ? "stopped" : "timed-out" };
}
function failure(error) {
    return { status: "failed", reason: (0,errors/* describeError */.Uc)(error) };
}

// EXTERNAL MODULE: ./src/push/select-paths.ts
var select_paths = __webpack_require__(491);
;// CONCATENATED MODULE: ./src/push/summary.ts
/** The post step's result in numbers, and the job summary built from it (pure: markdown in, nothing written). */


/**
 * Counts over a report; `skipped` is every path considered but not pushed, for whatever reason — a selected path
 * the push never came to (it ended in an error) included.
 */
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
    const { toPush, upstream, cached, filtered, unknown } = report.selection;
    notPushed += toPush.filter((info) => !report.outcomes.has(info.path)).length;
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
        ["Not pushed: the step was stopped", counts.stopped],
    ];
    const duringBuild = report.pushedDuringBuild ?? 0;
    const rows = [
        ["Pushed", `${totals.pushed}`],
        ...(duringBuild > 0
            ? [
                ["… while the build ran", `${duringBuild}`],
                ["… in post", `${totals.pushed - duringBuild}`],
            ]
            : []),
        // Only the reasons that occurred: a table of zeros hides the one row that matters.
        ...skips.filter(([, count]) => count > 0).map(([label, count]) => [label, `${count}`]),
        ["NAR bytes", (0,lib_bytes/* formatBytes */.z)(totals.narBytes)],
        ["Uploaded (zstd)", (0,lib_bytes/* formatBytes */.z)(totals.fileBytes)],
        ["Time", `${report.seconds.toFixed(1)} s (${(0,lib_bytes/* formatBytes */.z)(rate)}/s of NAR)`],
    ];
    const lines = [
        `### Nix binary cache: ${totals.pushed} path${totals.pushed === 1 ? "" : "s"} pushed to ${escapeMarkdown(report.cache)}`,
        "",
        ...(report.interrupted === undefined ? [] : [`Ended early: ${escapeMarkdown(report.interrupted)}.`, ""]),
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
    if (report.cacheUse !== undefined)
        lines.push("", ...cacheUseLines(report.cacheUse));
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
/** The summary of a job that pushes nothing (read-only, skipPush): what the cache did for it. */
function renderCacheUseSummary(cache, use) {
    return `${[`### Nix binary cache: ${escapeMarkdown(cache)}`, "", ...cacheUseLines(use)].join("\n")}\n`;
}
function cacheUseLines(use) {
    const needed = use.substituted + use.built;
    return [
        needed === 0
            ? "This job needed no path it did not have already."
            : `**Hit rate ${hitRate(use)} %**: of the ${needed} paths this job needed and did not have, ` +
                `${use.substituted} came from this cache and ${use.built} were built here.`,
        "",
        "| What the cache did for this job | |",
        "|---|---:|",
        `| Substituted from this cache | ${use.substituted} (${(0,lib_bytes/* formatBytes */.z)(use.substitutedNarBytes)} of NAR) |`,
        `| Built here | ${use.built} |`,
        `| Substituted from other caches | ${use.elsewhere} |`,
    ];
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
        case "stopped":
            return "the step was stopped (the job was cancelled) before it was pushed";
        case "deferred":
            return "left for post (the background pusher was asked to finish)";
    }
}
function countByStatus(outcomes) {
    const counts = { pushed: 0, failed: 0, "dependency-failed": 0, "timed-out": 0, stopped: 0, deferred: 0 };
    for (const outcome of outcomes.values())
        counts[outcome.status]++;
    return counts;
}
function escapeMarkdown(text) {
    return text.replace(/[|<>]/g, (character) => `\\${character}`);
}

;// CONCATENATED MODULE: ./src/push/run-push.ts
/** The post step: select the paths this job made, push them, report. */












/**
 * Runs the post step; returns the report, or undefined when there was nothing to do. Throws on cache trouble. The
 * step's outputs are set on every way out, errors included.
 */
async function runPush(deps) {
    const progress = { outcomes: new Map(), pushedDuringBuild: 0 };
    try {
        return await pushNewPaths(deps, progress);
    }
    finally {
        const { selection, outcomes } = progress;
        setPushOutputs(deps, {
            ...pushTotals({ selection: selection ?? emptySelection(""), outcomes }),
            pushedDuringBuild: progress.pushedDuringBuild,
            cacheUse: progress.cacheUse,
        });
        const published = [...outcomes].filter(([, outcome]) => outcome.status === "pushed");
        await deps.cache.close({
            pushing: deps.state.mode === "push",
            published: new Set(published.map(([path]) => (0,store_path/* hashPartOf */.bV)(path))),
        }, deps.stop ?? new AbortController().signal);
        // Read once: post has no further use for it.
        if (deps.state.snapshotFile !== undefined)
            await (0,promises_.rm)(deps.state.snapshotFile, { force: true });
    }
}
async function pushNewPaths(deps, progress) {
    const { state, log } = deps;
    const started = Date.now();
    // pushTimeout bounds the whole push, the questions to Nix and the cache included; a stopped step ends it the same way.
    const timeout = AbortSignal.timeout(deps.config.pushTimeoutMs);
    const deadline = deps.stop === undefined ? timeout : AbortSignal.any([timeout, deps.stop]);
    if (state.mode !== "push") {
        if (state.offReason !== undefined)
            log.warning(`Nothing is pushed: in setup, ${state.offReason}.`);
        else
            log.info(state.mode === "read-only" ? "Read-only mode: nothing is pushed." : "Nothing is pushed in this job.");
        // What the cache did for the job is worth saying without a push too (a pull request from a fork, say).
        try {
            progress.cacheUse = (await readNewPaths(deps))?.cacheUse;
        }
        catch (error) {
            log.info(`What the cache did for this job is unknown: ${(0,errors/* describeError */.Uc)(error)}`);
        }
        if (progress.cacheUse !== undefined) {
            await deps.runner.appendSummary(renderCacheUseSummary(deps.cache.description, progress.cacheUse));
        }
        return undefined;
    }
    const selected = await log.group("Select new store paths", async () => {
        try {
            const added = await readNewPaths(deps).catch((error) => {
                // With `pathsToPush` the snapshot only serves the report: the push goes on without it.
                if (deps.config.pathsToPush.length === 0)
                    throw error;
                log.info(`What the cache did for this job is unknown: ${(0,errors/* describeError */.Uc)(error)}`);
                return undefined;
            });
            progress.cacheUse = added?.cacheUse;
            return await run_push_select(deps, deadline, added);
        }
        catch (error) {
            // Stopped while Nix or the cache was asked: nothing is selected, and the report says why.
            if (!deadline.aborted)
                throw error;
            return emptySelection((0,errors/* describeInterruption */.Nr)(deadline));
        }
    });
    const selection = confirmPushedDuringBuild(selected, deps.pushedDuringBuild, progress);
    progress.selection = selection;
    if (selection.toPush.length > 0) {
        await log.group(`Push ${selection.toPush.length} paths to ${deps.cache.description}`, () => pushSelection(deps, selection, deadline, progress.outcomes));
    }
    const report = {
        cache: deps.cache.description,
        selection,
        outcomes: progress.outcomes,
        seconds: (Date.now() - started) / 1000,
        pushedDuringBuild: progress.pushedDuringBuild,
        cacheUse: progress.cacheUse,
        interrupted: deadline.aborted ? (0,errors/* describeInterruption */.Nr)(deadline) : undefined,
    };
    const totals = pushTotals(report);
    await deps.runner.appendSummary(renderSummary(report));
    log.info(`Pushed ${totals.pushed} paths (${(0,lib_bytes/* formatBytes */.z)(totals.narBytes)} of NAR, ${(0,lib_bytes/* formatBytes */.z)(totals.fileBytes)} ` +
        `uploaded) in ${report.seconds.toFixed(1)} s; ${totals.skipped} skipped.`);
    if (totals.notPushed > 0) {
        // One cause for them all (a cache that could not be used, a refused key): it is said here, once.
        const causes = new Set([...report.outcomes.values()]
            .filter((outcome) => outcome.status !== "pushed" && outcome.status !== "deferred")
            .map(describeOutcome));
        const [cause] = causes;
        throw new PushIncompleteError(`${totals.notPushed} of ${selection.toPush.length} paths could not be pushed${causes.size === 1 ? `: ${cause}` : ""}`);
    }
    return report;
}
/** The step's outputs: numbers whatever happened, so that workflows reading them never get an empty string. */
function setPushOutputs(deps, totals) {
    const use = totals.cacheUse;
    try {
        deps.runner.setOutput("pushedPaths", totals.pushed);
        deps.runner.setOutput("pushedBytes", totals.fileBytes);
        deps.runner.setOutput("skippedPaths", totals.skipped);
        deps.runner.setOutput("pushedWhileBuilding", totals.pushedDuringBuild ?? 0);
        deps.runner.setOutput("substitutedPaths", use?.substituted ?? 0);
        deps.runner.setOutput("substitutedBytes", use?.substitutedNarBytes ?? 0);
        deps.runner.setOutput("builtPaths", use?.built ?? 0);
        deps.runner.setOutput("hitRate", use === undefined ? 0 : hitRate(use));
    }
    catch (error) {
        // The runner's files live in RUNNER_TEMP, which may be the full disk that ended the push.
        deps.log.info(`The step's outputs could not be written: ${(0,errors/* describeError */.Uc)(error)}`);
    }
}
async function readNewPaths(deps) {
    const { state } = deps;
    if (state.snapshotFile === undefined)
        return undefined;
    const added = await readAddedStorePaths(deps.nix, state.snapshotFile);
    const closures = await deps.nix.closureOfValid(added.paths, { mayBeInvalid: added.someLocked });
    const keys = (state.cacheKeys ?? []).flatMap((text) => {
        try {
            return [(0,signing/* parsePublicKey */.ee)(text)];
        }
        catch {
            return [];
        }
    });
    const newPaths = added.paths.flatMap((path) => closures.get(path) ?? []);
    return { added, closures, cacheUse: measureCacheUse(newPaths, keys) };
}
/** What to push: the new paths (or `pathsToPush`) with their closures, minus what readers can already get. */
async function run_push_select(deps, deadline, newPaths) {
    const { config, log } = deps;
    const byAdded = config.pathsToPush.length === 0 && newPaths !== undefined;
    const selected = await (0,select_paths/* selectPaths */.L)({
        added: byAdded ? { paths: newPaths.added.paths, closures: newPaths.closures } : undefined,
        pathsToPush: config.pathsToPush,
        pushFilter: config.pushFilter,
        upstreamKeys: config.upstreamKeys,
    }, deps.nix, deps.cache, log, deadline);
    log.info(`${selected.toPush.length} to push; skipped: ${selected.upstream.length} signed upstream, ` +
        `${selected.cached.length} already cached, ${selected.filtered.length} filtered` +
        (selected.unknown.length > 0 ? `, ${selected.unknown.length} not valid store paths` : ""));
    if (selected.unknown.length > 0) {
        log.warning(`Input 'pathsToPush': not a valid store path of this store, so not pushed: ${selected.unknown.join(", ")}`);
    }
    return selected;
}
/**
 * The paths the background pusher says it published and the cache now has: moved from "already cached" to pushed
 * (with the sizes the pusher recorded). A claim the cache does not back is ignored: the path was selected as any other.
 */
function confirmPushedDuringBuild(selection, claims, progress) {
    if (claims === undefined || claims.size === 0)
        return selection;
    const confirmed = selection.cached.filter((path) => claims.has(path));
    for (const path of confirmed) {
        progress.outcomes.set(path, { status: "pushed", ...claims.get(path) });
    }
    progress.pushedDuringBuild = confirmed.length;
    return { ...selection, cached: selection.cached.filter((path) => !claims.has(path)) };
}
function emptySelection(trouble) {
    return {
        cacheTrouble: trouble,
        toPush: [],
        available: new Set(),
        upstream: [],
        cached: [],
        filtered: [],
        unknown: [],
    };
}
/**
 * Pushes the selection, recording each path's outcome in `outcomes` as it comes (and telling `onPushed` of each path
 * published). Post's push, and each round of the background pusher.
 */
async function pushSelection(deps, selection, deadline, outcomes, background) {
    const { config, log } = deps;
    const trouble = selection.cacheTrouble ??
        (await deps.cache.openForPush(deps.state.storeDir, deadline).then(() => undefined, (error) => {
            if (deadline.aborted)
                return (0,errors/* describeInterruption */.Nr)(deadline);
            if (!(error instanceof errors/* CacheError */.xA))
                throw error;
            return error.message;
        }));
    if (trouble !== undefined) {
        const outcome = deadline.aborted
            ? interrupted(deadline)
            : { status: "failed", reason: `the cache could not be used: ${trouble}` };
        for (const info of selection.toPush)
            outcomes.set(info.path, outcome);
        return;
    }
    const stagingDir = (0,external_node_path_.join)((0,scratch_dir/* scratchDir */.G)(deps.tempDir), `staging-${process.pid}`);
    await (0,promises_.mkdir)(stagingDir, { recursive: true });
    const progress = startProgress(log, selection.toPush.length, deps.progressInterval ?? 10);
    const key = config.signingKey;
    const stager = deps.startStager({ dir: stagingDir, compressionLevel: config.compressionLevel });
    if (stager.threads > 0)
        log.debug(`Staging on ${stager.threads} thread(s).`);
    const warnedReasons = new Set();
    try {
        await pushPaths(selection.toPush, {
            cache: deps.cache,
            sign: key === undefined ? undefined : (fingerprint) => (0,signing/* signFingerprint */._s)(fingerprint, key),
            available: selection.available,
            // A path staging on each thread and one more ready, while NARs upload.
            concurrency: Math.max(1, stager.threads) + 1,
            deadline,
            drain: background?.drain,
            stage: (info, signal) => stager.stage(info, signal),
            onOutcome: (path, outcome) => {
                outcomes.set(path, outcome);
                progress.record(outcome);
                if (outcome.status === "pushed") {
                    background?.onPushed(path, { narSize: outcome.narSize, fileSize: outcome.fileSize });
                    return log.debug(`pushed ${path}`);
                }
                if (outcome.status === "deferred")
                    return;
                // Annotations are for people: the first few, one per cause (a refused key fails every path alike), the
                // rest in the log and the summary.
                const reason = describeOutcome(outcome);
                const message = `${path} not pushed: ${reason}`;
                const newCause = !warnedReasons.has(reason) && warnedReasons.size < MAX_PATH_WARNINGS;
                if (newCause)
                    warnedReasons.add(reason);
                (newCause ? log.warning : log.info).call(log, message);
            },
        });
    }
    finally {
        progress.stop();
        await stager.close();
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
        log.info(`… ${done}/${total} paths done, ${(0,lib_bytes/* formatBytes */.z)(bytes)} uploaded`);
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


/***/ }),

/***/ 491:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ selectPaths)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7268);
/* harmony import */ var _lib_narinfo_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2082);
/* harmony import */ var _lib_signing_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8920);
/* harmony import */ var _lib_store_path_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6056);
/**
 * Which paths post pushes: what this job added to the store (or `pathsToPush`), with closures, minus what readers
 * can already get — paths signed by an upstream cache and paths the cache holds.
 */






async function selectPaths(request, nix, cache, log, 
/** The push's deadline: when it aborts the cache's answer is given up, and nothing can be pushed. */
deadline) {
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
        infos = closureWithin(roots, request.added.closures);
        const valid = roots.filter((path) => infos.has(path)).length;
        log.info(`${added.length} new store entries since setup` +
            (filter === undefined ? "" : `, ${filtered.length} left out by pushFilter`) +
            `, ${valid} valid ones to push with their closures.`);
    }
    const settled = [...infos.keys()].filter((path) => request.settled?.has(path));
    const open = [...infos.values()].filter((info) => !request.settled?.has(info.path));
    const upstream = open.filter((info) => isSignedUpstream(info, request.upstreamKeys));
    const upstreamSet = new Set(upstream);
    const candidates = open.filter((info) => !upstreamSet.has(info));
    let cacheTrouble;
    const cachedHashes = await cache
        .findCached(candidates.map((info) => (0,_lib_store_path_js__WEBPACK_IMPORTED_MODULE_5__/* .hashPartOf */ .bV)(info.path)), deadline)
        .catch((error) => {
        // An unreachable cache leaves every candidate unpushed: the report must still list them.
        if (deadline.aborted)
            cacheTrouble = (0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .describeInterruption */ .Nr)(deadline);
        else if (error instanceof _lib_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .CacheError */ .xA)
            cacheTrouble = error.message;
        else
            throw error;
        return new Set();
    });
    const cached = candidates.filter((info) => cachedHashes.has((0,_lib_store_path_js__WEBPACK_IMPORTED_MODULE_5__/* .hashPartOf */ .bV)(info.path)));
    const toPush = candidates.filter((info) => !cachedHashes.has((0,_lib_store_path_js__WEBPACK_IMPORTED_MODULE_5__/* .hashPartOf */ .bV)(info.path)));
    const filteredOut = filtered.filter((path) => !infos.has(path));
    return {
        cacheTrouble,
        toPush,
        available: new Set([...settled, ...[...upstream, ...cached].map((info) => info.path)]),
        upstream: upstream.map((info) => info.path),
        cached: cached.map((info) => info.path),
        filtered: filteredOut,
        unknown,
    };
}
/** The closures of `roots` (those of them in `infos`), taken from `infos`, which holds them whole. */
function closureWithin(roots, infos) {
    const closure = new Map();
    const stack = [...roots];
    for (let path = stack.pop(); path !== undefined; path = stack.pop()) {
        const info = infos.get(path);
        if (info === undefined || closure.has(path))
            continue;
        closure.set(path, info);
        stack.push(...info.references);
    }
    return closure;
}
/** A path counts as upstream only when one of its signatures verifies with an upstream key, not by key name. */
function isSignedUpstream(info, upstreamKeys) {
    const fingerprint = () => (0,_lib_narinfo_js__WEBPACK_IMPORTED_MODULE_3__/* .narInfoFingerprint */ .og)(info.path, info.narHash, info.narSize, info.references);
    return (0,_lib_signing_js__WEBPACK_IMPORTED_MODULE_4__/* .hasValidSignature */ .nk)(info.sigs, fingerprint, upstreamKeys);
}
/** `pathsToPush` as store paths: `./result` links and paths inside a store path lead to the store path. */
async function resolvePathsToPush(paths, nix, unknown) {
    const resolved = [];
    for (const path of paths) {
        const storePath = await findStorePath(path, nix.storeDir);
        // Only names of the store path shape go to Nix: one malformed name (`.links`, a typo) fails a whole call.
        if (storePath === undefined || !(0,_lib_store_path_js__WEBPACK_IMPORTED_MODULE_5__/* .isStorePathBasename */ .Pu)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(storePath)))
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
    let current = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(path);
    for (let hops = 0; hops < 40; hops++) {
        const inStore = topStorePath(current, storeDir);
        if (inStore !== undefined)
            return inStore;
        const target = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readlink)(current).catch(() => undefined);
        if (target === undefined) {
            const real = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(current).catch(() => undefined);
            return real === undefined ? undefined : topStorePath(real, storeDir);
        }
        current = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(current), target);
    }
    return undefined;
}
function topStorePath(path, storeDir) {
    if (!path.startsWith(`${storeDir}/`))
        return undefined;
    const basename = path.slice(storeDir.length + 1).split("/")[0];
    return basename === undefined || basename === "" ? undefined : `${storeDir}/${basename}`;
}


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

/***/ 9328:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ startStagingPool)
/* harmony export */ });
/* unused harmony export inProcessStager */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _stage_nar_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4016);
/**
 * Staging off the main thread: reading, serialising, hashing and compressing NARs run on worker threads (one per
 * core), so the main thread only orders, publishes and uploads. Paths go to the thread with the least work; the
 * segments a thread sends out (see ./stage-worker.ts) go to the thread with the fewest waiting, which may be a thread
 * that is itself waiting for frames: it serves them while it waits, so no thread waits on a busy one for ever.
 */



/** Paths staged on the calling thread, one segment after the other. */
function inProcessStager(options) {
    return {
        threads: 0,
        stage: (info, signal) => (0,_stage_nar_js__WEBPACK_IMPORTED_MODULE_2__/* .stageNar */ .WF)(info, { ...options, signal }),
        close: async () => { },
    };
}
function startStagingPool(options) {
    if (options.threads < 1 || !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(options.script)) {
        options.onFallback(options.threads < 1 ? "no thread to stage on" : `${options.script} is missing`);
        return inProcessStager(options);
    }
    const threads = [];
    const jobs = new Map();
    const tasks = new Map();
    let nextId = 0;
    /** The live thread with the least work, but `except`. */
    const leastLoaded = (except) => threads
        .filter((thread) => thread.alive && thread !== except)
        .reduce((best, thread) => {
        return best === undefined || thread.load < best.load ? thread : best;
    }, undefined);
    const onMessage = (from, message) => {
        switch (message.type) {
            case "staged":
            case "failed": {
                const pending = jobs.get(message.job);
                if (pending === undefined) {
                    // Aborted while the thread finished it: nobody will upload or remove the file.
                    if (message.type === "staged")
                        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.unlinkSync)(message.staged.file);
                    return;
                }
                jobs.delete(message.job);
                from.load--;
                if (message.type === "staged")
                    pending.resolve(message.staged);
                else
                    pending.reject(Object.assign(new Error(message.message), { name: message.name }));
                return;
            }
            case "segment": {
                // Another thread if one is alive; the sender serves its own segment while it waits, as a last resort.
                const thread = leastLoaded(from) ?? (from.alive ? from : undefined);
                if (thread === undefined)
                    return;
                const task = nextId++;
                tasks.set(task, { owner: from, job: message.job, index: message.index, thread });
                thread.load++;
                const { segment } = message;
                post(thread, { type: "compress", task, segment }, [segment.buffer]);
                return;
            }
            case "compressed":
            case "compress-failed": {
                const task = tasks.get(message.task);
                if (task === undefined)
                    return;
                tasks.delete(message.task);
                from.load--;
                if (message.type === "compressed") {
                    const { frame } = message;
                    post(task.owner, { type: "frame", job: task.job, index: task.index, frame }, [
                        frame.buffer,
                    ]);
                }
                else {
                    post(task.owner, {
                        type: "frame-failed",
                        job: task.job,
                        index: task.index,
                        message: message.message,
                    });
                }
                return;
            }
        }
    };
    const onDeath = (thread, error) => {
        if (!thread.alive)
            return;
        thread.alive = false;
        for (const [id, pending] of jobs) {
            if (pending.thread !== thread)
                continue;
            jobs.delete(id);
            pending.reject(new Error(`a staging thread failed: ${error.message}`));
        }
        // Segments it was compressing for others: their paths fail (their frames will never come).
        for (const [id, task] of tasks) {
            if (task.thread !== thread)
                continue;
            tasks.delete(id);
            post(task.owner, { type: "frame-failed", job: task.job, index: task.index, message: error.message });
        }
    };
    for (let i = 0; i < options.threads; i++) {
        // Little JS heap is needed: the bytes live in buffers. Small generations keep each thread's garbage small too.
        const settings = {
            dir: options.dir,
            compressionLevel: options.compressionLevel,
            threads: options.threads,
        };
        const worker = new node_worker_threads__WEBPACK_IMPORTED_MODULE_1__.Worker(options.script, {
            workerData: settings,
            resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 128 },
        });
        const thread = { worker, load: 0, alive: true };
        worker.on("message", (message) => onMessage(thread, message));
        worker.on("error", (error) => onDeath(thread, error));
        worker.on("exit", (code) => onDeath(thread, new Error(`it exited with code ${code}`)));
        threads.push(thread);
    }
    return {
        threads: options.threads,
        async stage(info, signal) {
            signal.throwIfAborted();
            const thread = leastLoaded();
            if (thread === undefined)
                throw new Error("no staging thread is left");
            const job = nextId++;
            return new Promise((resolve, reject) => {
                const onAbort = () => {
                    if (!jobs.delete(job))
                        return;
                    thread.load--;
                    post(thread, { type: "abort", job });
                    reject(signal.reason);
                };
                signal.addEventListener("abort", onAbort, { once: true });
                const settled = () => signal.removeEventListener("abort", onAbort);
                jobs.set(job, {
                    thread,
                    resolve: (staged) => {
                        settled();
                        resolve(staged);
                    },
                    reject: (error) => {
                        settled();
                        reject(error);
                    },
                });
                thread.load++;
                const { path, narHash, narSize } = info;
                post(thread, { type: "stage", job, info: { path, narHash, narSize } });
            });
        },
        async close() {
            // Paths still staging (the push ended in an error) end here rather than never.
            for (const [id, pending] of jobs) {
                jobs.delete(id);
                pending.reject(new Error("the staging threads were closed"));
            }
            for (const thread of threads)
                thread.alive = false;
            await Promise.all(threads.map((thread) => thread.worker.terminate()));
        },
    };
}
function post(thread, message, transfer = []) {
    if (thread.alive)
        thread.worker.postMessage(message, transfer);
}


/***/ })

};

//# sourceMappingURL=79.index.js.map