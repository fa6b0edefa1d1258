/**
 * The background pusher as a process: setup starts it detached (it outlives setup's step, and the runner ends it
 * with the job at the latest), hands it the inputs through a pipe — never its environment, argv or a file, since
 * they hold the signing key and tokens — and post finishes it. Its directory (0700, in RUNNER_TEMP) holds its pid,
 * its log and the list of what it published; nothing there lets another step push or sign anything.
 */
import { execFileSync, spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
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
 * The only variables the pusher is given: what Nix, TLS, proxies and the runner's clean-up need. Anything else of
 * setup's environment (inputs, tokens, a secret the workflow set on the step) stays out: a later step of the same
 * user can read a process's environment. NODE_OPTIONS too (an --inspect there would open the key to a debugger).
 */
const PASSED =
  /^(PATH|HOME|USER|LOGNAME|LANG|LANGUAGE|TZ|TMPDIR|CI|NBCA_STAGING_THREADS|SSL_CERT_FILE|SSL_CERT_DIR|NODE_EXTRA_CA_CERTS|CURL_CA_BUNDLE|HTTP_PROXY|HTTPS_PROXY|NO_PROXY|http_proxy|https_proxy|no_proxy)$|^(LC_|RUNNER_|NIX_|XDG_)/;

export function pusherEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => PASSED.test(name)));
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
    // The system's nice only: a program of that name earlier on PATH (GITHUB_PATH) would receive the key's pipe.
    const nice = ["/usr/bin/nice", "/bin/nice"].find((file) => existsSync(file));
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
  const pid = readPid(dir);
  let ending: FinishedPusher["ending"] = "gone";
  if (pid !== undefined && isPusher(pid, dir)) {
    signal(pid, FINISH_SIGNAL);
    const ended = await exited(pid, AbortSignal.any([options.deadline, options.stop]));
    // A stopped post has sent it SIGTERM already (stopPusherNow): then it ended, whether or not it was done.
    if (options.stop.aborted) ending = "stopped";
    else if (ended) ending = "finished";
    else ending = "timed-out";
    if (!ended) {
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

/** Sends the pusher SIGTERM now, synchronously: for a step about to be ended (the pusher stops its uploads, exits). */
export function stopPusherNow(dir: string): void {
  const pid = readPid(dir);
  if (pid !== undefined && isPusher(pid, dir)) signal(pid, "SIGTERM");
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
    // No /proc (macOS): its command line as ps shows it.
    try {
      return execFileSync("ps", ["-o", "command=", "-p", String(pid)], { encoding: "utf8" }).includes(dir);
    } catch {
      return false;
    }
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
    await sleep(50);
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
