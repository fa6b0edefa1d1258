/**
 * For the Actions cache acceptance tests: derivations whose builders leave a mark outside the store (so a test can
 * tell a substitution from a build), and the saved index read back and checked against the packs' bytes.
 */
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { type CacheIndex, decodeIndex, encodeIndex } from "../../../src/cache/actions-cache/cache-index.js";
import { parseNarInfo } from "../../../src/lib/narinfo.js";
import { type Closure, instantiateClosure } from "../nix/closures.js";
import type { NixEnv } from "../nix/env.js";
import type { CacheEntry } from "../stand-ins/actions-cache-server.js";

/** What every test derivation's name starts with: the push filter keeps other engineers' builds out. */
export const LABEL = "ghac";
/** pushFilter that leaves out every new path but ours (the store is shared with other test runs). */
export const ONLY_OURS = `^(?!/nix/store/[0-9a-z]{32}-${LABEL}-)`;

export interface MarkedClosure extends Closure {
  readonly label: string;
}

/**
 * A chain of `count` derivations named after LABEL (new store paths on every call), whose builders leave marks in
 * `marks`, so that `builds()` tells a substitution from a build; `failAt` makes that one fail.
 */
export async function instantiateMarked(
  nix: NixEnv,
  marks: string,
  label: string,
  count: number,
  options: { failAt?: number; bigMiB?: number } = {},
): Promise<MarkedClosure> {
  const closure = await instantiateClosure(nix, {
    count,
    label,
    prefix: LABEL,
    marks,
    failAt: options.failAt,
    bigMiB: options.bigMiB,
  });
  return { ...closure, label };
}

/** A directory every build user (nixbld*, when Nix has them) can reach and write marks into. */
export function marksDir(parent: string): string {
  const dir = path.join(parent, "marks");
  mkdirSync(dir, { recursive: true });
  chmodSync(parent, 0o755);
  chmodSync(dir, 0o777);
  return dir;
}

/** A saved index, read back, with the pack entries it names. */
export interface SavedIndex {
  readonly entry: CacheEntry;
  readonly index: CacheIndex;
  /** Pack key → the stand-in's entry for it (undefined when evicted). */
  readonly packs: Map<string, CacheEntry | undefined>;
}

/** The service's newest visible index entry, decoded, and checked whole: each NAR's range holds its FileHash. */
export function newestIndex(entries: readonly CacheEntry[], storeDir = "/nix/store"): SavedIndex {
  const entry = entries
    .filter((e) => e.finalized && e.key.includes("/index/"))
    .sort((a, b) => b.created - a.created)[0];
  if (entry === undefined) throw new Error("no index saved");
  const { index, rejected } = decodeIndex(entry.data ?? Buffer.alloc(0), storeDir);
  expect(rejected).toEqual([]);
  const packs = new Map<string, CacheEntry | undefined>();
  for (const path of index.paths.values()) {
    const pack = entries.find((e) => e.finalized && e.key === path.pack);
    packs.set(path.pack, pack);
    if (pack === undefined) continue;
    const bytes = (pack.data ?? Buffer.alloc(0)).subarray(path.offset, path.offset + path.info.fileSize);
    expect(Buffer.from(createHash("sha256").update(bytes).digest())).toEqual(Buffer.from(path.info.fileHash));
  }
  return { entry, index, packs };
}

/** Rewrites a stored index as a party able to write cache entries could: decode, change, encode again. */
export function tamperWithIndex(entry: CacheEntry, change: (text: string, hashPart: string) => string): void {
  const { index } = decodeIndex(entry.data ?? Buffer.alloc(0), "/nix/store");
  const paths = new Map(
    [...index.paths].map(([hashPart, path]) => {
      const text = change(path.text, hashPart);
      return [hashPart, { ...path, text, info: parseNarInfo(text) }];
    }),
  );
  entry.data = encodeIndex({ ...index, paths }, index.savedAt ?? 0);
  entry.size = entry.data.length;
}

export { hashPartOf as hashPart } from "../../../src/lib/store-path.js";
