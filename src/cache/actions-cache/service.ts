/**
 * The GitHub Actions cache service through the real @actions/cache, the only module that imports it: at most one
 * restore and one save per job, never retried by us. @actions/cache reports a failed restore only as an annotation
 * it prints, which looks like a miss; those lines are taken off stdout while a call runs and returned as its
 * problems, because saving after a failed restore would shadow the newest entry with a poorer one.
 */ import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import * as actionsCache from "@actions/cache";
import { describeError } from "../../lib/errors.js";

const TIMED_OUT = Symbol("timed out");
const STOPPED = Symbol("stopped");
const RATE_LIMITED = /\(429\)|Rate limited|hit a rate limit/i;

export type ServiceOutcome =
  | { readonly kind: "hit"; readonly key: string }
  | { readonly kind: "miss" }
  | { readonly kind: "saved" }
  /** The step was stopped during the call: it was given up, and what it left in RUNNER_TEMP removed. */
  | { readonly kind: "stopped" }
  | {
      readonly kind: "failed";
      readonly problem: string;
      readonly rateLimited: boolean;
      /** For a call given up at its deadline: settles when @actions/cache is done with it after all. */
      readonly abandoned?: Promise<void>;
    };

export interface CacheService {
  /** Why this job cannot use the service, if it cannot. */
  unavailable(): string | undefined;
  /** Whether the job may save entries (ACTIONS_CACHE_MODE=read forbids it). */
  writable(): boolean;
  /** Restores the entry into `<workspace>/<path>`: the newest under `prefixes[0]`, else under the next prefix. */
  restore(path: string, prefixes: readonly string[]): Promise<ServiceOutcome>;
  /**
   * Saves `<workspace>/<path>` as a new entry. When `stop` aborts, the save is given up at once: the entry, never
   * finalized, is not published.
   */
  save(path: string, key: string, stop: AbortSignal): Promise<ServiceOutcome>;
}

/** Why the job cannot use the service through @actions/cache, from the variables the runner set. */
function unavailable(env: NodeJS.ProcessEnv): string | undefined {
  if (!actionsCache.isFeatureAvailable()) {
    return (
      "the GitHub Actions cache service is not available to this job (the runner set neither ACTIONS_RESULTS_URL " +
      "nor ACTIONS_CACHE_URL: not a GitHub-hosted run, or a GitHub Enterprise Server without Actions cache)"
    );
  }
  const mode = cacheMode(env);
  // Saving without restoring first would replace the job's entry with one holding only this job's paths.
  if (mode === "none" || mode === "write-only") {
    return `the job's cache mode is '${mode}' (ACTIONS_CACHE_MODE): this action needs to read the cache to extend it`;
  }
  return undefined;
}

function cacheMode(env: NodeJS.ProcessEnv): string {
  return (env.ACTIONS_CACHE_MODE ?? "").trim().toLowerCase();
}

/**
 * The service through @actions/cache, run with the workspace as the working directory (see ARCHIVE_DIR). A call
 * that has not finished after `deadlineMs` is given up: setup and post go on, and its outcome says so.
 */
export function actionsCacheService(
  env: NodeJS.ProcessEnv,
  workspace: string,
  deadlineMs: number,
): CacheService {
  return {
    unavailable: () => unavailable(env),
    writable: () => cacheMode(env) !== "read",
    restore: (path, prefixes) =>
      intercepting(workspace, deadlineMs, undefined, async () => {
        const [primary = "", ...rest] = prefixes;
        // The primary key is listed again as a restore key: matched by prefix either way, whatever the service.
        const key = await actionsCache.restoreCache([path], primary, [primary, ...rest]);
        return key === undefined ? { kind: "miss" } : { kind: "hit", key };
      }),
    save: (path, key, stop) =>
      removingLeftovers(env.RUNNER_TEMP, () =>
        intercepting(workspace, deadlineMs, stop, async () => {
          const id = await actionsCache.saveCache([path], key);
          return id === -1 ? { kind: "failed", problem: "", rateLimited: false } : { kind: "saved" };
        }),
      ),
  };
}

/**
 * Runs a call with stdout's warning and error annotations held back: a miss that comes with one is a failure,
 * whose outcome carries their text; after a hit or a save they are let through as they were. Other output (progress, `::add-mask::` for signed
 * URLs) passes untouched.
 */
