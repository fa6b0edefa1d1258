/** Setup's listing of the store directory, which post compares with the store of then (see lib/store-diff.ts). */
import { writeFile } from "node:fs/promises";
import type { NixStore } from "../nix/store.js";

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
