/**
 * What the http(s):// acceptance tests share: a Nix that forgets narinfo misses at once, jobs that each have a fresh
 * XDG_CACHE_HOME (Nix remembers look-ups there), pushes of exactly one new closure, substitution into fresh chroot
 * stores, and a walk of a cache directory as a reader would do it.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { generateKeyPair, type KeyPair } from "../nix/binary-cache.js";
import { type Closure, closurePaths, instantiateClosure, realiseClosure } from "../nix/closures.js";
import { createNixEnv, type NixEnv } from "../nix/env.js";
import { deleteStorePaths, freshStore } from "../nix/store.js";
import { removeTree } from "../remove-tree.js";
import { Job, messages, runAction, runShellStep, type StepResult, show, stepEnv } from "../runner.js";

export interface HttpJobs {
  readonly nix: NixEnv;
  readonly keys: KeyPair;
  readonly scratch: string;
  /** A job whose Nix has never looked anything up. */
  newJob(name: string): Job;
  /** A directory for Nix's look-up cache that nothing has used. */
  freshCacheHome(): string;
  /**
   * Setup, build, post, pushing exactly a new closure: `pathsToPush` names its top output (known before it is
   * built), so other builds in the shared store never count. `beforePost` runs between build and post.
   */
  pushJob(
    cacheInputs: Record<string, string>,
    label: string,
    options?: { count?: number; beforePost?: (closure: Closure) => void },
  ): Promise<{ job: Job; main: StepResult; post: StepResult; closure: Closure }>;
  cleanup(): Promise<void>;
}

export async function createHttpJobs(): Promise<HttpJobs> {
  const nix = createNixEnv({ extraConf: "narinfo-cache-negative-ttl = 0" });
  const scratch = mkdtempSync(path.join(tmpdir(), "nbca-e2e-http-"));
  const keys = await generateKeyPair(nix, "e2e-http-1");
  const jobs: Job[] = [];
  const built: Closure[] = [];
  const freshCacheHome = () => mkdtempSync(path.join(scratch, "xdg-"));
  const newJob = (name: string) => {
    const job = new Job({ name, env: { ...nix.env, XDG_CACHE_HOME: freshCacheHome() } });
    jobs.push(job);
    return job;
  };
  return {
    nix,
    keys,
    scratch,
    newJob,
    freshCacheHome,
    pushJob: async (cacheInputs, label, options = {}) => {
      const closure = await instantiateClosure(nix, { count: options.count ?? 2, label });
      built.push(closure);
      const inputs = { ...cacheInputs, pathsToPush: closure.top };
      const job = newJob(`push-${label}`);
      const main = await runAction(job, "main", { inputs });
      expect(main.exitCode, show(main)).toBe(0);
      await realiseClosure(closure, stepEnv(job));
      options.beforePost?.(closure);
      const post = await runAction(job, "post", { inputs, timeoutMs: 300_000 });
      return { job, main, post, closure };
    },
    cleanup: async () => {
      for (const job of jobs) job.cleanup();
      await deleteStorePaths(nix, closurePaths(...built));
      nix.cleanup();
      removeTree(scratch);
    },
  };
}

/** The secret appears nowhere a user could read it: not in the masked log, annotations or summary. */
export function expectNotShown(step: StepResult, secret: string): void {
  expect(step.maskedLog).not.toContain(secret);
  expect(step.summary).not.toContain(secret);
  for (const annotation of step.annotations) expect(annotation.message).not.toContain(secret);
}

export { hashPartOf as hashPart } from "../../../src/lib/store-path.js";

/**
 * A later step of `job` realises `paths` in a fresh chroot store, unable to build: only substitution helps. Then it
 * re-hashes every substituted path against its registered NarHash, so the step succeeds only on the right bytes.
 */
export async function substituteInJob(job: Job, paths: readonly string[]) {
  const store = freshStore();
  try {
    const step = await runShellStep(
      job,
      `nix-store --store ${store.dir} -r --max-jobs 0 ${paths.join(" ")} && ` +
        `nix-store --store ${store.dir} --verify --check-contents`,
    );
    return { step, present: paths.filter((p) => store.has(p)) };
  } finally {
    store.cleanup();
  }
}

/** The netrc file setup pointed Nix at, from the NIX_CONFIG it exported. */
export function exportedNetrcFile(job: Job): string {
  return /^netrc-file = (.*)$/m.exec(job.exportedEnv.NIX_CONFIG ?? "")?.[1] ?? "";
}

/**
 * Walks a cache directory as a reader would: every narinfo's NAR must be there with its FileSize, and every
 * reference must have a narinfo. Returns the hash parts of the narinfos, sorted.
 */
export function walkCache(dir: string): string[] {
  // A missing directory is a wrong path or a cache never opened, not an empty cache: say so.
  expect(existsSync(path.join(dir, "nix-cache-info")), `${dir} is not a binary cache`).toBe(true);
  const narinfos = readdirSync(dir).filter((name) => /^[0-9a-z]{32}\.narinfo$/.test(name));
  for (const name of narinfos) {
    const text = readFileSync(path.join(dir, name), "utf8");
    const field = (key: string) => new RegExp(`^${key}: (.*)$`, "m").exec(text)?.[1] ?? "";
    const nar = path.join(dir, field("URL"));
    expect(existsSync(nar), `${name} points at a missing ${field("URL")}`).toBe(true);
    expect(String(statSync(nar).size), `${name}: FileSize`).toBe(field("FileSize"));
    for (const reference of field("References")
      .split(" ")
      .filter((r) => r !== "")) {
      expect(existsSync(path.join(dir, `${reference.slice(0, 32)}.narinfo`)), `${name} → ${reference}`).toBe(
        true,
      );
    }
  }
  return narinfos.map((name) => name.slice(0, 32)).sort();
}

export { messages, show };
