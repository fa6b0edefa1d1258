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
/** Retries as in the action, with short waits. */
const QUICK = { attempts: 5, baseDelayMs: 50, maxDelayMs: 2000, requestTimeoutMs: 10_000, budgetMs: 60_000 };
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
      const s3 = client(
        moto.secretAccessKey,
        { policy: QUICK, multipartThreshold: 6 * 2 ** 20, partSize: 5 * 2 ** 20 },
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

  it("a completion whose answer is lost: the retry that finds the upload gone (NoSuchUpload) takes the object there", async () => {
    const proxy = await startFaultProxy(moto.endpoint);
    try {
      const s3 = client(
        moto.secretAccessKey,
        { policy: QUICK, multipartThreshold: 6 * 2 ** 20, partSize: 5 * 2 ** 20 },
        { prefix: "lost/", endpoint: proxy.origin },
      );
      const answers: number[] = [];
      proxy.plan = {
        match: (method, p) => method === "POST" && p.includes("uploadId="),
        // moto completes a completed upload again; S3 answers NoSuchUpload (its API reference), so the proxy does.
        faults: ["lost", "nosuchupload"],
        onUpstreamAnswer: (method, p, status) => {
          if (method === "POST" && p.includes("uploadId=")) answers.push(status);
        },
      };
      const bytes = await uploadRandom(s3, "lost", 11 * 2 ** 20);
      expect(proxy.injected.map((f) => f.fault)).toEqual(["lost", "nosuchupload"]);
      expect(answers).toEqual([200]);
      const direct = client(moto.secretAccessKey, {}, { prefix: "lost/" });
      expect((await direct.get("nar/lost.nar.zst", NEVER, 64 * 2 ** 20))?.equals(bytes)).toBe(true);
      // A completion refused for another reason still fails.
      proxy.plan = {
        match: (method, p) => method === "POST" && p.includes("uploadId="),
        faults: ["nosuchupload"],
      };
      await expect(uploadRandom(s3, "never-completed", 11 * 2 ** 20)).rejects.toMatchObject({
        code: "NoSuchUpload",
      });
    } finally {
      await proxy.close();
    }
  });

  it("slow-down answers (S3's 503 SlowDown, B2's 429 on a multipart upload) are waited out", async () => {
    const proxy = await startFaultProxy(moto.endpoint);
    try {
      const s3 = client(
        moto.secretAccessKey,
        { policy: QUICK, multipartThreshold: 6 * 2 ** 20, partSize: 5 * 2 ** 20 },
        { prefix: "slowdown/", endpoint: proxy.origin },
      );
      proxy.plan = {
        match: (method, p) => (method === "PUT" && p.includes("one")) || p.includes("many"),
        faults: ["slowdown", "slowdown"],
      };
      const one = await uploadRandom(s3, "one", 4000);
      expect(proxy.injected.map((f) => f.fault)).toEqual(["slowdown", "slowdown"]);
      proxy.plan = {
        // B2: 429 for the upload's creation, for a part and for the completion; then S3's SlowDown for each.
        match: (method, p) =>
          (method === "POST" && p.includes("uploads")) ||
          (method === "PUT" && p.includes("partNumber=2")) ||
          (method === "POST" && p.includes("uploadId=")),
        faults: ["429", "slowdown"],
      };
      const many = await uploadRandom(s3, "many", 11 * 2 ** 20);
      expect(proxy.injected.slice(2).map((f) => `${f.method} ${f.fault}`)).toEqual([
        "POST 429",
        "POST slowdown",
        "PUT 429",
        "PUT slowdown",
        "POST 429",
        "POST slowdown",
      ]);
      const direct = client(moto.secretAccessKey, {}, { prefix: "slowdown/" });
      for (const [name, bytes] of [
        ["one", one],
        ["many", many],
      ] as const) {
        expect((await direct.get(`nar/${name}.nar.zst`, NEVER, 64 * 2 ** 20))?.equals(bytes), name).toBe(
          true,
        );
      }
    } finally {
      await proxy.close();
    }
  });
});
