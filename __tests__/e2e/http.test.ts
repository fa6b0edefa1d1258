/**
 * Acceptance of private http(s):// caches through the bundles, run as the runner runs them, against Debian's nginx on
 * 127.0.0.1 (PUT through its DAV module, behind credentials). Real Nix judges: fresh chroot stores substitute
 * through the netrc that setup wrote, or fail to without it. Faults are in http-faults.test.ts.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createHttpJobs,
  expectNotShown,
  exportedNetrcFile,
  type HttpJobs,
  hashPart,
  messages,
  show,
  substituteInJob,
  walkCache,
} from "../helpers/http/jobs.js";
import { type NginxServer, startNginx } from "../helpers/http/nginx.js";
import { type Closure, closurePaths, instantiateClosure, realiseClosure } from "../helpers/nix/closures.js";
import { createNixEnv, run } from "../helpers/nix/env.js";
import { deleteStorePaths, freshStore, inStore } from "../helpers/nix/store.js";
import { Job, runAction, runShellStep, type StepResult, stepEnv } from "../helpers/runner.js";

const TOKEN = `e2e-${randomBytes(16).toString("hex")}`;
let jobs: HttpJobs;
let tokenOnly: NginxServer;
let withLogin: NginxServer;

beforeAll(async () => {
  jobs = await createHttpJobs();
  [tokenOnly, withLogin] = await Promise.all([
    startNginx({ password: TOKEN }),
    startNginx({ login: "ci", password: TOKEN }),
  ]);
});

afterAll(async () => {
  await Promise.all([tokenOnly?.stop(), withLogin?.stop()]);
  await jobs?.cleanup();
});

describe("a private cache that takes a bare token (netrc without login)", () => {
  let url: string;
  let cacheDir: string;
  let closure: Closure;
  let main: StepResult;
  let post: StepResult;
  beforeAll(async () => {
    url = `${tokenOnly.origin}/team/ci`;
    cacheDir = path.join(tokenOnly.root, "team", "ci");
    const inputs = { cacheUrl: url, authToken: TOKEN, signingKey: jobs.keys.secretKey };
    ({ main, post, closure } = await jobs.pushJob(inputs, "http-token"));
  });

  test("post pushes the closure, each NAR before its narinfo and references first, with Nix's content types", () => {
    expect(post.exitCode, show(post)).toBe(0);
    expect(post.outputs.pushedPaths).toBe(String(closure.outPaths.length));
    expect(walkCache(cacheDir)).toEqual(closure.outPaths.map(hashPart).sort());
    for (const step of [main, post]) expectNotShown(step, TOKEN);
    expect(main.masks).toContain(TOKEN);

    const puts = tokenOnly.requests().filter((r) => r.method === "PUT" && r.path.startsWith("/team/ci/"));
    const order = puts.map((r) => r.path.slice("/team/ci/".length));
    const narinfoAt = (p: string) => order.indexOf(`${hashPart(p)}.narinfo`);
    for (const p of closure.outPaths) {
      const text = readFileSync(path.join(cacheDir, `${hashPart(p)}.narinfo`), "utf8");
      const narAt = order.indexOf(/^URL: (.*)$/m.exec(text)?.[1] ?? "");
      expect(narAt).toBeGreaterThanOrEqual(0);
      expect(narAt).toBeLessThan(narinfoAt(p));
    }
    expect(narinfoAt(closure.outPaths[0] ?? "")).toBeLessThan(narinfoAt(closure.top));
    expect(new Set(puts.map((r) => `${r.path.split(/[./]/).at(-1)} ${r.contentType}`))).toEqual(
      new Set([
        "nix-cache-info text/x-nix-cache-info",
        "zst application/x-nix-nar",
        "narinfo text/x-nix-narinfo",
      ]),
    );
  });

  test("a reading job's setup writes a private netrc, and Nix substitutes through it", async () => {
    const reader = jobs.newJob("read-token");
    const readMain = await runAction(reader, "main", {
      inputs: { cacheUrl: url, authToken: TOKEN, publicKey: jobs.keys.publicKey },
    });
    expect(readMain.exitCode, show(readMain)).toBe(0);
    expectNotShown(readMain, TOKEN);
    const netrcFile = exportedNetrcFile(reader);
    expect(readFileSync(netrcFile, "utf8")).toBe(`machine 127.0.0.1\npassword ${TOKEN}\n`);
    expect(statSync(netrcFile).mode & 0o777).toBe(0o600);
    const read = await substituteInJob(reader, [closure.top]);
    expect(read.step.exitCode, show(read.step)).toBe(0);
    expect(read.present).toEqual([closure.top]);
  });

  test("without credentials setup warns and adds nothing, and Nix cannot substitute (401)", async () => {
    const anonymous = jobs.newJob("read-anonymous");
    const anonMain = await runAction(anonymous, "main", {
      inputs: { cacheUrl: url, publicKey: jobs.keys.publicKey },
    });
    expect(anonMain.exitCode, show(anonMain)).toBe(0);
    expect(messages(anonMain, "warning").join("\n")).toMatch(/needs credentials and `authToken` is empty/);
    expect(anonymous.exportedEnv.NIX_CONFIG ?? "").not.toContain(url);

    // Nix itself, pointed at the cache with no credentials, sees nothing there.
    const emptyNetrc = path.join(jobs.scratch, "empty-netrc");
    writeFileSync(emptyNetrc, "");
    const before = tokenOnly.requests().length;
    const store = freshStore();
    try {
      const options = {
        substituters: url,
        "trusted-public-keys": jobs.keys.publicKey,
        "netrc-file": emptyNetrc,
      };
      const args = ["--store", store.dir, "-r", "--max-jobs", "0", closure.top];
      for (const [name, value] of Object.entries(options)) args.push("--option", name, value);
      const direct = await run("nix-store", args, { ...jobs.nix.env, XDG_CACHE_HOME: jobs.freshCacheHome() });
      expect(direct.exitCode, direct.stderr).not.toBe(0);
      expect(store.has(closure.top)).toBe(false);
    } finally {
      store.cleanup();
    }
    // Nix 2.8 takes the 401 on nix-cache-info for "no cache here", fails to create one, and reads nothing.
    const asked = tokenOnly.requests().slice(before);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((request) => request.status !== 401)).toEqual([]);
  });
});

test("with authUser: the login goes into netrc and uploads; nginx's basic auth takes both", async () => {
  const url = `${withLogin.origin}/c`;
  const inputs = { cacheUrl: url, authToken: TOKEN, authUser: "ci", signingKey: jobs.keys.secretKey };
  const { post, closure } = await jobs.pushJob(inputs, "http-login", { count: 1 });
  expect(post.exitCode, show(post)).toBe(0);
  expect(walkCache(path.join(withLogin.root, "c")), show(post)).toEqual([hashPart(closure.top)]);
  const reader = jobs.newJob("read-login");
  const readMain = await runAction(reader, "main", {
    inputs: { cacheUrl: url, authToken: TOKEN, authUser: "ci", publicKey: jobs.keys.publicKey },
  });
  expect(readMain.exitCode, show(readMain)).toBe(0);
  expect(readFileSync(exportedNetrcFile(reader), "utf8")).toBe(
    `machine 127.0.0.1\nlogin ci\npassword ${TOKEN}\n`,
  );
  const read = await substituteInJob(reader, [closure.top]);
  expect(read.step.exitCode, show(read.step)).toBe(0);
  expect(read.present).toEqual([closure.top]);
});

test("a self-hosted runner that keeps HOME: job 2 substitutes what job 1 pushed after missing it", async () => {
  // Nix as installed, which remembers a cache's misses for an hour, with the look-ups of both jobs in one place.
  const nix = createNixEnv();
  const kept = { ...nix.env, XDG_CACHE_HOME: jobs.freshCacheHome() };
  const url = `${tokenOnly.origin}/kept-home`;
  const closure = await instantiateClosure(nix, { count: 1, label: "kept-home" });
  try {
    const first = new Job({ name: "kept-home-1", env: kept });
    const inputs = {
      cacheUrl: url,
      authToken: TOKEN,
      signingKey: jobs.keys.secretKey,
      pathsToPush: closure.top,
    };
    expect((await runAction(first, "main", { inputs })).exitCode).toBe(0);
    // Building asks the cache for the output first: a miss, which Nix writes down in XDG_CACHE_HOME.
    await realiseClosure(closure, stepEnv(first));
    const post = await runAction(first, "post", { inputs });
    expect(post.outputs.pushedPaths, show(post)).toBe("1");
    first.cleanup();
    await deleteStorePaths(nix, [closure.top]);
    expect(inStore(closure.top)).toBe(false);

    const second = new Job({ name: "kept-home-2", env: kept });
    const main = await runAction(second, "main", {
      inputs: { cacheUrl: url, authToken: TOKEN, publicKey: jobs.keys.publicKey },
    });
    expect(main.exitCode, show(main)).toBe(0);
    const realise = await runShellStep(second, `nix-store -r --max-jobs 0 ${closure.top}`);
    second.cleanup();
    expect(realise.exitCode, show(realise)).toBe(0);
    expect(inStore(closure.top)).toBe(true);
  } finally {
    await deleteStorePaths(nix, closurePaths(closure));
    nix.cleanup();
  }
});

describe("setup fails on bad input, naming it, writing nothing and showing no secret", () => {
  const secret = `s3cr3t-${randomBytes(8).toString("hex")}`;
  test.each([
    [
      "a wrong token",
      () => ({ cacheUrl: `${tokenOnly.origin}/c`, authToken: secret }),
      "authToken",
      /refused the credentials.*HTTP 401/,
    ],
    [
      "a malformed URL",
      () => ({ cacheUrl: "127.0.0.1:8080/cache", authToken: secret }),
      "cacheUrl",
      /is not a URL/,
    ],
    [
      "an unsupported scheme",
      () => ({ cacheUrl: `ftp://127.0.0.1:${tokenOnly.port}/c` }),
      "cacheUrl",
      /unsupported scheme 'ftp:'/,
    ],
    [
      "a token with a newline",
      () => ({ cacheUrl: `${tokenOnly.origin}/c`, authToken: `${secret}\n${secret}` }),
      "authToken",
      /line break/,
    ],
    ["a token and no cache", () => ({ authToken: secret }), "authToken", /give `cacheUrl`/],
  ])("%s", async (_what, inputs, input, problem) => {
    const before = tokenOnly.requests();
    const job = jobs.newJob("bad-input");
    const main = await runAction(job, "main", { inputs: { ...inputs(), signingKey: jobs.keys.secretKey } });
    expect(main.exitCode, show(main)).not.toBe(0);
    const errors = messages(main, "error").join("\n");
    expect(errors).toContain(`Input '${input}'`);
    expect(errors).toMatch(problem);
    expectNotShown(main, secret);
    const printed = main.stdout.split("\n").filter((line) => !line.startsWith("::add-mask::"));
    expect(printed.join("\n")).not.toContain(secret);
    expect(job.exportedEnv.NIX_CONFIG).toBeUndefined();
    expect(
      tokenOnly
        .requests()
        .slice(before.length)
        .filter((r) => r.method === "PUT"),
    ).toEqual([]);
  });
});
