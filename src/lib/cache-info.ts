/** A binary cache's `nix-cache-info`: the one we write, and the StoreDir of one we read. */
import { CacheError } from "./errors.js";

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
