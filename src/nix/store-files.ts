import { closeSync, constants, lstatSync, openSync, readdirSync, readlinkSync, readSync } from "node:fs";
import type { NarEntryStat, NarFileSystem } from "../lib/nar.js";

/**
 * Bytes per read of a large file. Big enough that a read costs little next to compressing it, small enough that
 * the event loop (which also serves the other paths in flight) is never held up for long.
 */
const READ_SIZE = 1024 * 1024;

// The calls below are synchronous on purpose. Store paths are read right after they were built or substituted,
// from the page cache, where a synchronous lstat or read takes microseconds while the promise API's round trip
// through the libuv thread pool costs tens of them — per call, for tens of thousands of small files — and would
// queue behind the zstd work that shares that pool.

function statEntry(path: Buffer): NarEntryStat {
  const stat = lstatSync(path);
  if (stat.isFile()) return { type: "regular", size: stat.size, executable: (stat.mode & 0o100) !== 0 };
  if (stat.isDirectory()) return { type: "directory" };
  if (stat.isSymbolicLink()) return { type: "symlink" };
  return { type: "other" };
}

async function* readWholeFile(path: Buffer, size: number, scratch?: Buffer): AsyncGenerator<Uint8Array> {
  // O_NOFOLLOW: the entry was lstat'ed as a regular file; never let a swapped-in symlink redirect the read.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    let total = 0;
    // Read to end of file rather than `size` bytes, so that a file that grew is noticed too: the last read asks
    // for one byte more than is left. Judging the size is dumpNar's: it yields what it finds, up to one byte over.
    for (;;) {
      const want = Math.min(scratch?.length ?? READ_SIZE, size - total + 1);
      // Without a scratch buffer, a fresh buffer for every read, sized to what is left: the consumer may keep the
      // chunk, and an exact size spares a copy.
      const buffer = scratch === undefined ? Buffer.allocUnsafe(want) : scratch.subarray(0, want);
      const bytesRead = readSync(fd, buffer, 0, want, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
      if (total > size) break;
    }
  } finally {
    closeSync(fd);
  }
}

/** The real file system, read with raw-byte names and without following symlinks. */
export const nodeNarFileSystem: NarFileSystem = {
  lstat: async (path) => statEntry(path),
  readdir: async (path) => readdirSync(path, { encoding: "buffer" }),
  readlink: async (path) => readlinkSync(path, { encoding: "buffer" }),
  readFile: readWholeFile,
};
