import { constants } from "node:fs";
import { lstat, open, readdir, readlink } from "node:fs/promises";
import type { NarEntryStat, NarFileSystem } from "../lib/nar.js";

const READ_SIZE = 1024 * 1024;

async function statEntry(path: Buffer): Promise<NarEntryStat> {
  const stat = await lstat(path);
  if (stat.isFile()) return { type: "regular", size: stat.size, executable: (stat.mode & 0o100) !== 0 };
  if (stat.isDirectory()) return { type: "directory" };
  if (stat.isSymbolicLink()) return { type: "symlink" };
  return { type: "other" };
}

async function* readWholeFile(path: Buffer, size: number): AsyncGenerator<Uint8Array> {
  // O_NOFOLLOW: the entry was lstat'ed as a regular file; never let a swapped-in symlink redirect the read.
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const buffer = Buffer.allocUnsafe(READ_SIZE);
    let total = 0;
    // Read to end of file rather than `size` bytes, so that a file that grew is noticed too.
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, READ_SIZE, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > size) break;
      // A copy, because the buffer is reused for the next read while the consumer may still hold this chunk.
      yield Buffer.copyBytesFrom(buffer, 0, bytesRead);
    }
    if (total !== size) {
      throw new Error(
        `${JSON.stringify(path.toString())} changed size while being read (expected ${size} bytes)`,
      );
    }
  } finally {
    await handle.close();
  }
}

/** The real file system, read with raw-byte names and without following symlinks. */
export const nodeNarFileSystem: NarFileSystem = {
  lstat: statEntry,
  readdir: (path) => readdir(path, { encoding: "buffer" }),
  readlink: (path) => readlink(path, { encoding: "buffer" }),
  readFile: readWholeFile,
};
