/**
 * A private Nix configuration for tests that run the real Nix of this machine (its own NIX_CONF_DIR without
 * substituters, so nothing waits on cache.nixos.org, and its own HOME and XDG_CACHE_HOME), and running Nix commands
 * in the tests' Nix world with it. /etc/nix is never touched.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CommandRunner } from "../../../src/nix/command.js";
import { removeTree } from "../remove-tree.js";
import { type ProcessResult, spawnCollect } from "../runner.js";
import { world } from "./world.js";

export interface NixEnv {
  readonly root: string;
  readonly confDir: string;
  readonly home: string;
  readonly cacheHome: string;
  /** The variables that point Nix (and anything else) at the private config, home and cache. */
  readonly env: Readonly<Record<string, string>>;
  cleanup(): void;
}

interface NixEnvOptions {
  /** Lines appended to the private nix.conf. */
  readonly extraConf?: string;
}

/**
 * A private Nix configuration. Its nix.conf replaces /etc/nix/nix.conf (Nix reads `$NIX_CONF_DIR/nix.conf`):
 * - `substituters =`: no cache.nixos.org (no internet here; each look-up would cost seconds), so only what a
 *   test adds is a substituter;
 * - `sandbox = false`: Debian's nix-bin cannot sandbox;
 * - `build-users-group =` only when there is no `nixbld` group: as root, Nix then builds as root itself instead of
 *   failing to find build users (Debian's package creates the group; a hand-made machine may lack it).
 * No experimental features are enabled, so the action must work with a stock Nix 2.8 configuration.
 */
export function createNixEnv(options: NixEnvOptions = {}): NixEnv {
  const root = mkdtempSync(path.join(tmpdir(), "nbca-nix-"));
  const confDir = path.join(root, "etc-nix");
  const home = path.join(root, "home");
  const cacheHome = path.join(root, "xdg-cache");
  for (const dir of [confDir, home, cacheHome]) mkdirSync(dir, { recursive: true });
  const lines = ["substituters =", "sandbox = false"];
  // The world's accounts: a newer world's root has the build users only once a daemon test copied them in.
  if (!hasGroup("nixbld")) lines.push("build-users-group =");
  if (options.extraConf) lines.push(options.extraConf);
  writeFileSync(path.join(confDir, "nix.conf"), `${lines.join("\n")}\n`);
  return {
    root,
    confDir,
    home,
    cacheHome,
    env: {
      NIX_CONF_DIR: confDir,
      HOME: home,
      XDG_CACHE_HOME: cacheHome,
    },
    cleanup: () => removeTree(root),
  };
}

function hasGroup(name: string): boolean {
  try {
    return readFileSync(world.hostPath("/etc/group"), "utf8")
      .split("\n")
      .some((line) => line.startsWith(`${name}:`));
  } catch {
    return false;
  }
}

/** The minimal environment for a Nix command: the caller's PATH and the given variables, nothing else. */
export function commandEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env };
}

/** Runs a Nix tool (or any command) in the tests' Nix world, with `env` laid over a minimal environment. */
export function run(
  command: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  timeoutMs = 300_000,
): Promise<ProcessResult> {
  const inWorld = world.command(command, args);
  return spawnCollect(inWorld.command, inWorld.args, { env: commandEnv(env), timeoutMs });
}

/** The action's CommandRunner port, running Nix with this environment (as src/nix code would in a job). */
export function nixCommandRunner(nix: NixEnv): CommandRunner {
  return async (program, args) => {
    const result = await run(program, args, nix.env);
    return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
  };
}

/** Like run(), but a non-zero exit throws with the command's stderr. */
export async function runOk(
  command: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  timeoutMs = 300_000,
): Promise<string> {
  const result = await run(command, args, env, timeoutMs);
  if (result.exitCode !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${result.exitCode}${result.timedOut ? " (timeout)" : ""}:
${result.stderr}`);
  }
  return result.stdout;
}
