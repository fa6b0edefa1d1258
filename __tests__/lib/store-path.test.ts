import path from "node:path";
import { describe, expect, it } from "vitest";
import { hashPartOf, isStorePathBasename, parseStorePath } from "../../src/lib/store-path.js";
import { loadPathFacts } from "../helpers/fixtures.js";

const fixturePaths = loadPathFacts().map((p) => p.path);
const HASH = "18m2ryz7li5ab23anbkvrpdnhsbqddxv";

describe("parseStorePath", () => {
  it("splits every fixture path Nix produced", () => {
    expect(fixturePaths).toHaveLength(6);
    for (const full of fixturePaths) {
      const parsed = parseStorePath(full);
      expect(parsed.full).toBe(full);
      expect(`/nix/store/${parsed.basename}`).toBe(full);
      expect(`${parsed.hashPart}-${parsed.name}`).toBe(parsed.basename);
      expect(parsed.hashPart).toHaveLength(32);
    }
  });

  it("returns the parts of a path", () => {
    expect(parseStorePath(`/nix/store/${HASH}-nbca-lib`)).toEqual({
      full: `/nix/store/${HASH}-nbca-lib`,
      basename: `${HASH}-nbca-lib`,
      hashPart: HASH,
      name: "nbca-lib",
    });
  });

  it("accepts every character Nix allows in a name, and another store dir", () => {
    expect(parseStorePath(`/nix/store/${HASH}-aZ09+-._?=`).name).toBe("aZ09+-._?=");
    expect(parseStorePath(`/opt/store/${HASH}-x`, "/opt/store").hashPart).toBe(HASH);
    expect(parseStorePath(`/nix/store/${HASH}-${"n".repeat(211)}`).name).toHaveLength(211);
  });

  it.each([
    ["another directory", `/opt/store/${HASH}-x`, /not directly in \/nix\/store/],
    ["a relative path", `${HASH}-x`, /not directly in/],
    ["a file inside a store path", `/nix/store/${HASH}-x/bin/sh`, /inside a store path/],
    ["a trailing slash", `/nix/store/${HASH}-x/`, /inside a store path/],
    ["the store itself", "/nix/store/", /expected <32 nix32/],
    ["a short hash", `/nix/store/${HASH.slice(1)}-x`, /expected <32 nix32/],
    ["a hash with 'e'", `/nix/store/e${HASH.slice(1)}-x`, /expected <32 nix32/],
    ["an upper-case hash", `/nix/store/${HASH.toUpperCase()}-x`, /expected <32 nix32/],
    ["no dash", `/nix/store/${HASH}xx`, /expected <32 nix32/],
    ["an empty name", `/nix/store/${HASH}-`, /expected <32 nix32/],
    ["a space", `/nix/store/${HASH}-a b`, /expected <32 nix32/],
    ["a non-ASCII name", `/nix/store/${HASH}-café`, /expected <32 nix32/],
    ["a leading dot", `/nix/store/${HASH}-.hidden`, /must not start with '.'/],
    ["a 212-character name", `/nix/store/${HASH}-${"n".repeat(212)}`, /longer than 211/],
  ])("rejects %s", (_what, input, message) => {
    expect(() => parseStorePath(input)).toThrow(message);
  });
});

describe("isStorePathBasename", () => {
  it("accepts store path basenames", () => {
    for (const full of fixturePaths) expect(isStorePathBasename(path.posix.basename(full))).toBe(true);
  });

  it.each([".links", "gc-roots", HASH, `${HASH}-`, `${HASH}-.x`, `x${HASH}-a`, `${HASH}-a/b`])(
    "rejects %j",
    (name) => {
      expect(isStorePathBasename(name)).toBe(false);
    },
  );
});

describe("hashPartOf", () => {
  it("takes the hash of a full path or a basename", () => {
    expect(hashPartOf(`/nix/store/${HASH}-nbca-lib`)).toBe(HASH);
    expect(hashPartOf(`${HASH}-nbca-lib.drv`)).toBe(HASH);
  });

  it("throws on anything else", () => {
    expect(() => hashPartOf(`/nix/store/${HASH}-x/bin`)).toThrow(/not a store path/);
    expect(() => hashPartOf(".links")).toThrow(/not a store path/);
  });
});
