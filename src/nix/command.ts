/** The one way the action runs Nix: a small runner interface, so tests can count or script calls. */
import { getExecOutput } from "@actions/exec";

export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program to completion without printing its output; never throws on a non-zero exit. */
export type CommandRunner = (program: string, args: readonly string[]) => Promise<CommandResult>;

/** Runs through @actions/exec, quietly: the caller decides what reaches the log. */
export const execCommand: CommandRunner = async (program, args) => {
  const result = await getExecOutput(program, [...args], { silent: true, ignoreReturnCode: true });
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
};

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
