/**
 * The background pusher's rounds, driven one by one, against a store whose paths become valid between rounds (as
 * Nix builds them) and the in-memory cache that records every call in order.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseNarInfo } from "../../src/lib/narinfo.js";
import { hashPartOf } from "../../src/lib/store-path.js";
import { NixStore } from "../../src/nix/store.js";
import { nodeNarFileSystem } from "../../src/nix/store-files.js";
import { runBackgroundPush } from "../../src/push/background.js";
import { inProcessStager } from "../../src/push/staging-pool.js";
import { MemoryCache } from "../helpers/fakes/memory-cache.js";
import { FakeNixStore, storeName } from "../helpers/fakes/nix-store.js";
import { RecordingLog } from "../helpers/fakes/ports.js";
import { fixtureSigningKey } from "../helpers/fixtures.js";

const SIGNING_KEY = fixtureSigningKey("test-cache-1");
const UPSTREAM_KEY = fixtureSigningKey("aux-cache-1");

const BEFORE = storeName("1", "there-at-setup");
const LIB = storeName("2", "lib");
const APP = storeName("3", "app");
const TOOL = storeName("4", "upstream-tool");
const OLD = storeName("5", "cached-before");
const FAILED = storeName("6", "failed-build");

let root: string;
let store: FakeNixStore;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "background-"));
  store = new FakeNixStore(join(root, "store"));
  await store.add(BEFORE, { references: [] });
});
afterEach(() => rm(root, { recursive: true, force: true }));

/**
 * Runs the pusher with rounds the test lets through one at a time: `between[k]` changes the store before round k;
 * after the last the pusher is asked to finish.
 */
async function pushInRounds(cache: MemoryCache, between: (() => Promise<void>)[]) {
  const finish = new AbortController();
  const published: string[] = [];
  const log = new RecordingLog();
  let round = 0;
  const count = await runBackgroundPush({
    config: {
      signingKey: SIGNING_KEY,
      pathsToPush: [],
      upstreamKeys: [UPSTREAM_KEY.publicKey],
      compressionLevel: 3,
      pushTimeoutMs: 60_000,
    },
    nix: new NixStore(store.run, store.storeDir, "2.8.0"),
    cache,
    log,
    tempDir: root,
    snapshot: new Set([BEFORE, ".links"]),
    startStager: ({ dir, compressionLevel }) =>
      inProcessStager({ dir, compressionLevel, fs: nodeNarFileSystem }),
    onPublished: (path) => published.push(path),
    nextRound: async () => {
      const change = between[round++];
      if (change === undefined) finish.abort();
      else await change();
    },
    finish: finish.signal,
    stop: new AbortController().signal,
  });
  return { count, published, log };
}

const full = (basename: string) => join(store.storeDir, basename);

describe("runBackgroundPush", () => {
  it("pushes each path once it is valid, references first, never what upstream or the cache has, nothing twice", async () => {
    const cache = new MemoryCache();
    cache.narInfos.set(hashPartOf(full(OLD)), "StorePath: cached by an earlier job\n");
    let validityAsked = 0;
    const { count, published, log } = await pushInRounds(cache, [
      async () => {
        await store.add(TOOL, { references: [], signedBy: UPSTREAM_KEY });
        await store.add(OLD, { references: [] });
        await store.add(LIB, { references: [], built: true });
        // Still being built: in the directory, not valid yet.
        await store.add(APP, { references: [LIB, TOOL, OLD] }, { valid: false });
        await store.add(FAILED, { references: [] }, { valid: false });
      },
      async () => {
        await store.register(APP, { references: [LIB, TOOL, OLD], built: true });
        // Nix removes what a failed build left.
        await store.removeInvalid(FAILED);
      },
      async () => {
        validityAsked = store.calls.filter((call) => call.includes("--check-validity")).length;
      },
    ]);
    expect(published).toEqual([full(LIB), full(APP)]);
    expect(count).toBe(2);
    expect(log.of("warning")).toEqual([]);
    // Each narinfo after its NAR, and APP's after LIB's (TOOL is upstream's, OLD was cached).
    const at = (kind: "nar" | "narinfo", key: string) =>
      cache.events.findIndex((event) =>
        event.kind === "nar"
          ? kind === "nar" && event.url === key
          : kind === "narinfo" && event.hashPart === key,
      );
    for (const basename of [LIB, APP]) {
      const hashPart = hashPartOf(full(basename));
      const info = parseNarInfo(cache.narInfos.get(hashPart) ?? "", store.storeDir);
      expect(at("nar", info.url)).toBeGreaterThanOrEqual(0);
      expect(at("nar", info.url)).toBeLessThan(at("narinfo", hashPart));
    }
    expect(at("narinfo", hashPartOf(full(LIB)))).toBeLessThan(at("narinfo", hashPartOf(full(APP))));
    expect(cache.events.filter((event) => event.kind === "narinfo")).toHaveLength(2);
    expect([...cache.narInfos.keys()].sort()).toEqual(
      [OLD, LIB, APP].map((basename) => hashPartOf(full(basename))).sort(),
    );
    // The last round found nothing new: no Nix call about validity, no question to the cache.
    expect(store.calls.filter((call) => call.includes("--check-validity")).length).toBe(validityAsked);
    expect(cache.findCachedCalls).toBe(2);
  });

  it("a path whose narinfo the cache refused is pushed again when a later path needs it", async () => {
    const cache = new MemoryCache();
    cache.failNarInfo.add(hashPartOf(full(LIB)));
    const { published, log } = await pushInRounds(cache, [
      () => store.add(LIB, { references: [], built: true }).then(() => {}),
      async () => {
        // LIB failed and is not settled: its dependant brings it back into the next round's closure.
        cache.failNarInfo.clear();
        await store.add(APP, { references: [LIB], built: true });
      },
    ]);
    expect(log.of("warning").join("\n")).toContain("not pushed");
    expect(published).toEqual([full(LIB), full(APP)]);
  });
});
