/**
 * The post step's orchestrator, as setup's is tested: a store directory of real files, a command runner that
 * answers as Nix 2.8 does (its version, validity, `path-info --json --recursive`), the in-memory cache and
 * recording ports. Real Nix judges the same flow end to end in __tests__/e2e.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CacheError, StepStopped } from "../../src/lib/errors.js";
import { narInfoFingerprint, parseNarInfo } from "../../src/lib/narinfo.js";
import { verifySignature } from "../../src/lib/signing.js";
import type { CommandRunner } from "../../src/nix/command.js";
import { NixStore } from "../../src/nix/store.js";
import { nodeNarFileSystem } from "../../src/nix/store-files.js";
import { type PushDeps, runPush } from "../../src/push/run-push.js";
import { inProcessStager } from "../../src/push/staging-pool.js";
import type { SetupState } from "../../src/state.js";
import { MemoryCache } from "../helpers/fakes/memory-cache.js";
import { FakeNixStore, type FakePath, storeName } from "../helpers/fakes/nix-store.js";
import { RecordingLog, RecordingRunnerFiles } from "../helpers/fakes/ports.js";
import { fixturePublicKey, fixtureSigningKey } from "../helpers/fixtures.js";

const SIGNING_KEY = fixtureSigningKey("test-cache-1");
const PUBLIC_KEY = fixturePublicKey("test-cache-1");
const UPSTREAM_KEY = fixtureSigningKey("aux-cache-1");

const LIB = storeName("1", "lib");
const APP = storeName("2", "app");
const TOOL = storeName("3", "upstream-tool");
const OLD = storeName("4", "cached-before");
const BEFORE = storeName("5", "there-at-setup");

/** What the fake store holds: LIB and APP built by the job, TOOL substituted from upstream. */
const PATHS: Record<string, FakePath> = {
  [LIB]: { references: [], built: true },
  [APP]: { references: [LIB, TOOL, OLD], built: true },
  [TOOL]: { references: [], signedBy: UPSTREAM_KEY },
  [OLD]: { references: [] },
  [BEFORE]: { references: [] },
};

