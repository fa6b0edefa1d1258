/**
 * What the runner does to a step besides running it, done to the bundles: a main killed before it saved anything,
 * a full RUNNER_TEMP, a cancelled job's SIGINT/SIGTERM at each point of a post, and caches that accept connections
 * and never answer. The runner's promise is kept each time: a post is a post, the cache gets nothing partial, the
 * step ends in time (deadlines asserted with twice the slack: 2 s after a signal may take 4 s here), and what the
 * job may read afterwards — outputs, summary, files in RUNNER_TEMP — says what happened.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FaultProxy, startFaultProxy } from "../helpers/http/fault-proxy.js";
import { createHttpJobs, type HttpJobs, hashPart, messages, show, walkCache } from "../helpers/http/jobs.js";
import { type NginxServer, startNginx } from "../helpers/http/nginx.js";
import { type Closure, instantiateClosure, realiseClosure } from "../helpers/nix/closures.js";
import { which } from "../helpers/nix/logging-shim.js";
import { type Job, runAction, type StepResult, stepEnv } from "../helpers/runner.js";
import { ActionsCacheStandIn } from "../helpers/stand-ins/actions-cache-server.js";

/** 2 s, the promise after a signal, with the slack a test may give a deadline. */
const STOP_DEADLINE_MS = 4000;

let jobs: HttpJobs;
let nginx: NginxServer;
let proxy: FaultProxy;

beforeAll(async () => {
  jobs = await createHttpJobs();
  nginx = await startNginx();
  proxy = await startFaultProxy(nginx.origin);
});

afterAll(async () => {
  await proxy?.close();
  await nginx?.stop();
  await jobs?.cleanup();
});

/** What the job's steps left in RUNNER_TEMP's own directory of the action: the compile cache, and nothing else. */
function leftInTemp(job: Job): string[] {
  const dir = path.join(job.temp, "nix-binary-cache");
  return existsSync(dir) ? readdirSync(dir).filter((name) => name !== "compile-cache") : [];
}

/** The step ended no later than STOP_DEADLINE_MS after the signal. */
function expectStoppedInTime(step: StepResult): void {
  expect(step.interruptedAtMs, show(step)).toBeDefined();
  expect(step.durationMs - (step.interruptedAtMs ?? 0), show(step)).toBeLessThan(STOP_DEADLINE_MS);
  expect(step.exitCode, show(step)).toBe(0);
  // Ended by its own stop path, not cut off by the grace timer.
  expect(step.stdout).not.toContain("Still not done");
}

/**
 * A pushing job up to its post: setup with `given`, then a new closure built. Returns the inputs for post too, which
 * name that closure in `pathsToPush` (other builds in the shared store are not this test's).
 */
async function readyToPush(
  given: Record<string, string>,
  label: string,
): Promise<{ job: Job; closure: Closure; inputs: Record<string, string> }> {
  const closure = await instantiateClosure(jobs.nix, { count: 2, label });
  const job = jobs.newJob(label);
  const inputs = { ...given, pathsToPush: closure.top };
  const main = await runAction(job, "main", { inputs });
  expect(main.exitCode, show(main)).toBe(0);
  await realiseClosure(closure, stepEnv(job));
  return { job, closure, inputs };
}

/** readyToPush with an HTTP cache at `prefix` behind the proxy, and which requests are that cache's NAR uploads. */
async function readyToPushOverProxy(prefix: string, label: string) {
  proxy.plan = {};
  // With a token: the netrc setup writes must be gone after a stopped post too (leftInTemp).
  const ready = await readyToPush(
    { cacheUrl: `${proxy.origin}${prefix}`, signingKey: jobs.keys.secretKey, authToken: "stop-test-token" },
    label,
  );
  const narPuts = (method: string, p: string) => method === "PUT" && p.startsWith(`${prefix}/nar/`);
  return { ...ready, narPuts };
}

/** A promise to send a signal on, and what resolves it. */
function trigger(): { when: Promise<void>; fire: () => void } {
  let fire = () => {};
  const when = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { when, fire };
}

