/**
 * The S3 client against moto's S3 server with signatures verified (__tests__/helpers/s3/moto.ts): every request it
 * makes must carry a valid SigV4 signature, and a wrong secret must be refused.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3Client, S3Error } from "../../../src/cache/s3/s3-client.js";
import { removeTree } from "../../helpers/remove-tree.js";
import { type MotoServer, startMoto } from "../../helpers/s3/moto.js";

const NEVER = new AbortController().signal;
let moto: MotoServer;
let scratch: string;

beforeAll(async () => {
  moto = await startMoto(["cache"]);
  scratch = mkdtempSync(path.join(tmpdir(), "nbca-s3-"));
}, 60_000);
afterAll(async () => {
  await moto?.stop();
  if (scratch) removeTree(scratch);
});

function client(secret = moto.secretAccessKey, options = {}) {
  return new S3Client(
    { bucket: "cache", prefix: "ci/", region: "us-east-1", endpoint: new URL(moto.endpoint) },
    () => ({ accessKeyId: moto.accessKeyId, secretAccessKey: secret }),
    options,
  );
}

describe("the S3 client", () => {
  it("puts, finds and gets objects below its prefix, path-style on a custom endpoint", async () => {
    const s3 = client();
    expect(s3.url("nar/x.nar.zst").href).toBe(`${moto.endpoint}/cache/ci/nar/x.nar.zst`);
    expect(await s3.exists("nix-cache-info", NEVER)).toBe(false);
    await s3.put("nix-cache-info", "StoreDir: /nix/store\n", "text/x-nix-cache-info", NEVER);
    expect(await s3.exists("nix-cache-info", NEVER)).toBe(true);
    expect((await s3.get("nix-cache-info", NEVER))?.toString()).toBe("StoreDir: /nix/store\n");
    expect(await s3.get("missing.narinfo", NEVER)).toBeUndefined();
  });

  it("a wrong secret is refused with S3's code, and nothing is written", async () => {
    const wrong = client("not-the-secret", {
      policy: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, requestTimeoutMs: 5000, budgetMs: 1000 },
    });
    const refused = wrong.put("refused.narinfo", "x", "text/x-nix-narinfo", NEVER);
    await expect(refused).rejects.toBeInstanceOf(S3Error);
    await expect(refused).rejects.toMatchObject({ status: 403, code: "SignatureDoesNotMatch" });
    expect(await client().exists("refused.narinfo", NEVER)).toBe(false);
  });

  it("a file goes up in one PUT below the threshold, in parts above it, and comes back byte for byte", async () => {
    const s3 = client(moto.secretAccessKey, { multipartThreshold: 6 * 2 ** 20, partSize: 5 * 2 ** 20 });
    for (const [name, size] of [
      ["small", 1000],
      ["parts", 11 * 2 ** 20 + 5],
    ] as const) {
      const bytes = randomBytes(size);
      const file = path.join(scratch, name);
      writeFileSync(file, bytes);
      await s3.putFile(`nar/${name}.nar.zst`, file, size, { contentType: "application/x-nix-nar" }, NEVER);
      expect((await s3.get(`nar/${name}.nar.zst`, NEVER, 64 * 2 ** 20))?.equals(bytes), name).toBe(true);
    }
  });
});
