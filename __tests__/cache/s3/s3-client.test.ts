/**
 * The S3 client against moto's S3 server with signatures verified (__tests__/helpers/s3/moto.ts): every request it
 * makes must carry a valid SigV4 signature, and a wrong secret must be refused.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3Client, type S3ClientOptions, S3Error } from "../../../src/cache/s3/s3-client.js";
import { startFaultProxy } from "../../helpers/http/fault-proxy.js";
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

/** A client of the test bucket below `prefix`, through `endpoint` (moto itself, or a proxy in front of it). */
function client(
  secret = moto.secretAccessKey,
  options: S3ClientOptions = {},
  at: { prefix?: string; endpoint?: string } = {},
) {
  return new S3Client(
    {
      bucket: "cache",
      prefix: at.prefix ?? "ci/",
      region: "us-east-1",
      endpoint: new URL(at.endpoint ?? moto.endpoint),
    },
    () => ({ accessKeyId: moto.accessKeyId, secretAccessKey: secret }),
    options,
  );
}

/** Uploads `size` random bytes as `nar/<name>.nar.zst` from a file; returns the bytes. */
async function uploadRandom(s3: S3Client, name: string, size: number): Promise<Buffer> {
  const bytes = randomBytes(size);
  const file = path.join(scratch, `${name}-${size}`);
  writeFileSync(file, bytes);
  await s3.putFile(`nar/${name}.nar.zst`, file, size, { contentType: "application/x-nix-nar" }, NEVER);
  return bytes;
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
      const bytes = await uploadRandom(s3, name, size);
      expect((await s3.get(`nar/${name}.nar.zst`, NEVER, 64 * 2 ** 20))?.equals(bytes), name).toBe(true);
    }
  });

  it("a bad network: 429, 500 and a connection cut mid-upload are retried (each part on its own), and the object is whole", async () => {
    const proxy = await startFaultProxy(moto.endpoint);
    try {
      const quick = {
        attempts: 5,
        baseDelayMs: 50,
        maxDelayMs: 2000,
        requestTimeoutMs: 10_000,
        budgetMs: 60_000,
      };
      const s3 = client(
        moto.secretAccessKey,
        { policy: quick, multipartThreshold: 6 * 2 ** 20, partSize: 5 * 2 ** 20 },
        { prefix: "faults/", endpoint: proxy.origin },
      );
      proxy.plan = {
        match: (method, p) => method === "PUT" && p.includes("small"),
        faults: ["429", "500", "reset"],
      };
      const small = await uploadRandom(s3, "small", 4000);
      expect(proxy.injected.map((f) => f.fault)).toEqual(["429", "500", "reset"]);
      // The second part's upload is cut once; only it is sent again.
      proxy.plan = {
        match: (method, p) => method === "PUT" && p.includes("partNumber=2"),
        faults: ["reset"],
      };
      const big = await uploadRandom(s3, "big", 11 * 2 ** 20);
      expect(proxy.injected.filter((f) => f.path.includes("partNumber=2"))).toHaveLength(1);
      // Read back past the proxy, from moto itself.
      const direct = client(moto.secretAccessKey, {}, { prefix: "faults/" });
      expect((await direct.get("nar/small.nar.zst", NEVER))?.equals(small)).toBe(true);
      expect((await direct.get("nar/big.nar.zst", NEVER, 64 * 2 ** 20))?.equals(big)).toBe(true);
    } finally {
      await proxy.close();
    }
  });
});
