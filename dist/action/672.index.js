export const id = 672;
export const ids = [672];
export const modules = {

/***/ 4672:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ActionsCache: () => (/* binding */ ActionsCache)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./src/lib/bytes.ts
var lib_bytes = __webpack_require__(9792);
// EXTERNAL MODULE: ./src/lib/errors.ts
var errors = __webpack_require__(7268);
// EXTERNAL MODULE: ./src/lib/narinfo.ts
var narinfo = __webpack_require__(2082);
// EXTERNAL MODULE: ./src/lib/scratch-dir.ts
var scratch_dir = __webpack_require__(9807);
// EXTERNAL MODULE: ./src/lib/signing.ts
var signing = __webpack_require__(8920);
// EXTERNAL MODULE: ./src/lib/store-path.ts
var store_path = __webpack_require__(6056);
// EXTERNAL MODULE: ./src/net/concurrently.ts
var concurrently = __webpack_require__(2797);
// EXTERNAL MODULE: ./src/nix/store.ts + 1 modules
var store = __webpack_require__(9518);
// EXTERNAL MODULE: ./src/cache/cache.ts
var cache = __webpack_require__(9540);
// EXTERNAL MODULE: ./src/cache/file/atomic-files.ts
var atomic_files = __webpack_require__(4422);
// EXTERNAL MODULE: ./src/cache/file/file-cache.ts
var file_cache = __webpack_require__(7804);
// EXTERNAL MODULE: ./src/cache/actions-cache/cache-index.ts + 1 modules
var cache_index = __webpack_require__(9318);
// EXTERNAL MODULE: ./src/cache/actions-cache/entry-service.ts
var entry_service = __webpack_require__(7503);
;// CONCATENATED MODULE: ./src/cache/actions-cache/keys.ts
/** Names of the Actions cache entries that hold the binary cache: indexes, found by prefix, and packs, by content. */

/** Bumped when the entries' format changes: entries of another layout are never matched (they age out). */
const LAYOUT = "nix-binary-cache-action-v2";
/** Keys may be up to 512 characters; the part of the key that comes from inputs is hashed beyond this. */
const MAX_SCOPE_PART = 200;
/**
 * Key prefixes of the job's indexes: `<layout>/<RUNNER_OS>-<RUNNER_ARCH>/index/job=<GITHUB_JOB>/key=<cacheKey>/`. Each
 * part is URI-encoded and ends with '/', so one job's prefix never matches another's entries (`build` against
 * `build-docs`, a cacheKey `a` against `a/b`).
 */
function entryKeys(env, cacheKey) {
    const platform = `${LAYOUT}/${part(env.RUNNER_OS || "unknown-os")}-${part(env.RUNNER_ARCH || "unknown-arch")}/index/`;
    return { platform, job: `${platform}job=${part(env.GITHUB_JOB ?? "")}/key=${part(cacheKey)}/` };
}
/**
 * A pack's key names its bytes (SHA-256): a pack saved twice (a job rerun) is one entry, and a key found is exactly
 * the bytes the index counted on.
 */
function packKey(sha256Hex) {
    return `${LAYOUT}/pack/${sha256Hex}`;
}
/**
 * A new index's key: entries cannot be overwritten, so each save gets its own, unique even for two legs of a
 * matrix that share a job and a `cacheKey`; restoring takes the newest entry under the prefix.
 */
function newEntryKey(keys, env, now, nonce) {
    const run = `${part(env.GITHUB_RUN_ID ?? "0")}.${part(env.GITHUB_RUN_ATTEMPT ?? "1")}`;
    return `${keys.job}run=${run}-${now.toISOString().replace(/[-:.]/g, "")}-${nonce}`;
}
function part(text) {
    const encoded = encodeURIComponent(text);
    if (encoded.length <= MAX_SCOPE_PART)
        return encoded;
    return `sha256-${(0,external_node_crypto_.createHash)("sha256").update(text).digest("hex")}`;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
;// CONCATENATED MODULE: ./src/cache/actions-cache/pack.ts
/**
 * A pack being put together: compressed NARs one after the other, uploaded straight from where they lie (the NAR
 * files the push wrote, and a spill file for NARs read from other packs by compaction) — never copied into one
 * file first. Its name is the SHA-256 of its NARs' FileHashes in order, which fix its bytes: the same paths make
 * the same pack, found again rather than uploaded twice.
 */









class PackBuilder {
    spillFile;
    segments = [];
    names = (0,external_node_crypto_.createHash)("sha256");
    spill;
    size = 0;
    /** `spillFile`: where NARs read from other packs are kept until the upload. */
    constructor(spillFile) {
        this.spillFile = spillFile;
    }
    /** Adds `length` bytes of `file` from its start, a NAR whose FileHash is `fileHash`; returns its offset. */
    addFile(file, length, fileHash) {
        return this.add({ file, fileOffset: 0, length }, fileHash);
    }
    /** Adds a NAR read into memory (compaction); returns its offset. */
    addBytes(bytes, fileHash) {
        this.spill ??= { fd: (0,external_node_fs_.openSync)(this.spillFile, "w", 0o600), size: 0 };
        const fileOffset = this.spill.size;
        for (let written = 0; written < bytes.length;) {
            written += (0,external_node_fs_.writeSync)(this.spill.fd, bytes, written, bytes.length - written, fileOffset + written);
        }
        this.spill.size += bytes.length;
        return this.add({ file: this.spillFile, fileOffset, length: bytes.length }, fileHash);
    }
    /** The pack's name: hex SHA-256 of its NARs' FileHashes, in order. */
    name() {
        return this.names.copy().digest("hex");
    }
    /** The pack's bytes, in parts read from the segments that hold them. */
    body() {
        return { length: this.size, part: (start, length) => ({ length, open: () => this.read(start, length) }) };
    }
    /** Removes the spill file. */
    discard() {
        if (this.spill !== undefined)
            (0,external_node_fs_.closeSync)(this.spill.fd);
        this.spill = undefined;
        (0,external_node_fs_.rmSync)(this.spillFile, { force: true });
    }
    add(segment, fileHash) {
        const packOffset = this.size;
        this.segments.push({ ...segment, packOffset });
        this.names.update(fileHash);
        this.size += segment.length;
        return packOffset;
    }
    /** `length` bytes from `start` of the pack, streamed segment by segment. */
    read(start, length) {
        const out = new external_node_stream_.PassThrough({ highWaterMark: 1024 * 1024 });
        const end = start + length;
        const pieces = this.segments.filter((s) => s.packOffset < end && s.packOffset + s.length > start);
        (async () => {
            for (const piece of pieces) {
                const from = Math.max(start, piece.packOffset) - piece.packOffset;
                const to = Math.min(end, piece.packOffset + piece.length) - piece.packOffset;
                if (to <= from)
                    continue;
                const source = (0,external_node_fs_.createReadStream)(piece.file, {
                    start: piece.fileOffset + from,
                    end: piece.fileOffset + to - 1,
                    highWaterMark: 1024 * 1024,
                });
                await (0,external_node_stream_promises_.pipeline)(source, out, { end: false });
            }
            out.end();
        })().catch((error) => out.destroy(error));
        return out;
    }
}
/** The paths pushed into the file cache `dir` (narinfo and NAR), in name order, each added to `pack`. */
async function addPushed(pack, dir, storeDir) {
    const names = (await (0,promises_.readdir)(dir).catch(() => []))
        .filter((name) => name.endsWith(".narinfo"))
        .sort();
    const paths = [];
    for (const name of names) {
        const text = await (0,promises_.readFile)((0,external_node_path_.join)(dir, name), "utf8");
        const info = (0,narinfo/* parseNarInfo */.Ne)(text, storeDir);
        const nar = (0,external_node_path_.join)(dir, info.url);
        const size = (await (0,promises_.stat)(nar)).size;
        if (size !== info.fileSize)
            throw new errors/* CacheError */.xA(`${nar} has ${size} bytes, not ${info.fileSize}`);
        const offset = pack.addFile(nar, size, info.fileHash);
        paths.push({ hashPart: (0,store_path/* hashPartOf */.bV)(info.storePath), text, info, pack: "", offset, lastUsed: 0 });
    }
    return paths;
}

// EXTERNAL MODULE: ./src/cache/actions-cache/read-server.ts
var read_server = __webpack_require__(6257);
// EXTERNAL MODULE: ./src/cache/actions-cache/reader-request.ts
var reader_request = __webpack_require__(2406);
;// CONCATENATED MODULE: ./src/cache/actions-cache/settings.ts
/** `value` as this version's hand-over, or undefined when it is none (a setup of another version, no restore). */
function asActionsCacheHandOver(value) {
    const handOver = value;
    if (handOver?.kind !== "actions-cache" || handOver.version !== 2)
        return undefined;
    if (typeof handOver.root !== "string" || typeof handOver.storeDir !== "string")
        return undefined;
    if (typeof handOver.dropped !== "number")
        return undefined;
    return handOver;
}

;// CONCATENATED MODULE: ./src/cache/actions-cache/actions-cache.ts
/**
 * The GitHub Actions cache as a Nix binary cache, with no account and no secret, where each job moves what it adds
 * and what it needs, not the whole cache. The cache is an index entry (every path's narinfo, and where its NAR
 * lies) and pack entries (compressed NARs, one after the other). Setup reads the newest index, looks up each pack
 * it names (an evicted pack's paths are left out), and starts a read server that Nix substitutes from: it reads a
 * NAR's byte range when Nix asks for it. Post pushes the new paths into a local directory, saves them as one pack
 * and then a new index: at most two new entries per job, the pack only once it is whole.
 */






















/** Pack lookups at setup, this many at a time. */
const LOOKUP_CONCURRENCY = 8;
/** An index whose usage data is older than this is saved again even when nothing else changed. */
const USAGE_REFRESH_MS = 3 * 24 * 60 * 60 * 1000;
const INDEX_FILE = "index.zst";
/** Keys of packs the read server found evicted during the job, a line each (see read-server.ts). */
const GONE_FILE = "gone-packs";
/** More packs than this in the index, and post packs the smallest anew (see compact). */
const MAX_PACKS = 16;
/** Only packs with at most this many live bytes are packed anew. */
const COMPACT_PACK_BYTES = 64 * 2 ** 20;
const NEW_DIR = "new";
class ActionsCache {
    settings;
    context;
    description = "the GitHub Actions cache";
    service;
    now;
    storeHashParts;
    handOver;
    index;
    files;
    /** Setup's directory: made by prepareRead, or handed over to post and the pusher. */
    root;
    /** Paths of the index setup read whose pack was evicted during the job. */
    evictedDuringJob = 0;
    constructor(settings, context, options = {}) {
        this.settings = settings;
        this.context = context;
        this.service = options.service ?? (0,entry_service/* actionsCacheService */.ZY)(context.env);
        this.now = options.now ?? Date.now;
        this.storeHashParts = options.storeHashParts ?? storeHashParts;
        this.handOver = asActionsCacheHandOver(options.handOver);
        this.root = this.handOver?.root;
    }
    /** Setup reads an index and looks up its packs: a few small calls, but to a service that can be slow. */
    setupTimeoutMs = 60_000;
    async prepareRead(storeDir, signal) {
        const problem = this.service.unavailable();
        if (problem !== undefined)
            throw new errors/* CacheError */.xA(problem);
        const { log } = this.context;
        const root = (0,external_node_path_.join)((0,scratch_dir/* scratchDir */.G)(this.context.tempDir), `actions-cache-${process.pid}`);
        await (0,promises_.rm)(root, { recursive: true, force: true });
        await (0,promises_.mkdir)(root, { recursive: true, mode: 0o700 });
        await (0,promises_.chmod)(root, 0o700);
        this.root = root;
        const keys = entryKeys(this.context.env, this.settings.key);
        const read = await this.readIndex(keys.job, [keys.platform], storeDir, signal);
        let index = read?.index ?? (0,cache_index/* emptyIndex */.gW)(storeDir);
        const { packUrls, gone } = await this.lookUpPacks(index, signal);
        const evicted = (0,cache_index/* withoutPaths */.fx)(index, pathsIn(index, gone));
        index = evicted.index;
        // With a key, the cache must carry its signatures; without one, the read server signs with this job's key.
        const publicKey = this.settings.publicKey;
        let jobKey;
        let untrusted = new Set();
        if (publicKey !== undefined) {
            const unsigned = [...index.paths.values()].filter((path) => !signedBy(path, publicKey));
            ({ index, removed: untrusted } = (0,cache_index/* withoutPaths */.fx)(index, unsigned.map((path) => path.hashPart)));
            if (untrusted.size > 0) {
                log.warning(`Left out ${untrusted.size} paths of the GitHub Actions cache not validly signed by ${publicKey.name} ` +
                    `(tampered with, or signed by another key), e.g. ${firstName(read?.index, untrusted)}.`);
            }
        }
        else {
            jobKey = (0,signing/* signingKeyFromSeed */.Cx)(`${read_server/* JOB_KEY_PREFIX */.F}${(0,external_node_crypto_.randomBytes)(6).toString("hex")}-1`, (0,external_node_crypto_.randomBytes)(32));
        }
        if (evicted.removed.size > 0) {
            log.info(`${evicted.removed.size} paths of the index are in cache entries GitHub has evicted: Nix is not shown them ` +
                "(they are built, and pushed again).");
        }
        (0,atomic_files/* writeAtomically */.vK)((0,external_node_path_.join)(root, INDEX_FILE), (0,cache_index/* encodeIndex */.bj)(index, this.now()));
        this.index = index;
        log.info(read === undefined
            ? "No cache index for this job yet: starting an empty binary cache."
            : `Read ${read.key}: ${index.paths.size} paths for Nix to substitute, in ${packUrls.size} cache entries.`);
        const canPush = this.service.writable();
        if (!canPush)
            log.info("ACTIONS_CACHE_MODE=read: this job reads the cache and saves nothing.");
        const handOver = {
            kind: "actions-cache",
            version: 2,
            root,
            storeDir,
            restoredKey: read?.key,
            dropped: evicted.removed.size + untrusted.size + (read?.rejected ?? 0),
        };
        const serverSigned = jobKey !== undefined;
        if (index.paths.size === 0)
            return { substituters: [], netrc: [], canPush, serverSigned, handOver };
        const server = await (0,cache/* startJobServer */.R)(this.context, root, ({ prefix, authorization }) => (0,reader_request/* encodeReaderRequest */.p)({
            index,
            packUrls,
            prefix,
            authorization,
            jobKey,
            goneFile: (0,external_node_path_.join)(root, GONE_FILE),
        }), signal);
        const trusted = publicKey ?? jobKey?.publicKey;
        return {
            substituters: [
                {
                    url: server.url,
                    publicKeys: trusted === undefined ? [] : [(0,signing/* formatPublicKey */.et)(trusted)],
                },
            ],
            netrc: [server.netrc],
            canPush,
            serverSigned,
            handOver,
            fallback: true,
            serverDir: server.dir,
        };
    }
    async openForPush(storeDir, _signal) {
        await this.newPaths().openForPush(storeDir);
    }
    async findCached(hashParts, _signal) {
        const index = await this.restoredIndex();
        const pushed = await this.newPaths().findCached(hashParts);
        return new Set(hashParts.filter((hashPart) => index.paths.has(hashPart) || pushed.has(hashPart)));
    }
    async putNar(nar, signal) {
        await this.newPaths().putNar(nar, signal);
    }
    async putNarInfo(hashPart, narInfo, signal) {
        await this.newPaths().putNarInfo(hashPart, narInfo, signal);
    }
    /**
     * End of post: save the paths pushed in this job as a pack, then a new index with them, their usage refreshed
     * and the cache pruned to its size. A stopped step saves nothing: the next job reads the index before.
     */
    async close(result, stop) {
        const { env, log } = this.context;
        const handOver = this.handOver;
        if (handOver === undefined || !result.pushing || !this.service.writable())
            return;
        if (stop.aborted) {
            log.info("The step was stopped: no new cache entry is saved.");
            return;
        }
        const now = this.now();
        const restored = await this.restoredIndex();
        const inStore = await this.storeHashParts(handOver.storeDir);
        const paths = new Map();
        for (const [hashPart, path] of restored.paths) {
            paths.set(hashPart, inStore.has(hashPart) ? { ...path, lastUsed: now } : path);
        }
        const reasons = [];
        const pack = new PackBuilder((0,external_node_path_.join)(handOver.root, "pack-spill"));
        try {
            const pushed = await addPushed(pack, (0,external_node_path_.join)(handOver.root, NEW_DIR), handOver.storeDir);
            for (const path of pushed)
                paths.set(path.hashPart, { ...path, lastUsed: now });
            if (pushed.length > 0)
                reasons.push(`${pushed.length} paths pushed (${(0,lib_bytes/* formatBytes */.z)(pack.size)})`);
            let pruning = (0,cache_index/* pruneToSize */.D2)({ storeDir: handOver.storeDir, paths }, this.settings.sizeLimit);
            if (pruning.removed.size > 0) {
                reasons.push(`${pruning.removed.size} least recently used paths pruned to fit the size limit`);
            }
            const compacted = await this.compact(pruning.index, pack, stop);
            if (compacted.moved > 0) {
                reasons.push(`${compacted.moved} paths of ${compacted.packs} small cache entries packed anew`);
            }
            pruning = { ...pruning, index: compacted.index };
            if (pack.size > 0) {
                const key = packKey(pack.name());
                const started = Date.now();
                if ((await this.save(key, pack.body(), stop)) === undefined)
                    return;
                log.info(`Saved ${key} (${(0,lib_bytes/* formatBytes */.z)(pack.size)}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
                pruning = { ...pruning, index: assignPack(pruning.index, key) };
            }
            if (handOver.dropped > 0)
                reasons.push(`${handOver.dropped} paths dropped in setup`);
            if (this.evictedDuringJob > 0) {
                reasons.push(`${this.evictedDuringJob} paths whose cache entry was evicted during the job taken out`);
            }
            const stale = restored.savedAt === undefined || now - restored.savedAt >= USAGE_REFRESH_MS;
            if (reasons.length === 0 && stale && handOver.restoredKey !== undefined && paths.size > 0) {
                reasons.push("the usage data was more than 3 days old");
            }
            if (reasons.length === 0) {
                log.info("The cache is unchanged (nothing pushed, pruned or dropped): no new cache entry is saved.");
                return;
            }
            // Only for an index that is saved anyway: a job with nothing new makes no call in post.
            const merged = await this.mergeNewer(handOver, pruning.index, stop);
            if (merged.added > 0)
                reasons.push(`${merged.added} paths of an index saved since setup merged`);
            // What was merged counts against the size limit too.
            pruning = { ...pruning, index: (0,cache_index/* pruneToSize */.D2)(merged.index, this.settings.sizeLimit).index };
            const key = newEntryKey(entryKeys(env, this.settings.key), env, new Date(now), (0,external_node_crypto_.randomBytes)(3).toString("hex"));
            const bytes = (0,cache_index/* encodeIndex */.bj)(pruning.index, now);
            if ((await this.save(key, (0,entry_service/* bufferEntryBody */.xC)(bytes), stop)) === undefined)
                return;
            const size = [...pruning.index.paths.values()].reduce((sum, path) => sum + path.info.fileSize, 0);
            log.info(`Saved ${key}: ${pruning.index.paths.size} paths, ${(0,lib_bytes/* formatBytes */.z)(size)} of NARs (${reasons.join("; ")}).`);
        }
        finally {
            pack.discard();
        }
    }
    /**
     * When small packs pile up (more than MAX_PACKS: each is a lookup in every job's setup), the live paths of the
     * smallest go into this job's pack, read by their ranges, until MAX_PACKS / 2 are left. Only small packs are
     * rewritten, so a job pays for compaction at most a few times COMPACT_PACK_BYTES, and rarely. Paths whose pack is
     * gone by now leave the index.
     */
    async compact(index, pack, stop) {
        const live = new Map();
        for (const path of index.paths.values()) {
            if (path.pack === "")
                continue;
            const list = live.get(path.pack);
            if (list === undefined)
                live.set(path.pack, [path]);
            else
                list.push(path);
        }
        const count = live.size + (pack.size > 0 ? 1 : 0);
        if (count <= MAX_PACKS)
            return { index, moved: 0, packs: 0 };
        const bytesOf = (list) => list.reduce((sum, path) => sum + path.info.fileSize, 0);
        const chosen = [...live]
            .filter(([, list]) => bytesOf(list) <= COMPACT_PACK_BYTES)
            .sort(([, a], [, b]) => bytesOf(a) - bytesOf(b))
            .slice(0, count - MAX_PACKS / 2 + (pack.size > 0 ? 0 : 1));
        const paths = new Map(index.paths);
        const gone = [];
        let moved = 0;
        for (const [key, list] of chosen) {
            const found = await this.service.lookup(key, [], stop).catch((error) => {
                if (stop.aborted)
                    throw error;
                return undefined;
            });
            try {
                if (found?.key !== key)
                    throw new entry_service/* EntryGoneError */.o_(key);
                for (const path of list.sort((a, b) => a.offset - b.offset)) {
                    const range = { offset: path.offset, length: path.info.fileSize };
                    const bytes = await (0,entry_service/* readBlob */.gm)(found.url, range, stop);
                    if (!(0,external_node_crypto_.createHash)("sha256").update(bytes).digest().equals(Buffer.from(path.info.fileHash))) {
                        throw new Error(`${path.info.storePath}'s bytes in ${key} do not match its FileHash`);
                    }
                    paths.set(path.hashPart, { ...path, pack: "", offset: pack.addBytes(bytes, path.info.fileHash) });
                    moved++;
                }
            }
            catch (error) {
                if (stop.aborted)
                    throw error;
                this.context.log.info(`A cache entry could not be packed anew (${(0,errors/* describeError */.Uc)(error)}): its paths go.`);
                gone.push(...list.map((path) => path.hashPart));
            }
        }
        const { index: kept } = (0,cache_index/* withoutPaths */.fx)({ ...index, paths }, gone);
        return { index: kept, moved, packs: chosen.length };
    }
    /** The newest index under `key`, else under the restore keys; undefined on a miss; CacheError on trouble. */
    async readIndex(key, restoreKeys, storeDir, signal) {
        let found;
        try {
            found = await this.service.lookup(key, restoreKeys, signal);
            if (found === undefined)
                return undefined;
            const bytes = await (0,entry_service/* readBlob */.gm)(found.url, undefined, signal, cache_index/* MAX_INDEX_BYTES */.w2);
            const { index, rejected } = (0,cache_index/* decodeIndex */.X1)(bytes, storeDir);
            if (rejected.length > 0) {
                this.context.log.warning(`Left out ${rejected.length} malformed paths of the cache index, e.g. ${rejected[0]?.name}: ${rejected[0]?.reason}.`);
            }
            return { key: found.key, index, rejected: rejected.length };
        }
        catch (error) {
            if (signal.aborted)
                throw error;
            if (error instanceof entry_service/* EntryGoneError */.o_)
                return undefined;
            const what = found === undefined ? "looked up" : `read (${found.key})`;
            throw new errors/* CacheError */.xA(`the GitHub Actions cache index could not be ${what}: ${(0,errors/* describeError */.Uc)(error)}`, {
                cause: error,
            });
        }
    }
    /** A URL for every pack the index names that the service still has; the keys of those it does not. */
    async lookUpPacks(index, signal) {
        const packs = [...new Set([...index.paths.values()].map((path) => path.pack))];
        const packUrls = new Map();
        const gone = new Set();
        try {
            await (0,concurrently/* forEachConcurrently */.D)(packs, LOOKUP_CONCURRENCY, async (pack) => {
                const found = await this.service.lookup(pack, [], signal);
                if (found?.key === pack)
                    packUrls.set(pack, found.url);
                else
                    gone.add(pack);
            });
        }
        catch (error) {
            if (signal.aborted)
                throw error;
            throw new errors/* CacheError */.xA(`the GitHub Actions cache could not be looked up: ${(0,errors/* describeError */.Uc)(error)}`, {
                cause: error,
            });
        }
        return { packUrls, gone };
    }
    /**
     * Adds the paths of an index another job saved since setup read one (a matrix leg, a concurrent run) that this
     * index lacks: the next job then sees both. Trouble here only loses the merge.
     */
    async mergeNewer(handOver, index, stop) {
        const keys = entryKeys(this.context.env, this.settings.key);
        try {
            const newer = await this.readIndex(keys.job, [], handOver.storeDir, stop);
            if (newer === undefined || newer.key === handOver.restoredKey)
                return { index, added: 0 };
            const paths = new Map(index.paths);
            for (const [hashPart, path] of newer.index.paths)
                if (!paths.has(hashPart))
                    paths.set(hashPart, path);
            return { index: { ...index, paths }, added: paths.size - index.paths.size };
        }
        catch (error) {
            if (stop.aborted)
                throw error;
            this.context.log.info(`The newest cache index could not be merged: ${(0,errors/* describeError */.Uc)(error)}`);
            return { index, added: 0 };
        }
    }
    /** Saves an entry; undefined (after a warning, or an info line for a stop) when it was not saved. */
    async save(key, body, stop) {
        let outcome;
        try {
            outcome = await this.service.save(key, body, stop);
        }
        catch (error) {
            if (!stop.aborted)
                throw error;
            this.context.log.info("The step was stopped while the cache was being saved: it is not saved.");
            return undefined;
        }
        if (outcome.kind === "saved" || outcome.kind === "exists")
            return outcome;
        const consequence = "the paths pushed in this job are not kept; the next job reads the index before";
        throw new errors/* CacheError */.xA(outcome.kind === "rate-limited"
            ? `the GitHub Actions cache is rate-limiting this repository (${outcome.problem}); this action does not ` +
                `retry that, so ${consequence}`
            : `the GitHub Actions cache could not be saved (${outcome.problem}), so ${consequence}`);
    }
    /**
     * The index setup audited (post and the pusher read it from setup's directory), without the paths of packs the
     * read server found evicted since: those are pushed again, and the index saved names them in their new pack.
     */
    async restoredIndex() {
        if (this.index !== undefined)
            return this.index;
        const root = this.root;
        if (root === undefined || this.handOver === undefined) {
            throw new errors/* CacheError */.xA("the GitHub Actions cache was not read in setup");
        }
        const { index } = (0,cache_index/* decodeIndex */.X1)(await (0,promises_.readFile)((0,external_node_path_.join)(root, INDEX_FILE)), this.handOver.storeDir);
        const gone = new Set((await (0,promises_.readFile)((0,external_node_path_.join)(root, GONE_FILE), "utf8").catch(() => "")).split("\n"));
        const evicted = (0,cache_index/* withoutPaths */.fx)(index, pathsIn(index, gone));
        this.evictedDuringJob = evicted.removed.size;
        this.index = evicted.index;
        return this.index;
    }
    /** The file cache this job pushes to, under setup's directory. */
    newPaths() {
        if (this.files !== undefined)
            return this.files;
        const root = this.root;
        if (root === undefined)
            throw new errors/* CacheError */.xA("the GitHub Actions cache was not read in setup");
        this.files = new file_cache.FileCache({
            url: (0,external_node_url_.pathToFileURL)((0,external_node_path_.join)(root, NEW_DIR)),
            publicKey: this.settings.publicKey,
        });
        return this.files;
    }
}
function signedBy(path, key) {
    const { info } = path;
    return (0,signing/* hasValidSignature */.nk)(info.sigs, () => (0,narinfo/* narInfoFingerprint */.og)(info.storePath, info.narHash, info.narSize, info.references), [key]);
}
function pathsIn(index, packs) {
    return [...index.paths.values()].filter((path) => packs.has(path.pack)).map((path) => path.hashPart);
}
function firstName(index, hashParts) {
    const [first] = hashParts;
    return (first === undefined ? undefined : index?.paths.get(first)?.info.storePath) ?? "a path";
}
/** Hash parts of what the local store holds now: what this run built or substituted counts as used. */
async function storeHashParts(storeDir) {
    return new Set((await (0,store/* listStorePaths */.KH)(storeDir)).map(store_path/* hashPartOf */.bV));
}
/** Paths not in a pack yet (pack "") are in the one just saved as `key`. */
function assignPack(index, key) {
    const paths = new Map([...index.paths].map(([hashPart, path]) => [hashPart, path.pack === "" ? { ...path, pack: key } : path]));
    return { ...index, paths };
}


/***/ }),

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

