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
  /**
   * Streams a regular file that `lstat` reported as `size` bytes long. Given `scratch`, an implementation may read
   * into it and yield views of it, each valid only until the next chunk is requested.
   */
  readFile(path: Buffer, size: number, scratch?: Buffer): AsyncIterable<Uint8Array>;
}

export interface DumpOptions {
  /**
   * A buffer to read file data into and yield views of, each chunk valid only until the next is requested. Spares a
   * new buffer for every read — for a gigabyte of NAR, a gigabyte of short-lived buffers that V8 answers with a full
   * garbage collection every few dozen megabytes. For consumers that copy or hash at once.
   */
  readonly scratch?: Buffer;
}

const CHUNK_SIZE = 64 * 1024;
const ZEROS = new Uint8Array(8);
const SLASH = Buffer.from("/");
const FORBIDDEN_NAMES = new Set([".", ".."]);

function paddingOf(length: number): number {
  return (8 - (length % 8)) % 8;
}

// NAR strings: u64 LE length, the bytes, zero padding to a multiple of 8.
function str(bytes: Uint8Array): Buffer {
  const out = Buffer.alloc(8 + bytes.length + paddingOf(bytes.length));
  out.writeUInt32LE(bytes.length, 0);
  out.set(bytes, 8);
  return out;
}

function tokens(...words: string[]): Buffer {
  return Buffer.concat(words.map((word) => str(Buffer.from(word))));
}

const MAGIC = tokens("nix-archive-1");
const NODE_START = tokens("(", "type");
const NODE_END = tokens(")");
const REGULAR = tokens("regular", "contents");
const EXECUTABLE = tokens("regular", "executable", "", "contents");
const SYMLINK = tokens("symlink", "target");
const DIRECTORY = tokens("directory");
const ENTRY_START = tokens("entry", "(", "name");
const ENTRY_NODE = tokens("node");

/**
 * Gathers the many small writes of a NAR into chunks of about CHUNK_SIZE bytes, which wait in `ready` until the
 * serializer hands them on; writes of a whole chunk or more (file data) pass through without a copy.
 */
class Chunker {
  #buffer = Buffer.allocUnsafe(CHUNK_SIZE);
  #used = 0;
  ready: Uint8Array[] = [];

  write(bytes: Uint8Array): void {
    if (bytes.length >= CHUNK_SIZE) {
      this.flush();
      this.ready.push(bytes);
      return;
    }
    let offset = 0;
    while (offset < bytes.length) {
      const n = Math.min(bytes.length - offset, CHUNK_SIZE - this.#used);
      this.#buffer.set(bytes.subarray(offset, offset + n), this.#used);
      this.#used += n;
      offset += n;
      if (this.#used === CHUNK_SIZE) this.flush();
    }
  }

  /** A NAR integer (u64 little-endian); sizes stay far below 2^53. */
  writeU64(value: number): void {
    const bytes = Buffer.alloc(8);
    bytes.writeUInt32LE(value % 2 ** 32, 0);
    bytes.writeUInt32LE(Math.floor(value / 2 ** 32), 4);
    this.write(bytes);
  }

  /** Moves what is buffered to `ready` and starts a new buffer, so that consumers may keep every chunk. */
  flush(): void {
    if (this.#used === 0) return;
    this.ready.push(this.#buffer.subarray(0, this.#used));
    this.#buffer = Buffer.allocUnsafe(CHUNK_SIZE);
    this.#used = 0;
  }

  take(): Uint8Array[] {
    const chunks = this.ready;
    this.ready = [];
    return chunks;
  }
}

function shown(path: Buffer): string {
  return JSON.stringify(path.toString());
}

/** A directory being written: its sorted entry names and the next one to write. */
interface Frame {
  readonly path: Buffer;
  readonly names: readonly Buffer[];
  next: number;
}

async function entryNames(path: Buffer, fs: NarFileSystem): Promise<Buffer[]> {
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
  }
  return names;
}

/**
 * Writes one node; returns the directory frame to descend into, or undefined when the node is complete. File data
 * is handed on as it is read (`ready` chunks are yielded between reads), so memory stays flat for any file size.
 */
async function* writeNode(
  path: Buffer,
  fs: NarFileSystem,
  out: Chunker,
  scratch: Buffer | undefined,
): AsyncGenerator<Uint8Array, Frame | undefined> {
  const stat = await fs.lstat(path);
  out.write(NODE_START);
  switch (stat.type) {
    case "regular": {
      out.write(stat.executable ? EXECUTABLE : REGULAR);
      out.writeU64(stat.size);
      let seen = 0;
      // Chunks of the scratch buffer are safe here: a small one is copied into the chunker at once, a large one
      // is yielded before the next read.
      for await (const chunk of fs.readFile(path, stat.size, scratch)) {
        seen += chunk.length;
        if (seen > stat.size) break;
        out.write(chunk);
        if (out.ready.length > 0) yield* out.take();
      }
      if (seen !== stat.size) {
        throw new Error(`${shown(path)} changed size while being archived (expected ${stat.size} bytes)`);
      }
      out.write(ZEROS.subarray(0, paddingOf(stat.size)));
      out.write(NODE_END);
      return undefined;
    }
    case "symlink":
      out.write(SYMLINK);
      out.write(str(await fs.readlink(path)));
      out.write(NODE_END);
      return undefined;
    case "directory":
      out.write(DIRECTORY);
      // The node's closing ")" is written when the walk leaves the directory.
      return { path, names: await entryNames(path, fs), next: 0 };
    default:
      throw new Error(`${shown(path)} has an unsupported type (not a regular file, directory or symlink)`);
  }
}

/**
 * Serializes a path to exactly the bytes of `nix-store --dump`, in chunks of roughly 64 KiB (file data of 64 KiB
 * or more passes through as read). The walk keeps its own stack rather than recursing through nested generators,
 * whose every chunk would otherwise climb back up through each level of the tree.
 */
export async function* dumpNar(
  path: string,
  fs: NarFileSystem,
  options: DumpOptions = {},
): AsyncGenerator<Uint8Array> {
  const scratch = options.scratch;
  const out = new Chunker();
  out.write(MAGIC);
  const stack: Frame[] = [];
  let node: Buffer | undefined = Buffer.from(path);
  while (node !== undefined) {
    const frame = yield* writeNode(node, fs, out, scratch);
    if (frame !== undefined) stack.push(frame);
    node = undefined;
    // Close finished entries and directories until there is a next entry to write, or nothing left.
    while (node === undefined && stack.length > 0) {
      const top = stack[stack.length - 1] as Frame;
      // Coming back to a directory after one of its entries: that entry's "entry ( … )" is complete.
      if (top.next > 0) out.write(NODE_END);
      const name = top.names[top.next];
      if (name === undefined) {
        stack.pop();
        out.write(NODE_END);
        continue;
      }
      top.next++;
      out.write(ENTRY_START);
      out.write(str(name));
      out.write(ENTRY_NODE);
      node = Buffer.concat([top.path, SLASH, name]);
    }
    if (out.ready.length > 0) yield* out.take();
  }
  out.flush();
  yield* out.take();
}
