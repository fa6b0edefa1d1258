import {
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  sign,
  timingSafeEqual,
  verify,
} from "node:crypto";
import { describeCharacter, findCharacter } from "./characters.js";
import { describeError } from "./errors.js";
import { decodeBase64, encodeBase64 } from "./hash.js";

/** An Ed25519 public key under the name that `Sig:` lines and `trusted-public-keys` refer to. */
export interface PublicKey {
  name: string;
  key: Uint8Array;
}

/**
 * Ed25519 through node:crypto (OpenSSL): about 50 µs a signature where tweetnacl takes 5 ms, and byte-identical,
 * as Ed25519 is deterministic. tweetnacl stays for the key CLI and as the tests' independent signer.
 */
const SECRET_KEY_BYTES = 64;
const PUBLIC_KEY_BYTES = 32;
const SIGNATURE_BYTES = 64;

/** An Ed25519 secret key in libsodium layout (32-byte seed, then the 32-byte public key). */
export interface SigningKey {
  name: string;
  secretKey: Uint8Array;
  publicKey: PublicKey;
}

// Error messages below must never quote the key text: secret keys pass through here.
function splitNamed(text: string, what: string, byteLength: number): { name: string; bytes: Uint8Array } {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(":");
  if (colon < 0) throw new Error(`invalid ${what}: expected name:base64, but there is no ':'`);
  if (colon === 0) throw new Error(`invalid ${what}: missing key name before ':'`);
  const name = trimmed.slice(0, colon);
  const problem = keyNameProblem(name);
  if (problem !== undefined) throw new Error(`invalid ${what}: ${problem}`);
  return { name, bytes: decodeKeyBytes(trimmed.slice(colon + 1), what, byteLength) };
}

/**
 * Why `name` cannot name a key; undefined when it can. A key's name is written into `trusted-public-keys`, where
 * white space or `#` would split or end it, and into narinfo `Sig:` lines, where a line break would start a new
 * field: so printable ASCII only, without ':' (which ends the name) and '#'.
 */
function keyNameProblem(name: string): string | undefined {
  if (name === "") return "the key name is empty";
  // Printable ASCII (U+0021 to U+007E) but ':' (U+003A) and '#' (U+0023).
  const bad = findCharacter(name, (code) => code < 0x21 || code > 0x7e || code === 0x3a || code === 0x23);
  if (bad === undefined) return undefined;
  return (
    `its name holds ${describeCharacter(bad.char)}; a key name is letters, digits and punctuation other than ` +
    "':' and '#'"
  );
}

function decodeKeyBytes(base64: string, what: string, byteLength: number): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64(base64);
  } catch (error) {
    throw new Error(`invalid ${what}: ${describeError(error)}`);
  }
  if (bytes.length !== byteLength) {
    throw new Error(`invalid ${what}: expected base64 of ${byteLength} bytes, got ${bytes.length} bytes`);
  }
  return bytes;
}

function completeSigningKey(name: string, secretKey: Uint8Array): SigningKey {
  const derived = publicKeyOfSeed(secretKey.subarray(0, 32));
  const stored = secretKey.subarray(32);
  if (!timingSafeEqual(derived, stored)) {
    throw new Error("invalid secret key: the public half does not match the secret half");
  }
  return { name, secretKey, publicKey: { name, key: new Uint8Array(stored) } };
}

/** RFC 8410's PKCS#8 wrapping of a raw Ed25519 seed: the form node:crypto imports. */
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

function privateKeyOfSeed(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
}

function publicKeyOfSeed(seed: Uint8Array): Uint8Array {
  const { x } = createPublicKey(privateKeyOfSeed(seed)).export({ format: "jwk" });
  return Buffer.from(x ?? "", "base64url");
}

/** A signing key made from a 32-byte seed, e.g. a fresh random one. */
export function signingKeyFromSeed(name: string, seed: Uint8Array): SigningKey {
  if (seed.length !== 32) throw new Error(`invalid seed: expected 32 bytes, got ${seed.length}`);
  return completeSigningKey(name, Buffer.concat([seed, publicKeyOfSeed(seed)]));
}

