/**
 * The background pusher, black-box, as the runner runs the action: setup starts it, a later step builds, post
 * finishes it. The build runs in a Nix store of this file's own (NIX_STORE_DIR), so that other tests building on
 * the machine at the same time cannot add paths to it. Real Nix judges the cache: a fresh store substitutes every
 * path, trusting only the test key.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { generateKeyPair, type KeyPair } from "../helpers/nix/binary-cache.js";
import { type Closure, instantiateClosure } from "../helpers/nix/closures.js";
import { createNixEnv, type NixEnv, run, runOk } from "../helpers/nix/env.js";
import { world } from "../helpers/nix/world.js";
import { removeTree } from "../helpers/remove-tree.js";
import { Job, runAction, type StepResult, show, stepEnv } from "../helpers/runner.js";

let nix: NixEnv;
let keys: KeyPair;
let root: string;
/**
 * This file's own store, under /nix of the tests' Nix world (Nix 2.34 refuses a store under the world-writable
 * /tmp): its directory, and the variables that point Nix at it.
 */
let storeBase: string;
let storeDir: string;
let storeEnv: Record<string, string>;
const jobs: Job[] = [];

beforeAll(async () => {
  // Without build users: this store keeps its own user pool, so a build here and one in the machine's store at the
  // same time could take the same build user, and Nix kills whatever that user runs before each build.
  nix = createNixEnv({ extraConf: "build-users-group =" });
  root = await mkdtemp(path.join(tmpdir(), "nbca-pwb-"));
  // Nix's build users must reach the store inside it.
  chmodSync(root, 0o755);
  storeBase = `/nix/${path.basename(root)}`;
  mkdirSync(world.hostPath(storeBase), { mode: 0o755 });
  storeDir = `${storeBase}/store`;
  storeEnv = {
    ...nix.env,
    NIX_STORE_DIR: storeDir,
    NIX_STATE_DIR: `${storeBase}/state`,
    NIX_LOG_DIR: `${storeBase}/log`,
  };
  keys = await generateKeyPair(nix, "pwb-test-1");
});

afterAll(() => {
  for (const job of jobs) job.cleanup();
  if (root) removeTree(root);
  if (storeBase) removeTree(world.hostPath(storeBase));
  nix?.cleanup();
});

function newJob(): Job {
  const job = new Job({ env: storeEnv });
  jobs.push(job);
  return job;
}

function expectSuccess(step: StepResult): void {
  expect(step.exitCode, show(step)).toBe(0);
}

/** Builds in a later step of the job: with what setup exported (the cache as a substituter). */
async function build(job: Job, chain: Closure): Promise<void> {
  try {
    await runOk("nix-store", ["-r", ...chain.drvPaths], { ...stepEnv(job), ...storeEnv }, 120_000);
  } catch (error) {
    throw new Error(`${String(error)}\nThe pusher's log:\n${pusherLog(job)}`);
  }
}

function pusherDir(job: Job): string {
  const scratch = path.join(job.temp, "nix-binary-cache");
  const dir = readdirSync(scratch).find((name) => name.startsWith("pusher-"));
  if (dir === undefined) throw new Error("no pusher directory");
  return path.join(scratch, dir);
}

/**
 * The pusher's pid once it runs Node: setup returns as soon as nice(1) has started, and while nice execs Node the
 * process shows no environment and no command line for a moment (long enough on a loaded machine to be seen).
 */
async function startedPusher(job: Job): Promise<number | undefined> {
  for (let i = 0; i < 250; i++) {
    const running = job.trackedProcesses().filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("pusher.js");
      } catch {
        return false;
      }
    });
    if (running.length > 0) return running[0];
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return undefined;
}

function pusherLog(job: Job): string {
  try {
    return readFileSync(path.join(pusherDir(job), "log"), "utf8");
  } catch (error) {
    return String(error);
  }
}

/**
 * Watches a file:// cache while the build runs: every narinfo, when first seen, must already have its NAR (whole)
 * and the narinfos of its references.
 */