describe("a post is always a post", () => {
  test("after a main killed before it saved anything, post says so, changes nothing and exits 0", async () => {
    const job = jobs.newJob("killed-main");
    const inputs = { cacheUrl: `${nginx.origin}/never`, signingKey: jobs.keys.secretKey };
    // SIGKILL as the step starts: nothing of main runs, as when the runner cancels it in its first moments.
    const main = await runAction(job, "main", {
      inputs,
      interrupt: { signal: "SIGKILL", when: Promise.resolve() },
    });
    expect(main.signal).toBe("SIGKILL");
    expect(job.state).toEqual({});
    const post = await runAction(job, "post", { inputs });
    expect(post.exitCode, show(post)).toBe(0);
    expect(post.stdout).toMatch(/Setup saved no state: .* nothing to push or undo/);
    expect(post.exportedEnv).toEqual({});
    expect(post.outputs).toMatchObject({ pushedPaths: "0", pushedBytes: "0", skippedPaths: "0" });
    expect(leftInTemp(job)).toEqual([]);
    expect(nginx.requests().filter((r) => r.path.startsWith("/never"))).toEqual([]);
  });
});

describe("a full RUNNER_TEMP", () => {
  /** A job whose RUNNER_TEMP is a small file system with no byte left. */
  function fullTempJob(name: string): Job {
    const job = jobs.newJob(name);
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", job.temp]);
    const cleanup = job.cleanup.bind(job);
    job.cleanup = () => {
      execFileSync("umount", ["--lazy", job.temp]);
      cleanup();
    };
    try {
      writeFileSync(path.join(job.temp, "filler"), Buffer.alloc(512 * 1024));
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC");
    }
    return job;
  }

  test("setup warns and goes on without the cache; post exits 0", async () => {
    const job = fullTempJob("full-temp");
    const inputs = { cacheUrl: `file://${jobs.scratch}/full-temp-cache`, signingKey: jobs.keys.secretKey };
    const main = await runAction(job, "main", { inputs });
    expect(main.exitCode, show(main)).toBe(0);
    expect(main.stderr, show(main)).not.toMatch(/ENOSPC.*\n\s+at /);
    expect(messages(main, "warning")).toEqual([
      expect.stringMatching(
        /the runner's temp dir \(RUNNER_TEMP\) is full: ENOSPC.*The build goes on without this cache\.$/,
      ),
    ]);
    expect(main.exportedEnv).toEqual({});
    const post = await runAction(job, "post", { inputs });
    expect(post.exitCode, show(post)).toBe(0);
    expect(messages(post, "warning")).toEqual([]);
  });

  test("with strict, setup fails naming the full temp dir", async () => {
    const job = fullTempJob("full-temp-strict");
    const inputs = { cacheUrl: `file://${jobs.scratch}/full-temp-cache`, strict: "true" };
    const main = await runAction(job, "main", { inputs });
    expect(main.exitCode, show(main)).toBe(1);
    expect(messages(main, "error")).toEqual([expect.stringMatching(/RUNNER_TEMP\) is full/)]);
  });
});

