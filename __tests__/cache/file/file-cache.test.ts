import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileCache } from "../../../src/cache/file/file-cache.js";
import { CacheError } from "../../../src/lib/errors.js";
import { parsePublicKey } from "../../../src/lib/signing.js";

const PUBLIC = readFileSync(join(import.meta.dirname, "../../fixtures/keys/test-cache-1.pk"), "utf8").trim();

let root: string;
let cache: FileCache;
beforeEach(async () => {
  root = join(await mkdtemp(join(tmpdir(), "file-cache-")), "cache");
  cache = new FileCache({ url: pathToFileURL(root), publicKey: parsePublicKey(PUBLIC) });
});
afterEach(() => rm(dirname(root), { recursive: true, force: true }));

describe("FileCache", () => {
  it("is readable before it exists (the first push creates it) and creates nix-cache-info once", async () => {
    expect(await cache.prepareRead("/nix/store")).toEqual({
      substituters: [{ url: `file://${root}`, publicKeys: [PUBLIC] }],
      netrc: [],
      canPush: true,
    });
    expect(await cache.findCached(["0".repeat(32)])).toEqual(new Set());
    await cache.openForPush("/nix/store");
    expect(await readFile(join(root, "nix-cache-info"), "utf8")).toBe(
      "StoreDir: /nix/store\nWantMassQuery: 1\n",
    );
    await writeFile(join(root, "nix-cache-info"), "StoreDir: /nix/store\nPriority: 10\n");
    await cache.openForPush("/nix/store");
    expect(await readFile(join(root, "nix-cache-info"), "utf8")).toBe("StoreDir: /nix/store\nPriority: 10\n");
  });

  it("refuses a cache made for another store directory", async () => {
    await mkdir(root, { recursive: true });
    await writeFile(join(root, "nix-cache-info"), "StoreDir: /gnu/store\n");
    await expect(cache.prepareRead("/nix/store")).rejects.toThrow(CacheError);
    await expect(cache.openForPush("/nix/store")).rejects.toThrow(
      /for \/gnu\/store, but this Nix uses \/nix\/store/,
    );
  });

  it("finds cached paths by narinfo with one directory read", async () => {
    await cache.openForPush("/nix/store");
    const [a, b, c] = ["a", "b", "c"].map((letter) => letter.repeat(32)) as [string, string, string];
    await cache.putNarInfo(a, "StorePath: x\n");
    await cache.putNarInfo(c, "StorePath: y\n");
    expect(await cache.findCached([a, b, c])).toEqual(new Set([a, c]));
  });

  it("moves staged NARs in and writes narinfos atomically, leaving no temporary files", async () => {
    await cache.openForPush("/nix/store");
    const staged = join(root, "..", "staged.nar.zst");
    await writeFile(staged, "zstd bytes");
    await cache.putNar({ file: staged, url: "nar/abc.nar.zst", fileSize: 10 });
    await cache.putNarInfo("d".repeat(32), "StorePath: /nix/store/x\n");
    expect(await readFile(join(root, "nar/abc.nar.zst"), "utf8")).toBe("zstd bytes");
    expect(await readdir(join(root, "nar"))).toEqual(["abc.nar.zst"]);
    expect((await readdir(root)).sort()).toEqual([`${"d".repeat(32)}.narinfo`, "nar", "nix-cache-info"]);
  });

  it("says which cache could not be written", async () => {
    await writeFile(join(root, "..", "cache"), "a file where the cache directory should be");
    await expect(cache.openForPush("/nix/store")).rejects.toThrow(/cannot (read|write)/);
  });
});
