/**
 * Acceptance tests for Cachix caches (`name:`): the bundles run as the runner runs them, against the Cachix
 * stand-in (written from the API reference and proven strict in __tests__/helpers/stand-ins/cachix-server.test.ts)
 * and this machine's real Nix. Nix judges every push: a fresh store substitutes from the cache's URI, trusting only
 * the keys from the cache info; private caches are read through the netrc that setup wrote.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import nacl from "tweetnacl";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hashPartOf as hashPart } from "../../src/lib/store-path.js";
import { type Closure, closurePaths, instantiateClosure, realiseClosure } from "../helpers/nix/closures.js";
import { createNixEnv, type NixEnv, run } from "../helpers/nix/env.js";
import { deleteStorePaths, freshStore } from "../helpers/nix/store.js";
import { removeTree } from "../helpers/remove-tree.js";
import {
  Job,
  type JobOptions,
  messages,
  runAction,
  runShellStep,
  type StepResult,
  show,
  stepEnv,
} from "../helpers/runner.js";
import { type CachixStandIn, startCachixStandIn } from "../helpers/stand-ins/cachix-server.js";

const WRITE_TOKEN = "ci-write-token-8c41d2";
const READ_TOKEN = "ci-read-token-0b7f33";
const publicKey = nacl.sign.keyPair();
const privateKey = nacl.sign.keyPair();
/** Cachix's form of a secret key: bare base64 of the 64 bytes. */
const bare = (pair: nacl.SignKeyPair) => Buffer.from(pair.secretKey).toString("base64");
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

let server: CachixStandIn;
let nix: NixEnv;
let scratch: string;
const jobs: Job[] = [];
const built: Closure[] = [];

beforeAll(async () => {
  nix = createNixEnv();
  scratch = mkdtempSync(path.join(tmpdir(), "nbca-cachix-e2e-"));
  server = await startCachixStandIn({
    caches: [
      { name: "e2e-public", isPublic: true, signing: "self", publicKey: b64(publicKey.publicKey) },
      { name: "e2e-private", isPublic: false, signing: "self", publicKey: b64(privateKey.publicKey) },
      { name: "e2e-managed", isPublic: true, signing: "managed" },
      { name: "e2e-faults", isPublic: true, signing: "self", publicKey: b64(publicKey.publicKey) },
    ],
    tokens: [
      {
        token: WRITE_TOKEN,
        grants: {
          "e2e-public": "Write",
          "e2e-private": "Write",
          "e2e-managed": "Write",
          "e2e-faults": "Write",
        },
      },
      { token: READ_TOKEN, grants: { "e2e-private": "Read" } },
    ],
  });
});

afterAll(async () => {
  for (const job of jobs) job.cleanup();
  await server?.stop();
  if (nix) await deleteStorePaths(nix, closurePaths(...built));
  nix?.cleanup();
  if (scratch) removeTree(scratch);
});

/** A job on a fresh runner: its own Nix narinfo cache too, as a new machine has. */
function newJob(options: JobOptions = {}): Job {
  const cacheHome = mkdtempSync(path.join(scratch, "xdg-"));
  const job = new Job({ ...options, env: { ...nix.env, XDG_CACHE_HOME: cacheHome, ...(options.env ?? {}) } });
  jobs.push(job);
  return job;
}

async function instantiate(label: string, count = 2, selfReference = false): Promise<Closure> {
  const closure = await instantiateClosure(nix, { count, label: `cachix-${label}`, selfReference });
  built.push(closure);
  return closure;
}

/** The hash parts the stand-in cache serves narinfos for, of these paths. */
function servedOf(cache: string, paths: readonly string[]): string[] {
  const narinfos = server.cache(cache).narinfos;
  return paths.map(hashPart).filter((hash) => narinfos.has(hash));
}

/** main, the build (or any later steps), post: one job. */
async function jobRun(
  inputs: Record<string, string>,
  between: (job: Job) => Promise<void>,
  options: JobOptions = {},
): Promise<{ job: Job; main: StepResult; post: StepResult }> {
  const job = newJob(options);
  const main = await runAction(job, "main", { inputs });
  expect(main.exitCode, show(main)).toBe(0);
  await between(job);
  const post = await runAction(job, "post", { inputs });
  return { job, main, post };
}

const build = (job: Job, closure: Closure) => realiseClosure(closure, stepEnv(job));

/**
 * A fresh store realises `paths` from the cache's URI, trusting exactly its published keys (and netrc if given), and
 * re-hashes what it got.
 */
