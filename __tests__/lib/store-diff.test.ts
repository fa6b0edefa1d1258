// Which store entries are new: pure, on lists of names.
import { describe, expect, it } from "vitest";
import { diffStoreEntries } from "../../src/lib/store-diff.js";

const h = (c: string) => c.repeat(32);

describe("diffStoreEntries", () => {
  it("keeps new store paths but not derivations, locks, build leftovers or other names", () => {
    const after = [
      `${h("0")}-old`,
      `${h("1")}-new`,
      `${h("2")}-new.drv`,
      `${h("3")}-new.lock`,
      `${h("4")}-new.drv.chroot`,
      `${h("5")}-new.check`,
      ".links",
      `${h("e")}-not-nix32`,
      `${h("6")}-.hidden`,
    ];
    expect(diffStoreEntries(new Set([`${h("0")}-old`]), after, "/nix/store")).toEqual({
      paths: [`/nix/store/${h("1")}-new`],
      someLocked: false,
    });
  });

  it("says when a new path has a lock file beside it, as one Nix is still building or substituting has", () => {
    const after = [`${h("1")}-done`, `${h("2")}-building`, `${h("2")}-building.lock`, `${h("3")}-old.lock`];
    expect(diffStoreEntries(new Set(), after, "/s")).toEqual({
      paths: [`/s/${h("1")}-done`, `/s/${h("2")}-building`],
      someLocked: true,
    });
    // A lock left beside an old path, or a lock alone, says nothing about the new paths.
    expect(diffStoreEntries(new Set([`${h("2")}-building`]), after, "/s").someLocked).toBe(false);
  });
});
