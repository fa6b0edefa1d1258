import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  type NarInfo,
  narInfoFingerprint,
  parseNarInfo,
  renderNarInfo,
  sortedUnique,
} from "../../src/lib/narinfo.js";
import { encodeNixBase32 } from "../../src/lib/nix-base32.js";
import { parsePublicKey, parseSigningKey, signFingerprint, verifySignature } from "../../src/lib/signing.js";
import { hashPartOf } from "../../src/lib/store-path.js";
import { FIXTURES, loadPathFacts, type PathFacts } from "../helpers/fixtures.js";

const CACHE = path.join(FIXTURES, "closure", "cache");
const facts = loadPathFacts();
const key = parseSigningKey(readFileSync(path.join(FIXTURES, "keys", "test-cache-1.sk"), "utf8"));
const auxKey = parseSigningKey(readFileSync(path.join(FIXTURES, "keys", "aux-cache-1.sk"), "utf8"));
const trusted = [parsePublicKey(readFileSync(path.join(FIXTURES, "keys", "test-cache-1.pk"), "utf8"))];
const narinfoText = (storePath: string) =>
  readFileSync(path.join(CACHE, `${hashPartOf(storePath)}.narinfo`), "utf8");
const lib = facts.find((f) => f.path.endsWith("-nbca-lib"));
const libText = lib === undefined ? "" : narinfoText(lib.path);

/** Rebuilds a narinfo from what Nix reported about the path and from the NAR bytes, not from the narinfo. */
function rebuild(f: PathFacts, extraKeys = [key]): NarInfo {
  const narHash = createHash("sha256").update(readNar(f)).digest();
  const fingerprint = narInfoFingerprint(f.path, narHash, f.narSize, f.references);
  return {
    storePath: f.path,
    url: `nar/${encodeNixBase32(narHash)}.nar`,
    compression: "none",
    fileHash: narHash,
    fileSize: f.narSize,
    narHash,
    narSize: f.narSize,
    references: f.references,
    ...(f.deriver === null ? {} : { deriver: f.deriver }),
    sigs: extraKeys.map((k) => signFingerprint(fingerprint, k)),
    ...(f.ca === null ? {} : { ca: f.ca }),
  };
}

function readNar(f: PathFacts): Buffer {
  return readFileSync(path.join(CACHE, "nar", `${f.narHash.slice("sha256:".length)}.nar`));
}

describe("sortedUnique", () => {
  it("orders by bytes, as Nix's std::set does, also where UTF-16 order differs", () => {
    expect(sortedUnique(["b", "a", "B", "a"])).toEqual(["B", "a", "b"]);
    // U+FF21 is EF BC A1 in UTF-8, U+1F600 F0 9F 98 80: bytes put U+FF21 first, UTF-16 code units the other.
    expect(sortedUnique(["\u{1F600}", "\uFF21", "a"])).toEqual(["a", "\uFF21", "\u{1F600}"]);
  });
});

describe("renderNarInfo", () => {
  it("covers outputs and .drv files, with and without references, deriver and CA", () => {
    expect(facts).toHaveLength(6);
    expect(facts.some((f) => f.references.length === 0)).toBe(true);
    expect(facts.some((f) => f.references.includes(f.path))).toBe(true);
    expect(facts.filter((f) => f.ca !== null)).toHaveLength(3);
    expect(facts.filter((f) => f.deriver === null)).toHaveLength(3);
  });

  it.each(facts.map((f) => [path.posix.basename(f.path), f] as const))(
    "writes %s exactly as nix copy did",
    (_name, f) => {
      const nar = readNar(f);
      expect(nar).toHaveLength(f.narSize);
      const info = rebuild(f);
      expect(`sha256:${encodeNixBase32(info.narHash)}`).toBe(f.narHash);
      expect(renderNarInfo(info)).toBe(narinfoText(f.path));
    },
  );

  it("sorts references and signatures by bytes, whatever order they come in", () => {
    const self = facts.find((f) => f.path.endsWith("-nbca-selfref"));
    if (self === undefined) throw new Error("missing the selfref fixture");
    const info = rebuild({ ...self, references: [...self.references].reverse() }, [key, auxKey]);
    expect(info.sigs[0]).toMatch(/^test-cache-1:/);
    expect(renderNarInfo(info)).toBe(
      readFileSync(path.join(FIXTURES, "closure", "multi-sig.narinfo"), "utf8"),
    );
  });

  it("refuses values that would break the format", () => {
    const info = parseNarInfo(libText);
    expect(() => renderNarInfo({ ...info, url: "nar/x.nar\nSig: forged" })).toThrow(
      /URL contains a line break/,
    );
    expect(() => renderNarInfo({ ...info, sigs: ["a:b\r"] })).toThrow(/Sig contains a line break/);
    expect(() =>
      renderNarInfo({ ...info, references: ["/elsewhere/18m2ryz7li5ab23anbkvrpdnhsbqddxv-x"] }),
    ).toThrow(/not directly in \/nix\/store/);
    expect(() => renderNarInfo({ ...info, narSize: 1.5 })).toThrow(/NarSize/);
    expect(() => renderNarInfo({ ...info, compression: "" })).toThrow(/must not be empty/);
  });
});

