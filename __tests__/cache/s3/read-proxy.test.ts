/**
 * The S3 read proxy in front of moto's S3 server with signatures verified: real Nix (a fresh store, trusting only
 * the test key) substitutes a closure through it with the job's netrc credentials, and nothing else gets through.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createS3ReadProxy } from "../../../src/cache/s3/read-proxy.js";
import { S3Client } from "../../../src/cache/s3/s3-client.js";
import { RecordingLog } from "../../helpers/fakes/ports.js";
import {
  expectSubstitutes,
  generateKeyPair,
  type KeyPair,
  nixCopyTo,
} from "../../helpers/nix/binary-cache.js";
import { buildClosure, type Closure, closurePaths } from "../../helpers/nix/closures.js";
import { createNixEnv, type NixEnv } from "../../helpers/nix/env.js";
import { deleteStorePaths } from "../../helpers/nix/store.js";
import { removeTree } from "../../helpers/remove-tree.js";
import { type MotoServer, startMoto } from "../../helpers/s3/moto.js";

const NEVER = new AbortController().signal;
const AUTH = `Basic ${Buffer.from("nix:job-secret").toString("base64")}`;
let moto: MotoServer;
let nix: NixEnv;
let keys: KeyPair;
let closure: Closure;
let scratch: string;
let base: string;
let close: () => Promise<void>;
const log = new RecordingLog();

beforeAll(async () => {
  moto = await startMoto(["cache"]);
  scratch = mkdtempSync(path.join(tmpdir(), "nbca-s3-proxy-"));
  const netrc = path.join(scratch, "netrc");
  writeFileSync(netrc, "machine 127.0.0.1\nlogin nix\npassword job-secret\n", { mode: 0o600 });
  nix = createNixEnv({ extraConf: `netrc-file = ${netrc}` });
  keys = await generateKeyPair(nix, "s3-proxy-test-1");
  closure = await buildClosure(nix, { count: 2, label: "s3-proxy" });
  // The cache as Nix writes it, uploaded under a prefix of the bucket.
  const dir = path.join(scratch, "cache");
  await nixCopyTo(nix, `file://${dir}`, keys.secretKeyFile, [closure.top]);
  const s3 = new S3Client(
    { bucket: "cache", prefix: "ci/", region: "us-east-1", endpoint: new URL(moto.endpoint) },
    () => ({ accessKeyId: moto.accessKeyId, secretAccessKey: moto.secretAccessKey }),
  );
  for (const name of readdirSync(dir, { recursive: true }).map(String)) {
    const file = path.join(dir, name);
    if (statSync(file).isFile())
      await s3.putFile(name, file, statSync(file).size, { contentType: "application/octet-stream" }, NEVER);
  }
  const server = createS3ReadProxy({ client: s3, prefix: "/job", authorization: AUTH, log });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
}, 120_000);

afterAll(async () => {
  await close?.();
  await moto?.stop();
  if (closure) await deleteStorePaths(nix, [...closurePaths(closure)].reverse());
  nix?.cleanup();
  if (scratch) removeTree(scratch);
});

describe("the S3 read proxy", () => {
  it("a fresh store substitutes the closure through it, trusting only the key", async () => {
    await expectSubstitutes(nix, `${base}/job`, [closure.top], keys.publicKey);
    expect(log.of("warning")).toEqual([]);
  });

  it("answers only the job's credentials, under its prefix, for a binary cache's files", async () => {
    const info = readFileSync(path.join(scratch, "cache", "nix-cache-info"), "utf8");
    const get = (p: string, auth = AUTH, method = "GET") =>
      fetch(`${base}${p}`, { method, headers: { Authorization: auth } });
    expect(await (await get("/job/nix-cache-info")).text()).toBe(info);
    expect((await get("/job/nix-cache-info", "Basic bm9wZQ==")).status).toBe(401);
    expect((await get("/other/nix-cache-info")).status).toBe(404);
    expect((await get("/job/secrets.txt")).status).toBe(404);
    expect((await get("/job/../other-prefix/nix-cache-info")).status).toBe(404);
    expect((await get("/job/nix-cache-info", AUTH, "DELETE")).status).toBe(405);
    expect((await get("/job/00000000000000000000000000000000.narinfo")).status).toBe(404);
    expect((await get("/job/nix-cache-info", AUTH, "HEAD")).status).toBe(200);
  });
});
