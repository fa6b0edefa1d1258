/**
 * Scenario (h): two decisions of the S3 backend (issue 16), measured against the S3-like sink of
 * bench/probe/s3-sink.ts on 127.0.0.1, each client bundled with ncc as the action is, each run in a Node 24
 * process of its own (bench/probe/s3-client-*.ts; what they do is bench/probe/s3-client-drive.ts).
 *
 * Which S3 client: the action's own (`ours`: SigV4 of its own over node:http), the AWS SDK's (`sdk`, with its
 * default checksums and with checksums only when required), and aws4fetch (a small signer over fetch), on
 *   bundles     bytes of each bundle's code, and gzipped (a `floor` entry with no client shows the driver's share)
 *   start-up    process spawn to the first answer (a HEAD of an object), candidates in turn, run after run; cold,
 *               and with a warm Node compile cache (the action's post starts from the cache its setup filled)
 *   throughput  the same files uploaded by each, the same number at a time, to the sink uncapped: the client
 *               process's wall time, CPU (user + system) and peak RSS, for tiny, mid-sized and large files
 *   checksums   what each sends, seen by the sink: headers, aws-chunked trailers, and whether a signed payload
 *               SHA-256 or a CRC32 is the payload's (the sink hashes the bytes it got)
 * Every figure of a candidate is a ratio to `ours` in the same run.
 *
 * The multipart threshold, part size and part concurrency of ours: the sink caps each connection's bytes a second
 * and answers every request a latency late (a runner reaching a store in another network: what one TCP connection
 * gets is bounded by its window over the round trip); one object of each size as a single PUT and as multipart
 * with 8, 16 and 32 MiB parts, one and four parts at a time; then as many objects at once as post uploads at once
 * (four parts at a time, and one at a time for 16 MiB parts). Every figure is a ratio to the single PUT of the same
 * size in the same run. A client process that stalls (Node's own shutdown has hung here) is killed and run again.
 */
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type {
  CandidateSettings,
  ProbeRequest,
  ProbeTask,
  Target,
  UploadItem,
} from "../probe/s3-client-drive.ts";
import { type S3Sink, type SeenRequest, type SinkOptions, startS3Sink } from "../probe/s3-sink.ts";
import { measure, runOk } from "./proc.ts";
import { type Summary, summarize } from "./stats.ts";

export interface S3BenchOptions {
  readonly root: string;
  readonly repoRoot: string;
  readonly node: string;
  readonly ncc: string;
  readonly quick: boolean;
  /** Runs at full size and with --quick (or --runs). */
  readonly runsFor: (full: number, fast: number) => number;
  /** Each connection's cap in the multipart part, in MB/s (10^6 bytes). */
  readonly capsMBps: readonly number[];
  /** The sink's delay before every answer in the multipart part. */
  readonly latencyMs: number;
  readonly log: (message: string) => void;
}

const KIB = 1024;
const MIB = 1024 * KIB;

/** Uploads in flight at once in the throughput part, for every candidate. */
export const UPLOAD_CONCURRENCY = 8;

/**
 * NARs post uploads at once: one per staging thread (one per core) plus one (src/push/run-push.ts); 5 on a
 * 4-core GitHub-hosted runner.
 */
export const PUSH_CONCURRENCY = 5;

type BundleName = "floor" | "ours" | "sdk" | "aws4fetch";
const BUNDLES: readonly BundleName[] = ["floor", "ours", "sdk", "aws4fetch"];

interface Client {
  readonly name: string;
  readonly bundle: BundleName;
  readonly settings: CandidateSettings;
  readonly description: string;
}

/** The throughput part's clients; the first is the reference. */
const CLIENTS: readonly Client[] = [
  { name: "ours", bundle: "ours", settings: {}, description: "ours, hashing each file itself" },
  {
    name: "ours, hash known",
    bundle: "ours",
    settings: { hashKnown: true },
    description: "ours given the SHA-256, as post calls it",
  },
  {
    name: "sdk",
    bundle: "sdk",
    settings: { checksums: "WHEN_SUPPORTED" },
    description: "AWS SDK, default checksums (WHEN_SUPPORTED)",
  },
  {
    name: "sdk, WHEN_REQUIRED",
    bundle: "sdk",
    settings: { checksums: "WHEN_REQUIRED" },
    description: "AWS SDK, requestChecksumCalculation WHEN_REQUIRED",
  },
  { name: "aws4fetch", bundle: "aws4fetch", settings: {}, description: "aws4fetch, streamed body" },
];

interface Shape {
  readonly name: string;
  readonly count: number;
  readonly bytes: number;
}

interface MultipartVariant {
  readonly name: string;
  readonly settings: CandidateSettings;
}

