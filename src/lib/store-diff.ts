/**
 * What the job added to the store, from two listings of the store directory. Only names are compared, as they
 * come from the directory: the shape check and the full path are made for the few new entries, not for each of
 * the tens of thousands a long-lived store holds.
 */
import { isStorePathBasename } from "./store-path.js";

/** Store entries that are never build results: derivations, lock files and build leftovers. */
const NOT_ROOTS = /\.(drv|lock|chroot|check)$/;

export interface AddedStorePaths {
  /** Full store paths, build results only (no `.drv`, no lock files). */
  readonly paths: readonly string[];
  /**
   * Some of them have a lock file beside them: Nix may still be building or substituting them, so they may not be
   * valid yet (and a Nix command that realises its arguments would wait for them).
   */
  readonly someLocked: boolean;
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
