/**
 * For the Actions cache acceptance tests: derivations whose builders leave a mark outside the store (so a test can
 * tell a substitution from a build), and a walk of a saved cache entry — unpacked as @actions/cache would, then
 * checked whole: every narinfo's NAR present with its size, every reference present, no stray NAR.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { type Closure, instantiateClosure } from "../nix/closures.js";
import { type NixEnv, runOk } from "../nix/env.js";
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
  options: { failAt?: number } = {},
): Promise<MarkedClosure> {
  const closure = await instantiateClosure(nix, {
    count,
    label,
    prefix: LABEL,
    marks,
    failAt: options.failAt,
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

export interface WalkedEntry {
  /** The unpacked binary cache directory (a file:// cache real Nix can read). */
  readonly cacheDir: string;
  /** Hash part → narinfo text. */
  readonly narinfos: Map<string, string>;
  /** Bytes of the narinfos and the NARs, as the size limit counts them. */
  readonly bytes: number;
  /** The usage file beside the cache: hash part → last use. */
  readonly lastUsed: Record<string, number>;
}

/** Unpacks a saved entry with tar and zstd as @actions/cache does, and checks that it is whole. */
export async function walkEntry(entry: CacheEntry, scratch: string): Promise<WalkedEntry> {
  const dir = mkdtempSync(path.join(scratch, "entry-"));
  const archive = path.join(dir, "cache.tzst");
  writeFileSync(archive, entry.data ?? Buffer.alloc(0));
  await runOk("tar", ["-xf", archive, "-P", "-C", dir, "--use-compress-program", "unzstd"], {});
  const root = path.join(dir, ".nix-binary-cache-action");
  expect(readdirSync(root).sort()).toEqual(["cache", "usage.json"]);
  const cacheDir = path.join(root, "cache");
  const narinfos = new Map<string, string>();
  for (const name of readdirSync(cacheDir).filter((n) => n.endsWith(".narinfo"))) {
    narinfos.set(name.slice(0, 32), readFileSync(path.join(cacheDir, name), "utf8"));
  }
  let bytes = 0;
  const used = new Set<string>();
  for (const [hashPart, text] of narinfos) {
    bytes += Buffer.byteLength(text);
    const url = field(text, "URL");
    const narFile = path.join(cacheDir, url);
    expect(existsSync(narFile), `${hashPart}: ${url}`).toBe(true);
    expect(String(statSync(narFile).size)).toBe(field(text, "FileSize"));
    if (!used.has(url)) bytes += statSync(narFile).size;
    used.add(url);
    for (const reference of field(text, "References").split(" ").filter(Boolean)) {
      expect(narinfos.has(reference.slice(0, 32)), `${hashPart} refers to ${reference}`).toBe(true);
    }
  }
  expect(
    readdirSync(path.join(cacheDir, "nar"))
      .map((n) => `nar/${n}`)
      .sort(),
  ).toEqual([...used].sort());
  const usage = JSON.parse(readFileSync(path.join(root, "usage.json"), "utf8"));
  expect(Object.keys(usage.lastUsed).sort()).toEqual([...narinfos.keys()].sort());
  return { cacheDir, narinfos, bytes, lastUsed: usage.lastUsed };
}

/** Rewrites a stored entry as a party able to write cache entries could: unpack, change, pack again. */
export async function tamperWithEntry(
  entry: CacheEntry,
  scratch: string,
  change: (cacheDir: string) => void,
): Promise<void> {
  const { cacheDir } = await walkEntry(entry, scratch);
  change(cacheDir);
  const root = path.dirname(path.dirname(cacheDir));
  const archive = path.join(root, "tampered.tzst");
  await runOk(
    "tar",
    ["--posix", "-cf", archive, "-C", root, ".nix-binary-cache-action", "--use-compress-program", "zstdmt"],
    {},
  );
  entry.data = readFileSync(archive);
}

export function field(narinfo: string, key: string): string {
  return new RegExp(`^${key}: (.*)$`, "m").exec(narinfo)?.[1] ?? "";
}

export { hashPartOf as hashPart } from "../../../src/lib/store-path.js";
