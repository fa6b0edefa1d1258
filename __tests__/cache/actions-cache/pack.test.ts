import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PackBuilder } from "../../../src/cache/actions-cache/pack.js";
import { removeTree } from "../../helpers/remove-tree.js";

const dir = mkdtempSync(path.join(tmpdir(), "nbca-pack-"));
afterAll(() => removeTree(dir));

const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest();

async function bytesOf(pack: PackBuilder, start: number, length: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of pack.body().part(start, length).open()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("a pack", () => {
  it("is its NARs one after the other, from their files and the spill file, read in any part", async () => {
    const a = randomBytes(3000);
    const b = randomBytes(5000);
    const c = randomBytes(700);
    writeFileSync(path.join(dir, "a"), a);
    writeFileSync(path.join(dir, "c"), c);
    const pack = new PackBuilder(path.join(dir, "spill"));
    expect(pack.addFile(path.join(dir, "a"), a.length, sha(a))).toBe(0);
    expect(pack.addBytes(b, sha(b))).toBe(3000);
    expect(pack.addFile(path.join(dir, "c"), c.length, sha(c))).toBe(8000);
    const all = Buffer.concat([a, b, c]);
    expect(pack.size).toBe(all.length);
    expect(await bytesOf(pack, 0, all.length)).toEqual(all);
    // Parts that cross segment boundaries, as blocks of an upload do.
    for (const [start, length] of [
      [2500, 1000],
      [2999, 5002],
      [0, 1],
      [8699, 1],
    ] as const) {
      expect(await bytesOf(pack, start, length)).toEqual(all.subarray(start, start + length));
    }
    pack.discard();
  });

  it("is named by its NARs' FileHashes in order: the same NARs, the same name; another order, another", () => {
    const [x, y] = [randomBytes(10), randomBytes(10)];
    const named = (...parts: Buffer[]) => {
      const pack = new PackBuilder(path.join(dir, "unused"));
      for (const part of parts) pack.addBytes(part, sha(part));
      pack.discard();
      return pack.name();
    };
    expect(named(x, y)).toBe(named(x, y));
    expect(named(x, y)).not.toBe(named(y, x));
    expect(named(x, y)).toBe(createHash("sha256").update(sha(x)).update(sha(y)).digest("hex"));
  });
});
