/**
 * What the job added to the store: setup writes down the names in the store directory, post reads the directory
 * again and keeps the new names. Only names are compared, as they come from the directory: the shape check and
 * the full path are made for the few new entries, not for each of the tens of thousands a long-lived store holds.
 */
import { readFile, writeFile } from "node:fs/promises";
import { isStorePathBasename } from "../lib/store-path.js";
import type { NixStore } from "../nix/store.js";

/** Store entries that are never build results: derivations, lock files and build leftovers. */
const NOT_ROOTS = /\.(drv|lock|chroot|check)$/;

export interface PendingSnapshot {
  /** Writes the names read to `file`, one per line; returns how many there are. */
  writeTo(file: string): Promise<number>;
}

/**
 * Starts reading the store directory at once. Setup starts it first thing, so that the read (on the thread pool)
 * overlaps setup's Nix calls, and writes it at its end: nothing the job builds can appear before setup is over.
 */
export function startStoreSnapshot(nix: NixStore): PendingSnapshot {
  const names = nix.listStoreEntries();
  // Awaited by writeTo; a setup that fails before then never asks.
  names.catch(() => {});
  return {
    async writeTo(file) {
      const read = await names;
      await writeFile(file, read.join("\n"));
      return read.length;
    },
  };
}

export interface AddedStorePaths {
  /** Full store paths, build results only (no `.drv`, no lock files). */
  readonly paths: readonly string[];
  /**
   * Some of them have a lock file beside them: Nix may still be building or substituting them, so they may not be
   * valid yet (and a Nix command that realises its arguments would wait for them).
   */
  readonly someLocked: boolean;
}

/** Store paths that are in the store directory now but were not in the snapshot. */
export async function readAddedStorePaths(nix: NixStore, file: string): Promise<AddedStorePaths> {
  const [snapshot, now] = await Promise.all([readFile(file, "utf8"), nix.listStoreEntries()]);
  return diffStoreEntries(new Set(snapshot.split("\n")), now, nix.storeDir);
}

/** The names of `after` that are not in `before` and could be build results, as full store paths. */
export function diffStoreEntries(
  before: ReadonlySet<string>,
  after: readonly string[],
  storeDir: string,
): AddedStorePaths {
  const added: string[] = [];
  const locks = new Set<string>();
  for (const name of after) {
    if (name.endsWith(".lock")) locks.add(name);
    if (before.has(name) || NOT_ROOTS.test(name) || !isStorePathBasename(name)) continue;
    added.push(name);
  }
  return {
    paths: added.map((name) => `${storeDir}/${name}`),
    someLocked: added.some((name) => locks.has(`${name}.lock`)),
  };
}