/** A single PUT, and multipart with each part size at one and four parts at a time; the first is the reference. */
const SINGLE_OBJECT_VARIANTS: readonly MultipartVariant[] = [
  { name: "single PUT", settings: { multipartThreshold: 5 * 1024 * MIB, hashKnown: true } },
  ...[8, 16, 32].flatMap((partMiB) =>
    [1, 4].map((partConcurrency) => ({
      name: `${partMiB} MiB parts ×${partConcurrency}`,
      settings: { multipartThreshold: 0, partSize: partMiB * MIB, partConcurrency, hashKnown: true },
    })),
  ),
];

/**
 * With several objects at once, one part at a time only for the default part size (16 MiB): on a capped
 * connection, parts one after another cannot beat one PUT on it, which the single-object table shows for every
 * part size; the time goes to the variants that can.
 */
const CONCURRENT_VARIANTS = SINGLE_OBJECT_VARIANTS.filter(
  (v) => v.settings.partConcurrency !== 1 || v.settings.partSize === 16 * MIB,
);

export interface BundleSize {
  readonly name: BundleName;
  readonly codeBytes: number;
  readonly gzipBytes: number;
}

export interface StartupResult {
  readonly name: BundleName;
  readonly coldMs: Summary;
  readonly cachedMs: Summary;
  /** Per run, this candidate's time over ours in the same run. */
  readonly coldRatio: Summary;
  readonly cachedRatio: Summary;
}

export interface ThroughputRun {
  readonly wallMs: number;
  readonly uploadMs: number;
  readonly cpuMs: number;
  readonly peakRssBytes: number;
}

export interface ThroughputResult {
  readonly shape: Shape;
  readonly clients: {
    readonly name: string;
    readonly description: string;
    readonly runs: readonly ThroughputRun[];
    readonly wallMs: Summary;
    readonly cpuMs: Summary;
    readonly peakRssBytes: Summary;
    /** Per run, over ours in the same run. */
    readonly wallRatio: Summary;
    readonly cpuRatio: Summary;
    readonly rssRatio: Summary;
  }[];
}

export interface ChecksumFacts {
  readonly client: string;
  readonly requests: readonly SeenRequest[];
  /** Every request with a body signed x-amz-content-sha256 with the payload's own SHA-256. */
  readonly signsPayloadSha256: boolean;
  /** Names of x-amz-checksum-* / x-amz-sdk-checksum-* headers and trailers sent. */
  readonly checksumFields: readonly string[];
  /** Every CRC32 sent (header or trailer) matched the payload. */
  readonly crc32Matches: boolean | undefined;
  readonly roundtripSame: boolean;
}

export interface MultipartCell {
  readonly variant: string;
  readonly ms: Summary;
  /** Per run, over the single PUT of the same size in the same run. */
  readonly ratio: Summary;
  readonly cpuMs: Summary;
  readonly peakRssBytes: Summary;
}

export interface MultipartTable {
  readonly capMBps: number;
  readonly latencyMs: number;
  readonly objects: number;
  readonly rows: readonly { readonly objectMiB: number; readonly cells: readonly MultipartCell[] }[];
}

export interface S3Result {
  readonly uploadConcurrency: number;
  readonly pushConcurrency: number;
  readonly bundles: readonly BundleSize[];
  readonly startup: readonly StartupResult[];
  readonly startupRuns: number;
  readonly throughput: readonly ThroughputResult[];
  readonly checksums: readonly ChecksumFacts[];
  readonly multipart: readonly MultipartTable[];
  /** Client runs that missed their deadline and were run again, by client (or multipart variant). */
  readonly stalls: Readonly<Record<string, number>>;
}

const BUCKET = "bench-bucket";
const TARGET_CREDENTIALS = { region: "us-east-1", accessKeyId: "AKIDBENCH", secretAccessKey: "bench-secret" };

