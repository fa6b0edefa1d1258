/**
 * Questions to the local Nix store, asked in bulk: a handful of processes per post step however many paths there
 * are, since spawning Nix once per path is what makes other caching actions slow.
 */
import { readdir } from "node:fs/promises";
import { type PathInfo, parsePathInfoJson } from "../lib/path-info.js";
import { isStorePathBasename } from "../lib/store-path.js";
import { type CommandRunner, NixCommandError, runChecked } from "./command.js";

/** Paths per Nix call: far below Linux's 2 MiB argument limit even for long names. */
const BATCH_SIZE = 5000;

/** The new CLI, which stock Nix keeps behind an experimental feature. */
const NIX_COMMAND = ["--extra-experimental-features", "nix-command"] as const;

/** Nix settings for our own queries: never consult a remote substituter while asking about local paths. */
const QUERY_OPTIONS = ["--option", "substituters", ""] as const;

export class NixStore {
  private knownVersion: Promise<string> | undefined;

  /** `version`: Nix's version when the caller knows it already (post, from setup's state), sparing a Nix call. */
  constructor(
    private readonly run: CommandRunner,
    readonly storeDir: string,
    version?: string,
  ) {
    if (version !== undefined) this.knownVersion = Promise.resolve(version);
  }

  /** Nix's version, e.g. "2.8.0"; throws when Nix is not installed or does not run. Asked once. */
  version(): Promise<string> {
    this.knownVersion ??= runChecked(this.run, "nix-store", ["--version"]).then(parseNixVersion);
    return this.knownVersion;
  }

  /** Nix's effective settings as this user sees them (config files and NIX_CONFIG), by name. */
  async showConfig(): Promise<Record<string, unknown>> {
    // `show-config` is a deprecated alias from 2.20 on, where `config show` came.
    const command = (await this.atLeast("2.20")) ? ["config", "show"] : ["show-config"];
    const stdout = await runChecked(this.run, "nix", [...NIX_COMMAND, ...command, "--json"]);
    const settings = JSON.parse(stdout) as Record<string, { value?: unknown }>;
    return Object.fromEntries(Object.entries(settings).map(([name, setting]) => [name, setting?.value]));
  }

  /**
   * Whether the store (the daemon, for a multi-user Nix) trusts this user, in its own words: `nix store info`
   * from 2.19, `nix store ping` from 2.15; undefined where Nix cannot say (2.8) or the question fails.
   */
  async trustsUser(): Promise<boolean | undefined> {
    const command = (await this.atLeast("2.19"))
      ? ["store", "info"]
      : (await this.atLeast("2.15"))
        ? ["store", "ping"]
        : undefined;
    if (command === undefined) return undefined;
    const result = await this.run("nix", [...NIX_COMMAND, ...command, "--json"]);
    if (result.exitCode !== 0) return undefined;
    try {
      // 2.26 says 1 or 0, 2.34 true or false.
      const trusted = (JSON.parse(result.stdout) as { trusted?: unknown }).trusted;
      return trusted === true || trusted === 1
        ? true
        : trusted === false || trusted === 0
          ? false
          : undefined;
    } catch {
      return undefined;
    }
  }

  private async atLeast(wanted: string): Promise<boolean> {
    return compareVersions(await this.version(), wanted) >= 0;
  }

  /** The names in the store directory as they are (store paths, `.drv` files, `.links`, locks…), unchecked. */
  async listStoreEntries(): Promise<string[]> {
    return readStoreDirectory(this.storeDir);
  }

  /** The subset of `paths` that Nix has registered as valid (fully built or substituted). */
  async filterValid(paths: readonly string[]): Promise<string[]> {
    const invalid = new Set<string>();
    for (const batch of batches(paths)) {
      const stdout = await runChecked(this.run, "nix-store", [
        "--check-validity",
        "--print-invalid",
        ...batch,
      ]);
      for (const line of lines(stdout)) invalid.add(line);
    }
    return paths.filter((path) => !invalid.has(path));
  }

  /**
   * Metadata of the closures of those of `paths` that are valid. `nix path-info` realises its arguments (a daemon may
   * substitute an invalid one from its own caches), so validity is asked first when a path may still be in the
   * making; otherwise only after a call that failed (Nix 2.8's `--recursive` fails as a whole on an invalid path).
   */
  async closureOfValid(
    paths: readonly string[],
    options: { mayBeInvalid?: boolean } = {},
  ): Promise<Map<string, PathInfo>> {
    if (options.mayBeInvalid) return this.pathInfo(await this.filterValid(paths), { recursive: true });
    try {
      return await this.pathInfo(paths, { recursive: true });
    } catch (error) {
      if (!(error instanceof NixCommandError)) throw error;
      return this.pathInfo(await this.filterValid(paths), { recursive: true });
    }
  }

  /**
   * Metadata of valid paths, keyed by path; with `recursive`, of their whole closures (the roots and everything they
   * refer to, transitively), in the same call. A `.drv` means the file itself, not its outputs.
   */
  async pathInfo(
    paths: readonly string[],
    options: { recursive?: boolean } = {},
  ): Promise<Map<string, PathInfo>> {
    // Before Nix 2.15 a .drv argument of the new CLI stands for its outputs unless --derivation is given, and
    // --derivation maps other paths to their derivers: so the two kinds are asked separately.
    const derivations = paths.filter((path) => path.endsWith(".drv"));
    const others = paths.filter((path) => !path.endsWith(".drv"));
    const infos = new Map<string, PathInfo>();
    for (const [group, extra] of [
      [others, []],
      [derivations, ["--derivation"]],
    ] as const) {
      for (const batch of batches(group)) {
        const args = [
          ...NIX_COMMAND,
          ...QUERY_OPTIONS,
          "path-info",
          "--json",
          // 2.33 on warn that `--json` alone "will become an error"; format 1 is what 2.19 to 2.32 print.
          ...((await this.atLeast("2.33")) ? ["--json-format", "1"] : []),
          ...(options.recursive ? ["--recursive"] : []),
        ];
        const stdout = await runChecked(this.run, "nix", [...args, ...extra, ...batch]);
        for (const info of parsePathInfoJson(stdout, this.storeDir)) infos.set(info.path, info);
      }
    }
    return infos;
  }
}

/** Store entries of `storeDir` that have the shape of a store path (full paths), by reading the directory. */
export async function listStorePaths(storeDir: string): Promise<string[]> {
  const names = await readStoreDirectory(storeDir);
  return names.filter(isStorePathBasename).map((name) => `${storeDir}/${name}`);
}

async function readStoreDirectory(storeDir: string): Promise<string[]> {
  try {
    return await readdir(storeDir);
  } catch (error) {
    // A Nix that has not built or fetched anything yet has no store directory.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

function* batches<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += BATCH_SIZE) yield items.slice(start, start + BATCH_SIZE);
}

function lines(text: string): string[] {
  return text.split("\n").filter((line) => line !== "");
}

/**
 * The Nix version that `--version` prints, as the version whose commands it has: the last version number in it
 * (Determinate Nix prints its own first), and for Lix, which forked from 2.18, 2.18.
 */
export function parseNixVersion(output: string): string {
  const numbers = output.match(/\d+\.\d+(?:\.\d+)?/g);
  const last = numbers?.at(-1);
  if (last === undefined) throw new Error(`cannot tell Nix's version from '${output.trim()}'`);
  return /\bLix\b/.test(output) ? "2.18.0" : last;
}

/** Compares dotted version numbers: negative, zero or positive. */
function compareVersions(a: string, b: string): number {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
