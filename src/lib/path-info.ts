/**
 * What Nix knows about a valid store path, parsed from `nix path-info --json`, whose shape changed over the years:
 * an array of objects with `path` up to Nix 2.18, an object keyed by store path from 2.19 (null for an invalid path),
 * and from 2.33 optionally `{version, storeDir, info}` keyed by basename with structured content addresses.
 * Hashes come as SRI, `sha256:` nix32, or (in some development versions) `{algorithm, format, hash}` objects.
 */
import { formatSha256Nix32, parseSha256 } from "./hash.js";

export interface PathInfo {
  readonly path: string;
  readonly narHash: Uint8Array;
  readonly narSize: number;
  /** Full store paths, the path itself included when it refers to itself. */
  readonly references: readonly string[];
  readonly deriver?: string;
  readonly sigs: readonly string[];
  readonly ca?: string;
  /** Made on this machine (built, or added from local files) rather than substituted: Nix's "ultimate trust". */
  readonly ultimate?: boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Parses the JSON printed by any Nix's `nix path-info --json`; invalid paths are left out. */
export function parsePathInfoJson(text: string, storeDir = "/nix/store"): PathInfo[] {
  const document = JSON.parse(text) as Json;
  if (Array.isArray(document)) {
    return document.filter(isObject).flatMap((entry) => {
      if (entry.valid === false) return [];
      return [toPathInfo(requireString(entry.path, "path"), entry, storeDir)];
    });
  }
  if (!isObject(document)) throw new Error("nix path-info --json printed neither an array nor an object");
  const keyed = isObject(document.info) ? document.info : document;
  return Object.entries(keyed).flatMap(([key, entry]) => {
    if (!isObject(entry)) return [];
    const path = key.startsWith("/") ? key : `${storeDir}/${key}`;
    return [toPathInfo(path, entry, storeDir)];
  });
}

function toPathInfo(path: string, entry: JsonObject, storeDir: string): PathInfo {
  const toFullPath = (reference: string) =>
    reference.startsWith("/") ? reference : `${storeDir}/${reference}`;
  const references = Array.isArray(entry.references) ? entry.references : [];
  const sigs = Array.isArray(entry.signatures) ? entry.signatures : [];
  const deriver = typeof entry.deriver === "string" ? toFullPath(entry.deriver) : undefined;
  return {
    path,
    narHash: parseHashValue(entry.narHash, `narHash of ${path}`),
    narSize: requireNumber(entry.narSize, `narSize of ${path}`),
    references: references.map((reference) => toFullPath(requireString(reference, `references of ${path}`))),
    deriver,
    sigs: sigs.flatMap((sig) => (typeof sig === "string" ? [sig] : signatureObjectToString(sig))),
    ca: parseContentAddress(entry.ca),
    // 2.8 and 2.26 print true or false (2.8 leaves out false); some versions 1 or 0.
    ultimate: entry.ultimate === true || entry.ultimate === 1,
  };
}

function parseHashValue(value: Json | undefined, what: string): Uint8Array {
  if (typeof value === "string") return parseSha256(value);
  // `--json-format 3` spells the hash out: its encodings are the ones parseSha256 tells apart by length.
  if (isObject(value) && value.algorithm === "sha256" && typeof value.hash === "string") {
    const known = ["base64", "nix32", "base32", "base16", "sri"];
    if (typeof value.format === "string" && known.includes(value.format)) {
      return parseSha256(value.format === "sri" ? value.hash : `sha256:${value.hash}`);
    }
  }
  throw new Error(`nix path-info --json: ${what} is not a SHA-256 hash in a known form`);
}

const CA_METHOD_PREFIX: Record<string, string> = {
  nar: "fixed:r:",
  flat: "fixed:",
  text: "text:",
  git: "fixed:git:",
};

/**
 * The narinfo form of a content address (`fixed:r:sha256:<nix32>`, `text:sha256:<nix32>`). Structured addresses
 * with another algorithm are dropped: the CA field only spares readers a signature check, so leaving it out is safe.
 */
function parseContentAddress(value: Json | undefined): string | undefined {
  if (typeof value === "string") return value;
  if (!isObject(value) || typeof value.method !== "string") return undefined;
  const prefix = CA_METHOD_PREFIX[value.method];
  try {
    return prefix === undefined
      ? undefined
      : `${prefix}${formatSha256Nix32(parseHashValue(value.hash, "ca"))}`;
  } catch {
    return undefined;
  }
}

/** `--json-format 3` prints signatures as `{keyName, sig}` objects. */
function signatureObjectToString(sig: Json): string[] {
  if (isObject(sig) && typeof sig.keyName === "string" && typeof sig.sig === "string") {
    return [`${sig.keyName}:${sig.sig}`];
  }
  return [];
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function requireString(value: Json | undefined, what: string): string {
  if (typeof value !== "string") throw new Error(`nix path-info --json: ${what} is not a string`);
  return value;
}

function requireNumber(value: Json | undefined, what: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`nix path-info --json: ${what} is not a positive integer`);
  }
  return value;
}
