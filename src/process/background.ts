/**
 * Processes the action leaves running for later steps (the background pusher, the Actions cache's read server):
 * started detached (they outlive the step that starts them, and the runner ends them with the job at the latest),
 * handed their request through a pipe — never their environment, argv or a file, since it holds keys and tokens —
 * with a directory of their own (0700, in RUNNER_TEMP) for their pid and log, and ended by post.
 */
import { execFileSync, spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";

export const BACKGROUND_FILES = {
  pid: "pid",
  /** Its stdout and stderr, which post prints. */
  log: "log",
} as const;

/**
 * The only variables a background process is given: what Nix, TLS, proxies and the runner's clean-up need. Anything
 * else of the step's environment (inputs, tokens, a secret the workflow set on the step) stays out: a later step of
 * the same user can read a process's environment. NODE_OPTIONS too (an --inspect there would open it to a debugger).
 */
const PASSED =
  /^(PATH|HOME|USER|LOGNAME|LANG|LANGUAGE|TZ|TMPDIR|CI|NBCA_STAGING_THREADS|SSL_CERT_FILE|SSL_CERT_DIR|NODE_EXTRA_CA_CERTS|CURL_CA_BUNDLE|HTTP_PROXY|HTTPS_PROXY|NO_PROXY|http_proxy|https_proxy|no_proxy)$|^(LC_|RUNNER_|NIX_|XDG_)/;

export function backgroundEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => PASSED.test(name)));
}

export interface StartOptions {
  /** The Node binary (this step's own) and the script (in dist/action/). */
  readonly node: string;
  readonly script: string;
  /** Its own directory, made 0700 by the caller; passed as its one argument. */
  readonly dir: string;
  /** Written to its stdin as JSON, which is then closed. */
  readonly request: unknown;
  readonly env: NodeJS.ProcessEnv;
  /** Below everything else (nice 19): for work that must never slow the build. */
  readonly lowPriority?: boolean;
  /** Wait for one line it writes to fd 3 (e.g. the port it listens on), and resolve with it. */
  readonly readyWithinMs?: number;
}

export interface Started {
  readonly pid: number;
  /** The line it wrote to fd 3, when `readyWithinMs` was given. */
  readonly ready?: string;
}

export async function startBackground(options: StartOptions): Promise<Started> {
  const log = openSync(join(options.dir, BACKGROUND_FILES.log), "a", 0o600);
  try {
    // The system's nice only: a program of that name earlier on PATH (GITHUB_PATH) would receive the pipe.
    const nice = options.lowPriority
      ? ["/usr/bin/nice", "/bin/nice"].find((file) => existsSync(file))
      : undefined;
    // SIGUSR1 would start Node's inspector, through which another process of the user could read its memory.
    const node = [options.node, "--disable-sigusr1", options.script, options.dir];
    const [command, args] =
      nice === undefined ? [options.node, node.slice(1)] : [nice, ["-n", "19", ...node]];
    const readyPipe = options.readyWithinMs !== undefined;
    const child = spawn(command, args, {
      // Its own session and process group: the step's end does not end it, and post can end all of it.
      detached: true,
      stdio: readyPipe ? ["pipe", log, log, "pipe"] : ["pipe", log, log],
      env: backgroundEnvironment(options.env),
    });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("spawn", () => resolve(child.pid as number));
    });
    writeFileSync(join(options.dir, BACKGROUND_FILES.pid), `${pid}\n`, { mode: 0o600 });
    await new Promise<void>((resolve, reject) => {
      child.stdin?.once("error", reject);
      child.stdin?.end(JSON.stringify(options.request), () => resolve());
    });
    let ready: string | undefined;
    if (readyPipe) {
      try {
        ready = await firstLine(child.stdio[3] as Readable, options.readyWithinMs ?? 0);
      } catch (error) {
        signal(-pid, "SIGKILL");
        const said = readText(join(options.dir, BACKGROUND_FILES.log)).trim().split("\n").slice(-3).join(" ");
        throw new Error(`${(error as Error).message}${said === "" ? "" : `: ${said}`}`);
      }
    }
    child.unref();
    return { pid, ready };
  } finally {
    closeSync(log);
  }
}

function firstLine(stream: Readable, withinMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    const done = (error?: Error) => {
      clearTimeout(timer);
      stream.removeAllListeners("data");
      stream.destroy();
      if (error !== undefined) reject(error);
    };
    const timer = setTimeout(() => done(new Error(`it did not start within ${withinMs} ms`)), withinMs);
    stream.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
      const end = text.indexOf("\n");
      if (end >= 0) {
        done();
        resolve(text.slice(0, end));
      }
    });
    stream.on("end", () => done(new Error("it exited before it was ready")));
    stream.on("error", (error) => done(error));
  });
}

/** Its pid, if it was started in `dir` and that pid still runs it (a pid can be reused once its process is gone). */
export function runningIn(dir: string): number | undefined {
  const text = readText(join(dir, BACKGROUND_FILES.pid)).trim();
  const pid = /^[1-9][0-9]*$/.test(text) ? Number(text) : undefined;
  return pid !== undefined && isProcessOf(pid, dir) ? pid : undefined;
}

/** Sends it SIGTERM now, synchronously: for a step about to be ended (it stops what it does and exits). */
export function stopBackgroundNow(dir: string): void {
  const pid = runningIn(dir);
  if (pid !== undefined) signal(pid, "SIGTERM");
}

/**
 * Ends it: SIGTERM, then SIGKILL for its whole process group after `graceMs`; then the group again, for children
 * it left (a group outlives its leader only through them). `pid`: its pid as found earlier, when it may have exited
 * since. Resolves once it is gone.
 */
export async function endBackground(dir: string, graceMs: number, pid = runningIn(dir)): Promise<void> {
  if (pid === undefined) return;
  // Signalled only while it is still ours: a pid can be reused once its process is gone.
  if (runningIn(dir) === pid) {
    signal(pid, "SIGTERM");
    if (!(await exited(pid, AbortSignal.timeout(graceMs)))) signal(-pid, "SIGKILL");
    await exited(pid, AbortSignal.timeout(1000));
  }
  signal(-pid, "SIGKILL");
}

function isProcessOf(pid: number, dir: string): boolean {
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

export function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already.
  }
}

/** Resolves true once `pid` has exited, false if `until` aborts first. */
export async function exited(pid: number, until: AbortSignal): Promise<boolean> {
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

export function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
