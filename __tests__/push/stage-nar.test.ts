// Staging real store paths: the bytes must decompress to exactly what `nix-store --dump` prints.
import { spawnSync } from "node:child_process";
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
import { NarMismatchError, StagingBuffers, stageNar } from "../../src/push/stage-nar.js";
import { buildClosure, type Closure, closurePaths } from "../helpers/nix/closures.js";
import { createNixEnv, nixCommandRunner } from "../helpers/nix/env.js";
import { deleteStorePaths } from "../helpers/nix/store.js";

const nixEnv = createNixEnv();
const runner = nixCommandRunner(nixEnv);
let closure: Closure;
let top: PathInfo;
let bottom: PathInfo;
let dir: string;

beforeAll(async () => {
  closure = await buildClosure(nixEnv, { count: 2, label: "stage", bigMiB: 2, selfReference: true });
  const infos = await new NixStore(runner, "/nix/store").pathInfo(closure.outPaths);
  top = infos.get(closure.top) as PathInfo;
  bottom = infos.get(closure.outPaths[0] as string) as PathInfo;
  dir = await mkdtemp(join(tmpdir(), "stage-"));
});
afterAll(async () => {
  await deleteStorePaths(nixEnv, closurePaths(closure));
  nixEnv.cleanup();
});

function dump(path: string): Buffer {
  return spawnSync("nix-store", ["--dump", path], {
    maxBuffer: 1 << 30,
    env: { ...process.env, ...nixEnv.env },
  }).stdout;
}

describe("stageNar", () => {
  it("writes zstd that decompresses to nix-store --dump's bytes, named after the compressed file's hash", async () => {
    const staged = await stageNar(top, { dir, compressionLevel: 3, fs: nodeNarFileSystem });
    const compressed = await readFile(staged.file);
    expect(compressed.length).toBe(staged.fileSize);
    const digest = createHash("sha256").update(compressed).digest();
    expect(Buffer.from(staged.fileHash).equals(digest)).toBe(true);
    expect(staged.url).toBe(`nar/${encodeNixBase32(digest)}.nar.zst`);
    expect(zstdDecompressSync(compressed).equals(dump(closure.top))).toBe(true);
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
    const scratch = await mkdtemp(join(tmpdir(), "stage-bad-"));
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

  it("passes its buffers from path to path, and keeps those of a failed path out of the pool", async () => {
    const buffers = new StagingBuffers();
    const lent = buffers.take();
    buffers.giveBack(lent);
    const again = buffers.take();
    expect(again.every((buffer) => lent.includes(buffer))).toBe(true);
    buffers.giveBack(again);

    const truncated = { ...top, narSize: top.narSize - 8 };
    await expect(
      stageNar(truncated, { dir, compressionLevel: 3, fs: nodeNarFileSystem, buffers }),
    ).rejects.toThrow(/NAR size/);
    expect(buffers.take().some((buffer) => lent.includes(buffer))).toBe(false);

    // Big and small paths, two lanes at a time through one pool, so that buffers pass between paths in flight.
    const lanes = [
      [top, bottom, top],
      [bottom, bottom, top],
    ];
    const staged = await Promise.all(
      lanes.map(async (lane) => {
        const files: [PathInfo, string][] = [];
        for (const info of lane) {
          const { file } = await stageNar(info, { dir, compressionLevel: 3, fs: nodeNarFileSystem, buffers });
          files.push([info, file]);
        }
        return files;
      }),
    );
    for (const [info, file] of staged.flat()) {
      expect(zstdDecompressSync(await readFile(file)).equals(dump(info.path)), info.path).toBe(true);
    }
  });

  it("stops when aborted, leaving no staged file", async () => {
    const scratch = await mkdtemp(join(tmpdir(), "stage-abort-"));
    await expect(
      stageNar(top, {
        dir: scratch,
        compressionLevel: 3,
        fs: nodeNarFileSystem,
        signal: AbortSignal.abort(),
      }),
    ).rejects.toThrow(/abort/i);
    expect(await readdir(scratch)).toEqual([]);
  });
});
