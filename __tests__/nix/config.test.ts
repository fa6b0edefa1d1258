import { describe, expect, it } from "vitest";
import { mergeNixConfig } from "../../src/nix/config.js";

const settings = {
  substituters: ["file:///srv/cache"],
  trustedPublicKeys: ["example-cache-1:P4OKcFm19qrxWY/SBP6OiAHJutEcLSnLLpHBiVF42Ho="],
};

describe("mergeNixConfig", () => {
  it("adds extra-* lines, which extend Nix's settings instead of replacing them", () => {
    expect(mergeNixConfig(undefined, settings)).toBe(
      "extra-substituters = file:///srv/cache\n" +
        "extra-trusted-public-keys = example-cache-1:P4OKcFm19qrxWY/SBP6OiAHJutEcLSnLLpHBiVF42Ho=\n" +
        "narinfo-cache-negative-ttl = 0",
    );
  });

  it("keeps the user's NIX_CONFIG first and does not repeat our lines on a second run", () => {
    const user = "experimental-features = nix-command flakes\nmax-jobs = 4\n";
    const once = mergeNixConfig(user, settings);
    expect(once.split("\n")).toEqual([
      "experimental-features = nix-command flakes",
      "max-jobs = 4",
      "extra-substituters = file:///srv/cache",
      "extra-trusted-public-keys = example-cache-1:P4OKcFm19qrxWY/SBP6OiAHJutEcLSnLLpHBiVF42Ho=",
      "narinfo-cache-negative-ttl = 0",
    ]);
    expect(mergeNixConfig(once, settings)).toBe(once);
  });
});
