/**
 * The post step (action.yml `runs.post`): undo setup's changes, then push. `run()` reports through the runner and
 * never exits the process, so @github/local-action can run it from src/ as well as dist/action/post.js.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import * as core from "@actions/core";
import { bundleScript } from "./action/bundle-files.js";
import { loadInputs } from "./action/inputs.js";
import { coreLog, coreRunnerFiles, loadSetupState } from "./action/runner.js";
import { runStoppable } from "./action/stop.js";
import { createCache } from "./cache/create-cache.js";
import { describeError } from "./lib/errors.js";
import { commandsUntil, execCommand } from "./nix/command.js";
import { NixStore } from "./nix/store.js";
import { nodeNarFileSystem } from "./nix/store-files.js";
import { BACKGROUND_FILES, endBackground, readText, stopBackgroundNow } from "./process/background.js";
import { finishPusher } from "./push/pusher-process.js";
import { type PushedPath, runPush, setPushOutputs } from "./push/run-push.js";
import { startStagingPool } from "./push/staging-pool.js";
import { undoNixConfig } from "./setup/configure-nix.js";

export async function run(): Promise<void> {
  await runStoppable(coreLog, async (stop) => {
    const { error, strict } = await withBackgroundEnded(stop, () => postStep(stop));
    if (error !== undefined) (strict ? core.setFailed : core.warning)(`Push: ${describeError(error)}`);
  });
}

/**
 * No process of the action outlives post: a stop ends the background pusher and the read server at once
 * (synchronously, as a stopped step is ended soon after), and so does any way out of `body` that did not end them.
 */
async function withBackgroundEnded<T>(stop: AbortSignal, body: () => Promise<T>): Promise<T> {
  let pusherDir: string | undefined;
  let serverDir: string | undefined;
  try {
    ({ pusherDir, serverDir } = loadSetupState() ?? {});
  } catch {
    // postStep reports an unreadable state.
  }
  if (pusherDir === undefined && serverDir === undefined) return body();
  const onStop = () => {
    for (const dir of [pusherDir, serverDir]) if (dir !== undefined) stopBackgroundNow(dir);
  };
  stop.addEventListener("abort", onStop, { once: true });
  try {
    return await body();
  } finally {
    stop.removeEventListener("abort", onStop);
    if (serverDir !== undefined && existsSync(serverDir)) await endReadServer(serverDir);
    if (pusherDir !== undefined && existsSync(pusherDir)) await finishBackgroundPush(pusherDir, 0, stop);
  }
}

const NOTHING = { pushed: 0, fileBytes: 0, skipped: 0 };

/**
 * Post with the real collaborators; returns its error instead of throwing, with whether `strict` makes that error
 * fail the step. `stop` aborts at SIGINT/SIGTERM: the push ends early. The outputs are set on every way out.
 */
async function postStep(stop: AbortSignal): Promise<{ error?: unknown; strict: boolean }> {
  const deps = { log: coreLog, runner: coreRunnerFiles };
  const tempDir = process.env.RUNNER_TEMP || tmpdir();
  let strict = false;
  // From here on runPush sets the outputs, whatever happens.
  let pushing = false;
  try {
    // What setup changed is undone first, as it needs neither the inputs nor the cache: a stop, a failed push or
    // inputs a later step made unreadable must not leave the netrc (it holds the token) or a system block behind.
    const state = loadSetupState();
    if (state !== undefined) {
      await undoNixConfig(state, { run: execCommand, env: process.env, tempDir, log: coreLog });
    }
    // Nothing reads the cache through it any more: post pushes to the cache directly.
    if (state?.serverDir !== undefined) await endReadServer(state.serverDir);
    const inputs = loadInputs();
    strict = inputs.strict;
    if (state === undefined) {
      coreLog.info(
        "Setup saved no state: it was stopped or failed before it changed anything, so there is nothing to push or undo.",
      );
      setPushOutputs(deps, NOTHING);
      return { strict };
    }
    const cache = await createCache(
      inputs.cache,
      { tempDir, env: process.env, log: coreLog },
      { handOver: state.cache },
    );
    const started = Date.now();
    const pushedDuringBuild =
      state.pusherDir === undefined
        ? undefined
        : await finishBackgroundPush(state.pusherDir, inputs.pushTimeoutMs, stop);
    pushing = true;
    await runPush({
      // pushTimeout bounds post's whole push: what waiting for the pusher took is not given twice.
      config: { ...inputs, pushTimeoutMs: Math.max(1, inputs.pushTimeoutMs - (Date.now() - started)) },
      pushedDuringBuild,
      state,
      nix: new NixStore(commandsUntil(stop), state.storeDir, state.nixVersion),
      cache,
      startStager: ({ dir, compressionLevel }) =>
        startStagingPool({
          script: bundleScript("stager.js"),
          // NBCA_STAGING_THREADS: for measuring (npm run bench); one thread per core otherwise.
          threads: Number(process.env.NBCA_STAGING_THREADS) || availableParallelism(),
          dir,
          compressionLevel,
          fs: nodeNarFileSystem,
          onFallback: (reason) => coreLog.info(`Staging on the main thread: ${reason}.`),
        }),
      ...deps,
      tempDir,
      stop,
    });
    return { strict };
  } catch (error) {
    if (!pushing) setPushOutputs(deps, NOTHING);
    return { error, strict };
  }
}

/**
 * Asks the background pusher to finish its queue (within `timeoutMs`, or at once on a stop), prints its log, removes
 * its directory; returns what it published.
 */
async function finishBackgroundPush(
  dir: string,
  timeoutMs: number,
  stop: AbortSignal,
): Promise<ReadonlyMap<string, PushedPath>> {
  const finished = await coreLog.group("Finish the background push", async () => {
    const result = await finishPusher(dir, { deadline: AbortSignal.timeout(Math.max(1, timeoutMs)), stop });
    printQuoted(result.log.trimEnd() || "The background pusher wrote no log.");
    coreLog.info(
      result.ending === "finished"
        ? `The background pusher finished: ${result.published.size} paths pushed while the build ran.`
        : result.ending === "timed-out"
          ? `The background pusher did not finish within pushTimeout and was ended; the ${result.published.size} paths it pushed count.`
          : result.ending === "stopped"
            ? `Post was stopped, and the background pusher with it; the ${result.published.size} paths it pushed count.`
            : `The background pusher had ended before post (killed?); the ${result.published.size} paths it pushed count, post pushes the rest.`,
    );
    return result;
  });
  await rm(dir, { recursive: true, force: true });
  return finished.published;
}

/** Ends the Actions cache's read server (which setup started), prints its log and removes its directory. */
async function endReadServer(dir: string): Promise<void> {
  await endBackground(dir, 1000);
  const log = readText(join(dir, BACKGROUND_FILES.log)).trimEnd();
  if (log !== "") await coreLog.group("The cache's read server", async () => printQuoted(log));
  await rm(dir, { recursive: true, force: true });
}

/** Prints a background process's log: it quotes what servers answered, so the runner takes no `::command::` from it. */
function printQuoted(text: string): void {
  const token = randomUUID();
  core.info(`::stop-commands::${token}`);
  coreLog.info(text);
  core.info(`::${token}::`);
}
