// Setup's store snapshot and post's reading of it, on a directory laid out like a store: no Nix runs here.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CommandRunner } from "../../src/nix/command.js";
import { NixStore } from "../../src/nix/store.js";
import { readAddedStorePaths } from "../../src/push/added-paths.js";
import { startStoreSnapshot } from "../../src/setup/snapshot.js";

const noCommands: CommandRunner = async () => {
  throw new Error("the snapshot must not run Nix");
};
const h = (c: string) => c.repeat(32);

let root: string;
let storeDir: string;
let store: NixStore;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "nbca-snapshot-"));
  storeDir = join(root, "store");
  mkdirSync(storeDir);
  store = new NixStore(noCommands, storeDir);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("store snapshot", () => {
  it("writes every name of the store directory, one per line, and finds only what came after", async () => {
    mkdirSync(join(storeDir, `${h("a")}-before`));
    writeFileSync(join(storeDir, `${h("b")}-before.drv`), "");
    mkdirSync(join(storeDir, ".links"));
    const file = join(root, "snapshot");
    expect(await startStoreSnapshot(store).writeTo(file)).toBe(3);
    expect(readFileSync(file, "utf8").split("\n").sort()).toEqual(
      [".links", `${h("a")}-before`, `${h("b")}-before.drv`].sort(),
    );

    mkdirSync(join(storeDir, `${h("c")}-built`));
    writeFileSync(join(storeDir, `${h("d")}-built.drv`), "");
    writeFileSync(join(storeDir, `${h("f")}-file-output`), "");
    const added = await readAddedStorePaths(store, file);
    expect([...added.paths].sort()).toEqual([
      `${storeDir}/${h("c")}-built`,
      `${storeDir}/${h("f")}-file-output`,
    ]);
    expect(added.someLocked).toBe(false);
  });

  it("takes a store directory that does not exist yet as empty, before and after", async () => {
    const fresh = new NixStore(noCommands, join(root, "no-store"));
    const file = join(root, "snapshot");
    expect(await startStoreSnapshot(fresh).writeTo(file)).toBe(0);
    expect(readFileSync(file, "utf8")).toBe("");
    expect(await readAddedStorePaths(fresh, file)).toEqual({ paths: [], someLocked: false });
  });
});
