import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeNixBase32 } from "../../src/lib/nix-base32.js";
import { parsePathInfoJson } from "../../src/lib/path-info.js";

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, "../fixtures/path-info", name), "utf8");
const nix32 = (bytes: Uint8Array) => encodeNixBase32(bytes);

// The NAR hash of Nix's own test entry, sha256-FePFYIlMuycIXPZbWi7LGEiMmZSX9FMbaQenWBzm1Sc= in nix32.
const NIX_TEST_NAR_HASH = nix32(Buffer.from("FePFYIlMuycIXPZbWi7LGEiMmZSX9FMbaQenWBzm1Sc=", "base64"));
const BAR = "/nix/store/g1w7hy3qg1w7hy3qg1w7hy3qg1w7hy3q-bar";
const FOO = "/nix/store/n5wkd9frr45pa74if5gpz9j7mifg27fh-foo";
const TOP = "/nix/store/7h7qgvs4kgzsn8a6rb273saxyqh4jxlz-top";

describe("parsePathInfoJson", () => {
  it("reads Nix 2.8's array, leaving out invalid paths", () => {
    const text = fixture("nix-2.8-outputs.json").replace(/]\s*$/, ',{"path":"/nix/store/x","valid":false}]');
    const infos = parsePathInfoJson(text);
    expect(infos.map((info) => info.path)).toEqual([
      "/nix/store/72wnvg4gd0fsgdjnlmi36rdhr0vihlrq-pa-1",
      "/nix/store/z3q7pr5f23wsvjlnp9h8k9c4ky05x467-pb-1",
    ]);
    const [lib, app] = infos;
    expect(lib?.narSize).toBe(120);
    expect(lib?.references).toEqual([]);
    expect(app?.references).toEqual(["/nix/store/72wnvg4gd0fsgdjnlmi36rdhr0vihlrq-pa-1"]);
    expect(app?.deriver).toBe("/nix/store/dsz9q3d9dyqck9q8pmn1z9hq42a42vji-pb-1.drv");
    expect(Buffer.from(app?.narHash ?? []).toString("base64")).toBe(
      "9Q9DDNmxmus77IZzts7VZoJvSpHMeLfHEO9Xzust45Q=",
    );
    expect(app?.sigs).toEqual([]);
    expect(app?.ca).toBeUndefined();
  });

  it("keeps the content address of a .drv from Nix 2.8's --derivation query", () => {
    const [drv] = parsePathInfoJson(fixture("nix-2.8-derivation.json"));
    expect(drv?.ca).toBe("text:sha256:0aglixi9wcfgfvajkkhd1a78s68h92hz372r18017yxzcsnsb6w7");
    expect(drv?.deriver).toBeUndefined();
  });

  it("reads what Nix 2.26 and both JSON formats of Nix 2.34 print for the same paths alike", () => {
    const sorted = (name: string) =>
      parsePathInfoJson(fixture(name)).sort((a, b) => a.path.localeCompare(b.path));
    for (const kind of ["outputs", "derivation"]) {
      const of226 = sorted(`nix-2.26-${kind}.json`);
      expect(of226.length).toBeGreaterThan(0);
      expect(sorted(`nix-2.34-json-format-1-${kind}.json`)).toEqual(of226);
      expect(sorted(`nix-2.34-json-format-2-${kind}.json`)).toEqual(of226);
    }
    const [drv] = sorted("nix-2.34-json-format-2-derivation.json");
    expect(drv?.ca).toBe("text:sha256:1rxf829nil9s67cd582zq6ma1knpbb0wcgc6p3srfx1bkvn24sr0");
    expect(drv?.references).toEqual(["/nix/store/vb4igv6d9hn05la6lr11vqdf46lr3873-pa-1.drv"]);
    const [top] = sorted("nix-2.34-json-format-2-outputs.json");
    expect(top?.path).toBe("/nix/store/flmq7336dimmwj39fxcpq4607cy0ckyn-pb-1");
    expect(top?.deriver).toBe("/nix/store/3v6wd3ipv59qanqa37jm2prvr3lk89g5-pb-1.drv");
    expect(top?.references).toEqual(["/nix/store/jrhc2mkqdkhdkjin5qs848m94wzn5cwr-pa-1"]);
  });

  it("reads the object keyed by store path of Nix 2.19+ (null for an invalid path)", () => {
    const text = `{"${TOP}": ${fixture("json-1-impure.json")}, "/nix/store/x": null}`;
    const [info, ...rest] = parsePathInfoJson(text);
    expect(rest).toEqual([]);
    expect(info?.path).toBe(TOP);
    expect(nix32(info?.narHash ?? new Uint8Array())).toBe(NIX_TEST_NAR_HASH);
    expect(info?.narSize).toBe(34878);
    expect(info?.references).toEqual([BAR, FOO]);
    expect(info?.deriver).toBe(`${BAR}.drv`);
    expect(info?.sigs).toEqual(["asdf", "qwer"]);
    expect(info?.ca).toBe("fixed:r:sha256:1lr187v6dck1rjh2j6svpikcfz53wyl3qrlcbb405zlh13x0khhh");
  });

  it("reads --json-format 2 (basenames, structured CA) and renders the CA as a narinfo would", () => {
    const text = `{"version":2,"storeDir":"/nix/store","info":{"${TOP.slice(11)}": ${fixture("json-2-impure.json")}}}`;
    const [info] = parsePathInfoJson(text);
    expect(info?.path).toBe(TOP);
    expect(info?.references).toEqual([BAR, FOO]);
    expect(info?.deriver).toBe(`${BAR}.drv`);
    // The same address json-1 prints as a string.
    expect(info?.ca).toBe("fixed:r:sha256:1lr187v6dck1rjh2j6svpikcfz53wyl3qrlcbb405zlh13x0khhh");
  });

  it("reads --json-format 3 signature objects as name:sig", () => {
    const text = `{"version":3,"storeDir":"/nix/store","info":{"${TOP.slice(11)}": ${fixture("json-3-impure.json")}}}`;
    const [info] = parsePathInfoJson(text);
    expect(info?.sigs).toEqual([`asdf:${"A".repeat(86)}==`, `qwer:${"A".repeat(86)}==`]);
  });

  it("reads structured {algorithm, format, hash} hashes", () => {
    const [info] = parsePathInfoJson(`{"${TOP}": ${fixture("structured-hash-impure.json")}}`);
    expect(nix32(info?.narHash ?? new Uint8Array())).toBe(NIX_TEST_NAR_HASH);
    expect(info?.ca).toBe("fixed:r:sha256:1lr187v6dck1rjh2j6svpikcfz53wyl3qrlcbb405zlh13x0khhh");
  });

  it("rejects entries without a usable narHash or narSize", () => {
    expect(() => parsePathInfoJson(`[{"path":"${TOP}","narSize":1}]`)).toThrow(/narHash/);
    expect(() =>
      parsePathInfoJson(
        `[{"path":"${TOP}","narHash":"sha256-FePFYIlMuycIXPZbWi7LGEiMmZSX9FMbaQenWBzm1Sc="}]`,
      ),
    ).toThrow(/narSize/);
    expect(() => parsePathInfoJson(`"nope"`)).toThrow(/neither an array nor an object/);
  });
});
