/** The seam between the action and the places paths go: one implementation per kind of cache. */
import { CacheError } from "../errors.js";
import type { Inputs } from "../inputs.js";
import type { SigningKey } from "../lib/signing.js";
import type { NetrcEntry } from "../nix/netrc.js";
import type { Log } from "../report.js";
import type { Signer } from "../signer/signer.js";

/** A compressed NAR staged on local disk, ready to upload. */
export interface StagedNar {
  /** Where the compressed bytes are on this machine. */
  readonly file: string;
  /** Its name in the cache, relative to the cache root: `nar/<nix32 of its sha256>.nar.zst`. */
  readonly url: string;
  readonly fileSize: number;
}

/** A binary cache Nix should read, with the keys whose signatures it accepts from it. */
export interface Substituter {
  readonly url: string;
  /** `name:base64` public keys; a substituter without any is not added (Nix could verify nothing from it). */
  readonly publicKeys: readonly string[];
  /** A cache only read from (Cachix's extraPullNames): `skipAddingSubstituter` leaves it in, as cachix-action does. */
  readonly pullOnly?: boolean;
}

export type { NetrcEntry };

/** The netrc entry Nix (curl) uses for `url`: netrc matches the host name alone, no port, no IPv6 brackets. */
export function netrcEntryFor(url: URL, password: string, login?: string): NetrcEntry {
  return { machine: url.hostname.replace(/^\[(.*)\]$/, "$1"), login, password };
}

/** The header curl sends for a netrc entry: Basic `login` (empty without one), a colon, `password`. */
export function netrcAuthorization(entry: NetrcEntry): string {
  return `Basic ${Buffer.from(`${entry.login ?? ""}:${entry.password}`).toString("base64")}`;
}

/** What setup must configure so that later steps read from the cache. */
export interface ReadAccess {
  readonly substituters: readonly Substituter[];
  readonly netrc: readonly NetrcEntry[];
  /** Whether this job can push, e.g. false for a Cachix token without write permission (with a warning logged). */
  readonly canPush: boolean;
  /**
   * The cache signs paths on their way to Nix (Cachix's managed key; the Actions cache mode without keys, whose
   * setup signs what it restored with a per-job key), so pushing needs no `signingKey`.
   */
  readonly serverSigned?: boolean;
  /** Strings the backend needs again in post (e.g. a restored cache entry's key); kept in the step's state. */
  readonly saved?: Readonly<Record<string, string>>;
}

/** What every backend is made from. */
export interface CacheContext {
  readonly inputs: Inputs;
  /** A directory that lives until the end of the job (RUNNER_TEMP). */
  readonly tempDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly log: Log;
  /** In post: what `prepareRead` returned as `saved` in setup. */
  readonly saved?: Readonly<Record<string, string>>;
  /** Makes a signer for `signatures` narinfos (see src/signer); without it, signing happens in process. */
  readonly createSigner?: (key: SigningKey, signatures: number) => Signer;
}

export interface BinaryCache {
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
  prepareRead(storeDir: string, signal: AbortSignal): Promise<ReadAccess>;
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
  close(stop: AbortSignal): Promise<void>;
}

/** The `nix-cache-info` we write; WantMassQuery lets Nix ask for many paths at once. */
export function renderCacheInfo(storeDir: string): string {
  return `StoreDir: ${storeDir}\nWantMassQuery: 1\n`;
}

/**
 * Refuses a cache whose `nix-cache-info` names another StoreDir, as Nix does: nothing in it could be substituted
 * here. None yet (`cacheInfo` undefined), or one without StoreDir, is fine. Returns the StoreDir it names.
 */
export function checkCacheStoreDir(
  where: string,
  cacheInfo: string | undefined,
  storeDir: string,
): string | undefined {
  const storeDirOfCache = cacheInfo === undefined ? undefined : parseCacheInfoStoreDir(cacheInfo);
  if (storeDirOfCache !== undefined && storeDirOfCache !== storeDir) {
    throw new CacheError(`${where} is a cache for ${storeDirOfCache}, but this Nix uses ${storeDir}`);
  }
  return storeDirOfCache;
}

/** The StoreDir a `nix-cache-info` names, if any. */
export function parseCacheInfoStoreDir(text: string): string | undefined {
  for (const line of text.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0 && line.slice(0, colon).trim() === "StoreDir") return line.slice(colon + 1).trim();
  }
  return undefined;
}