export async function benchS3(options: S3BenchOptions): Promise<S3Result> {
  const { root, log } = options;
  const dir = path.join(root, "s3");
  // An empty HOME: no ~/.aws of the machine's for the SDK to read, as on a fresh runner.
  const home = path.join(dir, "home");
  mkdirSync(home, { recursive: true });
  const env = { PATH: process.env.PATH ?? "", HOME: home };
  const bundles = await bundleClients(options, path.join(dir, "bundles"));
  const entry = (name: BundleName) => path.join(dir, "bundles", name, "index.js");

  /**
   * Runs a client's bundle on a task; returns the process's measures and the last line it printed. A process still
   * there at the deadline, or 5 s after it said it was done, is killed, and its run is a StalledError.
   */
  const runClient: RunClient = async (bundle, target, settings, task, deadlineMs) => {
    const pidFile = path.join(dir, "client.pid");
    rmSync(pidFile, { force: true });
    rmSync(`${pidFile}.done`, { force: true });
    const request: ProbeRequest = { target, settings, task, pidFile };
    const started = Date.now();
    let doneAt: number | undefined;
    let killed: string | undefined;
    const watchdog = setInterval(() => {
      const now = Date.now();
      if (doneAt === undefined && existsSync(`${pidFile}.done`)) doneAt = now;
      if (now - started < deadlineMs && (doneAt === undefined || now - doneAt < 5000)) return;
      killed =
        doneAt === undefined ? `at ${deadlineMs / 1000} s, its task unfinished` : "5 s after its result";
      clearInterval(watchdog);
      try {
        process.kill(Number(readFileSync(pidFile, "utf8")), "SIGKILL");
      } catch {
        // Gone already, or not started: the run ends either way.
      }
    }, 250);
    const result = await measure(options.node, [entry(bundle), JSON.stringify(request)], { env }).finally(
      () => clearInterval(watchdog),
    );
    if (killed !== undefined) throw new StalledError(`${bundle} ${task.kind}: killed ${killed}`);
    if (result.code !== 0) {
      throw new Error(`${bundle} ${task.kind} exited ${result.code}: ${result.stderr.slice(-2000)}`);
    }
    return { result, said: JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "{}") as unknown };
  };
  const stalls: Record<string, number> = {};

  const checksums = await checksumFacts(dir, runClient);
  log(
    `(h) checksums: ${checksums.map((facts) => `${facts.client}: ${facts.checksumFields.join(", ") || "none"}`).join("; ")}`,
  );

  const startup = await measureStartup(options, dir, entry, env);
  const throughput = await measureThroughput(options, dir, runClient, stalls);
  const multipart = await measureMultipart(options, dir, runClient, stalls);
  return {
    uploadConcurrency: UPLOAD_CONCURRENCY,
    pushConcurrency: PUSH_CONCURRENCY,
    bundles,
    startup: startup.results,
    startupRuns: startup.runs,
    throughput,
    checksums,
    multipart,
    stalls,
  };
}

type RunClient = (
  bundle: BundleName,
  target: Target,
  settings: CandidateSettings,
  task: ProbeTask,
  deadlineMs: number,
) => Promise<{ result: Awaited<ReturnType<typeof measure>>; said: unknown }>;

/** A client process killed at its deadline: its task unfinished, or its process not ending after it. */
class StalledError extends Error {
  override readonly name = "StalledError";
}

/** Tries a measurement again after a stall (counted under `who`), twice at most. */
async function againAfterStall<T>(
  who: string,
  stalls: Record<string, number>,
  log: (message: string) => void,
  measurement: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await measurement();
    } catch (error) {
      if (!(error instanceof StalledError) || attempt === 3) throw error;
      stalls[who] = (stalls[who] ?? 0) + 1;
      log(`(h) ${who} stalled (${error.message}); again`);
    }
  }
}

function targetOf(sink: S3Sink): Target {
  return { endpoint: sink.endpoint, bucket: BUCKET, ...TARGET_CREDENTIALS };
}

/** Each client bundled with the flags scripts/bundle.sh gives the action's. */
async function bundleClients(options: S3BenchOptions, out: string): Promise<BundleSize[]> {
  const sizes: BundleSize[] = [];
  for (const name of BUNDLES) {
    const to = path.join(out, name);
    await runOk(
      options.node,
      [
        options.ncc,
        "build",
        path.join(options.repoRoot, "bench", "probe", `s3-client-${name}.ts`),
        "-o",
        to,
        "-t",
        "--source-map",
        "--license",
        "licenses.txt",
        "-q",
      ],
      { cwd: options.repoRoot },
    );
    // What Node loads: the code, not its source map or the licence text.
    const code = readdirSync(to).filter((file) => /\.(c|m)?js$/.test(file));
    const bytes = code.map((file) => readFileSync(path.join(to, file)));
    sizes.push({
      name,
      codeBytes: bytes.reduce((sum, b) => sum + b.length, 0),
      gzipBytes: bytes.reduce((sum, b) => sum + gzipSync(b).length, 0),
    });
  }
  options.log(
    `(h) bundles: ${sizes.map((s) => `${s.name} ${(s.codeBytes / 1e3).toFixed(0)} kB`).join(", ")}`,
  );
  return sizes;
}

