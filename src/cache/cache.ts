/**
 * The seam between the action and the places paths go: one implementation per kind of cache, each in its folder,
 * built from its own settings by create-cache.ts. The push never asks which kind it talks to.
 */
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp } from "node:fs/promises";
import { join } from "node:path";
import { CacheError, describeError } from "../lib/errors.js";
import type { Log } from "../lib/ports.js";
import { type NetrcEntry, netrcAuthorization } from "../nix/netrc.js";

/** A compressed NAR staged on local disk, ready to upload. */
export interface StagedNar {
  /** Where the compressed bytes are on this machine. */
  readonly file: string;
  /** Its name in the cache, relative to the cache root: `nar/<nix32 of its sha256>.nar.zst`. */
  readonly url: string;
  readonly fileSize: number;
  /** SHA-256 of the compressed bytes (the narinfo's FileHash), which staging computed: a signed upload's hash. */
  readonly fileHash?: Uint8Array;
}

/** A binary cache Nix should read, with the keys whose signatures it accepts from it. */
export interface Substituter {
  readonly url: string;
  /** `name:base64` public keys; a substituter without any is not added (Nix could verify nothing from it). */
  readonly publicKeys: readonly string[];
  /** A cache only read from (Cachix's extraPullNames): `skipAddingSubstituter` leaves it in, as cachix-action does. */
  readonly pullOnly?: boolean;
}

/** What setup must configure so that later steps read from the cache; `HandOver` is what the backend keeps for post. */
export interface ReadAccess<HandOver = never> {
  readonly substituters: readonly Substituter[];
  readonly netrc: readonly NetrcEntry[];
  /** Whether this job can push, e.g. false for a Cachix token without write permission (with a warning logged). */
  readonly canPush: boolean;
  /**
   * The cache signs paths on their way to Nix (Cachix's managed key; the Actions cache mode without keys, whose
   * setup signs what it restored with a per-job key), so pushing needs no `signingKey`.
   */
  readonly serverSigned?: boolean;
  /** What the backend needs again in post (e.g. a restored cache entry's key); kept in the step's state. */
  readonly handOver?: HandOver;
  /**
   * The cache's NARs may vanish while the job runs (the Actions cache evicts entries at any moment): Nix must then
   * build what it could not fetch (`fallback = true`) rather than fail.
   */
  readonly fallback?: boolean;
  /** The directory of a process the backend left serving Nix (see process/background.ts): post ends it. */
  readonly serverDir?: string;
}

/** What a backend asks of the read server it leaves running for Nix: its `kind` says which server (see reader.ts). */
export interface ServerRequest {
  readonly kind: string;
}

/** Starts a read server in `dir` (0700, its own) with `request` (piped to it); resolves with its port on 127.0.0.1. */
export type StartServer = (dir: string, request: ServerRequest) => Promise<number>;

/** A read server the job's Nix reads a cache through: its URL, the netrc entry that opens it, its directory. */
export interface JobServer {
  readonly url: string;
  readonly netrc: NetrcEntry;
  readonly dir: string;
}

/** What a read server is told of its lock: the path every URL starts with, and the header curl sends from netrc. */
export interface JobServerLock {
  readonly prefix: string;
  readonly authorization: string;
}

/**
 * Starts a read server (context.startServer) in a new directory below `parent`, locked for this job: a random
 * password in the job's netrc and a random path prefix, unique per job so that Nix's narinfo cache never mixes two.
 * A server that cannot start is cache trouble (CacheError).
 */
export async function startJobServer(
  context: CacheContext,
  parent: string,
  request: (lock: JobServerLock) => ServerRequest,
  signal: AbortSignal,
): Promise<JobServer> {
  const startServer = context.startServer;
  if (startServer === undefined) throw new CacheError("its read server cannot be started here");
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(join(parent, "server-"));
  const netrc: NetrcEntry = {
    machine: "127.0.0.1",
    login: "nix",
    password: randomBytes(24).toString("base64url"),
  };
  const prefix = `/${randomBytes(8).toString("hex")}`;
  const port = await startServer(dir, request({ prefix, authorization: netrcAuthorization(netrc) })).catch(
    (error: unknown) => {
      if (signal.aborted) throw error;
      throw new CacheError(`its read server could not start: ${describeError(error)}`, { cause: error });
    },
  );
  return { url: `http://127.0.0.1:${port}${prefix}`, netrc, dir };
}

/** What every backend is made from, besides its own settings. */
export interface CacheContext {
  /** A directory that lives until the end of the job (RUNNER_TEMP). */
  readonly tempDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly log: Log;
  /** In setup: starts a read server (the action's entry wires the process); absent elsewhere. */
  readonly startServer?: StartServer;
}

/** What post did with the cache, for the backend's work after the push (see `close`). */
export interface PushResult {
  /** Post pushed to this cache: false in read-only mode, with skipPush, and when setup left the cache out of use. */
  readonly pushing: boolean;
  /** Hash parts of the paths whose narinfos post published. */
  readonly published: ReadonlySet<string>;
}

export interface BinaryCache<HandOver = unknown> {
  /** How the cache is shown in logs and the summary; never holds a secret. */
  readonly description: string;
  /**
   * How long setup waits for prepareRead and openForPush before it goes on without the cache, when the backend
   * needs longer than setup's default (CACHE_SETUP_TIMEOUT_MS) for what it does there (a restore's download).
   */
  readonly setupTimeoutMs?: number;
  /**
   * Setup: checks that the cache can be read and serves `storeDir`, and says how Nix reads it. Throws CacheError
   * when the cache cannot be reached (a warning unless `strict`), InputError when the inputs are wrong for it.
   * `signal` ends the requests (setup's deadline, a stopped step): rejects with its reason then.
   */
  prepareRead(storeDir: string, signal: AbortSignal): Promise<ReadAccess<HandOver>>;
  /** Prepares for writing, e.g. writes `nix-cache-info` when absent; throws CacheError when the cache is unusable. */
  openForPush(storeDir: string, signal: AbortSignal): Promise<void>;
  /** Which of these store-path hash parts already have a narinfo in the cache: one batched question. */
  findCached(hashParts: readonly string[], signal: AbortSignal): Promise<Set<string>>;
  /**
   * Stores a NAR (and may move the staged file away); it stays invisible to readers until its narinfo is written.
   * `signal` aborts when the push runs out of time (pushTimeout): stop retrying then.
   */
  putNar(nar: StagedNar, signal: AbortSignal): Promise<void>;
  /** Publishes a path: called only after its NAR and its references are in the cache. */
  putNarInfo(hashPart: string, narInfo: string, signal: AbortSignal): Promise<void>;
  /**
   * End of post, pushed or not: whatever must follow the push (e.g. saving an Actions cache entry). When `stop`
   * aborts (the step was stopped), it publishes nothing more and returns at once.
   */
  close(result: PushResult, stop: AbortSignal): Promise<void>;
}
