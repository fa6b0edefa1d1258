/**
 * A bare client of the Cachix wire protocol, written from the reference for the stand-in's own tests: it does one
 * upload the way `cachix push` does, and lets a test break any single step to prove the stand-in notices.
 */
import { createHash } from "node:crypto";
import { zstdCompressSync } from "node:zlib";
import nacl from "tweetnacl";
import { fingerprint, nix32, STORE_DIR, sha256 } from "./nix-format.js";

export interface RawResponse {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
}

export async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; json?: unknown; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.json !== undefined) headers["content-type"] = "application/json;charset=utf-8";
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** A regular file's NAR: `nix-archive-1 ( type regular contents <bytes> )`. */
export function fileNar(contents: string | Buffer): Buffer {
  const str = (text: string | Buffer) => {
    const bytes = Buffer.from(text);
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(bytes.length));
    return Buffer.concat([length, bytes, Buffer.alloc((8 - (bytes.length % 8)) % 8)]);
  };
  return Buffer.concat(["nix-archive-1", "(", "type", "regular", "contents", contents, ")"].map(str));
}

export interface RawPath {
  readonly storeHash: string;
  readonly suffix: string;
  readonly nar: Buffer;
  readonly references?: readonly string[];
  readonly deriver?: string;
}

/** Ways to get one step wrong; each receives the correct value. */
export interface Tamper {
  /** The Content-MD5 header of the PUT. */
  contentMD5?: (md5: string) => string;
  /** The contentMD5 the part URL is asked for. */
  presignMD5?: (md5: string) => string;
  putHeaders?: Record<string, string>;
  parts?: (parts: { partNumber: number; eTag: string }[]) => unknown;
  create?: (create: Record<string, unknown>) => Record<string, unknown>;
}

/** 64-byte libsodium secret key → the `cSig` for a path. */
export function signPath(path: RawPath, secretKey: Uint8Array): string {
  const narHash = `sha256:${nix32(sha256(path.nar))}`;
  const refs = [...(path.references ?? [])].sort();
  const message = fingerprint(
    `${STORE_DIR}/${path.storeHash}-${path.suffix}`,
    narHash,
    path.nar.length,
    refs,
  );
  return Buffer.from(nacl.sign.detached(new TextEncoder().encode(message), secretKey)).toString("base64");
}

/** Uploads `path` in parts of `partSize` bytes of compressed NAR; returns the `complete` response. */
export async function upload(
  base: string,
  cache: string,
  token: string,
  path: RawPath,
  cSig: string | null,
  tamper: Tamper = {},
  partSize = 5 * 1024 * 1024,
): Promise<RawResponse & { narId: string; uploadId: string; putStatuses: number[] }> {
  const file = zstdCompressSync(path.nar);
  const created = await call(base, "POST", `/api/v1/cache/${cache}/multipart-nar?compression=zst`, { token });
  if (created.status !== 200) throw new Error(`create: ${created.status} ${created.text}`);
  const { narId, uploadId } = JSON.parse(created.text) as { narId: string; uploadId: string };
  const parts: { partNumber: number; eTag: string }[] = [];
  const putStatuses: number[] = [];
  for (let offset = 0, partNumber = 1; offset < file.length; offset += partSize, partNumber++) {
    const data = file.subarray(offset, offset + partSize);
    const md5 = createHash("md5").update(data).digest("base64");
    const query = `uploadId=${encodeURIComponent(uploadId)}&partNumber=${partNumber}`;
    const presigned = await call(base, "POST", `/api/v1/cache/${cache}/multipart-nar/${narId}?${query}`, {
      token,
      json: { contentMD5: tamper.presignMD5 ? tamper.presignMD5(md5) : md5 },
    });
    if (presigned.status !== 200) throw new Error(`part URL: ${presigned.status} ${presigned.text}`);
    const { uploadUrl } = JSON.parse(presigned.text) as { uploadUrl: string };
    const put = await fetch(uploadUrl, {
      method: "PUT",
      headers: {
        "content-type": "application/octet-stream",
        "content-md5": tamper.contentMD5 ? tamper.contentMD5(md5) : md5,
        ...(tamper.putHeaders ?? {}),
      },
      body: data,
    });
    await put.arrayBuffer();
    putStatuses.push(put.status);
    parts.push({ partNumber, eTag: put.headers.get("etag") ?? "" });
  }
  const create: Record<string, unknown> = {
    cStoreHash: path.storeHash,
    cStoreSuffix: path.suffix,
    cNarHash: `sha256:${nix32(sha256(path.nar))}`,
    cNarSize: path.nar.length,
    cFileHash: sha256(file).toString("hex"),
    cFileSize: file.length,
    cReferences: [...(path.references ?? [])].sort(),
    cDeriver: path.deriver ?? "unknown-deriver",
    cSig,
  };
  const completed = await call(
    base,
    "POST",
    `/api/v1/cache/${cache}/multipart-nar/${narId}/complete?uploadId=${encodeURIComponent(uploadId)}`,
    {
      token,
      json: {
        parts: tamper.parts ? tamper.parts(parts) : parts,
        narInfoCreate: tamper.create ? tamper.create(create) : create,
      },
    },
  );
  return { ...completed, narId, uploadId, putStatuses };
}
