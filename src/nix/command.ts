/** The one way the action runs Nix (and sudo, id, systemctl): a small runner interface, so tests can count or script calls. */
import { spawn } from "node:child_process";
import { constants } from "node:os";

export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a program to completion without printing its output; never throws on a non-zero exit. Throws when the
 * program cannot be started (not installed), and when the runner's stop signal ends it.
 */
export type CommandRunner = (program: string, args: readonly string[]) => Promise<CommandResult>;

/** Runs commands quietly: the caller decides what reaches the log. */
export const execCommand: CommandRunner = (program, args) => runProgram(program, args);

/**
 * Runs commands that end when `signal` aborts: the program gets SIGTERM and the call rejects with the signal's
 * reason. For the work a stopped step gives up; what must happen even then (undoing setup's changes) uses
 * execCommand.
 */
export function commandsUntil(signal: AbortSignal): CommandRunner {
  return (program, args) => runProgram(program, args, signal);
}

function runProgram(program: string, args: readonly string[], signal?: AbortSignal): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const child = spawn(program, args, { stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    const stop = () => child.kill("SIGTERM");
    signal?.addEventListener("abort", stop, { once: true });
    child.on("error", (error) => {
      signal?.removeEventListener("abort", stop);
      reject(error);
    });
    child.on("close", (code, killedBy) => {
      signal?.removeEventListener("abort", stop);
      if (signal?.aborted) return reject(signal.reason);
      resolve({
        // As a shell reports a program that a signal ended.
        exitCode: code ?? 128 + (killedBy === null ? 0 : constants.signals[killedBy]),
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      });
    });
  });
}

/** Thrown when a Nix command fails; carries the tail of its stderr so the log says why. */
export class NixCommandError extends Error {
  constructor(program: string, args: readonly string[], result: CommandResult) {
    const shown = [program, ...args.slice(0, 4), args.length > 4 ? `… (${args.length} arguments)` : ""].join(
      " ",
    );
    const stderr = result.stderr.trim().split("\n").slice(-5).join("\n");
    super(`'${shown.trim()}' exited with ${result.exitCode}${stderr === "" ? "" : `: ${stderr}`}`);
    this.name = "NixCommandError";
  }
}

/** Runs and returns stdout, throwing NixCommandError on failure. */
export async function runChecked(
  run: CommandRunner,
  program: string,
  args: readonly string[],
): Promise<string> {
  const result = await run(program, args);
  if (result.exitCode !== 0) throw new NixCommandError(program, args, result);
  return result.stdout;
}
