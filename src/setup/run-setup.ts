/**
 * The main step: make the cache a substituter for the steps that follow, decide whether post may push, and
 * snapshot the store so post can tell which paths this job made. Every change that post must undo is written into
 * the step's state before it is made, so a setup stopped at any point leaves post the list.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import type { BinaryCache, ReadAccess } from "../cache/cache.js";
import type { CacheHandOver } from "../cache/create-cache.js";
import { CacheError, describeError, isDiskFull, StepStopped } from "../lib/errors.js";
import type { Log, RunnerFiles } from "../lib/ports.js";
import { scratchDir } from "../lib/scratch-dir.js";
import type { SigningKey } from "../lib/signing.js";
import type { CommandRunner } from "../nix/command.js";
import type { NixStore } from "../nix/store.js";
import type { PushMode, SetupState } from "../state.js";
import { configureNixForLaterSteps, type NixConfigOutcome, type NixConfigUndo } from "./configure-nix.js";
import { type PendingSnapshot, startStoreSnapshot } from "./snapshot.js";

/** What the inputs say about setup. */
export interface SetupConfig {
  readonly signingKey?: SigningKey;
  readonly skipPush: boolean;
  readonly skipAddingSubstituter: boolean;
  readonly pathsToPush: readonly string[];
  readonly strict: boolean;
  /** Start the background pusher (when this job pushes the paths it adds). */
  readonly pushWhileBuilding: boolean;
}

export interface SetupDeps {
  readonly config: SetupConfig;
  readonly nix: NixStore;
  /** Runs the helpers of config writing: `id`, `sudo`, the daemon's service manager. */
  readonly run: CommandRunner;
  /** Loads and builds the cache backend; called once the store snapshot has started. */
  readonly openCache: () => Promise<BinaryCache<CacheHandOver>>;
  readonly log: Log;
  readonly runner: RunnerFiles;
  /** Saves the step's state; throws when it cannot (the runner's temp dir is full). */
  readonly saveState: (state: SetupState) => void;
  /** The job's environment, for NIX_CONFIG and RUNNER_ENVIRONMENT. */
  readonly env: NodeJS.ProcessEnv;
  /** A directory that lives until the end of the job (RUNNER_TEMP). */
  readonly tempDir: string;
  /** Aborts when the runner stops the step (SIGINT, SIGTERM). */
  readonly stop?: AbortSignal;
  /** Starts the background pusher in `dir` (0700, its own), handing it the state post will see. */
  readonly startPusher?: (dir: string, state: SetupState) => Promise<void>;
}

/**
 * How long setup waits for a cache to answer before the build goes on without it: a server that accepts
 * connections and never answers must not hold the job.
 */
export const CACHE_SETUP_TIMEOUT_MS = 15_000;

