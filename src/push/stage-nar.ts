/**
 * One path's NAR, serialised from the store, checked against the hash Nix recorded, zstd-compressed and written
 * to a staging file in one streaming pass. A NAR longer than a segment becomes one zstd frame per segment (several
 * frames are valid zstd, and Nix reads them all): segments can be compressed on other threads while this one reads,
 * and memory stays bounded whatever the path's size.
 */
import { createHash, randomBytes } from "node:crypto";
import { closeSync, openSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { constants, zstdCompressSync } from "node:zlib";
import type { StagedNar } from "../cache/cache.js";
import { dumpNar, type NarFileSystem } from "../lib/nar.js";
import { encodeNixBase32 } from "../lib/nix-base32.js";
import type { PathInfo } from "../lib/path-info.js";

export interface StagedPath extends StagedNar {
  readonly fileHash: Uint8Array;
}

/** Compresses one segment into one zstd frame; it may take the segment's buffer (to move it to another thread). */
export type SegmentCompressor = (segment: Buffer, index: number) => Uint8Array | Promise<Uint8Array>;

export interface StageOptions {
  readonly dir: string;
  readonly compressionLevel: number;
  readonly fs: NarFileSystem;
  readonly signal?: AbortSignal;
  /** Where segments are compressed; by default right here, one after the other. */
  readonly compress?: SegmentCompressor;
  /** Segments in flight (compressed elsewhere, not yet written) before reading waits. */
  readonly window?: number;
}

/** The store's content no longer matches what Nix recorded: uploading it would poison the cache. */
export class NarMismatchError extends Error {
  constructor(path: string, what: string) {
    super(`${path} does not match the ${what} Nix recorded for it (changed on disk?); not uploaded`);
    this.name = "NarMismatchError";
  }
}

/**
 * NAR bytes per zstd frame. Level 3 looks back 2 MiB at most, so a frame boundary every 4 MiB costs under 1% of the
 * bytes (about 0.6% on the bench's mix); small enough to spread a big path over cores and to bound what is in
 * flight between threads.
 */
export const SEGMENT_BYTES = 4 * 1024 * 1024;

/** Bytes per read of a file while serialising: the dump's reused scratch buffer. */
const READ_BYTES = 1024 * 1024;

/** A segment compressed on the calling thread. */
export function compressSegment(segment: Uint8Array, level: number): Buffer {
  return zstdCompressSync(segment, {
    params: {
      [constants.ZSTD_c_compressionLevel]: level,
      // The size in the frame header lets zstd fit its window and tables to a small NAR, and lets readers size theirs.
      [constants.ZSTD_c_contentSizeFlag]: 1,
    },
    pledgedSrcSize: segment.length,
    // Room for the whole frame (zstd's bound: the input plus 1/256th and a header), so that the frame comes out in one
    // piece rather than as 16 KiB chunks joined afterwards.
    chunkSize: Math.max(64, segment.length + (segment.length >> 8) + 1024),
  });
}

/** Names of staging files: unique to this thread (a random prefix, not a random name per path), numbered. */
const STAGING_PREFIX = randomBytes(8).toString("hex");
let staged = 0;

/** Streams `info.path` into a compressed staging file; throws NarMismatchError when its NAR differs from Nix's record. */
export async function stageNar(info: PathInfo, options: StageOptions): Promise<StagedPath> {
  options.signal?.throwIfAborted();
  const file = join(options.dir, `${STAGING_PREFIX}-${staged++}.nar.zst`);
  const compress =
    options.compress ?? ((segment: Buffer) => compressSegment(segment, options.compressionLevel));
  const window = Math.max(1, options.window ?? 1);
  const narHash = createHash("sha256");
  const fileHash = createHash("sha256");
  let narSize = 0;
  let fileSize = 0;
  const fd = openSync(file, "wx", 0o644);
  // Frames in the order of their segments, written as soon as the first of them is ready.
  const frames: Promise<Uint8Array>[] = [];
  const writeFirstFrame = async () => {
    const frame = await (frames.shift() as Promise<Uint8Array>);
    fileHash.update(frame);
    fileSize += frame.length;
    for (let offset = 0; offset < frame.length; ) {
      offset += writeSync(fd, frame, offset, frame.length - offset);
    }
  };
  try {
    const segmentBytes = Math.min(SEGMENT_BYTES, Math.max(1, info.narSize));
    let segment = Buffer.allocUnsafe(segmentBytes);
    let used = 0;
    let index = 0;
    const flush = async () => {
      const done = compress(used === segment.length ? segment : segment.subarray(0, used), index++);
      const frame = Promise.resolve(done);
      // Awaited in order below; a failure of a later one must not go unhandled meanwhile.
      frame.catch(() => {});
      frames.push(frame);
      // Compressed already, the segment's buffer is free again; one still being compressed (elsewhere) is not.
      if (done instanceof Promise) segment = Buffer.allocUnsafe(segmentBytes);
      used = 0;
      while (frames.length >= window) await writeFirstFrame();
      options.signal?.throwIfAborted();
    };
    const scratch = Buffer.allocUnsafe(Math.min(READ_BYTES, segmentBytes + 1));
    for await (const chunk of dumpNar(info.path, options.fs, { scratch })) {
      options.signal?.throwIfAborted();
      narHash.update(chunk);
      narSize += chunk.length;
      // A NAR longer than recorded would never end: stop at the first byte too many.
      if (narSize > info.narSize) throw new NarMismatchError(info.path, "NAR size");
      for (let offset = 0; offset < chunk.length; ) {
        const n = Math.min(chunk.length - offset, segment.length - used);
        segment.set(chunk.subarray(offset, offset + n), used);
        used += n;
        offset += n;
        if (used === segment.length) await flush();
      }
    }
    if (used > 0) await flush();
    while (frames.length > 0) await writeFirstFrame();
    if (narSize !== info.narSize) throw new NarMismatchError(info.path, "NAR size");
    if (!narHash.digest().equals(Buffer.from(info.narHash)))
      throw new NarMismatchError(info.path, "NAR hash");
    closeSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(file);
    if (options.signal?.aborted) throw options.signal.reason;
    throw error;
  }
  const digest = fileHash.digest();
  return { file, url: `nar/${encodeNixBase32(digest)}.nar.zst`, fileSize, fileHash: digest };
}