async function substitutes(cache: string, paths: readonly string[], netrcFile?: string) {
  const store = freshStore();
  try {
    const options = [
      ...["--option", "substituters", server.cache(cache).uri],
      ...["--option", "trusted-public-keys", server.cache(cache).publicSigningKeys.join(" ")],
      ...(netrcFile === undefined ? [] : ["--option", "netrc-file", netrcFile]),
    ];
    const env = { ...nix.env, XDG_CACHE_HOME: mkdtempSync(path.join(scratch, "xdg-")) };
    const result = await run(
      "nix-store",
      ["--store", store.dir, "-r", ...paths, "--max-jobs", "0", ...options],
      env,
    );
    if (result.exitCode !== 0 || !paths.every((p) => store.has(p)))
      return { ok: false, stderr: result.stderr };
    // Substituted is not enough: every path must hash to the NarHash it was registered with.
    const verify = await run("nix-store", ["--store", store.dir, "--verify", "--check-contents"], env);
    return { ok: verify.exitCode === 0, stderr: verify.stderr };
  } finally {
    store.cleanup();
  }
}

describe("a public cache with a self-generated key", () => {
  const inputs = () => ({
    name: "e2e-public",
    cachixHost: server.url,
    authToken: WRITE_TOKEN,
    signingKey: bare(publicKey),
    // cachix-action inputs this action does not need: old workflows must run unchanged.
    useDaemon: "true",
    cachixArgs: "-j8",
  });
  let closure: Closure;
  let main: StepResult;
  let post: StepResult;
  beforeAll(async () => {
    closure = await instantiate("public", 3, true);
    ({ main, post } = await jobRun(inputs(), (job) => build(job, closure)));
  });

  test("post pushes the paths new since setup; the cache serves them signed with its key; Nix substitutes them", async () => {
    expect(post.exitCode, show(post)).toBe(0);
    expect(main.outputs.substituter).toBe(server.cache("e2e-public").uri);
    expect(main.outputs.publicKey).toBe(server.cache("e2e-public").publicSigningKeys[0]);
    expect(servedOf("e2e-public", closure.outPaths)).toEqual(closure.outPaths.map(hashPart));
    // At least ours: other test runs may build in the shared store at the same time.
    expect(Number(post.outputs.pushedPaths)).toBeGreaterThanOrEqual(closure.outPaths.length);
    const served = server.cache("e2e-public").narinfos.get(hashPart(closure.top)) ?? "";
    expect(served).toMatch(/^Deriver: [0-9a-z]{32}-nbca-cachix-public-2\.drv$/m);
    expect(served).toMatch(new RegExp(`^References: .*${path.basename(closure.top)}`, "m"));
    const result = await substitutes("e2e-public", [closure.top]);
    expect(result.ok, result.stderr).toBe(true);
  });

  test("secrets are masked and never logged", () => {
    for (const step of [main, post]) {
      expect(step.masks).toEqual(expect.arrayContaining([WRITE_TOKEN, bare(publicKey)]));
      expect(step.maskedLog).not.toContain(WRITE_TOKEN);
      expect(step.maskedLog).not.toContain(bare(publicKey));
    }
  });

  test("a later job reads the pushed paths through setup's substituter and pushes nothing again", async () => {
    await deleteStorePaths(nix, [...closure.outPaths].reverse());
    const completes = server.record.accepted.length;
    const { post: again } = await jobRun({ ...inputs(), pathsToPush: closure.top }, async (job) => {
      const realise = await runShellStep(job, `nix-store -r --max-jobs 0 ${closure.top}`);
      expect(realise.exitCode, show(realise)).toBe(0);
    });
    expect(again.exitCode, show(again)).toBe(0);
    expect(again.outputs.pushedPaths).toBe("0");
    expect(again.outputs.skippedPaths).toBe(String(closure.outPaths.length));
    expect(server.record.accepted.length).toBe(completes);
  });

  test("only what is missing is uploaded: one batched query, then the new path alone", async () => {
    const more = await instantiate("public-more", 1);
    const before = server.requests.length;
    const { post: next } = await jobRun({ ...inputs(), pathsToPush: `${more.top} ${closure.top}` }, (job) =>
      build(job, more),
    );
    expect(next.exitCode, show(next)).toBe(0);
    expect(next.outputs.pushedPaths).toBe("1");
    const requests = server.requests.slice(before);
    expect(requests.filter((r) => r.path.endsWith("/narinfo") && r.method === "POST")).toHaveLength(1);
    expect(requests.filter((r) => r.path.endsWith("/complete"))).toHaveLength(1);
    expect(servedOf("e2e-public", [more.top])).toEqual([hashPart(more.top)]);
  });
});

