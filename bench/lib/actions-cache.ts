/**
 * Scenario (g): what the Actions cache mode costs each job, counted at the service (the tests' stand-in, bundled by
 * the bench): blob bytes up and down, API calls and new entries, and the bytes stored across all entries — for the
 * action as it is (`now`) and for the bundles of an earlier commit (`before`, the whole-directory design), on the
 * same paths in the same run. Three shapes of work:
 *   line    a job that builds a base (about 300 MB of NAR at full size), then five runs on fresh runners that each
 *           substitute the base and add one new path of about 5 MB
 *   lint    another job of the workflow that builds nothing
 *   matrix  three legs of one job over two rounds, each adding a path of its own on top of the base; the legs run
 *           one after the other (the stand-in is one process), so each sees what the leg before it saved
 * A fresh runner is the same store directory emptied of outputs: store paths depend on it.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { generatorExpression, type PathSpec, pushDataset } from "./dataset.ts";
import { createStore, deletePaths, lines } from "./nix.ts";
import { runOk } from "./proc.ts";
import { createJob, runStep, type StepResult } from "./steps.ts";

interface StandIn {
  readonly calls: readonly { readonly name: string; readonly api: string }[];
  env(options?: { v1?: boolean; token?: string }): Record<string, string>;
  blobBytes(): { up: number; down: number };
  visibleEntries(): { readonly key: string; readonly size: number; readonly data?: Buffer }[];
  stop(): Promise<void>;
}
interface StandInModule {
  ActionsCacheStandIn: { start(): Promise<StandIn> };
  decodeIndex(
    bytes: Buffer,
    storeDir: string,
  ): { index: { paths: Map<string, { info: { fileSize: number } }> } };
}

export interface GhacOptions {
  readonly root: string;
  readonly node: string;
  readonly generator: string;
  /** The bundles measured, by name: `now`, and `before` when an earlier commit's were extracted. */
  readonly dists: Readonly<Record<string, string>>;
  /** The bundled stand-in (bench/probe/actions-cache-service.ts). */
  readonly standIn: string;
  readonly scale: number;
  readonly log: (message: string) => void;
}

export interface JobCost {
  readonly job: string;
  readonly up: number;
  readonly down: number;
  /** Calls of the cache service's API (lookups, entry creation), and requests to its blob storage. */
  readonly calls: number;
  readonly blobRequests: number;
  readonly newEntries: number;
  /** Compressed bytes of the paths post pushed (its `pushedBytes` output). */
  readonly pushedBytes: number;
  readonly built: number;
  readonly substituted: number;
  readonly setupMs: number;
  /** The build step: Nix substitutes (through the read server, or the file:// cache setup restored) and builds. */
  readonly buildMs: number;
  readonly postMs: number;
}

export interface GhacVersionResult {
  readonly line: JobCost[];
  readonly lint: JobCost;
  readonly matrix: JobCost[];
  /** Bytes of every entry the service holds after the line and the lint job. */
  readonly storedAfterLine: number;
  /** Bytes of what the cache holds (compressed NARs and the newest index; or the newest whole entry). */
  readonly cacheSizeAfterLine: number;
  readonly storedAfterMatrix: number;
}

export type GhacResult = Record<string, GhacVersionResult>;

const MB = 1024 * 1024;

/** A new path of a job: text, machine code and random bytes, about 5 MB at full size. */
function addedSpec(name: string, seed: number, scale: number): PathSpec {
  const size = (mb: number) => Math.max(64 * 1024, Math.round(mb * MB * scale));
  return {
    name,
    seed,
    files: [
      { path: "share/doc.txt", size: size(2), kind: "text" },
      { path: "lib/libadded.so", size: size(2), kind: "binary" },
      { path: "share/assets.bin", size: size(1), kind: "random" },
    ],
    links: [],
    deps: [0, 1],
  };
}

