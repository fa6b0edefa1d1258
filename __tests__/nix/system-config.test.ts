import { describe, expect, it } from "vitest";
import { addManagedBlock, removeManagedBlock } from "../../src/nix/system-config.js";

const lines = ["extra-substituters = https://cache.example", "extra-trusted-public-keys = k:AAAA"];

describe("managed blocks in nix.conf", () => {
  it("appends a marked block and removes exactly it, keeping the rest byte for byte", () => {
    const original = "build-users-group = nixbld\n# a comment\n";
    const added = addManagedBlock(original, "42-ab", lines);
    expect(added).toBe(
      `${original}# nix-binary-cache-action 42-ab: begin (the action's post step removes this block)\n` +
        `${lines.join("\n")}\n# nix-binary-cache-action 42-ab: end\n`,
    );
    expect(removeManagedBlock(added, "42-ab")).toBe(original);
  });

  it("keeps what others appended after our block, and other jobs' blocks", () => {
    const ours = addManagedBlock("a = 1", "mine", lines);
    const theirs = addManagedBlock(`${ours}b = 2\n`, "theirs", ["c = 3"]);
    const cleaned = removeManagedBlock(theirs, "mine");
    expect(cleaned.startsWith("a = 1\nb = 2\n")).toBe(true);
    expect(cleaned).toContain("# nix-binary-cache-action theirs: begin");
    expect(removeManagedBlock(cleaned, "theirs")).toBe("a = 1\nb = 2\n");
  });

  it("replaces its own older block instead of stacking two", () => {
    const twice = addManagedBlock(addManagedBlock("", "x", ["old = 1"]), "x", ["new = 2"]);
    expect(twice).not.toContain("old = 1");
    expect(twice.match(/begin/g)).toHaveLength(1);
  });

  it("leaves a file without our block (or with a broken one) alone", () => {
    expect(removeManagedBlock("a = 1\n", "x")).toBe("a = 1\n");
    const broken = "# nix-binary-cache-action x: begin (the action's post step removes this block)\nq = 1\n";
    expect(removeManagedBlock(broken, "x")).toBe(broken);
  });
});
