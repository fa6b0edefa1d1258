/**
 * Acceptance tests: the committed bundles in dist/ run as the GitHub runner runs them (helpers/runner.ts),
 * against this machine's real Nix, with a file:// binary cache. Black-box: only inputs, outputs, file commands,
 * annotations, the cache directory and what real Nix makes of it are looked at. Nix is the judge of every cache:
 * a fresh store must substitute from it, trusting exactly one key, and verify what it got.
 */
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hashPartOf as hashPart } from "../../src/lib/store-path.js";
import { SEGMENT_BYTES } from "../../src/push/stage-nar.js";
import {
  expectSubstitutes,
  generateKeyPair,
  type KeyPair,
  nixCopyTo,
  substituteInto,
} from "../helpers/nix/binary-cache.js";
import {
  type Closure,
  closurePaths,
  instantiateClosure,
  queryClosure,
  realiseClosure,
} from "../helpers/nix/closures.js";
import { createNixEnv, type NixEnv, run, runOk } from "../helpers/nix/env.js";
import { createNixShim, type NixShim } from "../helpers/nix/logging-shim.js";
import { deleteStorePaths, freshStore, inStore } from "../helpers/nix/store.js";
import { world } from "../helpers/nix/world.js";
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
import { zstdFrames } from "../helpers/zstd.js";

const KEY_NAME = "e2e-cache-1";

let nix: NixEnv;
/** The cache's key pair. */
let keys: KeyPair;
/** Same key name, other key: what an attacker would use. */
let impostor: KeyPair;
/** Another cache's key pair. */
let stranger: KeyPair;
let scratch: string;
const jobs: Job[] = [];
/** Store paths to delete at the end so the shared store does not grow with every run. */
const built: Closure[] = [];

beforeAll(async () => {
  nix = createNixEnv();
  scratch = mkdtempSync(path.join(tmpdir(), "nbca-e2e-"));
  keys = await generateKeyPair(nix, KEY_NAME);
  impostor = await generateKeyPair(nix, KEY_NAME);
  stranger = await generateKeyPair(nix, "e2e-other-cache-1");
});

afterAll(async () => {
  for (const job of jobs) job.cleanup();
  if (nix) await deleteStorePaths(nix, closurePaths(...built));
  nix?.cleanup();
  if (scratch) removeTree(scratch);
});

// ---------------------------------------------------------------------------------------------------------------
// Helpers local to these tests

interface Cache {
  readonly dir: string;
  readonly url: string;
}

/** A cache that does not exist yet, as after a cache miss of actions/cache: the action must create it. */
function newCache(): Cache {
  const dir = path.join(mkdtempSync(path.join(scratch, "c-")), "cache");
  return { dir, url: `file://${dir}` };
}

function newJob(options: JobOptions = {}): Job {
  const job = new Job({ ...options, env: { ...nix.env, ...(options.env ?? {}) } });
  jobs.push(job);
  return job;
}

async function instantiate(spec: Parameters<typeof instantiateClosure>[1]): Promise<Closure> {
  const closure = await instantiateClosure(nix, spec);
  built.push(closure);
  return closure;
}

/** Builds in a later step of `job`, i.e. with the env that setup exported (the cache as a substituter). */
async function buildInJob(job: Job, ...closures: Closure[]): Promise<void> {
  for (const closure of closures) await realiseClosure(closure, stepEnv(job));
}

function expectSuccess(step: StepResult): void {
  expect(step.exitCode, show(step)).toBe(0);
}

/** The 32-character hash part that names a path's narinfo. */

interface CacheListing {
  readonly cacheInfo: string | undefined;
  /** hash part → narinfo text */
  readonly narinfos: Map<string, string>;
  /** file name under nar/ → size */
  readonly nars: Map<string, number>;
}

