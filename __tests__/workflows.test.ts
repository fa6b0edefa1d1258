/**
 * The CI workflow: valid for GitHub's own parser, and shaped so that its self-test really proves something: one
 * job pushes with a signing key, a job that needs it reads with only the public key and may not build.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { createNixEnv, type NixEnv, runOk } from "./helpers/nix/env.js";
import { deleteStorePaths } from "./helpers/nix/store.js";
import { REPO_ROOT } from "./helpers/runner.js";

const WORKFLOW = path.join(REPO_ROOT, ".github", "workflows", "ci.yml");
const CLOSURE_NIX = path.join(REPO_ROOT, ".github", "self-test", "closure.nix");

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly id?: string;
  readonly with?: Record<string, unknown>;
}

interface WorkflowJob {
  readonly needs?: string | string[];
  readonly outputs?: Record<string, string>;
  readonly steps?: Step[];
}

const content = readFileSync(WORKFLOW, "utf8");
const workflow = parseYaml(content) as { jobs?: Record<string, WorkflowJob> };
const jobs = Object.entries(workflow.jobs ?? {});

function steps(job: WorkflowJob): Step[] {
  return job.steps ?? [];
}

function runs(job: WorkflowJob): string {
  return steps(job)
    .map((s) => s.run ?? "")
    .join("\n");
}

function needs(job: WorkflowJob): string[] {
  return job.needs === undefined ? [] : ([] as string[]).concat(job.needs);
}

function actionIndex(job: WorkflowJob): number {
  return steps(job).findIndex((s) => s.uses === "./");
}

function withOf(step: Step | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(step?.with ?? {}).map(([k, v]) => [k, String(v)]));
}

/** `file://${{ runner.temp }}/x` → `${{ runner.temp }}/x`: the directory the cache steps must carry. */
function cacheDirOf(job: WorkflowJob): string {
  const url = withOf(steps(job)[actionIndex(job)]).cacheUrl ?? "";
  expect(url).toMatch(/^file:\/\//);
  return url.slice("file://".length);
}

describe("ci.yml", () => {
  test("passes GitHub's workflow parser", () => {
    const result = parseWorkflow({ name: "ci.yml", content }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    expect(result.value).toBeDefined();
  });

  test("pins every action to a major tag", () => {
    const uses = jobs.flatMap(([, job]) => steps(job).map((s) => s.uses)).filter((u): u is string => !!u);
    expect(uses.length).toBeGreaterThan(0);
    for (const ref of uses.filter((u) => u !== "./")) expect(ref).toMatch(/^[\w.-]+\/[\w./-]+@v\d+$/);
  });

  test("lints, type-checks, tests with Nix, and checks that dist/ is rebuilt from the sources", () => {
    const byName = Object.fromEntries(jobs);
    expect(runs(byName.lint ?? {})).toMatch(/npm ci[\s\S]*npm run lint[\s\S]*npm run build/);
    const test = runs(byName.test ?? {});
    expect(test).toMatch(/nix/);
    expect(test).toMatch(/npm ci[\s\S]*npm test/);
    const checkDist = byName["check-dist"] ?? {};
    expect(runs(checkDist)).toMatch(
      /npm ci[\s\S]*rm -rf dist[\s\S]*npm run bundle[\s\S]*git diff[^\n]*--exit-code[^\n]*dist\//,
    );
    const upload = steps(checkDist).find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(upload?.if).toMatch(/failure\(\)/);
    expect(withOf(upload).path).toMatch(/^dist\/?$/);
  });

  describe("self-test", () => {
    // The job that uses the action with a signing key and builds, and the job that needs it and only reads.
    const push = jobs.find(([, job]) => {
      const action = steps(job)[actionIndex(job)];
      return action !== undefined && withOf(action).signingKey !== undefined;
    });
    const pull = jobs.find(
      ([, job]) => push !== undefined && needs(job).includes(push[0]) && actionIndex(job) >= 0,
    );

    test("a job pushes: cache step, then `uses: ./` with a signing key, then a build", () => {
      expect(push, "a job with `uses: ./` and signingKey").toBeDefined();
      const [, job] = push ?? ["", {}];
      const at = actionIndex(job);
      expect(withOf(steps(job)[at]).signingKey).toMatch(/\$\{\{.*\}\}/);
      // Post steps run last-in first-out: a cache step placed before ours saves after our push.
      const cacheAt = steps(job).findIndex((s) => /^actions\/cache@v\d+$/.test(s.uses ?? ""));
      expect(cacheAt).toBeGreaterThanOrEqual(0);
      expect(cacheAt).toBeLessThan(at);
      expect(withOf(steps(job)[cacheAt]).path).toBe(cacheDirOf(job));
      // Not the action's own scratch directory in RUNNER_TEMP, whose snapshot and compile cache are no cache's.
      expect(cacheDirOf(job)).not.toMatch(/^\$\{\{ runner\.temp \}\}\/nix-binary-cache(\/|$)/);
      const build = steps(job).findIndex(
        (s, i) => i > at && /nix-build[^\n]*self-test\/closure\.nix/.test(s.run ?? ""),
      );
      expect(build, "a build after `uses: ./`").toBeGreaterThan(at);
      expect(steps(job)[build]?.run).toMatch(/nonce[^\n]*github\.run_id/);
    });

    test("a job that needs it reads with only the public key and cannot build", () => {
      expect(pull, "a job that needs the push job and uses ./").toBeDefined();
      const [pushName, pushJob] = push ?? ["", {}];
      const [, job] = pull ?? ["", {}];
      const at = actionIndex(job);
      const inputs = withOf(steps(job)[at]);
      expect(inputs.signingKey).toBeUndefined();
      // The public key comes from the push job's outputs, and that output exists.
      const match = new RegExp(`^\\$\\{\\{\\s*needs\\.${pushName}\\.outputs\\.(\\w+)\\s*\\}\\}$`).exec(
        inputs.publicKey ?? "",
      );
      expect(match, `publicKey: ${inputs.publicKey}`).not.toBeNull();
      expect(pushJob.outputs?.[match?.[1] ?? ""]).toBeDefined();
      // The cache directory is restored, with the push job's key, before the action reads it.
      const restoreAt = steps(job).findIndex((s) => /^actions\/cache(\/restore)?@v\d+$/.test(s.uses ?? ""));
      expect(restoreAt).toBeGreaterThanOrEqual(0);
      expect(restoreAt).toBeLessThan(at);
      const pushCache = steps(pushJob).find((s) => /^actions\/cache@v\d+$/.test(s.uses ?? ""));
      expect(withOf(steps(job)[restoreAt]).key).toBe(withOf(pushCache).key);
      expect(withOf(steps(job)[restoreAt]).path).toBe(cacheDirOf(job));
      expect(cacheDirOf(job)).toBe(cacheDirOf(pushJob));
      // Realising with --max-jobs 0 after setup: only substitution can succeed.
      const realise = steps(job).findIndex((s, i) => i > at && /nix-store -r --max-jobs 0/.test(s.run ?? ""));
      expect(realise).toBeGreaterThan(at);
      expect(steps(job)[realise]?.run).toMatch(/needs\.[\w-]+\.outputs\.\w+/);
    });
  });
});

describe(".github/self-test/closure.nix", () => {
  let nix: NixEnv;
  const made: string[] = [];
  beforeAll(() => {
    nix = createNixEnv();
  });
  afterAll(async () => {
    // nix-store --delete orders the given paths itself (referrers first).
    if (nix) await deleteStorePaths(nix, made);
    nix?.cleanup();
  });

  const lines = (text: string) => text.split("\n").filter((l) => l !== "");

  /** Instantiates and builds the self-test closure as the workflow does, remembering every path for clean-up. */
  async function build(nonce: string): Promise<{ out: string; closure: string[] }> {
    const drv = (await runOk("nix-instantiate", [CLOSURE_NIX, "--argstr", "nonce", nonce], nix.env)).trim();
    made.push(...lines(await runOk("nix-store", ["-qR", drv], nix.env)));
    const out = (await runOk("nix-store", ["-r", drv], nix.env)).trim();
    const closure = lines(await runOk("nix-store", ["-qR", out], nix.env));
    made.push(...closure);
    return { out, closure };
  }

  test("builds a closure of two paths, with a reference, that is new for every nonce", async () => {
    const nonce = `test-${process.pid}-${Date.now()}`;
    const first = await build(nonce);
    expect(first.closure).toHaveLength(2);
    expect(readFileSync(first.out, "utf8")).toContain(nonce);
    const second = await build(`${nonce}-again`);
    expect(second.closure).toHaveLength(2);
    for (const p of second.closure) expect(first.closure).not.toContain(p);
  });
});

describe("README.md", () => {
  test("its workflows (the examples with `jobs:`) pass GitHub's workflow parser", () => {
    const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const examples = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m) => m[1] ?? "")
      .filter((yaml) => /^jobs:/m.test(yaml));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) {
      const content = /^on:/m.test(example) ? example : `on: push\n${example}`;
      const result = parseWorkflow({ name: "README.yml", content }, new NoOperationTraceWriter());
      expect(
        result.context.errors.getErrors().map((e) => e.message),
        example,
      ).toEqual([]);
    }
  });
});