async function intercepting(
  workspace: string,
  deadlineMs: number,
  stop: AbortSignal | undefined,
  call: () => Promise<ServiceOutcome>,
): Promise<ServiceOutcome> {
  const held: string[] = [];
  const notes: string[] = [];
  let rateLimited = false;
  const write = process.stdout.write;
  const previousDir = process.cwd();
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    // A 429 on CreateCacheEntry surfaces only in debug lines (and a warning when Retry-After is sent).
    if (RATE_LIMITED.test(text)) rateLimited = true;
    if (/^::(?:warning|error)\b/.test(text)) {
      held.push(text);
      return true;
    }
    if (/^Failed to (?:save|restore)\b/.test(text)) notes.push(text.trim());
    return write.call(process.stdout, chunk, ...rest);
  }) as typeof process.stdout.write;
  let timer: NodeJS.Timeout | undefined;
  let outcome: ServiceOutcome;
  try {
    // @actions/glob resolves the relative path against the working directory, which the runner sets to the
    // workspace, and tar against GITHUB_WORKSPACE: make sure both agree.
    process.chdir(workspace);
    const running = call();
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), deadlineMs);
    });
    const stopped = new Promise<typeof STOPPED>((resolve) => {
      if (stop?.aborted) resolve(STOPPED);
      stop?.addEventListener("abort", () => resolve(STOPPED), { once: true });
    });
    const result = await Promise.race([running, deadline, stopped]);
    if (result === STOPPED) {
      running.catch(() => {});
      return { kind: "stopped" };
    }
    outcome =
      result !== TIMED_OUT
        ? result
        : {
            kind: "failed",
            problem: `no answer within ${Math.round(deadlineMs / 1000)} s`,
            rateLimited: false,
            abandoned: running.then(
              () => undefined,
              () => undefined,
            ),
          };
  } catch (error) {
    const problem = describeError(error);
    outcome = { kind: "failed", problem, rateLimited: false };
  } finally {
    clearTimeout(timer);
    process.stdout.write = write;
    process.chdir(previousDir);
  }
  if (outcome.kind === "hit" || outcome.kind === "saved") {
    for (const line of held) process.stdout.write(line);
    return outcome;
  }
  // A "miss" that came with a warning was a failure that @actions/cache swallowed.
  if (outcome.kind === "miss" && held.length === 0) return outcome;
  const own = outcome.kind === "failed" ? [outcome.problem] : [];
  const problems = [...held.map(annotationMessage), ...notes, ...own].filter((text) => text !== "");
  const problem =
    problems.length > 0 ? problems.join("; ") : "not saved (see @actions/cache's message above)";
  const abandoned = outcome.kind === "failed" ? outcome.abandoned : undefined;
  return { kind: "failed", problem, rateLimited: rateLimited || RATE_LIMITED.test(problem), abandoned };
}

/** The name @actions/cache gives its temporary directory in RUNNER_TEMP (a random UUID), where it packs an entry. */
const PACKING_DIR = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Runs a save; when the step is stopped during it, removes the directory @actions/cache was packing the entry in
 * (new in RUNNER_TEMP since the call began): given up, it would stay there until the runner empties RUNNER_TEMP.
 */
async function removingLeftovers(
  runnerTemp: string | undefined,
  call: () => Promise<ServiceOutcome>,
): Promise<ServiceOutcome> {
  const list = async () => (runnerTemp === undefined ? [] : readdir(runnerTemp).catch(() => []));
  const before = new Set(await list());
  const outcome = await call();
  if (outcome.kind === "stopped" && runnerTemp !== undefined) {
    const added = (await list()).filter((name) => !before.has(name) && PACKING_DIR.test(name));
    await Promise.all(added.map((name) => rm(join(runnerTemp, name), { recursive: true, force: true })));
  }
  return outcome;
}

/** The message of a `::warning props::message` line, unescaped as the runner does. */
function annotationMessage(line: string): string {
  const message = /^::[a-z]+(?: [^:]*)?::(.*)$/s.exec(line.trimEnd())?.[1] ?? line;
  return message.replace(/%0D/gi, "\r").replace(/%0A/gi, "\n").replace(/%25/g, "%");
}

/** What a failed restore or save means for the job, in words for a warning. */
export function describeFailure(
  what: "restore" | "save",
  outcome: ServiceOutcome & { kind: "failed" },
): string {
  const consequence =
    what === "restore"
      ? "this job neither reads nor saves the cache"
      : "the paths pushed in this job are not kept; the next job restores the previous entry";
  const rateLimit = outcome.rateLimited
    ? "The cache service is rate-limiting this repository (HTTP 429). @actions/cache does not retry that, and " +
      "neither does this action, so "
    : "So ";
  const done = what === "restore" ? "restored" : "saved";
  return `the GitHub Actions cache could not be ${done} (${outcome.problem}). ${rateLimit}${consequence}`;
}