function listCache(cache: Cache): CacheListing {
  const narinfos = new Map<string, string>();
  const nars = new Map<string, number>();
  let cacheInfo: string | undefined;
  if (existsSync(cache.dir)) {
    for (const name of readdirSync(cache.dir)) {
      const match = /^([0-9a-z]{32})\.narinfo$/.exec(name);
      if (match?.[1]) narinfos.set(match[1], readFileSync(path.join(cache.dir, name), "utf8"));
    }
    const infoFile = path.join(cache.dir, "nix-cache-info");
    if (existsSync(infoFile)) cacheInfo = readFileSync(infoFile, "utf8");
    const narDir = path.join(cache.dir, "nar");
    if (existsSync(narDir)) {
      for (const name of readdirSync(narDir)) nars.set(name, statSync(path.join(narDir, name)).size);
    }
  }
  return { cacheInfo, narinfos, nars };
}

/** A narinfo's fields; every key must occur once except Sig. */
function narinfoField(text: string, key: string): string | undefined {
  const values = text
    .split("\n")
    .filter((line) => line.startsWith(`${key}: `) || line === `${key}:`)
    .map((line) => line.slice(key.length + 2));
  if (values.length > 1) throw new Error(`${key} occurs ${values.length} times in\n${text}`);
  return values[0];
}

function sortedHashParts(paths: readonly string[]): string[] {
  return paths.map(hashPart).sort();
}

function pushedHashParts(cache: Cache): string[] {
  return [...listCache(cache).narinfos.keys()].sort();
}

/** Outputs that count paths must be decimal integers; an unset one reads as "" in a workflow. */
function count(step: StepResult, output: string): number {
  const value = step.outputs[output];
  expect(value, `output ${output} in ${JSON.stringify(step.outputs)}`).toMatch(/^\d+$/);
  return Number(value);
}

/**
 * The cache holds nothing, and post says so in its outputs: even one whose inputs are as invalid as they were for
 * the failed setup, which workflows reading the outputs still get numbers from.
 */
function expectNothingPushed(post: StepResult, cache: Cache): void {
  const listing = listCache(cache);
  expect([...listing.narinfos.keys()]).toEqual([]);
  expect([...listing.nars.keys()]).toEqual([]);
  expect(post.outputs).toMatchObject({ pushedPaths: "0", pushedBytes: "0", skippedPaths: "0" });
}

/** Runs main and post around `between` (the job's later steps) in a new job. */
async function jobRun(
  inputs: Record<string, string>,
  between: (job: Job) => Promise<void>,
  options: JobOptions = {},
): Promise<{ job: Job; main: StepResult; post: StepResult }> {
  const job = newJob(options);
  const main = await runAction(job, "main", { inputs });
  expectSuccess(main);
  await between(job);
  // The runner evaluates `with:` again for post: the same inputs.
  const post = await runAction(job, "post", { inputs });
  return { job, main, post };
}

// ---------------------------------------------------------------------------------------------------------------

describe("setup adds the cache as a substituter for later steps", () => {
  test("a read-only job substitutes what a pushing job pushed; without the action it cannot", async () => {
    const cache = newCache();
    const closure = await instantiate({ count: 2, label: "roundtrip" });

    const first = newJob({ name: "push" });
    const main1 = await runAction(first, "main", {
      inputs: { cacheUrl: cache.url, signingKey: keys.secretKey },
    });
    expectSuccess(main1);
    expect(main1.outputs.publicKey).toBe(keys.publicKey);
    expect(main1.outputs.substituter ?? "").toContain(cache.url);
    await buildInJob(first, closure);
    const post1 = await runAction(first, "post", {
      inputs: { cacheUrl: cache.url, signingKey: keys.secretKey },
    });
    expectSuccess(post1);
    expect(pushedHashParts(cache)).toEqual(sortedHashParts(closure.outPaths));

    await deleteStorePaths(nix, [...closure.outPaths].reverse());
    for (const p of closure.outPaths) expect(inStore(p), p).toBe(false);
    // The job's nix.conf has no substituter and --max-jobs 0 forbids building: nothing can produce the path...
    const without = await run("nix-store", ["-r", "--max-jobs", "0", closure.top], nix.env);
    expect(without.exitCode, without.stderr).not.toBe(0);

    // ...except the substituter that setup adds. The user's own NIX_CONFIG must survive setup's changes.
    const second = newJob({ name: "pull", env: { NIX_CONFIG: "connect-timeout = 7" } });
    const main2 = await runAction(second, "main", {
      inputs: { cacheUrl: cache.url, publicKey: keys.publicKey },
    });
    expectSuccess(main2);
    const realise = await runShellStep(second, `nix-store -r --max-jobs 0 ${closure.top}`);
    expectSuccess(realise);
    for (const p of closure.outPaths) expect(inStore(p), p).toBe(true);
    const config = await runShellStep(second, "nix --extra-experimental-features nix-command show-config");
    expectSuccess(config);
    expect(config.stdout).toMatch(/^connect-timeout = 7$/m);

    // Read-only (no signing key): the substituted paths are new since setup, but nothing may be pushed.
    const before = listCache(cache);
    const post2 = await runAction(second, "post", {
      inputs: { cacheUrl: cache.url, publicKey: keys.publicKey },
    });
    expectSuccess(post2);
    expect(listCache(cache)).toEqual(before);
  });
});

