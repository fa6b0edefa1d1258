/**
 * One path's NAR, serialised from the store, checked against the hash Nix recorded, zstd-compressed and written
 * to a staging file — in one streaming pass, so memory stays the same whatever the path's size.
 */
import { createHash, randomBytes } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { Writable } from "node:stream";
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
  /** Buffers shared by the paths of one push; without it, each path allocates its own. */
  readonly buffers?: StagingBuffers;
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
 * Bytes handed to the compressor at a time, and the most it writes per output buffer. Every write is a round trip
 * to the libuv thread pool where zstd runs, and every full output buffer another: with Node's default of 16 KiB,
 * those round trips, not compression, were the main thread's biggest cost.
 */
const COMPRESS_CHUNK = 1024 * 1024;
/** The smallest buffer a path gets: room for a tiny NAR and the headers zstd adds to it, in one round trip. */
const MIN_BUFFER = 4 * 1024;

/**
 * The three working buffers of a path (file data, two for zstd to take turns on), reused from path to path:
 * allocated per path, they made V8 collect the whole heap most often. A failed path's buffers stay out of the pool,
 * as a destroyed compressor may still be reading one.
 */
export class StagingBuffers {
  readonly #free: Buffer[] = [];

  take(): Buffer[] {
    return Array.from({ length: 3 }, () => this.#free.pop() ?? Buffer.allocUnsafe(COMPRESS_CHUNK));
  }

  giveBack(buffers: readonly Buffer[]): void {
    // As many as a handful of paths in flight need; more would only hold memory.
    for (const buffer of buffers) if (this.#free.length < MAX_POOLED) this.#free.push(buffer);
  }
}

const MAX_POOLED = 24;

/** Streams `info.path` into a compressed staging file; throws NarMismatchError when its NAR differs from Nix's record. */
export async function stageNar(info: PathInfo, options: StageOptions): Promise<StagedPath> {
  const file = join(options.dir, `${randomBytes(8).toString("hex")}.nar.zst`);
  const narHash = createHash("sha256");
  const fileHash = createHash("sha256");
  let narSize = 0;
  let fileSize = 0;
  const buffers = options.buffers?.take() ?? new StagingBuffers().take();
  try {
    options.signal?.throwIfAborted();
    // zstd's output buffers are Node's, one per stream: sized to the NAR, since most paths are small.
    const bufferSize = Math.min(COMPRESS_CHUNK, Math.max(MIN_BUFFER, info.narSize));
    const compressor = createZstdCompress({
      chunkSize: bufferSize,
      // Knowing the size lets zstd fit its window and tables to the NAR (a small path then needs kilobytes of
      // zstd state, not megabytes) and puts the size in the frame header. A NAR of another size fails the stream.
      pledgedSrcSize: info.narSize,
      params: { [constants.ZSTD_c_compressionLevel]: options.compressionLevel },
    });
    const written = pipeline(
      compressor,
      fileSink(file, (chunk) => {
        fileHash.update(chunk);
        fileSize += chunk.length;
      }),
      { signal: options.signal },
    );
    const [scratch, ...turns] = buffers.map((buffer) => buffer.subarray(0, bufferSize)) as [
      Buffer,
      Buffer,
      Buffer,
    ];
    const fed = feed(dumpNar(info.path, options.fs, { scratch }), compressor, turns, (chunk) => {
      narHash.update(chunk);
      narSize += chunk.length;
    }).then(
      () => {
        compressor.end();
      },
      (error: unknown) => {
        // The pipeline then fails with this same error.
        compressor.destroy(error instanceof Error ? error : new Error(String(error)));
        throw error;
      },
    );
    // The pipeline's error is the one that says why (a read error, zstd's, the abort); the feed only notices.
    const [fedResult, writtenResult] = await Promise.allSettled([fed, written]);
    if (writtenResult.status === "rejected") throw writtenResult.reason;
    if (fedResult.status === "rejected") throw fedResult.reason;
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
  options.buffers?.giveBack(buffers);
  const digest = fileHash.digest();
  return { file, url: `nar/${encodeNixBase32(digest)}.nar.zst`, fileSize, fileHash: digest };
}

/**
 * Hashes the NAR's chunks and copies them into two buffers that take turns: one is filled while zstd compresses the
 * other. Nothing is allocated per megabyte: those allocations, not the copying, were what cost.
 */
async function feed(
  source: AsyncIterable<Uint8Array>,
  compressor: Writable,
  buffers: readonly [Buffer, Buffer],
  observe: (chunk: Uint8Array) => void,
): Promise<void> {
  const bufferSize = buffers[0].length;
  const consumed: Promise<void>[] = [];
  // A destroyed compressor (an abort, a zstd error) may never call back for the write it was working on: waits
  // end when it closes, so that a failure can never leave this hanging.
  const stopped = new Promise<never>((_, reject) => {
    compressor.once("close", () => reject(new Error("the compressor stopped before taking all input")));
  });
  stopped.catch(() => {});
  let current = 0;
  let used = 0;
  const submit = async () => {
    const chunk = (buffers[current] as Buffer).subarray(0, used);
    const written = new Promise<void>((resolve, reject) =>
      compressor.write(chunk, (error) => (error ? reject(error) : resolve())),
    );
    // Awaited below, or superseded by the pipeline's own error; never left unhandled.
    written.catch(() => {});
    consumed[current] = written;
    current = (current + 1) % buffers.length;
    used = 0;
    await Promise.race([consumed[current], stopped]);
  };
  for await (const chunk of source) {
    observe(chunk);
    for (let offset = 0; offset < chunk.length; ) {
      const n = Math.min(chunk.length - offset, bufferSize - used);
      (buffers[current] as Buffer).set(chunk.subarray(offset, offset + n), used);
      used += n;
      offset += n;
      if (used === bufferSize) await submit();
    }
  }
  if (used > 0) await submit();
  await Promise.race([Promise.all(consumed), stopped]);
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
