/**
 * `gc CACHE [--dry-run] [--older-than DAYS] [--max-size SIZE]`: upkeep of a binary cache this action pushes to
 * (file://, or s3:// with the job's AWS credentials): removes what killed pushes left behind and, on request, old paths or the least recently
 * written beyond a size, keeping the cache closed under references (see plan.ts for the rules). Narinfos go first,
 * referrers before what they refer to, so a reader never sees a narinfo without its NAR or its references.
 */
import { lstatSync, readdirSync, readFileSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { findCredentials } from "../cache/s3/credentials.js";
import { parseS3Url } from "../cache/s3/location.js";
import { S3Client } from "../cache/s3/s3-client.js";
import { formatBytes } from "../lib/bytes.js";
import { parseCacheInfoStoreDir } from "../lib/cache-info.js";
import { describeError } from "../lib/errors.js";
import { type NarInfo, parseNarInfo } from "../lib/narinfo.js";
import { DEFAULT_STORE_DIR } from "../lib/store-path.js";
import { type CacheFileStat, type CacheListing, planCollection } from "./plan.js";

export const GC_USAGE = `  nix-binary-cache-key gc CACHE [--dry-run] [--older-than DAYS] [--max-size SIZE]
      Upkeep of a file:// or s3:// binary cache (s3:// with the AWS_* credentials): removes temporary files and NARs no narinfo names (once a day old, so a
      push in progress is never raced) and, when asked, paths whose narinfo is older than DAYS days or the least
      recently written beyond SIZE (e.g. 20G), each with every path that refers to it. --dry-run lists what would go.
`;

export interface GcIo {
  /** Where an s3:// cache's credentials come from (AWS_*). */
  readonly env?: NodeJS.ProcessEnv;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly now?: () => number;
}

interface GcArgs {
  readonly cache: CacheFiles;
  readonly dryRun: boolean;
  readonly olderThanMs?: number;
  readonly maxBytes?: number;
}

/** Runs the command; returns the exit code (0 done, 1 failed, 2 bad usage). */
export async function runGcCommand(args: readonly string[], io: GcIo): Promise<number> {
  let parsed: GcArgs;
  try {
    parsed = parseGcArgs(args, io.env ?? {});
  } catch (error) {
    io.err(`${describeError(error)}\n\nUsage:\n${GC_USAGE}`);
    return 2;
  }
  try {
    const now = io.now?.() ?? Date.now();
    const cache = parsed.cache;
    const listed = await cache.list();
    const listing = await readListing(cache, listed);
    const plan = planCollection(listing, { now, olderThanMs: parsed.olderThanMs, maxBytes: parsed.maxBytes });
    const verb = parsed.dryRun ? "would remove" : "removed";
    for (const name of [...plan.narinfos, ...plan.nars, ...plan.temporary]) {
      if (!parsed.dryRun && !(await cache.removeIfUnchanged(name, listed.get(name)?.tag ?? ""))) {
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

function parseGcArgs(args: readonly string[], env: NodeJS.ProcessEnv): GcArgs {
  let cache: CacheFiles | undefined;
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
    else if (cache !== undefined) throw new Error("give one cache");
    else cache = cacheFiles(arg, env);
  }
  if (cache === undefined) throw new Error("give the cache to clean up, e.g. file:///srv/nix-cache");
  return { cache, dryRun, olderThanMs, maxBytes };
}

function cacheFiles(text: string, env: NodeJS.ProcessEnv): CacheFiles {
  if (text.startsWith("s3://")) {
    const { location, profile } = parseS3Url(text, env);
    const found = findCredentials({ env, profile });
    if (found === undefined)
      throw new Error("no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
    return s3Files(new S3Client(location, () => found.credentials));
  }
  const url = URL.parse(text);
  if (url?.protocol !== "file:") throw new Error(`expected a file:// or s3:// cache URL, got '${text}'`);
  return directoryFiles(fileURLToPath(url));
}

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?$/i.exec(text.trim());
  if (match === null) throw new Error(`--max-size takes a size such as 20G or 500M, got '${text}'`);
  const power = " KMGT".indexOf((match[2] || " ").toUpperCase());
  return Math.floor(Number(match[1]) * 1024 ** power);
}

/** A cache's files, wherever they are: listed with a tag that changes when a file is replaced. */
interface CacheFiles {
  list(): Promise<Map<string, CacheFileStat & { readonly tag: string }>>;
  read(name: string): Promise<string>;
  /** Removes `name` unless its tag changed since it was listed (a push replaced it); whether it is gone. */
  removeIfUnchanged(name: string, tag: string): Promise<boolean>;
}

/** A file:// cache: every regular file below its root (links are left alone). */
function directoryFiles(root: string): CacheFiles {
  const tagOf = (stat: { ino: number; mtimeMs: number }) => `${stat.ino}:${stat.mtimeMs}`;
  return {
    async list() {
      const files = new Map<string, CacheFileStat & { tag: string }>();
      const walk = (dir: string, prefix: string) => {
        for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
          const name = `${prefix}${entry.name}`;
          if (entry.isDirectory()) walk(join(dir, entry.name), `${name}/`);
          else if (entry.isFile()) {
            // A push in progress renames its temporary files into place: one listed a moment ago may be gone.
            const stat = lstatSync(join(root, name), { throwIfNoEntry: false });
            if (stat !== undefined)
              files.set(name, { size: stat.size, mtimeMs: stat.mtimeMs, tag: tagOf(stat) });
          }
        }
      };
      walk("", "");
      return files;
    },
    read: async (name) => readFileSync(join(root, name), "utf8"),
    async removeIfUnchanged(name, tag) {
      const path = join(root, name);
      try {
        if (tagOf(lstatSync(path)) !== tag) return false;
        unlinkSync(path);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
        throw error;
      }
    },
  };
}

/**
 * An s3:// cache: the objects below its prefix. The tag is the ETag with the last change, to the second: a NAR
 * pushed again has the same ETag (its key and bytes name its content), but is new.
 */
function s3Files(client: S3Client): CacheFiles {
  const signal = () => AbortSignal.timeout(5 * 60_000);
  const tagOf = (etag: string, lastModifiedMs: number) => `${etag} ${Math.floor(lastModifiedMs / 1000)}`;
  return {
    async list() {
      const files = new Map<string, CacheFileStat & { tag: string }>();
      for (const object of await client.list(signal())) {
        const tag = tagOf(object.etag, object.lastModifiedMs);
        files.set(object.key, { size: object.size, mtimeMs: object.lastModifiedMs, tag });
      }
      return files;
    },
    async read(name) {
      const bytes = await client.get(name, signal());
      if (bytes === undefined) throw new Error(`${name} is gone`);
      return bytes.toString("utf8");
    },
    async removeIfUnchanged(name, tag) {
      const now = await client.head(name, signal());
      if (now === undefined) return true;
      if (tagOf(now.etag, now.lastModifiedMs) !== tag) return false;
      await client.delete(name, signal());
      return true;
    },
  };
}

/** The listing with its narinfos read and parsed (one that does not parse is left as an unknown file). */
async function readListing(
  cache: CacheFiles,
  files: ReadonlyMap<string, CacheFileStat>,
): Promise<CacheListing> {
  if (!files.has("nix-cache-info")) throw new Error("there is no nix-cache-info: it is not a binary cache");
  const storeDir = parseCacheInfoStoreDir(await cache.read("nix-cache-info")) ?? DEFAULT_STORE_DIR;
  const narinfos = new Map<string, NarInfo>();
  for (const name of files.keys()) {
    const hashPart = /^([0-9a-z]{32})\.narinfo$/.exec(name)?.[1];
    if (hashPart === undefined) continue;
    try {
      narinfos.set(hashPart, parseNarInfo(await cache.read(name), storeDir));
    } catch {
      // Not one it can read: left as it is.
    }
  }
  return { files, narinfos };
}