describe("post pushes the new paths of a real build", () => {
  const cache = { dir: "", url: "" };
  let closure: Closure;
  let main: StepResult;
  let post: StepResult;

  beforeAll(async () => {
    Object.assign(cache, newCache());
    // Instantiated before setup, so the outputs are exactly the paths that are new since setup.
    closure = await instantiate({ count: 3, label: "push", selfReference: true });
    ({ main, post } = await jobRun({ cacheUrl: cache.url, signingKey: keys.secretKey }, (job) =>
      buildInJob(job, closure),
    ));
  });

  test("the cache holds nix-cache-info, one narinfo per new path and its zstd NAR", async () => {
    expectSuccess(main);
    expectSuccess(post);
    const listing = listCache(cache);
    expect(listing.cacheInfo).toMatch(/^StoreDir: \/nix\/store$/m);
    expect([...listing.narinfos.keys()].sort()).toEqual(sortedHashParts(closure.outPaths));

    const referenced = new Set<string>();
    for (const storePath of closure.outPaths) {
      const text = listing.narinfos.get(hashPart(storePath)) ?? "";
      expect(text.endsWith("\n"), text).toBe(true);
      expect(narinfoField(text, "StorePath")).toBe(storePath);
      expect(narinfoField(text, "Compression")).toBe("zstd");
      const url = narinfoField(text, "URL") ?? "";
      expect(url).toMatch(/^nar\/[0-9abcdfghijklmnpqrsvwxyz]{52}\.nar\.zst$/);
      const narFile = path.join(cache.dir, url);
      referenced.add(path.basename(url));
      // FileHash and FileSize are not signed, but they must describe the file.
      expect(narinfoField(text, "FileSize")).toBe(String(statSync(narFile).size));
      const fileHash = (
        await runOk("nix-hash", ["--type", "sha256", "--flat", "--base32", narFile], nix.env)
      ).trim();
      expect(narinfoField(text, "FileHash")).toBe(`sha256:${fileHash}`);
      expect(url).toBe(`nar/${fileHash}.nar.zst`);
      expect(narinfoField(text, "NarHash")).toBe(
        (await runOk("nix-store", ["-q", "--hash", storePath], nix.env)).trim(),
      );
      expect(narinfoField(text, "NarSize")).toBe(
        (await runOk("nix-store", ["-q", "--size", storePath], nix.env)).trim(),
      );
    }
    // No stray NARs (e.g. of a path whose narinfo was never written).
    expect([...listing.nars.keys()].sort()).toEqual([...referenced].sort());
  });

  test("a fresh store substitutes the closure, trusting the public key, and verifies its contents", async () => {
    await expectSubstitutes(nix, cache.url, [closure.top], keys.publicKey, (store) => {
      for (const p of closure.outPaths) expect(store.has(p), p).toBe(true);
    });
  });

  test.each([
    ["an impostor key with the cache's key name", () => impostor.publicKey],
    ["another cache's key", () => stranger.publicKey],
  ])("a fresh store refuses the cache when it trusts %s", async (_what, trusted) => {
    const store = freshStore();
    try {
      const result = await substituteInto(nix, store, [closure.top], {
        substituter: cache.url,
        trustedPublicKeys: trusted(),
      });
      expect(result.realise.exitCode).not.toBe(0);
      expect(result.realise.stderr).toMatch(/not signed by any of the keys/);
      for (const p of closure.outPaths) expect(store.has(p), p).toBe(false);
    } finally {
      store.cleanup();
    }
  });

  test("the outputs and the job summary report what was pushed", () => {
    const listing = listCache(cache);
    expect(count(post, "pushedPaths")).toBe(closure.outPaths.length);
    expect(count(post, "pushedPaths")).toBe(listing.narinfos.size);
    expect(count(post, "skippedPaths")).toBe(0);
    expect(count(post, "pushedBytes")).toBe([...listing.nars.values()].reduce((a, b) => a + b, 0));
    expect(post.summary).toMatch(/push/i);
    expect(post.summary).toMatch(new RegExp(`\\b${closure.outPaths.length}\\b`));
  });

  test("every narinfo equals what `nix copy` writes, but for URL, FileHash and FileSize", async () => {
    const reference: Cache = newCache();
    await nixCopyTo(nix, reference.url, keys.secretKeyFile, [closure.top]);
    const theirs = listCache(reference).narinfos;
    const ours = listCache(cache).narinfos;
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    // The zstd CLI and other encoders may frame the same data differently: only these lines may differ.
    const comparable = (text: string) =>
      text
        .split("\n")
        .filter((line) => !/^(URL|FileHash|FileSize):/.test(line))
        .join("\n");
    for (const [hash, text] of theirs) {
      expect(text).toMatch(/^Sig: /m);
      expect(comparable(ours.get(hash) ?? ""), `narinfo ${hash}`).toBe(comparable(text));
    }
  });

  test("a second job that builds nothing pushes nothing", async () => {
    const before = listCache(cache);
    const { post: again } = await jobRun({ cacheUrl: cache.url, signingKey: keys.secretKey }, async () => {});
    expectSuccess(again);
    expect(count(again, "pushedPaths")).toBe(0);
    expect(listCache(cache)).toEqual(before);
  });

  test("a job that fetches the pushed paths back from the cache pushes nothing and skips them", async () => {
    await deleteStorePaths(nix, [...closure.outPaths].reverse());
    for (const p of closure.outPaths) expect(inStore(p), p).toBe(false);
    const before = listCache(cache);
    const { post: again } = await jobRun({ cacheUrl: cache.url, signingKey: keys.secretKey }, async (job) => {
      expectSuccess(await runShellStep(job, `nix-store -r --max-jobs 0 ${closure.top}`));
    });
    expectSuccess(again);
    for (const p of closure.outPaths) expect(inStore(p), p).toBe(true);
    expect(count(again, "pushedPaths")).toBe(0);
    expect(count(again, "skippedPaths")).toBe(closure.outPaths.length);
    expect(listCache(cache)).toEqual(before);
  });
});

