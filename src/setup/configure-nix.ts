/**
 * Makes later steps read the cache: substituters, their keys and netrc credentials, written where the job's Nix
 * will read them. How depends on the installation: the job's own NIX_CONFIG (through GITHUB_ENV) where Nix or a
 * trusting daemon honours it; otherwise a marked block in the system nix.conf through passwordless sudo, which
 * post removes again. Credentials go to a private netrc under RUNNER_TEMP, which post deletes. What post must
 * undo is recorded before it is done.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Substituter } from "../cache/cache.js";
import { CacheError, describeError } from "../lib/errors.js";
import type { Log, RunnerFiles } from "../lib/ports.js";
import { scratchDir } from "../lib/scratch-dir.js";
import { noProxyForLoopback } from "../net/proxy.js";
import type { CommandRunner } from "../nix/command.js";
import { mergeNixConfig, nixConfigLines, singleValueProblem } from "../nix/config.js";
import { detectInstallation } from "../nix/installation.js";
import { mergeNetrc, type NetrcEntry } from "../nix/netrc.js";
import type { NixStore } from "../nix/store.js";
import { type SystemConfigChange, SystemNixConfig } from "../nix/system-config.js";
import type { SetupState } from "../state.js";

export interface NixReadConfig {
  readonly substituters: readonly Substituter[];
  readonly netrc: readonly NetrcEntry[];
  readonly fallback?: boolean;
}

/** What post must undo: kept in the step's state. */
export type NixConfigUndo = Pick<SetupState, "systemChange" | "netrcFile">;

export interface ConfigureDeps {
  readonly nix: NixStore;
  /** Runs `id`, `sudo` and the daemon's service manager. */
  readonly run: CommandRunner;
  readonly runner: RunnerFiles;
  readonly log: Log;
  readonly env: NodeJS.ProcessEnv;
  readonly tempDir: string;
  /** Saves what post must undo; called before each change is made, and throws when it cannot save. */
  readonly recordUndo: (undo: NixConfigUndo) => void;
}

/** What was configured. */
export interface NixConfigOutcome {
  /** Substituters later steps will use; empty when nothing could be configured. */
  readonly added: readonly Substituter[];
  /** False when the cache could not be configured (an untrusted user without sudo); a warning says why. */
  readonly configured: boolean;
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
  const installation = await detectInstallation(deps.nix, settings, deps.env, deps.run);
  log.info(`Nix installation: ${installation.kind}: ${installation.reason}.`);
  // A job's read server (127.0.0.1): curl, which Nix downloads with, would send Nix's requests to it through a proxy
  // the job has set. Only the job's own Nix downloads with the job's environment; a daemon has its own.
  const noProxy = usable.some((s) => /^http:\/\/127\.0\.0\.1[:/]/.test(s.url))
    ? noProxyForLoopback(deps.env)
    : undefined;
  if (noProxy !== undefined && installation.kind === "single-user") {
    deps.runner.exportVariable("no_proxy", noProxy);
    log.info(
      "no_proxy now names 127.0.0.1 (for the steps after this one), so Nix reaches the read server directly.",
    );
  } else if (noProxy !== undefined) {
    log.info(
      "The job sets a proxy; the Nix daemon downloads with its own environment: if that has a proxy, its no_proxy " +
        "must name 127.0.0.1 for the daemon to reach the read server.",
    );
  }
  const netrcFile = config.netrc.length === 0 ? undefined : netrcPath(deps.tempDir);
  const writeCredentials = async () => {
    if (netrcFile === undefined) return;
    await writeNetrc(netrcFile, mergeNetrc(await readNetrc(settings["netrc-file"]), config.netrc));
    log.info(
      `Credentials for ${config.netrc.map((entry) => entry.machine).join(", ")} written to ${netrcFile}.`,
    );
  };
  const settingsToAdd = {
    substituters: usable.map((substituter) => substituter.url),
    trustedPublicKeys: [...new Set(usable.flatMap((substituter) => substituter.publicKeys))],
    netrcFile,
    fallback: config.fallback === true && usable.length > 0,
  };