/** Writes `bytes` random bytes to `file`; returns their SHA-256 (hex). */
function writeRandomFile(file: string, bytes: number): string {
  const hash = createHash("sha256");
  const fd = openSync(file, "w");
  try {
    for (let done = 0; done < bytes; ) {
      const chunk = randomBytes(Math.min(16 * MIB, bytes - done));
      hash.update(chunk);
      writeSync(fd, chunk);
      done += chunk.length;
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

// ---------------------------------------------------------------------------------------------------------------
// What each client sends

async function checksumFacts(dir: string, runClient: RunClient): Promise<ChecksumFacts[]> {
  // 12 MiB: above the 2 MiB from which the SDK asks for 100-continue, and three parts of 5 MiB for ours.
  const file = path.join(dir, "checksum-12MiB.bin");
  const size = 12 * MIB;
  writeRandomFile(file, size);
  const sink = await startS3Sink({ inspect: true });
  const facts: ChecksumFacts[] = [];
  try {
    const cases: [string, BundleName, CandidateSettings][] = [
      ["ours", "ours", {}],
      ["ours, multipart", "ours", { multipartThreshold: 5 * MIB, partSize: 5 * MIB }],
      ["sdk", "sdk", { checksums: "WHEN_SUPPORTED" }],
      ["sdk, WHEN_REQUIRED", "sdk", { checksums: "WHEN_REQUIRED" }],
      ["aws4fetch", "aws4fetch", {}],
    ];
    for (const [client, bundle, settings] of cases) {
      sink.clearSeen();
      const { said } = await runClient(
        bundle,
        targetOf(sink),
        settings,
        {
          kind: "roundtrip",
          key: `nar/${client.replace(/\W+/g, "-")}.nar.zst`,
          file,
          size,
        },
        60_000,
      );
      const requests = [...sink.seen];
      const withBody = requests.filter((r) => r.payloadBytes > 0);
      const fields = new Set<string>();
      let crc32Matches: boolean | undefined;
      for (const r of requests) {
        for (const [name, value] of [...Object.entries(r.headers), ...Object.entries(r.trailers)]) {
          if (!/^x-amz-(sdk-)?checksum-|^x-amz-trailer$/.test(name)) continue;
          fields.add(name in r.trailers ? `${name} (trailer)` : name);
          if (name === "x-amz-checksum-crc32")
            crc32Matches = (crc32Matches ?? true) && value === r.payloadCrc32;
        }
      }
      facts.push({
        client,
        requests,
        signsPayloadSha256: withBody.every((r) => r.headers["x-amz-content-sha256"] === r.payloadSha256),
        checksumFields: [...fields].sort(),
        crc32Matches,
        roundtripSame: (said as { same?: boolean }).same === true,
      });
    }
  } finally {
    await sink.stop();
  }
  return facts;
}

// ---------------------------------------------------------------------------------------------------------------
// Start-up

/**
 * Spawns a client on a HEAD and resolves with the time from spawn to its "answered". A process that has not ended
 * 30 s on is killed: after its answer, its figure stands (the hang was Node's shutdown, after the measured part).
 */
function timeToAnswer(
  node: string,
  script: string,
  request: ProbeRequest,
  env: Readonly<Record<string, string>>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(node, [script, JSON.stringify(request)], {
      env: { ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let answeredMs: number | undefined;
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      if (answeredMs === undefined && text.includes("answered")) answeredMs = performance.now() - started;
    });
    child.stderr.setEncoding("utf8").on("data", (text: string) => {
      stderr += text;
    });
    const watchdog = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(watchdog);
      if (answeredMs !== undefined) resolve(answeredMs);
      else reject(new Error(`${script}: exit ${code} before an answer: ${stderr.slice(-2000)}`));
    });
  });
}

async function measureStartup(
  options: S3BenchOptions,
  dir: string,
  entry: (name: BundleName) => string,
  env: Readonly<Record<string, string>>,
): Promise<{ results: StartupResult[]; runs: number }> {
  const sink = await startS3Sink();
  sink.seed(`${BUCKET}/nix-cache-info`, Buffer.from("StoreDir: /nix/store\n"));
  const runs = options.runsFor(15, 5);
  const times = new Map(BUNDLES.map((name) => [name, { cold: [] as number[], cached: [] as number[] }]));
  try {
    const request: ProbeRequest = {
      target: targetOf(sink),
      settings: {},
      task: { kind: "head", key: "nix-cache-info" },
      pidFile: path.join(dir, "startup.pid"),
    };
    const cacheDir = (name: BundleName) => path.join(dir, "compile-cache", name);
    const cachedEnv = (name: BundleName) => ({ ...env, NODE_COMPILE_CACHE: cacheDir(name) });
    // Fills each compile cache, and warms the page cache for the cold runs alike.
    for (const name of BUNDLES) await timeToAnswer(options.node, entry(name), request, cachedEnv(name));
    for (let run = 0; run < runs; run++) {
      // Each candidate first in turn, so that none always follows the same one.
      const order = [...BUNDLES.slice(run % BUNDLES.length), ...BUNDLES.slice(0, run % BUNDLES.length)];
      for (const name of order) {
        const slot = times.get(name) as { cold: number[]; cached: number[] };
        slot.cold.push(await timeToAnswer(options.node, entry(name), request, env));
        slot.cached.push(await timeToAnswer(options.node, entry(name), request, cachedEnv(name)));
      }
    }
  } finally {
    await sink.stop();
  }
  const ours = times.get("ours") as { cold: number[]; cached: number[] };
  const results = BUNDLES.map((name) => {
    const slot = times.get(name) as { cold: number[]; cached: number[] };
    return {
      name,
      coldMs: summarize(slot.cold),
      cachedMs: summarize(slot.cached),
      coldRatio: summarize(slot.cold.map((ms, i) => ms / (ours.cold[i] as number))),
      cachedRatio: summarize(slot.cached.map((ms, i) => ms / (ours.cached[i] as number))),
    };
  });
  options.log(
    `(h) start-up, ${runs} runs: ${results.map((r) => `${r.name} ${r.coldMs.median.toFixed(0)} ms (cached ${r.cachedMs.median.toFixed(0)} ms)`).join(", ")}`,
  );
  return { results, runs };
}