/***/ 4422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l5: () => (/* binding */ temporaryPath),
/* harmony export */   vK: () => (/* binding */ writeAtomically)
/* harmony export */ });
/* unused harmony export isTemporaryOf */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/** Files readers never see half-written: written beside their place under a temporary name, then renamed. */

/** Where a file is written before it is renamed over `path`: beside it, unique to this process and call. */
function temporaryPath(path) {
    return `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
}
/** Whether directory entry `name` is a temporaryPath of `base` in the same directory, left by a killed step. */
function isTemporaryOf(name, base) {
    return name.startsWith(`${base}.`) && /^\.\d+\.[a-z0-9]*\.tmp$/.test(name.slice(base.length));
}
/**
 * Readers never see a half-written file: write beside the target, then rename over it. Synchronous on purpose: these
 * are small files on a local disk, and a round trip through libuv's thread pool costs more than the write itself
 * (measured on a 2-core runner: 2.7× the CPU per narinfo, which thousands of paths add up).
 */
function writeAtomically(path, content) {
    const temporary = temporaryPath(path);
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(temporary, content, { flag: "wx" });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync)(temporary, path);
    }
    catch (error) {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(temporary, { force: true });
        throw error;
    }
}


/***/ }),

/***/ 7804:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FileCache: () => (/* binding */ FileCache)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _lib_cache_info_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8770);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7268);
/* harmony import */ var _lib_signing_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8920);
/* harmony import */ var _nix_cache_url_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(7197);
/* harmony import */ var _atomic_files_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(4422);
/** A binary cache in a local directory (file://), e.g. a shared disk on self-hosted runners. */










class FileCache {
    description;
    root;
    publicKeys;
    constructor(settings) {
        this.root = (0,node_url__WEBPACK_IMPORTED_MODULE_4__.fileURLToPath)(settings.url).replace(/\/+$/, "");
        this.description = (0,_nix_cache_url_js__WEBPACK_IMPORTED_MODULE_9__/* .substituterUrl */ .gC)(settings.url);
        this.publicKeys = settings.publicKey === undefined ? [] : [(0,_lib_signing_js__WEBPACK_IMPORTED_MODULE_7__/* .formatPublicKey */ .et)(settings.publicKey)];
    }
    // Local files: the signals have nothing to end.
    async prepareRead(storeDir, _signal) {
        await this.checkStoreDir(storeDir);
        return {
            substituters: [{ url: this.description, publicKeys: this.publicKeys }],
            netrc: [],
            canPush: true,
        };
    }
    /** Whether the cache has a nix-cache-info yet; throws when it is for another store. */
    async checkStoreDir(storeDir) {
        // A cache that does not exist yet is fine: the first job to push creates it.
        const cacheInfo = await this.readCacheInfo();
        (0,_lib_cache_info_js__WEBPACK_IMPORTED_MODULE_5__/* .checkCacheStoreDir */ .hh)(this.description, cacheInfo, storeDir);
        return cacheInfo !== undefined;
    }
    async openForPush(storeDir, _signal) {
        const hasCacheInfo = await this.checkStoreDir(storeDir);
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, "nar"), { recursive: true });
            if (!hasCacheInfo) {
                (0,_atomic_files_js__WEBPACK_IMPORTED_MODULE_8__/* .writeAtomically */ .vK)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, "nix-cache-info"), (0,_lib_cache_info_js__WEBPACK_IMPORTED_MODULE_5__/* .renderCacheInfo */ .Bk)(storeDir));
            }
        }
        catch (error) {
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .CacheError */ .xA(`cannot write to ${this.description}: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .describeError */ .Uc)(error)}`, {
                cause: error,
            });
        }
    }
    async findCached(hashParts, _signal) {
        const wanted = new Set(hashParts);
        const found = new Set();
        let names;
        try {
            names = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(this.root);
        }
        catch (error) {
            if (error.code === "ENOENT")
                return found;
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .CacheError */ .xA(`cannot list ${this.description}: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .describeError */ .Uc)(error)}`, { cause: error });
        }
        for (const name of names) {
            const hashPart = name.endsWith(".narinfo") ? name.slice(0, -".narinfo".length) : undefined;
            if (hashPart !== undefined && wanted.has(hashPart))
                found.add(hashPart);
        }
        return found;
    }
    async putNar(nar, signal) {
        signal?.throwIfAborted();
        const target = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, nar.url);
        const temporary = (0,_atomic_files_js__WEBPACK_IMPORTED_MODULE_8__/* .temporaryPath */ .l5)(target);
        try {
            // openForPush made nar/; only a cache emptied since then needs it again.
            await moveFile(nar.file, target, temporary, signal).catch(async (error) => {
                if (error.code !== "ENOENT")
                    throw error;
                (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(target), { recursive: true });
                await moveFile(nar.file, target, temporary, signal);
            });
        }
        catch (error) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(temporary, { force: true });
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .CacheError */ .xA(`cannot write ${nar.url} to ${this.description}: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .describeError */ .Uc)(error)}`, {
                cause: error,
            });
        }
    }
    async putNarInfo(hashPart, narInfo, signal) {
        // After a stop nothing more is published, however quick a local write would be.
        signal?.throwIfAborted();
        try {
            (0,_atomic_files_js__WEBPACK_IMPORTED_MODULE_8__/* .writeAtomically */ .vK)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, `${hashPart}.narinfo`), narInfo);
        }
        catch (error) {
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .CacheError */ .xA(`cannot write ${hashPart}.narinfo to ${this.description}: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .describeError */ .Uc)(error)}`, { cause: error });
        }
    }
    async close() { }
    /** The cache's nix-cache-info, or undefined when it has none yet. */
    async readCacheInfo() {
        try {
            return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, "nix-cache-info"), "utf8");
        }
        catch (error) {
            if (error.code === "ENOENT")
                return undefined;
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .CacheError */ .xA(`cannot read ${this.description}: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .describeError */ .Uc)(error)}`, { cause: error });
        }
    }
}
/**
 * Moves the staged file in one rename when it is on the same disk (synchronous: one metadata update costs less than
 * a round trip through libuv's thread pool); otherwise copies it beside the target first, as a stream that `signal`
 * ends (a NAR to another disk can take seconds; the caller removes the temporary file).
 */
async function moveFile(source, target, temporary, signal) {
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync)(source, target);
    }
    catch (error) {
        if (error.code !== "EXDEV")
            throw error;
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_3__.pipeline)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(source, { highWaterMark: 1024 * 1024 }), (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createWriteStream)(temporary), {
            signal,
        });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync)(temporary, target);
    }
}


/***/ })

};

//# sourceMappingURL=672.index.js.map