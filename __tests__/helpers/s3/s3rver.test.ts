/**
 * The verifying front of __tests__/helpers/s3/s3rver.ts is only worth its tests if it refuses what S3 refuses and
 * takes what S3 takes: a well-kept client (the AWS SDK's) gets through, and so do our client's requests; a wrong
 * secret with the right key id, a changed payload, a missing session token and an unsigned request do not.
 */
import { createHash } from "node:crypto";
import { GetObjectCommand, PutObjectCommand, S3Client as SdkS3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3Client } from "../../../src/cache/s3/s3-client.js";
import { signRequest } from "../../../src/lib/sigv4.js";
import { sendRequest } from "../../../src/net/http-request.js";
import { type S3Key, startVerifiedS3rver, type VerifiedS3rver } from "./s3rver.js";

const NEVER = new AbortController().signal;
let server: VerifiedS3rver;

beforeAll(async () => {
  server = await startVerifiedS3rver(["bucket"], { region: "eu-west-1" });
});
afterAll(async () => {
  await server?.stop();
});

function sdk(key: S3Key): SdkS3Client {
  return new SdkS3Client({
    endpoint: server.endpoint,
    region: "eu-west-1",
    forcePathStyle: true,
    credentials: key,
    maxAttempts: 1,
  });
}

function ours(key: S3Key, prefix = "ours/"): S3Client {
  return new S3Client(
    { bucket: "bucket", prefix, region: "eu-west-1", endpoint: new URL(server.endpoint) },
    () => key,
    { policy: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, requestTimeoutMs: 5000, budgetMs: 1000 } },
  );
}

describe("s3rver behind the verifying front", () => {
  it("takes the AWS SDK's requests, with static and with session keys, and s3rver stores the bytes", async () => {
    for (const key of [server, server.session]) {
      const client = sdk(key);
      const Key = `sdk/${key.accessKeyId}/a b+c=d.narinfo`;
      await client.send(new PutObjectCommand({ Bucket: "bucket", Key, Body: "StorePath: x\n" }));
      const got = await client.send(new GetObjectCommand({ Bucket: "bucket", Key }));
      expect(await got.Body?.transformToString()).toBe("StorePath: x\n");
    }
  });

  it("takes our client's requests: a put, a listing below a prefix with '/', a get", async () => {
    const client = ours(server.session, "ci/x/");
    await client.put("nix-cache-info", "StoreDir: /nix/store\n", "text/x-nix-cache-info", NEVER);
    expect((await client.list(NEVER)).map((o) => o.key)).toEqual(["nix-cache-info"]);
    expect((await client.get("nix-cache-info", NEVER))?.toString()).toBe("StoreDir: /nix/store\n");
  });

  it("refuses a wrong secret sent with the right key id, from either client, and stores nothing", async () => {
    const wrong = { accessKeyId: server.accessKeyId, secretAccessKey: "not-the-secret" };
    await expect(
      sdk(wrong).send(new PutObjectCommand({ Bucket: "bucket", Key: "refused", Body: "x" })),
    ).rejects.toMatchObject({ name: "SignatureDoesNotMatch" });
    await expect(ours(wrong).put("refused", "x", "text/plain", NEVER)).rejects.toMatchObject({
      status: 403,
      code: "SignatureDoesNotMatch",
    });
    expect(await ours(server).exists("refused", NEVER)).toBe(false);
    expect(await ours(server, "").exists("refused", NEVER)).toBe(false);
  });

  it("refuses a request signed for another region, one with an x-amz-* header it did not sign, and one that leaves the host unsigned", async () => {
    const other = new S3Client(
      { bucket: "bucket", prefix: "ours/", region: "us-west-2", endpoint: new URL(server.endpoint) },
      () => server,
      { policy: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, requestTimeoutMs: 5000, budgetMs: 1000 } },
    );
    await expect(other.put("refused", "x", "text/plain", NEVER)).rejects.toMatchObject({
      code: "AuthorizationHeaderMalformed",
    });
    const url = ours(server).url("refused");
    const payloadHash = createHash("sha256").update("x").digest("hex");
    const sign = (headers: Record<string, string>) =>
      signRequest(
        { method: "PUT", url, headers, payloadHash },
        server,
        { region: "eu-west-1", service: "s3" },
        new Date(),
      );
    const extra = { ...sign({ "Content-Length": "1" }), "x-amz-meta-added": "after signing" };
    const withExtra = await sendRequest(
      { method: "PUT", url, headers: extra, body: "x" },
      { timeoutMs: 5000 },
    );
    expect(withExtra.body.toString()).toContain("<Code>AccessDenied</Code>");
    const signed = sign({ "Content-Length": "1" });
    const hostless = {
      ...signed,
      authorization: String(signed.authorization).replace(/(SignedHeaders=[^,]*?)host;/, "$1"),
    };
    const withoutHost = await sendRequest(
      { method: "PUT", url, headers: hostless, body: "x" },
      { timeoutMs: 5000 },
    );
    expect(withoutHost.status).toBe(403);
    expect(await ours(server).exists("refused", NEVER)).toBe(false);
  });

  it("refuses a session key without its token, an unknown key id, and a request with no signature", async () => {
    const { sessionToken: _, ...tokenless } = server.session;
    await expect(ours(tokenless).put("refused", "x", "text/plain", NEVER)).rejects.toMatchObject({
      code: "InvalidToken",
    });
    await expect(
      ours({ accessKeyId: "AKIAUNKNOWN", secretAccessKey: "x" }).put("refused", "x", "text/plain", NEVER),
    ).rejects.toMatchObject({ code: "InvalidAccessKeyId" });
    const unsigned = await sendRequest(
      { method: "GET", url: new URL(`${server.endpoint}/bucket/ours/refused`) },
      { timeoutMs: 5000 },
    );
    expect(unsigned.status).toBe(403);
    expect(unsigned.body.toString()).toContain("<Code>AccessDenied</Code>");
  });

  it("refuses a body that is not the one signed", async () => {
    const client = ours(server);
    const url = client.url("tampered");
    // Signed for one body, sent with another: a request replayed with a changed payload.
    const headers = signRequest(
      {
        method: "PUT",
        url,
        headers: { "Content-Length": "5" },
        payloadHash: createHash("sha256").update("hello").digest("hex"),
      },
      server,
      { region: "eu-west-1", service: "s3" },
      new Date(),
    );
    const answer = await sendRequest({ method: "PUT", url, headers, body: "HELLO" }, { timeoutMs: 5000 });
    expect(answer.status).toBe(403);
    expect(answer.body.toString()).toContain("<Code>XAmzContentSHA256Mismatch</Code>");
    expect(await client.exists("tampered", NEVER)).toBe(false);
  });
});