describe("a cancelled job: post stops in time, publishes nothing partial, and reports", () => {
  test("SIGINT while Nix works out what is new: nothing pushed, the Nix process ended", async () => {
    const dir = path.join(jobs.scratch, "slow-nix");
    mkdirSync(dir, { recursive: true });
    const started = path.join(dir, "started");
    // A `nix` that hangs in path-info, as a store under heavy load would; it writes its pid first.
    writeFileSync(
      path.join(dir, "nix"),
      `#!/bin/bash\nif [[ " $* " == *" path-info "* ]]; then echo $$ > ${started}; exec sleep 60; fi\nexec ${which("nix")} "$@"\n`,
      { mode: 0o755 },
    );
    const cacheDir = path.join(jobs.scratch, "stopped-in-diff");
    const given = { cacheUrl: `file://${cacheDir}`, signingKey: jobs.keys.secretKey };
    const { job, inputs } = await readyToPush(given, "stop-diff");
    job.addPath(dir);
    const post = await runAction(job, "post", {
      inputs,
      interrupt: { signal: "SIGINT", when: until(() => existsSync(started)) },
    });
    expectStoppedInTime(post);
    expect(post.stdout).toMatch(/Received SIGINT: stopping/);
    expect(post.outputs).toMatchObject({ pushedPaths: "0" });
    expect(post.summary).toMatch(/Ended early: the step was stopped \(SIGINT\)\./);
    expect(walkCache(cacheDir)).toEqual([]);
    expect(isRunning(Number(readFileSync(started, "utf8")))).toBe(false);
    expect(leftInTemp(job)).toEqual([]);
  });

  test("SIGTERM in the middle of a NAR's upload: no narinfo, the summary lists the paths as stopped", async () => {
    const prefix = "/stop-in-nar";
    const { job, closure, inputs, narPuts } = await readyToPushOverProxy(prefix, "stop-nar");
    const signal = trigger();
    // NAR uploads hang once they have begun; the signal comes as the first one arrives.
    proxy.plan = {
      match: narPuts,
      faults: ["silent", "silent"],
      onRequest: (method, p) => {
        if (narPuts(method, p)) signal.fire();
      },
    };
    const post = await runAction(job, "post", {
      inputs,
      interrupt: { signal: "SIGTERM", when: signal.when },
    });
    expectStoppedInTime(post);
    expect(walkCache(path.join(nginx.root, prefix))).toEqual([]);
    expect(post.outputs).toMatchObject({ pushedPaths: "0", skippedPaths: String(closure.outPaths.length) });
    expect(post.summary).toMatch(/\| Not pushed: the step was stopped \| [12] \|/);
    expect(leftInTemp(job)).toEqual([]);
  });

  test("SIGTERM while paths wait, their NARs stored, to publish their narinfos: none is published", async () => {
    const prefix = "/stop-after-nar";
    const { job, closure, inputs } = await readyToPushOverProxy(prefix, "stop-between");
    const signal = trigger();
    const narinfoPuts = (method: string, p: string) => method === "PUT" && p.endsWith(".narinfo");
    // Both NARs go through; the first narinfo hangs, so the path that refers to it waits with its NAR stored, and
    // the signal comes a moment after that narinfo arrived.
    proxy.plan = {
      match: narinfoPuts,
      faults: ["silent", "silent"],
      onRequest: (method, p) => {
        if (narinfoPuts(method, p)) void sleep(300).then(signal.fire);
      },
    };
    const post = await runAction(job, "post", {
      inputs,
      interrupt: { signal: "SIGTERM", when: signal.when },
    });
    expectStoppedInTime(post);
    const puts = nginx.requests().filter((r) => r.method === "PUT" && r.path.startsWith(`${prefix}/`));
    // Both NARs complete in the cache: the top path was between its NAR and its narinfo.
    expect(puts.filter((r) => r.path.startsWith(`${prefix}/nar/`) && r.status < 300)).toHaveLength(2);
    expect(proxy.injected.filter((f) => narinfoPuts(f.method, f.path))).toHaveLength(1);
    expect(puts.filter((r) => r.path.endsWith(".narinfo"))).toEqual([]);
    expect(walkCache(path.join(nginx.root, prefix))).toEqual([]);
    expect(post.outputs).toMatchObject({ pushedPaths: "0", skippedPaths: String(closure.outPaths.length) });
  });

  test("SIGTERM during an Actions cache save: no entry, nothing left in RUNNER_TEMP or the workspace", async () => {
    const service = await ActionsCacheStandIn.start();
    try {
      const job = jobs.newJob("stop-save");
      const closure = await instantiateClosure(jobs.nix, { count: 1, label: "stop-save" });
      const inputs = { pathsToPush: closure.top };
      const main = await runAction(job, "main", { inputs, env: service.env() });
      expect(main.exitCode, show(main)).toBe(0);
      await realiseClosure(closure, stepEnv(job));
      service.fault = { kind: "stall-uploads" };
      const post = await runAction(job, "post", {
        inputs,
        env: service.env(),
        interrupt: { signal: "SIGTERM", when: service.arrival(/^blob PUT/) },
      });
      expectStoppedInTime(post);
      expect(post.stdout).toMatch(/stopped while the cache was being saved: it is not saved/);
      expect(service.visibleEntries()).toEqual([]);
      // The pack being uploaded is not left in RUNNER_TEMP.
      const scratch = path.join(job.temp, "nix-binary-cache");
      const left = readdirSync(scratch, { recursive: true }).map(String);
      expect(left.filter((name) => path.basename(name) === "pack")).toEqual([]);
      expect(post.outputs).toMatchObject({ pushedPaths: "1" });
    } finally {
      await service.stop();
    }
  });
});

