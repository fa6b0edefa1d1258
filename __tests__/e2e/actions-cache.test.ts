/**
 * Acceptance tests of the zero-configuration mode — no `cacheUrl`, no `name`: the GitHub Actions cache. The bundles
 * run as the runner runs them against the stand-in of the cache service (__tests__/helpers/stand-ins/, written from
 * the service's wire protocol, with GitHub's eviction, rate limit and scopes) and this machine's real Nix. Builders
 * leave a mark outside the store, so "substituted, not built" is a fact, not a guess; the bytes each job moves are
 * counted at the service.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  hashPart,
  instantiateMarked,
  type MarkedClosure,
  marksDir,
  newestIndex,
  ONLY_OURS,
  tamperWithIndex,
} from "../helpers/actions-cache/e2e-fixtures.js";
import { generateKeyPair, type KeyPair } from "../helpers/nix/binary-cache.js";
import { createNixEnv, type NixEnv } from "../helpers/nix/env.js";
import { deleteStorePaths, inStore } from "../helpers/nix/store.js";
import { removeTree } from "../helpers/remove-tree.js";
import {
  Job,
  type JobOptions,
  messages,
  runAction,
  runShellStep,
  type StepResult,
  show,
} from "../helpers/runner.js";
import {
  ActionsCacheStandIn,
  deadServiceUrl,
  runtimeToken,
} from "../helpers/stand-ins/actions-cache-server.js";

let nix: NixEnv;
let keys: KeyPair;
let scratch: string;
let marks: string;
const jobs: Job[] = [];
const standIns: ActionsCacheStandIn[] = [];
const closures: MarkedClosure[] = [];

beforeAll(async () => {
  nix = createNixEnv();
  scratch = mkdtempSync(path.join(tmpdir(), "nbca-ghac-e2e-"));
  marks = marksDir(scratch);
  keys = await generateKeyPair(nix, "e2e-ghac-1");
});

afterAll(async () => {
  for (const job of jobs) job.cleanup();
  for (const standIn of standIns) await standIn.stop();
  if (nix) {
    await deleteStorePaths(
      nix,
      closures.flatMap((c) => [...c.outPaths].reverse()),
    );
    await deleteStorePaths(
      nix,
      closures.flatMap((c) => [...c.drvPaths].reverse()),
    );
  }
  nix?.cleanup();
  if (scratch) removeTree(scratch);
});

async function newStandIn(): Promise<ActionsCacheStandIn> {
  const standIn = await ActionsCacheStandIn.start();
  standIns.push(standIn);
  return standIn;
}

async function closure(label: string, count: number, options: { bigMiB?: number } = {}) {
  const made = await instantiateMarked(nix, marks, label, count, options);
  closures.push(made);
  return made;
}

function newJob(service: Record<string, string>, options: JobOptions = {}): Job {
  const job = new Job({ ...options, env: { ...nix.env, ...service, ...(options.env ?? {}) } });
  jobs.push(job);
  return job;
}

const warnings = (step: StepResult) => messages(step, "warning");

/** Setup, `nix-store -r` of the closures' derivations as a later step, then post: one job. */
async function runJob(job: Job, inputs: Record<string, string>, ...built: MarkedClosure[]) {
  const main = await runAction(job, "main", { inputs });
  expect(main.exitCode, show(main)).toBe(0);
  const drvs = built.flatMap((c) => c.drvPaths);
  const build = drvs.length === 0 ? undefined : await runShellStep(job, `nix-store -r ${drvs.join(" ")}`);
  if (build !== undefined) expect(build.exitCode, show(build)).toBe(0);
  const post = await runAction(job, "post", { inputs });
  expect(post.exitCode, show(post)).toBe(0);
  expect(job.trackedProcesses(), "no process of the action outlives post").toEqual([]);
  return { main, build, post };
}

async function forget(...built: MarkedClosure[]): Promise<void> {
  await deleteStorePaths(
    nix,
    built.flatMap((c) => [...c.outPaths].reverse()),
  );
  for (const c of built)
    for (const p of c.outPaths) expect(inStore(p), `${p} still in the store`).toBe(false);
}

