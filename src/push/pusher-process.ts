/**
 * The background pusher as a process: setup starts it detached (it outlives setup's step, and the runner ends it
 * with the job at the latest), hands it the inputs through a pipe — never its environment, argv or a file, since
 * they hold the signing key and tokens — and post finishes it. Its directory (0700, in RUNNER_TEMP) holds its pid,
 * its log and the list of what it published; nothing there lets another step push or sign anything.
 */
import { join } from "node:path";
import {
  BACKGROUND_FILES,
  endBackground,
  exited,
  readText,
  runningIn,
  signal,
  startBackground,
} from "../process/background.js";
import type { SetupState } from "../state.js";
import type { PushedPath } from "./run-push.js";

/** What setup pipes to the pusher: the step's raw inputs (checked again there, as post checks them) and its state. */
export interface PusherRequest {
  readonly inputs: Readonly<Record<string, string>>;
  /** The variables the inputs may fall back to (CACHIX_AUTH_TOKEN, CACHIX_SIGNING_KEY). */
  readonly env: Readonly<Record<string, string>>;
  readonly state: SetupState;
}

/** What post sends the pusher to say "finish the round under way, take no new paths, exit". */
export const FINISH_SIGNAL = "SIGUSR2";

export const PUSHER_FILES = {
  ...BACKGROUND_FILES,
  /** One JSON line per path published: written as each narinfo is, so a killed pusher leaves an exact list. */
  published: "published.jsonl",
} as const;

export interface StartPusherOptions {
  /** The Node binary (this step's own) and the pusher's script (dist/action/pusher.js). */
  readonly node: string;
  readonly script: string;
  /** Its own directory, made 0700 by the caller. */
  readonly dir: string;
  readonly request: PusherRequest;
  readonly env: NodeJS.ProcessEnv;
}

/** Starts the pusher below the build's priority and hands it its request; resolves with its pid. */
export async function startPusherProcess(options: StartPusherOptions): Promise<number> {
  // Below the build's priority from its first instruction on, its threads and its Nix calls included.
  return (await startBackground({ ...options, lowPriority: true })).pid;
}

/** What post learns from the pusher. */
export interface FinishedPusher {
  /** What it published, by path. */
  readonly published: ReadonlyMap<string, PushedPath>;
  /** Its log. */
  readonly log: string;
  /**
   * How it ended: it finished its queue; it had ended before (killed, or never started); post ran out of time for
   * it (pushTimeout) and ended it; post was stopped, and ended it.
   */
  readonly ending: "finished" | "gone" | "timed-out" | "stopped";
}

export interface FinishOptions {
  /** When post stops waiting for the queue (pushTimeout): the pusher is ended then. */
  readonly deadline: AbortSignal;
  /** Post is stopped (SIGINT, SIGTERM): the pusher is ended at once. */
  readonly stop: AbortSignal;
}

/** Asks the pusher to finish (SIGUSR2), waits for it within the deadline, and ends it and its children otherwise. */
export async function finishPusher(dir: string, options: FinishOptions): Promise<FinishedPusher> {
  const pid = runningIn(dir);
  let ending: FinishedPusher["ending"] = "gone";
  if (pid !== undefined) {
    signal(pid, FINISH_SIGNAL);
    const ended = await exited(pid, AbortSignal.any([options.deadline, options.stop]));
    // A stopped post has sent it SIGTERM already (stopBackgroundNow): then it ended, whether or not it was done.
    if (options.stop.aborted) ending = "stopped";
    else if (ended) ending = "finished";
    else ending = "timed-out";
    // SIGTERM lets it stop its uploads; SIGKILL for the process group (its Nix calls) if it does not go.
    await endBackground(dir, 500, pid);
  }
  return { published: readPublished(dir), log: readText(join(dir, PUSHER_FILES.log)), ending };
}

function readPublished(dir: string): Map<string, PushedPath> {
  const published = new Map<string, PushedPath>();
  for (const line of readText(join(dir, PUSHER_FILES.published)).split("\n")) {
    // A line cut short by a kill is not a record.
    try {
      const record = JSON.parse(line) as { path?: unknown; narSize?: unknown; fileSize?: unknown };
      if (
        typeof record.path === "string" &&
        typeof record.narSize === "number" &&
        typeof record.fileSize === "number"
      ) {
        published.set(record.path, { narSize: record.narSize, fileSize: record.fileSize });
      }
    } catch {}
  }
  return published;
}
