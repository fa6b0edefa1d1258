/**
 * Acceptance tests of the zero-configuration mode — no `cacheUrl`, no `name`: the GitHub Actions cache. The bundles
 * run as the runner runs them, with the real @actions/cache inside, against the stand-in of the cache service
 * (__tests__/helpers/stand-ins/actions-cache-server.ts, written from the service's wire protocol) and this
 * machine's real Nix. Builders leave a mark outside the store, so "substituted, not built" is a fact, not a guess.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  hashPart,
  instantiateMarked,
  type MarkedClosure,
  marksDir,
  ONLY_OURS,
  tamperWithEntry,
  walkEntry,
} from "../helpers/actions-cache/e2e-fixtures.js";
import { expectSubstitutes, generateKeyPair, type KeyPair } from "../helpers/nix/binary-cache.js";
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
import { ActionsCacheStandIn, deadServiceUrl } from "../helpers/stand-ins/actions-cache-server.js";

const PLATFORM = "nix-binary-cache-action-v1/Linux-X64/";

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

async function closure(label: string, count: number, options: { failAt?: number } = {}) {
  const made = await instantiateMarked(nix, marks, label, count, options);
  closures.push(made);
  return made;
}

function newJob(service: Record<string, string>, options: JobOptions = {}): Job {
  const job = new Job({ ...options, env: { ...nix.env, ...service, ...(options.env ?? {}) } });
  jobs.push(job);
  return job;
}

/** The service's `index`th visible entry, oldest first. */
function entryAt(service: ActionsCacheStandIn, index: number) {
  const entry = service.visibleEntries()[index];
  if (entry === undefined) throw new Error(`no entry #${index}: ${JSON.stringify(service.apiCalls())}`);
  return entry;
}

const warnings = (step: StepResult) => messages(step, "warning");

