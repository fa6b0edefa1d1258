/**
 * The Actions cache backend in post: what it records as used, what it prunes, and when it saves a new entry —
 * only when something changed, never leaving a narinfo whose NAR or references are gone.
 */
import { existsSync } from "node:fs";
import { copyFile, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ARCHIVE_DIR } from "../../../src/cache/actions-cache/keys.js";
import { CacheError } from "../../../src/lib/errors.js";
import { parseNarInfo } from "../../../src/lib/narinfo.js";
import {
  ALL,
  APP,
  APP_DRV,
  type Bench,
  createBench,
  FIXTURE_CACHE,
  fixtureEntry,
  LIB,
  LIB_DRV,
  narinfoHashes,
  PUBLIC,
  readNarInfo,
  SELFREF,
  SELFREF_DRV,
} from "../../helpers/actions-cache/unit-fixtures.js";
import { NEVER } from "../../helpers/fakes/ports.js";

const JOB_PREFIX = "nix-binary-cache-action-v1/Linux-X64/job=build/key=/";
const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 5, 1);
const OUTPUTS = [LIB, APP, SELFREF];
const DRVS = [LIB_DRV, APP_DRV, SELFREF_DRV];

let bench: Bench;
beforeEach(async () => {
  bench = await createBench();
});
afterEach(() => bench.cleanup());

/** An entry of the fixture cache with usage data saved at `savedAt`, `lastUsed` per path (default: savedAt). */
async function addEntry(
  options: { keep?: string[]; savedAt?: number; lastUsed?: Record<string, number> } = {},
) {
  const savedAt = options.savedAt ?? NOW - DAY;
  const keep = options.keep ?? ALL;
  const dir = await fixtureEntry(bench.root, async (cacheDir) => {
    for (const hashPart of ALL.filter((h) => !keep.includes(h))) {
      await rm(join(cacheDir, `${hashPart}.narinfo`));
    }
  });
  const lastUsed = Object.fromEntries(keep.map((h) => [h, options.lastUsed?.[h] ?? savedAt]));
  await writeFile(join(dir, "usage.json"), JSON.stringify({ version: 1, savedAt, lastUsed }));
  await bench.service.add(`${JOB_PREFIX}run=1`, dir);
}

type PostOptions = Parameters<Bench["cache"]>[0];

/** Setup, then a post backend carrying what setup handed over, as the action's two steps would. */
async function setupThenPost(options: PostOptions = {}) {
  const settings = { publicKey: PUBLIC, ...options };
  const access = await bench.cache(settings).prepareRead("/nix/store");
  const post = bench.cache({ now: () => NOW, ...settings, handOver: access.handOver });
  return { post, root: access.handOver?.root ?? "" };
}

/** Hash parts published through `push` in this test. */
let published = new Set<string>();
beforeEach(() => {
  published = new Set();
});
/** What post tells `close` after a push to this cache. */
const pushed = () => ({ pushing: true, published });

/** Pushes a fixture path through the backend as the push pipeline would: NAR first, narinfo last. */
async function push(post: ReturnType<Bench["cache"]>, hashPart: string): Promise<void> {
  const text = await readNarInfo(FIXTURE_CACHE, hashPart);
  const { url, fileSize } = parseNarInfo(text);
  const staged = join(bench.tempDir, "staged.nar");
  await copyFile(join(FIXTURE_CACHE, url), staged);
  await post.openForPush("/nix/store");
  await post.putNar({ file: staged, url, fileSize }, AbortSignal.timeout(10_000));
  await post.putNarInfo(hashPart, text, AbortSignal.timeout(10_000));
  published.add(hashPart);
}

function saves(): string[] {
  return bench.service.calls.filter((call) => call.startsWith("save "));
}

/** The last saved entry: its narinfos, NAR files and usage data, and whether the directory is consistent. */
async function lastSaved() {
  const dir = bench.service.entries.at(-1)?.dir ?? "";
  const cacheDir = join(dir, "cache");
  const hashes = await narinfoHashes(cacheDir);
  const nars = (await readdir(join(cacheDir, "nar"))).map((name) => `nar/${name}`).sort();
  const used = new Set<string>();
  for (const hashPart of hashes) {
    const info = parseNarInfo(await readNarInfo(cacheDir, hashPart));
    used.add(info.url);
    for (const reference of info.references) expect(hashes, reference).toContain(reference.slice(11, 43));
  }
  expect(nars).toEqual([...used].sort());
  const usage = JSON.parse(await readFile(join(dir, "usage.json"), "utf8"));
  expect(existsSync(join(cacheDir, "usage.json"))).toBe(false);
  return { hashes, usage };
}

