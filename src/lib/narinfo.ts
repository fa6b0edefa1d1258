import { describeError } from "./errors.js";
import { formatSha256Nix32, parseSha256 } from "./hash.js";
import { DEFAULT_STORE_DIR, parseStorePath } from "./store-path.js";

/** The contents of a `<hashPart>.narinfo` file, with store paths in full. */
export interface NarInfo {
  storePath: string;
  url: string;
  compression: string;
  fileHash: Uint8Array;
  fileSize: number;
  narHash: Uint8Array;
  narSize: number;
  /** Full store paths, the path itself included when it refers to itself. */
  references: readonly string[];
  /** Full store path of the .drv. */
  deriver?: string;
  sigs: readonly string[];
  ca?: string;
}

/** Without duplicates, in byte order: Nix keeps these in std::set, and JS's UTF-16 sort does not always match. */
export function sortedUnique(values: readonly string[]): string[] {
  const unique = [...new Set(values)];
  // Store paths and signatures are ASCII, where UTF-16 order is byte order: no buffers per comparison.
  if (unique.every((value) => ASCII.test(value))) return unique.sort();
  return unique.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/** Printable ASCII: what store paths and signatures are made of. */
const ASCII = /^[ -~]*$/;

function storeDirOf(storePath: string): string {
  return storePath.slice(0, Math.max(0, storePath.lastIndexOf("/")));
}

function sizeText(field: string, size: number): string {
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`${field} must be a non-negative integer`);
  return String(size);
}

/** Renders a narinfo byte for byte as Nix 2.8 writes it. */
export function renderNarInfo(info: NarInfo): string {
  const storeDir = storeDirOf(info.storePath);
  parseStorePath(info.storePath, storeDir);
  const basename = (path: string) => parseStorePath(path, storeDir).basename;
  for (const [field, value] of Object.entries({
    URL: info.url,
    Compression: info.compression,
    CA: info.ca,
  })) {
    if (value !== undefined && /[\r\n]/.test(value)) {
      throw new Error(`narinfo ${field} contains a line break`);
    }
  }
  if (info.url === "" || info.compression === "") {
    throw new Error("narinfo URL and Compression must not be empty");
  }
  for (const sig of info.sigs) {
    if (/[\r\n]/.test(sig)) throw new Error("narinfo Sig contains a line break");
  }
  const lines = [
    `StorePath: ${info.storePath}`,
    `URL: ${info.url}`,
    `Compression: ${info.compression}`,
    `FileHash: ${formatSha256Nix32(info.fileHash)}`,
    `FileSize: ${sizeText("FileSize", info.fileSize)}`,
    `NarHash: ${formatSha256Nix32(info.narHash)}`,
    `NarSize: ${sizeText("NarSize", info.narSize)}`,
    `References: ${sortedUnique(info.references.map(basename)).join(" ")}`,
  ];
  if (info.deriver !== undefined) lines.push(`Deriver: ${basename(info.deriver)}`);
  for (const sig of sortedUnique(info.sigs)) lines.push(`Sig: ${sig}`);
  if (info.ca !== undefined) lines.push(`CA: ${info.ca}`);
  return `${lines.join("\n")}\n`;
}

/**
 * The string a narinfo signature signs: `1;<path>;sha256:<nix32>;<narSize>;<sorted full references>`.
 * URL, compression, file hash, deriver and CA are not covered.
 */
export function narInfoFingerprint(
  storePath: string,
  narHash: Uint8Array,
  narSize: number,
  references: readonly string[],
): string {
  if (!Number.isSafeInteger(narSize) || narSize <= 0) {
    throw new Error(`cannot fingerprint ${storePath}: its NAR size is not known`);
  }
  const storeDir = storeDirOf(storePath);
  for (const ref of [storePath, ...references]) parseStorePath(ref, storeDir);
  return `1;${storePath};${formatSha256Nix32(narHash)};${narSize};${sortedUnique(references).join(",")}`;
}

/**
 * Parses a narinfo with Nix's rules: `Key: value` lines each ending in LF, unknown keys ignored, Compression
 * defaulting to bzip2, `unknown-deriver` meaning none. Stricter than Nix where Nix silently misreads.
 */
export function parseNarInfo(text: string, storeDir: string = DEFAULT_STORE_DIR): NarInfo {
  const corrupt = (why: string) => new Error(`corrupt narinfo: ${why}`);
  if (text.includes("\r")) throw corrupt("it contains a carriage return (CRLF line endings?)");
  if (text === "" || !text.endsWith("\n")) throw corrupt("it is empty or its last line lacks a newline");
  const fields = new Map<string, string[]>();
  const lines = text.slice(0, -1).split("\n");
  for (const [index, line] of lines.entries()) {
    // Like Nix: the key ends at the first ':' and the value starts two characters later.
    const colon = line.indexOf(":");
    if (colon <= 0 || line[colon + 1] !== " ") throw corrupt(`line ${index + 1} is not 'Key: value'`);
    const key = line.slice(0, colon);
    fields.set(key, [...(fields.get(key) ?? []), line.slice(colon + 2)]);
  }
  const single = (key: string): string | undefined => {
    const values = fields.get(key);
    if (values !== undefined && values.length > 1) throw corrupt(`${key} appears ${values.length} times`);
    return values?.[0];
  };
  const required = (key: string): string => {
    const value = single(key);
    if (value === undefined || value === "") throw corrupt(`${key} is missing`);
    return value;
  };
  const hash = (key: string): Uint8Array => {
    try {
      return parseSha256(required(key));
    } catch (error) {
      throw corrupt(`${key}: ${describeError(error)}`);
    }
  };
  const size = (key: string): number => {
    const value = required(key);
    if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(Number(value))) {
      throw corrupt(`${key} is not a size`);
    }
    return Number(value);
  };
  const storePath = (value: string): string => {
    try {
      return parseStorePath(value, storeDir).full;
    } catch (error) {
      throw corrupt(describeError(error));
    }
  };

  const narSize = size("NarSize");
  if (narSize === 0) throw corrupt("NarSize is 0");
  const deriver = single("Deriver");
  const ca = single("CA");
  return {
    storePath: storePath(required("StorePath")),
    url: required("URL"),
    compression: single("Compression") || "bzip2",
    fileHash: hash("FileHash"),
    fileSize: size("FileSize"),
    narHash: hash("NarHash"),
    narSize,
    references: (single("References") ?? "")
      .split(" ")
      .filter((ref) => ref !== "")
      .map((ref) => storePath(`${storeDir}/${ref}`)),
    ...(deriver !== undefined && deriver !== "unknown-deriver"
      ? { deriver: storePath(`${storeDir}/${deriver}`) }
      : {}),
    sigs: fields.get("Sig") ?? [],
    ...(ca !== undefined ? { ca } : {}),
  };
}
