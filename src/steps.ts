/** The composition root: the real collaborators for each step, and nothing else. */
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createCache } from "./cache/create-cache.js";
import { undoNixConfig } from "./configure-nix.js";
import { type Inputs, loadInputs } from "./inputs.js";
import { DEFAULT_STORE_DIR } from "./lib/store-path.js";
import { execCommand } from "./nix/command.js";
import { NixStore } from "./nix/store.js";
import { nodeNarFileSystem } from "./nix/store-files.js";
import { reportNothingPushed, runPush } from "./push/run-push.js";
import { startSigner } from "./push/signer.js";
import { coreLog, coreRunnerFiles } from "./report.js";
import { runSetup } from "./setup.js";
import { loadSetupState, saveSetupState } from "./state.js";

const tempDir = () => process.env.RUNNER_TEMP || tmpdir();
const storeDir = () => process.env.NIX_STORE_DIR || DEFAULT_STORE_DIR;

/** The main step; throws what should fail it. */
export async function setupStep(): Promise<void> {
  await runSetup({
    inputs: loadInputs(),
    nix: new NixStore(execCommand, storeDir()),
    run: execCommand,
    createCache,
    log: coreLog,
    runner: coreRunnerFiles,
    saveState: saveSetupState,
    env: process.env,
    tempDir: tempDir(),
  });
}

/** The post step; returns its error instead of throwing, with whether `strict` makes that error fail the step. */
export async function postStep(): Promise<{ error?: unknown; strict: boolean }> {
  let inputs: Inputs | undefined;
  try {
    inputs = loadInputs();
    const state = loadSetupState();
    if (state === undefined) {
      coreLog.info("Setup did not finish, so there is nothing to push.");
      reportNothingPushed(coreRunnerFiles);
      return { strict: inputs.strict };
    }
    try {
      await runPush({
        inputs,
        state,
        nix: new NixStore(execCommand, state.storeDir),
        cache: await createCache({
          inputs,
          tempDir: tempDir(),
          env: process.env,
          log: coreLog,
          saved: state.cache,
        }),
        fs: nodeNarFileSystem,
        createSigner: (key, signatures) =>
          startSigner(key, {
            // The bundle of src/push/sign-thread.ts, next to this one's directory in dist/.
            script: join(dirname(fileURLToPath(import.meta.url)), "..", "signer", "index.js"),
            // One core is busy reading and uploading NARs, zstd takes what is left over between paths.
            threads: Math.max(1, Math.min(4, availableParallelism() - 1)),
            signatures,
            onFallback: (reason) => coreLog.info(`Signing on the main thread: ${reason}.`),
          }),
        log: coreLog,
        runner: coreRunnerFiles,
        tempDir: tempDir(),
      });
    } finally {
      await undoNixConfig(state, { run: execCommand, env: process.env, tempDir: tempDir(), log: coreLog });
    }
    return { strict: inputs.strict };
  } catch (error) {
    return { error, strict: inputs?.strict ?? false };
  }
}
