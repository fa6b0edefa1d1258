/**
 * One path's NAR, serialised from the store, checked against the hash Nix recorded, zstd-compressed and written
 * to a staging file — in one streaming pass, so memory stays the same whatever the path's size.
 */
import { createHash, randomBytes } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { constants, createZstdCompress } from "node:zlib";
import type { StagedNar } from "../cache/cache.js";
import { dumpNar, type NarFileSystem } from "../lib/nar.js";
import { encodeNixBase32 } from "../lib/nix-base32.js";
import type { PathInfo } from "../lib/path-info.js";

export interface StagedPath extends StagedNar {
  readonly fileHash: Uint8Array;
}

export interface StageOptions {
  readonly dir: string;
  readonly compressionLevel: number;
  readonly fs: NarFileSystem;
  readonly signal?: AbortSignal;
}

/** The store's content no longer matches what Nix recorded: uploading it would poison the cache. */
export class NarMismatchError extends Error {
  constructor(path: string, what: string) {
    super(`${path} does not match the ${what} Nix recorded for it (changed on disk?); not uploaded`);
    this.name = "NarMismatchError";
  }
}

/**
 * Bytes handed to the compressor at a time, and the size of its output buffers. Every write is a round trip to
 * the libuv thread pool where zstd runs, and every full output buffer another: Node's default of 16 KiB made
 * those round trips, not compression, the main thread's biggest cost.
 */
const COMPRESS_CHUNK = 1024 * 1024;

/** Streams `info.path` into a compressed staging file; throws NarMismatchError when its NAR differs from Nix's record. */
export async function stageNar(info: PathInfo, options: StageOptions): Promise<StagedPath> {
  const file = join(options.dir, `${randomBytes(8).toString("hex")}.nar.zst`);
  const narHash = createHash("sha256");
  const fileHash = createHash("sha256");
  let narSize = 0;
  let fileSize = 0;
  try {
    options.signal?.throwIfAborted();
    const compressor = createZstdCompress({
      // Output buffers no bigger than the NAR can need: most paths are small, and each stream allocates one.
      chunkSize: Math.min(COMPRESS_CHUNK, Math.max(64 * 1024, info.narSize)),
      // Knowing the size lets zstd fit its window and tables to the NAR (a small path then needs kilobytes of
      // zstd state, not megabytes) and puts the size in the frame header. A NAR of another size fails the stream.
      pledgedSrcSize: info.narSize,
      params: { [constants.ZSTD_c_compressionLevel]: options.compressionLevel },
    });
    await pipeline(
      Readable.from(
        gather(dumpNar(info.path, options.fs), (chunk) => {
          narHash.update(chunk);
          narSize += chunk.length;
        }),
        { objectMode: false, highWaterMark: COMPRESS_CHUNK },
      ),
      compressor,
      fileSink(file, (chunk) => {
        fileHash.update(chunk);
        fileSize += chunk.length;
      }),
      { signal: options.signal },
    );
    if (narSize !== info.narSize) throw new NarMismatchError(info.path, "NAR size");
    if (!narHash.digest().equals(Buffer.from(info.narHash)))
      throw new NarMismatchError(info.path, "NAR hash");
  } catch (error) {
    await rm(file, { force: true });
    if (options.signal?.aborted) throw options.signal.reason;
    if ((error as NodeJS.ErrnoException).code === "ZSTD_error_srcSize_wrong") {
      throw new NarMismatchError(info.path, "NAR size");
    }
    throw error;
  }
  const digest = fileHash.digest();
  return { file, url: `nar/${encodeNixBase32(digest)}.nar.zst`, fileSize, fileHash: digest };
}

/**
 * Observes every chunk, and joins small ones (the NAR framing and small files come in pieces of up to 64 KiB) into
 * chunks of about COMPRESS_CHUNK bytes; larger file reads pass through as they are.
 */
async function* gather(
  source: AsyncIterable<Uint8Array>,
  observe: (chunk: Uint8Array) => void,
): AsyncGenerator<Uint8Array> {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  for await (const chunk of source) {
    observe(chunk);
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes >= COMPRESS_CHUNK) {
      yield pending.length === 1 ? (pending[0] as Uint8Array) : Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}

/**
 * Writes to a new file with synchronous writes: they land in the page cache in microseconds, while a write
 * stream's every write would be one more round trip through the thread pool that zstd is using.
 */
function fileSink(file: string, observe: (chunk: Buffer) => void): Writable {
  let fd: number | undefined;
  return new Writable({
    construct(callback) {
      try {
        fd = openSync(file, "wx", 0o644);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    write(chunk: Buffer, _encoding, callback) {
      try {
        observe(chunk);
        for (let offset = 0; offset < chunk.length; ) {
          offset += writeSync(fd as number, chunk, offset, chunk.length - offset);
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    final(callback) {
      try {
        closeSync(fd as number);
        fd = undefined;
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    destroy(error, callback) {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
      callback(error);
    },
  });
}
