/**
 * The background pusher as a process: setup starts it detached (it outlives setup's step, and the runner ends it
 * with the job at the latest), hands it the inputs through a pipe — never its environment, argv or a file, since
 * they hold the signing key and tokens — and post finishes it. Its directory (0700, in RUNNER_TEMP) holds its pid,
 * its log and the list of what it published; nothing there lets another step push or sign anything.
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
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
  pid: "pid",
  /** The pusher's stdout and stderr, which post prints. */
  log: "log",
  /** One JSON line per path published: written as each narinfo is, so a killed pusher leaves an exact list. */
  published: "published.jsonl",
} as const;

/**
 * Variables the pusher is not given: inputs and tokens (it gets them through its pipe, or needs none), the files of
 * setup's step, which are not its to write, and NODE_OPTIONS (an --inspect there would open the key to a debugger).
 */
const WITHHELD =
  /^(INPUT_|STATE_)|^(NODE_OPTIONS|CACHIX_AUTH_TOKEN|CACHIX_SIGNING_KEY|ACTIONS_RUNTIME_TOKEN|ACTIONS_ID_TOKEN_REQUEST_TOKEN|ACTIONS_ID_TOKEN_REQUEST_URL|GITHUB_TOKEN|GITHUB_ENV|GITHUB_OUTPUT|GITHUB_PATH|GITHUB_STATE|GITHUB_STEP_SUMMARY)$/;

export function pusherEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !WITHHELD.test(name)));
}

export interface StartPusherOptions {
  /** The Node binary (this step's own) and the pusher's script (dist/action/pusher.js). */
  readonly node: string;
  readonly script: string;
  /** Its own directory, made 0700 by the caller. */
  readonly dir: string;
  readonly request: PusherRequest;
  readonly env: NodeJS.ProcessEnv;
}

/** Starts the pusher and hands it its request; resolves with its pid once the request is through the pipe. */
export async function startPusherProcess(options: StartPusherOptions): Promise<number> {
  const log = openSync(join(options.dir, PUSHER_FILES.log), "a", 0o600);
  try {
    // Below the build's priority from its first instruction on, its threads and its Nix calls included.
    const nice = findProgram("nice", options.env.PATH);
    // SIGUSR1 would start Node's inspector, through which another process of the user could read the key.
    const node = [options.node, "--disable-sigusr1", options.script, options.dir];
    const [command, args] =
      nice === undefined ? [options.node, node.slice(1)] : [nice, ["-n", "19", ...node]];
    const child = spawn(command, args, {
      // Its own session and process group: the step's end does not end it, and post can end all of it.
      detached: true,
      stdio: ["pipe", log, log],
      env: pusherEnvironment(options.env),
    });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("spawn", () => resolve(child.pid as number));
    });
    writeFileSync(join(options.dir, PUSHER_FILES.pid), `${pid}\n`, { mode: 0o600 });
    await new Promise<void>((resolve, reject) => {
      child.stdin?.once("error", reject);
      child.stdin?.end(JSON.stringify(options.request), () => resolve());
    });
    child.unref();
    return pid;
  } finally {
    closeSync(log);
  }
}

function findProgram(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? "").split(delimiter)) {
    if (dir !== "" && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** What post learns from the pusher. */
export interface FinishedPusher {
  /** What it published, by path. */
  readonly published: ReadonlyMap<string, PushedPath>;
  /** Its log. */
  readonly log: string;
  /** How it ended: it finished its queue, it had ended before (killed, or never started), or post had to end it. */
  readonly ending: "finished" | "gone" | "ended";
}

export interface FinishOptions {
  /** When post stops waiting for the queue (pushTimeout): the pusher is ended then. */
  readonly deadline: AbortSignal;
  /** Post is stopped (SIGINT, SIGTERM): the pusher is ended at once. */
  readonly stop: AbortSignal;
}

/** Asks the pusher to finish (SIGUSR2), waits for it within the deadline, and ends it and its children otherwise. */
export async function finishPusher(dir: string, options: FinishOptions): Promise<FinishedPusher> {
  const pid = readPid(dir);
  let ending: FinishedPusher["ending"] = "gone";
  if (pid !== undefined && isPusher(pid, dir)) {
    signal(pid, FINISH_SIGNAL);
    const ended = await exited(pid, AbortSignal.any([options.deadline, options.stop]));
    if (ended) ending = "finished";
    else {
      ending = "ended";
      // SIGTERM lets it stop its uploads; SIGKILL for the process group (its Nix calls) if it does not go.
      signal(pid, "SIGTERM");
      if (!(await exited(pid, AbortSignal.timeout(500)))) signal(-pid, "SIGKILL");
      await exited(pid, AbortSignal.timeout(1000));
    }
    // Children it left (none, normally): a process group outlives its leader only through them.
    signal(-pid, "SIGKILL");
  }
  return { published: readPublished(dir), log: readText(join(dir, PUSHER_FILES.log)), ending };
}

function readPid(dir: string): number | undefined {
  const text = readText(join(dir, PUSHER_FILES.pid)).trim();
  return /^[1-9][0-9]*$/.test(text) ? Number(text) : undefined;
}

/** Whether `pid` is still the pusher of `dir` (a pid can be reused once its process is gone). */
function isPusher(pid: number, dir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes(dir);
  } catch {
    // No /proc (macOS): whether it lives at all.
    return alive(pid);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already.
  }
}

/** Resolves true once `pid` has exited, false if `until` aborts first. */
async function exited(pid: number, until: AbortSignal): Promise<boolean> {
  while (alive(pid) && !isZombie(pid)) {
    if (until.aborted) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** A child of ours that exited but was not reaped yet (post is not its parent; tests may be). */
function isZombie(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
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

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
