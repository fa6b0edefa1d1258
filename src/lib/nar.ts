/** What a NAR records about one file system entry; everything else (owner, mtime, mode bits) is dropped. */
export type NarEntryStat =
  | { type: "regular"; size: number; executable: boolean }
  | { type: "directory" }
  | { type: "symlink" }
  | { type: "other" };

/** The file system operations the serializer needs; paths and names are raw bytes, never decoded text. */
export interface NarFileSystem {
  lstat(path: Buffer): Promise<NarEntryStat>;
  readdir(path: Buffer): Promise<Buffer[]>;
  readlink(path: Buffer): Promise<Buffer>;
  /** Streams a regular file that `lstat` reported as `size` bytes long. */
  readFile(path: Buffer, size: number): AsyncIterable<Uint8Array>;
}

const CHUNK_SIZE = 64 * 1024;
const ZEROS = new Uint8Array(8);
const SLASH = Buffer.from("/");
const FORBIDDEN_NAMES = new Set([".", ".."]);

function paddingOf(length: number): number {
  return (8 - (length % 8)) % 8;
}

function u64(value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(BigInt(value));
  return bytes;
}

// NAR strings: u64 LE length, the bytes, zero padding to a multiple of 8.
function str(bytes: Uint8Array): Buffer {
  return Buffer.concat([u64(bytes.length), bytes, ZEROS.subarray(0, paddingOf(bytes.length))]);
}

function tokens(...words: string[]): Buffer {
  return Buffer.concat(words.map((word) => str(Buffer.from(word))));
}

const MAGIC = tokens("nix-archive-1");
const NODE_START = tokens("(", "type");
const NODE_END = tokens(")");
const REGULAR = tokens("regular");
const EXECUTABLE = tokens("executable", "");
const CONTENTS = tokens("contents");
const SYMLINK = tokens("symlink", "target");
const DIRECTORY = tokens("directory");
const ENTRY_START = tokens("entry", "(", "name");
const ENTRY_NODE = tokens("node");

/** Gathers the many small writes of a NAR into chunks of about CHUNK_SIZE bytes. */
class Chunker {
  #buffer = Buffer.allocUnsafe(CHUNK_SIZE);
  #used = 0;

  *write(bytes: Uint8Array): Generator<Uint8Array> {
    if (bytes.length >= CHUNK_SIZE) {
      yield* this.flush();
      yield bytes;
      return;
    }
    let offset = 0;
    while (offset < bytes.length) {
      const n = Math.min(bytes.length - offset, CHUNK_SIZE - this.#used);
      this.#buffer.set(bytes.subarray(offset, offset + n), this.#used);
      this.#used += n;
      offset += n;
      if (this.#used === CHUNK_SIZE) yield* this.flush();
    }
  }

  /** Yields what is buffered and starts a new buffer, so that consumers may keep every chunk. */
  *flush(): Generator<Uint8Array> {
    if (this.#used === 0) return;
    yield this.#buffer.subarray(0, this.#used);
    this.#buffer = Buffer.allocUnsafe(CHUNK_SIZE);
    this.#used = 0;
  }
}

function shown(path: Buffer): string {
  return JSON.stringify(path.toString());
}

async function* dumpNode(path: Buffer, fs: NarFileSystem, out: Chunker): AsyncGenerator<Uint8Array> {
  const stat = await fs.lstat(path);
  yield* out.write(NODE_START);
  switch (stat.type) {
    case "regular": {
      yield* out.write(
        stat.executable ? Buffer.concat([REGULAR, EXECUTABLE, CONTENTS]) : Buffer.concat([REGULAR, CONTENTS]),
      );
      yield* out.write(u64(stat.size));
      let seen = 0;
      for await (const chunk of fs.readFile(path, stat.size)) {
        seen += chunk.length;
        if (seen > stat.size) break;
        yield* out.write(chunk);
      }
      if (seen !== stat.size) {
        throw new Error(`${shown(path)} changed size while being archived (expected ${stat.size} bytes)`);
      }
      yield* out.write(ZEROS.subarray(0, paddingOf(stat.size)));
      break;
    }
    case "symlink":
      yield* out.write(SYMLINK);
      yield* out.write(str(await fs.readlink(path)));
      break;
    case "directory": {
      yield* out.write(DIRECTORY);
      // Nix orders entries by the raw bytes of their names, not by any text collation.
      const names = (await fs.readdir(path)).sort(Buffer.compare);
      for (const name of names) {
        if (
          name.length === 0 ||
          name.includes(0) ||
          name.includes(SLASH) ||
          FORBIDDEN_NAMES.has(name.toString("latin1"))
        ) {
          throw new Error(`${shown(path)} has an entry with an impossible name ${shown(name)}`);
        }
        yield* out.write(Buffer.concat([ENTRY_START, str(name), ENTRY_NODE]));
        yield* dumpNode(Buffer.concat([path, SLASH, name]), fs, out);
        yield* out.write(NODE_END);
      }
      break;
    }
    default:
      throw new Error(`${shown(path)} has an unsupported type (not a regular file, directory or symlink)`);
  }
  yield* out.write(NODE_END);
}

/** Serializes a path to exactly the bytes of `nix-store --dump`, in chunks of roughly 64 KiB. */
export async function* dumpNar(path: string, fs: NarFileSystem): AsyncGenerator<Uint8Array> {
  const out = new Chunker();
  yield* out.write(MAGIC);
  yield* dumpNode(Buffer.from(path), fs, out);
  yield* out.flush();
}
