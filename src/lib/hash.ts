import { describeError } from "./errors.js";
import { decodeNixBase32, encodeNixBase32, nixBase32Length } from "./nix-base32.js";

const SHA256_BYTES = 32;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEX = /^[0-9a-fA-F]*$/;

/**
 * Decodes canonical, padded standard base64. Node's own decoder silently skips junk, which would let a
 * corrupt key or hash through; the error never quotes the input because callers pass secrets through here.
 */
export function decodeBase64(text: string): Uint8Array {
  if (!BASE64.test(text)) {
    throw new Error(`not valid padded base64 (${text.length} characters)`);
  }
  const bytes = new Uint8Array(Buffer.from(text, "base64"));
  if (Buffer.from(bytes).toString("base64") !== text) {
    throw new Error("not canonical base64: the padding bits are not zero");
  }
  return bytes;
}

/** Encodes bytes as standard padded base64. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/**
 * Parses a SHA-256 digest in any form Nix accepts in a narinfo: `sha256:` followed by nix32 (52), hex (64)
 * or base64 (44 characters), or SRI `sha256-<base64>`. As in Nix, the encoding is told apart by length.
 */
export function parseSha256(text: string): Uint8Array {
  const fail = (why: string) => new Error(`invalid SHA-256 hash ${JSON.stringify(text)}: ${why}`);
  if (text.startsWith("sha256-")) {
    const body = text.slice("sha256-".length);
    if (body.length !== 44) throw fail("an SRI hash needs 44 base64 characters");
    return wrap(() => decodeBase64(body), fail);
  }
  if (!text.startsWith("sha256:")) {
    throw fail("expected the prefix 'sha256:' or the SRI prefix 'sha256-'");
  }
  const body = text.slice("sha256:".length);
  if (body.length === nixBase32Length(SHA256_BYTES)) return wrap(() => decodeNixBase32(body), fail);
  if (body.length === SHA256_BYTES * 2) {
    if (!HEX.test(body)) throw fail("not hexadecimal");
    return new Uint8Array(Buffer.from(body, "hex"));
  }
  if (body.length === 44) return wrap(() => decodeBase64(body), fail);
  throw fail(`${body.length} characters is not the length of nix32 (52), hex (64) or base64 (44)`);
}

/** Renders a SHA-256 digest as Nix writes it in narinfos and fingerprints: `sha256:<nix32>`. */
export function formatSha256Nix32(digest: Uint8Array): string {
  if (digest.length !== SHA256_BYTES) {
    throw new Error(`a SHA-256 digest has ${SHA256_BYTES} bytes, got ${digest.length}`);
  }
  return `sha256:${encodeNixBase32(digest)}`;
}

function wrap(decode: () => Uint8Array, fail: (why: string) => Error): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = decode();
  } catch (error) {
    throw fail(describeError(error));
  }
  if (bytes.length !== SHA256_BYTES) throw fail(`decodes to ${bytes.length} bytes, not ${SHA256_BYTES}`);
  return bytes;
}
