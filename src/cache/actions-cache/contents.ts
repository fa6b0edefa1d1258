/**
 * What a binary cache directory restored from an entry holds, checked as a whole: every narinfo parsed strictly,
 * its NAR present with the size it names, its signatures well-formed. The one rule for taking paths out — when
 * one goes, so does every path that refers to it — keeps a narinfo from ever outliving its NAR or its references.
 */
import { readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { describeError } from "../../lib/errors.js";
import { type NarInfo, parseNarInfo } from "../../lib/narinfo.js";
import { parseSignature } from "../../lib/signing.js";
import { hashPartOf } from "../../lib/store-path.js";

export interface CachedPath {
  readonly hashPart: string;
  readonly info: NarInfo;
  /** Bytes of the narinfo file. */
  readonly size: number;
}

interface Rejection {
  readonly hashPart: string;
  readonly reason: string;
}

export interface CacheScan {
  /** Usable narinfos by hash part. */
  readonly paths: Map<string, CachedPath>;
  readonly rejected: readonly Rejection[];
  /** Every file under nar/, by its name in narinfos (`nar/<hash>.nar.zst`), with its size. */
  readonly nars: Map<string, number>;
}

const NARINFO_NAME = /^([0-9a-z]{32})\.narinfo$/;

/** Reads and checks every narinfo of the cache directory `dir`. */
export async function scanCache(dir: string, storeDir: string): Promise<CacheScan> {
  const nars = new Map<string, number>();
  for (const name of await readdir(join(dir, "nar")).catch(() => [])) {
    const info = await stat(join(dir, "nar", name));
    if (info.isFile() && !name.endsWith(".tmp")) nars.set(`nar/${name}`, info.size);
  }
  const paths = new Map<string, CachedPath>();
  const rejected: Rejection[] = [];
  for (const name of await readdir(dir)) {
    const hashPart = NARINFO_NAME.exec(name)?.[1];
    if (hashPart === undefined) continue;
    const text = await readFile(join(dir, name), "utf8");
    const checked = checkNarInfo(text, hashPart, storeDir, nars);
    if (typeof checked === "string") rejected.push({ hashPart, reason: checked });
    else paths.set(hashPart, { hashPart, info: checked, size: Buffer.byteLength(text) });
  }
  return { paths, rejected, nars };
}

/** The parsed narinfo, or why it cannot be served. */
function checkNarInfo(
  text: string,
  hashPart: string,
  storeDir: string,
  nars: ReadonlyMap<string, number>,
): NarInfo | string {
  let info: NarInfo;
  try {
    info = parseNarInfo(text, storeDir);
  } catch (error) {
    return describeError(error);
  }
  if (hashPartOf(info.storePath) !== hashPart) return `it describes another path, ${info.storePath}`;
  // Only a file directly under nar/ will do: a URL must never lead out of the cache directory.
  const narSize = nars.get(info.url);
  if (narSize === undefined) return `its NAR ${JSON.stringify(info.url)} is not a file under nar/`;
  if (narSize !== info.fileSize) return `its NAR ${info.url} has ${narSize} bytes, not ${info.fileSize}`;
  // Nix 2.8 aborts a whole substitution on a malformed signature under a trusted key's name.
  if (!info.sigs.every((sig) => parseSignature(sig) !== undefined)) return "it carries a malformed signature";
  return info;
}

/** Who refers to whom among the cached paths: hash part → hash parts of the paths that refer to it. */
export type ReferrerIndex = ReadonlyMap<string, readonly string[]>;

export function referrerIndex(paths: ReadonlyMap<string, CachedPath>): ReferrerIndex {
  const referrers = new Map<string, string[]>();
  for (const [hashPart, path] of paths) {
    for (const reference of path.info.references) {
      const target = hashPartOf(reference);
      if (target === hashPart) continue;
      const list = referrers.get(target);
      if (list === undefined) referrers.set(target, [hashPart]);
      else list.push(hashPart);
    }
  }
  return referrers;
}

/** `roots` and every path that refers to one of them, directly or through others. */
export function withReferrers(index: ReferrerIndex, roots: Iterable<string>): Set<string> {
  const result = new Set<string>();
  const queue = [...roots];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    if (result.has(next)) continue;
    result.add(next);
    queue.push(...(index.get(next) ?? []));
  }
  return result;
}

/**
 * Deletes every narinfo not in `keep` (the rejected ones too), then every NAR and leftover temporary file that
 * no kept narinfo uses. The order among deletions does not matter: the directory is only read by Nix after setup
 * and only published by the save at the end of post, each after this has finished.
 */
export async function sweep(dir: string, scan: CacheScan, keep: ReadonlySet<string>): Promise<void> {
  const used = new Set<string>();
  for (const [hashPart, path] of scan.paths) if (keep.has(hashPart)) used.add(path.info.url);
  for (const name of await readdir(dir)) {
    const hashPart = NARINFO_NAME.exec(name)?.[1];
    if ((hashPart !== undefined && !keep.has(hashPart)) || name.endsWith(".tmp")) {
      await rm(join(dir, name), { force: true });
    }
  }
  for (const name of await readdir(join(dir, "nar")).catch(() => [])) {
    if (!used.has(`nar/${name}`)) await rm(join(dir, "nar", name), { force: true });
  }
}
