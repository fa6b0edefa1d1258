/**
 * Post's bookkeeping before a save: record what this run used, prune to the size limit, and decide whether the
 * entry changed enough to be saved again — paths pushed, pruned or dropped, or usage data grown old.
 */
import { join } from "node:path";
import { scanCache, sweep } from "./contents.js";
import { choosePruning, readUsage, USAGE_FILE, USAGE_REFRESH_MS, writeUsage } from "./usage.js";

interface RefreshOptions {
  readonly storeDir: string;
  /** Hash parts pushed by this run. */
  readonly pushed: ReadonlySet<string>;
  /** Hash parts of the paths in the local store now: built or substituted by this run. */
  readonly inStore: ReadonlySet<string>;
  readonly sizeLimit: number;
  readonly now: number;
  /** Paths setup dropped from the restored entry. */
  readonly droppedInSetup: number;
  /** Whether setup restored an entry (usage data of an empty cache is not worth a save). */
  readonly restored: boolean;
}

interface Refresh {
  /** Why a new entry is worth saving; none when the cache is unchanged. */
  readonly reasons: readonly string[];
  readonly paths: number;
  readonly bytes: number;
}

/** Updates `<root>/cache` and `<root>/usage.json` in place; the usage file is rewritten only for a save. */
export async function refreshCache(root: string, options: RefreshOptions): Promise<Refresh> {
  const dir = join(root, "cache");
  const usageFile = join(root, USAGE_FILE);
  const usage = await readUsage(usageFile);
  const scan = await scanCache(dir, options.storeDir);
  for (const hashPart of scan.paths.keys()) {
    if (options.pushed.has(hashPart) || options.inStore.has(hashPart))
      usage.lastUsed.set(hashPart, options.now);
  }
  const pruning = choosePruning(scan, usage, options.sizeLimit, options.now);
  const keep = new Set([...scan.paths.keys()].filter((hashPart) => !pruning.remove.has(hashPart)));
  await sweep(dir, scan, keep);

  const reasons = [
    options.pushed.size > 0 ? `${options.pushed.size} paths pushed` : "",
    pruning.remove.size > 0
      ? `${pruning.remove.size} least recently used paths pruned to fit the size limit`
      : "",
    options.droppedInSetup > 0 ? `${options.droppedInSetup} unusable paths dropped in setup` : "",
  ].filter((reason) => reason !== "");
  const stale = usage.savedAt === undefined || options.now - usage.savedAt >= USAGE_REFRESH_MS;
  if (reasons.length === 0 && stale && options.restored && keep.size > 0) {
    reasons.push("the usage data was more than 3 days old");
  }
  if (reasons.length > 0) await writeUsage(usageFile, usage, keep, options.now);
  return { reasons, paths: keep.size, bytes: pruning.after };
}
