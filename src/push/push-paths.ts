/**
 * Uploads the selected paths with several in flight, keeping the one promise readers rely on: a narinfo appears
 * only after its NAR and every path it refers to are in the cache. A killed job leaves at worst unreferenced NARs.
 */
import { rmSync } from "node:fs";
import type { BinaryCache } from "../cache/cache.js";
import { describeError, StepStopped } from "../lib/errors.js";
import { narInfoFingerprint, renderNarInfo } from "../lib/narinfo.js";
import type { PathInfo } from "../lib/path-info.js";
import { hashPartOf } from "../lib/store-path.js";
import type { StagedPath } from "./stage-nar.js";

export type PathOutcome =
  | { readonly status: "pushed"; readonly narSize: number; readonly fileSize: number }
  | { readonly status: "failed"; readonly reason: string }
  | { readonly status: "dependency-failed"; readonly reason: string }
  | { readonly status: "timed-out" }
  | { readonly status: "stopped" }
  /** Not started: the background pusher was asked to finish, and post pushes it. */
  | { readonly status: "deferred" };

export interface PushOptions {
  readonly cache: BinaryCache;
  /** The value of our `Sig:` line for a fingerprint; absent when the cache signs what it receives (Cachix's key). */
  readonly sign?: (fingerprint: string) => string;
  /** Paths that references may point to without being pushed: upstream or already cached. */
  readonly available: ReadonlySet<string>;
  readonly stage: (info: PathInfo, signal: AbortSignal) => Promise<StagedPath>;
  readonly concurrency: number;
  /** When it aborts, paths not yet published are left out and reported as timed out (or stopped, by its reason). */
  readonly deadline: AbortSignal;
  readonly onOutcome?: (path: string, outcome: PathOutcome) => void;
  /** When it aborts, no further path starts (each is "deferred"); the paths under way complete. */
  readonly drain?: AbortSignal;
}