describe("integrity", () => {
  test("a path whose contents no longer match its NarHash is not uploaded; the rest is", async () => {
    const cache = newCache();
    const good = await instantiate({ count: 1, label: "intact" });
    const bad = await instantiate({ count: 1, label: "corrupt" });
    // Post's check is under test: a background pusher could push the path before the test damages it.
    const inputs = { cacheUrl: cache.url, signingKey: keys.secretKey, pushWhileBuilding: "false" };
    const { post } = await jobRun(inputs, async (job) => {
      await buildInJob(job, good, bad);
      // Same size, one byte changed: only the hash can tell.
      const file = world.hostPath(path.join(bad.top, "id"));
      const bytes = readFileSync(file);
      bytes[0] = (bytes[0] ?? 0) ^ 0x01;
      chmodSync(file, 0o644);
      writeFileSync(file, bytes);
      chmodSync(file, 0o444);
      const check = await run("nix-store", ["--verify-path", bad.top], nix.env);
      expect(check.exitCode, "Nix must see the corruption too").not.toBe(0);
    });
    try {
      expectSuccess(post);
      expect(pushedHashParts(cache)).toEqual([hashPart(good.top)]);
      const listing = listCache(cache);
      const goodUrl = narinfoField(listing.narinfos.get(hashPart(good.top)) ?? "", "URL") ?? "";
      expect([...listing.nars.keys()]).toEqual([path.basename(goodUrl)]);
      expect(
        messages(post, "warning").some((m) => m.includes(hashPart(bad.top))),
        show(post),
      ).toBe(true);
      expect(post.summary).toContain(hashPart(bad.top));
      expect(count(post, "pushedPaths")).toBe(1);
      expect(count(post, "skippedPaths")).toBe(1);

      await expectSubstitutes(nix, cache.url, [good.top], keys.publicKey);
    } finally {
      await deleteStorePaths(nix, [bad.top]);
    }
  });
});

