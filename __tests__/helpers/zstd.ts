/**
 * zstd as every reader of a binary cache sees it: a file may hold several frames, one after the other (RFC 8878
 * §3.1), and they decompress to the concatenation of their contents. `node:zlib` stops after the first frame, so
 * the frames are found here by their headers and block sizes, and decompressed one by one.
 */
import { zstdDecompressSync } from "node:zlib";

const FRAME_MAGIC = 0xfd2fb528;
const SKIPPABLE_MAGIC_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;

/** The frames of `data`, each as a view of it; throws on anything that is not a sequence of whole frames. */
export function zstdFrames(data: Uint8Array): Uint8Array[] {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const frames: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    const start = at;
    const magic = bytes.readUInt32LE(at);
    at += 4;
    if ((magic & SKIPPABLE_MAGIC_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      at += 4 + bytes.readUInt32LE(at);
      continue;
    }
    if (magic !== FRAME_MAGIC) throw new Error(`no zstd frame at byte ${start}`);
    const descriptor = bytes[at++] as number;
    const contentSizeFlag = descriptor >> 6;
    const singleSegment = (descriptor >> 5) & 1;
    const checksum = (descriptor >> 2) & 1;
    const dictionaryIdFlag = descriptor & 3;
    if (!singleSegment) at += 1; // Window_Descriptor
    at += [0, 1, 2, 4][dictionaryIdFlag] as number;
    at += contentSizeFlag === 0 ? singleSegment : ([0, 2, 4, 8][contentSizeFlag] as number);
    for (let last = 0; !last; ) {
      const header = bytes.readUIntLE(at, 3);
      at += 3;
      last = header & 1;
      const type = (header >> 1) & 3;
      const size = header >>> 3;
      if (type === 3) throw new Error(`a reserved block type in the frame at byte ${start}`);
      at += type === 1 ? 1 : size;
    }
    if (checksum) at += 4;
    if (at > bytes.length) throw new Error(`the frame at byte ${start} is cut short`);
    frames.push(bytes.subarray(start, at));
  }
  return frames;
}

/** Every frame of `data` decompressed, in order: what zstd's own reader gives for the whole file. */
export function zstdDecompressAll(data: Uint8Array): Buffer {
  return Buffer.concat(zstdFrames(data).map((frame) => zstdDecompressSync(frame)));
}