// ---------------------------------------------------------------------------------------------------------------
// Throughput and CPU, uncapped

async function measureThroughput(
  options: S3BenchOptions,
  dir: string,
  runClient: RunClient,
  stalls: Record<string, number>,
): Promise<ThroughputResult[]> {
  const shapes: Shape[] = options.quick
    ? [
        { name: "tiny", count: 500, bytes: 4 * KIB },
        { name: "mid", count: 16, bytes: MIB },
        { name: "large", count: 2, bytes: 32 * MIB },
      ]
    : [
        { name: "tiny", count: 2000, bytes: 4 * KIB },
        { name: "mid", count: 64, bytes: MIB },
        { name: "large", count: 4, bytes: 64 * MIB },
      ];
  const runs = options.runsFor(5, 2);
  const sink = await startS3Sink();
  const results: ThroughputResult[] = [];
  try {
    const target = targetOf(sink);
    for (const shape of shapes) {
      const shapeDir = path.join(dir, `data-${shape.name}`);
      mkdirSync(shapeDir, { recursive: true });
      const items: UploadItem[] = Array.from({ length: shape.count }, (_, i) => {
        const file = path.join(shapeDir, `${i}.nar.zst`);
        return { key: `nar/${shape.name}-${i}.nar.zst`, file, size: shape.bytes, sha256: "" };
      }).map((item) => ({ ...item, sha256: writeRandomFile(item.file, item.size) }));
      const list = path.join(dir, `list-${shape.name}.json`);
      await writeFile(list, JSON.stringify(items));
      const total = shape.count * shape.bytes;
      // The files were just written: in the page cache for every client alike.
      const byClient = new Map(CLIENTS.map((client) => [client.name, [] as ThroughputRun[]]));
      for (let run = 0; run < runs; run++) {
        const order = [...CLIENTS.slice(run % CLIENTS.length), ...CLIENTS.slice(0, run % CLIENTS.length)];
        for (const client of order) {
          const measured = await againAfterStall(client.name, stalls, options.log, async () => {
            const before = sink.objectBytes();
            const task: ProbeTask = { kind: "upload", list, concurrency: UPLOAD_CONCURRENCY };
            const { result, said } = await runClient(client.bundle, target, client.settings, task, 60_000);
            const moved = sink.objectBytes() - before;
            if (moved !== total) throw new Error(`${client.name} uploaded ${moved} bytes, expected ${total}`);
            return {
              wallMs: result.wallMs,
              uploadMs: (said as { uploadMs: number }).uploadMs,
              cpuMs: result.cpuMs,
              peakRssBytes: result.peakRssBytes,
            };
          });
          byClient.get(client.name)?.push(measured);
        }
      }
      const ours = byClient.get("ours") as ThroughputRun[];
      const ratio = (mine: readonly ThroughputRun[], get: (run: ThroughputRun) => number) =>
        summarize(mine.map((run, i) => get(run) / get(ours[i] as ThroughputRun)));
      results.push({
        shape,
        clients: CLIENTS.map((client) => {
          const mine = byClient.get(client.name) as ThroughputRun[];
          return {
            name: client.name,
            description: client.description,
            runs: mine,
            wallMs: summarize(mine.map((r) => r.wallMs)),
            cpuMs: summarize(mine.map((r) => r.cpuMs)),
            peakRssBytes: summarize(mine.map((r) => r.peakRssBytes)),
            wallRatio: ratio(mine, (r) => r.wallMs),
            cpuRatio: ratio(mine, (r) => r.cpuMs),
            rssRatio: ratio(mine, (r) => r.peakRssBytes),
          };
        }),
      });
      const last = results.at(-1) as ThroughputResult;
      options.log(
        `(h) ${shape.count} × ${describeBytes(shape.bytes)}, ${runs} runs: ${last.clients.map((c) => `${c.name} ${c.wallMs.median.toFixed(0)} ms (${c.wallRatio.median.toFixed(2)}×)`).join(", ")}`,
      );
    }
  } finally {
    await sink.stop();
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------------------
// Multipart threshold, part size and part concurrency, on a capped, distant sink

async function measureMultipart(
  options: S3BenchOptions,
  dir: string,
  runClient: RunClient,
  stalls: Record<string, number>,
): Promise<MultipartTable[]> {
  const objectMiB = options.quick ? [8, 32] : [8, 16, 32, 64, 128, 256];
  const runs = options.runsFor(1, 1);
  const files = new Map<number, { file: string; sha256: string }>();
  for (const mib of objectMiB) {
    const file = path.join(dir, `object-${mib}MiB.nar.zst`);
    files.set(mib, { file, sha256: writeRandomFile(file, mib * MIB) });
  }
  const tables: MultipartTable[] = [];
  for (const objects of [1, PUSH_CONCURRENCY]) {
    const variants = objects === 1 ? SINGLE_OBJECT_VARIANTS : CONCURRENT_VARIANTS;
    for (const capMBps of options.capsMBps) {
      const sinkOptions: SinkOptions = { bytesPerSecond: capMBps * 1e6, latencyMs: options.latencyMs };
      const sink = await startS3Sink(sinkOptions);
      const rows: MultipartTable["rows"][number][] = [];
      const started = Date.now();
      try {
        for (const mib of objectMiB) {
          const { file, sha256 } = files.get(mib) as { file: string; sha256: string };
          const list = path.join(dir, `list-${mib}MiB-${objects}.json`);
          const items: UploadItem[] = Array.from({ length: objects }, (_, i) => ({
            key: `nar/object-${mib}-${i}.nar.zst`,
            file,
            size: mib * MIB,
            sha256,
          }));
          await writeFile(list, JSON.stringify(items));
          const byVariant = new Map(
            variants.map((v) => [v.name, [] as { ms: number; cpuMs: number; peakRssBytes: number }[]]),
          );
          for (let run = 0; run < runs; run++) {
            const order = [
              ...variants.slice(run % variants.length),
              ...variants.slice(0, run % variants.length),
            ];
            for (const variant of order) {
              const measured = await againAfterStall(
                `ours, ${variant.name}`,
                stalls,
                options.log,
                async () => {
                  const before = sink.objectBytes();
                  const task: ProbeTask = { kind: "upload", list, concurrency: objects };
                  const { result, said } = await runClient(
                    "ours",
                    targetOf(sink),
                    variant.settings,
                    task,
                    180_000,
                  );
                  if (sink.objectBytes() - before !== objects * mib * MIB)
                    throw new Error(`${variant.name}: ${sink.objectBytes() - before} bytes arrived`);
                  return {
                    ms: (said as { uploadMs: number }).uploadMs,
                    cpuMs: result.cpuMs,
                    peakRssBytes: result.peakRssBytes,
                  };
                },
              );
              byVariant.get(variant.name)?.push(measured);
            }
          }
          const single = byVariant.get(variants[0]?.name ?? "") ?? [];
          rows.push({
            objectMiB: mib,
            cells: variants.map((variant) => {
              const mine = byVariant.get(variant.name) ?? [];
              return {
                variant: variant.name,
                ms: summarize(mine.map((m) => m.ms)),
                ratio: summarize(mine.map((m, i) => m.ms / (single[i]?.ms ?? Number.NaN))),
                cpuMs: summarize(mine.map((m) => m.cpuMs)),
                peakRssBytes: summarize(mine.map((m) => m.peakRssBytes)),
              };
            }),
          });
        }
      } finally {
        await sink.stop();
      }
      tables.push({ capMBps, latencyMs: options.latencyMs, objects, rows });
      options.log(
        `(h) multipart, ${objects} object(s) at once, ${capMBps} MB/s a connection, ${options.latencyMs} ms: ${((Date.now() - started) / 1000).toFixed(0)} s; ` +
          rows
            .map(
              (row) =>
                `${row.objectMiB} MiB best ${bestMultipart(row).variant} ${bestMultipart(row).ratio.median.toFixed(2)}×`,
            )
            .join(", "),
      );
    }
  }
  return tables;
}

/** The fastest multipart cell of a row (by median ratio to the single PUT). */
function bestMultipart(row: MultipartTable["rows"][number]): MultipartCell {
  return row.cells
    .slice(1)
    .reduce(
      (best, cell) => (cell.ratio.median < best.ratio.median ? cell : best),
      row.cells[1] as MultipartCell,
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown

function describeBytes(bytes: number): string {
  return bytes >= MIB ? `${bytes / MIB} MiB` : `${bytes / KIB} KiB`;
}

function ratioCell(ratio: Summary): string {
  return ratio.min === ratio.max
    ? `${ratio.median.toFixed(2)}×`
    : `${ratio.median.toFixed(2)}× (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)})`;
}

function ms(value: Summary): string {
  return value.median >= 10_000 ? `${(value.median / 1000).toFixed(1)} s` : `${value.median.toFixed(0)} ms`;
}

/** One request as a store sees it: the headers that matter, a signed payload hash and a CRC32 checked. */
function describeRequest(request: SeenRequest): string {
  const shown: string[] = [];
  const fields = [
    ...Object.entries(request.headers).map(([name, value]) => [name, value, false] as const),
    ...Object.entries(request.trailers).map(([name, value]) => [name, value, true] as const),
  ];
  for (const [name, value, trailer] of fields) {
    if (name === "content-type" || name === "x-amz-user-agent") continue;
    let text = value;
    if (name === "x-amz-content-sha256" && /^[0-9a-f]{64}$/.test(value)) {
      text =
        value === request.payloadSha256 ? "(the payload's SHA-256)" : "(a SHA-256, **not** the payload's)";
    } else if (name === "x-amz-checksum-crc32") {
      text = `${value} (${value === request.payloadCrc32 ? "the payload's CRC32" : "**not** the payload's CRC32"})`;
    }
    shown.push(`${trailer ? "trailer " : ""}\`${name}: ${text}\``);
  }
  return shown.join(", ");
}

export function s3Markdown(result: S3Result): string {
  const out: string[] = [];
  const bundle = (name: BundleName) => result.bundles.find((b) => b.name === name);
  const floor = bundle("floor");
  out.push(
    "## (h) S3: which client, and multipart",
    "",
    "### Which client",
    "",
    `Bundles as scripts/bundle.sh makes the action's (ncc \`-t --source-map --license\`), code only (no map, no licence text); each holds the same driver (bench/probe/s3-client-drive.ts), which is all \`floor\` (no client: an unsigned HEAD through node:http) has. Start-up: spawn of \`node bundle\` (Node 24) to the answer of its first request, a HEAD; median of ${result.startupRuns} runs, candidates in turn; cold, and with a compile cache an earlier run filled (NODE_COMPILE_CACHE; post runs the bundle setup compiled). Ratios are to \`ours\` in the same run.`,
    "",
    "| client | bundle code | gzipped | beyond the floor | start-up, cold | ratio | start-up, compile cache | ratio |",
    "|---|---|---|---|---|---|---|---|",
  );
  for (const name of BUNDLES) {
    const size = bundle(name);
    const start = result.startup.find((s) => s.name === name);
    if (size === undefined || start === undefined) continue;
    out.push(
      `| ${name} | ${(size.codeBytes / 1e3).toFixed(1)} kB | ${(size.gzipBytes / 1e3).toFixed(1)} kB | ${name === "floor" ? "" : `${((size.codeBytes - (floor?.codeBytes ?? 0)) / 1e3).toFixed(1)} kB`} | ${ms(start.coldMs)} | ${ratioCell(start.coldRatio)} | ${ms(start.cachedMs)} | ${ratioCell(start.cachedRatio)} |`,
    );
  }
  out.push(
    "",
    `Throughput to the sink on loopback, uncapped: every client uploads the same files, ${result.uploadConcurrency} at a time, in a process of its own (wall time spawn to exit, CPU user + system of the process, peak RSS). \`ours\` hashes each file before sending it (the signed x-amz-content-sha256); post hands it the hash staging computed (\`ours, hash known\`). Median (min–max) of per-run ratios to \`ours\`; \`ours\` itself in absolute figures.`,
    "",
    "| files | client | wall | CPU | peak RSS |",
    "|---|---|---|---|---|",
  );
  for (const shape of result.throughput) {
    for (const client of shape.clients) {
      const label = `${shape.shape.count} × ${describeBytes(shape.shape.bytes)}`;
      out.push(
        client.name === "ours"
          ? `| ${label} | ${client.name} | ${ms(client.wallMs)} | ${ms(client.cpuMs)} | ${(client.peakRssBytes.median / 1e6).toFixed(0)} MB |`
          : `| ${label} | ${client.name} | ${ratioCell(client.wallRatio)} | ${ratioCell(client.cpuRatio)} | ${ratioCell(client.rssRatio)} |`,
      );
    }
  }
  out.push(
    "",
    "What each sends, as the sink saw it (it hashes each payload it receives; content-type and user agent left out):",
    "",
    "| client | request | headers and trailers |",
    "|---|---|---|",
  );
  for (const facts of result.checksums) {
    const firstOf = new Map<string, SeenRequest>();
    for (const request of facts.requests) {
      if (!firstOf.has(request.operation)) firstOf.set(request.operation, request);
    }
    for (const [operation, request] of firstOf) {
      // A read matters only when it asks for more than the object (the SDK asks for its checksum).
      const readOnly = operation === "HeadObject" || operation === "GetObject";
      if (readOnly && Object.keys(request.headers).every((name) => name === "x-amz-content-sha256")) continue;
      out.push(`| ${facts.client} | ${operation} | ${describeRequest(request) || "(none)"} |`);
    }
  }
  out.push("");
  for (const facts of result.checksums) {
    out.push(
      `- ${facts.client}: the signed x-amz-content-sha256 of every request with a body is that body's SHA-256 as the sink computed it: ${facts.signsPayloadSha256 ? "yes" : "no"}; checksum fields sent: ${facts.checksumFields.length === 0 ? "none" : facts.checksumFields.join(", ")}${facts.crc32Matches === undefined ? "" : ` (CRC32 ${facts.crc32Matches ? "matches the payload" : "does **not** match"})`}; the object read back equal: ${facts.roundtripSame ? "yes" : "**no**"}`,
    );
  }

  const stalled = Object.entries(result.stalls);
  out.push(
    "",
    `Runs that stalled (the client process had not ended 5 s after its result, or at its deadline: 60 s for an upload here, 180 s in the multipart part; it was killed and the run done again): ${stalled.length === 0 ? "none" : stalled.map(([who, count]) => `${who} ×${count}`).join(", ")}.`,
  );
  out.push(
    "",
    "### Multipart: threshold, part size, parts at once (ours)",
    "",
    `A sink that reads each TCP connection no faster than the cap and answers each request a latency after its last byte (a new connection's first request waits one latency more, for its handshake): a runner's uploads to a store in another network. Time from the first request to the last answer, in the client; ratio to the single PUT of the same size${result.multipart.some((t) => t.rows[0]?.cells[0]?.ms.runs !== 1) ? " in the same run (median of runs)" : " in the same run"}. "×4" is partConcurrency 4. ${result.pushConcurrency} objects at once is what post uploads at once on a 4-core hosted runner (a staging thread per core, plus one).`,
  );
  const large = result.throughput.at(-1);
  const rate = (name: string) => {
    const client = large?.clients.find((c) => c.name === name);
    const bytes = (large?.shape.count ?? 0) * (large?.shape.bytes ?? 0);
    return summarize(client?.runs.map((r) => bytes / 1e3 / r.uploadMs) ?? []).median.toFixed(0);
  };
  if (large) {
    out.push(
      "",
      `This machine's own ceiling, for the "in all" rates below: uploading ${large.shape.count} × ${describeBytes(large.shape.bytes)} to the uncapped sink (throughput table), ours moved ${rate("ours, hash known")} MB/s in all when handed each file's hash (as a single PUT here is) and ${rate("ours")} MB/s when hashing the bytes itself (as it does each part). Where a cell comes near these, the machine (two cores hashing, sending and receiving, the sink among them), not the modelled network, set the time.`,
    );
  }
  for (const table of result.multipart) {
    const variants = table.rows[0]?.cells.map((c) => c.variant) ?? [];
    out.push(
      "",
      `${table.objects === 1 ? "One object" : `${table.objects} objects at once`}, ${table.capMBps} MB/s a connection, ${table.latencyMs} ms a request:`,
      "",
      `| object | ${variants.join(" | ")} | best multipart |`,
      `|---|${variants.map(() => "---").join("|")}|---|`,
    );
    for (const row of table.rows) {
      const [single, ...rest] = row.cells;
      const best = bestMultipart(row);
      // With several objects at once, the rate of all of them together.
      const inAll = (cell: MultipartCell) =>
        table.objects === 1
          ? ""
          : `, ${((table.objects * row.objectMiB * MIB) / 1e3 / cell.ms.median).toFixed(0)} MB/s in all`;
      out.push(
        `| ${row.objectMiB} MiB | ${single ? `${ms(single.ms)}${inAll(single)}` : ""} | ${rest.map((c) => `${ms(c.ms)} (${ratioCell(c.ratio)})`).join(" | ")} | ${best.variant}, ${ratioCell(best.ratio)}${inAll(best)} |`,
      );
    }
    const largest = table.rows.at(-1);
    if (largest) {
      out.push(
        "",
        `Client CPU (user + system, the whole process) at ${largest.objectMiB} MiB: ${largest.cells.map((c) => `${c.variant} ${ms(c.cpuMs)}`).join(", ")} (a single PUT is handed the file's SHA-256, as post does; each part is hashed before it is sent).`,
      );
    }
    const firstWin = table.rows.find((row) => bestMultipart(row).ratio.median < 1);
    const notWorse = table.rows.find((row) => bestMultipart(row).ratio.median <= 1.02);
    out.push(
      "",
      `Smallest size where some multipart is faster than a single PUT: ${firstWin ? `${firstWin.objectMiB} MiB (${bestMultipart(firstWin).variant}, ${ratioCell(bestMultipart(firstWin).ratio)})` : "none measured"}; not worse (within 2%): ${notWorse ? `${notWorse.objectMiB} MiB` : "none measured"}.`,
    );
  }
  return out.join("\n");
}
