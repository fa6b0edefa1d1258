/**
 * The background pusher (dist/action/pusher.js, started by setup; see push/pusher-process.ts): reads its request
 * from stdin, then pushes new paths in rounds (push/background.ts) until post sends SIGUSR2 (finish the round under
 * way, then exit) or SIGTERM (stop now). A SIGUSR2 that comes before the handler is set ends it at once: post then
 * pushes everything itself. Its stdout and stderr are its log file, which post prints.
 */
import { appendFileSync, openSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { setPriority, tmpdir } from "node:os";
import { join } from "node:path";
import { bundleScript } from "./action/bundle-files.js";
import { parseInputs } from "./action/inputs.js";
import { createCache } from "./cache/create-cache.js";
import { describeError, StepStopped } from "./lib/errors.js";
import { lineLog } from "./lib/line-log.js";
import { commandsUntil } from "./nix/command.js";
import { NixStore } from "./nix/store.js";
import { nodeNarFileSystem } from "./nix/store-files.js";
import { watchStoreChanges } from "./nix/store-watch.js";
import { runBackgroundPush } from "./push/background.js";
import { FINISH_SIGNAL, PUSHER_FILES, type PusherRequest } from "./push/pusher-process.js";
import { type Stager, startStagingPool } from "./push/staging-pool.js";

/** How often the store is looked at when nothing in it changes, and how long after a change. */
const ROUND_INTERVAL_MS = 2000;
const ROUND_SETTLE_MS = 300;

export async function run(dir: string): Promise<void> {
  const log = lineLog((line) => process.stdout.write(line));
  const finish = new AbortController();
  const stop = new AbortController();
  process.on(FINISH_SIGNAL, () => {
    log.info("Post asks to finish: no path starts after those under way.");
    finish.abort();
  });
  process.on("SIGTERM", () => stop.abort(new StepStopped("SIGTERM")));
  // The runner's SIGINT goes to the step that runs, not here; post decides when the pusher ends.
  process.on("SIGINT", () => {});
  lowerPriority();
  let stager: Stager | undefined;
  try {
    const request = JSON.parse(await readStdin()) as PusherRequest;
    const { state } = request;
    const inputs = parseInputs((name) => request.inputs[name] ?? "", request.env);
    if (state.snapshotFile === undefined) throw new Error("setup saved no store snapshot");
    const tempDir = process.env.RUNNER_TEMP || tmpdir();
    const cache = await createCache(
      inputs.cache,
      { tempDir, env: process.env, log },
      { handOver: state.cache },
    );
    const nix = new NixStore(commandsUntil(stop.signal), state.storeDir, state.nixVersion);
    const snapshot = new Set((await readFile(state.snapshotFile, "utf8")).split("\n"));
    const changes = watchStoreChanges(state.storeDir, {
      intervalMs: ROUND_INTERVAL_MS,
      settleMs: ROUND_SETTLE_MS,
    });
    const published = openSync(join(dir, PUSHER_FILES.published), "a", 0o600);
    log.info(`Started for ${cache.description}, store ${state.storeDir}.`);
    const count = await runBackgroundPush({
      config: inputs,
      nix,
      cache,
      log,
      tempDir,
      snapshot,
      // One thread: one core's worth of compression while the build runs, kept from round to round.
      startStager: ({ dir: stagingDir, compressionLevel }) => {
        stager ??= startStagingPool({
          script: bundleScript("stager.js"),
          threads: 1,
          dir: stagingDir,
          compressionLevel,
          fs: nodeNarFileSystem,
          onFallback: (reason) => log.info(`Staging on the main thread: ${reason}.`),
        });
        return { threads: stager.threads, stage: stager.stage, close: async () => {} };
      },
      onPublished: (path, pushed) => {
        appendFileSync(published, `${JSON.stringify({ path, ...pushed })}\n`);
      },
      nextRound: (signal) => changes.next(signal),
      finish: finish.signal,
      stop: stop.signal,
    });
    changes.close();
    log.info(
      `${stop.signal.aborted ? "Stopped" : "Finished"}: ${count} path${count === 1 ? "" : "s"} pushed while the build ran.`,
    );
  } catch (error) {
    log.warning(`The background pusher ended: ${describeError(error)}`);
  } finally {
    await stager?.close();
  }
}

/**
 * Below the build, whatever the machine: nice(1) started it at 19 where there is one (this sets the thread's own
 * otherwise). With the kernel's autogroups (Ubuntu's default) nice counts only within a session, and the pusher
 * has a session of its own, which would get as much CPU as the build's: its autogroup is set to 19 as well.
 */
function lowerPriority(): void {
  try {
    setPriority(19);
  } catch {}
  try {
    writeFileSync("/proc/self/autogroup", "19");
  } catch {
    // No autogroups (or no /proc): nice alone decides.
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
