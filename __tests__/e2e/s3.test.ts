/**
 * An S3 bucket as the cache, as the runner runs the action, on two servers that check every request's signature:
 * moto's S3 server with IAM authentication on (__tests__/helpers/s3/moto.ts), with a static key, and s3rver behind
 * a front that verifies SigV4 with the AWS SDK's signer (__tests__/helpers/s3/s3rver.ts), with session keys and a
 * token as aws-actions/configure-aws-credentials exports them after OIDC. The job's AWS credentials are in its
 * environment; real Nix reads the bucket through the read proxy setup starts; post pushes to it.
 */
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MULTIPART_THRESHOLD } from "../../src/cache/s3/s3-client.js";
import { generateKeyPair, type KeyPair } from "../helpers/nix/binary-cache.js";
import { type Closure, closurePaths, instantiateClosure, pushOnly } from "../helpers/nix/closures.js";
import { createNixEnv, type NixEnv } from "../helpers/nix/env.js";
import { deleteStorePaths, inStore } from "../helpers/nix/store.js";
import { Job, messages, runAction, runShellStep, show } from "../helpers/runner.js";
import { startMoto } from "../helpers/s3/moto.js";
import { startVerifiedS3rver } from "../helpers/s3/s3rver.js";

interface S3TestServer {
  readonly endpoint: string;
  /** The job's AWS environment. */
  readonly awsEnv: Readonly<Record<string, string>>;
  /** The secret in it, which must never show. */
  readonly secret: string;
  /** What else in it must never show: the session token. */
  readonly token?: string;
  /** Requests the server took, where it tells (s3rver's front). */
  readonly passed?: readonly string[];
  stop(): Promise<void>;
}

const SERVERS = [
  {
    name: "moto, a static key",
    start: async (): Promise<S3TestServer> => {
      const moto = await startMoto(["nix-cache"]);
      return {
        endpoint: moto.endpoint,
        awsEnv: { AWS_ACCESS_KEY_ID: moto.accessKeyId, AWS_SECRET_ACCESS_KEY: moto.secretAccessKey },
        secret: moto.secretAccessKey,
        stop: () => moto.stop(),
      };
    },
    bigMiB: 0,
  },
  {
    name: "s3rver behind a verifying front, session keys, a NAR in parts",
    start: async (): Promise<S3TestServer> => {
      const s3rver = await startVerifiedS3rver(["nix-cache"]);
      const { accessKeyId, secretAccessKey, sessionToken } = s3rver.session;
      return {
        endpoint: s3rver.endpoint,
        awsEnv: {
          AWS_ACCESS_KEY_ID: accessKeyId,
          AWS_SECRET_ACCESS_KEY: secretAccessKey,
          AWS_SESSION_TOKEN: sessionToken,
        },
        secret: secretAccessKey,
        token: sessionToken,
        passed: s3rver.passed,
        stop: () => s3rver.stop(),
      };
    },
    // Incompressible, so its NAR stays above the threshold after zstd.
    bigMiB: Math.ceil(MULTIPART_THRESHOLD / 2 ** 20) + 4,
  },
];

let nix: NixEnv;
let keys: KeyPair;
const jobs: Job[] = [];
const closures: Closure[] = [];

beforeAll(async () => {
  nix = createNixEnv();
  keys = await generateKeyPair(nix, "e2e-s3-1");
}, 60_000);
afterAll(async () => {
  for (const job of jobs) job.cleanup();
  for (const closure of closures) await deleteStorePaths(nix, [...closurePaths(closure)].reverse());
  nix?.cleanup();
});

/** Files below `dir` whose bytes hold `secret`. */
function filesHolding(dir: string, secret: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((name) => path.join(dir, String(name)))
    .filter((file) => lstatSync(file).isFile() && readFileSync(file).includes(secret));
}

