/**
 * The GitHub Actions cache as a Nix binary cache, with no account and no secret. Setup restores the newest entry of
 * this OS/arch and job (else of this OS/arch) — a binary cache directory — into RUNNER_TEMP, checks it and adds it
 * as a file:// substituter. Post pushes the new paths into that directory through the same pipeline as any
 * file:// cache, prunes it to `cacheSizeLimit`, and saves it as a new entry only when something changed. Two
 * calls to the cache service per job, however many paths: one restore, at most one save.
 */

import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { formatBytes } from "../../lib/bytes.js";
import { parseCacheInfoStoreDir } from "../../lib/cache-info.js";
import { CacheError, describeError } from "../../lib/errors.js";
import { scratchDir } from "../../lib/scratch-dir.js";
import { formatPublicKey } from "../../lib/signing.js";
import { hashPartOf } from "../../lib/store-path.js";
import { substituterUrl, urlPathProblem } from "../../nix/cache-url.js";
import { listStorePaths } from "../../nix/store.js";
import type { BinaryCache, CacheContext, PushResult, ReadAccess, StagedNar } from "../cache.js";
import { FileCache } from "../file/file-cache.js";
import { auditRestoredCache, type Trust } from "./audit.js";
import { ARCHIVE_DIR, entryKeys, newEntryKey } from "./keys.js";
import { clearStage, moveDir } from "./location.js";
import { refreshCache } from "./refresh.js";
import { actionsCacheService, type CacheService, describeFailure, type ServiceOutcome } from "./service.js";
import { type ActionsCacheHandOver, type ActionsCacheSettings, asActionsCacheHandOver } from "./settings.js";
import { newJobKey } from "./trust.js";

