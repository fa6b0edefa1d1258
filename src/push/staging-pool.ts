/**
 * Staging off the main thread: reading, serialising, hashing and compressing NARs run on worker threads (one per
 * core), so the main thread only orders, publishes and uploads. Paths go to the thread with the least work; the
 * segments a thread sends out (see ./stage-worker.ts) go to the thread with the fewest waiting, which may be a thread
 * that is itself waiting for frames: it serves them while it waits, so no thread waits on a busy one for ever.
 */
import { existsSync, unlinkSync } from "node:fs";
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
  | { type: "stage"; job: number; info: Pick<PathInfo, "path" | "narHash" | "narSize"> }
  | { type: "compress"; task: number; segment: Uint8Array }
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

/** What every staging thread of a pool is given once, at its start (workerData). */
export interface StagerSettings {
  readonly dir: string;
  readonly compressionLevel: number;
  readonly threads: number;
}

interface StagingPoolOptions {
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
  /** The live thread with the least work, but `except`. */
  const leastLoaded = (except?: Thread) =>
    threads
      .filter((thread) => thread.alive && thread !== except)
      .reduce<Thread | undefined>((best, thread) => {
        return best === undefined || thread.load < best.load ? thread : best;
      }, undefined);

  const onMessage = (from: Thread, message: FromStager) => {
    switch (message.type) {
      case "staged":
      case "failed": {
        const pending = jobs.get(message.job);
        if (pending === undefined) {
          // Aborted while the thread finished it: nobody will upload or remove the file.
          if (message.type === "staged") unlinkSync(message.staged.file);
          return;
        }
        jobs.delete(message.job);
        from.load--;
        if (message.type === "staged") pending.resolve(message.staged);
        else pending.reject(Object.assign(new Error(message.message), { name: message.name }));
        return;
      }
      case "segment": {
        // Another thread if one is alive; the sender serves its own segment while it waits, as a last resort.
        const thread = leastLoaded(from) ?? (from.alive ? from : undefined);
        if (thread === undefined) return;
        const task = nextId++;
        tasks.set(task, { owner: from, job: message.job, index: message.index, thread });
        thread.load++;
        const { segment } = message;
        post(thread, { type: "compress", task, segment }, [segment.buffer as ArrayBuffer]);
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
    const settings: StagerSettings = {
      dir: options.dir,
      compressionLevel: options.compressionLevel,
      threads: options.threads,
    };
    const worker = new Worker(options.script, {
      workerData: settings,
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
    async stage(info, signal) {
      signal.throwIfAborted();
      const thread = leastLoaded();
      if (thread === undefined) throw new Error("no staging thread is left");
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
        post(thread, { type: "stage", job, info: { path, narHash, narSize } });
      });
    },
    async close() {
      // Paths still staging (the push ended in an error) end here rather than never.
      for (const [id, pending] of jobs) {
        jobs.delete(id);
        pending.reject(new Error("the staging threads were closed"));
      }
      for (const thread of threads) thread.alive = false;
      await Promise.all(threads.map((thread) => thread.worker.terminate()));
    },
  };
}

function post(thread: Thread, message: ToStager, transfer: ArrayBuffer[] = []): void {
  if (thread.alive) thread.worker.postMessage(message, transfer);
}
