/**
 * A self-hosted runner that reaches its bucket only through a proxy: the S3 endpoint is https on a name that
 * resolves nowhere (s3.test), HTTPS_PROXY is a counting CONNECT proxy (__tests__/helpers/http/tunnels.ts) that
 * tunnels to s3rver's verifying front, and the job trusts the front's certificate through NODE_EXTRA_CA_CERTS.
 * Post's uploads and the read proxy's requests for Nix (a background process of setup) must both go through the
 * tunnel, with TLS checked end to end; Nix's own requests to the read proxy must not go to the job's proxy.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type ConnectProxy, makeCertificate, startConnectProxy } from "../helpers/http/tunnels.js";
import { generateKeyPair, type KeyPair } from "../helpers/nix/binary-cache.js";
import { type Closure, closurePaths, instantiateClosure, pushOnly } from "../helpers/nix/closures.js";
import { createNixEnv, type NixEnv } from "../helpers/nix/env.js";
import { deleteStorePaths, inStore } from "../helpers/nix/store.js";
import { removeTree } from "../helpers/remove-tree.js";
import { Job, messages, runAction, runShellStep, show } from "../helpers/runner.js";
import { startVerifiedS3rver, type VerifiedS3rver } from "../helpers/s3/s3rver.js";

let nix: NixEnv;
let keys: KeyPair;
let dir: string;
let server: VerifiedS3rver;
let proxy: ConnectProxy;
let certFile: string;
const jobs: Job[] = [];
const closures: Closure[] = [];

beforeAll(async () => {
  nix = createNixEnv();
  keys = await generateKeyPair(nix, "e2e-s3-proxy-1");
  dir = mkdtempSync(path.join(tmpdir(), "nbca-s3-proxy-"));
  const certificate = makeCertificate(dir, "s3.test");
  certFile = certificate.certFile;
  server = await startVerifiedS3rver(["nix-cache"], { tls: certificate });
  proxy = await startConnectProxy(server.port);
}, 60_000);
afterAll(async () => {
  for (const job of jobs) job.cleanup();
  await proxy?.close();
  await server?.stop();
  for (const closure of closures) await deleteStorePaths(nix, [...closurePaths(closure)].reverse());
  nix?.cleanup();
  if (dir) removeTree(dir);
});

function newJob(env: Readonly<Record<string, string>> = {}): Job {
  const job = new Job({
    env: {
      ...nix.env,
      AWS_ACCESS_KEY_ID: server.accessKeyId,
      AWS_SECRET_ACCESS_KEY: server.secretAccessKey,
      AWS_REGION: "us-east-1",
      HTTPS_PROXY: proxy.url,
      // As on many proxied runners, plain http has a proxy too; this one is down. curl (Nix) would send its
      // requests to the read server on 127.0.0.1 there, unless setup makes no_proxy name loopback.
      http_proxy: "http://127.0.0.1:9",
      HTTP_PROXY: "http://127.0.0.1:9",
      NO_PROXY: "",
      NODE_EXTRA_CA_CERTS: certFile,
      ...env,
    },
  });
  jobs.push(job);
  return job;
}

describe("an s3:// cache behind a CONNECT proxy", () => {
  test("post pushes through the tunnel; a later job's Nix substitutes through the read proxy, whose requests take the tunnel too", async () => {
    const closure = await instantiateClosure(nix, { count: 2, label: "s3-proxy" });
    closures.push(closure);
    const inputs = {
      cacheUrl: `s3://nix-cache/ci?endpoint=https://s3.test:${server.port}`,
      signingKey: keys.secretKey,
      pushFilter: pushOnly(closure),
    };
    const first = newJob();
    const setUp = await runAction(first, "main", { inputs });
    expect(setUp.exitCode, show(setUp)).toBe(0);
    expect(messages(setUp, "warning"), show(setUp)).toEqual([]);
    const build = await runShellStep(first, `nix-store -r ${closure.drvPaths.join(" ")}`);
    expect(build.exitCode, show(build)).toBe(0);
    const tunnelsBeforePost = proxy.tunnels.length;
    const pushed = await runAction(first, "post", { inputs });
    expect(pushed.exitCode, show(pushed)).toBe(0);
    expect(pushed.outputs.pushedPaths, show(pushed)).toBe("2");
    expect(proxy.tunnels.length).toBeGreaterThan(tunnelsBeforePost);
    const narPuts = server.passed.filter((r) => r.startsWith("PUT /nix-cache/ci/nar/"));
    expect(narPuts).toHaveLength(2);

    await deleteStorePaths(nix, [...closure.outPaths].reverse());
    const second = newJob();
    const main = await runAction(second, "main", { inputs });
    expect(main.exitCode, show(main)).toBe(0);
    expect(second.exportedEnv.no_proxy).toBe("127.0.0.1");
    const readsBefore = server.passed.length;
    const tunnelsBefore = proxy.tunnels.length;
    const realise = await runShellStep(second, `nix-store -r --max-jobs 0 ${closure.top}`);
    expect(realise.exitCode, show(realise)).toBe(0);
    expect(inStore(closure.top)).toBe(true);
    // Nix asked the read proxy on 127.0.0.1; the read proxy asked the bucket, through the tunnel.
    const reads = server.passed.slice(readsBefore);
    expect(reads.filter((r) => r.startsWith("GET /nix-cache/ci/nar/"))).toHaveLength(2);
    expect(proxy.tunnels.length).toBeGreaterThan(tunnelsBefore);
    for (const tunnel of proxy.tunnels) expect(tunnel).toBe(`s3.test:${server.port}`);
    const post = await runAction(second, "post", { inputs });
    expect(post.exitCode, show(post)).toBe(0);
    expect(second.trackedProcesses()).toEqual([]);
  }, 120_000);
});
