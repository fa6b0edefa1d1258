/**
 * A pack being put together: compressed NARs one after the other, uploaded straight from where they lie (the NAR
 * files the push wrote, and a spill file for NARs read from other packs by compaction) — never copied into one
 * file first. Its name is the SHA-256 of its NARs' FileHashes in order, which fix its bytes: the same paths make
 * the same pack, found again rather than uploaded twice.
 */
import { createHash } from "node:crypto";
import { closeSync, createReadStream, openSync, rmSync, writeSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CacheError } from "../../lib/errors.js";
import { parseNarInfo } from "../../lib/narinfo.js";
import { hashPartOf } from "../../lib/store-path.js";
import type { IndexedPath } from "./cache-index.js";
import type { EntryBody } from "./entry-service.js";

interface Segment {
  readonly file: string;
  /** Where the segment starts in its file, and in the pack. */
  readonly fileOffset: number;
  readonly packOffset: number;
  readonly length: number;
}

export class PackBuilder {
  private readonly segments: Segment[] = [];
  private readonly names = createHash("sha256");
  private spill?: { fd: number; size: number };
  size = 0;

  /** `spillFile`: where NARs read from other packs are kept until the upload. */
  constructor(private readonly spillFile: string) {}

  /** Adds `length` bytes of `file` from its start, a NAR whose FileHash is `fileHash`; returns its offset. */
  addFile(file: string, length: number, fileHash: Uint8Array): number {
    return this.add({ file, fileOffset: 0, length }, fileHash);
  }

  /** Adds a NAR read into memory (compaction); returns its offset. */
  addBytes(bytes: Buffer, fileHash: Uint8Array): number {
    this.spill ??= { fd: openSync(this.spillFile, "w", 0o600), size: 0 };
    const fileOffset = this.spill.size;
    for (let written = 0; written < bytes.length; ) {
      written += writeSync(this.spill.fd, bytes, written, bytes.length - written, fileOffset + written);
    }
    this.spill.size += bytes.length;
    return this.add({ file: this.spillFile, fileOffset, length: bytes.length }, fileHash);
  }

  /** The pack's name: hex SHA-256 of its NARs' FileHashes, in order. */
  name(): string {
    return this.names.copy().digest("hex");
  }

  /** The pack's bytes, in parts read from the segments that hold them. */
  body(): EntryBody {
    return { length: this.size, part: (start, length) => ({ length, open: () => this.read(start, length) }) };
  }

  /** Removes the spill file. */
  discard(): void {
    if (this.spill !== undefined) closeSync(this.spill.fd);
    this.spill = undefined;
    rmSync(this.spillFile, { force: true });
  }

  private add(segment: Omit<Segment, "packOffset">, fileHash: Uint8Array): number {
    const packOffset = this.size;
    this.segments.push({ ...segment, packOffset });
    this.names.update(fileHash);
    this.size += segment.length;
    return packOffset;
  }

  /** `length` bytes from `start` of the pack, streamed segment by segment. */
  private read(start: number, length: number): Readable {
    const out = new PassThrough({ highWaterMark: 1024 * 1024 });
    const end = start + length;
    const pieces = this.segments.filter((s) => s.packOffset < end && s.packOffset + s.length > start);
    (async () => {
      for (const piece of pieces) {
        const from = Math.max(start, piece.packOffset) - piece.packOffset;
        const to = Math.min(end, piece.packOffset + piece.length) - piece.packOffset;
        if (to <= from) continue;
        const source = createReadStream(piece.file, {
          start: piece.fileOffset + from,
          end: piece.fileOffset + to - 1,
          highWaterMark: 1024 * 1024,
        });
        await pipeline(source, out, { end: false });
      }
      out.end();
    })().catch((error: unknown) => out.destroy(error as Error));
    return out;
  }
}

/** The paths pushed into the file cache `dir` (narinfo and NAR), in name order, each added to `pack`. */
export async function addPushed(pack: PackBuilder, dir: string, storeDir: string): Promise<IndexedPath[]> {
  const names = (await readdir(dir).catch(() => [] as string[]))
    .filter((name) => name.endsWith(".narinfo"))
    .sort();
  const paths: IndexedPath[] = [];
  for (const name of names) {
    const text = await readFile(join(dir, name), "utf8");
    const info = parseNarInfo(text, storeDir);
    const nar = join(dir, info.url);
    const size = (await stat(nar)).size;
    if (size !== info.fileSize) throw new CacheError(`${nar} has ${size} bytes, not ${info.fileSize}`);
    const offset = pack.addFile(nar, size, info.fileHash);
    paths.push({ hashPart: hashPartOf(info.storePath), text, info, pack: "", offset, lastUsed: 0 });
  }
  return paths;
}
