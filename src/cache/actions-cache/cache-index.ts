/**
 * The index: one small entry that says which paths the cache holds, each with its narinfo and where its compressed
 * NAR lies (a byte range of a pack entry), and when a job last used it. Every save writes a new index (entries
 * cannot be changed); a job reads only the newest. Packs hold NAR bytes only, so that a job that needs nothing
 * downloads the index alone, and one that needs a few paths reads their ranges.
 */
import { zstdCompressSync, zstdDecompressSync } from "node:zlib";
import { describeError } from "../../lib/errors.js";
import { type NarInfo, parseNarInfo } from "../../lib/narinfo.js";
import { referrersOf, withReferrers } from "../../lib/referrers.js";
import { hashPartOf } from "../../lib/store-path.js";

const FORMAT = "nix-binary-cache-action index";
const VERSION = 2;
/** An index larger than this is not read (nor written): a job must never download much to learn what is cached. */
export const MAX_INDEX_BYTES = 16 * 2 ** 20;

export interface IndexedPath {
  readonly hashPart: string;
  /** The narinfo as pushed (signatures included); its URL names the NAR inside the cache (`nar/…`). */
  readonly text: string;
  readonly info: NarInfo;
  /** Key of the pack entry holding the compressed NAR, at `offset`, `info.fileSize` bytes long. */
  readonly pack: string;
  readonly offset: number;
  /** When a job last built, substituted or pushed it (milliseconds since the epoch). */
  readonly lastUsed: number;
}

export interface CacheIndex {
  readonly storeDir: string;
  /** When the index was saved; undefined for one made in this job. */
  readonly savedAt?: number;
  readonly paths: ReadonlyMap<string, IndexedPath>;
}

interface IndexFile {
  readonly format: typeof FORMAT;
  readonly version: typeof VERSION;
  readonly storeDir: string;
  readonly savedAt: number;
  readonly packs: readonly string[];
  /** Per path: [narinfo text, pack number, offset, last used]. */
  readonly paths: readonly (readonly [string, number, number, number])[];
}

export function emptyIndex(storeDir: string): CacheIndex {
  return { storeDir, paths: new Map() };
}

/** The index as bytes to save: JSON, zstd-compressed (hashes are most of it; the rest compresses well). */
export function encodeIndex(index: CacheIndex, savedAt: number): Buffer {
  const packs = [...new Set([...index.paths.values()].map((path) => path.pack))].sort();
  const packNumber = new Map(packs.map((pack, number) => [pack, number]));
  const paths = [...index.paths.values()]
    .sort((a, b) => (a.hashPart < b.hashPart ? -1 : 1))
    .map((path) => [path.text, packNumber.get(path.pack) ?? 0, path.offset, path.lastUsed] as const);
  const file: IndexFile = {
    format: FORMAT,
    version: VERSION,
    storeDir: index.storeDir,
    savedAt,
    packs,
    paths,
  };
  return zstdCompressSync(Buffer.from(JSON.stringify(file)));
}

export interface DecodedIndex {
  readonly index: CacheIndex;
  /** Paths left out, each with why (a malformed narinfo, a bad location). */
  readonly rejected: readonly { readonly name: string; readonly reason: string }[];
}

/**
 * Reads an index saved by `encodeIndex`. Throws when the bytes are no index of this version (another layout is
 * left aside, never half-read); an index for another store directory reads as empty.
 */
export function decodeIndex(bytes: Buffer, storeDir: string): DecodedIndex {
  let file: IndexFile;
  try {
    const json = zstdDecompressSync(bytes, { maxOutputLength: 8 * MAX_INDEX_BYTES });
    file = JSON.parse(json.toString("utf8")) as IndexFile;
  } catch (error) {
    throw new Error(`the index is unreadable (${describeError(error)})`);
  }
  if (file?.format !== FORMAT || file.version !== VERSION || !Array.isArray(file.paths)) {
    throw new Error("the index is not one of this version of the action");
  }
  if (file.storeDir !== storeDir) return { index: emptyIndex(storeDir), rejected: [] };
  const paths = new Map<string, IndexedPath>();
  const rejected: { name: string; reason: string }[] = [];
  for (const entry of file.paths) {
    const [text, packNumber, offset, lastUsed] = Array.isArray(entry) ? entry : [];
    const pack = file.packs[Number(packNumber)];
    let info: NarInfo;
    try {
      if (typeof text !== "string") throw new Error("no narinfo");
      info = parseNarInfo(text, storeDir);
    } catch (error) {
      rejected.push({ name: "a path", reason: describeError(error) });
      continue;
    }
    if (typeof pack !== "string" || !Number.isSafeInteger(offset) || (offset as number) < 0) {
      rejected.push({ name: info.storePath, reason: "its place in the cache is malformed" });
      continue;
    }
    const hashPart = hashPartOf(info.storePath);
    const used = Number.isFinite(lastUsed) ? (lastUsed as number) : file.savedAt;
    paths.set(hashPart, { hashPart, text, info, pack, offset: offset as number, lastUsed: used });
  }
  return { index: { storeDir, savedAt: Number(file.savedAt) || undefined, paths }, rejected };
}

/** Who refers to whom among the indexed paths: hash part → hash parts of the paths that refer to it. */
function referrersIn(paths: ReadonlyMap<string, { readonly info: NarInfo }>): Map<string, string[]> {
  return referrersOf([...paths].map(([hashPart, path]) => [hashPart, path.info.references] as const));
}

/**
 * The index without `remove` and every path that refers to one of them: a narinfo must never outlive its NAR or
 * its references.
 */
export function withoutPaths(
  index: CacheIndex,
  remove: Iterable<string>,
): { index: CacheIndex; removed: Set<string> } {
  const removed = withReferrers(referrersIn(index.paths), remove);
  const paths = new Map([...index.paths].filter(([hashPart]) => !removed.has(hashPart)));
  for (const hashPart of [...removed]) if (!index.paths.has(hashPart)) removed.delete(hashPart);
  return { index: { ...index, paths }, removed };
}

export interface Pruning {
  readonly index: CacheIndex;
  readonly removed: ReadonlySet<string>;
  /** Bytes of the cache's NARs before and after. */
  readonly before: number;
  readonly after: number;
}

/**
 * Keeps the cache within `limit` bytes of compressed NARs: the least recently used go first (the bigger first
 * among equals), each with every path that refers to it — used no more recently, since using a path means having
 * its closure.
 */
export function pruneToSize(index: CacheIndex, limit: number): Pruning {
  const size = (hashPart: string) => index.paths.get(hashPart)?.info.fileSize ?? 0;
  let total = 0;
  for (const path of index.paths.values()) total += path.info.fileSize;
  const before = total;
  const removed = new Set<string>();
  if (total <= limit) return { index, removed, before, after: total };
  const referrers = referrersIn(index.paths);
  const order = [...index.paths.values()].sort(
    (a, b) =>
      a.lastUsed - b.lastUsed || size(b.hashPart) - size(a.hashPart) || (a.hashPart < b.hashPart ? -1 : 1),
  );
  for (const candidate of order) {
    if (total <= limit) break;
    if (removed.has(candidate.hashPart)) continue;
    for (const hashPart of withReferrers(referrers, [candidate.hashPart])) {
      if (removed.has(hashPart) || !index.paths.has(hashPart)) continue;
      removed.add(hashPart);
      total -= size(hashPart);
    }
  }
  const paths = new Map([...index.paths].filter(([hashPart]) => !removed.has(hashPart)));
  return { index: { ...index, paths }, removed, before, after: total };
}
