/**
 * Signs narinfo fingerprints in bulk: the push's paths, and in the Actions cache mode every restored path at setup.
 * tweetnacl takes milliseconds of CPU per signature, and for thousands of small paths that, not compression, is
 * most of the work: so signatures are made on threads of their own while the main thread reads, hashes and
 * uploads NARs. Every fingerprint is known before its NAR is staged.
 */
import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { describeError } from "../lib/errors.js";
import { type SigningKey, signFingerprint } from "../lib/signing.js";

export interface Signer {
  /** Threads signing for it; 0 when it signs on the calling thread. */
  readonly threads: number;
  /** The value of a `Sig:` line for the fingerprint. */
  sign(fingerprint: string): Promise<string>;
  /** Ends the signer's threads; signatures still pending then never come. */
  close(): Promise<void>;
}

/** What a signing thread is given at start (workerData) and told per request. */
export interface SignThreadData {
  readonly name: string;
  readonly secretKey: Uint8Array;
}
export interface SignRequest {
  readonly id: number;
  readonly fingerprint: string;
}
export interface SignReply {
  readonly id: number;
  readonly sig: string;
}

interface SignJob {
  readonly fingerprint: string;
  readonly resolve: (sig: string) => void;
}

/**
 * Signs on the calling thread, one signature per turn of the event loop, in the order asked: a push asks for every
 * signature up front, and signing them all at once would hold up staging (and the progress lines) for as long.
 */
export function inProcessSigner(key: SigningKey): Signer {
  const queue: (SignJob | undefined)[] = [];
  let next = 0;
  let draining = false;
  const drain = async () => {
    draining = true;
    // An index, not shift(): the queue can hold thousands.
    for (let job = queue[next]; job !== undefined; job = queue[next]) {
      queue[next++] = undefined;
      job.resolve(signFingerprint(job.fingerprint, key));
      await new Promise((resolve) => setImmediate(resolve));
    }
    queue.length = 0;
    next = 0;
    draining = false;
  };
  return {
    threads: 0,
    sign(fingerprint) {
      return new Promise((resolve) => {
        queue.push({ fingerprint, resolve });
        if (!draining) void drain();
      });
    },
    close: async () => {},
  };
}

/** Below this many signatures a thread costs more to start (tens of milliseconds and megabytes) than it saves. */
const MIN_SIGNATURES_FOR_THREADS = 32;

export interface SignerOptions {
  /** The bundle of ./sign-thread.ts. */
  readonly script: string;
  readonly threads: number;
  /** How many signatures the push will ask for. */
  readonly signatures: number;
  /** Told why signing went back to the calling thread (the script is missing, a thread failed). */
  readonly onFallback?: (reason: string) => void;
}

/**
 * Signs on `threads` threads running `script`, each taking requests in turn; signs in process instead when there is
 * too little to sign, and goes on in process if the script is missing or a thread fails.
 */
export function startSigner(key: SigningKey, options: SignerOptions): Signer {
  const inProcess = inProcessSigner(key);
  if (options.signatures < MIN_SIGNATURES_FOR_THREADS) return inProcess;
  if (!existsSync(options.script)) {
    options.onFallback?.(`${options.script} is missing`);
    return inProcess;
  }
  const pending = new Map<number, SignJob>();
  let nextId = 0;
  let failed = false;
  let closed = false;
  const workers: Worker[] = [];
  const fallBack = (reason: string) => {
    if (failed || closed) return;
    failed = true;
    options.onFallback?.(reason);
    for (const { fingerprint, resolve } of pending.values()) void inProcess.sign(fingerprint).then(resolve);
    pending.clear();
    for (const worker of workers) void worker.terminate();
  };
  const workerData: SignThreadData = { name: key.name, secretKey: key.secretKey };
  try {
    for (let i = 0; i < Math.max(1, options.threads); i++) {
      const worker = new Worker(options.script, { workerData });
      worker.on("message", ({ id, sig }: SignReply) => {
        pending.get(id)?.resolve(sig);
        pending.delete(id);
      });
      worker.on("error", (error) => fallBack(`a signing thread failed: ${describeError(error)}`));
      worker.on("exit", (code) => fallBack(`a signing thread stopped (exit code ${code})`));
      workers.push(worker);
    }
  } catch (error) {
    fallBack(`a signing thread could not start: ${describeError(error)}`);
  }
  return {
    get threads() {
      return failed || closed ? 0 : workers.length;
    },
    sign(fingerprint) {
      if (closed) return Promise.reject(new Error("the signer is closed"));
      if (failed) return inProcess.sign(fingerprint);
      const id = nextId++;
      const request: SignRequest = { id, fingerprint };
      return new Promise((resolve) => {
        pending.set(id, { fingerprint, resolve });
        (workers[id % workers.length] as Worker).postMessage(request);
      });
    },
    async close() {
      closed = true;
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
