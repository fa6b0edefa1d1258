/**
 * A staging thread (see ./staging-pool.ts): stages whole paths given to it, and compresses segments of other
 * threads' paths while it waits. A path of several segments keeps one segment in `threads` and sends the others
 * out, so that one huge path keeps every core busy; its frames come back and are written in order.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parentPort, workerData } from "node:worker_threads";
import { describeError } from "../lib/errors.js";
import type { PathInfo } from "../lib/path-info.js";
import { nodeNarFileSystem } from "../nix/store-files.js";
import { compressSegment, stageNar } from "./stage-nar.js";
import type { FromStager, StagerSettings, ToStager } from "./staging-pool.js";

interface Job {
  readonly controller: AbortController;
  readonly frames: Map<number, { resolve: (frame: Uint8Array) => void; reject: (error: Error) => void }>;
}

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;
/**
 * zstd's output and the segments this thread is done with are garbage V8 does not hurry to collect (it counts
 * little of their memory): after every few segments, a collection of this thread's small heap keeps RSS down.
 */
let compressed = 0;
function compressHere(segment: Uint8Array, level: number): Buffer {
  const frame = compressSegment(segment, level);
  compressed += segment.length;
  if (compressed >= COLLECT_EVERY) {
    compressed = 0;
    collectGarbage();
  }
  return frame;
}
const COLLECT_EVERY = 16 * 1024 * 1024;

/** Serves the messages of the staging pool on this thread's parent port, until the pool ends the thread. */
export function serveStaging(): void {
  const port = parentPort;
  if (port === null) throw new Error("not a staging thread");
  const send = (message: FromStager, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const jobs = new Map<number, Job>();
  const { dir, compressionLevel, threads } = workerData as StagerSettings;
  port.on("message", (message: ToStager) => {
    switch (message.type) {
      case "stage": {
        const job: Job = { controller: new AbortController(), frames: new Map() };
        jobs.set(message.job, job);
        const offload = (segment: Buffer, index: number) =>
          new Promise<Uint8Array>((resolve, reject) => {
            job.frames.set(index, { resolve, reject });
            const moved = owned(segment);
            send({ type: "segment", job: message.job, index, segment: moved }, [moved.buffer as ArrayBuffer]);
          });
        stageNar(message.info as PathInfo, {
          dir,
          compressionLevel,
          fs: nodeNarFileSystem,
          signal: job.controller.signal,
          compress: (segment, index) =>
            threads > 1 && index % threads !== 0
              ? offload(segment, index)
              : compressHere(segment, compressionLevel),
          window: threads + 1,
        })
          .then(
            (staged) => send({ type: "staged", job: message.job, staged }),
            (error: unknown) => {
              const name = error instanceof Error ? error.name : "Error";
              send({ type: "failed", job: message.job, name, message: describeError(error) });
            },
          )
          .finally(() => jobs.delete(message.job));
        return;
      }
      case "compress": {
        try {
          const frame = owned(compressHere(message.segment, compressionLevel));
          send({ type: "compressed", task: message.task, frame }, [frame.buffer as ArrayBuffer]);
        } catch (error) {
          send({ type: "compress-failed", task: message.task, message: describeError(error) });
        }
        return;
      }
      case "frame": {
        const waiting = jobs.get(message.job)?.frames;
        waiting?.get(message.index)?.resolve(message.frame);
        waiting?.delete(message.index);
        return;
      }
      case "frame-failed": {
        const waiting = jobs.get(message.job)?.frames;
        waiting?.get(message.index)?.reject(new Error(message.message));
        waiting?.delete(message.index);
        return;
      }
      case "abort":
        jobs.get(message.job)?.controller.abort(new Error("the push ended"));
        return;
    }
  });
}

/**
 * `bytes` on an ArrayBuffer that can move to another thread: its own (zstd's output is a view of a larger buffer of
 * its own, which moves as it is), or a copy when it may be a slice of Node's shared pool of small buffers.
 */
function owned(bytes: Uint8Array): Uint8Array {
  return bytes.buffer.byteLength > Buffer.poolSize ? bytes : new Uint8Array(bytes);
}