describe("a private cache", () => {
  let closure: Closure;
  beforeAll(async () => {
    closure = await instantiate("private", 2);
    // The credentials as the cachix CLI takes them, from the environment, with empty inputs.
    const env = { CACHIX_AUTH_TOKEN: WRITE_TOKEN, CACHIX_SIGNING_KEY: bare(privateKey) };
    const { main, post } = await jobRun(
      { name: "e2e-private", cachixHost: server.url },
      (job) => build(job, closure),
      {
        env,
      },
    );
    expect(post.exitCode, show(post)).toBe(0);
    for (const step of [main, post]) {
      expect(step.masks).toEqual(expect.arrayContaining([WRITE_TOKEN, bare(privateKey)]));
      expect(step.maskedLog).not.toContain(WRITE_TOKEN);
    }
    await deleteStorePaths(nix, [...closure.outPaths].reverse());
  });

  test("post pushed with CACHIX_AUTH_TOKEN and CACHIX_SIGNING_KEY from the environment", () => {
    expect(servedOf("e2e-private", closure.outPaths)).toEqual(closure.outPaths.map(hashPart));
  });

  test("Nix cannot read it without credentials", async () => {
    const before = server.requests.length;
    expect((await substitutes("e2e-private", [closure.top])).ok).toBe(false);
    // Refused for want of credentials, not for another reason: Nix asked for nix-cache-info without credentials and
    // was answered 401, and nothing it asked was served.
    const asked = server.requests.slice(before);
    expect(asked.some((r) => r.path === "/nix-cache-info" && r.status === 401 && !r.authorized)).toBe(true);
    expect(asked.every((r) => r.status >= 400)).toBe(true);
  });

  test("a job with a read-only token: a warning, later steps read through setup's netrc, nothing is pushed", async () => {
    const completes = server.record.accepted.length;
    const { main, post } = await jobRun(
      { name: "e2e-private", cachixHost: server.url, authToken: READ_TOKEN },
      async (job) => {
        const realise = await runShellStep(job, `nix-store -r --max-jobs 0 ${closure.top}`);
        expect(realise.exitCode, show(realise)).toBe(0);
      },
    );
    expect(messages(main, "warning")).toEqual([expect.stringMatching(/'authToken' can only read/)]);
    expect(main.maskedLog).not.toContain(READ_TOKEN);
    expect(post.exitCode, show(post)).toBe(0);
    expect(server.record.accepted.length).toBe(completes);
  });

  test("without a token, setup fails naming authToken", async () => {
    const main = await runAction(newJob(), "main", {
      inputs: { name: "e2e-private", cachixHost: server.url },
    });
    expect(main.exitCode).not.toBe(0);
    expect(messages(main, "error")).toEqual([
      expect.stringMatching(/^Input 'authToken': .*'e2e-private' is private/),
    ]);
  });

  test("extraPullNames: a later step reads the private extra cache; post pushes to `name` only", async () => {
    await deleteStorePaths(nix, [...closure.outPaths].reverse());
    const privateBefore = [...server.cache("e2e-private").narinfos.keys()];
    const { main, post } = await jobRun(
      {
        name: "e2e-public",
        extraPullNames: "e2e-private, e2e-managed",
        cachixHost: server.url,
        authToken: WRITE_TOKEN,
        signingKey: bare(publicKey),
        pathsToPush: closure.top,
      },
      async (job) => {
        const realise = await runShellStep(job, `nix-store -r --max-jobs 0 ${closure.top}`);
        expect(realise.exitCode, show(realise)).toBe(0);
      },
    );
    expect(main.exitCode, show(main)).toBe(0);
    expect(main.exportedEnv.NIX_CONFIG).toContain(server.cache("e2e-managed").publicSigningKeys[0]);
    expect(post.exitCode, show(post)).toBe(0);
    // The paths the job fetched are pushed to `name`, and nothing to the extra caches.
    expect(servedOf("e2e-public", closure.outPaths)).toEqual(closure.outPaths.map(hashPart));
    expect([...server.cache("e2e-private").narinfos.keys()]).toEqual(privateBefore);
    expect(servedOf("e2e-managed", closure.outPaths)).toEqual([]);
  });
});