/** Pushes `paths`; never throws for a single path's trouble, which is reported in its outcome instead. */
export async function pushPaths(
  paths: readonly PathInfo[],
  options: PushOptions,
): Promise<Map<string, PathOutcome>> {
  const byPath = new Map(paths.map((info) => [info.path, info]));
  const outcomes = new Map<string, PathOutcome>();
  const published = new Map<string, Promise<boolean>>();
  const settle = new Map<string, (ok: boolean) => void>();
  for (const info of paths)
    published.set(info.path, new Promise((resolve) => settle.set(info.path, resolve)));

  const finish = (path: string, outcome: PathOutcome) => {
    outcomes.set(path, outcome);
    options.onOutcome?.(path, outcome);
    settle.get(path)?.(outcome.status === "pushed");
  };

  const queue = topologicalOrder(paths, byPath);
  const publications: Promise<void>[] = [];
  let next = 0;
  const worker = async () => {
    // An index, not shift(): shifting a queue of thousands moves every remaining element each time.
    for (let info = queue[next++]; info !== undefined; info = queue[next++]) {
      if (options.drain?.aborted) {
        finish(info.path, { status: "deferred" });
        continue;
      }
      const blocked = blockedBy(info, outcomes, byPath, options.available);
      if (blocked !== undefined) {
        finish(info.path, { status: "dependency-failed", reason: blocked });
        continue;
      }
      if (options.deadline.aborted) {
        finish(info.path, interrupted(options.deadline));
        continue;
      }
      let staged: StagedPath;
      try {
        staged = await uploadNar(info, options);
      } catch (error) {
        finish(info.path, options.deadline.aborted ? interrupted(options.deadline) : failure(error));
        continue;
      }
      publications.push(
        publishWhenReferencesAre(info, staged, options, published, byPath).then((outcome) =>
          finish(info.path, outcome),
        ),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  await Promise.all(publications);
  return outcomes;
}

async function uploadNar(info: PathInfo, options: PushOptions): Promise<StagedPath> {
  const staged = await options.stage(info, options.deadline);
  try {
    await options.cache.putNar(staged, options.deadline);
  } finally {
    // Local caches moved the file away. Synchronous: no thread-pool round trip (and no error object) per path.
    rmSync(staged.file, { force: true });
  }
  return staged;
}

async function publishWhenReferencesAre(
  info: PathInfo,
  staged: StagedPath,
  options: PushOptions,
  published: ReadonlyMap<string, Promise<boolean>>,
  byPath: ReadonlyMap<string, PathInfo>,
): Promise<PathOutcome> {
  for (const reference of info.references) {
    if (reference === info.path || options.available.has(reference)) continue;
    const ok = byPath.has(reference) ? await published.get(reference) : false;
    if (options.deadline.aborted) return interrupted(options.deadline);
    if (!ok) return { status: "dependency-failed", reason: `its reference ${reference} was not pushed` };
  }
  if (options.deadline.aborted) return interrupted(options.deadline);
  try {
    const fingerprint = narInfoFingerprint(info.path, info.narHash, info.narSize, info.references);
    const ours = options.sign === undefined ? [] : [options.sign(fingerprint)];
    const narInfo = renderNarInfo({
      storePath: info.path,
      url: staged.url,
      compression: "zstd",
      fileHash: staged.fileHash,
      fileSize: staged.fileSize,
      narHash: info.narHash,
      narSize: info.narSize,
      references: info.references,
      deriver: info.deriver,
      // renderNarInfo orders them and drops repeats.
      sigs: [...info.sigs, ...ours],
      ca: info.ca,
    });
    await options.cache.putNarInfo(hashPartOf(info.path), narInfo, options.deadline);
  } catch (error) {
    return failure(error);
  }
  return { status: "pushed", narSize: info.narSize, fileSize: staged.fileSize };
}

/** Why `info` cannot be published, when one of its references already failed; undefined otherwise. */
function blockedBy(
  info: PathInfo,
  outcomes: ReadonlyMap<string, PathOutcome>,
  byPath: ReadonlyMap<string, PathInfo>,
  available: ReadonlySet<string>,
): string | undefined {
  for (const reference of info.references) {
    if (reference === info.path || available.has(reference)) continue;
    if (!byPath.has(reference)) return `its reference ${reference} is neither pushed nor in the cache`;
    const outcome = outcomes.get(reference);
    if (outcome !== undefined && outcome.status !== "pushed")
      return `its reference ${reference} was not pushed`;
  }
  return undefined;
}

/** References before the paths that use them, so waiting on a reference never waits on a path not yet started. */
export function topologicalOrder(
  paths: readonly PathInfo[],
  byPath: ReadonlyMap<string, PathInfo>,
): PathInfo[] {
  const order: PathInfo[] = [];
  const state = new Map<string, "visiting" | "done">();
  for (const root of paths) {
    if (state.has(root.path)) continue;
    // Iterative depth-first search: closures can be deeper than the JS stack.
    const stack: { info: PathInfo; next: number }[] = [{ info: root, next: 0 }];
    state.set(root.path, "visiting");
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as (typeof stack)[number];
      const reference = frame.info.references[frame.next++];
      if (reference === undefined) {
        stack.pop();
        state.set(frame.info.path, "done");
        order.push(frame.info);
        continue;
      }
      const child = byPath.get(reference);
      if (child === undefined || state.has(reference)) continue;
      state.set(reference, "visiting");
      stack.push({ info: child, next: 0 });
    }
  }
  return order;
}

/** The outcome of a path the deadline left out: a stopped step, or pushTimeout. */
export function interrupted(deadline: AbortSignal): PathOutcome {
  return { status: deadline.reason instanceof StepStopped ? "stopped" : "timed-out" };
}

function failure(error: unknown): PathOutcome {
  return { status: "failed", reason: describeError(error) };
}
