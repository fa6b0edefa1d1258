/**
 * Staging off the main thread: reading, serialising, hashing and compressing NARs run on worker threads (one per
 * core), so the main thread only orders, publishes and uploads. Paths go to the thread with the least work; the
 * segments a thread sends out (see ./stage-worker.ts) go to the thread with the fewest waiting, which may be a thread
 * that is itself waiting for frames: it serves them while it waits, so no thread waits on a busy one for ever.
 */
import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { NarFileSystem } from "../lib/nar.js";
import type { PathInfo } from "../lib/path-info.js";
import { type StagedPath, stageNar } from "./stage-nar.js";

/** Stages paths for a push; `close` ends its threads. */
export interface Stager {
  /** Threads staging; 0 when paths are staged on the calling thread. */
  readonly threads: number;
  stage(info: PathInfo, signal: AbortSignal): Promise<StagedPath>;
  close(): Promise<void>;
}

export type ToStager =
  | {
      type: "stage";
      job: number;
      info: Pick<PathInfo, "path" | "narHash" | "narSize">;
      dir: string;
      compressionLevel: number;
      threads: number;
    }
  | { type: "compress"; task: number; segment: Uint8Array; compressionLevel: number }
  | { type: "frame"; job: number; index: number; frame: Uint8Array }
  | { type: "frame-failed"; job: number; index: number; message: string }
  | { type: "abort"; job: number };

export type FromStager =
  | { type: "staged"; job: number; staged: StagedPath }
  | { type: "failed"; job: number; name: string; message: string }
  | { type: "segment"; job: number; index: number; segment: Uint8Array }
  | { type: "compressed"; task: number; frame: Uint8Array }
  | { type: "compress-failed"; task: number; message: string };

interface PendingJob {
  readonly thread: Thread;
  readonly resolve: (staged: StagedPath) => void;
  readonly reject: (error: unknown) => void;
}

interface Thread {
  readonly worker: Worker;
  /** Paths and segments given to it and not yet answered. */
  load: number;
  alive: boolean;
}

export interface StagingPoolOptions {
  /** The staging thread's script: dist/action/stager.js beside the bundle. */
  readonly script: string;
  readonly threads: number;
  readonly dir: string;
  readonly compressionLevel: number;
  /** Told why staging runs on the calling thread instead (no thread script, as when run from src/). */
  readonly onFallback: (reason: string) => void;
  /** Staging on the calling thread, when there are no threads. */
  readonly fs: NarFileSystem;
}

/** Paths staged on the calling thread, one segment after the other. */
export function inProcessStager(
  options: Pick<StagingPoolOptions, "dir" | "compressionLevel" | "fs">,
): Stager {
  return {
    threads: 0,
    stage: (info, signal) => stageNar(info, { ...options, signal }),
    close: async () => {},
  };
}

export function startStagingPool(options: StagingPoolOptions): Stager {
  if (options.threads < 1 || !existsSync(options.script)) {
    options.onFallback(options.threads < 1 ? "no thread to stage on" : `${options.script} is missing`);
    return inProcessStager(options);
  }
  const threads: Thread[] = [];
  const jobs = new Map<number, PendingJob>();
  const tasks = new Map<number, { owner: Thread; job: number; index: number; thread: Thread }>();
  let nextId = 0;
  const leastLoaded = () =>
    threads
      .filter((thread) => thread.alive)
      .reduce<Thread | undefined>((best, thread) => {
        return best === undefined || thread.load < best.load ? thread : best;
      }, undefined);

  const onMessage = (from: Thread, message: FromStager) => {
    switch (message.type) {
      case "staged":
      case "failed": {
        const pending = jobs.get(message.job);
        if (pending === undefined) return;
        jobs.delete(message.job);
        from.load--;
        if (message.type === "staged") pending.resolve(message.staged);
        else pending.reject(Object.assign(new Error(message.message), { name: message.name }));
        return;
      }
      case "segment": {
        const thread = leastLoaded() ?? from;
        const task = nextId++;
        tasks.set(task, { owner: from, job: message.job, index: message.index, thread });
        thread.load++;
        const { segment } = message;
        post(thread, { type: "compress", task, segment, compressionLevel: options.compressionLevel }, [
          segment.buffer as ArrayBuffer,
        ]);
        return;
      }
      case "compressed":
      case "compress-failed": {
        const task = tasks.get(message.task);
        if (task === undefined) return;
        tasks.delete(message.task);
        from.load--;
        if (message.type === "compressed") {
          const { frame } = message;
          post(task.owner, { type: "frame", job: task.job, index: task.index, frame }, [
            frame.buffer as ArrayBuffer,
          ]);
        } else {
          post(task.owner, {
            type: "frame-failed",
            job: task.job,
            index: task.index,
            message: message.message,
          });
        }
        return;
      }
    }
  };

  const onDeath = (thread: Thread, error: Error) => {
    if (!thread.alive) return;
    thread.alive = false;
    for (const [id, pending] of jobs) {
      if (pending.thread !== thread) continue;
      jobs.delete(id);
      pending.reject(new Error(`a staging thread failed: ${error.message}`));
    }
    // Segments it was compressing for others: their paths fail (their frames will never come).
    for (const [id, task] of tasks) {
      if (task.thread !== thread) continue;
      tasks.delete(id);
      post(task.owner, { type: "frame-failed", job: task.job, index: task.index, message: error.message });
    }
  };

  for (let i = 0; i < options.threads; i++) {
    // Little JS heap is needed: the bytes live in buffers. Small generations keep each thread's garbage small too.
    const worker = new Worker(options.script, {
      resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 128 },
    });
    const thread: Thread = { worker, load: 0, alive: true };
    worker.on("message", (message: FromStager) => onMessage(thread, message));
    worker.on("error", (error) => onDeath(thread, error));
    worker.on("exit", (code) => onDeath(thread, new Error(`it exited with code ${code}`)));
    threads.push(thread);
  }

  return {
    threads: options.threads,
    stage(info, signal) {
      signal.throwIfAborted();
      const thread = leastLoaded();
      if (thread === undefined) return Promise.reject(new Error("no staging thread is left"));
      const job = nextId++;
      return new Promise<StagedPath>((resolve, reject) => {
        const onAbort = () => {
          if (!jobs.delete(job)) return;
          thread.load--;
          post(thread, { type: "abort", job });
          reject(signal.reason);
        };
        signal.addEventListener("abort", onAbort, { once: true });
        const settled = () => signal.removeEventListener("abort", onAbort);
        jobs.set(job, {
          thread,
          resolve: (staged) => {
            settled();
            resolve(staged);
          },
          reject: (error) => {
            settled();
            reject(error);
          },
        });
        thread.load++;
        const { path, narHash, narSize } = info;
        post(thread, {
          type: "stage",
          job,
          info: { path, narHash, narSize },
          dir: options.dir,
          compressionLevel: options.compressionLevel,
          threads: options.threads,
        });
      });
    },
    async close() {
      for (const thread of threads) thread.alive = false;
      await Promise.all(threads.map((thread) => thread.worker.terminate()));
    },
  };
}

function post(thread: Thread, message: ToStager, transfer: ArrayBuffer[] = []): void {
  if (thread.alive) thread.worker.postMessage(message, transfer);
}
