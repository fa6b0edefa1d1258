/** The post step: select the paths this job made, push them, report. */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { BinaryCache } from "../cache/cache.js";
import type { CacheHandOver } from "../cache/create-cache.js";
import { formatBytes } from "../lib/bytes.js";
import { CacheError, describeError, describeInterruption } from "../lib/errors.js";
import type { PathInfo } from "../lib/path-info.js";
import type { Log, RunnerFiles } from "../lib/ports.js";
import { scratchDir } from "../lib/scratch-dir.js";
import { type PublicKey, parsePublicKey, type SigningKey, signFingerprint } from "../lib/signing.js";
import type { AddedStorePaths } from "../lib/store-diff.js";
import { hashPartOf } from "../lib/store-path.js";
import type { NixStore } from "../nix/store.js";
import type { SetupState } from "../state.js";
import { readAddedStorePaths } from "./added-paths.js";
import { type CacheUse, hitRate, measureCacheUse } from "./cache-use.js";
import { interrupted, type PathOutcome, pushPaths } from "./push-paths.js";
import { type Selection, selectPaths } from "./select-paths.js";
import type { Stager } from "./staging-pool.js";
import {
  describeOutcome,
  type PushReport,
  type PushTotals,
  pushTotals,
  renderCacheUseSummary,
  renderSummary,
} from "./summary.js";

/** What the inputs say about the push. */
export interface PushConfig {
  readonly signingKey?: SigningKey;
  readonly pathsToPush: readonly string[];
  readonly pushFilter?: RegExp;
  readonly upstreamKeys: readonly PublicKey[];
  readonly compressionLevel: number;
  readonly pushTimeoutMs: number;
}

export interface PushDeps {
  readonly config: PushConfig;
  readonly state: SetupState;
  readonly nix: NixStore;
  readonly cache: BinaryCache<CacheHandOver>;
  /** Starts what stages the paths of one push into `dir` (worker threads, or the calling thread in tests). */
  readonly startStager: (options: { dir: string; compressionLevel: number }) => Stager;
  readonly log: Log;
  readonly runner: RunnerFiles;
  readonly tempDir: string;
  /** Seconds between progress lines. */
  readonly progressInterval?: number;
  /** Aborts when the runner stops the step (SIGINT, SIGTERM): the push ends as if out of time. */
  readonly stop?: AbortSignal;
  /**
   * What this job's background pusher says it published while the build ran. A claim only (its list is a file a
   * later step could write): a path counts as pushed during the build when the cache has it now.
   */
  readonly pushedDuringBuild?: ReadonlyMap<string, PushedPath>;
}

/** What the push has come to so far: the outputs and the backend's `close` are told it, however the push ends. */
interface PushProgress {
  selection?: Selection;
  readonly outcomes: Map<string, PathOutcome>;
  /** What the cache did for the job, once known. */
  cacheUse?: CacheUse;
  /** Paths the background pusher published, as the cache confirmed. */
  pushedDuringBuild: number;
}

/**
 * Runs the post step; returns the report, or undefined when there was nothing to do. Throws on cache trouble. The
 * step's outputs are set on every way out, errors included.
 */
export async function runPush(deps: PushDeps): Promise<PushReport | undefined> {
  const progress: PushProgress = { outcomes: new Map(), pushedDuringBuild: 0 };
  try {
    return await pushNewPaths(deps, progress);
  } finally {
    const { selection, outcomes } = progress;
    setPushOutputs(deps, {
      ...pushTotals({ selection: selection ?? emptySelection(""), outcomes }),
      pushedDuringBuild: progress.pushedDuringBuild,
      cacheUse: progress.cacheUse,
    });
    const published = [...outcomes].filter(([, outcome]) => outcome.status === "pushed");
    await deps.cache.close(
      {
        pushing: deps.state.mode === "push",
        published: new Set(published.map(([path]) => hashPartOf(path))),
      },
      deps.stop ?? new AbortController().signal,
    );
    // Read once: post has no further use for it.
    if (deps.state.snapshotFile !== undefined) await rm(deps.state.snapshotFile, { force: true });
  }
}

