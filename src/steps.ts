/** The composition root: the real collaborators for each step, and nothing else. */
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createCache } from "./cache/create-cache.js";
import { undoNixConfig } from "./configure-nix.js";
import { describeError } from "./errors.js";
import { loadInputs } from "./inputs.js";
import type { SigningKey } from "./lib/signing.js";
import { DEFAULT_STORE_DIR } from "./lib/store-path.js";
import { commandsUntil, execCommand } from "./nix/command.js";
import { NixStore } from "./nix/store.js";
import { nodeNarFileSystem } from "./nix/store-files.js";
import { reportNothingPushed, runPush } from "./push/run-push.js";
import { coreLog, coreRunnerFiles } from "./report.js";
import { runSetup } from "./setup.js";
import { type Signer, startSigner } from "./signer/signer.js";
import { loadSetupState, saveSetupState } from "./state.js";

const tempDir = () => process.env.RUNNER_TEMP || tmpdir();
const storeDir = () => process.env.NIX_STORE_DIR || DEFAULT_STORE_DIR;

/** Signers on up to `threads` threads running the bundle of src/signer/sign-thread.ts, beside this one in dist/. */
function threadedSigners(threads: number): (key: SigningKey, signatures: number) => Signer {
  return (key, signatures) =>
    startSigner(key, {
      script: join(dirname(fileURLToPath(import.meta.url)), "..", "signer", "index.js"),
      threads: Math.min(4, threads),
      signatures,
      onFallback: (reason) => coreLog.info(`Signing on the main thread: ${reason}.`),
    });
}

/** The main step; throws what should fail it. `stop` aborts at SIGINT/SIGTERM. */
export async function setupStep(stop: AbortSignal): Promise<void> {
  await runSetup({
    inputs: loadInputs(),
    nix: new NixStore(commandsUntil(stop), storeDir()),
    // Not ended by a stop: sudo copying the system nix.conf must never be cut off halfway.
    run: execCommand,
    // The Actions cache mode signs what it restored for this job: nothing else runs meanwhile, every core may sign.
    createCache: (context) =>
      createCache({ ...context, createSigner: threadedSigners(availableParallelism()) }),
    log: coreLog,
    runner: coreRunnerFiles,
    saveState: saveSetupState,
    env: process.env,
    tempDir: tempDir(),
    stop,
  });
}

/**
 * The post step; returns its error instead of throwing, with whether `strict` makes that error fail the step.
 * `stop` aborts at SIGINT/SIGTERM: the push ends early.
 */
export async function postStep(stop: AbortSignal): Promise<{ error?: unknown; strict: boolean }> {
  let strict = false;
  try {
    // What setup changed is undone first, as it needs neither the inputs nor the cache: a stop, a failed push or
    // inputs a later step made unreadable must not leave the netrc (it holds the token) or a system block behind.
    const state = loadSetupState();
    if (state !== undefined) {
      await undoNixConfig(state, { run: execCommand, env: process.env, tempDir: tempDir(), log: coreLog });
    }
    const inputs = loadInputs();
    strict = inputs.strict;
    if (state === undefined) {
      coreLog.info(
        "Setup saved no state: it was stopped or failed before it changed anything, so there is nothing to push or undo.",
      );
      try {
        reportNothingPushed(coreRunnerFiles);
      } catch (error) {
        // The runner's files live in RUNNER_TEMP, which may be the full disk that stopped setup.
        coreLog.info(`The step's outputs could not be written: ${describeError(error)}`);
      }
      return { strict };
    }
    await runPush({
      inputs,
      state,
      nix: new NixStore(commandsUntil(stop), state.storeDir, state.nixVersion),
      cache: await createCache({
        inputs,
        tempDir: tempDir(),
        env: process.env,
        log: coreLog,
        saved: state.cache,
      }),
      fs: nodeNarFileSystem,
      // One core is busy reading and uploading NARs; zstd takes what is left over between paths.
      createSigner: threadedSigners(availableParallelism() - 1),
      log: coreLog,
      runner: coreRunnerFiles,
      tempDir: tempDir(),
      stop,
    });
    return { strict };
  } catch (error) {
    return { error, strict };
  }
}
