// The test helpers' multi-frame zstd reader, judged by the zstd command line (Debian's zstd).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { constants, zstdCompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { zstdDecompressAll, zstdFrames } from "./zstd.js";

const cli = (args: string[], input: Uint8Array) => execFileSync("zstd", args, { input, maxBuffer: 1 << 28 });

describe("zstdFrames", () => {
  it("finds each frame the zstd command line counts, with and without checksums and sizes, and skippable ones", () => {
    const parts = [
      randomBytes(100_000),
      Buffer.alloc(300_000, 7),
      Buffer.from("small text ".repeat(1000)),
      Buffer.alloc(0),
    ];
    const frames = [
      cli(["-q", "-c", "--no-check"], parts[0] as Buffer),
      cli(["-q", "-c", "-19", "--check"], parts[1] as Buffer),
      zstdCompressSync(parts[2] as Buffer, { params: { [constants.ZSTD_c_contentSizeFlag]: 0 } }),
      zstdCompressSync(parts[3] as Buffer, { pledgedSrcSize: 0 }),
    ];
    const skippable = Buffer.concat([Buffer.from([0x5a, 0x2a, 0x4d, 0x18, 3, 0, 0, 0]), Buffer.from("abc")]);
    const file = Buffer.concat([frames[0] as Buffer, skippable, ...frames.slice(1)]);
    expect(zstdFrames(file).map((frame) => Buffer.from(frame))).toEqual(frames);
    expect(zstdDecompressAll(file).equals(Buffer.concat(parts))).toBe(true);
    expect(zstdDecompressAll(file).equals(cli(["-q", "-d", "-c"], file))).toBe(true);
  });

  it("refuses what is not whole frames", () => {
    const frame = cli(["-q", "-c"], randomBytes(5000));
    expect(() => zstdFrames(frame.subarray(0, frame.length - 10))).toThrow(/cut short/);
    expect(() => zstdFrames(Buffer.concat([frame, Buffer.from("junk")]))).toThrow(/no zstd frame/);
  });
});
