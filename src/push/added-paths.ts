/** Post's half of the store snapshot: the paths that are in the store now but were not when setup listed it. */
import { readFile } from "node:fs/promises";
import { type AddedStorePaths, diffStoreEntries } from "../lib/store-diff.js";
import type { NixStore } from "../nix/store.js";

/** Store paths that are in the store directory now but were not in the snapshot. */
export async function readAddedStorePaths(nix: NixStore, file: string): Promise<AddedStorePaths> {
  const [snapshot, now] = await Promise.all([readFile(file, "utf8"), nix.listStoreEntries()]);
  return diffStoreEntries(new Set(snapshot.split("\n")), now, nix.storeDir);
}
