/**
 * Runs the real Nix command-line tools for tests: offline (no substituters), with nix-command enabled and
 * with a fresh XDG cache per call, so that no narinfo look-up (not even a miss) leaks from one call to the next.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** Runs `command[0]` with the rest as arguments and resolves to its stdout as bytes; rejects with its stderr. */
export async function runNix(
  command: readonly string[],
  options: { input?: Uint8Array | string } = {},
): Promise<Buffer> {
  const [program, ...args] = command;
  if (program === undefined) throw new Error("runNix needs a program to run");
  const cacheHome = await mkdtemp(path.join(tmpdir(), "nix-cli-cache-"));
  const env = {
    ...process.env,
    NIX_CONFIG: "substituters =\nexperimental-features = nix-command",
    XDG_CACHE_HOME: cacheHome,
  };
  try {
    return await new Promise<Buffer>((resolve, reject) => {
      const child = execFile(
        program,
        args,
        { env, encoding: "buffer", maxBuffer: 256 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`${command.join(" ")} failed: ${error.message}\n${stderr.toString()}`));
          else resolve(stdout);
        },
      );
      child.stdin?.end(options.input);
    });
  } finally {
    await rm(cacheHome, { recursive: true, force: true });
  }
}