export async function benchActionsCache(options: GhacOptions): Promise<GhacResult> {
  const probe = (await import(pathToFileURL(options.standIn).href)) as StandInModule;
  const { ActionsCacheStandIn } = probe;
  const nix = createStore(path.join(options.root, "ghac-store"));
  const base = pushDataset(options.scale * 0.6);
  const added = ["job-2", "job-3", "job-4", "job-5", "job-6", "leg-1", "leg-2", "leg-3"];
  const specs = [...base, ...added.map((name, i) => addedSpec(name, 7000 + i, options.scale))];
  const file = path.join(options.root, "ghac.nix");
  const { writeFileSync } = await import("node:fs");
  writeFileSync(
    file,
    generatorExpression(specs, { node: options.node, generator: options.generator, nonce: options.root }),
  );
  const drvs = lines(await runOk("nix-instantiate", [file], { env: nix.env }));
  const outputs = lines(await runOk("nix-store", ["--query", "--outputs", ...drvs], { env: nix.env }));
  const baseDrvs = drvs.slice(0, base.length);
  const addedDrv = (name: string) => drvs[base.length + added.indexOf(name)] as string;

  const results: GhacResult = {};
  for (const [version, distDir] of Object.entries(options.dists)) {
    const service = await ActionsCacheStandIn.start();
    try {
      let jobNumber = 0;
      const runJob = async (name: string, build: readonly string[]): Promise<JobCost> => {
        // A fresh runner: nothing of the cache's in the store.
        await deletePaths(nix, [...outputs].reverse());
        const job = createJob(path.join(options.root, `ghac-${version}-${++jobNumber}`), nix.env);
        const env = { ...service.env(), GITHUB_JOB: name, GITHUB_RUN_ID: String(1000 + jobNumber) };
        const calls = service.calls.length;
        const entries = service.visibleEntries().length;
        const before = service.blobBytes();
        const inputs = { pushWhileBuilding: "false", cacheSizeLimit: "4G" };
        const main = await runStep(job, "main", { distDir, node: options.node, inputs, env });
        check(`${version} ${name} setup`, main);
        const buildStarted = Date.now();
        if (build.length > 0) {
          await runOk("nix-store", ["--realise", ...build], { env: { ...nix.env, ...main.exportedEnv } });
        }
        const buildMs = Date.now() - buildStarted;
        const post = await runStep(job, "post", { distDir, node: options.node, inputs, env });
        check(`${version} ${name} post`, post);
        const after = service.blobBytes();
        const cost: JobCost = {
          job: name,
          up: after.up - before.up,
          down: after.down - before.down,
          calls: service.calls.slice(calls).filter((call) => call.api !== "blob").length,
          blobRequests: service.calls.slice(calls).filter((call) => call.api === "blob").length,
          newEntries: service.visibleEntries().length - entries,
          pushedBytes: Number(post.outputs.pushedBytes ?? 0),
          built: Number(post.outputs.builtPaths ?? Number.NaN),
          substituted: Number(post.outputs.substitutedPaths ?? Number.NaN),
          setupMs: main.wallMs,
          buildMs,
          postMs: post.wallMs,
        };
        options.log(
          `(g) ${version} ${name}: up ${mb(cost.up)}, down ${mb(cost.down)}, ${cost.calls} calls, ` +
            `${cost.newEntries} entries, built ${cost.built}, substituted ${cost.substituted}`,
        );
        return cost;
      };
      const line = [await runJob("build", baseDrvs)];
      for (const name of ["job-2", "job-3", "job-4", "job-5", "job-6"]) {
        line.push(await runJob("build", [...baseDrvs, addedDrv(name)]));
      }
      const lint = await runJob("lint", []);
      const storedAfterLine = stored(service);
      const cacheSizeAfterLine = cacheSize(service, version, (bytes) =>
        probe.decodeIndex(bytes, nix.storeDir),
      );
      const matrix: JobCost[] = [];
      for (let round = 1; round <= 2; round++) {
        for (const leg of ["leg-1", "leg-2", "leg-3"]) {
          matrix.push({
            ...(await runJob("test", [...baseDrvs, addedDrv(leg)])),
            job: `round ${round} ${leg}`,
          });
        }
      }
      results[version] = {
        line,
        lint,
        matrix,
        storedAfterLine,
        cacheSizeAfterLine,
        storedAfterMatrix: stored(service),
      };
    } finally {
      await service.stop();
    }
  }
  await deletePaths(nix, [...outputs].reverse());
  return results;
}

function check(what: string, step: StepResult): void {
  if (step.code !== 0 || /^::(error|warning)/m.test(step.stdout)) {
    throw new Error(`${what} failed or warned:\n${step.stdout.slice(-3000)}\n${step.stderr.slice(-2000)}`);
  }
}

