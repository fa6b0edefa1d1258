// Path selection against the real Nix of this machine: the diff, closures, upstream signatures and the cache.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Log } from "../../src/lib/ports.js";
import { parsePublicKey } from "../../src/lib/signing.js";
import type { AddedStorePaths } from "../../src/lib/store-diff.js";
import { hashPartOf as hashPart } from "../../src/lib/store-path.js";
import { NixStore } from "../../src/nix/store.js";
import { readAddedStorePaths } from "../../src/push/added-paths.js";
import { selectPaths } from "../../src/push/select-paths.js";
import { startStoreSnapshot } from "../../src/setup/snapshot.js";
import { MemoryCache } from "../helpers/fakes/memory-cache.js";
import { NEVER } from "../helpers/fakes/ports.js";
import { buildClosure, type Closure, closurePaths } from "../helpers/nix/closures.js";
import { createNixEnv, nixCommandRunner, runOk } from "../helpers/nix/env.js";
import { deleteStorePaths } from "../helpers/nix/store.js";

const keys = join(import.meta.dirname, "../fixtures/keys");
const upstreamKey = parsePublicKey(readFileSync(join(keys, "test-cache-1.pk"), "utf8"));
// Same name as the upstream key, other key material: must never count as upstream.
const impostorKey = parsePublicKey(readFileSync(join(keys, "impostor.pk"), "utf8"));

const nixEnv = createNixEnv();
const calls: string[][] = [];
const runNix = nixCommandRunner(nixEnv);
const store = new NixStore((program, args) => {
  calls.push([program, ...args]);
  return runNix(program, args);
}, "/nix/store");
const quiet: Log = { info() {}, notice() {}, warning() {}, debug() {}, group: (_title, body) => body() };
// Other processes may build into the shared store meanwhile: look only at this test's own paths.
const ours = (paths: readonly string[]) => paths.filter((path) => path.includes("-nbca-select-")).sort();
const pushed = (selection: { toPush: readonly { path: string }[] }) =>
  ours(selection.toPush.map((info) => info.path));

let added: AddedStorePaths;
/** The job's new paths as post hands them to selectPaths: with their closures, from post's one Nix call. */
const withClosures = async (paths: AddedStorePaths) => ({
  paths: paths.paths,
  closures: await store.closureOfValid(paths.paths, { mayBeInvalid: paths.someLocked }),
});
let closure: Closure;
let base: string;
let middle: string;
let top: string;

beforeAll(async () => {
  const snapshotFile = join(nixEnv.root, "snapshot");
  await startStoreSnapshot(store).writeTo(snapshotFile);
  closure = await buildClosure(nixEnv, { count: 3, label: "select" });
  [base, middle, top] = closure.outPaths as [string, string, string];
  added = await readAddedStorePaths(store, snapshotFile);
  // An upstream cache signed the base path, as cache.nixos.org signs what it serves.
  await runOk(
    "nix",
    [
      "--extra-experimental-features",
      "nix-command",
      "store",
      "sign",
      "--key-file",
      join(keys, "test-cache-1.sk"),
      base,
    ],
    nixEnv.env,
  );
});
afterAll(async () => {
  await deleteStorePaths(nixEnv, closurePaths(closure));
  nixEnv.cleanup();
});

describe("selectPaths", () => {
  it("pushes the new closure minus what upstream signed and what the cache holds", async () => {
    const cache = new MemoryCache();
    cache.narInfos.set(hashPart(middle), "StorePath: already here\n");
    const selection = await selectPaths(
      { added: await withClosures(added), pathsToPush: [], upstreamKeys: [upstreamKey] },
      store,
      cache,
      quiet,
      NEVER,
    );
    expect(pushed(selection)).toEqual([top]);
    expect(ours(selection.upstream)).toEqual([base]);
    expect(ours(selection.cached)).toEqual([middle]);
    expect(ours([...selection.available])).toEqual([base, middle].sort());
    expect(cache.findCachedCalls).toBe(1);
  });

  it("asks validity first when a new path may still be in the making, and never hands it to nix path-info", async () => {
    const building = "/nix/store/00000000000000000000000000000000-nbca-select-building";
    calls.length = 0;
    const selection = await selectPaths(
      {
        added: await withClosures({ paths: [...added.paths, building], someLocked: true }),
        pathsToPush: [],
        upstreamKeys: [],
      },
      store,
      new MemoryCache(),
      quiet,
      NEVER,
    );
    expect(pushed(selection)).toEqual([base, middle, top].sort());
    expect(calls.map((call) => call[0])).toEqual(["nix-store", "nix"]);
    expect(calls[1]).not.toContain(building);
  });

  it("counts a signature as upstream only when it verifies, not by the key's name", async () => {
    const selection = await selectPaths(
      { added: await withClosures(added), pathsToPush: [], upstreamKeys: [impostorKey] },
      store,
      new MemoryCache(),
      quiet,
      NEVER,
    );
    expect(ours(selection.upstream)).toEqual([]);
    expect(pushed(selection)).toEqual([base, middle, top].sort());
  });

  it("drops pushFilter matches among the new paths, but still pushes references a pushed path needs", async () => {
    const onlyTop = await selectPaths(
      { added: await withClosures(added), pathsToPush: [], pushFilter: /select-2$/, upstreamKeys: [] },
      store,
      new MemoryCache(),
      quiet,
      NEVER,
    );
    expect(ours(onlyTop.filtered)).toEqual([top]);
    expect(pushed(onlyTop)).toEqual([base, middle].sort());

    const middleOnly = await selectPaths(
      { added: await withClosures(added), pathsToPush: [], pushFilter: /select-1$/, upstreamKeys: [] },
      store,
      new MemoryCache(),
      quiet,
      NEVER,
    );
    expect(ours(middleOnly.filtered)).toEqual([]);
    expect(pushed(middleOnly)).toEqual([base, middle, top].sort());
  });

  it("takes pathsToPush as given, .drv files as themselves, and reports what is not a valid store path", async () => {
    const drv = closure.drvPaths[0] ?? "";
    const selection = await selectPaths(
      {
        pathsToPush: [middle, drv, "/nix/store/00000000000000000000000000000000-gone", "/etc/hostname"],
        upstreamKeys: [],
      },
      store,
      new MemoryCache(),
      quiet,
      NEVER,
    );
    const paths = selection.toPush.map((info) => info.path);
    expect(paths).toEqual(expect.arrayContaining([base, middle, drv]));
    expect(paths).not.toContain(top);
    expect(paths.filter((path) => !path.endsWith(".drv")).sort()).toEqual([base, middle].sort());
    expect(selection.toPush.find((info) => info.path === drv)?.ca).toMatch(/^text:sha256:/);
    expect(selection.unknown).toEqual(["/etc/hostname", "/nix/store/00000000000000000000000000000000-gone"]);
  });
});