async function pushNewPaths(deps: PushDeps, progress: PushProgress): Promise<PushReport | undefined> {
  const { state, log } = deps;
  const started = Date.now();
  // pushTimeout bounds the whole push, the questions to Nix and the cache included; a stopped step ends it the same way.
  const timeout = AbortSignal.timeout(deps.config.pushTimeoutMs);
  const deadline = deps.stop === undefined ? timeout : AbortSignal.any([timeout, deps.stop]);
  if (state.mode !== "push") {
    if (state.offReason !== undefined) log.warning(`Nothing is pushed: in setup, ${state.offReason}.`);
    else
      log.info(
        state.mode === "read-only" ? "Read-only mode: nothing is pushed." : "Nothing is pushed in this job.",
      );
    // What the cache did for the job is worth saying without a push too (a pull request from a fork, say).
    try {
      progress.cacheUse = (await readNewPaths(deps))?.cacheUse;
    } catch (error) {
      log.info(`What the cache did for this job is unknown: ${describeError(error)}`);
    }
    if (progress.cacheUse !== undefined) {
      await deps.runner.appendSummary(renderCacheUseSummary(deps.cache.description, progress.cacheUse));
    }
    return undefined;
  }
  const selected = await log.group("Select new store paths", async () => {
    try {
      const added = await readNewPaths(deps).catch((error: unknown) => {
        // With `pathsToPush` the snapshot only serves the report: the push goes on without it.
        if (deps.config.pathsToPush.length === 0) throw error;
        log.info(`What the cache did for this job is unknown: ${describeError(error)}`);
        return undefined;
      });
      progress.cacheUse = added?.cacheUse;
      return await select(deps, deadline, added);
    } catch (error) {
      // Stopped while Nix or the cache was asked: nothing is selected, and the report says why.
      if (!deadline.aborted) throw error;
      return emptySelection(describeInterruption(deadline));
    }
  });
  const selection = confirmPushedDuringBuild(selected, deps.pushedDuringBuild, progress);
  progress.selection = selection;

  if (selection.toPush.length > 0) {
    await log.group(`Push ${selection.toPush.length} paths to ${deps.cache.description}`, () =>
      pushSelection(deps, selection, deadline, progress.outcomes),
    );
  }

  const report: PushReport = {
    cache: deps.cache.description,
    selection,
    outcomes: progress.outcomes,
    seconds: (Date.now() - started) / 1000,
    pushedDuringBuild: progress.pushedDuringBuild,
    cacheUse: progress.cacheUse,
    interrupted: deadline.aborted ? describeInterruption(deadline) : undefined,
  };
  const totals = pushTotals(report);
  await deps.runner.appendSummary(renderSummary(report));
  log.info(
    `Pushed ${totals.pushed} paths (${formatBytes(totals.narBytes)} of NAR, ${formatBytes(totals.fileBytes)} ` +
      `uploaded) in ${report.seconds.toFixed(1)} s; ${totals.skipped} skipped.`,
  );
  if (totals.notPushed > 0) {
    // One cause for them all (a cache that could not be used, a refused key): it is said here, once.
    const causes = new Set(
      [...report.outcomes.values()]
        .filter((outcome) => outcome.status !== "pushed" && outcome.status !== "deferred")
        .map(describeOutcome),
    );
    const [cause] = causes;
    throw new PushIncompleteError(
      `${totals.notPushed} of ${selection.toPush.length} paths could not be pushed${causes.size === 1 ? `: ${cause}` : ""}`,
    );
  }
  return report;
}

