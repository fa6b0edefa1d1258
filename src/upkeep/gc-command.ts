/**
 * `gc CACHE [--dry-run] [--older-than DAYS] [--max-size SIZE]`: upkeep of a binary cache directory this action
 * pushes to (file://): removes what killed pushes left behind and, on request, old paths or the least recently
 * written beyond a size, keeping the cache closed under references (see plan.ts for the rules). Narinfos go first,
 * referrers before what they refer to, so a reader never sees a narinfo without its NAR or its references.
 */
import { lstatSync, readdirSync, readFileSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatBytes } from "../lib/bytes.js";
import { parseCacheInfoStoreDir } from "../lib/cache-info.js";
import { describeError } from "../lib/errors.js";
import { type NarInfo, parseNarInfo } from "../lib/narinfo.js";
import { DEFAULT_STORE_DIR } from "../lib/store-path.js";
import { type CacheFileStat, type CacheListing, planCollection } from "./plan.js";

export const GC_USAGE = `  nix-binary-cache-key gc CACHE [--dry-run] [--older-than DAYS] [--max-size SIZE]
      Upkeep of a file:// binary cache: removes temporary files and NARs no narinfo names (once a day old, so a
      push in progress is never raced) and, when asked, paths whose narinfo is older than DAYS days or the least
      recently written beyond SIZE (e.g. 20G), each with every path that refers to it. --dry-run lists what would go.
`;

export interface GcIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly now?: () => number;
}

interface GcArgs {
  readonly root: string;
  readonly dryRun: boolean;
  readonly olderThanMs?: number;
  readonly maxBytes?: number;
}

/** Runs the command; returns the exit code (0 done, 1 failed, 2 bad usage). */
export function runGcCommand(args: readonly string[], io: GcIo): number {
  let parsed: GcArgs;
  try {
    parsed = parseGcArgs(args);
  } catch (error) {
    io.err(`${describeError(error)}\n\nUsage:\n${GC_USAGE}`);
    return 2;
  }
  try {
    const now = io.now?.() ?? Date.now();
    const listing = listCache(parsed.root);
    const plan = planCollection(listing.listing, {
      now,
      olderThanMs: parsed.olderThanMs,
      maxBytes: parsed.maxBytes,
    });
    const verb = parsed.dryRun ? "would remove" : "removed";
    for (const name of [...plan.narinfos, ...plan.nars, ...plan.temporary]) {
      if (!parsed.dryRun && !removeIfUnchanged(parsed.root, name, listing.stats.get(name))) {
        io.out(`kept ${name}: it changed since it was listed (a push in progress)`);
        continue;
      }
      io.out(`${verb} ${name}`);
    }
    io.err(
      `${parsed.dryRun ? "Would remove" : "Removed"} ${plan.narinfos.length} paths, ${plan.nars.length} NARs no narinfo ` +
        `names and ${plan.temporary.length} temporary files; the cache's narinfos and NARs: ` +
        `${formatBytes(plan.before)} → ${formatBytes(plan.after)}.`,
    );
    return 0;
  } catch (error) {
    io.err(`gc: ${describeError(error)}`);
    return 1;
  }
}

function parseGcArgs(args: readonly string[]): GcArgs {
  let root: string | undefined;
  let dryRun = false;
  let olderThanMs: number | undefined;
  let maxBytes: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const value = () => {
      const next = args[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === "--dry-run") dryRun = true;
    else if (arg === "--older-than") {
      const text = value();
      const days = Number(text);
      if (!(days > 0) || !Number.isFinite(days))
        throw new Error(`--older-than takes days above 0, got '${text}'`);
      olderThanMs = days * 24 * 60 * 60 * 1000;
    } else if (arg === "--max-size") maxBytes = parseSize(value());
    else if (arg.startsWith("-")) throw new Error(`unknown option ${arg}`);
    else if (root !== undefined) throw new Error("give one cache");
    else root = cacheRoot(arg);
  }
  if (root === undefined) throw new Error("give the cache to clean up, e.g. file:///srv/nix-cache");
  return { root, dryRun, olderThanMs, maxBytes };
}

function cacheRoot(text: string): string {
  if (text.startsWith("s3://"))
    throw new Error("s3:// caches are not supported by gc yet; file:// caches are");
  const url = URL.parse(text);
  if (url?.protocol !== "file:") throw new Error(`expected a file:// cache URL, got '${text}'`);
  return fileURLToPath(url);
}

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?$/i.exec(text.trim());
  if (match === null) throw new Error(`--max-size takes a size such as 20G or 500M, got '${text}'`);
  const power = " KMGT".indexOf((match[2] || " ").toUpperCase());
  return Math.floor(Number(match[1]) * 1024 ** power);
}

interface ListedCache {
  readonly listing: CacheListing;
  /** What was listed, for the check just before a removal. */
  readonly stats: ReadonlyMap<string, { size: number; mtimeMs: number; ino: number }>;
}

/** Every regular file below `root` (links are left alone), and its narinfos, parsed. */
function listCache(root: string): ListedCache {
  const stats = new Map<string, { size: number; mtimeMs: number; ino: number }>();
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const name = `${prefix}${entry.name}`;
      if (entry.isDirectory()) walk(join(dir, entry.name), `${name}/`);
      else if (entry.isFile()) {
        const stat = lstatSync(join(root, name));
        stats.set(name, { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino });
      }
    }
  };
  walk("", "");
  if (!stats.has("nix-cache-info"))
    throw new Error(`${root} has no nix-cache-info: it is not a binary cache`);
  const storeDir =
    parseCacheInfoStoreDir(readFileSync(join(root, "nix-cache-info"), "utf8")) ?? DEFAULT_STORE_DIR;
  const narinfos = new Map<string, NarInfo>();
  for (const name of stats.keys()) {
    const hashPart = /^([0-9a-z]{32})\.narinfo$/.exec(name)?.[1];
    if (hashPart === undefined) continue;
    try {
      narinfos.set(hashPart, parseNarInfo(readFileSync(join(root, name), "utf8"), storeDir));
    } catch {
      // Not one it can read: left as it is.
    }
  }
  const files = new Map<string, CacheFileStat>(stats);
  return { listing: { files, narinfos }, stats };
}

/** Unlinks `name` unless it changed since it was listed (a push renamed a new file over it). */
function removeIfUnchanged(
  root: string,
  name: string,
  listed: { mtimeMs: number; ino: number } | undefined,
): boolean {
  const path = join(root, name);
  try {
    const now = lstatSync(path);
    if (listed === undefined || now.ino !== listed.ino || now.mtimeMs !== listed.mtimeMs) return false;
    unlinkSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}