describe("large paths", () => {
  test("post pushes a 300 MiB path with a 64 MB heap, in bounded memory, as many zstd frames, and Nix substitutes it", async () => {
    const cache = newCache();
    const big = await instantiate({ count: 1, label: "big", bigMiB: 300 });
    // Peak RSS of the post process, written by a preloaded module when it exits (the action is not touched).
    const rssFile = path.join(scratch, "post-max-rss");
    const probe = path.join(scratch, "rss-probe.mjs");
    writeFileSync(
      probe,
      `import { writeFileSync } from "node:fs";
process.on("exit", () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));
`,
    );
    // Post's own push is under test (its memory, its frames): no background pusher does it first.
    const inputs = { cacheUrl: cache.url, signingKey: keys.secretKey, pushWhileBuilding: "false" };
    const job = newJob();
    expectSuccess(await runAction(job, "main", { inputs }));
    await buildInJob(job, big);
    try {
      const post = await runAction(job, "post", {
        inputs,
        nodeArgs: ["--max-old-space-size=64", `--import=${probe}`],
        timeoutMs: 200_000,
      });
      expectSuccess(post);
      expect(count(post, "pushedPaths")).toBe(1);
      // Streaming keeps the process far below the path's size; holding the NAR in memory cannot.
      const maxRssMiB = Number(readFileSync(rssFile, "utf8")) / 1024;
      expect(maxRssMiB, "the probe measured something").toBeGreaterThan(16);
      expect(maxRssMiB, `peak RSS of post: ${maxRssMiB.toFixed(0)} MiB`).toBeLessThan(256);
      // One frame per segment of the NAR as Nix sizes it, compressed on every thread: this Nix must read them all.
      const [narName] = [...listCache(cache).nars.keys()];
      const frames = zstdFrames(readFileSync(path.join(cache.dir, "nar", narName ?? "")));
      const narSize = Number(await runOk("nix-store", ["-q", "--size", big.top], nix.env));
      expect(frames.length).toBe(Math.ceil(narSize / SEGMENT_BYTES));

      await expectSubstitutes(nix, cache.url, [big.top], keys.publicKey, (store) => {
        expect(statSync(path.join(store.dir, big.top, "blob")).size).toBe(300 * 1024 * 1024);
      });
    } finally {
      await deleteStorePaths(nix, [big.top]);
      removeTree(cache.dir);
    }
  }, 300_000);
});

describe("many paths", () => {
  test("a closure of 40 paths is signed, and a fresh store substitutes it", async () => {
    const cache = newCache();
    const closure = await instantiate({ count: 40, label: "many" });
    // Post's staging threads are under test: no background pusher does the push first.
    const { post } = await jobRun(
      { cacheUrl: cache.url, signingKey: keys.secretKey, pushWhileBuilding: "false" },
      (job) => buildInJob(job, closure),
    );
    expectSuccess(post);
    expect(count(post, "pushedPaths")).toBe(40);
    // The bundle found its staging threads (dist/action/stager.js) and did not stage on the main thread.
    expect(post.stdout).toMatch(/^::debug::Staging on \d+ thread\(s\)\.$/m);
    expect(post.stdout).not.toContain("Staging on the main thread");
    expect(pushedHashParts(cache)).toEqual(sortedHashParts(closure.outPaths));
    await expectSubstitutes(nix, cache.url, [closure.top], keys.publicKey, (store) => {
      for (const p of closure.outPaths) expect(store.has(p), p).toBe(true);
    });
  });
});

