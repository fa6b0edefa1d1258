import { describe, expect, it } from "vitest";
import { decodeBase64, encodeBase64, formatSha256Nix32, parseSha256 } from "../../src/lib/hash.js";
import { loadHashVectors } from "../helpers/fixtures.js";

const sha256Vectors = loadHashVectors().filter((v) => v.type === "sha256");
const abc = sha256Vectors.find((v) => v.hex.startsWith("ba7816bf"));

describe("parseSha256", () => {
  it("has several sha256 vectors printed by Nix", () => {
    expect(sha256Vectors.length).toBeGreaterThanOrEqual(5);
  });

  it.each(sha256Vectors.map((v) => [v.hex, v] as const))(
    "reads every encoding Nix prints of %s",
    (hex, v) => {
      for (const text of [
        `sha256:${v.nix32}`,
        `sha256:${v.hex}`,
        `sha256:${v.hex.toUpperCase()}`,
        `sha256:${v.base64}`,
        v.sri,
      ]) {
        expect(Buffer.from(parseSha256(text)).toString("hex"), text).toBe(hex);
      }
    },
  );

  it("renders the nix32 form Nix writes", () => {
    for (const v of sha256Vectors)
      expect(formatSha256Nix32(Buffer.from(v.hex, "hex"))).toBe(`sha256:${v.nix32}`);
  });

  it("rejects a hash without the sha256 prefix", () => {
    if (abc === undefined) throw new Error("missing the sha256 vector of 'abc'");
    expect(() => parseSha256(abc.nix32)).toThrow(/expected the prefix 'sha256:'/);
    expect(() => parseSha256(abc.hex)).toThrow(/expected the prefix/);
    expect(() => parseSha256(`sha512:${abc.nix32}`)).toThrow(/expected the prefix/);
    expect(() => parseSha256(`SHA256:${abc.nix32}`)).toThrow(/expected the prefix/);
  });

  it("rejects wrong lengths and bad characters", () => {
    if (abc === undefined) throw new Error("missing the sha256 vector of 'abc'");
    expect(() => parseSha256(`sha256:${abc.nix32.slice(1)}`)).toThrow(/51 characters/);
    expect(() => parseSha256(`sha256:${abc.nix32.replace(/^./, "e")}`)).toThrow(/invalid character/);
    expect(() => parseSha256(`sha256:${abc.hex.replace(/^./, "g")}`)).toThrow(/not hexadecimal/);
    expect(() => parseSha256(`sha256:${abc.base64.replace(/^./, "*")}`)).toThrow(/base64/);
    expect(() => parseSha256(`sha256-${abc.base64.slice(0, 43)}`)).toThrow(/44 base64 characters/);
    expect(() => parseSha256("md5-kAFQmDzST7DWlj99KOF/cg==")).toThrow(/expected the prefix/);
    expect(() => parseSha256("sha256:")).toThrow(/0 characters/);
  });

  it("refuses to format a digest that is not 32 bytes", () => {
    expect(() => formatSha256Nix32(new Uint8Array(20))).toThrow(/32 bytes, got 20/);
  });
});

describe("decodeBase64", () => {
  it("round-trips with encodeBase64 for every padding", () => {
    for (const bytes of [[], [1], [1, 2], [1, 2, 3], [255, 254, 253, 252]]) {
      const data = new Uint8Array(bytes);
      expect(decodeBase64(encodeBase64(data))).toEqual(data);
    }
  });

  it("rejects what Node would silently accept, without quoting the input", () => {
    for (const text of ["QUJD RA==", "QUJDRA", "QUJDRA=", "QUJDR===", "QUJDRB==", "QU-_", " QUJD"]) {
      let message = "";
      try {
        decodeBase64(text);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, text).toMatch(/base64/);
      expect(message).not.toContain("QUJ");
    }
  });
});