let root: string;
let storeDir: string;
let snapshotFile: string;
let store: FakeNixStore;
let calls: string[];
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "run-push-"));
  storeDir = join(root, "store");
  store = new FakeNixStore(storeDir);
  calls = store.calls;
  for (const [basename, fake] of Object.entries(PATHS)) await store.add(basename, fake);
  // Setup saw only BEFORE (and a leftover of Nix's own); the rest came during the job.
  snapshotFile = join(root, "snapshot.txt");
  await writeFile(snapshotFile, [BEFORE, ".links"].join("\n"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const nix28: CommandRunner = (program, args) => store.run(program, args);

/** The use outputs of every run here: the job built LIB and APP, and substituted nothing from this cache. */
const USE = { substitutedPaths: "0", substitutedBytes: "0", builtPaths: "2", hitRate: "0" };

function state(overrides: Partial<SetupState> = {}): SetupState {
  return { version: 2, storeDir, nixVersion: "2.8.0", mode: "push", snapshotFile, ...overrides };
}

interface Closed {
  pushing: boolean;
  published: string[];
}

async function post(overrides: Partial<PushDeps> = {}, cache = new MemoryCache()) {
  const log = new RecordingLog();
  const runner = new RecordingRunnerFiles();
  const closed: Closed[] = [];
  const closing = Object.assign(cache, {
    close: async (result: { pushing: boolean; published: ReadonlySet<string> }) => {
      closed.push({ pushing: result.pushing, published: [...result.published].sort() });
    },
  });
  const outcome = await runPush({
    config: {
      signingKey: SIGNING_KEY,
      pathsToPush: [],
      upstreamKeys: [UPSTREAM_KEY.publicKey],
      compressionLevel: 3,
      pushTimeoutMs: 60_000,
    },
    state: state(),
    nix: new NixStore(nix28, storeDir, "2.8.0"),
    cache: closing,
    startStager: ({ dir, compressionLevel }) =>
      inProcessStager({ dir, compressionLevel, fs: nodeNarFileSystem }),
    log,
    runner,
    tempDir: root,
    ...overrides,
  }).then(
    (report) => ({ report, error: undefined }),
    (error: unknown) => ({ report: undefined, error }),
  );
  return { ...outcome, log, runner, closed, cache };
}

const hashOf = (basename: string) => basename.slice(0, 32);

describe("runPush", () => {
  it("pushes what the job added with its closure, minus upstream and cached paths; NARs first, references first", async () => {
    const cache = new MemoryCache();
    cache.narInfos.set(hashOf(OLD), "already there");
    const { report, error, runner, closed, log } = await post({}, cache);
    expect(error).toBeUndefined();

    expect(report?.selection.toPush.map((info) => info.path).sort()).toEqual(
      [LIB, APP].map((basename) => join(storeDir, basename)),
    );
    expect(report?.selection.upstream).toEqual([join(storeDir, TOOL)]);
    expect(report?.selection.cached).toEqual([join(storeDir, OLD)]);
    // Each narinfo after its NAR, LIB's before APP's (APP refers to it); OLD and TOOL readers get elsewhere.
    const narinfoOrder = cache.events.filter((event) => event.kind === "narinfo").map((e) => e.hashPart);
    expect(narinfoOrder).toEqual([hashOf(LIB), hashOf(APP)]);
    for (const basename of [LIB, APP]) {
      const text = cache.narInfos.get(hashOf(basename)) ?? "";
      const info = parseNarInfo(text, storeDir);
      const narAt = cache.events.findIndex((event) => event.kind === "nar" && event.url === info.url);
      const infoAt = cache.events.findIndex((e) => e.kind === "narinfo" && e.hashPart === hashOf(basename));
      expect(narAt).toBeGreaterThanOrEqual(0);
      expect(narAt).toBeLessThan(infoAt);
      const fingerprint = narInfoFingerprint(info.storePath, info.narHash, info.narSize, info.references);
      expect(info.sigs.some((sig) => verifySignature(fingerprint, sig, [PUBLIC_KEY]))).toBe(true);
    }

    const nars = [...cache.nars.values()].reduce((sum, bytes) => sum + bytes.length, 0);
    expect(Object.fromEntries(runner.outputs)).toEqual({
      pushedPaths: "2",
      pushedBytes: String(nars),
      skippedPaths: "2",
      pushedWhileBuilding: "0",
      // The job built LIB and APP; it substituted nothing from this cache (TOOL came from upstream).
      substitutedPaths: "0",
      substitutedBytes: "0",
      builtPaths: "2",
      hitRate: "0",
    });
    expect(runner.summary).toContain("2 paths pushed to memory://test");
    expect(log.groups).toEqual(["Select new store paths", "Push 2 paths to memory://test"]);
    expect(closed).toEqual([{ pushing: true, published: [hashOf(APP), hashOf(LIB)].sort() }]);
    // One question for the closure, nothing realised; the snapshot is read once and removed.
    expect(calls.filter((call) => call.includes("path-info"))).toHaveLength(1);
    expect(existsSync(snapshotFile)).toBe(false);
  });

  it.each([
    ["read-only", "Read-only mode: nothing is pushed."],
    ["off", "Nothing is pushed in this job."],
  ] as const)(
    "in %s mode asks the cache nothing, sets zero push outputs, reports the cache's use and tells close it did not push",
    async (mode, line) => {
      const cache = new MemoryCache();
      const { report, error, runner, closed, log } = await post({ state: state({ mode }) }, cache);
      expect({ report, error }).toEqual({ report: undefined, error: undefined });
      expect(log.of("info")).toContain(line);
      expect(cache.findCachedCalls).toBe(0);
      // One question to Nix, for the report of what the cache did.
      expect(calls.filter((call) => call.includes("path-info"))).toHaveLength(1);
      expect(Object.fromEntries(runner.outputs)).toEqual({
        pushedPaths: "0",
        pushedBytes: "0",
        skippedPaths: "0",
        pushedWhileBuilding: "0",
        ...USE,
      });
      expect(runner.summary).toContain("| What the cache did for this job | |");
      expect(runner.summary).toContain("| Built here | 2 |");
      expect(closed).toEqual([{ pushing: false, published: [] }]);
      expect(existsSync(snapshotFile)).toBe(false);
    },
  );

  it("says once why setup left the cache out of use", async () => {
    const { log } = await post({
      state: state({ mode: "off", offReason: "the cache did not answer in time" }),
    });
    expect(log.of("warning")).toEqual(["Nothing is pushed: in setup, the cache did not answer in time."]);
  });

  it("with a cache that cannot say what it holds, reports every path as not pushed and fails", async () => {
    const cache = new MemoryCache();
    cache.findCached = async () => {
      throw new CacheError("cannot list memory://test: it is gone");
    };
    const { error, runner, closed } = await post({}, cache);
    // LIB, APP and OLD (which the cache could not say it has); TOOL is upstream's.
    expect(String(error)).toMatch(/3 of 3 paths could not be pushed/);
    expect(Object.fromEntries(runner.outputs)).toEqual({
      pushedPaths: "0",
      pushedBytes: "0",
      skippedPaths: "4",
      pushedWhileBuilding: "0",
      ...USE,
    });
    expect(runner.summary).toContain("it is gone");
    expect(closed).toEqual([{ pushing: true, published: [] }]);
  });

  it("sets the outputs and closes the cache when Nix fails in the middle", async () => {
    const broken: CommandRunner = async (program, args) => {
      if (args.includes("path-info")) throw new Error("nix: cannot connect to the daemon");
      return nix28(program, args);
    };
    const { error, runner, closed } = await post({ nix: new NixStore(broken, storeDir, "2.8.0") });
    expect(String(error)).toMatch(/cannot connect to the daemon/);
    expect(Object.fromEntries(runner.outputs)).toEqual({
      pushedPaths: "0",
      pushedBytes: "0",
      skippedPaths: "0",
      pushedWhileBuilding: "0",
      // Nix could not say what the job added: the use is unknown, and its outputs are zeros.
      substitutedPaths: "0",
      substitutedBytes: "0",
      builtPaths: "0",
      hitRate: "0",
    });
    expect(closed).toEqual([{ pushing: true, published: [] }]);
    expect(existsSync(snapshotFile)).toBe(false);
  });

  it("stopped: nothing is uploaded, each path is reported as stopped, and close is told nothing was published", async () => {
    const stop = new AbortController();
    stop.abort(new StepStopped("SIGTERM"));
    const cache = new MemoryCache();
    const { error, report, runner, closed } = await post({ stop: stop.signal }, cache);
    expect(String(error)).toMatch(/3 of 3 paths could not be pushed/);
    expect(report).toBeUndefined();
    expect(cache.events).toEqual([]);
    expect(runner.summary).toContain("Ended early: the step was stopped (SIGTERM).");
    // APP waits for LIB, which the stop came before.
    expect(runner.summary).toContain("| Not pushed: the step was stopped | 2 |");
    expect(runner.summary).toContain("| Not pushed: a reference failed | 1 |");
    expect(Object.fromEntries(runner.outputs)).toEqual({
      pushedPaths: "0",
      pushedBytes: "0",
      skippedPaths: "4",
      pushedWhileBuilding: "0",
      ...USE,
    });
    expect(closed).toEqual([{ pushing: true, published: [] }]);
  });
});
