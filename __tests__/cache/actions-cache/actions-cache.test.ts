/**
 * The Actions cache backend in setup: what it restores, what Nix is then pointed at, and what it refuses. The
 * restored entries are made from a binary cache written and signed by real Nix 2.8 (fixtures/closure/cache).
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ARCHIVE_DIR, entryKeys } from "../../../src/cache/actions-cache/keys.js";
import { JOB_KEY_PREFIX } from "../../../src/cache/actions-cache/trust.js";
import { CacheError } from "../../../src/lib/errors.js";
import { narInfoFingerprint, parseNarInfo } from "../../../src/lib/narinfo.js";
import {
  parsePublicKey,
  parseSigningKey,
  signFingerprint,
  verifySignature,
} from "../../../src/lib/signing.js";
import {
  ALL,
  APP,
  type Bench,
  createBench,
  FIXTURE_CACHE,
  fixtureEntry,
  LIB,
  narinfoHashes,
  PUBLIC,
  readNarInfo,
  SECRET,
  SELFREF,
} from "../../helpers/actions-cache/unit-fixtures.js";

const JOB_PREFIX = "nix-binary-cache-action-v1/Linux-X64/job=build/key=/";
const PLATFORM_PREFIX = "nix-binary-cache-action-v1/Linux-X64/";

let bench: Bench;
beforeEach(async () => {
  bench = await createBench();
});
afterEach(() => bench.cleanup());

const withKey = { publicKey: PUBLIC };

async function setup(options: Parameters<Bench["cache"]>[0] = withKey) {
  const access = await bench.cache(options).prepareRead("/nix/store");
  const url = access.substituters[0]?.url ?? "";
  return { access, dir: fileURLToPath(url) };
}

describe("entry keys", () => {
  it("are scoped by OS/arch, job and cacheKey, and no prefix matches another job's or cacheKey's entries", () => {
    const keys = entryKeys({ RUNNER_OS: "Linux", RUNNER_ARCH: "ARM64", GITHUB_JOB: "build" }, "py3.12");
    expect(keys).toEqual({
      platform: "nix-binary-cache-action-v1/Linux-ARM64/",
      job: "nix-binary-cache-action-v1/Linux-ARM64/job=build/key=py3.12/",
    });
    const other = entryKeys({ RUNNER_OS: "Linux", RUNNER_ARCH: "ARM64", GITHUB_JOB: "build-docs" }, "py3.12");
    expect(other.job.startsWith(keys.job)).toBe(false);
    const slashed = entryKeys(
      { RUNNER_OS: "Linux", RUNNER_ARCH: "ARM64", GITHUB_JOB: "build" },
      "py3.12/x,y",
    );
    expect(slashed.job).toBe("nix-binary-cache-action-v1/Linux-ARM64/job=build/key=py3.12%2Fx%2Cy/");
    expect(slashed.job.startsWith(keys.job)).toBe(false);
    const long = entryKeys({ RUNNER_OS: "Linux", RUNNER_ARCH: "X64", GITHUB_JOB: "j" }, "k".repeat(600));
    expect(long.job).toMatch(/key=sha256-[0-9a-f]{64}\/$/);
  });
});

describe("setup", () => {
  it("on a miss, starts an empty binary cache under RUNNER_TEMP, asking for the job's entries, then the platform's", async () => {
    const { access, dir } = await setup();
    expect(bench.service.calls).toEqual([`restore ${JOB_PREFIX} | ${PLATFORM_PREFIX}`]);
    expect(dir.startsWith(bench.tempDir)).toBe(true);
    expect(await readFile(join(dir, "nix-cache-info"), "utf8")).toBe(
      "StoreDir: /nix/store\nWantMassQuery: 1\n",
    );
    expect(access.substituters).toEqual([{ url: `file://${dir}`, publicKeys: [PUBLIC] }]);
    expect(access).toMatchObject({
      netrc: [],
      canPush: true,
      handOver: { restoredKey: undefined, dropped: 0 },
    });
    expect(existsSync(join(bench.workspace, ARCHIVE_DIR))).toBe(false);
  });

  it("with a signing key, serves the newest entry of the job byte for byte, moved out of the workspace", async () => {
    await bench.service.add(
      `${JOB_PREFIX}run=1`,
      await fixtureEntry(bench.root, async (dir) => {
        await writeFile(join(dir, `${LIB}.narinfo`), "not this one");
      }),
    );
    await bench.service.add(`${PLATFORM_PREFIX}job=other/key=/run=3`, await fixtureEntry(bench.root));
    await bench.service.add(`${JOB_PREFIX}run=2`, await fixtureEntry(bench.root));
    const { access, dir } = await setup();
    expect(access.handOver).toMatchObject({ restoredKey: `${JOB_PREFIX}run=2`, dropped: 0 });
    expect(await narinfoHashes(dir)).toEqual(ALL);
    for (const hashPart of ALL) {
      expect(await readNarInfo(dir, hashPart)).toBe(await readNarInfo(FIXTURE_CACHE, hashPart));
    }
    expect((await readdir(join(dir, "nar"))).sort()).toEqual(
      (await readdir(join(FIXTURE_CACHE, "nar"))).sort(),
    );
    expect(existsSync(join(bench.workspace, ARCHIVE_DIR))).toBe(false);
    expect(bench.log.of("warning")).toEqual([]);
  });

  it("drops a narinfo not validly signed by the key, with every path that refers to it, and says so", async () => {
    await bench.service.add(
      `${JOB_PREFIX}run=1`,
      await fixtureEntry(bench.root, async (dir) => {
        const text = await readNarInfo(dir, LIB);
        await writeFile(join(dir, `${LIB}.narinfo`), text.replace("NarSize: 2624", "NarSize: 2625"));
      }),
    );
    const { access, dir } = await setup();
    expect(await narinfoHashes(dir)).toEqual(ALL.filter((h) => ![LIB, APP, SELFREF].includes(h)));
    expect(access.handOver?.dropped).toBe(3);
    // The NARs of the dropped paths go too: nothing in the directory outlives its narinfo.
    expect((await readdir(join(dir, "nar"))).length).toBe(3);
    const [warning] = bench.log.of("warning");
    expect(warning).toMatch(/Dropped 3 of 6 paths/);
    expect(warning).toContain(`/nix/store/${LIB}-nbca-lib: not validly signed by test-cache-1`);
    expect(warning).toContain(`/nix/store/${APP}-nbca-app: it refers to a dropped path`);
  });

  it.each([
    ["an unparsable narinfo", (text: string) => text.replace(/^NarHash: .*\n/m, "")],
    ["a NAR of another size", (text: string) => text.replace("FileSize: 2624", "FileSize: 26")],
    ["a NAR that is missing", (text: string) => text.replace(/nar\/0zc1/, "nar/0zc2")],
    ["a URL leading out of nar/", (text: string) => text.replace(/URL: nar\//, "URL: nar/../nar/")],
    [
      "a URL naming another file of the cache",
      (text: string) => text.replace(/URL: .*/, "URL: nix-cache-info"),
    ],
    ["a malformed signature", (text: string) => `${text}Sig: other-key:AAAA\n`],
  ])("drops %s and what refers to it, even with a valid signature", async (_what, change) => {
    await bench.service.add(
      `${JOB_PREFIX}run=1`,
      await fixtureEntry(bench.root, async (dir) => {
        await writeFile(join(dir, `${LIB}.narinfo`), change(await readNarInfo(dir, LIB)));
      }),
    );
    const { dir } = await setup();
    expect(await narinfoHashes(dir)).toEqual(ALL.filter((h) => ![LIB, APP, SELFREF].includes(h)));
  });

  it("without keys, signs the restored narinfos with a key made for this job instead of earlier jobs' keys", async () => {
    const earlier = parseSigningKey(`${JOB_KEY_PREFIX}0a0a0a0a0a0a-1:${SECRET.split(":")[1]}`);
    await bench.service.add(
      `${JOB_PREFIX}run=1`,
      await fixtureEntry(bench.root, async (dir) => {
        for (const hashPart of ALL) {
          const info = parseNarInfo(await readNarInfo(dir, hashPart));
          const sig = signFingerprint(
            narInfoFingerprint(info.storePath, info.narHash, info.narSize, info.references),
            earlier,
          );
          await writeFile(
            join(dir, `${hashPart}.narinfo`),
            `${await readNarInfo(dir, hashPart)}Sig: ${sig}\n`,
          );
        }
      }),
    );
    const access = await bench.cache({}).prepareRead("/nix/store");
    const [substituter] = access.substituters;
    const jobKey = parsePublicKey(substituter?.publicKeys[0] ?? "");
    expect(jobKey.name).toMatch(new RegExp(`^${JOB_KEY_PREFIX}[0-9a-f]{12}-1$`));
    // Pushes need no key: the next setup signs them as it serves them.
    expect(access.serverSigned).toBe(true);
    const dir = fileURLToPath(substituter?.url ?? "");
    expect(await narinfoHashes(dir)).toEqual(ALL);
    for (const hashPart of ALL) {
      const info = parseNarInfo(await readNarInfo(dir, hashPart));
      const fingerprint = narInfoFingerprint(info.storePath, info.narHash, info.narSize, info.references);
      const [nix, own, ...rest] = [...info.sigs].sort((a) => (a.startsWith("test-cache-1:") ? -1 : 1));
      expect(rest).toEqual([]);
      expect(verifySignature(fingerprint, nix ?? "", [parsePublicKey(PUBLIC)])).toBe(true);
      expect(verifySignature(fingerprint, own ?? "", [jobKey])).toBe(true);
    }
    // Another setup makes another key: none outlives its job.
    const again = await bench.cache({}).prepareRead("/nix/store");
    expect(again.substituters[0]?.publicKeys).not.toEqual(substituter?.publicKeys);
  });

  it("with a key, verifies against it and does not sign anything itself", async () => {
    await bench.service.add(`${JOB_PREFIX}run=1`, await fixtureEntry(bench.root));
    const access = await bench.cache({ publicKey: PUBLIC }).prepareRead("/nix/store");
    expect(access.substituters[0]?.publicKeys).toEqual([PUBLIC]);
    expect(access.serverSigned).toBe(false);
  });

  it("does not use a cache made for another store directory", async () => {
    await bench.service.add(
      `${JOB_PREFIX}run=1`,
      await fixtureEntry(bench.root, async (dir) => {
        await writeFile(join(dir, "nix-cache-info"), "StoreDir: /gnu/store\n");
      }),
    );
    const { dir } = await setup();
    expect(await narinfoHashes(dir)).toEqual([]);
    expect(bench.log.of("warning").join("\n")).toMatch(/for \/gnu\/store, not \/nix\/store/);
  });

  it("removes what a killed run left in the workspace, and refuses to touch anything else there", async () => {
    await mkdir(join(bench.workspace, ARCHIVE_DIR, "cache"), { recursive: true });
    await bench.service.add(`${JOB_PREFIX}run=1`, await fixtureEntry(bench.root));
    const { dir } = await setup();
    expect(await narinfoHashes(dir)).toEqual(ALL);

    await mkdir(join(bench.workspace, ARCHIVE_DIR, "src"), { recursive: true });
    await expect(setup()).rejects.toThrow(/was not made by this action/);
    expect(existsSync(join(bench.workspace, ARCHIVE_DIR, "src"))).toBe(true);
  });

  it("turns a failed restore into a CacheError that says what it means; for a 429, that it is not retried", async () => {
    bench.service.failNext = {
      kind: "failed",
      problem: "Failed request: (429) Too Many Requests",
      rateLimited: true,
    };
    const error = await setup().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CacheError);
    expect(String(error)).toMatch(/could not be restored \(Failed request: \(429\) Too Many Requests\)/);
    expect(String(error)).toMatch(
      /rate-limiting.*@actions\/cache does not retry that, and neither does this action/,
    );
    expect(String(error)).toMatch(/this job neither reads nor saves the cache/);
    expect(bench.service.calls).toHaveLength(1);
    expect(existsSync(join(bench.workspace, ARCHIVE_DIR))).toBe(false);
  });

  it("needs the cache service, and cannot push when the job's cache mode is read", async () => {
    bench.service.problem = "the GitHub Actions cache service is not available to this job";
    await expect(setup()).rejects.toThrow(CacheError);
    expect(bench.service.calls).toEqual([]);
    bench.service.problem = undefined;
    bench.service.canWrite = false;
    expect((await setup()).access.canPush).toBe(false);
  });
});