/** Setup, `nix-store -r` of the closures' derivations as a later step, then post: one job. */
async function runJob(job: Job, inputs: Record<string, string>, ...built: MarkedClosure[]) {
  const main = await runAction(job, "main", { inputs });
  expect(main.exitCode, show(main)).toBe(0);
  const build = await runShellStep(job, `nix-store -r ${built.flatMap((c) => c.drvPaths).join(" ")}`);
  const post = await runAction(job, "post", { inputs });
  expect(post.exitCode, show(post)).toBe(0);
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

describe("with no configuration at all", () => {
  const inputs = { pushFilter: ONLY_OURS };
  let service: ActionsCacheStandIn;
  let first: MarkedClosure;
  let second: MarkedClosure;
  beforeAll(async () => {
    service = await newStandIn();
    first = await closure("zero", 2);
    second = await closure("zero-more", 1);
  });

  test("job 1 builds a closure and saves it as one entry of the job, in three calls", async () => {
    const job = newJob(service.env(), { name: "build" });
    const { main, build, post } = await runJob(job, inputs, first);
    expect(build.exitCode, show(build)).toBe(0);
    expect(first.builds()).toEqual([1, 1]);
    const config = main.exportedEnv.NIX_CONFIG ?? "";
    expect(config).toMatch(/^extra-substituters = file:\/\/\S+\/cache$/m);
    expect(config).toMatch(
      /^extra-trusted-public-keys = nix-binary-cache-action-job-[0-9a-f]{12}-1:\S{44}$/m,
    );
    expect(config).not.toMatch(/trusted=1|require-sigs/);
    expect(post.outputs.pushedPaths).toBe("2");
    expect(service.apiCalls()).toEqual([
      "GetCacheEntryDownloadURL",
      "CreateCacheEntry",
      "FinalizeCacheEntryUpload",
    ]);
    const entry = entryAt(service, 0);
    expect(entry.key.startsWith(`${PLATFORM}job=build/key=/run=${job.runId}.1-`)).toBe(true);
    const walked = await walkEntry(entryAt(service, 0), scratch);
    expect([...walked.narinfos.keys()].sort()).toEqual(first.outPaths.map(hashPart).sort());
  });

  test("job 2, on a store without those paths and another RUNNER_TEMP, substitutes them without building", async () => {
    await forget(first);
    const otherTemp = path.join(scratch, "a", "deeper", "runner", "temp");
    mkdirSync(otherTemp, { recursive: true });
    const job = newJob(service.env(), { name: "build", env: { RUNNER_TEMP: otherTemp } });
    const before = service.calls.length;
    const { main, build, post } = await runJob(job, inputs, first, second);
    expect(build.exitCode, show(build)).toBe(0);
    expect(main.stdout).toMatch(
      /Restored nix-binary-cache-action-v1\/Linux-X64\/job=build\/key=\/run=.*: 2 paths/,
    );
    expect(main.outputs.substituter?.startsWith(`file://${otherTemp}/`)).toBe(true);
    for (const p of first.outPaths) expect(inStore(p), p).toBe(true);
    expect(first.builds()).toEqual([1, 1]);
    expect(second.builds()).toEqual([1]);
    // The new path is added to the cache: a second entry, with the same version as the first.
    expect(post.outputs.pushedPaths).toBe("1");
    expect(entryAt(service, 0).version).toMatch(/^\S+$/);
    expect(entryAt(service, 1).version).toBe(entryAt(service, 0).version);
    expect(service.calls.slice(before).map((c) => c.name)).toEqual([
      "GetCacheEntryDownloadURL",
      "blob GET",
      "CreateCacheEntry",
      "blob PUT",
      "FinalizeCacheEntryUpload",
    ]);
    const walked = await walkEntry(entryAt(service, 1), scratch);
    expect([...walked.narinfos.keys()].sort()).toEqual(
      [...first.outPaths, ...second.outPaths].map(hashPart).sort(),
    );
  });

  test("job 3 of another job falls back to the platform's newest entry, substitutes all and saves nothing", async () => {
    await forget(first, second);
    const job = newJob(service.env(), { name: "test" });
    const before = service.calls.length;
    const { main, build, post } = await runJob(job, inputs, first, second);
    expect(build.exitCode, show(build)).toBe(0);
    expect(main.stdout).toContain(`Cache hit for restore-key: ${service.visibleEntries()[1]?.key}`);
    expect([...first.builds(), ...second.builds()]).toEqual([1, 1, 1]);
    expect(post.outputs.pushedPaths).toBe("0");
    expect(post.stdout).toMatch(/unchanged/);
    expect(service.calls.slice(before).map((c) => c.name)).toEqual(["GetCacheEntryDownloadURL", "blob GET"]);
    expect(service.visibleEntries()).toHaveLength(2);
  });
});

describe("without keys, Nix still checks signatures", () => {
  test("a narinfo changed after setup signed it is refused: nothing is trusted wholesale", async () => {
    const service = await newStandIn();
    const built = await closure("checked", 1);
    await runJob(newJob(service.env(), { name: "checked" }), { pushFilter: ONLY_OURS }, built);
    await forget(built);
    const job = newJob(service.env(), { name: "checked" });
    const main = await runAction(job, "main", { inputs: { pushFilter: ONLY_OURS } });
    expect(main.exitCode, show(main)).toBe(0);
    const narinfo = path.join(
      fileURLToPath(main.outputs.substituter ?? ""),
      `${hashPart(built.top)}.narinfo`,
    );
    const text = readFileSync(narinfo, "utf8");
    expect(text).toMatch(/^Sig: nix-binary-cache-action-job-[0-9a-f]{12}-1:/m);
    writeFileSync(
      narinfo,
      text.replace(/^NarSize: (\d+)$/m, (_, size) => `NarSize: ${Number(size) + 8}`),
    );
    const realise = await runShellStep(job, `nix-store -r --max-jobs 0 ${built.top}`);
    expect(realise.exitCode).not.toBe(0);
    // 2.8: "… is not signed by any of the keys …"; 2.26 and 2.34: "… as it's not signed by any of the keys …".
    expect(realise.stderr).toMatch(/not signed by any of the keys in 'trusted-public-keys'/);
    expect(inStore(built.top)).toBe(false);
  });
});

describe("with a signing key", () => {
  const inputs = () => ({ signingKey: keys.secretKey, pushFilter: ONLY_OURS });

  test("pruning under a tiny cacheSizeLimit drops the least recently used paths and leaves the cache whole", async () => {
    const service = await newStandIn();
    const old = await closure("prune-old", 3);
    const fresh = await closure("prune-new", 2);
    await runJob(newJob(service.env(), { name: "prune" }), inputs(), old);
    const before = await walkEntry(entryAt(service, 0), scratch);
    await forget(old);

    // Room for about three paths: the two new ones stay, the old ones go first.
    const limit = before.bytes;
    const { post } = await runJob(
      newJob(service.env(), { name: "prune" }),
      { ...inputs(), cacheSizeLimit: String(limit) },
      fresh,
    );
    expect(post.stdout).toMatch(/least recently used paths pruned/);
    const after = await walkEntry(entryAt(service, 1), scratch);
    expect(after.bytes).toBeLessThanOrEqual(limit);
    const kept = [...after.narinfos.keys()];
    expect(kept).toEqual(expect.arrayContaining(fresh.outPaths.map(hashPart)));
    expect(old.outPaths.filter((p) => !kept.includes(hashPart(p))).length).toBeGreaterThan(0);
    const keptPaths = [...old.outPaths, ...fresh.outPaths].filter((p) => kept.includes(hashPart(p)));
    await expectSubstitutes(nix, `file://${after.cacheDir}`, keptPaths, keys.publicKey);
  });

  test("a tampered narinfo is dropped with what refers to it and reported; the rest is substituted", async () => {
    const service = await newStandIn();
    const chain = await closure("tamper", 2);
    const other = await closure("untouched", 1);
    await runJob(newJob(service.env(), { name: "tamper" }), inputs(), chain, other);
    const lib = hashPart(chain.outPaths[0] ?? "");
    await tamperWithEntry(entryAt(service, 0), scratch, (cacheDir) => {
      const file = path.join(cacheDir, `${lib}.narinfo`);
      const text = readFileSync(file, "utf8");
      writeFileSync(
        file,
        text.replace(/^NarSize: (\d+)$/m, (_, size) => `NarSize: ${Number(size) + 8}`),
      );
    });
    await forget(chain, other);

    const { main, build } = await runJob(newJob(service.env(), { name: "tamper" }), inputs(), chain, other);
    expect(build.exitCode, show(build)).toBe(0);
    const [warning, ...more] = warnings(main);
    expect(more).toEqual([]);
    expect(warning).toMatch(/Dropped 2 of 3 paths restored from the GitHub Actions cache/);
    expect(warning).toContain(`${chain.outPaths[0]}: not validly signed by e2e-ghac-1`);
    expect(warning).toContain(`${chain.outPaths[1]}: it refers to a dropped path`);
    expect(chain.builds()).toEqual([2, 2]);
    expect(other.builds()).toEqual([1]);
    // The clean entry saved after it holds every path again, each signed: real Nix substitutes them all.
    const clean = await walkEntry(entryAt(service, 1), scratch);
    await expectSubstitutes(nix, `file://${clean.cacheDir}`, [chain.top, other.top], keys.publicKey);
  });
});

describe("when the cache service fails, the build goes on", () => {
  test("a 429 on restore: one call, a warning that it is not retried, a working build, no save", async () => {
    const service = await newStandIn();
    service.fault = { kind: "rate-limit", retryAfterSeconds: 60 };
    const built = await closure("limited", 1);
    const { main, build, post } = await runJob(newJob(service.env()), {}, built);
    expect(build.exitCode, show(build)).toBe(0);
    expect(built.builds()).toEqual([1]);
    const [warning, ...more] = warnings(main);
    expect(more).toEqual([]);
    expect(warning).toMatch(/HTTP 429\). @actions\/cache does not retry that, and neither does this action/);
    expect(warning).toMatch(/The build goes on without this cache\.$/);
    expect(main.outputs.substituter ?? "").toBe("");
    // Post says once that it pushes nothing, and why, instead of trying the cache again.
    expect(warnings(post)).toEqual([
      expect.stringMatching(/^Nothing is pushed: in setup, the GitHub Actions cache could not be restored/),
    ]);
    expect(service.apiCalls()).toEqual(["GetCacheEntryDownloadURL"]);
  });

  test("a 429 on save: a warning from post, and the next job restores no broken entry", async () => {
    const service = await newStandIn();
    const built = await closure("limited-save", 1);
    const job = newJob(service.env(), { name: "save429" });
    const main = await runAction(job, "main", { inputs: { pushFilter: ONLY_OURS } });
    expect(main.exitCode, show(main)).toBe(0);
    expect((await runShellStep(job, `nix-store -r ${built.drvPaths.join(" ")}`)).exitCode).toBe(0);
    service.fault = { kind: "rate-limit" };
    const post = await runAction(job, "post", { inputs: { pushFilter: ONLY_OURS } });
    expect(post.exitCode, show(post)).toBe(0);
    expect(warnings(post).join("\n")).toMatch(/could not be saved .*HTTP 429.*does not retry that/);
    expect(service.apiCalls()).toEqual(["GetCacheEntryDownloadURL", "CreateCacheEntry"]);
    expect(service.visibleEntries()).toEqual([]);

    service.fault = undefined;
    await forget(built);
    const next = await runJob(newJob(service.env(), { name: "save429" }), { pushFilter: ONLY_OURS }, built);
    expect(warnings(next.main)).toEqual([]);
    expect(built.builds()).toEqual([2]);
    expect(service.visibleEntries()).toHaveLength(1);
  });

  test("a dead service: setup and post warn, the build works", async () => {
    const built = await closure("dead", 1);
    const { main, build, post } = await runJob(
      newJob({
        ACTIONS_RESULTS_URL: await deadServiceUrl(),
        ACTIONS_RUNTIME_TOKEN: "x.e30.x",
        ACTIONS_CACHE_SERVICE_V2: "True",
      }),
      {},
      built,
    );
    expect(build.exitCode, show(build)).toBe(0);
    expect(warnings(main).join("\n")).toMatch(/could not be restored .*ECONNREFUSED/);
    expect(post.exitCode).toBe(0);
  });
});

