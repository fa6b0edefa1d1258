/**
 * Makes later steps read the cache: substituters, their keys and netrc credentials, written where the job's Nix
 * will read them. How depends on the installation: the job's own NIX_CONFIG (through GITHUB_ENV) where Nix or a
 * trusting daemon honours it; otherwise a marked block in the system nix.conf through passwordless sudo, which
 * post removes again. Credentials go to a private netrc under RUNNER_TEMP, which post deletes.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { NetrcEntry, Substituter } from "./cache/cache.js";
import { describeError } from "./errors.js";
import type { CommandRunner } from "./nix/command.js";
import { mergeNixConfig, nixConfigLines } from "./nix/config.js";
import { detectInstallation } from "./nix/installation.js";
import { mergeNetrc } from "./nix/netrc.js";
import type { NixStore } from "./nix/store.js";
import { type SystemConfigChange, SystemNixConfig } from "./nix/system-config.js";
import type { Log, RunnerFiles } from "./report.js";

export interface NixReadConfig {
  readonly substituters: readonly Substituter[];
  readonly netrc: readonly NetrcEntry[];
}

export interface ConfigureDeps {
  readonly nix: NixStore;
  /** Runs `id`, `sudo` and the daemon's service manager. */
  readonly run: CommandRunner;
  readonly runner: RunnerFiles;
  readonly log: Log;
  readonly env: NodeJS.ProcessEnv;
  readonly tempDir: string;
}

/** What was configured, and what post must undo. */
export interface NixConfigOutcome {
  /** Substituters later steps will use; empty when nothing could be configured. */
  readonly added: readonly Substituter[];
  /** False when the cache could not be configured (an untrusted user without sudo); a warning says why. */
  readonly configured: boolean;
  readonly systemChange?: SystemConfigChange;
  readonly netrcFile?: string;
}

/** Applies `config` for later steps. */
export async function configureNixForLaterSteps(
  config: NixReadConfig,
  deps: ConfigureDeps,
): Promise<NixConfigOutcome> {
  const { log } = deps;
  const usable = config.substituters.filter((substituter) => substituter.publicKeys.length > 0);
  for (const substituter of config.substituters.filter((s) => s.publicKeys.length === 0)) {
    log.notice(
      `No public key is known for ${substituter.url}, so Nix could not verify paths from it: it is not added as a ` +
        "substituter. Give `publicKey` (or `signingKey`).",
    );
  }
  if (usable.length === 0 && config.netrc.length === 0) return { added: [], configured: true };

  const settings = await deps.nix.showConfig();
  const installation = await detectInstallation(settings, deps.env, deps.run);
  log.info(`Nix installation: ${installation.kind}: ${installation.reason}.`);
  const netrcFile =
    config.netrc.length === 0
      ? undefined
      : await writeNetrc(config.netrc, settings["netrc-file"], deps.tempDir);
  if (netrcFile !== undefined) {
    log.info(
      `Credentials for ${config.netrc.map((entry) => entry.machine).join(", ")} written to ${netrcFile}.`,
    );
  }
  const settingsToAdd = {
    substituters: usable.map((substituter) => substituter.url),
    trustedPublicKeys: [...new Set(usable.flatMap((substituter) => substituter.publicKeys))],
    extraLines: netrcFile === undefined ? [] : [`netrc-file = ${netrcFile}`],
  };

  if (installation.kind !== "daemon-untrusted") {
    deps.runner.exportVariable("NIX_CONFIG", mergeNixConfig(deps.env.NIX_CONFIG, settingsToAdd));
    logAdded(log, usable, "NIX_CONFIG (for the steps after this one)");
    return { added: usable, configured: true, netrcFile };
  }

  const lines = nixConfigLines(settingsToAdd);
  const system = new SystemNixConfig({ run: deps.run, env: deps.env, tempDir: deps.tempDir });
  if (!(await system.canSudo())) {
    log.warning(
      `The Nix daemon ignores this user's substituters and sudo needs a password, so the cache cannot be set up ` +
        `from this job; the build goes on without it. An administrator can add these lines to ${system.file} ` +
        `and restart nix-daemon:\n${lines.join("\n")}`,
    );
    return { added: [], configured: false, netrcFile };
  }
  const id = `${deps.env.GITHUB_RUN_ID ?? "local"}-${randomBytes(4).toString("hex")}`;
  const systemChange = await system.apply(id, lines);
  logAdded(log, usable, `${system.file} (with sudo; the daemon was restarted, and post removes these lines)`);
  return { added: usable, configured: true, systemChange, netrcFile };
}

/** Post: removes what setup wrote outside the job's own environment. Never throws; trouble is a warning. */
export async function undoNixConfig(
  done: { readonly systemChange?: SystemConfigChange; readonly netrcFile?: string },
  deps: Pick<ConfigureDeps, "run" | "env" | "tempDir" | "log">,
): Promise<void> {
  if (done.systemChange !== undefined) {
    try {
      await new SystemNixConfig(deps).revert(done.systemChange);
      deps.log.info(`Removed our lines from ${done.systemChange.file} and restarted the Nix daemon.`);
    } catch (error) {
      deps.log.warning(`Could not remove our lines from ${done.systemChange.file}: ${describeError(error)}`);
    }
  }
  if (done.netrcFile !== undefined) await rm(done.netrcFile, { force: true });
}

function logAdded(log: Log, added: readonly Substituter[], where: string): void {
  for (const substituter of added) {
    log.info(
      `Later steps substitute from ${substituter.url}, trusting ${substituter.publicKeys.join(" ")}: in ${where}.`,
    );
  }
}

/**
 * A netrc under RUNNER_TEMP holding the entries of the one Nix uses now plus ours, readable by this user only;
 * pointing Nix at it leaves the original file untouched.
 */
async function writeNetrc(
  entries: readonly NetrcEntry[],
  current: unknown,
  tempDir: string,
): Promise<string> {
  const existing =
    typeof current === "string" && current !== "" ? await readFile(current, "utf8").catch(() => "") : "";
  const dir = join(tempDir, "nix-binary-cache");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, "netrc");
  await writeFile(file, mergeNetrc(existing, entries), { mode: 0o600 });
  // writeFile's mode applies only when it creates the file.
  await chmod(file, 0o600);
  return file;
}
