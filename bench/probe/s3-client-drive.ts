/**
 * What each S3 client of scenario (h) does, the same for all: bench/probe/s3-client-<name>.ts wraps one client in
 * a `Candidate` and hands it here; the bench bundles each with ncc (as the action is bundled) and runs the bundle
 * under Node 24 in a process of its own, with one JSON argument (`ProbeRequest`). Tasks:
 *   head       one HEAD of an existing object, then "answered" on stdout at once: start-up to a first answer
 *   upload     the files of a list, `concurrency` at a time; prints { uploadMs } (first request to last answer)
 *   roundtrip  a PUT of a file, then a GET of it compared with the file; prints { same }
 * The process writes its pid to `pidFile` first, and creates `pidFile`.done once it has printed its result, for the
 * bench to end it if it does not end by itself (Node 24 has been seen here to hang in its own shutdown, after the
 * work: a few times in some thousands of runs).
 */
import { readFileSync, writeFileSync } from "node:fs";

export interface Candidate {
  /** Uploads `size` bytes of `file` as `key`; `sha256` (hex) when the caller knows it, as post does. */
  put(key: string, file: string, size: number, sha256?: string): Promise<void>;
  /** Whether `key` exists. */
  head(key: string): Promise<boolean>;
  get(key: string): Promise<Uint8Array | undefined>;
}

export interface Target {
  /** http://127.0.0.1:PORT: path-style requests. */
  readonly endpoint: string;
  readonly bucket: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** What a candidate is told beyond the target: each takes only the settings it knows. */
export interface CandidateSettings {
  /** ours: S3ClientOptions. */
  readonly multipartThreshold?: number;
  readonly partSize?: number;
  readonly partConcurrency?: number;
  /** ours: pass the file's SHA-256 to putFile, as post does (known from staging). */
  readonly hashKnown?: boolean;
  /** sdk: requestChecksumCalculation and responseChecksumValidation. */
  readonly checksums?: "WHEN_SUPPORTED" | "WHEN_REQUIRED";
}

export interface UploadItem {
  readonly key: string;
  readonly file: string;
  readonly size: number;
  readonly sha256: string;
}

export type ProbeTask =
  | { readonly kind: "head"; readonly key: string }
  | {
      readonly kind: "upload";
      /** A JSON file of UploadItem[]. */
      readonly list: string;
      readonly concurrency: number;
    }
  | { readonly kind: "roundtrip"; readonly key: string; readonly file: string; readonly size: number };

export interface ProbeRequest {
  readonly target: Target;
  readonly settings: CandidateSettings;
  readonly task: ProbeTask;
  readonly pidFile: string;
}

export async function runProbe(
  connect: (target: Target, settings: CandidateSettings) => Candidate,
): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? "{}") as ProbeRequest;
  writeFileSync(request.pidFile, String(process.pid));
  const client = connect(request.target, request.settings);
  const { task } = request;
  if (task.kind === "head") {
    if (!(await client.head(task.key))) throw new Error(`HEAD ${task.key}: not found`);
    process.stdout.write("answered\n");
    done(request);
  }
  if (task.kind === "upload") {
    const items = JSON.parse(readFileSync(task.list, "utf8")) as UploadItem[];
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      for (let item = items[next++]; item !== undefined; item = items[next++]) {
        await client.put(
          item.key,
          item.file,
          item.size,
          request.settings.hashKnown ? item.sha256 : undefined,
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(task.concurrency, items.length) }, worker));
    process.stdout.write(`${JSON.stringify({ uploadMs: performance.now() - started })}\n`);
    done(request);
  }
  await client.put(task.key, task.file, task.size);
  const back = await client.get(task.key);
  const same = back !== undefined && Buffer.from(back).equals(readFileSync(task.file));
  process.stdout.write(`${JSON.stringify({ same })}\n`);
  done(request);
}

/** Says the task is done (its result printed), then exits. */
function done(request: ProbeRequest): never {
  writeFileSync(`${request.pidFile}.done`, "");
  process.exit(0);
}
