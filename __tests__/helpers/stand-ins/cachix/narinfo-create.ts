/**
 * `complete`'s `narInfoCreate`: every field checked as the reference describes (cachix-api.md §2 NarInfoCreate, §6
 * "Checks a stand-in should make"), the NAR decompressed and compared with the claimed hash and size, the
 * signature verified (or, for a managed cache, made), and the narinfo rendered as the service serves it.
 */
import nacl from "tweetnacl";
import { zstdDecompressAll } from "../../zstd.js";
import type { CacheAccount } from "./caches.js";
import { HttpError } from "./http-util.js";
import {
  FILE_HASH,
  fingerprint,
  NAR_HASH,
  nix32,
  STORE_BASENAME,
  STORE_DIR,
  STORE_HASH,
  STORE_NAME,
  sha256,
  startsLikeNar,
  strictlyAscending,
} from "./nix-format.js";

export interface NarInfoCreate {
  readonly cStoreHash: string;
  readonly cStoreSuffix: string;
  readonly cNarHash: string;
  readonly cNarSize: number;
  readonly cFileHash: string;
  readonly cFileSize: number;
  readonly cReferences: readonly string[];
  readonly cDeriver: string;
  readonly cSig: string | null;
}

const bad = (why: string) => new HttpError(400, `Error in $.narInfoCreate: ${why}`);

/** Decodes the record as aeson would (every field but the `Maybe` cSig required, with its JSON type), then checks it. */
export function decodeNarInfoCreate(value: unknown): NarInfoCreate {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw bad("expected an object");
  const record = value as Record<string, unknown>;
  const text = (key: string, pattern: RegExp, what: string): string => {
    const field = record[key];
    if (typeof field !== "string") throw bad(`key "${key}" missing or not a string`);
    if (!pattern.test(field)) throw bad(`${key} ${JSON.stringify(field)} is not ${what}`);
    return field;
  };
  const size = (key: string): number => {
    const field = record[key];
    if (typeof field !== "number" || !Number.isSafeInteger(field) || field < 0) {
      throw bad(`key "${key}" missing or not a non-negative integer`);
    }
    return field;
  };
  const references = record.cReferences;
  if (!Array.isArray(references) || references.some((ref) => typeof ref !== "string")) {
    throw bad(`key "cReferences" missing or not an array of strings`);
  }
  for (const ref of references as string[]) {
    if (!STORE_BASENAME.test(ref)) throw bad(`reference ${JSON.stringify(ref)} is not a store path basename`);
  }
  if (!strictlyAscending(references as string[])) throw bad("cReferences are not sorted and unique");
  const sig = record.cSig;
  if (sig !== undefined && sig !== null && typeof sig !== "string")
    throw bad("cSig is neither a string nor null");
  const narSize = size("cNarSize");
  // Cachix's isNarInfoCreateValid: NarSizeIsZero.
  if (narSize === 0) throw bad("NarSizeIsZero");
  return {
    cStoreHash: text("cStoreHash", STORE_HASH, "32 characters of Nix base-32"),
    cStoreSuffix: text("cStoreSuffix", STORE_NAME, "a store path name"),
    cNarHash: text("cNarHash", NAR_HASH, "sha256: followed by 52 characters of Nix base-32"),
    cNarSize: narSize,
    cFileHash: text("cFileHash", FILE_HASH, "64 lowercase hex digits"),
    cFileSize: size("cFileSize"),
    cReferences: references as string[],
    cDeriver: deriver(text("cDeriver", /^/, "a string")),
    cSig: sig ?? null,
  };
}

function deriver(value: string): string {
  if (value === "unknown-deriver" || (STORE_BASENAME.test(value) && value.endsWith(".drv"))) return value;
  throw bad(`cDeriver ${JSON.stringify(value)} is neither unknown-deriver nor a .drv basename`);
}

/** Checks the uploaded file against the record, then returns the `Sig:` value the cache will serve. */
export function verifyUpload(
  cache: CacheAccount,
  create: NarInfoCreate,
  compression: "zst" | "xz",
  file: Buffer,
): string {
  if (file.length !== create.cFileSize) {
    throw bad(`cFileSize is ${create.cFileSize}, but ${file.length} bytes were uploaded`);
  }
  if (sha256(file).toString("hex") !== create.cFileHash)
    throw bad("cFileHash is not the SHA-256 of the upload");
  if (compression !== "zst") throw new HttpError(501, "this stand-in decompresses zstd uploads only");
  let nar: Buffer;
  try {
    // Every frame, as zstd's own reader (and Cachix's) reads an upload.
    nar = zstdDecompressAll(file);
  } catch {
    throw bad("the upload is not zstd-compressed");
  }
  if (!startsLikeNar(nar)) throw bad("the decompressed upload is not a NAR");
  if (nar.length !== create.cNarSize)
    throw bad(`cNarSize is ${create.cNarSize}, the NAR has ${nar.length} bytes`);
  if (`sha256:${nix32(sha256(nar))}` !== create.cNarHash) throw bad("cNarHash is not the NAR's SHA-256");

  const storePath = `${STORE_DIR}/${create.cStoreHash}-${create.cStoreSuffix}`;
  const message = new TextEncoder().encode(
    fingerprint(storePath, create.cNarHash, create.cNarSize, create.cReferences),
  );
  if (create.cSig === null) {
    if (cache.managedKey === undefined) {
      throw new HttpError(
        400,
        "No signature found. Most likely because signing key wasn't set. Run `cachix generate-keypair`.",
      );
    }
    return `${cache.keyName}:${Buffer.from(nacl.sign.detached(message, cache.managedKey.secretKey)).toString("base64")}`;
  }
  const signature = Buffer.from(create.cSig, "base64");
  if (
    cache.publicKey === undefined ||
    signature.length !== nacl.sign.signatureLength ||
    signature.toString("base64") !== create.cSig ||
    !nacl.sign.detached.verify(message, signature, cache.publicKey)
  ) {
    throw bad("cSig does not verify with the cache's public signing key");
  }
  return `${cache.keyName}:${create.cSig}`;
}

/** The narinfo as Cachix serves it: hex FileHash, no References line without references, no unknown Deriver. */
export function renderServedNarInfo(create: NarInfoCreate, sig: string): string {
  const lines = [
    `StorePath: ${STORE_DIR}/${create.cStoreHash}-${create.cStoreSuffix}`,
    `URL: ${narUrl(create.cFileHash)}`,
    "Compression: zstd",
    `FileHash: sha256:${create.cFileHash}`,
    `FileSize: ${create.cFileSize}`,
    `NarHash: ${create.cNarHash}`,
    `NarSize: ${create.cNarSize}`,
  ];
  if (create.cReferences.length > 0) lines.push(`References: ${create.cReferences.join(" ")}`);
  if (create.cDeriver !== "unknown-deriver") lines.push(`Deriver: ${create.cDeriver}`);
  lines.push(`Sig: ${sig}`);
  return `${lines.join("\n")}\n`;
}

export function narUrl(fileHashHex: string): string {
  return `nar/${fileHashHex}.nar.zst`;
}
