/**
 * The store of the tests' Nix world, and fresh ones: whether a path is there, deleting what a test made, and an
 * empty chroot store to substitute into.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { removeTree } from "../remove-tree.js";
import { type NixEnv, run } from "./env.js";
import { world } from "./world.js";

/** Whether a store path (or a file in one) of the tests' Nix world exists. */
export function inStore(storePath: string): boolean {
  return existsSync(world.hostPath(storePath));
}

/**
 * Deletes store paths (and, for a built closure, its .drv files) so the shared store does not keep growing.
 * Nix refuses to delete a path that a live path still references; paths are given referrers first, and what Nix
 * refuses stays (the caller may be deleting only part of a closure).
 */
export async function deleteStorePaths(nix: NixEnv, paths: readonly string[]): Promise<void> {
  const existing = paths.filter(inStore);
  if (existing.length === 0) return;
  // Bounded: clean-up must never be what hangs a test run (the GC lock may be held by another Nix process).
  await run("nix-store", ["--delete", ...existing], nix.env, 60_000);
}

export interface FreshStore {
  /** The chroot store's root: its store paths live under `<dir>/nix/store`. */
  readonly dir: string;
  /** Whether `storePath` (a /nix/store/… path) exists in this store. */
  has(storePath: string): boolean;
  cleanup(): void;
}

/** An empty chroot store (`nix-store --store <dir>`) to substitute into, as a new machine would. */
export function freshStore(): FreshStore {
  const dir = mkdtempSync(path.join(tmpdir(), "nbca-store-"));
  return {
    dir,
    has: (storePath) => existsSync(path.join(dir, storePath)),
    cleanup: () => removeTree(dir),
  };
}
