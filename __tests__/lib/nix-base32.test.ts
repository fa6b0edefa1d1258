import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeNixBase32, encodeNixBase32, nixBase32Length } from "../../src/lib/nix-base32.js";
import { loadHashVectors } from "../helpers/fixtures.js";

const vectors = loadHashVectors();

describe("Nix base-32", () => {
  it("has vectors for every digest length Nix uses", () => {
    expect(new Set(vectors.map((v) => v.type))).toEqual(new Set(["md5", "sha1", "sha256", "sha512"]));
  });

  it.each(vectors.map((v) => [v.type, v.hex, v.nix32] as const))(
    "encodes %s %s as nix-hash --to-base32 does",
    (_type, hex, nix32) => {
      expect(encodeNixBase32(Buffer.from(hex, "hex"))).toBe(nix32);
    },
  );

  it.each(vectors.map((v) => [v.type, v.nix32, v.hex] as const))(
    "decodes %s %s back to the digest",
    (_type, nix32, hex) => {
      expect(Buffer.from(decodeNixBase32(nix32)).toString("hex")).toBe(hex);
    },
  );

  it("round-trips every length from 0 to 80 bytes", () => {
    for (let length = 0; length <= 80; length++) {
      const seed = (label: string) => createHash("sha512").update(`${label} ${length}`).digest();
      const full = Buffer.concat([seed("a"), seed("b")]).subarray(0, length);
      const text = encodeNixBase32(full);
      expect(text).toHaveLength(nixBase32Length(length));
      expect(Buffer.from(decodeNixBase32(text)).equals(full)).toBe(true);
    }
  });

  it("decodes the empty string to no bytes", () => {
    expect(decodeNixBase32("")).toEqual(new Uint8Array(0));
    expect(encodeNixBase32(new Uint8Array(0))).toBe("");
  });

  it.each(["e", "o", "u", "t", "A", "-", " ", "é"])("rejects the character %j", (char) => {
    const good = "1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s";
    expect(() => decodeNixBase32(good.slice(0, 10) + char + good.slice(11))).toThrow(/invalid character/);
  });

  it.each([1, 3, 6, 51, 54])("rejects %i characters, a length no byte string encodes to", (length) => {
    expect(() => decodeNixBase32("0".repeat(length))).toThrow(/invalid Nix base-32 length/);
  });

  it("rejects a first character that sets bits beyond 32 bytes", () => {
    expect(Buffer.from(decodeNixBase32(`1${"z".repeat(51)}`)).toString("hex")).toBe("ff".repeat(32));
    expect(() => decodeNixBase32(`2${"0".repeat(51)}`)).toThrow(/beyond the encoded length/);
  });
});