  if (installation.kind !== "daemon-untrusted") {
    deps.recordUndo({ netrcFile });
    await writeCredentials();
    deps.runner.exportVariable("NIX_CONFIG", mergeNixConfig(deps.env.NIX_CONFIG, settingsToAdd));
    logAdded(log, usable, "NIX_CONFIG (for the steps after this one)");
    return { added: usable, configured: true };
  }

  const lines = nixConfigLines(settingsToAdd);
  const system = new SystemNixConfig({ run: deps.run, env: deps.env, tempDir: deps.tempDir });
  const sudoProblem = await system.sudoProblem();
  if (sudoProblem !== undefined) {
    log.warning(
      `The Nix daemon ignores the substituters of this user, who is not in its trusted-users, and ${sudoProblem}, ` +
        "so setup cannot configure the cache; the build goes on without it. Either add this user to " +
        `trusted-users in ${system.file}, or add these lines there; then restart nix-daemon:\n${lines.join("\n")}`,
    );
    return { added: [], configured: false };
  }
  const systemChange: SystemConfigChange = {
    file: system.file,
    // Written into the system nix.conf (a comment line): only digits from the environment.
    id: `${/^\d{1,20}$/.test(deps.env.GITHUB_RUN_ID ?? "") ? deps.env.GITHUB_RUN_ID : "local"}-${randomBytes(4).toString("hex")}`,
  };
  deps.recordUndo({ netrcFile, systemChange });
  await writeCredentials();
  try {
    await system.apply(systemChange, lines);
  } catch (error) {
    throw new CacheError(`cannot configure the Nix daemon through ${system.file}: ${describeError(error)}`, {
      cause: error,
    });
  }
  logAdded(log, usable, `${system.file} (with sudo; the daemon was restarted, and post removes these lines)`);
  return { added: usable, configured: true };
}

/**
 * Post: removes what setup wrote outside the job's own environment, the netrc (which holds tokens) first. Never
 * throws; trouble is a warning.
 */
export async function undoNixConfig(
  done: NixConfigUndo,
  deps: Pick<ConfigureDeps, "run" | "env" | "tempDir" | "log">,
): Promise<void> {
  if (done.netrcFile !== undefined) await rm(done.netrcFile, { force: true });
  if (done.systemChange !== undefined) {
    try {
      if (await new SystemNixConfig(deps).revert(done.systemChange)) {
        deps.log.info(`Removed our lines from ${done.systemChange.file} and restarted the Nix daemon.`);
      }
    } catch (error) {
      deps.log.warning(`Could not remove our lines from ${done.systemChange.file}: ${describeError(error)}`);
    }
  }
}

function logAdded(log: Log, added: readonly Substituter[], where: string): void {
  for (const substituter of added) {
    log.info(
      `Later steps substitute from ${substituter.url}, trusting ${substituter.publicKeys.join(" ")}: in ${where}.`,
    );
  }
}

/** Where setup writes its netrc: in RUNNER_TEMP, which only this job's user can read. */
function netrcPath(tempDir: string): string {
  const file = join(scratchDir(tempDir), "netrc");
  const problem = singleValueProblem(file);
  if (problem !== undefined) {
    throw new CacheError(
      `the runner's temp dir cannot be named in Nix's configuration (netrc-file): ${problem}`,
    );
  }
  return file;
}

/** The netrc Nix uses now, whose entries ours are merged into; pointing Nix at ours leaves it untouched. */
async function readNetrc(current: unknown): Promise<string> {
  return typeof current === "string" && current !== "" ? readFile(current, "utf8").catch(() => "") : "";
}

/** Writes the netrc readable by this user only; a write that fails removes what it began. */
async function writeNetrc(file: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(file, text, { mode: 0o600 });
    // writeFile's mode applies only when it creates the file.
    await chmod(file, 0o600);
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
}