describe("Nix calls", () => {
  let shim: NixShim;
  beforeAll(() => {
    shim = createNixShim();
  });
  afterAll(() => shim?.cleanup());

  /**
   * The Nix calls made by main and post (not by the build step in between) for a closure of `size`; without the
   * background pusher, whose rounds depend on timing (its own calls are as few: one round's are those of post).
   */
  async function actionCalls(size: number) {
    const cache = newCache();
    const closure = await instantiate({ count: size, label: `calls${size}` });
    const inputs = { cacheUrl: cache.url, signingKey: keys.secretKey, pushWhileBuilding: "false" };
    const job = newJob({ path: [shim.dir] });
    const start = shim.calls().length;
    expectSuccess(await runAction(job, "main", { inputs }));
    const afterMain = shim.calls().length;
    await buildInJob(job, closure);
    const afterBuild = shim.calls().length;
    const post = await runAction(job, "post", { inputs });
    expectSuccess(post);
    const all = shim.calls();
    const build = all.slice(afterMain, afterBuild);
    // The shim is on the job's PATH: the build step's own nix-store call went through it.
    expect(build.some((c) => c.tool === "nix-store" && c.args.includes("-r"))).toBe(true);
    expect(count(post, "pushedPaths")).toBe(size);
    expect(pushedHashParts(cache)).toEqual(sortedHashParts(closure.outPaths));
    return [...all.slice(start, afterMain), ...all.slice(afterBuild)];
  }

  test("no `nix copy`, no `nix store sign`, and as many calls for 12 paths as for 2", async () => {
    const small = await actionCalls(2);
    const large = await actionCalls(12);
    for (const call of [...small, ...large]) {
      const argv = [call.tool, ...call.args].join(" ");
      expect(call.tool === "nix" && call.args.includes("copy"), argv).toBe(false);
      expect(call.tool === "nix" && call.args.includes("sign"), argv).toBe(false);
      expect(call.tool, argv).not.toBe("nix-copy-closure");
    }
    const describeCalls = (calls: typeof small) =>
      calls.map((c) => [c.tool, ...c.args.slice(0, 4)].join(" "));
    expect(
      large.length,
      JSON.stringify({ small: describeCalls(small), large: describeCalls(large) }, null, 1),
    ).toBe(small.length);
  });
});

