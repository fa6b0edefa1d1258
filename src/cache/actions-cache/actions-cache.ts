/**
 * The GitHub Actions cache as a Nix binary cache, with no account and no secret, where each job moves what it adds
 * and what it needs, not the whole cache. The cache is an index entry (every path's narinfo, and where its NAR
 * lies) and pack entries (compressed NARs, one after the other). Setup reads the newest index, looks up each pack
 * it names (an evicted pack's paths are left out), and starts a read server that Nix substitutes from: it reads a
 * NAR's byte range when Nix asks for it. Post pushes the new paths into a local directory, saves them as one pack
 * and then a new index: at most two new entries per job, the pack only once it is whole.
 */
import { createHash, randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { formatBytes } from "../../lib/bytes.js";
import { CacheError, describeError } from "../../lib/errors.js";
import { narInfoFingerprint } from "../../lib/narinfo.js";
import { scratchDir } from "../../lib/scratch-dir.js";
import {
  formatPublicKey,
  hasValidSignature,
  type SigningKey,
  signingKeyFromSeed,
} from "../../lib/signing.js";
import { hashPartOf } from "../../lib/store-path.js";
import { forEachConcurrently } from "../../net/concurrently.js";
import { listStorePaths } from "../../nix/store.js";
import {
  type BinaryCache,
  type CacheContext,
  type PushResult,
  type ReadAccess,
  type StagedNar,
  startJobServer,
} from "../cache.js";
import { writeAtomically } from "../file/atomic-files.js";
import { FileCache } from "../file/file-cache.js";
import {
  type CacheIndex,
  decodeIndex,
  emptyIndex,
  encodeIndex,
  type IndexedPath,
  MAX_INDEX_BYTES,
  pruneToSize,
  withoutPaths,
} from "./cache-index.js";
import {
  actionsCacheService,
  bufferEntryBody,
  type CacheService,
  EntryGoneError,
  type FoundEntry,
  readBlob,
  type SaveOutcome,
} from "./entry-service.js";
import { entryKeys, newEntryKey, packKey } from "./keys.js";
import { addPushed, PackBuilder } from "./pack.js";
import { JOB_KEY_PREFIX } from "./read-server.js";
import { encodeReaderRequest } from "./reader-request.js";
import { type ActionsCacheHandOver, type ActionsCacheSettings, asActionsCacheHandOver } from "./settings.js";

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

export interface ActionsCacheOptions {
  /** In post: what setup's prepareRead handed over. */
  readonly handOver?: unknown;
  readonly service?: CacheService;
  readonly now?: () => number;
  /** Hash parts of the paths in the local store (by default, read from the store directory). */
  readonly storeHashParts?: (storeDir: string) => Promise<Set<string>>;
}

export class ActionsCache implements BinaryCache<ActionsCacheHandOver> {
  readonly description = "the GitHub Actions cache";
  private readonly service: CacheService;
  private readonly now: () => number;
  private readonly storeHashParts: (storeDir: string) => Promise<Set<string>>;
  private readonly handOver?: ActionsCacheHandOver;
  private index?: CacheIndex;
  private files?: FileCache;
  /** Setup's directory: made by prepareRead, or handed over to post and the pusher. */
  private root?: string;
  /** Paths of the index setup read whose pack was evicted during the job. */
  private evictedDuringJob = 0;

  constructor(
    private readonly settings: ActionsCacheSettings,
    private readonly context: CacheContext,
    options: ActionsCacheOptions = {},
  ) {
    this.service = options.service ?? actionsCacheService(context.env);
    this.now = options.now ?? Date.now;
    this.storeHashParts = options.storeHashParts ?? storeHashParts;
    this.handOver = asActionsCacheHandOver(options.handOver);
    this.root = this.handOver?.root;
  }

  /** Setup reads an index and looks up its packs: a few small calls, but to a service that can be slow. */
  readonly setupTimeoutMs = 60_000;

  async prepareRead(storeDir: string, signal: AbortSignal): Promise<ReadAccess<ActionsCacheHandOver>> {
    const problem = this.service.unavailable();
    if (problem !== undefined) throw new CacheError(problem);
    const { log } = this.context;
    const root = join(scratchDir(this.context.tempDir), `actions-cache-${process.pid}`);
    await rm(root, { recursive: true, force: true });
    await mkdir(root, { recursive: true, mode: 0o700 });
    await chmod(root, 0o700);
    this.root = root;

    const keys = entryKeys(this.context.env, this.settings.key);
    const read = await this.readIndex(keys.job, [keys.platform], storeDir, signal);
    let index = read?.index ?? emptyIndex(storeDir);
    const { packUrls, gone } = await this.lookUpPacks(index, signal);
    const evicted = withoutPaths(index, pathsIn(index, gone));
    index = evicted.index;
    // With a key, the cache must carry its signatures; without one, the read server signs with this job's key.
    const publicKey = this.settings.publicKey;
    let jobKey: SigningKey | undefined;
    let untrusted = new Set<string>();
    if (publicKey !== undefined) {
      const unsigned = [...index.paths.values()].filter((path) => !signedBy(path, publicKey));
      ({ index, removed: untrusted } = withoutPaths(
        index,
        unsigned.map((path) => path.hashPart),
      ));
      if (untrusted.size > 0) {
        log.warning(
          `Left out ${untrusted.size} paths of the GitHub Actions cache not validly signed by ${publicKey.name} ` +
            `(tampered with, or signed by another key), e.g. ${firstName(read?.index, untrusted)}.`,
        );
      }
    } else {
      jobKey = signingKeyFromSeed(`${JOB_KEY_PREFIX}${randomBytes(6).toString("hex")}-1`, randomBytes(32));
    }
    if (evicted.removed.size > 0) {
      log.info(
        `${evicted.removed.size} paths of the index are in cache entries GitHub has evicted: Nix is not shown them ` +
          "(they are built, and pushed again).",
      );
    }
    writeAtomically(join(root, INDEX_FILE), encodeIndex(index, this.now()));
    this.index = index;
    log.info(
      read === undefined
        ? "No cache index for this job yet: starting an empty binary cache."
        : `Read ${read.key}: ${index.paths.size} paths for Nix to substitute, in ${packUrls.size} cache entries.`,
    );
    const canPush = this.service.writable();
    if (!canPush) log.info("ACTIONS_CACHE_MODE=read: this job reads the cache and saves nothing.");
    const handOver: ActionsCacheHandOver = {
      kind: "actions-cache",
      version: 2,
      root,
      storeDir,
      restoredKey: read?.key,
      dropped: evicted.removed.size + untrusted.size + (read?.rejected ?? 0),
    };
    const serverSigned = jobKey !== undefined;
    if (index.paths.size === 0) return { substituters: [], netrc: [], canPush, serverSigned, handOver };

    const server = await startJobServer(
      this.context,
      root,
      ({ prefix, authorization }) =>
        encodeReaderRequest({
          index,
          packUrls,
          prefix,
          authorization,
          jobKey,
          goneFile: join(root, GONE_FILE),
        }),
      signal,
    );
    const trusted = publicKey ?? jobKey?.publicKey;
    return {
      substituters: [
        {
          url: server.url,
          publicKeys: trusted === undefined ? [] : [formatPublicKey(trusted)],
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

  async openForPush(storeDir: string, _signal?: AbortSignal): Promise<void> {
    await this.newPaths().openForPush(storeDir);
  }

  async findCached(hashParts: readonly string[], _signal?: AbortSignal): Promise<Set<string>> {
    const index = await this.restoredIndex();
    const pushed = await this.newPaths().findCached(hashParts);
    return new Set(hashParts.filter((hashPart) => index.paths.has(hashPart) || pushed.has(hashPart)));
  }

  async putNar(nar: StagedNar, signal?: AbortSignal): Promise<void> {
    await this.newPaths().putNar(nar, signal);
  }

  async putNarInfo(hashPart: string, narInfo: string, signal?: AbortSignal): Promise<void> {
    await this.newPaths().putNarInfo(hashPart, narInfo, signal);
  }

  /**
   * End of post: save the paths pushed in this job as a pack, then a new index with them, their usage refreshed
   * and the cache pruned to its size. A stopped step saves nothing: the next job reads the index before.
   */
  async close(result: PushResult, stop: AbortSignal): Promise<void> {
    const { env, log } = this.context;
    const handOver = this.handOver;
    if (handOver === undefined || !result.pushing || !this.service.writable()) return;
    if (stop.aborted) {
      log.info("The step was stopped: no new cache entry is saved.");
      return;
    }
    const now = this.now();
    const restored = await this.restoredIndex();
    const inStore = await this.storeHashParts(handOver.storeDir);
    const paths = new Map<string, IndexedPath>();
    for (const [hashPart, path] of restored.paths) {
      paths.set(hashPart, inStore.has(hashPart) ? { ...path, lastUsed: now } : path);
    }
    const reasons: string[] = [];

    const pack = new PackBuilder(join(handOver.root, "pack-spill"));
    try {
      const pushed = await addPushed(pack, join(handOver.root, NEW_DIR), handOver.storeDir);
      for (const path of pushed) paths.set(path.hashPart, { ...path, lastUsed: now });
      if (pushed.length > 0) reasons.push(`${pushed.length} paths pushed (${formatBytes(pack.size)})`);
      let pruning = pruneToSize({ storeDir: handOver.storeDir, paths }, this.settings.sizeLimit);
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
        if ((await this.save(key, pack.body(), stop)) === undefined) return;
        log.info(
          `Saved ${key} (${formatBytes(pack.size)}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
        );
        pruning = { ...pruning, index: assignPack(pruning.index, key) };
      }
      if (handOver.dropped > 0) reasons.push(`${handOver.dropped} paths dropped in setup`);
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
      if (merged.added > 0) reasons.push(`${merged.added} paths of an index saved since setup merged`);
      // What was merged counts against the size limit too.
      pruning = { ...pruning, index: pruneToSize(merged.index, this.settings.sizeLimit).index };
      const key = newEntryKey(
        entryKeys(env, this.settings.key),
        env,
        new Date(now),
        randomBytes(3).toString("hex"),
      );
      const bytes = encodeIndex(pruning.index, now);
      if ((await this.save(key, bufferEntryBody(bytes), stop)) === undefined) return;
      const size = [...pruning.index.paths.values()].reduce((sum, path) => sum + path.info.fileSize, 0);
      log.info(
        `Saved ${key}: ${pruning.index.paths.size} paths, ${formatBytes(size)} of NARs (${reasons.join("; ")}).`,
      );
    } finally {
      pack.discard();
    }
  }

  /**
   * When small packs pile up (more than MAX_PACKS: each is a lookup in every job's setup), the live paths of the
   * smallest go into this job's pack, read by their ranges, until MAX_PACKS / 2 are left. Only small packs are
   * rewritten, so a job pays for compaction at most a few times COMPACT_PACK_BYTES, and rarely. Paths whose pack is
   * gone by now leave the index.
   */
  private async compact(
    index: CacheIndex,
    pack: PackBuilder,
    stop: AbortSignal,
  ): Promise<{ index: CacheIndex; moved: number; packs: number }> {
    const live = new Map<string, IndexedPath[]>();
    for (const path of index.paths.values()) {
      if (path.pack === "") continue;
      const list = live.get(path.pack);
      if (list === undefined) live.set(path.pack, [path]);
      else list.push(path);
    }
    const count = live.size + (pack.size > 0 ? 1 : 0);
    if (count <= MAX_PACKS) return { index, moved: 0, packs: 0 };
    const bytesOf = (list: readonly IndexedPath[]) => list.reduce((sum, path) => sum + path.info.fileSize, 0);
    const chosen = [...live]
      .filter(([, list]) => bytesOf(list) <= COMPACT_PACK_BYTES)
      .sort(([, a], [, b]) => bytesOf(a) - bytesOf(b))
      .slice(0, count - MAX_PACKS / 2 + (pack.size > 0 ? 0 : 1));
    const paths = new Map(index.paths);
    const gone: string[] = [];
    let moved = 0;
    for (const [key, list] of chosen) {
      const found = await this.service.lookup(key, [], stop).catch((error: unknown) => {
        if (stop.aborted) throw error;
        return undefined;
      });
      try {
        if (found?.key !== key) throw new EntryGoneError(key);
        for (const path of list.sort((a, b) => a.offset - b.offset)) {
          const range = { offset: path.offset, length: path.info.fileSize };
          const bytes = await readBlob(found.url, range, stop);
          if (!createHash("sha256").update(bytes).digest().equals(Buffer.from(path.info.fileHash))) {
            throw new Error(`${path.info.storePath}'s bytes in ${key} do not match its FileHash`);
          }
          paths.set(path.hashPart, { ...path, pack: "", offset: pack.addBytes(bytes, path.info.fileHash) });
          moved++;
        }
      } catch (error) {
        if (stop.aborted) throw error;
        this.context.log.info(
          `A cache entry could not be packed anew (${describeError(error)}): its paths go.`,
        );
        gone.push(...list.map((path) => path.hashPart));
      }
    }
    const { index: kept } = withoutPaths({ ...index, paths }, gone);
    return { index: kept, moved, packs: chosen.length };
  }

  /** The newest index under `key`, else under the restore keys; undefined on a miss; CacheError on trouble. */
  private async readIndex(
    key: string,
    restoreKeys: readonly string[],
    storeDir: string,
    signal: AbortSignal,
  ): Promise<{ key: string; index: CacheIndex; rejected: number } | undefined> {
    let found: FoundEntry | undefined;
    try {
      found = await this.service.lookup(key, restoreKeys, signal);
      if (found === undefined) return undefined;
      const bytes = await readBlob(found.url, undefined, signal, MAX_INDEX_BYTES);
      const { index, rejected } = decodeIndex(bytes, storeDir);
      if (rejected.length > 0) {
        this.context.log.warning(
          `Left out ${rejected.length} malformed paths of the cache index, e.g. ${rejected[0]?.name}: ${rejected[0]?.reason}.`,
        );
      }
      return { key: found.key, index, rejected: rejected.length };
    } catch (error) {
      if (signal.aborted) throw error;
      if (error instanceof EntryGoneError) return undefined;
      const what = found === undefined ? "looked up" : `read (${found.key})`;
      throw new CacheError(`the GitHub Actions cache index could not be ${what}: ${describeError(error)}`, {
        cause: error,
      });
    }
  }

  /** A URL for every pack the index names that the service still has; the keys of those it does not. */
  private async lookUpPacks(
    index: CacheIndex,
    signal: AbortSignal,
  ): Promise<{ packUrls: Map<string, string>; gone: Set<string> }> {
    const packs = [...new Set([...index.paths.values()].map((path) => path.pack))];
    const packUrls = new Map<string, string>();
    const gone = new Set<string>();
    try {
      await forEachConcurrently(packs, LOOKUP_CONCURRENCY, async (pack) => {
        const found = await this.service.lookup(pack, [], signal);
        if (found?.key === pack) packUrls.set(pack, found.url);
        else gone.add(pack);
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new CacheError(`the GitHub Actions cache could not be looked up: ${describeError(error)}`, {
        cause: error,
      });
    }
    return { packUrls, gone };
  }

  /**
   * Adds the paths of an index another job saved since setup read one (a matrix leg, a concurrent run) that this
   * index lacks: the next job then sees both. Trouble here only loses the merge.
   */
  private async mergeNewer(
    handOver: ActionsCacheHandOver,
    index: CacheIndex,
    stop: AbortSignal,
  ): Promise<{ index: CacheIndex; added: number }> {
    const keys = entryKeys(this.context.env, this.settings.key);
    try {
      const newer = await this.readIndex(keys.job, [], handOver.storeDir, stop);
      if (newer === undefined || newer.key === handOver.restoredKey) return { index, added: 0 };
      const paths = new Map(index.paths);
      for (const [hashPart, path] of newer.index.paths) if (!paths.has(hashPart)) paths.set(hashPart, path);
      return { index: { ...index, paths }, added: paths.size - index.paths.size };
    } catch (error) {
      if (stop.aborted) throw error;
      this.context.log.info(`The newest cache index could not be merged: ${describeError(error)}`);
      return { index, added: 0 };
    }
  }

  /** Saves an entry; undefined (after a warning, or an info line for a stop) when it was not saved. */
  private async save(key: string, body: Parameters<CacheService["save"]>[1], stop: AbortSignal) {
    let outcome: SaveOutcome;
    try {
      outcome = await this.service.save(key, body, stop);
    } catch (error) {
      if (!stop.aborted) throw error;
      this.context.log.info("The step was stopped while the cache was being saved: it is not saved.");
      return undefined;
    }
    if (outcome.kind === "saved" || outcome.kind === "exists") return outcome;
    const consequence = "the paths pushed in this job are not kept; the next job reads the index before";
    throw new CacheError(
      outcome.kind === "rate-limited"
        ? `the GitHub Actions cache is rate-limiting this repository (${outcome.problem}); this action does not ` +
            `retry that, so ${consequence}`
        : `the GitHub Actions cache could not be saved (${outcome.problem}), so ${consequence}`,
    );
  }

  /**
   * The index setup audited (post and the pusher read it from setup's directory), without the paths of packs the
   * read server found evicted since: those are pushed again, and the index saved names them in their new pack.
   */
  private async restoredIndex(): Promise<CacheIndex> {
    if (this.index !== undefined) return this.index;
    const root = this.root;
    if (root === undefined || this.handOver === undefined) {
      throw new CacheError("the GitHub Actions cache was not read in setup");
    }
    const { index } = decodeIndex(await readFile(join(root, INDEX_FILE)), this.handOver.storeDir);
    const gone = new Set((await readFile(join(root, GONE_FILE), "utf8").catch(() => "")).split("\n"));
    const evicted = withoutPaths(index, pathsIn(index, gone));
    this.evictedDuringJob = evicted.removed.size;
    this.index = evicted.index;
    return this.index;
  }

  /** The file cache this job pushes to, under setup's directory. */
  private newPaths(): FileCache {
    if (this.files !== undefined) return this.files;
    const root = this.root;
    if (root === undefined) throw new CacheError("the GitHub Actions cache was not read in setup");
    this.files = new FileCache({
      url: pathToFileURL(join(root, NEW_DIR)),
      publicKey: this.settings.publicKey,
    });
    return this.files;
  }
}

function signedBy(path: IndexedPath, key: NonNullable<ActionsCacheSettings["publicKey"]>): boolean {
  const { info } = path;
  return hasValidSignature(
    info.sigs,
    () => narInfoFingerprint(info.storePath, info.narHash, info.narSize, info.references),
    [key],
  );
}

function pathsIn(index: CacheIndex, packs: ReadonlySet<string>): string[] {
  return [...index.paths.values()].filter((path) => packs.has(path.pack)).map((path) => path.hashPart);
}

function firstName(index: CacheIndex | undefined, hashParts: ReadonlySet<string>): string {
  const [first] = hashParts;
  return (first === undefined ? undefined : index?.paths.get(first)?.info.storePath) ?? "a path";
}

/** Hash parts of what the local store holds now: what this run built or substituted counts as used. */
async function storeHashParts(storeDir: string): Promise<Set<string>> {
  return new Set((await listStorePaths(storeDir)).map(hashPartOf));
}

/** Paths not in a pack yet (pack "") are in the one just saved as `key`. */
function assignPack(index: CacheIndex, key: string): CacheIndex {
  const paths = new Map(
    [...index.paths].map(([hashPart, path]) => [hashPart, path.pack === "" ? { ...path, pack: key } : path]),
  );
  return { ...index, paths };
}
