/**
 * One NAR to Cachix as a multipart upload (create → per part: MD5, presigned URL, PUT keeping the ETag). Each part
 * is read from the staged file twice — once for its MD5, which the URL is signed for, then streamed as the body —
 * so memory stays the same whatever the NAR's size; a few parts are in flight at once.
 */
import { createHash } from "node:crypto";
import { forEachConcurrently } from "../../net/concurrently.js";
import { fileBody, type RequestBody } from "../../net/http-request.js";
import type { StagedNar } from "../cache.js";
import type { CachixApi, CompletedPart, MultipartUpload } from "./api.js";

/** S3's smallest part (but the last). */
export const MIN_PART_SIZE = 5 * 2 ** 20;
/** `cachix push`'s default chunk size. */
export const DEFAULT_PART_SIZE = 32 * 2 ** 20;
/** `cachix push`'s default number of parts in flight per NAR. */
export const DEFAULT_PART_CONCURRENCY = 4;

interface PartRange {
  readonly partNumber: number;
  readonly start: number;
  readonly length: number;
}

/**
 * Parts numbered from 1, each `partSize` bytes but the last. As `cachix push` does, a size that is an exact
 * multiple of the part size ends with an empty part.
 */
function planParts(size: number, partSize: number): PartRange[] {
  if (!Number.isSafeInteger(partSize) || partSize < MIN_PART_SIZE) {
    throw new Error(`a part size below ${MIN_PART_SIZE} bytes is refused by the object store`);
  }
  const parts: PartRange[] = [];
  for (let start = 0, partNumber = 1; ; start += partSize, partNumber++) {
    const length = Math.min(partSize, size - start);
    parts.push({ partNumber, start, length });
    if (length < partSize) return parts;
  }
}

interface PartOptions {
  readonly partSize: number;
  readonly concurrency: number;
  readonly signal?: AbortSignal;
}

/** The compression query value for a staged NAR, from its file name. */
export function compressionOf(nar: StagedNar): "zst" | "xz" {
  if (nar.url.endsWith(".nar.zst")) return "zst";
  if (nar.url.endsWith(".nar.xz")) return "xz";
  throw new Error(`${nar.url}: Cachix takes zstd or xz NARs only`);
}

/**
 * Uploads every part of `nar` into the open `upload`; returns the parts in order for `complete`. On the first
 * failure no further part starts, and the error is thrown once the parts in flight have ended.
 */
export async function uploadParts(
  api: CachixApi,
  cacheName: string,
  upload: MultipartUpload,
  nar: StagedNar,
  options: PartOptions,
): Promise<CompletedPart[]> {
  const done: CompletedPart[] = [];
  await forEachConcurrently(planParts(nar.fileSize, options.partSize), options.concurrency, async (part) => {
    const md5 = await md5OfRange(nar.file, part);
    const url = await api.postMultipartNarPart(cacheName, upload, part.partNumber, md5, options.signal);
    const eTag = await api.putPresignedPart(url, rangeBody(nar.file, part), md5, options.signal);
    done.push({ partNumber: part.partNumber, eTag });
  });
  return done.sort((a, b) => a.partNumber - b.partNumber);
}

/** Padded base64 of the MD5 of a file's byte range: the part's `contentMD5`. */
async function md5OfRange(file: string, part: PartRange): Promise<string> {
  const hash = createHash("md5");
  if (part.length > 0) {
    for await (const chunk of fileBody(file, part.length, part.start).open()) hash.update(chunk as Buffer);
  }
  return hash.digest("base64");
}

/** The part's bytes as a body that can be opened again for a retry. */
function rangeBody(file: string, part: PartRange): RequestBody {
  if (part.length === 0) return new Uint8Array(0);
  return fileBody(file, part.length, part.start);
}