describe("bad input", () => {
  /** Setup must fail, say which input is wrong, and never show the secret. */
  function expectInputError(main: StepResult, input: string, secrets: readonly string[]): void {
    expect(main.exitCode, show(main)).not.toBe(0);
    expect(main.timedOut).toBe(false);
    const errors = messages(main, "error");
    expect(
      errors.some((m) => m.includes(input)),
      `an ::error:: naming ${input}; got ${JSON.stringify(errors)}`,
    ).toBe(true);
    for (const secret of secrets) {
      for (const message of main.annotations.map((a) => a.message)) expect(message).not.toContain(secret);
      expect(main.maskedLog).not.toContain(secret);
    }
  }

  const base64 = (bytes: Buffer) => bytes.toString("base64");
  const secretBytes = () => Buffer.from(keys.secretKey.slice(keys.secretKey.indexOf(":") + 1), "base64");
  const malformed: [string, () => string][] = [
    ["not base64", () => `${KEY_NAME}:this-is-not-base64-but-it-is-secret!!`],
    ["63 bytes", () => `${KEY_NAME}:${base64(secretBytes().subarray(0, 63))}`],
    ["the public key", () => keys.publicKey],
    [
      "a public half that does not belong to the seed",
      () => {
        const bytes = secretBytes();
        bytes[63] = (bytes[63] ?? 0) ^ 0xff;
        return `${KEY_NAME}:${base64(bytes)}`;
      },
    ],
    ["no key name", () => base64(secretBytes())],
  ];

  test.each(malformed)("a malformed signingKey (%s) fails setup without showing it", async (_what, make) => {
    const signingKey = make();
    const cache = newCache();
    const job = newJob();
    const main = await runAction(job, "main", { inputs: { cacheUrl: cache.url, signingKey } });
    const secretPart = signingKey.slice(signingKey.indexOf(":") + 1);
    expectInputError(main, "signingKey", [signingKey, secretPart]);
    // post-if: always() runs post after the failed setup: it must not push anything either.
    const post = await runAction(job, "post", { inputs: { cacheUrl: cache.url, signingKey } });
    expect(post.timedOut).toBe(false);
    // It runs as post (the bundle is the same as main's): a warning at most, never setup's error again.
    expect(post.exitCode, show(post)).toBe(0);
    expect(messages(post, "error")).toEqual([]);
    expect(post.maskedLog).not.toContain(secretPart);
    expectNothingPushed(post, cache);
  });

  test.each([
    [
      "a line and a setting in a cacheUrl",
      "cacheUrl",
      { cacheUrl: "file:///srv/cache%0apost-build-hook%20=%20/tmp/hook.sh" },
    ],
    ["a path with a space", "cacheUrl", { cacheUrl: "file:///srv/my cache" }],
    ["file:////", "cacheUrl", { cacheUrl: "file:////" }],
    ["a relative file: URL", "cacheUrl", { cacheUrl: "file:relative" }],
    ["an encoded slash", "cacheUrl", { cacheUrl: "file:///srv/a%2Fb" }],
    [
      "lines in a publicKey",
      "publicKey",
      {
        cacheUrl: "file:///srv/cache",
        publicKey:
          "k\npost-build-hook = /x\nextra-trusted-public-keys = k2:rFjR3jTjc8PoZRNM/TV1mdHUF25V4W+wbOI0WwWCN+Q=",
      },
    ],
  ])(
    "%s fails setup naming the input, and nothing reaches Nix's configuration",
    async (_what, input, inputs) => {
      const job = newJob();
      const main = await runAction(job, "main", { inputs });
      expectInputError(main, input, []);
      expect(main.exportedEnv).toEqual({});
      expect(job.exportedEnv).toEqual({});
    },
  );

  test("cacheUrl and name together fail setup", async () => {
    const cache = newCache();
    const main = await runAction(newJob(), "main", {
      inputs: { cacheUrl: cache.url, name: "some-cachix-cache", signingKey: keys.secretKey },
    });
    expectInputError(main, "cacheUrl", [keys.secretKey.slice(KEY_NAME.length + 1)]);
    expect(messages(main, "error").some((m) => m.includes("name"))).toBe(true);
  });

  test.each([
    ["a key of another cache", () => stranger.publicKey],
    ["an impostor key with the same name", () => impostor.publicKey],
  ])("a publicKey that does not match signingKey (%s) fails setup", async (_what, publicKey) => {
    const main = await runAction(newJob(), "main", {
      inputs: { cacheUrl: newCache().url, signingKey: keys.secretKey, publicKey: publicKey() },
    });
    expectInputError(main, "publicKey", [keys.secretKey.slice(KEY_NAME.length + 1)]);
  });

  test("an empty signingKey (a pull request from a fork) is read-only: a notice, and nothing pushed", async () => {
    const cache = newCache();
    const closure = await instantiate({ count: 1, label: "fork" });
    const inputs = { cacheUrl: cache.url, publicKey: keys.publicKey, signingKey: "" };
    const { main, post } = await jobRun(inputs, (job) => buildInJob(job, closure));
    expect(messages(main, "error")).toEqual([]);
    // One notice that says why nothing will be pushed.
    const notices = messages(main, "notice");
    expect(notices, show(main)).toHaveLength(1);
    expect(notices[0]).toContain("signingKey");
    expect(notices[0]).toMatch(/read-only|only reads|pushes nothing|nothing is pushed/i);
    expectSuccess(post);
    expectNothingPushed(post, cache);
  });
});

