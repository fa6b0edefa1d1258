import { zstdCompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  decodeIndex,
  encodeIndex,
  pruneToSize,
  withoutPaths,
} from "../../../src/cache/actions-cache/cache-index.js";
import { APP, fixturePack, LIB, SELFREF } from "./fixture-index.js";

describe("the index", () => {
  it("reads back what was written: every narinfo, its pack, offset and last use", () => {
    const { index } = fixturePack("v2/pack/abc");
    const decoded = decodeIndex(encodeIndex(index, 5000), "/nix/store");
    expect(decoded.rejected).toEqual([]);
    expect(decoded.index.savedAt).toBe(5000);
    expect([...decoded.index.paths.keys()].sort()).toEqual([...index.paths.keys()].sort());
    for (const [hashPart, path] of index.paths) {
      const read = decoded.index.paths.get(hashPart);
      expect(read?.text).toBe(path.text);
      expect(read?.pack).toBe("v2/pack/abc");
      expect(read?.offset).toBe(path.offset);
      expect(read?.lastUsed).toBe(1000);
      expect(read?.info).toEqual(path.info);
    }
  });

  it("is small: the six fixture paths take well under a kilobyte each", () => {
    const { index } = fixturePack("v2/pack/abc");
    expect(encodeIndex(index, 0).length).toBeLessThan(6 * 1024);
  });

  it("of another store directory reads as empty; bytes of another layout are refused", () => {
    const { index } = fixturePack("p");
    expect(decodeIndex(encodeIndex(index, 0), "/other/store").index.paths.size).toBe(0);
    expect(() => decodeIndex(Buffer.from("not zstd"), "/nix/store")).toThrow(/unreadable/);
    const v1 = zstdCompressSync(
      Buffer.from(JSON.stringify({ format: "nix-binary-cache-action index", version: 1 })),
    );
    expect(() => decodeIndex(v1, "/nix/store")).toThrow(/not one of this version/);
  });

  it("leaves out a malformed narinfo or place, and says why", () => {
    const file = {
      format: "nix-binary-cache-action index",
      version: 2,
      storeDir: "/nix/store",
      savedAt: 1,
      packs: ["p"],
      paths: [
        ["StorePath: nonsense\n", 0, 0, 1],
        [[...fixturePack("p").index.paths.values()][0]?.text, 0, -5, 1],
      ],
    };
    const { index, rejected } = decodeIndex(
      zstdCompressSync(Buffer.from(JSON.stringify(file))),
      "/nix/store",
    );
    expect(index.paths.size).toBe(0);
    expect(rejected).toHaveLength(2);
    expect(rejected[1]?.reason).toMatch(/place in the cache is malformed/);
  });

  it("takes a path out with every path that refers to it", () => {
    const { index } = fixturePack("p");
    const { index: left, removed } = withoutPaths(index, [LIB]);
    expect([...removed].sort()).toEqual([LIB, APP, SELFREF].sort());
    expect(left.paths.size).toBe(3);
  });

  it("prunes the least recently used first, with their referrers, to fit the limit", () => {
    const { index } = fixturePack("p");
    const paths = new Map([...index.paths].map(([h, p]) => [h, { ...p, lastUsed: h === LIB ? 1 : 10 }]));
    const total = [...paths.values()].reduce((sum, p) => sum + p.info.fileSize, 0);
    const pruned = pruneToSize({ storeDir: "/nix/store", paths }, total - 1);
    expect([...pruned.removed].sort()).toEqual([LIB, APP, SELFREF].sort());
    expect(pruned.before).toBe(total);
    expect(pruned.after).toBeLessThan(total);
    expect(pruneToSize({ storeDir: "/nix/store", paths }, total).removed.size).toBe(0);
  });
});