describe("other runs", () => {
  test("a failed job still saves the valid paths it built", async () => {
    const service = await newStandIn();
    const partial = await closure("partial", 2, { failAt: 1 });
    const { build } = await runJob(newJob(service.env()), { pushFilter: ONLY_OURS }, partial);
    expect(build.exitCode).not.toBe(0);
    const walked = await walkEntry(entryAt(service, 0), scratch);
    expect([...walked.narinfos.keys()]).toEqual([hashPart(partial.outPaths[0] ?? "")]);
  });

  test("a restored entry of 40 paths is signed for the job, and substituted", async () => {
    const service = await newStandIn();
    const many = await closure("many", 40);
    await runJob(newJob(service.env(), { name: "many" }), { pushFilter: ONLY_OURS }, many);
    await forget(many);
    const { build } = await runJob(newJob(service.env(), { name: "many" }), { pushFilter: ONLY_OURS }, many);
    expect(build.exitCode, show(build)).toBe(0);
    expect(many.builds().every((count) => count === 1)).toBe(true);
    for (const p of many.outPaths) expect(inStore(p), p).toBe(true);
  });

  test("the legacy v1 service (GitHub Enterprise Server) works the same", async () => {
    const service = await newStandIn();
    const built = await closure("legacy", 1);
    await runJob(newJob(service.env({ v1: true }), { name: "legacy" }), { pushFilter: ONLY_OURS }, built);
    await forget(built);
    const { build } = await runJob(
      newJob(service.env({ v1: true }), { name: "legacy" }),
      { pushFilter: ONLY_OURS },
      built,
    );
    expect(build.exitCode, show(build)).toBe(0);
    expect(built.builds()).toEqual([1]);
    expect(service.apiCalls()).toEqual([
      "v1 GET cache",
      "v1 POST caches",
      "v1 PATCH caches/:id",
      "v1 POST caches/:id",
      "v1 GET cache",
    ]);
  });
});