export async function runSetup(deps: SetupDeps): Promise<void> {
  const { config, log } = deps;
  // In every mode: post reports what the cache did for the job from it, and pushes by it (unless `pathsToPush`).
  const snapshot = startStoreSnapshot(deps.nix);
  const cache = await deps.openCache();

  const version = await checkNix(deps.nix);
  log.info(`Nix ${version}, store ${deps.nix.storeDir}, cache ${cache.description}`);

  let state: SetupState = { version: 2, storeDir: deps.nix.storeDir, nixVersion: version, mode: "off" };
  const save = (change: Partial<SetupState>) => {
    state = { ...state, ...change };
    deps.saveState(state);
  };
  const troubles: string[] = [];
  const tolerate = <T>(part: () => Promise<T>, consequence: string) =>
    withCacheTrouble(deps, part, (trouble) => {
      troubles.push(trouble);
      log.warning(`${trouble}. ${consequence}`);
    });
  // Without a state post could neither push nor undo: when even that cannot be written, change nothing.
  const saved = await tolerate(async () => {
    save({});
    return true;
  }, WITHOUT_CACHE);
  if (saved === undefined) return;

  const deadline = cacheDeadline(deps, cache);
  const access = await log.group("Configure substituter", async () => {
    const readable = await tolerate(() => cache.prepareRead(deps.nix.storeDir, deadline), WITHOUT_CACHE);
    if (readable === undefined) return undefined;
    // Post ends what the backend left running, whatever happens from here on.
    if (readable.serverDir !== undefined) save({ serverDir: readable.serverDir });
    const configured = await tolerate(() => addSubstituters(deps, readable, save), WITHOUT_CACHE);
    return configured === undefined ? undefined : readable;
  });
  let mode = pushMode(deps, access);
  if (mode === "push") {
    // Opened before any later step reads the cache: a nix-daemon opening a file:// substituter creates its
    // directories as root, and this job's user could then no longer write into them.
    const opened = await tolerate(async () => {
      await cache.openForPush(deps.nix.storeDir, deadline);
      return true;
    }, NOTHING_PUSHED);
    if (opened === undefined) mode = "off";
  }
  const pushesAdded = mode === "push" && config.pathsToPush.length === 0;
  const snapshotFile = pushesAdded
    ? await tolerate(() => saveSnapshot(deps, snapshot), NOTHING_PUSHED)
    : // Only for the report of what the cache did: its trouble is no cache trouble, and never fails the step.
      await saveSnapshot(deps, snapshot).catch((error: unknown) => {
        if (deps.stop?.aborted) throw error;
        log.info(
          `The store snapshot could not be saved (${describeError(error)}): the summary will not say what the cache did.`,
        );
        return undefined;
      });
  // Without the snapshot post could not tell what the job added.
  if (pushesAdded && snapshotFile === undefined) mode = "off";
  // What post needs to push. When even this cannot be saved, post finds the state of before, with nothing to push.
  const final = {
    cache: access?.handOver,
    mode,
    snapshotFile,
    cacheKeys: access?.substituters
      .filter((substituter) => !substituter.pullOnly)
      .flatMap((substituter) => substituter.publicKeys),
    offReason: mode === "off" ? troubles[0] : undefined,
  };
  const savedFinal = await tolerate(async () => {
    save(final);
    return true;
  }, NOTHING_PUSHED);
  if (savedFinal === undefined && snapshotFile !== undefined) await rm(snapshotFile, { force: true });
  if (savedFinal !== undefined && pushesAdded && mode === "push" && config.pushWhileBuilding) {
    await startPusher(deps, state, save);
  }
}

/**
 * Starts the background pusher. Whatever goes wrong, post still pushes everything: a warning, never a failed
 * step (not even with `strict`, since nothing is lost).
 */
async function startPusher(
  deps: SetupDeps,
  state: SetupState,
  save: (change: Partial<SetupState>) => void,
): Promise<void> {
  if (deps.startPusher === undefined) return;
  try {
    const dir = await mkdtemp(join(scratchDir(deps.tempDir), "pusher-"));
    // Saved first: post finds the pusher, and ends it, whatever happens from here on.
    save({ pusherDir: dir });
    await deps.startPusher(dir, { ...state, pusherDir: dir });
    deps.log.info(
      "Pushing while the build runs: a background pusher pushes new paths; post finishes the push.",
    );
  } catch (error) {
    if (deps.stop?.aborted) throw error;
    deps.log.warning(
      `The background pusher could not start (${describeError(error)}); post pushes everything instead.`,
    );
  }
}

const WITHOUT_CACHE = "The build goes on without this cache.";
const NOTHING_PUSHED = "Nothing will be pushed.";

/** The cache's questions in setup end at a stop, and after CACHE_SETUP_TIMEOUT_MS (or the backend's own limit). */
function cacheDeadline(deps: SetupDeps, cache: BinaryCache<CacheHandOver>): AbortSignal {
  const timeout = AbortSignal.timeout(cache.setupTimeoutMs ?? CACHE_SETUP_TIMEOUT_MS);
  return deps.stop === undefined ? timeout : AbortSignal.any([deps.stop, timeout]);
}

