/**
 * The main step: make the cache a substituter for the steps that follow, decide whether post may push, and
 * snapshot the store so post can tell which paths this job made.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { BinaryCache, CacheContext, ReadAccess } from "./cache/cache.js";
import { configureNixForLaterSteps, type NixConfigOutcome } from "./configure-nix.js";
import { CacheError, describeError } from "./errors.js";
import type { Inputs } from "./inputs.js";
import type { CommandRunner } from "./nix/command.js";
import type { NixStore } from "./nix/store.js";
import { type PendingSnapshot, startStoreSnapshot } from "./push/snapshot.js";
import type { Log, RunnerFiles } from "./report.js";
import type { PushMode, SetupState } from "./state.js";

export interface SetupDeps {
  readonly inputs: Inputs;
  readonly nix: NixStore;
  /** Runs the helpers of config writing: `id`, `sudo`, the daemon's service manager. */
  readonly run: CommandRunner;
  readonly createCache: (context: CacheContext) => BinaryCache | Promise<BinaryCache>;
  readonly log: Log;
  readonly runner: RunnerFiles;
  readonly saveState: (state: SetupState) => void;
  /** The job's environment, for NIX_CONFIG and RUNNER_ENVIRONMENT. */
  readonly env: NodeJS.ProcessEnv;
  /** A directory that lives until the end of the job (RUNNER_TEMP). */
  readonly tempDir: string;
}

export async function runSetup(deps: SetupDeps): Promise<void> {
  const { inputs, log } = deps;
  const snapshot =
    inputs.pathsToPush.length === 0 && !inputs.skipPush ? startStoreSnapshot(deps.nix) : undefined;
  const cache = await deps.createCache({ inputs, tempDir: deps.tempDir, env: deps.env, log });

  const version = await checkNix(deps.nix);
  log.info(`Nix ${version}, store ${deps.nix.storeDir}, cache ${cache.description}`);

  const { access, configured } = await log.group("Configure substituter", async () => {
    const readable = await prepareRead(deps, cache);
    return {
      access: readable,
      configured: readable === undefined ? undefined : await addSubstituters(deps, readable),
    };
  });
  const state: SetupState = {
    version: 1,
    storeDir: deps.nix.storeDir,
    mode: "off",
    cache: access?.saved,
    systemChange: configured?.systemChange,
    netrcFile: configured?.netrcFile,
  };
  // Saved before anything else can fail, so that post undoes the configuration whatever happens next.
  deps.saveState(state);
  const mode = await openForPush(deps, cache, pushMode(deps, access));
  const snapshotFile =
    mode === "push" && snapshot !== undefined ? await saveSnapshot(deps, snapshot) : undefined;
  deps.saveState({ ...state, mode, snapshotFile });
}

async function checkNix(nix: NixStore): Promise<string> {
  try {
    return await nix.version();
  } catch (error) {
    throw new Error(
      `Nix is not installed or does not run (${describeError(error)}). ` +
        "Install Nix in an earlier step, e.g. with cachix/install-nix-action.",
    );
  }
}

/** The cache's read access, or undefined (with a warning) when it cannot be reached and `strict` is off. */
async function prepareRead(deps: SetupDeps, cache: BinaryCache): Promise<ReadAccess | undefined> {
  try {
    return await cache.prepareRead(deps.nix.storeDir);
  } catch (error) {
    if (deps.inputs.strict || !(error instanceof CacheError)) throw error;
    deps.log.warning(`${describeError(error)}. The build goes on without this cache.`);
    return undefined;
  }
}

async function addSubstituters(deps: SetupDeps, access: ReadAccess): Promise<NixConfigOutcome | undefined> {
  let wanted = access;
  if (deps.inputs.skipAddingSubstituter) {
    // As in cachix-action: the pushed-to cache is skipped, caches that are only pulled from are still added.
    wanted = { ...access, substituters: access.substituters.filter((substituter) => substituter.pullOnly) };
    deps.log.info("skipAddingSubstituter is set: the cache is not added as a substituter.");
    if (wanted.substituters.length === 0) return undefined;
  }
  const outcome = await configureNixForLaterSteps(wanted, deps);
  if (!outcome.configured && deps.inputs.strict) {
    throw new CacheError(
      "the cache could not be configured for this Nix installation (see the warning above)",
    );
  }
  const first = outcome.added[0];
  if (first !== undefined) {
    deps.runner.setOutput("substituter", first.url);
    deps.runner.setOutput("publicKey", first.publicKeys.join(" "));
  }
  return outcome;
}

function pushMode(deps: SetupDeps, access: ReadAccess | undefined): PushMode {
  const { inputs, log } = deps;
  if (inputs.skipPush) {
    log.info("skipPush is set: nothing will be pushed.");
    return "off";
  }
  // Cache trouble has been reported already (a warning).
  if (access === undefined) return "off";
  if (inputs.signingKey === undefined && access.serverSigned !== true) {
    log.notice(
      "`signingKey` (for Cachix: `authToken`) is empty, as in a pull request from a fork where secrets are " +
        "hidden: read-only mode, this job only reads from the cache and pushes nothing.",
    );
    return "read-only";
  }
  // The backend said why (e.g. a Cachix token that can only read).
  if (!access.canPush) return "off";
  if (deps.env.RUNNER_ENVIRONMENT === "self-hosted" && inputs.pathsToPush.length === 0) {
    log.warning(
      "On a self-hosted runner whose Nix store is shared, the paths new since setup can include other jobs' " +
        "builds, and all of them are pushed. Set `pathsToPush` to push only this job's results.",
    );
  }
  return "push";
}

/**
 * Opens the cache for writing before any later step reads it: a nix-daemon opening a file:// substituter creates
 * its directories as root, and this job's user could then no longer write into them.
 */
async function openForPush(deps: SetupDeps, cache: BinaryCache, mode: PushMode): Promise<PushMode> {
  if (mode !== "push") return mode;
  try {
    await cache.openForPush(deps.nix.storeDir);
    return mode;
  } catch (error) {
    if (deps.inputs.strict || !(error instanceof CacheError)) throw error;
    deps.log.warning(`${describeError(error)}. Nothing will be pushed.`);
    return "off";
  }
}

async function saveSnapshot(deps: SetupDeps, snapshot: PendingSnapshot): Promise<string> {
  const dir = join(deps.tempDir, "nix-binary-cache");
  await mkdir(dir, { recursive: true });
  const file = join(dir, `store-snapshot-${process.pid}-${Date.now()}.txt`);
  const entries = await snapshot.writeTo(file);
  deps.log.info(`Store snapshot: ${entries} entries.`);
  return file;
}
