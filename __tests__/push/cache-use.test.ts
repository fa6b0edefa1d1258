import { describe, expect, it } from "vitest";
import type { PathInfo } from "../../src/lib/path-info.js";
import { parsePublicKey } from "../../src/lib/signing.js";
import { hitRate, measureCacheUse } from "../../src/push/cache-use.js";

/**
 * A key by name only: the count goes by the signatures' key names (Nix verified them when it substituted), so the
 * signatures here need no valid bytes.
 */
function keyPair(name: string) {
  return {
    publicKey: parsePublicKey(`${name}:${Buffer.alloc(32, 1).toString("base64")}`),
    sign: (_info: PathInfo) => `${name}:${Buffer.alloc(64, 2).toString("base64")}`,
  };
}

let serial = 0;
function path(narSize: number, extra: Partial<PathInfo> = {}): PathInfo {
  serial++;
  return {
    path: `/nix/store/${String(serial).padStart(32, "0")}-p${serial}`,
    narHash: new Uint8Array(32).fill(serial),
    narSize,
    references: [],
    sigs: [],
    ...extra,
  };
}

describe("measureCacheUse", () => {
  const ours = keyPair("our-cache-1");
  const upstream = keyPair("cache.nixos.org-1");
  const signed = (narSize: number, by: typeof ours) => {
    const info = path(narSize);
    return { ...info, sigs: [by.sign(info)] };
  };

  it("counts paths signed with the cache's key name as substituted, made ones as built, others as from elsewhere", () => {
    const use = measureCacheUse(
      [
        signed(100, ours),
        signed(250, ours),
        path(7, { ultimate: true }),
        signed(40, upstream),
        signed(30, upstream),
        // Made here and pushed: the local store has no signature, and Nix calls it ultimately trusted.
        { ...signed(9, ours), ultimate: true },
      ],
      [ours.publicKey],
    );
    expect(use).toEqual({ substituted: 2, substitutedNarBytes: 350, built: 2, elsewhere: 2 });
    expect(hitRate(use)).toBe(50);
  });

  it("says 100 % when the job needed nothing, and rounds to one decimal", () => {
    expect(hitRate({ substituted: 0, substitutedNarBytes: 0, built: 0, elsewhere: 3 })).toBe(100);
    expect(hitRate({ substituted: 1, substitutedNarBytes: 1, built: 2, elsewhere: 0 })).toBe(33.3);
    expect(hitRate({ substituted: 0, substitutedNarBytes: 0, built: 5, elsewhere: 0 })).toBe(0);
  });
});