function stored(service: StandIn): number {
  return service.visibleEntries().reduce((sum, entry) => sum + entry.size, 0);
}

/** Now: the NARs the newest index names, and the index itself; before: the newest whole entry. */
function cacheSize(
  service: StandIn,
  version: string,
  decode: (bytes: Buffer) => ReturnType<StandInModule["decodeIndex"]>,
): number {
  const entries = service.visibleEntries();
  const newest = [...entries]
    .reverse()
    .find((entry) => version === "before" || entry.key.includes("/index/"));
  if (newest === undefined) return 0;
  if (version === "before") return newest.size;
  const { index } = decode(newest.data ?? Buffer.alloc(0));
  return newest.size + [...index.paths.values()].reduce((sum, path) => sum + path.info.fileSize, 0);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(2)} MB`;
}

/** The (g) tables: per job, each version's bytes up and down, calls and entries; targets for `now`. */
export function ghacMarkdown(result: GhacResult): string {
  const versions = Object.keys(result);
  const now = result.now;
  const rows: string[] = [];
  const cell = (cost: JobCost) =>
    `${mb(cost.up)} up, ${mb(cost.down)} down; ${cost.calls} calls + ${cost.blobRequests} blob requests; ${cost.newEntries} entries; setup ${seconds(cost.setupMs)}, build ${seconds(cost.buildMs)}, post ${seconds(cost.postMs)} (built ${cost.built}, substituted ${cost.substituted})`;
  const shapes = (v: GhacVersionResult) => [
    ...v.line.map(
      (cost, i) =>
        [`line, run ${i + 1}${i === 0 ? " (builds the base)" : " (adds one path)"}`, cost] as const,
    ),
    [`lint (builds nothing)`, v.lint] as const,
    ...v.matrix.map((cost) => [`matrix, ${cost.job}`, cost] as const),
  ];
  const table = versions.map((version) => shapes(result[version] as GhacVersionResult));
  for (let i = 0; i < (table[0]?.length ?? 0); i++) {
    const label = table[0]?.[i]?.[0] ?? "";
    rows.push(`| ${label} | ${table.map((shape) => cell(shape[i]?.[1] as JobCost)).join(" | ")} |`);
  }
  const stored = (v: GhacVersionResult) =>
    `${mb(v.storedAfterLine)} for a cache of ${mb(v.cacheSizeAfterLine)} (${(v.storedAfterLine / v.cacheSizeAfterLine).toFixed(2)}×); after the matrix ${mb(v.storedAfterMatrix)}`;
  rows.push(
    `| stored across all entries after the line and lint | ${versions.map((v) => stored(result[v] as GhacVersionResult)).join(" | ")} |`,
  );
  const targets: string[] = [];
  if (now !== undefined) {
    const later = [...now.line.slice(1), ...now.matrix];
    const upOk = later.every((cost) => cost.up <= 1.1 * cost.pushedBytes + 256 * 1024);
    const entriesOk = [...now.line, now.lint, ...now.matrix].every((cost) => cost.newEntries <= 2);
    const rerunOk =
      now.line.slice(1).every((cost) => cost.built <= 1) && now.matrix.slice(3).every((c) => c.built === 0);
    targets.push(
      `- bytes up ≤ 1.1× the new paths' compressed bytes + 256 KiB, every job after the first: ${verdict(upOk)}`,
      `- a job that builds nothing downloads ≤ 1 MiB: ${mb(now.lint.down)}, ${verdict(now.lint.down <= MB)}`,
      `- stored bytes after six runs ≤ 1.3× the cache's size: ${(now.storedAfterLine / now.cacheSizeAfterLine).toFixed(2)}×, ${verdict(now.storedAfterLine <= 1.3 * now.cacheSizeAfterLine)}`,
      `- at most 2 new entries per job: ${verdict(entriesOk)}`,
      `- fresh runners substitute what earlier jobs pushed (later runs build only their new path; round 2 of the matrix builds nothing): ${verdict(rerunOk)}`,
    );
  }
  return `## (g) The Actions cache mode: what each job moves, counted at the service

| job | ${versions.join(" | ")} |
|---|${versions.map(() => "---").join("|")}|
${rows.join("\n")}

${targets.join("\n")}`;
}

function verdict(ok: boolean): string {
  return ok ? "met" : "**missed**";
}
