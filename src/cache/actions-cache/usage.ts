/**
 * When each cached path was last used — built or substituted by a run — kept in a file beside the binary cache
 * (not in it: Nix never reads it), and the least-recently-used pruning that keeps the cache under its size limit.
 */
import { readFile } from "node:fs/promises";
import { writeAtomically } from "../file/atomic-files.js";
import { type CacheScan, type ReferrerIndex, referrerIndex, withReferrers } from "./contents.js";

export const USAGE_FILE = "usage.json";

/** A save that only refreshes usage data is worth it after this long; sooner, usage changes ride along. */
export const USAGE_REFRESH_MS = 3 * 24 * 60 * 60 * 1000;

export interface Usage {
  /** When the entry holding this file was saved; undefined when there was no usable file. */
  readonly savedAt?: number;
  /** Hash part → milliseconds since the epoch. */
  readonly lastUsed: Map<string, number>;
}

interface UsageFile {
  readonly version: 1;
  readonly savedAt: number;
  readonly lastUsed: Record<string, number>;
}

/** The usage data of a restored entry; none (everything counts as just used) when it is missing or unreadable. */
export async function readUsage(file: string): Promise<Usage> {
  try {
    const data = JSON.parse(await readFile(file, "utf8")) as UsageFile;
    if (data.version !== 1 || !Number.isFinite(data.savedAt)) return { lastUsed: new Map() };
    const lastUsed = new Map(Object.entries(data.lastUsed).filter(([, time]) => Number.isFinite(time)));
    return { savedAt: data.savedAt, lastUsed };
  } catch {
    return { lastUsed: new Map() };
  }
}

/** Writes the usage of the paths the cache keeps, stamped `now`. */
export async function writeUsage(
  file: string,
  usage: Usage,
  keep: Iterable<string>,
  now: number,
): Promise<void> {
  const lastUsed: Record<string, number> = {};
  for (const hashPart of [...keep].sort()) lastUsed[hashPart] = usage.lastUsed.get(hashPart) ?? now;
  const data: UsageFile = { version: 1, savedAt: now, lastUsed };
  writeAtomically(file, `${JSON.stringify(data)}\n`);
}

interface PruneResult {
  /** Hash parts to take out of the cache. */
  readonly remove: ReadonlySet<string>;
  /** Bytes of the cache (narinfos and the NARs they use) before and after. */
  readonly before: number;
  readonly after: number;
}

/**
 * Chooses what to drop to fit `limit` bytes: least recently used first (paths without a record count as used
 * `now`), the bigger first among equals, and with each path every path that refers to it — which was used no
 * more recently, since using a path means having its whole closure.
 */
export function choosePruning(scan: CacheScan, usage: Usage, limit: number, now: number): PruneResult {
  const narUsers = new Map<string, number>();
  let total = 0;
  for (const path of scan.paths.values()) {
    total += path.size;
    const users = narUsers.get(path.info.url) ?? 0;
    if (users === 0) total += scan.nars.get(path.info.url) ?? 0;
    narUsers.set(path.info.url, users + 1);
  }
  const before = total;
  const remove = new Set<string>();
  if (total <= limit) return { remove, before, after: total };

  const lastUsed = (hashPart: string) => usage.lastUsed.get(hashPart) ?? now;
  const weight = (hashPart: string) => scan.nars.get(scan.paths.get(hashPart)?.info.url ?? "") ?? 0;
  const order = [...scan.paths.keys()].sort(
    (a, b) => lastUsed(a) - lastUsed(b) || weight(b) - weight(a) || (a < b ? -1 : 1),
  );
  const index: ReferrerIndex = referrerIndex(scan.paths);
  for (const candidate of order) {
    if (total <= limit) break;
    if (remove.has(candidate)) continue;
    for (const hashPart of withReferrers(index, [candidate])) {
      const path = scan.paths.get(hashPart);
      if (path === undefined || remove.has(hashPart)) continue;
      remove.add(hashPart);
      total -= path.size;
      const users = (narUsers.get(path.info.url) ?? 1) - 1;
      narUsers.set(path.info.url, users);
      if (users === 0) total -= scan.nars.get(path.info.url) ?? 0;
    }
  }
  return { remove, before, after: total };
}