/** The step's outputs: numbers whatever happened, so that workflows reading them never get an empty string. */
export function setPushOutputs(
  deps: Pick<PushDeps, "runner" | "log">,
  totals: Pick<PushTotals, "pushed" | "fileBytes" | "skipped"> & {
    readonly pushedDuringBuild?: number;
    /** Unknown (no snapshot): zeros. */
    readonly cacheUse?: CacheUse;
  },
): void {
  const use = totals.cacheUse;
  try {
    deps.runner.setOutput("pushedPaths", totals.pushed);
    deps.runner.setOutput("pushedBytes", totals.fileBytes);
    deps.runner.setOutput("skippedPaths", totals.skipped);
    deps.runner.setOutput("pushedWhileBuilding", totals.pushedDuringBuild ?? 0);
    deps.runner.setOutput("substitutedPaths", use?.substituted ?? 0);
    deps.runner.setOutput("substitutedBytes", use?.substitutedNarBytes ?? 0);
    deps.runner.setOutput("builtPaths", use?.built ?? 0);
    deps.runner.setOutput("hitRate", use === undefined ? 0 : hitRate(use));
  } catch (error) {
    // The runner's files live in RUNNER_TEMP, which may be the full disk that ended the push.
    deps.log.info(`The step's outputs could not be written: ${describeError(error)}`);
  }
}

/** The paths the job added (from setup's snapshot), with their closures, and what the cache did for the job. */
interface NewPaths {
  readonly added: AddedStorePaths;
  readonly closures: ReadonlyMap<string, PathInfo>;
  readonly cacheUse: CacheUse;
}

async function readNewPaths(deps: PushDeps): Promise<NewPaths | undefined> {
  const { state } = deps;
  if (state.snapshotFile === undefined) return undefined;
  const added = await readAddedStorePaths(deps.nix, state.snapshotFile);
  const closures = await deps.nix.closureOfValid(added.paths, { mayBeInvalid: added.someLocked });
  const keys = (state.cacheKeys ?? []).flatMap((text) => {
    try {
      return [parsePublicKey(text)];
    } catch {
      return [];
    }
  });
  const newPaths = added.paths.flatMap((path) => closures.get(path) ?? []);
  return { added, closures, cacheUse: measureCacheUse(newPaths, keys) };
}

/** What to push: the new paths (or `pathsToPush`) with their closures, minus what readers can already get. */
async function select(
  deps: PushDeps,
  deadline: AbortSignal,
  newPaths: NewPaths | undefined,
): Promise<Selection> {
  const { config, log } = deps;
  const byAdded = config.pathsToPush.length === 0 && newPaths !== undefined;
  const selected = await selectPaths(
    {
      added: byAdded ? { paths: newPaths.added.paths, closures: newPaths.closures } : undefined,
      pathsToPush: config.pathsToPush,
      pushFilter: config.pushFilter,
      upstreamKeys: config.upstreamKeys,
    },
    deps.nix,
    deps.cache,
    log,
    deadline,
  );
  log.info(
    `${selected.toPush.length} to push; skipped: ${selected.upstream.length} signed upstream, ` +
      `${selected.cached.length} already cached, ${selected.filtered.length} filtered` +
      (selected.unknown.length > 0 ? `, ${selected.unknown.length} not valid store paths` : ""),
  );
  if (selected.unknown.length > 0) {
    log.warning(
      `Input 'pathsToPush': not a valid store path of this store, so not pushed: ${selected.unknown.join(", ")}`,
    );
  }
  return selected;
}

/**
 * The paths the background pusher says it published and the cache now has: moved from "already cached" to pushed
 * (with the sizes the pusher recorded). A claim the cache does not back is ignored: the path was selected as any other.
 */
function confirmPushedDuringBuild(
  selection: Selection,
  claims: ReadonlyMap<string, PushedPath> | undefined,
  progress: PushProgress,
): Selection {
  if (claims === undefined || claims.size === 0) return selection;
  const confirmed = selection.cached.filter((path) => claims.has(path));
  for (const path of confirmed) {
    progress.outcomes.set(path, { status: "pushed", ...(claims.get(path) as PushedPath) });
  }
  progress.pushedDuringBuild = confirmed.length;
  return { ...selection, cached: selection.cached.filter((path) => !claims.has(path)) };
}

function emptySelection(trouble: string): Selection {
  return {
    cacheTrouble: trouble,
    toPush: [],
    available: new Set(),
    upstream: [],
    cached: [],
    filtered: [],
    unknown: [],
  };
}

