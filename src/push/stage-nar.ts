/**
 * One path's NAR, serialised from the store, checked against the hash Nix recorded, zstd-compressed and written
 * to a staging file — in one streaming pass, so memory stays the same whatever the path's size.
 */
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
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

/** Streams `info.path` into a compressed staging file; throws NarMismatchError when its NAR differs from Nix's record. */
export async function stageNar(info: PathInfo, options: StageOptions): Promise<StagedPath> {
  const file = join(options.dir, `${randomBytes(8).toString("hex")}.nar.zst`);
  const narHash = createHash("sha256");
  const fileHash = createHash("sha256");
  let narSize = 0;
  let fileSize = 0;
  try {
    await pipeline(
      Readable.from(dumpNar(info.path, options.fs), { objectMode: false }),
      tap((chunk) => {
        narHash.update(chunk);
        narSize += chunk.length;
      }),
      createZstdCompress({ params: { [constants.ZSTD_c_compressionLevel]: options.compressionLevel } }),
      tap((chunk) => {
        fileHash.update(chunk);
        fileSize += chunk.length;
      }),
      createWriteStream(file),
      { signal: options.signal },
    );
    if (narSize !== info.narSize) throw new NarMismatchError(info.path, "NAR size");
    if (!narHash.digest().equals(Buffer.from(info.narHash)))
      throw new NarMismatchError(info.path, "NAR hash");
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
  const digest = fileHash.digest();
  return { file, url: `nar/${encodeNixBase32(digest)}.nar.zst`, fileSize, fileHash: digest };
}

function tap(observe: (chunk: Buffer) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      observe(chunk);
      callback(null, chunk);
    },
  });
}
