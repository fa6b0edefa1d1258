/**
 * Makes later steps read the cache: substituters, their keys and netrc credentials, written where the job's Nix
 * will read them. Everything goes under RUNNER_TEMP and into NIX_CONFIG through GITHUB_ENV, so nothing outlives
 * the job and the user's own configuration stays in force.
 */
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { NetrcEntry, Substituter } from "./cache/cache.js";
import { mergeNixConfig } from "./nix/config.js";
import { mergeNetrc } from "./nix/netrc.js";
import type { NixStore } from "./nix/store.js";
import type { Log, RunnerFiles } from "./report.js";

export interface NixReadConfig {
  readonly substituters: readonly Substituter[];
  readonly netrc: readonly NetrcEntry[];
}

export interface ConfigureDeps {
  readonly nix: NixStore;
  readonly runner: RunnerFiles;
  readonly log: Log;
  readonly env: NodeJS.ProcessEnv;
  readonly tempDir: string;
}

/** Applies `config` for later steps; returns the substituters that were added. */
export async function configureNixForLaterSteps(
  config: NixReadConfig,
  deps: ConfigureDeps,
): Promise<Substituter[]> {
  const { log } = deps;
  const usable = config.substituters.filter((substituter) => substituter.publicKeys.length > 0);
  for (const substituter of config.substituters.filter((s) => s.publicKeys.length === 0)) {
    log.notice(
      `No public key is known for ${substituter.url}, so Nix could not verify paths from it: it is not added as a ` +
        "substituter. Give `publicKey` (or `signingKey`).",
    );
  }
  if (usable.length === 0 && config.netrc.length === 0) return [];

  const settings = await deps.nix.showConfig();
  const extraLines: string[] = [];
  if (config.netrc.length > 0) {
    const netrcFile = await writeNetrc(config.netrc, settings["netrc-file"], deps.tempDir);
    extraLines.push(`netrc-file = ${netrcFile}`);
    log.info(
      `Credentials for ${config.netrc.map((entry) => entry.machine).join(", ")} written to ${netrcFile}.`,
    );
  }
  const nixConfig = mergeNixConfig(deps.env.NIX_CONFIG, {
    substituters: usable.map((substituter) => substituter.url),
    trustedPublicKeys: [...new Set(usable.flatMap((substituter) => substituter.publicKeys))],
    extraLines,
  });
  deps.runner.exportVariable("NIX_CONFIG", nixConfig);
  for (const substituter of usable) {
    log.info(`Later steps substitute from ${substituter.url}, trusting ${substituter.publicKeys.join(" ")}.`);
  }
  return usable;
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
