import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import nacl from "tweetnacl";
import { describe, expect, it } from "vitest";
import { narInfoFingerprint, parseNarInfo } from "../../src/lib/narinfo.js";
import {
  formatPublicKey,
  parsePublicKey,
  parseSigningKey,
  signFingerprint,
  signingKeyFromBareBase64,
  signingKeyFromSeed,
  verifySignature,
} from "../../src/lib/signing.js";
import { FIXTURES } from "../helpers/fixtures.js";

// Test keys made by `nix-store --generate-binary-cache-key`; "impostor" reuses the name test-cache-1.
const key = (file: string) => readFileSync(path.join(FIXTURES, "keys", file), "utf8");
const secretText = key("test-cache-1.sk");
const publicText = key("test-cache-1.pk");
const signed = parseNarInfo(readFileSync(path.join(FIXTURES, "closure", "multi-sig.narinfo"), "utf8"));
const fingerprint = narInfoFingerprint(signed.storePath, signed.narHash, signed.narSize, signed.references);
const nixSig = (name: string): string => {
  const sig = signed.sigs.find((s) => s.startsWith(`${name}:`));
  if (sig === undefined) throw new Error(`the fixture has no signature by ${name}`);
  return sig;
};

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error");
}

describe("key parsing", () => {
  it("reads Nix's secret key file and derives the public key Nix wrote", () => {
    const sk = parseSigningKey(secretText);
    expect(sk.name).toBe("test-cache-1");
    expect(sk.secretKey).toHaveLength(64);
    expect(formatPublicKey(sk.publicKey)).toBe(publicText);
  });

  it("trims surrounding whitespace", () => {
    expect(formatPublicKey(parseSigningKey(`  ${secretText}\n`).publicKey)).toBe(publicText);
    expect(formatPublicKey(parsePublicKey(`${publicText}\n`))).toBe(publicText);
  });

  it("accepts Cachix's bare base64 secret key under a chosen name", () => {
    const sk = signingKeyFromBareBase64("test-cache-1", secretText.slice(secretText.indexOf(":") + 1));
    expect(formatPublicKey(sk.publicKey)).toBe(publicText);
    expect(signFingerprint(fingerprint, sk)).toBe(nixSig("test-cache-1"));
    expect(() => signingKeyFromBareBase64("", "AAAA")).toThrow(/key name/);
  });

  it.each([
    [
      "a public key as secret key",
      () => parseSigningKey(publicText),
      /expected base64 of 64 bytes, got 32 bytes/,
    ],
    [
      "a secret key as public key",
      () => parsePublicKey(secretText),
      /expected base64 of 32 bytes, got 64 bytes/,
    ],
    ["a truncated key", () => parseSigningKey(secretText.slice(0, 70)), /base64/],
    [
      "no name",
      () => parseSigningKey(secretText.slice(secretText.indexOf(":"))),
      /missing key name before ':'/,
    ],
    ["no colon", () => parseSigningKey(secretText.slice(secretText.indexOf(":") + 1)), /no ':'/],
    [
      "a mismatched pair",
      () => parseSigningKey(secretText.slice(0, 57) + key("impostor.sk").slice(57)),
      /the public half does not match the secret half/,
    ],
  ])("rejects %s without quoting the key", (_what, action, expected) => {
    const message = messageOf(action);
    expect(message).toMatch(expected);
    for (const text of [secretText, publicText, key("impostor.sk")]) {
      const base64 = text.slice(text.indexOf(":") + 1);
      for (let i = 0; i + 6 <= base64.length; i++) expect(message).not.toContain(base64.slice(i, i + 6));
    }
  });
});

describe("signatures", () => {
  const sk = parseSigningKey(secretText);
  const trusted = [parsePublicKey(publicText)];

  it("makes the same Sig as nix copy ?secret-key= and nix store sign", () => {
    expect(signFingerprint(fingerprint, sk)).toBe(nixSig("test-cache-1"));
    expect(signFingerprint(fingerprint, parseSigningKey(key("aux-cache-1.sk")))).toBe(nixSig("aux-cache-1"));
  });

  it("signs byte for byte as tweetnacl, an independent Ed25519, over random keys and messages", () => {
    for (let i = 0; i < 50; i++) {
      const seed = randomBytes(32);
      const pair = nacl.sign.keyPair.fromSeed(seed);
      const ours = signingKeyFromSeed(`k${i}`, seed);
      expect(Buffer.from(ours.publicKey.key).equals(Buffer.from(pair.publicKey))).toBe(true);
      const message = `1;/nix/store/${randomBytes(16).toString("hex")};sha256:${i};${i * 977};`.repeat(
        1 + (i % 7),
      );
      const sig = signFingerprint(message, ours);
      const expected = nacl.sign.detached(Buffer.from(message), pair.secretKey);
      expect(sig).toBe(`k${i}:${Buffer.from(expected).toString("base64")}`);
      expect(verifySignature(message, sig, [ours.publicKey])).toBe(true);
    }
  });

  it("verifies Nix's signatures with the matching trusted key only", () => {
    expect(verifySignature(fingerprint, nixSig("test-cache-1"), trusted)).toBe(true);
    expect(verifySignature(fingerprint, nixSig("aux-cache-1"), trusted)).toBe(false);
    expect(
      verifySignature(fingerprint, nixSig("aux-cache-1"), [
        parsePublicKey(key("aux-cache-1.pk")),
        ...trusted,
      ]),
    ).toBe(true);
    expect(verifySignature(`${fingerprint}x`, nixSig("test-cache-1"), trusted)).toBe(false);
  });

  it("rejects a signature with one bit flipped", () => {
    const sig = nixSig("test-cache-1");
    const bytes = Buffer.from(sig.slice(sig.indexOf(":") + 1), "base64");
    bytes[10] = (bytes[10] ?? 0) ^ 0x04;
    expect(verifySignature(fingerprint, `test-cache-1:${bytes.toString("base64")}`, trusted)).toBe(false);
  });

  it("does not trust another key that merely has the same name", () => {
    const impostor = parseSigningKey(key("impostor.sk"));
    expect(impostor.name).toBe("test-cache-1");
    expect(verifySignature(fingerprint, signFingerprint(fingerprint, impostor), trusted)).toBe(false);
    expect(verifySignature(fingerprint, nixSig("test-cache-1"), [parsePublicKey(key("impostor.pk"))])).toBe(
      false,
    );
    const renamed = { name: "other", key: trusted[0]?.key ?? new Uint8Array() };
    expect(verifySignature(fingerprint, nixSig("test-cache-1"), [renamed])).toBe(false);
  });

  it.each([
    "",
    "test-cache-1",
    "test-cache-1:",
    ":AAAA",
    "test-cache-1:not base64!",
    `test-cache-1:${Buffer.alloc(63).toString("base64")}`,
    `test-cache-1:${Buffer.alloc(65).toString("base64")}`,
  ])("returns false, without throwing, for the malformed sig %j", (sig) => {
    expect(verifySignature(fingerprint, sig, trusted)).toBe(false);
  });
});
