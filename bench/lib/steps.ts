/**
 * Runs the bundled action's main or post the way the GitHub runner's node24 handler does: one Node 24 process on
 * the script action.yml names for the step (under `<dist>`), every input of action.yml as INPUT_* (defaults filled
 * in), fresh file-command files, the state main saved handed to post as STATE_*. Measured with bench/lib/proc.ts.
 * action.yml is read, and file commands parsed, by the tests' own runner (__tests__/helpers/runner.ts).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  commandFiles,
  declaredInputs,
  entryScript,
  parseFileCommand,
} from "../../__tests__/helpers/runner.ts";
import { type Measured, measure } from "./proc.ts";

export interface Job {
  readonly temp: string;
  readonly workspace: string;
  /** The job's env: Nix's private store and config, PATH, HOME. */
  readonly env: Readonly<Record<string, string>>;
  /** State saved by main, for post. */
  state: Record<string, string>;
}

export interface StepResult extends Measured {
  readonly outputs: Record<string, string>;
  readonly summary: string;
  /** What the step exported for later steps (GITHUB_ENV), e.g. NIX_CONFIG. */
  readonly exportedEnv: Record<string, string>;
}

let stepCounter = 0;

export function createJob(root: string, env: Readonly<Record<string, string>>): Job {
  const temp = path.join(root, "runner-temp");
  const workspace = path.join(root, "workspace");
  mkdirSync(temp, { recursive: true });
  mkdirSync(workspace, { recursive: true });
  return { temp, workspace, env, state: {} };
}

export interface StepOptions {
  readonly distDir: string;
  readonly node: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly nodeArgs?: readonly string[];
  /** Another script to run with the step's environment instead of the entry's bundle (the selection probe). */
  readonly script?: string;
  /** More of the runner's variables (e.g. the cache service's), laid over the job's. */
  readonly env?: Readonly<Record<string, string>>;
}

export async function runStep(job: Job, entry: "main" | "post", options: StepOptions): Promise<StepResult> {
  const inputs = Object.fromEntries(declaredInputs().map((input) => [input.name, input.default]));
  for (const [name, value] of Object.entries(options.inputs)) {
    if (!(name in inputs)) throw new Error(`input ${name} is not declared in action.yml`);
    inputs[name] = value;
  }
  const commandDir = path.join(job.temp, "_runner_file_commands");
  mkdirSync(commandDir, { recursive: true });
  const files = commandFiles(commandDir, `${process.pid}-${stepCounter++}`);
  for (const file of Object.values(files)) writeFileSync(file, "");
  const env: Record<string, string> = {
    ...job.env,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: job.workspace,
    GITHUB_REPOSITORY: "bench/nix-binary-cache-action",
    GITHUB_EVENT_NAME: "push",
    RUNNER_OS: "Linux",
    RUNNER_ARCH: "X64",
    RUNNER_ENVIRONMENT: "github-hosted",
    RUNNER_TEMP: job.temp,
    ...options.env,
    ...files,
  };
  // How many staging threads post uses (by default one per core): set for a run to measure 1 against 2.
  if (process.env.NBCA_STAGING_THREADS) env.NBCA_STAGING_THREADS = process.env.NBCA_STAGING_THREADS;
  for (const [name, value] of Object.entries(inputs))
    env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  if (entry === "post") {
    for (const [name, value] of Object.entries(job.state)) env[`STATE_${name}`] = value;
    restoreSnapshot(job);
  }

  const script = options.script ?? entryScript(options.distDir, entry);
  const result = await measure(options.node, [...(options.nodeArgs ?? []), script], {
    env,
    cwd: job.workspace,
  });
  if (entry === "main") {
    job.state = parseFileCommand(readFileSync(files.GITHUB_STATE, "utf8"));
    keepSnapshot(job);
  }
  return {
    ...result,
    outputs: parseFileCommand(readFileSync(files.GITHUB_OUTPUT, "utf8")),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, "utf8"),
    exportedEnv: parseFileCommand(readFileSync(files.GITHUB_ENV, "utf8")),
  };
}

/** Errors and warnings the step printed as workflow commands. */
export function annotations(result: StepResult): string[] {
  return result.stdout.split("\n").filter((line) => /^::(error|warning)/.test(line));
}

/**
 * Post deletes setup's store snapshot once it has read it; the bench runs post many times after one setup, so it
 * keeps a copy of the snapshot beside it and puts it back before each post.
 */
function snapshotOf(job: Job): string | undefined {
  const text = job.state["nix-binary-cache"];
  return text === undefined ? undefined : (JSON.parse(text) as { snapshotFile?: string }).snapshotFile;
}

function keepSnapshot(job: Job): void {
  const file = snapshotOf(job);
  if (file !== undefined) copyFileSync(file, `${file}.bench-copy`);
}

function restoreSnapshot(job: Job): void {
  const file = snapshotOf(job);
  if (file !== undefined && existsSync(`${file}.bench-copy`)) copyFileSync(`${file}.bench-copy`, file);
}
