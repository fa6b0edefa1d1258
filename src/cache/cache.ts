/** The seam between the push pipeline and the places paths go: one implementation per kind of cache. */

/** A compressed NAR staged on local disk, ready to upload. */
export interface StagedNar {
  /** Where the compressed bytes are on this machine. */
  readonly file: string;
  /** Its name in the cache, relative to the cache root: `nar/<nix32 of its sha256>.nar.zst`. */
  readonly url: string;
  readonly fileSize: number;
}

export interface BinaryCache {
  /** How the cache is shown in logs and the summary; never holds a secret. */
  readonly description: string;
  /** What Nix is given as a substituter to read from this cache. */
  readonly substituterUrl: string;
  /** Setup's check that the cache can be read and serves `storeDir`; throws CacheError when not. */
  checkReadable(storeDir: string): Promise<void>;
  /** Prepares for writing, e.g. writes `nix-cache-info` when absent; throws CacheError when the cache is unusable. */
  openForPush(storeDir: string): Promise<void>;
  /** Which of these store-path hash parts already have a narinfo in the cache: one batched question. */
  findCached(hashParts: readonly string[]): Promise<Set<string>>;
  /** Stores a NAR (and may move the staged file away); it stays invisible to readers until its narinfo is written. */
  putNar(nar: StagedNar): Promise<void>;
  /** Publishes a path: called only after its NAR and its references are in the cache. */
  putNarInfo(hashPart: string, narInfo: string): Promise<void>;
}

/** The `nix-cache-info` we write; WantMassQuery lets Nix ask for many paths at once. */
export function renderCacheInfo(storeDir: string): string {
  return `StoreDir: ${storeDir}\nWantMassQuery: 1\n`;
}

/** The StoreDir a `nix-cache-info` names, if any. */
export function parseCacheInfoStoreDir(text: string): string | undefined {
  for (const line of text.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0 && line.slice(0, colon).trim() === "StoreDir") return line.slice(colon + 1).trim();
  }
  return undefined;
}