describe("parseNarInfo", () => {
  it.each(facts.map((f) => [path.posix.basename(f.path), f] as const))(
    "reads %s and renders it back unchanged",
    (_name, f) => {
      const text = narinfoText(f.path);
      const info = parseNarInfo(text);
      expect(info.storePath).toBe(f.path);
      expect([...info.references].sort()).toEqual([...f.references].sort());
      expect(info.deriver).toBe(f.deriver ?? undefined);
      expect(info.ca).toBe(f.ca ?? undefined);
      expect(info.narSize).toBe(f.narSize);
      expect(renderNarInfo(info)).toBe(text);
      const sig = info.sigs[0] ?? "";
      expect(
        verifySignature(
          narInfoFingerprint(info.storePath, info.narHash, info.narSize, info.references),
          sig,
          trusted,
        ),
      ).toBe(true);
    },
  );

  it("applies Nix's defaults and ignores unknown fields", () => {
    const minimal = libText
      .split("\n")
      .filter((line) => !/^(Compression|References|Deriver|Sig): /.test(line))
      .join("\n");
    const info = parseNarInfo(`${minimal}System: x86_64-linux\nFuture: yes\n`);
    expect(info.compression).toBe("bzip2");
    expect(info.references).toEqual([]);
    expect(info.deriver).toBeUndefined();
    expect(info.sigs).toEqual([]);
    expect(parseNarInfo(libText.replace("Compression: none", "Compression: ")).compression).toBe("bzip2");
    expect(parseNarInfo(libText.replace(/Deriver: .*/, "Deriver: unknown-deriver")).deriver).toBeUndefined();
  });

  it("reads NarHash in hex, base64 and SRI to the same digest", () => {
    const digest = parseNarInfo(libText).narHash;
    const hex = Buffer.from(digest).toString("hex");
    const base64 = Buffer.from(digest).toString("base64");
    for (const form of [`sha256:${hex}`, `sha256:${base64}`, `sha256-${base64}`]) {
      expect(parseNarInfo(libText.replace(/NarHash: .*/, `NarHash: ${form}`)).narHash).toEqual(digest);
    }
  });

  it.each([
    ["CRLF line endings", () => libText.replaceAll("\n", "\r\n"), /carriage return/],
    ["no final newline", () => libText.slice(0, -1), /last line lacks a newline/],
    ["an empty file", () => "", /empty/],
    [
      "a hash without sha256:",
      () => libText.replace("NarHash: sha256:", "NarHash: "),
      /NarHash: .*prefix 'sha256:'/,
    ],
    [
      "a bad FileHash",
      () => libText.replace("FileHash: sha256:0", "FileHash: sha256:e"),
      /FileHash: .*invalid character/,
    ],
    [
      "'References:' without a space",
      () => libText.replace("References: ", "References:"),
      /line 8 is not 'Key: value'/,
    ],
    ["a blank line", () => libText.replace("\nURL", "\n\nURL"), /line 2 is not 'Key: value'/],
    ["NarSize 0", () => libText.replace(/NarSize: .*/, "NarSize: 0"), /NarSize is 0/],
    ["a negative FileSize", () => libText.replace(/FileSize: .*/, "FileSize: -1"), /FileSize is not a size/],
    ["no StorePath", () => libText.replace(/StorePath: .*\n/, ""), /StorePath is missing/],
    ["no URL", () => libText.replace(/URL: .*\n/, ""), /URL is missing/],
    ["no NarHash", () => libText.replace(/NarHash: .*\n/, ""), /NarHash is missing/],
    [
      "a foreign store dir",
      () => libText.replaceAll("/nix/store/", "/gnu/store/"),
      /not directly in \/nix\/store/,
    ],
    ["a bad reference", () => libText.replace("References: ", "References: nbca-lib"), /not a store path/],
    ["two CA lines", () => `${libText}CA: text:sha256:x\nCA: text:sha256:y\n`, /CA appears 2 times/],
    ["two References lines", () => `${libText}References: \n`, /References appears 2 times/],
  ])("rejects %s", (_what, make, message) => {
    expect(() => parseNarInfo(make())).toThrow(message);
  });

  it("reads another store dir when told to", () => {
    expect(parseNarInfo(libText.replaceAll("/nix/store/", "/gnu/store/"), "/gnu/store").storePath).toMatch(
      /^\/gnu\/store\//,
    );
  });
});

describe("narInfoFingerprint", () => {
  it("ends in ';' without references and lists sorted full paths otherwise", () => {
    const narHash = new Uint8Array(32);
    const a = "/nix/store/0000000000000000000000000000000a-a";
    const b = "/nix/store/1000000000000000000000000000000a-b";
    expect(narInfoFingerprint(a, narHash, 8, [])).toBe(`1;${a};sha256:${"0".repeat(52)};8;`);
    expect(narInfoFingerprint(a, narHash, 8, [b, a])).toBe(`1;${a};sha256:${"0".repeat(52)};8;${a},${b}`);
    expect(() => narInfoFingerprint(a, narHash, 0, [])).toThrow(/NAR size is not known/);
  });
});