/** What the service saw from one job: blob bytes up and down, API calls, new entries. */
async function measured<T>(service: ActionsCacheStandIn, body: () => Promise<T>) {
  const calls = service.calls.length;
  const entries = service.visibleEntries().length;
  const before = service.blobBytes();
  const result = await body();
  const after = service.blobBytes();
  return {
    result,
    up: after.up - before.up,
    down: after.down - before.down,
    calls: service.calls.slice(calls).map((call) => call.name),
    newEntries: service.visibleEntries().length - entries,
  };
}

const packBytes = (service: ActionsCacheStandIn) =>
  service
    .visibleEntries()
    .filter((entry) => entry.key.includes("/pack/"))
    .reduce((sum, entry) => sum + entry.size, 0);

describe("a job line with no configuration at all", () => {
  const inputs = { pushFilter: ONLY_OURS };
  let service: ActionsCacheStandIn;
  let base: MarkedClosure;
  let more: MarkedClosure;
  beforeAll(async () => {
    service = await newStandIn();
    base = await closure("base", 3, { bigMiB: 2 });
    more = await closure("more", 1);
  });

  test("job 1 saves what it built as one pack and one index: two entries, bytes up ≈ the pack", async () => {
    const job = newJob(service.env(), { name: "build" });
    const { result, up, newEntries } = await measured(service, () => runJob(job, inputs, base));
    expect(base.builds()).toEqual([1, 1, 1]);
    expect(result.post.outputs.pushedPaths).toBe("3");
    expect(newEntries).toBe(2);
    const saved = newestIndex(service.entries);
    expect([...saved.index.paths.keys()].sort()).toEqual(base.outPaths.map(hashPart).sort());
    expect(saved.entry.key).toMatch(
      new RegExp(`^nix-binary-cache-action-v2/Linux-X64/index/job=build/key=/run=${job.runId}\\.1-`),
    );
    expect([...saved.packs.values()].every((pack) => pack !== undefined)).toBe(true);
    expect(up).toBeLessThanOrEqual(1.1 * packBytes(service) + 256 * 1024);
  });

  test("job 2, on a fresh store and another RUNNER_TEMP, substitutes through the read server and pushes only its new path", async () => {
    await forget(base);
    const otherTemp = path.join(scratch, "a", "deeper", "runner", "temp");
    mkdirSync(otherTemp, { recursive: true });
    const job = newJob(service.env(), { name: "build", env: { RUNNER_TEMP: otherTemp } });
    const packsBefore = packBytes(service);
    const { result, up, down, newEntries } = await measured(service, () => runJob(job, inputs, base, more));
    expect(result.main.stdout).toMatch(
      /Read nix-binary-cache-action-v2\/Linux-X64\/index\/job=build\/key=\/run=.*: 3 paths/,
    );
    expect(result.main.outputs.substituter).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{16}$/);
    expect(result.main.exportedEnv.NIX_CONFIG).toMatch(/^fallback = true$/m);
    expect(base.builds()).toEqual([1, 1, 1]);
    expect(more.builds()).toEqual([1]);
    expect(result.post.outputs.pushedPaths).toBe("1");
    expect(newEntries).toBe(2);
    const newPack = packBytes(service) - packsBefore;
    expect(up).toBeLessThanOrEqual(1.1 * newPack + 256 * 1024);
    // It downloaded the index and the three NARs it substituted: the first pack, by ranges.
    expect(down).toBeLessThanOrEqual(packsBefore + 64 * 1024);
    expect(down).toBeGreaterThanOrEqual(packsBefore);
    expect(newestIndex(service.entries).index.paths.size).toBe(4);
  });

  test("a job of the workflow that builds nothing downloads the index alone and saves nothing", async () => {
    const job = newJob(service.env(), { name: "lint" });
    const { result, down, newEntries, calls } = await measured(service, () => runJob(job, inputs));
    expect(result.main.stdout).toMatch(/: 4 paths for Nix to substitute, in 2 cache entries/);
    expect(down).toBeLessThanOrEqual(1024 * 1024);
    expect(newEntries).toBe(0);
    expect(result.post.stdout).toMatch(/unchanged/);
    expect(calls.filter((name) => name === "blob GET")).toHaveLength(1);
  });

  test("a rerun on a fresh runner substitutes every path the line pushed", async () => {
    await forget(base, more);
    const job = newJob(service.env(), { name: "build" });
    await runJob(job, inputs, base, more);
    expect([...base.builds(), ...more.builds()]).toEqual([1, 1, 1, 1]);
  });
});

