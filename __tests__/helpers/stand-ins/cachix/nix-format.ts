/**
 * The few Nix formats the Cachix stand-in must check and produce, written again from the reference
 * (../shared/reference/cachix-api.md §3) rather than imported from src/lib: a bug shared by client and stand-in
 * would otherwise pass unnoticed. Real Nix, substituting from the stand-in, is the final judge of both.
 */
import { createHash } from "node:crypto";

const ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz";

/** The store directory Cachix serves; `cStoreHash`/`cStoreSuffix` are relative to it. */
export const STORE_DIR = "/nix/store";

/** Nix base-32: 5-bit groups of the little-endian bit string, the most significant group first. */
export function nix32(bytes: Uint8Array): string {
  const length = Math.ceil((bytes.length * 8) / 5);
  let out = "";
  for (let n = length - 1; n >= 0; n--) {
    const bit = n * 5;
    const byte = bit >> 3;
    const shift = bit & 7;
    const value = ((bytes[byte] ?? 0) >> shift) | ((bytes[byte + 1] ?? 0) << (8 - shift));
    out += ALPHABET[value & 31];
  }
  return out;
}

export function sha256(data: Uint8Array): Buffer {
  return createHash("sha256").update(data).digest();
}

/** The hash part of a store path: 32 characters of the Nix base-32 alphabet. */
export const STORE_HASH = /^[0123456789abcdfghijklmnpqrsvwxyz]{32}$/;
/** A store path name: Nix's allowed characters, not starting with a dot. */
export const STORE_NAME = /^[A-Za-z0-9+\-_?=][A-Za-z0-9+\-._?=]*$/;
/** `hash-name`, as in `cReferences` and `cDeriver`. */
export const STORE_BASENAME = /^[0123456789abcdfghijklmnpqrsvwxyz]{32}-[A-Za-z0-9+\-_?=][A-Za-z0-9+\-._?=]*$/;
/** The one NAR hash form Cachix takes: `sha256:` and 52 characters of Nix base-32 (not SRI, not hex). */
export const NAR_HASH = /^sha256:[0123456789abcdfghijklmnpqrsvwxyz]{52}$/;
/** `cFileHash`: lowercase hex, no prefix. */
export const FILE_HASH = /^[0-9a-f]{64}$/;

/** What a narinfo signature covers: `1;<path>;<narHash>;<narSize>;<full reference paths, sorted, joined by ,>`. */
export function fingerprint(
  storePath: string,
  narHash: string,
  narSize: number,
  refs: readonly string[],
): string {
  const full = refs.map((ref) => `${STORE_DIR}/${ref}`).sort();
  return `1;${storePath};${narHash};${narSize};${full.join(",")}`;
}

/** The first field of every NAR: the string "nix-archive-1", length-prefixed and padded to 8 bytes. */
export function startsLikeNar(nar: Uint8Array): boolean {
  const magic = Buffer.alloc(24);
  magic.writeBigUInt64LE(13n, 0);
  magic.write("nix-archive-1", 8, "latin1");
  return Buffer.from(nar.buffer, nar.byteOffset, Math.min(nar.byteLength, 24)).equals(magic);
}

/** Whether `values` is strictly ascending by raw bytes (hence sorted and without duplicates). */
export function strictlyAscending(values: readonly string[]): boolean {
  for (let i = 1; i < values.length; i++) {
    if (Buffer.compare(Buffer.from(values[i - 1] ?? ""), Buffer.from(values[i] ?? "")) >= 0) return false;
  }
  return true;
}