describe.each(SERVERS)("an s3:// cache on $name", ({ start, bigMiB }) => {
  let server: S3TestServer;
  beforeAll(async () => {
    server = await start();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  function newJob(env: Readonly<Record<string, string>> = {}): Job {
    const job = new Job({
      env: { ...nix.env, ...server.awsEnv, AWS_REGION: "us-east-1", ...env },
    });
    jobs.push(job);
    return job;
  }

  test("job 1 pushes to the bucket; job 2, its paths gone, substitutes them through the read proxy; no process left", async () => {
    const closure = await instantiateClosure(nix, { count: 2, label: "s3", bigMiB });
    closures.push(closure);
    const inputs = {
      cacheUrl: `s3://nix-cache/ci?endpoint=${server.endpoint}`,
      signingKey: keys.secretKey,
      pushFilter: pushOnly(closure),
    };
    const first = newJob();
    expect((await runAction(first, "main", { inputs })).exitCode).toBe(0);
    const build = await runShellStep(first, `nix-store -r ${closure.drvPaths.join(" ")}`);
    expect(build.exitCode, show(build)).toBe(0);
    const pushed = await runAction(first, "post", { inputs });
    expect(pushed.exitCode, show(pushed)).toBe(0);
    expect(pushed.outputs.pushedPaths, show(pushed)).toBe("2");
    expect(first.trackedProcesses()).toEqual([]);
    if (bigMiB > 0) {
      const parts = server.passed?.filter(
        (r) => r.startsWith("PUT /nix-cache/ci/nar/") && r.includes("partNumber="),
      );
      expect(parts?.length, "the big NAR went up in parts").toBeGreaterThanOrEqual(2);
    }

    await deleteStorePaths(nix, [...closure.outPaths].reverse());
    expect(inStore(closure.top)).toBe(false);
    const second = newJob();
    const main = await runAction(second, "main", { inputs });
    expect(main.exitCode, show(main)).toBe(0);
    const proxy = main.outputs.substituter ?? "";
    expect(proxy).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{16}$/);
    const realise = await runShellStep(second, `nix-store -r --max-jobs 0 ${closure.top}`);
    expect(realise.exitCode, show(realise)).toBe(0);
    expect(realise.stderr).toContain(`copying path '${closure.top}' from '${proxy}'`);
    const post = await runAction(second, "post", { inputs });
    expect(post.exitCode, show(post)).toBe(0);
    expect(second.trackedProcesses()).toEqual([]);
    // The secret shows only as the runner sees it: masked (the steps registered it with ::add-mask::).
    for (const secret of [server.secret, server.token ?? server.secret]) {
      for (const step of [main, post, pushed]) {
        expect(step.maskedLog).not.toContain(secret);
        expect(step.summary).not.toContain(secret);
      }
      expect(`${realise.stdout}${realise.stderr}`).not.toContain(secret);
      // Nor in anything the jobs kept: state for post, exported variables, files under the job's directories.
      for (const job of [first, second]) {
        expect(JSON.stringify([job.state, job.exportedEnv])).not.toContain(secret);
        expect(filesHolding(job.root, secret)).toEqual([]);
      }
    }
  }, 180_000);

  test("a wrong secret: setup warns naming where the credentials came from, never the secret; the build goes on", async () => {
    const wrong = "definitely-not-the-secret-key";
    const job = newJob({ AWS_SECRET_ACCESS_KEY: wrong });
    const inputs = { cacheUrl: `s3://nix-cache/ci?endpoint=${server.endpoint}`, signingKey: keys.secretKey };
    const main = await runAction(job, "main", { inputs });
    expect(main.exitCode, show(main)).toBe(0);
    const [warning, ...more] = messages(main, "warning");
    expect(more).toEqual([]);
    expect(warning).toMatch(
      /s3:\/\/nix-cache\/ci refused the AWS credentials from the environment: the secret does not belong to the key \(SignatureDoesNotMatch\)/,
    );
    // Registered as a secret, so the runner would mask it wherever it appeared; it appears nowhere else.
    expect(main.stdout).toContain(`::add-mask::${wrong}`);
    expect(main.maskedLog).not.toContain(wrong);
    expect(
      main.stdout
        .split("\n")
        .filter((line) => !line.startsWith("::add-mask::"))
        .join("\n"),
    ).not.toContain(wrong);
    const post = await runAction(job, "post", { inputs });
    expect(post.exitCode, show(post)).toBe(0);

    // Asked to be strict, setup fails with the same words, still without the secret.
    const strictJob = newJob({ AWS_SECRET_ACCESS_KEY: wrong });
    const strict = await runAction(strictJob, "main", { inputs: { ...inputs, strict: "true" } });
    expect(strict.exitCode, show(strict)).toBe(1);
    expect(messages(strict, "error").join("\n")).toMatch(/refused the AWS credentials from the environment/);
    expect(strict.maskedLog).not.toContain(wrong);
  }, 60_000);

  test("credentials that stop working during the job (an expired session): post says so once, not once per path", async () => {
    const closure = await instantiateClosure(nix, { count: 3, label: "s3-expired" });
    closures.push(closure);
    const inputs = {
      cacheUrl: `s3://nix-cache/expired?endpoint=${server.endpoint}`,
      signingKey: keys.secretKey,
      pushFilter: pushOnly(closure),
      pushWhileBuilding: "false",
    };
    const job = newJob();
    expect((await runAction(job, "main", { inputs })).exitCode).toBe(0);
    const build = await runShellStep(job, `nix-store -r ${closure.drvPaths.join(" ")}`);
    expect(build.exitCode, show(build)).toBe(0);
    const post = await runAction(job, "post", { inputs, env: { AWS_SECRET_ACCESS_KEY: "no-longer-valid" } });
    expect(post.exitCode, show(post)).toBe(0);
    const found = messages(post, "warning");
    expect(found, show(post)).toHaveLength(1);
    expect(found[0], post.stdout).toMatch(/refused the AWS credentials from the environment/);
    expect(post.outputs.pushedPaths).toBe("0");
    expect(job.trackedProcesses()).toEqual([]);
  }, 60_000);
});