describe("a cache that accepts connections and does not answer", () => {
  test("setup gives up within about 15 s on a body that stalls; post then skips the push with one warning", async () => {
    const prefix = "/stalls";
    mkdirSync(path.join(nginx.root, prefix.slice(1)), { recursive: true });
    writeFileSync(
      path.join(nginx.root, prefix.slice(1), "nix-cache-info"),
      "StoreDir: /nix/store\nWantMassQuery: 1\n",
    );
    proxy.plan = { faults: Array(20).fill("stall") };
    const job = jobs.newJob("stalling-cache");
    const inputs = { cacheUrl: `${proxy.origin}${prefix}`, signingKey: jobs.keys.secretKey };
    const main = await runAction(job, "main", { inputs });
    expect(main.exitCode, show(main)).toBe(0);
    expect(main.durationMs).toBeLessThan(2 * 15_000);
    expect(proxy.injected.some((f) => f.fault === "stall" && f.path === `${prefix}/nix-cache-info`)).toBe(
      true,
    );
    expect(messages(main, "warning")).toEqual([
      expect.stringMatching(/did not answer in time\. The build goes on without this cache\.$/),
    ]);
    expect(main.exportedEnv).toEqual({});
    const post = await runAction(job, "post", { inputs });
    expect(post.exitCode, show(post)).toBe(0);
    expect(post.durationMs).toBeLessThan(5000);
    expect(messages(post, "warning")).toEqual([expect.stringMatching(/^Nothing is pushed: in setup, /)]);
  });

  test("post as a whole keeps to pushTimeout when the cache stops answering after setup", async () => {
    const prefix = "/goes-silent";
    const given = {
      cacheUrl: `${proxy.origin}${prefix}`,
      signingKey: jobs.keys.secretKey,
      pushTimeout: "0.1",
    };
    proxy.plan = {};
    const { job, closure, inputs } = await readyToPush(given, "goes-silent");
    proxy.plan = { faults: Array(20).fill("silent") };
    const post = await runAction(job, "post", { inputs });
    expect(post.exitCode, show(post)).toBe(0);
    // 6 s of pushTimeout, with the slack of a deadline.
    expect(post.durationMs, show(post)).toBeLessThan(2 * 6000);
    expect(post.summary).toMatch(/Ended early: pushTimeout ran out\./);
    expect(post.outputs).toMatchObject({ pushedPaths: "0" });
    expect(walkCache(path.join(nginx.root, prefix))).toEqual([]);
    expect(post.summary).toContain(hashPart(closure.top));
  });

  test("with strict, setup fails when the cache does not answer", async () => {
    proxy.plan = { faults: Array(20).fill("silent") };
    const job = jobs.newJob("silent-strict");
    const main = await runAction(job, "main", {
      inputs: { cacheUrl: `${proxy.origin}/silent`, publicKey: jobs.keys.publicKey, strict: "true" },
    });
    expect(main.exitCode, show(main)).toBe(1);
    expect(main.durationMs).toBeLessThan(2 * 15_000);
    expect(messages(main, "error")).toEqual([expect.stringMatching(/did not answer in time/)]);
  });
});

/** Resolves once `check` holds, looking every 20 ms. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await sleep(20);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