/**
 * Pushes the selection, recording each path's outcome in `outcomes` as it comes (and telling `onPushed` of each path
 * published). Post's push, and each round of the background pusher.
 */
export async function pushSelection(
  deps: Pick<PushDeps, "config" | "cache" | "startStager" | "log" | "tempDir" | "progressInterval"> & {
    readonly state: Pick<SetupState, "storeDir">;
  },
  selection: Selection,
  deadline: AbortSignal,
  outcomes: Map<string, PathOutcome>,
  background?: {
    readonly onPushed: (path: string, pushed: PushedPath) => void;
    /** Post asked the pusher to finish: no path starts after it. */
    readonly drain: AbortSignal;
  },
): Promise<void> {
  const { config, log } = deps;
  const trouble =
    selection.cacheTrouble ??
    (await deps.cache.openForPush(deps.state.storeDir, deadline).then(
      () => undefined,
      (error: unknown) => {
        if (deadline.aborted) return describeInterruption(deadline);
        if (!(error instanceof CacheError)) throw error;
        return error.message;
      },
    ));
  if (trouble !== undefined) {
    const outcome: PathOutcome = deadline.aborted
      ? interrupted(deadline)
      : { status: "failed", reason: `the cache could not be used: ${trouble}` };
    for (const info of selection.toPush) outcomes.set(info.path, outcome);
    return;
  }
  const stagingDir = join(scratchDir(deps.tempDir), `staging-${process.pid}`);
  await mkdir(stagingDir, { recursive: true });
  const progress = startProgress(log, selection.toPush.length, deps.progressInterval ?? 10);
  const key = config.signingKey;
  const stager = deps.startStager({ dir: stagingDir, compressionLevel: config.compressionLevel });
  if (stager.threads > 0) log.debug(`Staging on ${stager.threads} thread(s).`);
  const warnedReasons = new Set<string>();
  try {
    await pushPaths(selection.toPush, {
      cache: deps.cache,
      sign: key === undefined ? undefined : (fingerprint) => signFingerprint(fingerprint, key),
      available: selection.available,
      // A path staging on each thread and one more ready, while NARs upload.
      concurrency: Math.max(1, stager.threads) + 1,
      deadline,
      drain: background?.drain,
      stage: (info, signal) => stager.stage(info, signal),
      onOutcome: (path, outcome) => {
        outcomes.set(path, outcome);
        progress.record(outcome);
        if (outcome.status === "pushed") {
          background?.onPushed(path, { narSize: outcome.narSize, fileSize: outcome.fileSize });
          return log.debug(`pushed ${path}`);
        }
        if (outcome.status === "deferred") return;
        // Annotations are for people: the first few, one per cause (a refused key fails every path alike), the
        // rest in the log and the summary.
        const reason = describeOutcome(outcome);
        const message = `${path} not pushed: ${reason}`;
        const newCause = !warnedReasons.has(reason) && warnedReasons.size < MAX_PATH_WARNINGS;
        if (newCause) warnedReasons.add(reason);
        (newCause ? log.warning : log.info).call(log, message);
      },
    });
  } finally {
    progress.stop();
    await stager.close();
    await rm(stagingDir, { recursive: true, force: true });
  }
}

const MAX_PATH_WARNINGS = 10;

/** A path published, with its sizes: what the background pusher records for post. */
export interface PushedPath {
  readonly narSize: number;
  readonly fileSize: number;
}

/** Some paths were not pushed; the rest were, and the summary says which and why. */
class PushIncompleteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PushIncompleteError";
  }
}

/** A line every `seconds` while pushing, so a long push never looks stuck. */
function startProgress(log: Log, total: number, seconds: number) {
  let done = 0;
  let bytes = 0;
  const timer = setInterval(() => {
    log.info(`… ${done}/${total} paths done, ${formatBytes(bytes)} uploaded`);
  }, seconds * 1000);
  return {
    record(outcome: PathOutcome) {
      done++;
      if (outcome.status === "pushed") bytes += outcome.fileSize;
    },
    stop: () => clearInterval(timer),
  };
}