/** How long one restore or save may take before the job goes on without it. */
const SERVICE_DEADLINE_MS = 10 * 60_000;

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
  private readonly workspace: string;
  private readonly service: CacheService;
  private readonly now: () => number;
  private readonly storeHashParts: (storeDir: string) => Promise<Set<string>>;
  private readonly handOver?: ActionsCacheHandOver;
  private files?: FileCache;

  constructor(
    private readonly settings: ActionsCacheSettings,
    private readonly context: CacheContext,
    options: ActionsCacheOptions = {},
  ) {
    this.workspace = context.env.GITHUB_WORKSPACE || process.cwd();
    this.service = options.service ?? actionsCacheService(context.env, this.workspace, SERVICE_DEADLINE_MS);
    this.now = options.now ?? Date.now;
    this.storeHashParts = options.storeHashParts ?? storeHashParts;
    this.handOver = asActionsCacheHandOver(options.handOver);
    if (this.handOver !== undefined) this.files = this.fileCacheAt(join(this.handOver.root, "cache"));
  }

  /** A restore downloads the whole entry: setup's default limit for a cache's answer is far too short for it. */
  readonly setupTimeoutMs = SERVICE_DEADLINE_MS;

  async prepareRead(storeDir: string, _signal?: AbortSignal): Promise<ReadAccess<ActionsCacheHandOver>> {
    const problem = this.service.unavailable();
    if (problem !== undefined) throw new CacheError(problem);
    const root = join(scratchDir(this.context.tempDir), `actions-cache-${process.pid}`);
    // The restored cache is a file:// substituter under RUNNER_TEMP: its path must read alike in every Nix.
    const location = pathToFileURL(join(root, "cache"));
    const unreadable = urlPathProblem(location);
    if (unreadable !== undefined) {
      throw new CacheError(
        `the runner's temp dir cannot hold a cache Nix reads (${location.pathname}): ${unreadable}`,
      );
    }
    await rm(root, { recursive: true, force: true });
    const restoredKey = await this.restore(root);
    const dir = join(root, "cache");
    await this.ensureStoreDir(dir, storeDir);
    // With a key, the cache must carry its signatures; without one, this job's own key signs what was restored.
    const publicKey = this.settings.publicKey;
    const trust: Trust =
      publicKey === undefined ? { kind: "job-key", jobKey: newJobKey() } : { kind: "key", publicKey };
    const audit = await auditRestoredCache(dir, storeDir, trust, this.context.log);
    this.files = this.fileCacheAt(dir);
    this.context.log.info(
      restoredKey === undefined
        ? "No cache entry for this job yet: starting an empty binary cache."
        : `Restored ${restoredKey}: ${audit.kept} paths for Nix to substitute.`,
    );
    const canPush = this.service.writable();
    if (!canPush)
      this.context.log.info("ACTIONS_CACHE_MODE=read: this job reads the cache and saves nothing.");
    const trusted = trust.kind === "key" ? trust.publicKey : trust.jobKey.publicKey;
    return {
      substituters: [{ url: substituterUrl(location), publicKeys: [formatPublicKey(trusted)] }],
      netrc: [],
      canPush,
      // Without keys, narinfos are pushed unsigned and signed by the next job's setup as it serves them to Nix.
      serverSigned: trust.kind === "job-key",
      handOver: { kind: "actions-cache", version: 1, root, storeDir, restoredKey, dropped: audit.dropped },
    };
  }

  async openForPush(storeDir: string, _signal?: AbortSignal): Promise<void> {
    await this.fileCache().openForPush(storeDir);
  }

  async findCached(hashParts: readonly string[], _signal?: AbortSignal): Promise<Set<string>> {
    return this.fileCache().findCached(hashParts);
  }

  async putNar(nar: StagedNar, signal?: AbortSignal): Promise<void> {
    await this.fileCache().putNar(nar, signal);
  }

  async putNarInfo(hashPart: string, narInfo: string, signal?: AbortSignal): Promise<void> {
    await this.fileCache().putNarInfo(hashPart, narInfo, signal);
  }

  /**
   * End of post: record usage, prune, and save a new entry if anything changed. A stopped step saves nothing: an
   * entry takes seconds to pack and upload, and the next job restores the one before.
   */
  async close(result: PushResult, stop: AbortSignal): Promise<void> {
    const { env, log } = this.context;
    const handOver = this.handOver;
    // A job whose cache mode is read (ACTIONS_CACHE_MODE) may not save, whatever post did.
    if (handOver === undefined || !result.pushing || !this.service.writable()) return;
    if (stop.aborted) {
      log.info("The step was stopped: no new cache entry is saved.");
      return;
    }
    const now = this.now();
    const refresh = await refreshCache(handOver.root, {
      storeDir: handOver.storeDir,
      pushed: result.published,
      inStore: await this.storeHashParts(handOver.storeDir),
      sizeLimit: this.settings.sizeLimit,
      now,
      droppedInSetup: handOver.dropped,
      restored: handOver.restoredKey !== undefined,
    });
    if (refresh.reasons.length === 0) {
      log.info("The cache is unchanged (nothing pushed, pruned or dropped): no new cache entry is saved.");
      return;
    }
    const nonce = randomBytes(3).toString("hex");
    const key = newEntryKey(entryKeys(env, this.settings.key), env, new Date(now), nonce);
    const outcome = await this.save(handOver.root, key, stop);
    if (outcome.kind === "stopped") {
      log.info("The step was stopped while the cache entry was being saved: it is not saved.");
      return;
    }
    if (outcome.kind === "failed") throw new CacheError(describeFailure("save", outcome));
    const size = `${refresh.paths} paths, ${formatBytes(refresh.bytes)}`;
    log.info(`Saved ${key}: ${size} (${refresh.reasons.join("; ")}).`);
  }

  /** Restores the newest entry into `root`; undefined on a miss; CacheError when the service failed. */
  private async restore(root: string): Promise<string | undefined> {
    const stage = join(this.workspace, ARCHIVE_DIR);
    await clearStage(stage);
    const keys = entryKeys(this.context.env, this.settings.key);
    const outcome = await this.service.restore(ARCHIVE_DIR, [keys.job, keys.platform]);
    if (outcome.kind === "failed") {
      await rm(stage, { recursive: true, force: true });
      // A restore given up at its deadline may still unpack later: clean up after it then.
      void outcome.abandoned?.then(() => rm(stage, { recursive: true, force: true }));
      throw new CacheError(describeFailure("restore", outcome));
    }
    await mkdir(dirname(root), { recursive: true });
    if (outcome.kind === "hit") {
      await moveDir(stage, root).catch((error: NodeJS.ErrnoException) => {
        // An entry without the directory (not one of ours after all) leaves nothing to move: an empty cache.
        if (error.code !== "ENOENT")
          throw new CacheError(`cannot move the restored cache: ${describeError(error)}`);
      });
    }
    await mkdir(root, { recursive: true });
    return outcome.kind === "hit" ? outcome.key : undefined;
  }

  /** Saves `root` as entry `key` from the workspace, and moves it back out whatever happens. */
  private async save(root: string, key: string, stop: AbortSignal): Promise<ServiceOutcome> {
    const stage = join(this.workspace, ARCHIVE_DIR);
    await clearStage(stage);
    await moveDir(root, stage);
    try {
      return await this.service.save(ARCHIVE_DIR, key, stop);
    } finally {
      await moveDir(stage, root);
    }
  }

  /** A cache made for another store directory is of no use here: it is emptied. */
  private async ensureStoreDir(dir: string, storeDir: string): Promise<void> {
    const infoFile = join(dir, "nix-cache-info");
    const text = await readFile(infoFile, "utf8").catch(() => undefined);
    const cachedFor = text === undefined ? undefined : parseCacheInfoStoreDir(text);
    if (text !== undefined && cachedFor === storeDir) return;
    if (text !== undefined) {
      this.context.log.warning(
        `The restored cache is for ${cachedFor ?? "an unknown store"}, not ${storeDir}: it is not used.`,
      );
    }
    await rm(dir, { recursive: true, force: true });
    await this.fileCacheAt(dir).openForPush(storeDir);
  }

  /** The restored binary cache, trusted under the key its substituter is added with. */
  private fileCacheAt(dir: string): FileCache {
    return new FileCache({ url: pathToFileURL(dir), publicKey: this.settings.publicKey });
  }

  private fileCache(): FileCache {
    if (this.files === undefined) throw new CacheError("the GitHub Actions cache was not restored in setup");
    return this.files;
  }
}

/** Hash parts of what the local store holds now: what this run built or substituted counts as used. */
async function storeHashParts(storeDir: string): Promise<Set<string>> {
  return new Set((await listStorePaths(storeDir)).map(hashPartOf));
}
