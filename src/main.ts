/**
 * The main step (action.yml `runs.main`): setup. `run()` reports a failure through the runner and never exits the
 * process, so @github/local-action can run it from src/ as well as dist/action/main.js from the bundle.
 */
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import * as core from "@actions/core";
import { bundleScript } from "./action/bundle-files.js";
import { loadInputs, readRawInputs } from "./action/inputs.js";
import { coreLog, coreRunnerFiles, saveSetupState } from "./action/runner.js";
import { runStoppable } from "./action/stop.js";
import type { ServerRequest } from "./cache/cache.js";
import { createCache } from "./cache/create-cache.js";
import { describeError } from "./lib/errors.js";
import { DEFAULT_STORE_DIR } from "./lib/store-path.js";
import { commandsUntil, execCommand } from "./nix/command.js";
import { NixStore } from "./nix/store.js";
import { startBackground } from "./process/background.js";
import { startPusherProcess } from "./push/pusher-process.js";
import { runSetup } from "./setup/run-setup.js";

export async function run(): Promise<void> {
  await runStoppable(coreLog, (stop) =>
    setupStep(stop).catch((error) => core.setFailed(describeError(error))),
  );
}

/** Setup with the real collaborators; throws what should fail the step. `stop` aborts at SIGINT/SIGTERM. */
async function setupStep(stop: AbortSignal): Promise<void> {
  const inputs = loadInputs();
  const tempDir = process.env.RUNNER_TEMP || tmpdir();
  const context = { tempDir, env: process.env, log: coreLog };
  await runSetup({
    config: inputs,
    nix: new NixStore(commandsUntil(stop), process.env.NIX_STORE_DIR || DEFAULT_STORE_DIR),
    // Not ended by a stop: sudo copying the system nix.conf must never be cut off halfway.
    run: execCommand,
    openCache: () => createCache(inputs.cache, { ...context, startServer: startReader }),
    log: coreLog,
    runner: coreRunnerFiles,
    saveState: saveSetupState,
    env: process.env,
    tempDir,
    stop,
    startPusher: async (dir, state) => {
      const script = bundleScript("pusher.js");
      // Run from src/ (@github/local-action) there is no bundle to start.
      if (!existsSync(script)) throw new Error(`${script} is missing`);
      const { inputs: raw, env } = readRawInputs();
      await startPusherProcess({
        node: process.execPath,
        script,
        dir,
        request: { inputs: raw, env, state },
        env: process.env,
      });
    },
  });
}

/** Starts a backend's read server (dist/action/reader.js) in `dir`; resolves with its port. */
async function startReader(dir: string, request: ServerRequest): Promise<number> {
  const script = bundleScript("reader.js");
  // Run from src/ (@github/local-action) there is no bundle to start.
  if (!existsSync(script)) throw new Error(`${script} is missing`);
  const started = await startBackground({
    node: process.execPath,
    script,
    dir,
    request,
    env: process.env,
    readyWithinMs: 10_000,
  });
  const port = Number(started.ready);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`the cache's read server said no port (${JSON.stringify(started.ready)})`);
  }
  return port;
}
