/**
 * For the unit tests of the Actions cache backend: a cache service fake that keeps entries as directories (what
 * @actions/cache would tar up), entries made from the Nix-written fixture cache, and the backend's context.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseByteSize } from "../../../src/action/input-values.js";
import { ActionsCache, type ActionsCacheOptions } from "../../../src/cache/actions-cache/actions-cache.js";
import type { CacheService, ServiceOutcome } from "../../../src/cache/actions-cache/service.js";
import type { CacheContext } from "../../../src/cache/cache.js";
import { parsePublicKey } from "../../../src/lib/signing.js";
import { RecordingLog } from "../fakes/ports.js";

export const FIXTURE_CACHE = join(import.meta.dirname, "..", "..", "fixtures", "closure", "cache");
const KEYS = join(import.meta.dirname, "..", "..", "fixtures", "keys");
export const SECRET = (await readFile(join(KEYS, "test-cache-1.sk"), "utf8")).trim();
export const PUBLIC = (await readFile(join(KEYS, "test-cache-1.pk"), "utf8")).trim();

/** Hash parts of the fixture cache's paths (lib ← app ← selfref, and their .drv files). */
export const LIB = "18m2ryz7li5ab23anbkvrpdnhsbqddxv";
export const APP = "210wf7gylmbp3bch99hy89ixjzh99mx2";
export const SELFREF = "66d3dzw98ypbf4316r8s419697qnzalf";
export const LIB_DRV = "vdjb9mqsdcfjpdimrqiyi8j8y9dnz2gs";
export const APP_DRV = "ywywncl2qa7346hmyja0cyxlq286651x";
export const SELFREF_DRV = "x1wrp6vq07c36mi12faysdvsyl6hj0zc";
export const ALL = [LIB, APP, SELFREF, LIB_DRV, APP_DRV, SELFREF_DRV].sort();

/** The cache service as @actions/cache shows it, entries kept as directory copies. */
export class FakeService implements CacheService {
  readonly entries: { key: string; dir: string }[] = [];
  readonly calls: string[] = [];
  problem: string | undefined;
  canWrite = true;
  failNext: ServiceOutcome | undefined;

  constructor(
    private readonly workspace: string,
    private readonly blobs: string,
  ) {}

  unavailable(): string | undefined {
    return this.problem;
  }

  writable(): boolean {
    return this.canWrite;
  }

  async restore(path: string, prefixes: readonly string[]): Promise<ServiceOutcome> {
    this.calls.push(`restore ${prefixes.join(" | ")}`);
    if (this.failNext !== undefined) return this.takeFailure();
    for (const prefix of prefixes) {
      const entry = this.entries.findLast((e) => e.key.startsWith(prefix));
      if (entry === undefined) continue;
      await cp(entry.dir, join(this.workspace, path), { recursive: true });
      return { kind: "hit", key: entry.key };
    }
    return { kind: "miss" };
  }

  async save(path: string, key: string): Promise<ServiceOutcome> {
    this.calls.push(`save ${key}`);
    if (this.failNext !== undefined) return this.takeFailure();
    await this.add(key, join(this.workspace, path));
    return { kind: "saved" };
  }

  /** Stores a copy of `dir` as entry `key`, as a save from another job would. */
  async add(key: string, dir: string): Promise<string> {
    const copy = join(this.blobs, String(this.entries.length));
    await cp(dir, copy, { recursive: true });
    this.entries.push({ key, dir: copy });
    return copy;
  }

  private takeFailure(): ServiceOutcome {
    const failure = this.failNext as ServiceOutcome;
    this.failNext = undefined;
    return failure;
  }
}

export interface Bench {
  readonly root: string;
  readonly workspace: string;
  readonly tempDir: string;
  readonly service: FakeService;
  readonly log: RecordingLog;
  readonly env: NodeJS.ProcessEnv;
  /** A backend as setup or post would create it. */
  cache(options?: BenchCacheOptions): ActionsCache;
  cleanup(): Promise<void>;
}

export interface BenchCacheOptions extends ActionsCacheOptions {
  /** The key the cache is trusted under (`publicKey`, or derived from `signingKey`); none by default. */
  readonly publicKey?: string;
  /** `cacheSizeLimit`; 4G by default. */
  readonly sizeLimit?: string;
}

export async function createBench(): Promise<Bench> {
  const root = await mkdtemp(join(tmpdir(), "actions-cache-unit-"));
  const workspace = join(root, "workspace");
  const tempDir = join(root, "runner-temp");
  const blobs = join(root, "blobs");
  for (const dir of [workspace, tempDir, blobs]) await mkdir(dir);
  const service = new FakeService(workspace, blobs);
  const log = new RecordingLog();
  const env = {
    GITHUB_WORKSPACE: workspace,
    RUNNER_OS: "Linux",
    RUNNER_ARCH: "X64",
    GITHUB_JOB: "build",
    GITHUB_RUN_ID: "42",
    GITHUB_RUN_ATTEMPT: "1",
  };
  return {
    root,
    workspace,
    tempDir,
    service,
    log,
    env,
    cache: (options = {}) => {
      const settings = {
        kind: "actions-cache",
        key: "",
        sizeLimit: parseByteSize("cacheSizeLimit", options.sizeLimit ?? "4G"),
        publicKey: options.publicKey === undefined ? undefined : parsePublicKey(options.publicKey),
      } as const;
      const context: CacheContext = { tempDir, env, log };
      return new ActionsCache(settings, context, {
        service,
        storeHashParts: async () => new Set(),
        ...options,
      });
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** An entry directory as this action saves it: the fixture cache under `cache/`, optionally changed first. */
export async function fixtureEntry(
  root: string,
  change?: (cacheDir: string) => Promise<void>,
): Promise<string> {
  const dir = await mkdtemp(join(root, "entry-"));
  await cp(FIXTURE_CACHE, join(dir, "cache"), { recursive: true });
  await change?.(join(dir, "cache"));
  return dir;
}

/** Hash parts of the narinfos in a cache directory. */
export async function narinfoHashes(cacheDir: string): Promise<string[]> {
  return (await readdir(cacheDir))
    .filter((name) => name.endsWith(".narinfo"))
    .map((name) => name.slice(0, 32))
    .sort();
}

export async function readNarInfo(cacheDir: string, hashPart: string): Promise<string> {
  return readFile(join(cacheDir, `${hashPart}.narinfo`), "utf8");
}