describe("choosing what to push", () => {
  test("skipPush: true pushes nothing", async () => {
    const cache = newCache();
    const closure = await instantiate({ count: 2, label: "skip" });
    const { post } = await jobRun(
      { cacheUrl: cache.url, signingKey: keys.secretKey, skipPush: "true" },
      (job) => buildInJob(job, closure),
    );
    expectSuccess(post);
    expectNothingPushed(post, cache);
  });

  test("pushFilter leaves out matching new paths, but not those a pushed path references", async () => {
    const cache = newCache();
    const filtered = await instantiate({ count: 1, label: "filtered" });
    // kept-0 matches the filter too, but kept-1 references it: it must go to the cache with kept-1.
    const kept = await instantiate({ count: 2, label: "kept" });
    const { post } = await jobRun(
      { cacheUrl: cache.url, signingKey: keys.secretKey, pushFilter: "-nbca-filtered-|-nbca-kept-0$" },
      (job) => buildInJob(job, filtered, kept),
    );
    expectSuccess(post);
    expect(pushedHashParts(cache)).toEqual(sortedHashParts(kept.outPaths));
    expect(count(post, "pushedPaths")).toBe(2);
    expect(count(post, "skippedPaths")).toBe(1);
  });

  test("a path signed by an upstream key is not pushed; an unsigned one is", async () => {
    const cache = newCache();
    const upstream = await generateKeyPair(nix, "e2e-upstream-1");
    const signed = await instantiate({ count: 1, label: "upstream" });
    const unsigned = await instantiate({ count: 1, label: "local" });
    const { post } = await jobRun(
      {
        cacheUrl: cache.url,
        signingKey: keys.secretKey,
        upstreamKeys: `${stranger.publicKey}\n  ${upstream.publicKey}`,
      },
      async (job) => {
        // Nix signs what it builds with secret-key-files: this path carries an upstream signature, as if it had
        // been substituted from that cache.
        const env = stepEnv(job);
        await realiseClosure(signed, {
          ...env,
          NIX_CONFIG: `${env.NIX_CONFIG ?? ""}\nsecret-key-files = ${upstream.secretKeyFile}`,
        });
        await realiseClosure(unsigned, env);
        const info = await runOk(
          "nix",
          ["--extra-experimental-features", "nix-command", "path-info", "--sigs", signed.top],
          nix.env,
        );
        expect(info, "the path is signed upstream").toContain("e2e-upstream-1:");
      },
    );
    expectSuccess(post);
    expect(pushedHashParts(cache)).toEqual([hashPart(unsigned.top)]);
    expect(count(post, "pushedPaths")).toBe(1);
    expect(count(post, "skippedPaths")).toBe(1);
  });

  test("pathsToPush: entries that are not store paths are named under the input, and the valid one is pushed", async () => {
    const cache = newCache();
    const chain = await instantiate({ count: 2, label: "among-bad" });
    const pathsToPush = `/nix/store/nope ${chain.top} /nix/store/.links`;
    const { post } = await jobRun({ cacheUrl: cache.url, signingKey: keys.secretKey, pathsToPush }, (job) =>
      buildInJob(job, chain),
    );
    expectSuccess(post);
    expect(pushedHashParts(cache)).toEqual(sortedHashParts(chain.outPaths));
    expect(messages(post, "warning")).toEqual([
      "Input 'pathsToPush': not a valid store path of this store, so not pushed: /nix/store/nope, /nix/store/.links",
    ]);
  });

  test("pathsToPush pushes exactly the closure of the given path", async () => {
    const cache = newCache();
    const chain = await instantiate({ count: 3, label: "chosen" });
    const other = await instantiate({ count: 1, label: "unchosen" });
    const chosen = chain.outPaths[1] ?? "";
    const { post } = await jobRun(
      { cacheUrl: cache.url, signingKey: keys.secretKey, pathsToPush: chosen },
      (job) => buildInJob(job, chain, other),
    );
    expectSuccess(post);
    const expected = await queryClosure(nix, [chosen]);
    expect(expected).toHaveLength(2);
    expect(pushedHashParts(cache)).toEqual(sortedHashParts(expected));
    expect(count(post, "pushedPaths")).toBe(2);
  });
});