function watchCache(dir: string) {
  const seen = new Set<string>();
  const violations: string[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      let names: string[] = [];
      try {
        names = readdirSync(dir);
      } catch {}
      const present = new Set(names);
      for (const name of names) {
        if (!name.endsWith(".narinfo") || seen.has(name)) continue;
        seen.add(name);
        const text = readFileSync(path.join(dir, name), "utf8");
        const field = (key: string) => text.match(new RegExp(`^${key}: (.*)$`, "m"))?.[1] ?? "";
        const nar = path.join(dir, field("URL"));
        let size = -1;
        try {
          size = readFileSync(nar).length;
        } catch {}
        if (size !== Number(field("FileSize")))
          violations.push(`${name}: NAR ${field("URL")} has ${size} bytes`);
        for (const reference of field("References").split(" ").filter(Boolean)) {
          const hash = reference.slice(0, 32);
          if (`${hash}.narinfo` !== name && !present.has(`${hash}.narinfo`)) {
            violations.push(`${name}: its reference ${reference} has no narinfo yet`);
          }
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    seen,
    violations,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

function pusherPid(job: Job): number {
  return Number(readFileSync(path.join(pusherDir(job), "pid"), "utf8"));
}

/** A fresh store with the same store directory (elsewhere on disk) substitutes `paths` from the cache. */
async function expectSubstitutable(cacheDir: string, paths: readonly string[]): Promise<void> {
  const fresh = `${storeBase}/fresh-${Math.random().toString(36).slice(2)}`;
  const store = `local?real=${fresh}/store&state=${fresh}/state&log=${fresh}/log`;
  const result = await run(
    "nix-store",
    [
      "--store",
      store,
      "--realise",
      ...paths,
      "--max-jobs",
      "0",
      "--option",
      "substituters",
      `file://${cacheDir}`,
      "--option",
      "trusted-public-keys",
      keys.publicKey,
    ],
    { ...nix.env, NIX_STORE_DIR: storeDir },
  );
  expect(result.exitCode, result.stderr).toBe(0);
  // Nix re-hashes what it got against the NAR hashes the signed narinfos gave it.
  const verify = await run("nix-store", ["--store", store, "--verify", "--check-contents"], {
    ...nix.env,
    NIX_STORE_DIR: storeDir,
  });
  expect(verify.exitCode, verify.stderr).toBe(0);
  for (const storePath of paths) {
    expect(readFileSync(world.hostPath(`${fresh}/store/${path.basename(storePath)}/id`), "utf8")).toBe(
      readFileSync(world.hostPath(`${storePath}/id`), "utf8"),
    );
  }
  removeTree(world.hostPath(fresh));
}

async function newCache(): Promise<string> {
  const parent = await mkdtemp(path.join(root, "cache-"));
  // The waiting builders (Nix's build users) look into it.
  chmodSync(parent, 0o755);
  return path.join(parent, "cache");
}

describe("push while building", () => {
  test("each path reaches the cache while the build runs, never before its NAR and references; post finishes and leaves no process", async () => {
    const cache = await newCache();
    const job = newJob();
    const chain = await instantiateClosure(
      nix,
      { count: 4, label: "pwb", waitForNarInfoIn: cache },
      storeEnv,
    );
    const inputs = { cacheUrl: `file://${cache}`, signingKey: keys.secretKey };
    const setup = await runAction(job, "main", { inputs });
    expectSuccess(setup);
    const pusher = await startedPusher(job);
    expect(pusher, `setup leaves one process: the pusher\n${show(setup)}\n${pusherLog(job)}`).toBeDefined();
    expect(job.trackedProcesses()).toEqual([pusher]);
    // The key reached it through its pipe only; no signal opens a debugger on it; it runs below the build.
    const environ = readFileSync(`/proc/${pusher}/environ`, "utf8");
    expect(environ).not.toContain(keys.secretKey.split(":")[1]);
    expect(environ).not.toMatch(/(^|\0)INPUT_/);
    expect(readFileSync(`/proc/${pusher}/cmdline`, "utf8").split("\0")).toContain("--disable-sigusr1");
    expect(
      readFileSync(`/proc/${pusher}/stat`, "utf8")
        .replace(/^.*\) /, "")
        .split(" ")[16],
    ).toBe("19");

    const watch = watchCache(cache);
    // Builder k waits for narinfo k−1: only a push during the build lets this finish.
    await build(job, chain);
    await watch.stop();
    expect(watch.violations).toEqual([]);
    expect(watch.seen.size).toBeGreaterThanOrEqual(3);

    const post = await runAction(job, "post", { inputs });
    expectSuccess(post);
    expect(post.outputs.pushedPaths, post.stdout).toBe("4");
    expect(post.summary).toMatch(/… while the build ran \| [34] \|/);
    expect(post.stdout).toContain("The background pusher finished");
    // The pusher's log (it quotes servers) is printed with workflow commands stopped.
    expect(post.stdout).toMatch(/^::stop-commands::([0-9a-f-]{36})\n[\s\S]*Started for [\s\S]*\n::\1::$/m);
    expect(job.trackedProcesses()).toEqual([]);
    await expectSubstitutable(cache, chain.outPaths);
  }, 180_000);

  test("post stopped while the pusher is busy: both end within 2 s, nothing half-published, no process left", async () => {
    const cache = await newCache();
    const job = newJob();
    // zstd's slowest level on random bytes: each path keeps the pusher busy for seconds.
    const chain = await instantiateClosure(nix, { count: 3, label: "pwb", bigMiB: 40 }, storeEnv);
    const inputs = { cacheUrl: `file://${cache}`, signingKey: keys.secretKey, compressionLevel: "19" };
    expectSuccess(await runAction(job, "main", { inputs }));
    await build(job, chain);
    const watch = watchCache(cache);
    // The runner cancels: SIGTERM to post while it waits for the pusher's round (once the pusher has its request).
    const log = path.join(pusherDir(job), "log");
    const asked = (async () => {
      for (let i = 0; !readFileSync(log, "utf8").includes("Post asks to finish"); i++) {
        if (i === 1200) throw new Error("post never asked the pusher to finish");
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    const post = await runAction(job, "post", { inputs, interrupt: { signal: "SIGTERM", when: asked } });
    await watch.stop();
    expect(post.interruptedAtMs, show(post)).toBeDefined();
    expect(post.stdout).toContain("Post was stopped, and the background pusher with it");
    // The action promises 2 s; twice that for a loaded machine.
    expect(post.durationMs - (post.interruptedAtMs ?? 0), show(post)).toBeLessThan(4000);
    expect(watch.violations).toEqual([]);
    expect(job.trackedProcesses()).toEqual([]);
    // Temporary files of the uploads cut short are gone.
    for (const dir of [cache, path.join(cache, "nar")]) {
      expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    }
    // What was published is whole: a fresh store substitutes every path that has a narinfo.
    const published = chain.outPaths.filter((out) =>
      readdirSync(cache).includes(`${path.basename(out).slice(0, 32)}.narinfo`),
    );
    if (published.length > 0) await expectSubstitutable(cache, published);
  }, 180_000);

  test("a pusher killed with SIGKILL: post pushes the rest, nothing twice", async () => {
    const cache = await newCache();
    const job = newJob();
    const first = await instantiateClosure(nix, { count: 2, label: "pwb" }, storeEnv);
    const second = await instantiateClosure(nix, { count: 2, label: "pwb" }, storeEnv);
    const inputs = { cacheUrl: `file://${cache}`, signingKey: keys.secretKey };
    expectSuccess(await runAction(job, "main", { inputs }));
    await build(job, first);
    // Until the pusher has published the first chain.
    const narInfoFiles = () => readdirSync(cache).filter((n) => n.endsWith(".narinfo"));
    for (let i = 0; i < 600 && narInfoFiles().length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(narInfoFiles()).toHaveLength(2);
    process.kill(pusherPid(job), "SIGKILL");
    // What the pusher published, as files: post must leave them as they are (nothing twice).
    const identity = (file: string) => {
      const stat = statSync(path.join(cache, file));
      return `${file} ${stat.ino} ${stat.mtimeMs}`;
    };
    const firstNars = readdirSync(path.join(cache, "nar")).map((name) => `nar/${name}`);
    const before = [...narInfoFiles(), ...firstNars].map(identity);
    await build(job, second);

    const post = await runAction(job, "post", { inputs });
    expectSuccess(post);
    expect(post.stdout).toContain("had ended before post");
    expect(post.outputs.pushedPaths, post.stdout).toBe("4");
    expect(post.outputs.pushedWhileBuilding, post.stdout).toBe("2");
    expect(before.map((entry) => identity(entry.split(" ")[0] ?? ""))).toEqual(before);
    expect(job.trackedProcesses()).toEqual([]);
    await expectSubstitutable(cache, [...first.outPaths, ...second.outPaths]);
  }, 180_000);

  test("a job killed without post keeps every path the pusher had published", async () => {
    const cache = await newCache();
    const job = newJob();
    const chain = await instantiateClosure(nix, { count: 3, label: "pwb" }, storeEnv);
    const inputs = { cacheUrl: `file://${cache}`, signingKey: keys.secretKey };
    expectSuccess(await runAction(job, "main", { inputs }));
    await build(job, chain);
    // Until the pusher (at nice 19, on a machine the other tests keep busy) has published them all, at most 60 s.
    const narinfos = chain.outPaths.map((out) =>
      path.join(cache, `${path.basename(out).slice(0, 32)}.narinfo`),
    );
    for (let waited = 0; !narinfos.every((file) => existsSync(file)); waited += 100) {
      if (waited > 60_000) throw new Error(`the pusher did not publish the chain:\n${pusherLog(job)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The runner's clean-up at the end of a job: every process of the job, killed.
    for (const pid of job.trackedProcesses()) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Ended since the listing.
      }
    }
    await expectSubstitutable(cache, chain.outPaths);
  }, 180_000);

  test("the summary and outputs say what the cache did: paths substituted from it, built here, the hit rate (read-only too)", async () => {
    const cache = await newCache();
    const chain = await instantiateClosure(nix, { count: 3, label: "pwb" }, storeEnv);
    const first = newJob();
    const inputs = { cacheUrl: `file://${cache}`, signingKey: keys.secretKey };
    expectSuccess(await runAction(first, "main", { inputs }));
    await build(first, chain);
    const firstPost = await runAction(first, "post", { inputs });
    expectSuccess(firstPost);
    expect(firstPost.outputs).toMatchObject({ builtPaths: "3", substitutedPaths: "0", hitRate: "0" });

    // The next job starts without them, as on a fresh runner, and only reads (a pull request from a fork).
    await runOk("nix-store", ["--delete", ...[...chain.outPaths].reverse()], storeEnv);
    const more = await instantiateClosure(nix, { count: 1, label: "pwb" }, storeEnv);
    const second = newJob();
    const readOnly = { cacheUrl: `file://${cache}`, publicKey: keys.publicKey };
    expectSuccess(await runAction(second, "main", { inputs: readOnly }));
    await build(second, chain);
    await build(second, more);
    const post = await runAction(second, "post", { inputs: readOnly });
    expectSuccess(post);
    const narBytes = Number(
      (await runOk("nix-store", ["-q", "--size", ...chain.outPaths], storeEnv))
        .split("\n")
        .filter(Boolean)
        .reduce((sum, size) => sum + Number(size), 0),
    );
    expect(post.outputs).toMatchObject({
      substitutedPaths: "3",
      substitutedBytes: String(narBytes),
      builtPaths: "1",
      hitRate: "75",
      pushedPaths: "0",
    });
    expect(post.summary).toContain("**Hit rate 75 %**");
  }, 180_000);

  test("pushWhileBuilding: false (or cachix-action's useDaemon: false) starts no pusher; post pushes as before", async () => {
    const turnedOff: Record<string, string>[] = [{ pushWhileBuilding: "false" }, { useDaemon: "false" }];
    for (const inputs of turnedOff) {
      const cache = await newCache();
      const job = newJob();
      const chain = await instantiateClosure(nix, { count: 2, label: "pwb" }, storeEnv);
      const given = { cacheUrl: `file://${cache}`, signingKey: keys.secretKey, ...inputs };
      expectSuccess(await runAction(job, "main", { inputs: given }));
      expect(job.trackedProcesses()).toEqual([]);
      await build(job, chain);
      const post = await runAction(job, "post", { inputs: given });
      expectSuccess(post);
      expect(post.outputs.pushedPaths, post.stdout).toBe("2");
      expect(post.summary).not.toContain("while the build ran");
      await expectSubstitutable(cache, chain.outPaths);
    }
  }, 180_000);
});