describe("post", () => {
  it("saves nothing when nothing was pushed, pruned or dropped and the usage data is recent", async () => {
    await addEntry();
    const { post } = await setupThenPost();
    await post.close(pushed(), NEVER);
    expect(saves()).toEqual([]);
    expect(bench.log.of("info").join("\n")).toMatch(/unchanged/);
  });

  it("saves a push as a new entry of the job, with the usage data beside the cache", async () => {
    await addEntry({ keep: [LIB], lastUsed: { [LIB]: NOW - 2 * DAY } });
    const { post, root } = await setupThenPost();
    await push(post, APP);
    await post.close(pushed(), NEVER);
    expect(saves()).toHaveLength(1);
    expect(saves()[0]).toMatch(new RegExp(`^save ${JOB_PREFIX}run=42\\.1-20260601T000000000Z-[0-9a-f]{6}$`));
    const { hashes, usage } = await lastSaved();
    expect(hashes).toEqual([LIB, APP].sort());
    expect(usage).toEqual({ version: 1, savedAt: NOW, lastUsed: { [LIB]: NOW - 2 * DAY, [APP]: NOW } });
    // Back under RUNNER_TEMP, nothing left in the workspace.
    expect(await narinfoHashes(join(root, "cache"))).toEqual([LIB, APP].sort());
    expect(existsSync(join(bench.workspace, ARCHIVE_DIR))).toBe(false);
  });

  it("counts the cached paths now in the local store as used", async () => {
    await addEntry({ keep: [LIB], savedAt: NOW - 4 * DAY });
    const { post } = await setupThenPost({ storeHashParts: async () => new Set([LIB, "0".repeat(32)]) });
    await post.close(pushed(), NEVER);
    expect((await lastSaved()).usage.lastUsed).toEqual({ [LIB]: NOW });
  });

  it.each([
    [3 * DAY + 1, 1],
    [3 * DAY - 1, 0],
  ])("with usage data %i ms old, makes %i saves to refresh it", async (age, count) => {
    await addEntry({ savedAt: NOW - age });
    const { post } = await setupThenPost();
    await post.close(pushed(), NEVER);
    expect(saves()).toHaveLength(count);
  });

  it("prunes the least recently used paths first, each with what refers to it", async () => {
    await addEntry({ lastUsed: Object.fromEntries(DRVS.map((h) => [h, NOW - 9 * DAY])) });
    const size = await cacheBytes();
    const { post } = await setupThenPost({ sizeLimit: String(size - 1) });
    await post.close(pushed(), NEVER);
    // lib.drv is the oldest and biggest of the equally old; the other .drv files refer to it.
    const { hashes, usage } = await lastSaved();
    expect(hashes).toEqual([...OUTPUTS].sort());
    expect(Object.keys(usage.lastUsed).sort()).toEqual([...OUTPUTS].sort());
    expect(bench.log.of("info").join("\n")).toMatch(/3 least recently used paths pruned/);
  });

  it("prunes a path with its referrers even if they were used more recently", async () => {
    await addEntry({ lastUsed: { [LIB]: NOW - 9 * DAY } });
    const { post } = await setupThenPost({ sizeLimit: String((await cacheBytes()) - 1) });
    await post.close(pushed(), NEVER);
    expect((await lastSaved()).hashes).toEqual([...DRVS].sort());
  });

  it("saves a clean entry after setup dropped paths, even with nothing pushed", async () => {
    await addEntry();
    const tampered = join(bench.service.entries[0]?.dir ?? "", "cache", `${SELFREF}.narinfo`);
    await writeFile(tampered, (await readFile(tampered, "utf8")).replace("NarSize: 584", "NarSize: 585"));
    const { post } = await setupThenPost();
    await post.close(pushed(), NEVER);
    expect((await lastSaved()).hashes).toEqual(ALL.filter((h) => h !== SELFREF));
  });

  it("turns a failed save into a CacheError, with the cache back under RUNNER_TEMP", async () => {
    await addEntry({ keep: [LIB] });
    const { post, root } = await setupThenPost();
    await push(post, APP);
    bench.service.failNext = { kind: "failed", problem: "Failed request: (429)", rateLimited: true };
    const error = await post.close(pushed(), NEVER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CacheError);
    expect(String(error)).toMatch(
      /could not be saved .*does not retry that.*the paths pushed in this job are not kept/,
    );
    expect(await narinfoHashes(join(root, "cache"))).toEqual([LIB, APP].sort());
    expect(existsSync(join(bench.workspace, ARCHIVE_DIR))).toBe(false);
  });

  it("saves nothing when post did not push to it (read-only mode, skipPush, the cache out of use)", async () => {
    await addEntry({ savedAt: NOW - 9 * DAY });
    const { post } = await setupThenPost();
    await post.close({ pushing: false, published: new Set() }, NEVER);
    expect(saves()).toEqual([]);
  });

  it("saves nothing when the job's cache mode is read", async () => {
    await addEntry({ savedAt: NOW - 9 * DAY });
    bench.service.canWrite = false;
    const { post } = await setupThenPost();
    await post.close(pushed(), NEVER);
    expect(saves()).toEqual([]);
  });

  it("does nothing when setup restored nothing, and refuses to push then", async () => {
    const post = bench.cache({ publicKey: PUBLIC });
    await post.close(pushed(), NEVER);
    await expect(post.findCached([LIB])).rejects.toThrow(/not restored in setup/);
    expect(bench.service.calls).toEqual([]);
  });
});

/** Bytes of the fixture cache as pruning counts them: narinfos and the NARs they use. */
async function cacheBytes(): Promise<number> {
  let total = 0;
  for (const hashPart of ALL) {
    const text = await readNarInfo(FIXTURE_CACHE, hashPart);
    total += Buffer.byteLength(text) + parseNarInfo(text).fileSize;
  }
  return total;
}
