import { describe, expect, it } from "vitest";
import { parseBoolean, parseByteSize, parseMinutes, splitList } from "../../src/action/input-values.js";
import { InputError } from "../../src/lib/errors.js";

describe("parseByteSize", () => {
  it.each([
    ["4G", 4 * 2 ** 30],
    ["500M", 500 * 2 ** 20],
    ["1.5GiB", 1.5 * 2 ** 30],
    ["1048576", 1048576],
  ])("%s is %d bytes", (text, bytes) => {
    expect(parseByteSize("cacheSizeLimit", text)).toBe(bytes);
  });
});

describe("parseBoolean", () => {
  it("takes what core.getBooleanInput takes, and empty as false", () => {
    expect(
      ["true", "True", "TRUE", "false", "", "FALSE"].map((text) => parseBoolean("strict", text)),
    ).toEqual([true, true, true, false, false, false]);
    expect(() => parseBoolean("strict", "yes")).toThrow(InputError);
  });
});

describe("parseMinutes", () => {
  it("takes fractions, falls back when empty, and refuses zero and words", () => {
    expect(parseMinutes("pushTimeout", "0.25", 30)).toBe(0.25);
    expect(parseMinutes("pushTimeout", "", 30)).toBe(30);
    expect(() => parseMinutes("pushTimeout", "0", 30)).toThrow(/'pushTimeout'/);
    expect(() => parseMinutes("pushTimeout", "1e3", 30)).toThrow(/got '1e3'/);
  });
});

describe("splitList", () => {
  it("drops empty items", () => {
    expect(splitList(" a,, b\n", /[\s,]+/)).toEqual(["a", "b"]);
  });
});
