// A file body must send exactly its byte range, every time it is opened (a retry opens it again).
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileBody } from "../../src/net/http-request.js";
import { testTempDir } from "../helpers/temp-dir.js";

async function read(body: ReturnType<typeof fileBody>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body.open()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("fileBody", () => {
  it("sends the whole file, or just the range asked for, and the same bytes when opened again", async () => {
    const file = join(await testTempDir("file-body-"), "nar");
    // More than one read of a megabyte, and not a multiple of it.
    const bytes = randomBytes(3 * 1024 * 1024 + 12345);
    await writeFile(file, bytes);

    const whole = fileBody(file, bytes.length);
    expect(whole.length).toBe(bytes.length);
    expect((await read(whole)).equals(bytes)).toBe(true);
    expect((await read(whole)).equals(bytes)).toBe(true);

    const start = 1024 * 1024 - 7;
    const part = fileBody(file, 2 * 1024 * 1024 + 11, start);
    expect((await read(part)).equals(bytes.subarray(start, start + 2 * 1024 * 1024 + 11))).toBe(true);
    expect((await read(fileBody(file, 1, bytes.length - 1))).equals(bytes.subarray(-1))).toBe(true);
    // An empty range is empty (createReadStream's inclusive `end` cannot say so).
    expect((await read(fileBody(file, 0, 5))).length).toBe(0);
  });
});
