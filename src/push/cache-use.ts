/**
 * What the cache did for this job, from the paths that are new in the store since setup: those that came from this
 * cache (not made here, and signed by one of its keys), those made here, and those substituted from elsewhere.
 */
import { narInfoFingerprint } from "../lib/narinfo.js";
import type { PathInfo } from "../lib/path-info.js";
import { hasValidSignature, type PublicKey } from "../lib/signing.js";

export interface CacheUse {
  /** New paths substituted from this cache, and their NAR bytes. */
  readonly substituted: number;
  readonly substitutedNarBytes: number;
  /** New paths made on this machine: built, or added from local files. */
  readonly built: number;
  /** New paths substituted from another cache (an upstream one, say). */
  readonly elsewhere: number;
}

/** Sorts the new valid paths by where they came from; a signature counts only when it verifies. */
export function measureCacheUse(newPaths: Iterable<PathInfo>, cacheKeys: readonly PublicKey[]): CacheUse {
  let substituted = 0;
  let substitutedNarBytes = 0;
  let built = 0;
  let elsewhere = 0;
  for (const info of newPaths) {
    const fingerprint = () => narInfoFingerprint(info.path, info.narHash, info.narSize, info.references);
    if (info.ultimate) built++;
    else if (hasValidSignature(info.sigs, fingerprint, cacheKeys)) {
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
