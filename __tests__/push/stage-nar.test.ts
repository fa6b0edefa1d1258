// Staging real store paths: the bytes must decompress to exactly what `nix-store --dump` prints.
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zstdDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NarFileSystem } from "../../src/lib/nar.js";
import { encodeNixBase32 } from "../../src/lib/nix-base32.js";
import type { PathInfo } from "../../src/lib/path-info.js";
import { NixStore } from "../../src/nix/store.js";
import { nodeNarFileSystem } from "../../src/nix/store-files.js";
import { compressSegment, NarMismatchError, SEGMENT_BYTES, stageNar } from "../../src/push/stage-nar.js";
import { buildClosure, type Closure, closurePaths } from "../helpers/nix/closures.js";
import { createNixEnv, nixCommandRunner } from "../helpers/nix/env.js";
import { runNix } from "../helpers/nix/offline-cli.js";
import { deleteStorePaths } from "../helpers/nix/store.js";
import { removeTree } from "../helpers/remove-tree.js";
import { testTempDir } from "../helpers/temp-dir.js";
import { zstdFrames } from "../helpers/zstd.js";

const nixEnv = createNixEnv();
const runner = nixCommandRunner(nixEnv);
let closure: Closure;
let bigClosure: Closure;
let top: PathInfo;
/** A path of several segments (20 MiB of random bytes). */
let big: PathInfo;
let dir: string;

beforeAll(async () => {
  closure = await buildClosure(nixEnv, { count: 2, label: "stage", bigMiB: 2, selfReference: true });
  const infos = await new NixStore(runner, "/nix/store").pathInfo(closure.outPaths);
  top = infos.get(closure.top) as PathInfo;
  bigClosure = await buildClosure(nixEnv, { count: 1, label: "stage-big", bigMiB: 20 });
  big = (await new NixStore(runner, "/nix/store").pathInfo([bigClosure.top])).get(bigClosure.top) as PathInfo;
  dir = await mkdtemp(join(tmpdir(), "stage-"));
});
afterAll(async () => {
  await deleteStorePaths(nixEnv, [...closurePaths(closure), ...closurePaths(bigClosure)]);
  nixEnv.cleanup();
  if (dir) removeTree(dir);
});

/** What real Nix serialises for `path`: the bytes every staged file must decompress to. */
const dump = (path: string) => runNix(["nix-store", "--dump", path]);

describe("stageNar", () => {
  it("writes zstd that decompresses to nix-store --dump's bytes, named after the compressed file's hash", async () => {
    const staged = await stageNar(top, { dir, compressionLevel: 3, fs: nodeNarFileSystem });
    const compressed = await readFile(staged.file);
    expect(compressed.length).toBe(staged.fileSize);
    const digest = createHash("sha256").update(compressed).digest();
    expect(Buffer.from(staged.fileHash).equals(digest)).toBe(true);
    expect(staged.url).toBe(`nar/${encodeNixBase32(digest)}.nar.zst`);
    expect(zstdDecompressSync(compressed).equals(await dump(closure.top))).toBe(true);
    // 2 MiB of random bytes do not compress: the staged file is about the NAR's size, not a multiple of it.
    expect(staged.fileSize).toBeLessThan(top.narSize * 1.01);
  });

  it("refuses a path whose content no longer matches Nix's record, leaving no staged file", async () => {
    // The same path read through a file system that changes one byte of one file, as a corrupted store would.
    const tampered: NarFileSystem = {
      ...nodeNarFileSystem,
      async *readFile(path, size) {
        let first = true;
        for await (const chunk of nodeNarFileSystem.readFile(path, size)) {
          const copy = Buffer.from(chunk);
          if (first && path.toString().endsWith("/id")) copy[0] = (copy[0] ?? 0) ^ 1;
          first = false;
          yield copy;
        }
      },
    };
    const scratch = await testTempDir("stage-bad-");
    await expect(stageNar(top, { dir: scratch, compressionLevel: 3, fs: tampered })).rejects.toThrow(
      NarMismatchError,
    );
    await expect(
      stageNar(
        { ...top, narSize: top.narSize + 8 },
        { dir: scratch, compressionLevel: 3, fs: nodeNarFileSystem },
      ),
    ).rejects.toThrow(/NAR size/);
    expect(await readdir(scratch)).toEqual([]);
  });

  it("makes a NAR longer than a segment one zstd frame per segment, written in order whenever each is done", async () => {
    // Segments compressed out of order, as on other threads: the later ones first.
    const seen: number[] = [];
    const compress = async (segment: Buffer, index: number) => {
      seen.push(segment.length);
      await new Promise((resolve) => setTimeout(resolve, 40 - 10 * index));
      return compressSegment(segment, 3);
    };
    const staged = await stageNar(big, {
      dir,
      compressionLevel: 3,
      fs: nodeNarFileSystem,
      compress,
      window: 3,
    });
    const compressed = await readFile(staged.file);
    const frames = zstdFrames(compressed);
    expect(frames).toHaveLength(Math.ceil(big.narSize / SEGMENT_BYTES));
    expect(seen.slice(0, -1).every((length) => length === SEGMENT_BYTES)).toBe(true);
    const nar = await dump(big.path);
    frames.forEach((frame, i) => {
      const part = nar.subarray(i * SEGMENT_BYTES, (i + 1) * SEGMENT_BYTES);
      expect(zstdDecompressSync(frame).equals(part), `frame ${i}`).toBe(true);
    });
    expect(createHash("sha256").update(compressed).digest().equals(Buffer.from(staged.fileHash))).toBe(true);
    // The same bytes as compressing segment after segment on this thread.
    const local = await stageNar(big, { dir, compressionLevel: 3, fs: nodeNarFileSystem });
    expect((await readFile(local.file)).equals(compressed)).toBe(true);
  });

  it("fails the path, and leaves no file, when a segment cannot be compressed", async () => {
    const scratch = await testTempDir("stage-segment-");
    const compress = (segment: Buffer, index: number) => {
      if (index === 1) throw new Error("that thread died");
      return compressSegment(segment, 3);
    };
    await expect(
      stageNar(big, { dir: scratch, compressionLevel: 3, fs: nodeNarFileSystem, compress }),
    ).rejects.toThrow(/that thread died/);
    expect(await readdir(scratch)).toEqual([]);
  });

  it("stops when aborted in the middle of a path, leaving no staged file", async () => {
    const scratch = await testTempDir("stage-abort-");
    const stop = new AbortController();
    // The stop comes while the second segment compresses: the file is open and the first frame written.
    const compress = (segment: Buffer, index: number) => {
      if (index === 1) stop.abort(new Error("stopped in the middle"));
      return compressSegment(segment, 3);
    };
    const staging = stageNar(big, {
      dir: scratch,
      compressionLevel: 3,
      fs: nodeNarFileSystem,
      signal: stop.signal,
      compress,
    });
    await expect(staging).rejects.toThrow("stopped in the middle");
    expect(await readdir(scratch)).toEqual([]);
  });
});
