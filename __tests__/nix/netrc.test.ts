import { describe, expect, it } from "vitest";
import { mergeNetrc, parseNetrc } from "../../src/nix/netrc.js";

describe("parseNetrc", () => {
  it("reads entries across any layout of white space, skipping macros and default", () => {
    const text =
      "machine a.example login alice password one\n" +
      "macdef init\ncd /pub\nmachine not-an-entry\n\n" +
      "machine  b.example\n\tpassword two\n" +
      "default login anonymous password guest\n";
    expect(parseNetrc(text)).toEqual([
      { machine: "a.example", login: "alice", password: "one" },
      { machine: "b.example", login: undefined, password: "two" },
    ]);
  });
});

describe("mergeNetrc", () => {
  it("replaces our machines' entries and keeps every other one, with default last", () => {
    const existing =
      "machine cache.example\nlogin old\npassword stale\n\nmachine git.example password keep\ndefault password any\n";
    const merged = mergeNetrc(existing, [{ machine: "cache.example", password: "fresh" }]);
    expect(merged).toBe(
      "machine git.example password keep\nmachine cache.example\npassword fresh\ndefault password any\n",
    );
    expect(parseNetrc(merged)).toEqual([
      { machine: "git.example", login: undefined, password: "keep" },
      { machine: "cache.example", login: undefined, password: "fresh" },
    ]);
  });

  it("writes a login only when one is given", () => {
    expect(mergeNetrc("", [{ machine: "h", login: "ci", password: "t" }])).toBe(
      "machine h\nlogin ci\npassword t\n",
    );
    expect(mergeNetrc("", [])).toBe("");
  });

  it("refuses values that would split into two tokens, without echoing them", () => {
    expect(() => mergeNetrc("", [{ machine: "h", password: "two words" }])).toThrow(/white space$/);
  });
});