describe("a cache with a Cachix-managed key", () => {
  test("a token alone pushes: Cachix signs, and Nix substitutes trusting the key from the cache info", async () => {
    const closure = await instantiate("managed", 2);
    const { main, post } = await jobRun(
      { name: "e2e-managed", cachixHost: server.url, authToken: WRITE_TOKEN, pathsToPush: closure.top },
      (job) => build(job, closure),
    );
    // Needs setup to let a write token push without signingKey (ReadAccess.serverSigned, asked of the lead).
    expect(messages(main, "notice"), "no read-only notice").toEqual([]);
    expect(post.exitCode, show(post)).toBe(0);
    expect(servedOf("e2e-managed", closure.outPaths)).toEqual(closure.outPaths.map(hashPart));
    const creates = server.record.accepted.filter((c) =>
      closure.outPaths.map(hashPart).includes(c.cStoreHash),
    );
    expect(creates.map((c) => c.cSig)).toEqual([null, null]);
    const result = await substitutes("e2e-managed", [closure.top]);
    expect(result.ok, result.stderr).toBe(true);
  });
});

describe("faults", () => {
  const inputs = () => ({
    name: "e2e-faults",
    cachixHost: server.url,
    authToken: WRITE_TOKEN,
    signingKey: bare(publicKey),
  });

  test("429 (with Retry-After) and 5xx on each kind of call are retried: every path arrives", async () => {
    const closure = await instantiate("retried", 2);
    server.injectFault({
      on: "api",
      method: "POST",
      path: /\/narinfo$/,
      status: 429,
      retryAfter: "1",
      times: 1,
    });
    server.injectFault({ on: "api", path: /\/multipart-nar$/, status: 503, times: 1 });
    server.injectFault({ on: "object-store", status: 500, times: 2 });
    server.injectFault({ on: "object-store", status: "reset", times: 1 });
    server.injectFault({ on: "api", path: /\/complete$/, status: 502, times: 1 });
    const before = server.requests.length;
    const { post } = await jobRun({ ...inputs(), pathsToPush: closure.top }, (job) => build(job, closure));
    server.clearFaults();
    // Every fault was met (a reset is logged as status 0), and each was followed by a success.
    const statuses = server.requests
      .slice(before)
      .filter((r) => r.on !== "cache")
      .map((r) => r.status);
    expect([...new Set(statuses.filter((s) => s !== 200))].sort()).toEqual([0, 429, 500, 502, 503]);
    expect(post.exitCode, show(post)).toBe(0);
    expect(post.outputs.pushedPaths).toBe("2");
    expect(servedOf("e2e-faults", closure.outPaths)).toEqual(closure.outPaths.map(hashPart));
    expect((await substitutes("e2e-faults", [closure.top])).ok).toBe(true);
  });

  test("a part upload that fails for good: the upload is aborted, no narinfo appears, post warns", async () => {
    const closure = await instantiate("doomed", 2);
    const aborted = server.record.aborted.length;
    server.injectFault({ on: "object-store", status: 500, times: Number.POSITIVE_INFINITY });
    let post: StepResult;
    try {
      ({ post } = await jobRun({ ...inputs(), pathsToPush: closure.top }, (job) => build(job, closure)));
    } finally {
      server.clearFaults();
    }
    expect(post.exitCode, show(post)).toBe(0);
    expect(messages(post, "warning").join("\n")).toMatch(/part upload: HTTP 500/);
    expect(post.outputs.pushedPaths).toBe("0");
    expect(servedOf("e2e-faults", closure.outPaths)).toEqual([]);
    expect(server.record.aborted.length).toBeGreaterThan(aborted);
    expect(post.summary).toContain(hashPart(closure.outPaths[0] ?? ""));
  });
});

describe("bad input fails setup naming the input", () => {
  test.each([
    ["an unknown cache", { name: "e2e-nope" }, "name"],
    ["an unknown extra cache", { name: "e2e-public", extraPullNames: "e2e-nope" }, "extraPullNames"],
    [
      "a signing key the cache does not list",
      { name: "e2e-managed", signingKey: bare(publicKey) },
      "signingKey",
    ],
  ])("%s", async (_what, given: Record<string, string>, input) => {
    const main = await runAction(newJob(), "main", {
      inputs: { cachixHost: server.url, authToken: WRITE_TOKEN, ...given },
    });
    expect(main.exitCode).not.toBe(0);
    expect(messages(main, "error")).toEqual([expect.stringMatching(new RegExp(`^Input '${input}': `))]);
    expect(main.maskedLog).not.toContain(bare(publicKey));
  });
});