async function checkNix(nix: NixStore): Promise<string> {
  try {
    return await nix.version();
  } catch (error) {
    if (error instanceof StepStopped) throw error;
    throw new Error(
      `Nix is not installed or does not run (${describeError(error)}). ` +
        "Install Nix in an earlier step, e.g. with cachix/install-nix-action.",
    );
  }
}

/**
 * Runs a part of setup that the build can do without: cache trouble, a cache that does not answer and a full temp
 * dir are told to `onTrouble` and give undefined, unless `strict`.
 */
async function withCacheTrouble<T>(
  deps: SetupDeps,
  part: () => Promise<T>,
  onTrouble: (message: string) => void,
): Promise<T | undefined> {
  try {
    return await part();
  } catch (error) {
    const trouble = asCacheTrouble(error, deps);
    if (deps.config.strict || trouble === undefined) throw trouble ?? error;
    onTrouble(trouble.message);
    return undefined;
  }
}

/** `error` as cache trouble, or undefined when it is something else (a bug, wrong inputs, a stopped step). */
function asCacheTrouble(error: unknown, deps: SetupDeps): CacheError | undefined {
  if (error instanceof CacheError) return error;
  if (deps.stop?.aborted) return undefined;
  if (error instanceof Error && error.name === "TimeoutError") {
    return new CacheError("the cache did not answer in time", { cause: error });
  }
  if (isDiskFull(error)) {
    return new CacheError(`the runner's temp dir (RUNNER_TEMP) is full: ${describeError(error)}`, {
      cause: error,
    });
  }
  return undefined;
}

async function addSubstituters(
  deps: SetupDeps,
  access: ReadAccess<CacheHandOver>,
  record: (undo: NixConfigUndo) => void,
): Promise<NixConfigOutcome | "skipped"> {
  let wanted = access;
  if (deps.config.skipAddingSubstituter) {
    // As in cachix-action: the pushed-to cache is skipped, caches that are only pulled from are still added.
    wanted = { ...access, substituters: access.substituters.filter((substituter) => substituter.pullOnly) };
    deps.log.info("skipAddingSubstituter is set: the cache is not added as a substituter.");
    if (wanted.substituters.length === 0) return "skipped";
  }
  const outcome = await configureNixForLaterSteps(wanted, { ...deps, recordUndo: record });
  if (!outcome.configured && deps.config.strict) {
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

function pushMode(deps: SetupDeps, access: ReadAccess<CacheHandOver> | undefined): PushMode {
  const { config, log } = deps;
  if (config.skipPush) {
    log.info("skipPush is set: nothing will be pushed.");
    return "off";
  }
  // Cache trouble has been reported already (a warning).
  if (access === undefined) return "off";
  if (config.signingKey === undefined && access.serverSigned !== true) {
    log.notice(
      "`signingKey` (for Cachix: `authToken`) is empty, as in a pull request from a fork where secrets are " +
        "hidden: read-only mode, this job only reads from the cache and pushes nothing.",
    );
    return "read-only";
  }
  // The backend said why (e.g. a Cachix token that can only read).
  if (!access.canPush) return "off";
  if (deps.env.RUNNER_ENVIRONMENT === "self-hosted" && config.pathsToPush.length === 0) {
    log.warning(
      "On a self-hosted runner whose Nix store is shared, the paths new since setup can include other jobs' " +
        "builds, and all of them are pushed. Set `pathsToPush` to push only this job's results.",
    );
  }
  return "push";
}

async function saveSnapshot(deps: SetupDeps, snapshot: PendingSnapshot): Promise<string> {
  const dir = scratchDir(deps.tempDir);
  await mkdir(dir, { recursive: true });
  const file = join(dir, `store-snapshot-${process.pid}-${Date.now()}.txt`);
  const entries = await snapshot.writeTo(file).catch(async (error: unknown) => {
    // Half a snapshot would make post push paths that were there before.
    await rm(file, { force: true });
    throw error;
  });
  deps.log.info(`Store snapshot: ${entries} entries.`);
  return file;
}
