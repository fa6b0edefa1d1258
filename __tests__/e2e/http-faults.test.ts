/**
 * A bad network between the action and an http(s):// cache, through the bundles: a fault-injecting proxy in front of
 * nginx, and a cache that is not there at all. After every fault run the cache is walked: no narinfo may point at a
 * missing NAR or reference. Real Nix substitutes what was pushed.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FaultProxy, startFaultProxy } from "../helpers/http/fault-proxy.js";
import {
  createHttpJobs,
  type HttpJobs,
  hashPart,
  messages,
  show,
  substituteInJob,
  walkCache,
} from "../helpers/http/jobs.js";
import { freePort, type NginxServer, startNginx } from "../helpers/http/nginx.js";
import { runAction } from "../helpers/runner.js";

const TOKEN = `e2e-${randomBytes(16).toString("hex")}`;
let jobs: HttpJobs;
let nginx: NginxServer;
let proxy: FaultProxy;

beforeAll(async () => {
  jobs = await createHttpJobs();
  nginx = await startNginx({ password: TOKEN });
  proxy = await startFaultProxy(nginx.origin);
});

afterAll(async () => {
  await proxy?.close();
  await nginx?.stop();
  await jobs?.cleanup();
});

describe("post through a bad network", () => {
  test("a reset, a 500, a 429 and a slow answer for every request lose no path", async () => {
    const prefix = "/flaky";
    const inputs = {
      cacheUrl: `${proxy.origin}${prefix}`,
      authToken: TOKEN,
      signingKey: jobs.keys.secretKey,
    };
    proxy.plan = {};
    const { post, closure } = await jobs.pushJob(inputs, "http-flaky", {
      count: 3,
      // Setup met a good network; post meets the bad one.
      beforePost: () => {
        // A reset first: its backoff window is the shortest, and Retry-After sets the 429's wait anyway.
        proxy.plan = { faults: ["reset", "500", "429", "slow"], slowMs: 500 };
      },
    });
    expect(post.exitCode, show(post)).toBe(0);
    expect(messages(post, "warning"), show(post)).toEqual([]);
    expect(post.outputs.pushedPaths).toBe(String(closure.outPaths.length));
    expect(walkCache(path.join(nginx.root, "flaky"))).toEqual(closure.outPaths.map(hashPart).sort());
    // Every NAR upload really met every fault.
    const narPuts = proxy.injected.filter((f) => f.method === "PUT" && f.path.startsWith(`${prefix}/nar/`));
    for (const fault of ["500", "429", "reset", "slow"] as const) {
      expect(narPuts.filter((f) => f.fault === fault)).toHaveLength(closure.outPaths.length);
    }

    const reader = jobs.newJob("read-flaky");
    proxy.plan = {};
    const readMain = await runAction(reader, "main", {
      inputs: { cacheUrl: `${nginx.origin}${prefix}`, authToken: TOKEN, publicKey: jobs.keys.publicKey },
    });
    expect(readMain.exitCode, show(readMain)).toBe(0);
    const read = await substituteInJob(reader, [closure.top]);
    expect(read.step.exitCode, show(read.step)).toBe(0);
    expect(read.present).toEqual([closure.top]);
  });

  test("a cache that stays down for uploads: post exits 0, nothing is published, the summary lists what was left out", async () => {
    const prefix = "/down";
    const inputs = {
      cacheUrl: `${proxy.origin}${prefix}`,
      authToken: TOKEN,
      signingKey: jobs.keys.secretKey,
    };
    proxy.plan = {};
    const { post, closure } = await jobs.pushJob(inputs, "http-down", {
      beforePost: () => {
        proxy.plan = { match: (method) => method === "PUT", down: true };
      },
    });
    expect(post.exitCode, show(post)).toBe(0);
    expect(messages(post, "warning").join("\n")).toMatch(/could not be pushed/);
    expect(walkCache(path.join(nginx.root, "down"))).toEqual([]);
    expect(proxy.injected.some((f) => f.fault === "down")).toBe(true);
    for (const storePath of closure.outPaths) expect(post.summary).toContain(path.basename(storePath));
    expect(post.summary).toMatch(/HTTP 503/);
    expect(post.outputs.pushedPaths).toBe("0");
  });

  test("a path that keeps failing is left out with the paths that need it; the rest is pushed", async () => {
    const prefix = "/partial";
    const inputs = {
      cacheUrl: `${proxy.origin}${prefix}`,
      authToken: TOKEN,
      signingKey: jobs.keys.secretKey,
    };
    proxy.plan = {};
    const { post, closure } = await jobs.pushJob(inputs, "http-partial", {
      count: 3,
      beforePost: ({ outPaths }) => {
        const broken = `${prefix}/${hashPart(outPaths[1] ?? "")}.narinfo`;
        proxy.plan = {
          match: (method, requestPath) => method === "PUT" && requestPath === broken,
          down: true,
        };
      },
    });
    const [first, middle, top] = closure.outPaths.map((p) => path.basename(p));
    expect(post.exitCode, show(post)).toBe(0);
    expect(post.outputs.pushedPaths).toBe("1");
    expect(walkCache(path.join(nginx.root, "partial"))).toEqual([hashPart(closure.outPaths[0] ?? "")]);
    const summaryLine = (name = "") => post.summary.split("\n").find((line) => line.includes(name)) ?? "";
    expect(summaryLine(middle)).toMatch(/HTTP 503/);
    expect(summaryLine(top)).toMatch(/reference .* was not pushed/);
    expect(post.summary).not.toMatch(new RegExp(`${first}.*not pushed`));
  });
});

describe("pushTimeout", () => {
  test("stops a push that cannot finish cleanly: nothing half-published, every path listed as out of time", async () => {
    const prefix = "/timeout";
    const inputs = {
      cacheUrl: `${proxy.origin}${prefix}`,
      authToken: TOKEN,
      signingKey: jobs.keys.secretKey,
      pushTimeout: "0.05",
    };
    proxy.plan = {};
    const { post, closure } = await jobs.pushJob(inputs, "http-timeout", {
      count: 2,
      // Uploads meet a cache that answers 503 with Retry-After: 1 for ever: only the deadline ends the retries.
      beforePost: () => {
        proxy.plan = { match: (method) => method === "PUT", down: true };
      },
    });
    expect(post.exitCode, show(post)).toBe(0);
    expect(post.outputs.pushedPaths).toBe("0");
    expect(walkCache(path.join(nginx.root, "timeout"))).toEqual([]);
    for (const storePath of closure.outPaths) {
      const line = post.summary.split("\n").find((l) => l.includes(path.basename(storePath))) ?? "";
      expect(line, post.summary).toMatch(/pushTimeout ran out/);
    }
  });
});

describe("setup with the cache down", () => {
  test("is a warning and the build goes on; with strict it fails", async () => {
    const url = `http://127.0.0.1:${await freePort()}/cache`;
    const inputs = { cacheUrl: url, authToken: TOKEN, signingKey: jobs.keys.secretKey };
    const job = jobs.newJob("setup-down");
    const main = await runAction(job, "main", { inputs });
    expect(main.exitCode, show(main)).toBe(0);
    expect(messages(main, "warning").join("\n")).toMatch(/cannot reach .*ECONNREFUSED.*The build goes on/);
    expect(job.exportedEnv.NIX_CONFIG ?? "").not.toContain(url);
    const post = await runAction(job, "post", { inputs });
    expect(post.exitCode, show(post)).toBe(0);

    const strict = await runAction(jobs.newJob("setup-down-strict"), "main", {
      inputs: { ...inputs, strict: "true" },
    });
    expect(strict.exitCode, show(strict)).not.toBe(0);
    expect(messages(strict, "error").join("\n")).toMatch(/cannot reach/);
  });
});