describe("eviction, at any moment", () => {
  const inputs = { pushFilter: ONLY_OURS };

  test("a pack evicted between jobs never shows up as a narinfo: its paths are built, without an error, and pushed again", async () => {
    const service = await newStandIn();
    const first = await closure("evict-a", 2);
    const second = await closure("evict-b", 1);
    await runJob(newJob(service.env(), { name: "evict" }), inputs, first);
    await runJob(newJob(service.env(), { name: "evict" }), inputs, second);
    await forget(first, second);
    const firstPack = newestIndex(service.entries).index.paths.get(hashPart(first.top))?.pack;
    expect(service.evict((entry) => entry.key === firstPack)).toHaveLength(1);

    const job = newJob(service.env(), { name: "evict" });
    const { main, build, post } = await runJob(job, inputs, first, second);
    expect(main.stdout).toMatch(/2 paths of the index are in cache entries GitHub has evicted/);
    expect(warnings(main)).toEqual([]);
    // Nix says nothing of the cache: only its usual note on nix-store -r without a GC root.
    const said = `${build?.stdout}${build?.stderr}`
      .split("\n")
      .filter((line) => !line.includes("--add-root"));
    expect(said.filter((line) => /error|warning/i.test(line))).toEqual([]);
    expect(first.builds()).toEqual([2, 2]);
    expect(second.builds()).toEqual([1]);
    expect(post.outputs.pushedPaths).toBe("2");
    // The next save heals the index: every path is there again, in packs that exist.
    const healed = newestIndex(service.entries);
    expect(healed.index.paths.size).toBe(3);
    expect([...healed.packs.values()].every((pack) => pack !== undefined)).toBe(true);
  });

  test("a pack evicted during the job: Nix builds what it cannot fetch (fallback), and the job succeeds", async () => {
    const service = await newStandIn();
    const chain = await closure("evict-during", 2);
    await runJob(newJob(service.env(), { name: "during" }), inputs, chain);
    await forget(chain);
    const job = newJob(service.env(), { name: "during" });
    const main = await runAction(job, "main", { inputs });
    expect(main.exitCode, show(main)).toBe(0);
    service.evict((entry) => entry.key.includes("/pack/"));
    const build = await runShellStep(job, `nix-store -r ${chain.drvPaths.join(" ")}`);
    expect(build.exitCode, show(build)).toBe(0);
    expect(chain.builds()).toEqual([2, 2]);
    const post = await runAction(job, "post", { inputs });
    expect(post.exitCode, show(post)).toBe(0);
    expect(post.stdout).toMatch(/evicted during the job/);
    expect(warnings(post)).toEqual([]);
    expect(job.trackedProcesses()).toEqual([]);
    // Post pushed the paths again, and the index it saved names them in their new pack: healed.
    expect(post.outputs.pushedPaths).toBe("2");
    const healed = newestIndex(service.entries);
    expect(healed.index.paths.size).toBe(2);
    expect([...healed.packs.values()].every((pack) => pack !== undefined)).toBe(true);
  });

  test("each entry evicted in turn, between jobs and during one: no job fails or warns, each path is built once more at most, and a save heals the index", async () => {
    for (const when of ["between", "during"] as const) {
      for (let i = 0; i < 4; i++) {
        const service = await newStandIn();
        const a = await closure(`turn-${when}-${i}-a`, 2);
        const b = await closure(`turn-${when}-${i}-b`, 1);
        await runJob(newJob(service.env(), { name: "turn" }), inputs, a);
        await runJob(newJob(service.env(), { name: "turn" }), inputs, b);
        await forget(a, b);
        const entries = service.visibleEntries();
        expect(entries.map((e) => e.key.includes("/pack/"))).toEqual([true, false, true, false]);
        const victim = entries[i];
        const job = newJob(service.env(), { name: "turn" });
        if (when === "between") service.evict((entry) => entry === victim);
        const main = await runAction(job, "main", { inputs });
        expect(main.exitCode, show(main)).toBe(0);
        if (when === "during") service.evict((entry) => entry === victim);
        const build = await runShellStep(job, `nix-store -r ${[...a.drvPaths, ...b.drvPaths].join(" ")}`);
        expect(build.exitCode, `${when} #${i}: ${show(build)}`).toBe(0);
        const post = await runAction(job, "post", { inputs });
        expect(post.exitCode, show(post)).toBe(0);
        expect([...warnings(main), ...warnings(post)], `${when} #${i}`).toEqual([]);
        // One more job: by then a save has healed the index (an index evicted during a job that saves nothing is
        // healed by the next job that saves).
        await forget(a, b);
        await runJob(newJob(service.env(), { name: "turn" }), inputs, a, b);
        // Each path was built once more at most: substituted where its pack could still be read.
        for (const count of [...a.builds(), ...b.builds()]) expect(count).toBeLessThanOrEqual(2);
        const healed = newestIndex(service.entries);
        expect(healed.index.paths.size, `${when} #${i}`).toBe(3);
        expect(
          [...healed.packs.values()].every((pack) => pack !== undefined),
          `${when} #${i}`,
        ).toBe(true);
        expect(job.trackedProcesses()).toEqual([]);
      }
    }
  }, 240_000);

  test("an index evicted between jobs: the job starts from the platform's newest, or from nothing", async () => {
    const service = await newStandIn();
    const built = await closure("evict-index", 1);
    await runJob(newJob(service.env(), { name: "lost" }), inputs, built);
    service.evict((entry) => entry.key.includes("/index/"));
    await forget(built);
    const { main, post } = await runJob(newJob(service.env(), { name: "lost" }), inputs, built);
    expect(main.stdout).toMatch(/No cache index for this job yet/);
    expect(warnings(main)).toEqual([]);
    expect(built.builds()).toEqual([2]);
    // Its pack is the same bytes as before: the same key, already there, so no new pack.
    expect(post.stdout).toMatch(/Saved nix-binary-cache-action-v2\//);
  });
});

describe("GitHub's limits", () => {
  const inputs = { pushFilter: ONLY_OURS };

  test("the repository's size cap, least recently used entries evicted: no job warns, and a fresh runner substitutes every path the newest index names", async () => {
    const service = await newStandIn();
    const base = await closure("cap-base", 2, { bigMiB: 1 });
    const added = [await closure("cap-1", 1), await closure("cap-2", 1), await closure("cap-3", 1)];
    await runJob(newJob(service.env(), { name: "cap" }), inputs, base);
    // Room for what the cache holds and a little more: superseded indexes are what GitHub evicts first.
    service.sizeCapBytes = service.visibleEntries().reduce((sum, entry) => sum + entry.size, 0) + 1000;
    for (const i of added.keys()) {
      await forget(base, ...added.slice(0, i));
      const { main, post } = await runJob(
        newJob(service.env(), { name: "cap" }),
        inputs,
        base,
        ...added.slice(0, i + 1),
      );
      expect([...warnings(main), ...warnings(post)]).toEqual([]);
    }
    const finalized = service.apiCalls().filter((name) => name === "FinalizeCacheEntryUpload").length;
    expect(finalized - service.visibleEntries().length, "entries evicted by the cap").toBeGreaterThan(0);
    // Whatever the cap evicted, a fresh runner substitutes every path the newest index names (their packs are all
    // there: setup looked), builds the rest, and warns of nothing.
    const saved = newestIndex(service.entries);
    const all = [base, ...added];
    const before = all.flatMap((c) => c.builds());
    await forget(...all);
    const { main, post } = await runJob(newJob(service.env(), { name: "cap" }), inputs, ...all);
    expect([...warnings(main), ...warnings(post)]).toEqual([]);
    const after = all.flatMap((c) => c.builds());
    const outs = all.flatMap((c) => c.outPaths);
    outs.forEach((out, k) => {
      const available = saved.packs.get(saved.index.paths.get(hashPart(out))?.pack ?? "") !== undefined;
      expect(after[k], out).toBe((before[k] ?? 0) + (available ? 0 : 1));
    });
    expect(outs.some((out) => saved.index.paths.has(hashPart(out)))).toBe(true);
  });

  test("429 beyond the rate of new entries: the pack is kept, the index is not; the next job saves the index without uploading the pack again", async () => {
    const service = await newStandIn();
    const built = await closure("rate", 2);
    service.entriesPerMinute = 1;
    const first = await runJob(newJob(service.env(), { name: "rate" }), inputs, built);
    expect(warnings(first.post).join("\n")).toMatch(/rate-limiting this repository/);
    expect(service.visibleEntries().map((entry) => entry.key.includes("/pack/"))).toEqual([true]);
    service.entriesPerMinute = Number.POSITIVE_INFINITY;
    await forget(built);
    const { up } = await measured(service, () =>
      runJob(newJob(service.env(), { name: "rate" }), inputs, built),
    );
    expect(built.builds()).toEqual([2, 2]);
    // The same paths make the same pack, whose key is its hash: found, not uploaded again.
    expect(up).toBeLessThan(64 * 1024);
    expect(newestIndex(service.entries).index.paths.size).toBe(2);
  });
});

describe("upgrading", () => {
  test("entries of the whole-directory format are left aside: no warning, the job starts a cache of its own", async () => {
    const service = await newStandIn();
    // What the earlier design saved: a tar of the cache directory, under its key and @actions/cache's version.
    const call = (method: string, body: object) =>
      fetch(
        `${service.env().ACTIONS_RESULTS_URL}twirp/github.actions.results.api.v1.CacheService/${method}`,
        {
          method: "POST",
          headers: {
            Authorization: `Bearer ${service.env().ACTIONS_RUNTIME_TOKEN}`,
            "Content-Type": "application/json",
          },
          body: JSON.stringify(body),
        },
      ).then((response) => response.json() as Promise<Record<string, string>>);
    const old = {
      key: "nix-binary-cache-action-v1/Linux-X64/job=upgrade/key=/run=1.1-x",
      version: "a".repeat(64),
    };
    const created = await call("CreateCacheEntry", old);
    const archive = Buffer.from("an old entry: a tar archive of the cache directory");
    await fetch(created.signed_upload_url ?? "", {
      method: "PUT",
      headers: { "x-ms-blob-type": "BlockBlob" },
      body: archive,
    });
    expect((await call("FinalizeCacheEntryUpload", { ...old, size_bytes: String(archive.length) })).ok).toBe(
      true,
    );
    const built = await closure("upgrade", 1);
    const { main, post } = await runJob(
      newJob(service.env(), { name: "upgrade" }),
      { pushFilter: ONLY_OURS },
      built,
    );
    expect(main.stdout).toMatch(/No cache index for this job yet/);
    expect([...warnings(main), ...warnings(post)]).toEqual([]);
    expect(newestIndex(service.entries).index.paths.size).toBe(1);
  });
});

describe("trust", () => {
  test("without keys each narinfo is signed by the job's key as served; a narinfo changed in the index is refused by Nix", async () => {
    const service = await newStandIn();
    const built = await closure("trust", 1);
    await runJob(newJob(service.env(), { name: "trust" }), { pushFilter: ONLY_OURS }, built);
    await forget(built);
    tamperWithIndex(newestIndex(service.entries).entry, (text) =>
      text.replace(/^NarSize: (\d+)$/m, (_, size) => `NarSize: ${Number(size) + 8}`),
    );
    const job = newJob(service.env(), { name: "trust" });
    const main = await runAction(job, "main", { inputs: { pushFilter: ONLY_OURS } });
    expect(main.exitCode, show(main)).toBe(0);
    expect(main.exportedEnv.NIX_CONFIG).toMatch(
      /^extra-trusted-public-keys = nix-binary-cache-action-job-[0-9a-f]{12}-1:\S{44}$/m,
    );
    // The narinfo is signed as served, but the NAR does not match it: Nix builds instead of accepting it.
    const build = await runShellStep(job, `nix-store -r ${built.drvPaths.join(" ")}`);
    expect(build.exitCode, show(build)).toBe(0);
    expect(built.builds()).toEqual([2]);
    await runAction(job, "post", { inputs: { pushFilter: ONLY_OURS } });
  });

  test("with a signing key, paths of the index it did not sign are left out with what refers to them", async () => {
    const service = await newStandIn();
    const inputs = { signingKey: keys.secretKey, pushFilter: ONLY_OURS };
    const chain = await closure("signed", 2);
    const other = await closure("untouched", 1);
    await runJob(newJob(service.env(), { name: "signed" }), inputs, chain, other);
    const lib = hashPart(chain.outPaths[0] ?? "");
    tamperWithIndex(newestIndex(service.entries).entry, (text, hash) =>
      hash === lib ? text.replace(/^NarSize: (\d+)$/m, (_, size) => `NarSize: ${Number(size) + 8}`) : text,
    );
    await forget(chain, other);
    const { main } = await runJob(newJob(service.env(), { name: "signed" }), inputs, chain, other);
    const [warning, ...rest] = warnings(main);
    expect(rest).toEqual([]);
    expect(warning).toMatch(/Left out 2 paths of the GitHub Actions cache not validly signed by e2e-ghac-1/);
    expect(chain.builds()).toEqual([2, 2]);
    expect(other.builds()).toEqual([1]);
    expect(newestIndex(service.entries).index.paths.size).toBe(3);
  });
});

describe("scopes", () => {
  test("a pull request reads its base branch's cache and saves only its new paths, in its own scope", async () => {
    const service = await newStandIn();
    const inputs = { pushFilter: ONLY_OURS };
    const base = await closure("scope-base", 2);
    const pr = await closure("scope-pr", 1);
    await runJob(newJob(service.env(), { name: "scoped" }), inputs, base);
    await forget(base);
    const token = runtimeToken([
      { ref: "refs/pull/7/merge", write: true },
      { ref: "refs/heads/main", write: false },
    ]);
    const { up, newEntries } = await measured(service, () =>
      runJob(newJob(service.env({ token }), { name: "scoped" }), inputs, base, pr),
    );
    expect(base.builds()).toEqual([1, 1]);
    expect(newEntries).toBe(2);
    const saved = service.visibleEntries().filter((entry) => entry.scope === "refs/pull/7/merge");
    expect(saved).toHaveLength(2);
    const prPack = saved.find((entry) => entry.key.includes("/pack/"));
    expect(up).toBeLessThanOrEqual(1.1 * (prPack?.size ?? 0) + 256 * 1024);
  });
});

describe("when the cache service fails, the build goes on", () => {
  test("a 429 on save: a warning that it is not retried, one attempt, and the next job reads the index before", async () => {
    const service = await newStandIn();
    const built = await closure("limited", 1);
    const job = newJob(service.env(), { name: "limited" });
    const main = await runAction(job, "main", { inputs: { pushFilter: ONLY_OURS } });
    expect(main.exitCode).toBe(0);
    await runShellStep(job, `nix-store -r ${built.drvPaths.join(" ")}`);
    service.fault = { kind: "rate-limit", retryAfterSeconds: 60 };
    const post = await runAction(job, "post", { inputs: { pushFilter: ONLY_OURS } });
    expect(post.exitCode, show(post)).toBe(0);
    expect(warnings(post).join("\n")).toMatch(/rate-limiting this repository .*does not retry/);
    expect(service.apiCalls().filter((name) => name === "CreateCacheEntry")).toHaveLength(1);
    expect(service.visibleEntries()).toEqual([]);
  });

  test("a 429 at setup: one lookup, a warning that it is not retried, a working build, no save", async () => {
    const service = await newStandIn();
    service.fault = { kind: "rate-limit", retryAfterSeconds: 60 };
    const built = await closure("limited-setup", 1);
    const { main, post } = await runJob(
      newJob(service.env(), { name: "limited" }),
      { pushFilter: ONLY_OURS },
      built,
    );
    expect(warnings(main).join("\n")).toMatch(/429/);
    expect(service.apiCalls()).toEqual(["GetCacheEntryDownloadURL"]);
    expect(post.outputs.pushedPaths).toBe("0");
    expect(service.visibleEntries()).toEqual([]);
  });

  test("a dead service: setup and post warn, the build works", async () => {
    const url = await deadServiceUrl();
    const built = await closure("dead", 1);
    const job = newJob({
      ACTIONS_RESULTS_URL: url,
      ACTIONS_RUNTIME_TOKEN: "t",
      ACTIONS_CACHE_SERVICE_V2: "True",
    });
    const { main } = await runJob(job, { pushFilter: ONLY_OURS }, built);
    expect(warnings(main).join("\n")).toMatch(/could not be looked up/);
  });

  test("the legacy v1 service (GitHub Enterprise Server) works the same", async () => {
    const service = await newStandIn();
    const built = await closure("legacy", 2);
    await runJob(newJob(service.env({ v1: true }), { name: "legacy" }), { pushFilter: ONLY_OURS }, built);
    await forget(built);
    await runJob(newJob(service.env({ v1: true }), { name: "legacy" }), { pushFilter: ONLY_OURS }, built);
    expect(built.builds()).toEqual([1, 1]);
    expect(service.apiCalls()).toContain("v1 GET cache");
  });
});
