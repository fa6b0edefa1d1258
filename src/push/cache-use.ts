/**
 * What the cache did for this job, from the paths that are new in the store since setup: those that came from this
 * cache (not made here, and signed by one of its keys), those made here, and those substituted from elsewhere.
 */
import type { PathInfo } from "../lib/path-info.js";
import type { PublicKey } from "../lib/signing.js";

export interface CacheUse {
  /** New paths substituted from this cache, and their NAR bytes. */
  readonly substituted: number;
  readonly substitutedNarBytes: number;
  /** New paths made on this machine: built, or added from local files. */
  readonly built: number;
  /** New paths substituted from another cache (an upstream one, say). */
  readonly elsewhere: number;
}

/**
 * Sorts the new valid paths by where they came from. A signature counts by its key's name: Nix verified the path's
 * signatures against the keys it trusts when it substituted it, and this only counts (it never decides what is
 * pushed), so the 100 µs of verifying each one again, on every path of a job that substituted thousands, is spared.
 */
export function measureCacheUse(newPaths: Iterable<PathInfo>, cacheKeys: readonly PublicKey[]): CacheUse {
  const prefixes = cacheKeys.map((key) => `${key.name}:`);
  let substituted = 0;
  let substitutedNarBytes = 0;
  let built = 0;
  let elsewhere = 0;
  for (const info of newPaths) {
    if (info.ultimate) built++;
    else if (info.sigs.some((sig) => prefixes.some((prefix) => sig.startsWith(prefix)))) {
      substituted++;
      substitutedNarBytes += info.narSize;
    } else elsewhere++;
  }
  return { substituted, substitutedNarBytes, built, elsewhere };
}

/**
 * Of the paths this job had to get (from this cache, or by building them), the share this cache gave, in percent;
 * 100 when it had to get none.
 */
export function hitRate(use: CacheUse): number {
  const needed = use.substituted + use.built;
  return needed === 0 ? 100 : Math.round((1000 * use.substituted) / needed) / 10;
}
