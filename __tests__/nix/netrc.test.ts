import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mergeNetrc } from "../../src/nix/netrc.js";
import { createNixEnv, run } from "../helpers/nix/env.js";

const nixEnv = createNixEnv();
afterAll(() => nixEnv.cleanup());

describe("mergeNetrc", () => {
  it("replaces our machines' entries and keeps every other one, with default last", () => {
    const existing =
      "machine cache.example\nlogin old\npassword stale\n\nmachine git.example password keep\ndefault password any\n";
    const merged = mergeNetrc(existing, [{ machine: "cache.example", password: "fresh" }]);
    expect(merged).toBe(
      "machine git.example password keep\nmachine cache.example\npassword fresh\ndefault password any\n",
    );
  });

  it("finds entries across any layout of white space, and never inside a macro", () => {
    const existing =
      "machine a.example login alice password one\n" +
      "macdef init\ncd /pub\nmachine b.example\n\n" +
      "machine  b.example\n\tpassword two\n";
    // Only the real b.example entry is replaced; the macro that mentions it stays whole, still ended by the blank
    // line without which curl would read our entry as part of the macro.
    expect(mergeNetrc(existing, [{ machine: "b.example", password: "new" }])).toBe(
      "machine a.example login alice password one\nmacdef init\ncd /pub\nmachine b.example\n\n" +
        "machine b.example\npassword new\n",
    );
  });

  it("writes a login only when one is given", () => {
    expect(mergeNetrc("", [{ machine: "h", login: "ci", password: "t" }])).toBe(
      "machine h\nlogin ci\npassword t\n",
    );
    expect(mergeNetrc("", [])).toBe("");
  });

  it("quotes what curl would otherwise split or end early, and writes plain tokens bare", () => {
    const password = (value: string) => mergeNetrc("", [{ machine: "h", password: value }]).split("\n")[1];
    expect(password("plain-Token_1.=+/")).toBe("password plain-Token_1.=+/");
    expect(password("two words")).toBe('password "two words"');
    expect(password('say "hi"')).toBe('password "say \\"hi\\""');
    expect(password("back\\slash")).toBe('password "back\\\\slash"');
    expect(password("#hash")).toBe('password "#hash"');
    expect(password("naïve")).toBe('password "naïve"');
  });

  it("refuses control characters without echoing the value", () => {
    for (const value of ["two\nlines", "tab\there", "nul\u0000", "del\u007f"]) {
      const write = () => mergeNetrc("", [{ machine: "h", password: value }]);
      expect(write).toThrow(/control character/);
      expect(write).not.toThrow(value);
    }
  });

  it("reads quoted tokens of an existing netrc whole: a password holding 'machine' is not an entry", () => {
    const existing = 'machine a.example login alice password "x machine b.example"\n';
    expect(mergeNetrc(existing, [{ machine: "b.example", password: "new" }])).toBe(
      'machine a.example login alice password "x machine b.example"\nmachine b.example\npassword new\n',
    );
  });
});

describe("mergeNetrc, judged by Nix's own netrc reading (libcurl)", () => {
  it("gives Nix our credentials even after an existing entry with a macro", async () => {
    const password = "fresh-token";
    const expected = `Basic ${Buffer.from(`:${password}`).toString("base64")}`;
    const server = createServer((request, response) => {
      if (request.headers.authorization === expected) response.end("served\n");
      else response.writeHead(401).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const existing = "machine a.example login alice password one\nmacdef init\ncd /pub\n\n";
      const netrc = path.join(nixEnv.root, "netrc");
      writeFileSync(netrc, mergeNetrc(existing, [{ machine: "127.0.0.1", password }]));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/file`;
      const fetched = await run("nix-prefetch-url", ["--option", "netrc-file", netrc, url], nixEnv.env);
      expect(fetched.exitCode, fetched.stderr).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
