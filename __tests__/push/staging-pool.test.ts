/**
 * The staging threads as post runs them: the bundle's own thread script (dist/action/stager.js, which a test
 * keeps equal to a fresh bundle of src/), real store paths, and the bytes judged against `nix-store --dump`.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PathInfo } from "../../src/lib/path-info.js";
import { NixStore } from "../../src/nix/store.js";
import { nodeNarFileSystem } from "../../src/nix/store-files.js";
import { SEGMENT_BYTES } from "../../src/push/stage-nar.js";
import { startStagingPool } from "../../src/push/staging-pool.js";
import { buildClosure, type Closure, closurePaths } from "../helpers/nix/closures.js";
import { createNixEnv, nixCommandRunner } from "../helpers/nix/env.js";
import { runNix } from "../helpers/nix/offline-cli.js";
import { deleteStorePaths } from "../helpers/nix/store.js";
import { DIST_DIR } from "../helpers/runner.js";
import { testTempDir } from "../helpers/temp-dir.js";
import { zstdDecompressAll, zstdFrames } from "../helpers/zstd.js";

const SCRIPT = join(DIST_DIR, "action", "stager.js");
const nixEnv = createNixEnv();
let closures: Closure[];
let infos: PathInfo[];

beforeAll(async () => {
  closures = [
    await buildClosure(nixEnv, { count: 3, label: "pool-small" }),
    await buildClosure(nixEnv, { count: 1, label: "pool-big", bigMiB: 18 }),
  ];
  const paths = closures.flatMap((closure) => closure.outPaths);
  const found = await new NixStore(nixCommandRunner(nixEnv), "/nix/store").pathInfo(paths);
  infos = paths.map((path) => found.get(path) as PathInfo);
});
afterAll(async () => {
  await deleteStorePaths(nixEnv, closurePaths(...closures));
  nixEnv.cleanup();
});

/** What real Nix serialises for `path`: the bytes every staged file must decompress to. */
const dump = (path: string) => runNix(["nix-store", "--dump", path]);

function pool(dir: string, threads = 2, script = SCRIPT) {
  const fallbacks: string[] = [];
  const stager = startStagingPool({
    script,
    threads,
    dir,
    compressionLevel: 3,
    fs: nodeNarFileSystem,
    onFallback: (reason) => fallbacks.push(reason),
  });
  return { stager, fallbacks };
}

describe("startStagingPool", () => {
  it("stages small and big paths at once on two threads; a big one as frames, in order", async () => {
    const dir = await testTempDir("pool-");
    const { stager, fallbacks } = pool(dir);
    try {
      expect(stager.threads).toBe(2);
      const never = new AbortController().signal;
      const staged = await Promise.all(infos.map((info) => stager.stage(info, never)));
      for (const [i, info] of infos.entries()) {
        const file = await readFile(staged[i]?.file ?? "");
        expect(zstdDecompressAll(file).equals(await dump(info.path)), info.path).toBe(true);
        expect(zstdFrames(file)).toHaveLength(Math.ceil(info.narSize / SEGMENT_BYTES));
      }
      expect(fallbacks).toEqual([]);
    } finally {
      await stager.close();
    }
  });

  it("rejects a path whose NAR does not match Nix's record with the thread's NarMismatchError, and goes on", async () => {
    const dir = await testTempDir("pool-bad-");
    const { stager } = pool(dir);
    try {
      const never = new AbortController().signal;
      const big = infos.at(-1) as PathInfo;
      const wrong = { ...big, narHash: new Uint8Array(32) };
      await expect(stager.stage(wrong, never)).rejects.toMatchObject({ name: "NarMismatchError" });
      const staged = await stager.stage(big, never);
      expect(await readdir(dir)).toEqual([staged.file.slice(dir.length + 1)]);
    } finally {
      await stager.close();
    }
  });

  it("ends a path when its signal aborts: the thread removes the file it began, and goes on staging", async () => {
    const dir = await testTempDir("pool-abort-");
    const { stager } = pool(dir);
    const waitFor = async (done: () => Promise<boolean>) => {
      for (let i = 0; i < 500 && !(await done()); i++) await new Promise((r) => setTimeout(r, 2));
      return done();
    };
    try {
      const stop = new AbortController();
      const big = infos.at(-1) as PathInfo;
      const staging = stager.stage(big, stop.signal);
      staging.catch(() => {});
      // Abort only once the thread has begun writing, so that it has something to clean up.
      expect(await waitFor(async () => (await readdir(dir)).length > 0)).toBe(true);
      stop.abort(new Error("stopped"));
      await expect(staging).rejects.toThrow("stopped");
      expect(await waitFor(async () => (await readdir(dir)).length === 0)).toBe(true);
      const again = await stager.stage(big, new AbortController().signal);
      expect(zstdDecompressAll(await readFile(again.file)).equals(await dump(big.path))).toBe(true);
    } finally {
      await stager.close();
    }
  });

  it("stages on the calling thread when the thread script is missing, as when run from src/", async () => {
    const dir = await testTempDir("pool-fallback-");
    const { stager, fallbacks } = pool(dir, 2, join(dir, "no-stager.js"));
    expect(stager.threads).toBe(0);
    expect(fallbacks).toEqual([`${join(dir, "no-stager.js")} is missing`]);
    const info = infos[0] as PathInfo;
    const staged = await stager.stage(info, new AbortController().signal);
    expect(zstdDecompressAll(await readFile(staged.file)).equals(await dump(info.path))).toBe(true);
  });
});
