/** Running programs: plainly, or measured (wall time, CPU of the whole process tree, peak RSS of the process). */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

export interface RunOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Written to stdin, which is otherwise empty. */
  readonly input?: string;
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Measured extends RunResult {
  readonly wallMs: number;
  /** User + system CPU of the process and every descendant it waited for (Nix processes that post spawns). */
  readonly cpuMs: number;
  /** Peak resident set of the process itself (not its children), from /proc polling; 0 if it was too short. */
  readonly peakRssBytes: number;
}

function collect(
  command: string,
  args: readonly string[],
  options: RunOptions,
  extraFd = false,
): { done: Promise<RunResult & { fd3: string }>; onFd3: (listener: (text: string) => void) => void } {
  const child = spawn(command, [...args], {
    env: options.env ? { ...options.env } : process.env,
    cwd: options.cwd,
    stdio: ["pipe", "pipe", "pipe", ...(extraFd ? (["pipe"] as const) : [])],
  });
  let stdout = "";
  let stderr = "";
  let fd3 = "";
  const listeners: ((text: string) => void)[] = [];
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const extra = child.stdio[3];
  if (extra && "setEncoding" in extra) {
    extra.setEncoding("utf8");
    extra.on("data", (chunk: string) => {
      fd3 += chunk;
      for (const listener of listeners) listener(fd3);
    });
  }
  child.stdin?.end(options.input ?? "");
  const done = new Promise<RunResult & { fd3: string }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, fd3 }));
  });
  return { done, onFd3: (listener) => listeners.push(listener) };
}

/** Runs to completion; never throws on a non-zero exit. */
export async function run(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  return collect(command, args, options).done;
}

/** Runs and returns stdout; throws with the end of stderr on failure. */
export async function runOk(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<string> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.slice(0, 3).join(" ")} … exited ${result.code}: ${result.stderr.slice(-2000)}`,
    );
  }
  return result.stdout;
}

/**
 * bash starts the command in the background, tells us its pid on fd 3 (so /proc can be polled for its peak RSS),
 * waits, and reports on fd 3 the wall time it saw (EPOCHREALTIME, without bash's own start-up) and, through
 * `times`, the user and system CPU of everything it waited for — which includes whatever the command waited for.
 * Node cannot report a child's resource usage itself, and GNU time is not on every machine.
 */
const MEASURE = `
exec 4>&3 3>&-
start=$EPOCHREALTIME
"$@" 4>&- &
pid=$!
echo "pid $pid" >&4
wait "$pid"
rc=$?
end=$EPOCHREALTIME
echo "wall $start $end" >&4
times >&4
exit "$rc"
`;

/** How often /proc/<pid>/status is read for VmHWM: the high-water mark only rises, so polling loses little. */
const POLL_MS = 20;

function seconds(text: string): number {
  const match = /^(\d+)m([\d.]+)s$/.exec(text);
  if (!match) throw new Error(`unexpected \`times\` output ${text}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function readHwmBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export async function measure(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<Measured> {
  const { done, onFd3 } = collect("bash", ["-c", MEASURE, "measure", command, ...args], options, true);
  let pid: number | undefined;
  let peak = 0;
  let timer: NodeJS.Timeout | undefined;
  onFd3((text) => {
    const match = /^pid (\d+)$/m.exec(text);
    if (pid === undefined && match) {
      pid = Number(match[1]);
      const poll = () => {
        if (pid !== undefined) peak = Math.max(peak, readHwmBytes(pid));
      };
      poll();
      timer = setInterval(poll, POLL_MS);
    }
  });
  const result = await done.finally(() => clearInterval(timer));
  const wall = /^wall ([\d.]+) ([\d.]+)$/m.exec(result.fd3);
  // `times` prints the shell's own user/system line, then its children's.
  const timesLines = result.fd3
    .split("\n")
    .filter((line) => /^\d+m[\d.]+s \d+m[\d.]+s$/.test(line))
    .map((line) => line.split(" "));
  const children = timesLines[1];
  if (!wall || !children)
    throw new Error(`could not measure ${command}: ${result.fd3} ${result.stderr.slice(-500)}`);
  return {
    code: result.code,
    stdout: result.stdout,
    stderr: result.stderr,
    wallMs: (Number(wall[2]) - Number(wall[1])) * 1000,
    cpuMs: (seconds(children[0] as string) + seconds(children[1] as string)) * 1000,
    peakRssBytes: peak,
  };
}