/** Parses a Nix secret key file (`name:base64(64 bytes)`, as written by `nix-store --generate-binary-cache-key`). */
export function parseSigningKey(text: string): SigningKey {
  const { name, bytes } = splitNamed(text, "secret key", SECRET_KEY_BYTES);
  return completeSigningKey(name, bytes);
}

/** Builds a signing key from a bare base64 secret key (the form Cachix hands out) and a name to sign as. */
export function signingKeyFromBareBase64(name: string, base64: string): SigningKey {
  const problem = keyNameProblem(name);
  if (problem !== undefined) throw new Error(`invalid secret key: ${problem}`);
  return completeSigningKey(name, decodeKeyBytes(base64.trim(), "secret key", SECRET_KEY_BYTES));
}

/** Parses a public key as listed in `trusted-public-keys` (`name:base64(32 bytes)`). */
export function parsePublicKey(text: string): PublicKey {
  const { name, bytes } = splitNamed(text, "public key", PUBLIC_KEY_BYTES);
  return { name, key: bytes };
}

/** Renders a public key the way `trusted-public-keys` expects it. */
export function formatPublicKey(key: PublicKey): string {
  return `${key.name}:${encodeBase64(key.key)}`;
}

/** Signs a narinfo fingerprint; the result is the value of a `Sig:` line. */
export function signFingerprint(fingerprint: string, key: SigningKey): string {
  let privateKey = privateKeys.get(key);
  if (privateKey === undefined) {
    privateKey = privateKeyOfSeed(key.secretKey.subarray(0, 32));
    privateKeys.set(key, privateKey);
  }
  return `${key.name}:${encodeBase64(sign(null, Buffer.from(fingerprint), privateKey))}`;
}

/** Each key's OpenSSL form, made once: importing it costs more than a signature. */
const privateKeys = new WeakMap<SigningKey, KeyObject>();

/** A `Sig:` value split into its key name and the 64 signature bytes; undefined when it is not of that shape. */
export function parseSignature(sig: string): { name: string; bytes: Uint8Array } | undefined {
  const colon = sig.indexOf(":");
  if (colon <= 0) return undefined;
  try {
    const bytes = decodeBase64(sig.slice(colon + 1));
    return bytes.length === SIGNATURE_BYTES ? { name: sig.slice(0, colon), bytes } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `sig` is a valid signature of the fingerprint by one of the trusted keys. Like Nix, it picks keys
 * by name, but a key must also verify the signature: a same-named impostor key does not count.
 */
export function verifySignature(fingerprint: string, sig: string, trusted: readonly PublicKey[]): boolean {
  const parsed = parseSignature(sig);
  if (parsed === undefined) return false;
  const message = Buffer.from(fingerprint);
  return trusted.some(
    (key) =>
      key.name === parsed.name &&
      key.key.length === PUBLIC_KEY_BYTES &&
      verify(null, message, verificationKey(key.key), parsed.bytes),
  );
}

/**
 * Whether one of `sigs` verifies with one of the trusted keys. The fingerprint is made only when a signature carries
 * a trusted key's name: most paths carry none, and a fingerprint parses and sorts every reference.
 */
export function hasValidSignature(
  sigs: readonly string[],
  fingerprint: () => string,
  trusted: readonly PublicKey[],
): boolean {
  const named = sigs.filter((sig) => trusted.some((key) => sig.startsWith(`${key.name}:`)));
  if (named.length === 0) return false;
  const message = fingerprint();
  return named.some((sig) => verifySignature(message, sig, trusted));
}

// Post checks the signatures of every path a job substituted: thousands, on a big closure.
const verificationKeys = new Map<string, KeyObject>();

function verificationKey(raw: Uint8Array): KeyObject {
  const id = encodeBase64(raw);
  let key = verificationKeys.get(id);
  if (key === undefined) {
    key = createPublicKey({
      key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(raw).toString("base64url") },
      format: "jwk",
    });
    verificationKeys.set(id, key);
  }
  return key;
}
