/** Nix's own base-32 alphabet: no e, o, u or t, so that hashes never spell words. */
export const NIX_BASE32_ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz";

/** Digit of each ASCII character, -1 for characters outside the alphabet. */
const DIGIT_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < NIX_BASE32_ALPHABET.length; i++) DIGIT_OF[NIX_BASE32_ALPHABET.charCodeAt(i)] = i;

/** Number of characters Nix uses to encode `byteLength` bytes. */
export function nixBase32Length(byteLength: number): number {
  return byteLength === 0 ? 0 : Math.floor((byteLength * 8 - 1) / 5) + 1;
}

/**
 * Encodes bytes the way Nix does: the least significant 5-bit group of the little-endian
 * bit string comes last, so the text reads as one big number, not as a byte stream.
 */
export function encodeNixBase32(bytes: Uint8Array): string {
  let out = "";
  for (let n = nixBase32Length(bytes.length) - 1; n >= 0; n--) {
    const bit = n * 5;
    const i = Math.floor(bit / 8);
    const j = bit % 8;
    const low = (bytes[i] ?? 0) >> j;
    const high = i + 1 < bytes.length ? (bytes[i + 1] ?? 0) << (8 - j) : 0;
    out += NIX_BASE32_ALPHABET[(low | high) & 0x1f];
  }
  return out;
}

/** Decodes Nix base-32; throws on a character outside the alphabet, an impossible length or stray high bits. */
export function decodeNixBase32(text: string): Uint8Array {
  const byteLength = Math.floor((text.length * 5) / 8);
  if (nixBase32Length(byteLength) !== text.length) {
    throw new Error(
      `invalid Nix base-32 length ${text.length}: no byte string encodes to that many characters`,
    );
  }
  const bytes = new Uint8Array(byteLength);
  for (let n = 0; n < text.length; n++) {
    const code = text.charCodeAt(text.length - n - 1);
    const digit = code < 128 ? (DIGIT_OF[code] as number) : -1;
    if (digit < 0) {
      throw new Error(
        `invalid character ${JSON.stringify(text[text.length - n - 1])} in Nix base-32 text at offset ${text.length - n - 1}`,
      );
    }
    const bit = n * 5;
    const i = Math.floor(bit / 8);
    const j = bit % 8;
    bytes[i] = (bytes[i] ?? 0) | ((digit << j) & 0xff);
    const carry = digit >> (8 - j);
    if (i + 1 < byteLength) {
      bytes[i + 1] = (bytes[i + 1] ?? 0) | carry;
    } else if (carry !== 0) {
      throw new Error("invalid Nix base-32 text: its first character sets bits beyond the encoded length");
    }
  }
  return bytes;
}
