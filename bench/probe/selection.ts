/**
 * Times setup's store snapshot and post's selection in-process, with the action's own code (bundled from src/ by
 * the benchmark with ncc) and the environment of a post step (INPUT_*, STATE_*). The steps themselves cannot say
 * how long these parts took; this is the same code, called the same way, with a clock around it.
 *
 * Prints one JSON line: { snapshotMs, snapshotEntries, selectionMs, toPush, cached, upstream, parts }, where `parts`
 * times selection's steps one by one (a second pass, after the timed one) to show where the time goes.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadInputs } from "../../src/action/inputs.js";
import { loadSetupState } from "../../src/action/runner.js";
import { createCache } from "../../src/cache/create-cache.js";
import type { Log } from "../../src/lib/ports.js";
import { diffStoreEntries } from "../../src/lib/store-diff.js";
import { hashPartOf } from "../../src/lib/store-path.js";
import { execCommand } from "../../src/nix/command.js";
import { NixStore } from "../../src/nix/store.js";
import { readAddedStorePaths } from "../../src/push/added-paths.js";
import { selectPaths } from "../../src/push/select-paths.js";
import { startStoreSnapshot } from "../../src/setup/snapshot.js";

/** The probe ends no call early. */
const NEVER = new AbortController().signal;

const quiet: Log = {
  info: () => {},
  notice: () => {},
  warning: (message) => process.stderr.write(`warning: ${message}\n`),
  debug: () => {},
  group: (_title, body) => body(),
};

async function main(): Promise<void> {
  const inputs = loadInputs();
  const state = loadSetupState();
  if (state?.snapshotFile === undefined) throw new Error("no setup state with a snapshot: run setup first");
  const nix = new NixStore(execCommand, state.storeDir);

  // Setup's snapshot, as src/setup/run-setup.ts takes it.
  const scratch = await mkdtemp(join(tmpdir(), "nbca-probe-"));
  const snapshotStart = performance.now();
  const snapshotEntries = await startStoreSnapshot(nix).writeTo(join(scratch, "snapshot.txt"));
  const snapshotMs = performance.now() - snapshotStart;
  await rm(scratch, { recursive: true, force: true });

  // Post's selection, as src/push/run-push.ts runs it: read setup's snapshot, then select.
  const cache = await createCache(
    inputs.cache,
    { tempDir: tmpdir(), env: process.env, log: quiet },
    { handOver: state.cache },
  );
  const selectionStart = performance.now();
  const added = await readAddedStorePaths(nix, state.snapshotFile);
  const closures = await nix.closureOfValid(added.paths, { mayBeInvalid: added.someLocked });
  const selection = await selectPaths(
    {
      added: { paths: added.paths, closures },
      pathsToPush: inputs.pathsToPush,
      pushFilter: inputs.pushFilter,
      upstreamKeys: inputs.upstreamKeys,
    },
    nix,
    cache,
    quiet,
    NEVER,
  );
  const selectionMs = performance.now() - selectionStart;

  const parts: Record<string, number> = {};
  const timed = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    const result = await work();
    parts[name] = performance.now() - start;
    return result;
  };
  const snapshot = await timed("readSnapshot", async () => {
    return new Set((await readFile(state.snapshotFile as string, "utf8")).split("\n"));
  });
  const listedNow = await timed("listStore", () => nix.listStoreEntries());
  const addedAgain = await timed("diff", () => diffStoreEntries(snapshot, listedNow, nix.storeDir));
  const infos = await timed("closure", () =>
    nix.closureOfValid(addedAgain.paths, { mayBeInvalid: addedAgain.someLocked }),
  );
  await timed("findCached", () => cache.findCached([...infos.keys()].map(hashPartOf), NEVER));
  process.stdout.write(
    `${JSON.stringify({
      snapshotMs,
      snapshotEntries,
      selectionMs,
      toPush: selection.toPush.length,
      cached: selection.cached.length,
      upstream: selection.upstream.length,
      parts,
    })}\n`,
  );
}

await main();
process.exit();
