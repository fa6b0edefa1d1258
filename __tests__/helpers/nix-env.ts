/**
 * Isolation and fixtures for tests that run the real Nix of this machine: a private NIX_CONF_DIR (no
 * substituters, so nothing waits on cache.nixos.org), HOME and XDG_CACHE_HOME; closures of raw derivations that
 * are new on every call; fresh chroot stores to substitute into; and a PATH shim that logs every Nix call.
 * /etc/nix is never touched.
 */
import { randomUUID } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import type { CommandRunner } from "../../src/nix/command.js";
import { world } from "./nix-world.js";
import { removeTree } from "./remove-tree.js";
import { type ProcessResult, spawnCollect } from "./runner.js";

export { removeTree };

export interface NixEnv {
  readonly root: string;
  readonly confDir: string;
  readonly home: string;
  readonly cacheHome: string;
  /** The variables that point Nix (and anything else) at the private config, home and cache. */
  readonly env: Readonly<Record<string, string>>;
  cleanup(): void;
}

export interface NixEnvOptions {
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

/** Whether a store path (or a file in one) of the tests' Nix world exists. */
export function inStore(storePath: string): boolean {
  return existsSync(world.hostPath(storePath));
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

export interface KeyPair {
  readonly name: string;
  /** `name:base64(64 bytes)`, as the secret key file holds it. */
  readonly secretKey: string;
  /** `name:base64(32 bytes)`. */
  readonly publicKey: string;
  readonly secretKeyFile: string;
  readonly publicKeyFile: string;
}

/** A key pair made by Nix itself (`nix-store --generate-binary-cache-key`). */
export async function generateKeyPair(nix: NixEnv, name: string): Promise<KeyPair> {
  const dir = mkdtempSync(path.join(nix.root, "key-"));
  const secretKeyFile = path.join(dir, "secret");
  const publicKeyFile = path.join(dir, "public");
  await runOk("nix-store", ["--generate-binary-cache-key", name, secretKeyFile, publicKeyFile], nix.env);
  return {
    name,
    // Nix writes both without a trailing newline; trim anyway so a future change cannot break the tests.
    secretKey: readFileSync(secretKeyFile, "utf8").trim(),
    publicKey: readFileSync(publicKeyFile, "utf8").trim(),
    secretKeyFile,
    publicKeyFile,
  };
}

export interface ClosureSpec {
  /** Number of derivations; each one after the first references the one before, so the last one's closure is all. */
  readonly count: number;
  /** Part of every derivation's name, e.g. to aim a push filter at it. */
  readonly label?: string;
  /** Random bytes (from /dev/urandom) added to the top output, in MiB. */
  readonly bigMiB?: number;
  /** The top output also references itself. */
  readonly selfReference?: boolean;
  /** What every derivation's name starts with (default `nbca`), e.g. for a push filter that keeps only these. */
  readonly prefix?: string;
  /**
   * A directory (outside the store; builds run unsandboxed) where each builder appends a line before it builds, so
   * that `builds()` can tell a substitution from a build.
   */
  readonly marks?: string;
  /** The derivation at this index fails (after leaving its mark). */
  readonly failAt?: number;
}

export interface Closure {
  readonly nonce: string;
  /** In chain order: drvPaths[i] builds outPaths[i]. */
  readonly drvPaths: readonly string[];
  readonly outPaths: readonly string[];
  /** The last output: its closure is every output. */
  readonly top: string;
  /** How many times each builder ran, in chain order (all 0 without `marks`). */
  builds(): number[];
}

/**
 * Writes the closure's Nix expression and instantiates it: the .drv files exist afterwards, the outputs do not.
 * Every call has its own nonce, so every call yields new store paths. The outputs hold the kinds of things a NAR
 * must carry: an executable, relative and dangling absolute symlinks, an empty file, an empty directory and a
 * non-ASCII name.
 */
export async function instantiateClosure(
  nix: NixEnv,
  spec: ClosureSpec,
  env: Readonly<Record<string, string>> = nix.env,
): Promise<Closure> {
  if (!Number.isInteger(spec.count) || spec.count < 1) throw new Error(`bad closure size ${spec.count}`);
  const nonce = randomUUID().replace(/-/g, "").slice(0, 16);
  const label = spec.label ?? "c";
  const markOf = (i: number) =>
    spec.marks === undefined ? undefined : path.join(spec.marks, `${nonce}-${i}`);
  const bindings: string[] = [];
  for (let i = 0; i < spec.count; i++) {
    const isTop = i === spec.count - 1;
    const mark = markOf(i);
    const script = [
      "export PATH=/bin:/usr/bin",
      "set -e",
      ...(mark === undefined ? [] : [`echo ran >> ${mark}`]),
      ...(i === spec.failAt ? ["exit 1"] : []),
      "mkdir -p $out/bin $out/empty-dir",
      `echo '${nonce} ${i}' > $out/id`,
      "echo '#!/bin/sh' > $out/bin/hello && chmod +x $out/bin/hello",
      "ln -s bin/hello $out/link",
      "ln -s /nonexistent/target $out/dangling",
      ": > $out/empty-file",
      "echo x > $out/é",
      ...(i > 0 ? ["echo $dep > $out/dep"] : []),
      ...(isTop && spec.selfReference ? ["echo $out > $out/self"] : []),
      ...(isTop && spec.bigMiB ? [`head -c ${spec.bigMiB * 1024 * 1024} /dev/urandom > $out/blob`] : []),
    ].join("\n");
    bindings.push(
      `  d${i} = derivation {
    name = ${nixString(`${spec.prefix ?? "nbca"}-${label}-${i}`)};
    system = builtins.currentSystem;
    builder = "/bin/sh";
    args = [ "-c" ${nixString(script)} ];
    nonce = ${nixString(nonce)};${i > 0 ? `\n    dep = d${i - 1};` : ""}
  };`,
    );
  }
  const expr = `let\n${bindings.join("\n")}\nin [ ${Array.from({ length: spec.count }, (_, i) => `d${i}`).join(" ")} ]\n`;
  const file = path.join(nix.root, `closure-${nonce}.nix`);
  writeFileSync(file, expr);

  const drvPaths = lines(await runOk("nix-instantiate", [file], env));
  const outPaths = lines(await runOk("nix-store", ["-q", "--outputs", ...drvPaths], env));
  if (drvPaths.length !== spec.count || outPaths.length !== spec.count) {
    throw new Error(
      `expected ${spec.count} derivations, got ${drvPaths.length} .drv and ${outPaths.length} outputs`,
    );
  }
  const top = outPaths.at(-1);
  if (top === undefined) throw new Error("empty closure");
  const builds = () =>
    drvPaths.map((_, i) => {
      const mark = markOf(i);
      return mark !== undefined && existsSync(mark)
        ? readFileSync(mark, "utf8").split("\n").filter(Boolean).length
        : 0;
    });
  return { nonce, drvPaths, outPaths, top, builds };
}

/** Builds the instantiated closure (with the given env: a job step's, to build the way a later step would). */
export async function realiseClosure(closure: Closure, env: Readonly<Record<string, string>>): Promise<void> {
  await runOk("nix-store", ["-r", ...closure.drvPaths], env);
  const missing = closure.outPaths.filter((p) => !inStore(p));
  if (missing.length > 0) throw new Error(`not built: ${missing.join(" ")}`);
}

/** instantiateClosure() then realiseClosure(). */
export async function buildClosure(
  nix: NixEnv,
  spec: ClosureSpec,
  env: Readonly<Record<string, string>> = nix.env,
): Promise<Closure> {
  const closure = await instantiateClosure(nix, spec, env);
  await realiseClosure(closure, env);
  return closure;
}

/**
 * Deletes store paths (and, for a built closure, its .drv files) so the shared store does not keep growing.
 * Nix refuses to delete a path that a live path still references; paths are given referrers first, and what Nix
 * refuses stays (the caller may be deleting only part of a closure).
 */
export async function deleteStorePaths(nix: NixEnv, paths: readonly string[]): Promise<void> {
  const existing = paths.filter(inStore);
  if (existing.length === 0) return;
  // Bounded: clean-up must never be what hangs a test run (the GC lock may be held by another Nix process).
  await run("nix-store", ["--delete", ...existing], nix.env, 60_000);
}

/** The output and .drv paths of closures, top first, ready for deleteStorePaths(). */
export function closurePaths(...closures: readonly Closure[]): string[] {
  return closures.flatMap((c) => [...c.outPaths].reverse().concat([...c.drvPaths].reverse()));
}

/** Nix's own push (`nix copy`) of `paths` to a cache, signed with `secretKeyFile`: a reference or a cache to read. */
export async function nixCopyTo(
  nix: NixEnv,
  cacheUrl: string,
  secretKeyFile: string,
  paths: readonly string[],
): Promise<void> {
  await runOk(
    "nix",
    [
      "--extra-experimental-features",
      "nix-command",
      "copy",
      "--to",
      `${cacheUrl}?compression=zstd&secret-key=${secretKeyFile}`,
      ...paths,
    ],
    nix.env,
  );
}

/** `nix-store -qR`: the closure of the given paths. */
export async function queryClosure(nix: NixEnv, paths: readonly string[]): Promise<string[]> {
  return lines(await runOk("nix-store", ["-qR", ...paths], nix.env)).sort();
}

export interface FreshStore {
  /** The chroot store's root: its store paths live under `<dir>/nix/store`. */
  readonly dir: string;
  /** Whether `storePath` (a /nix/store/… path) exists in this store. */
  has(storePath: string): boolean;
  cleanup(): void;
}

/** An empty chroot store (`nix-store --store <dir>`) to substitute into, as a new machine would. */
export function freshStore(): FreshStore {
  const dir = mkdtempSync(path.join(tmpdir(), "nbca-store-"));
  return {
    dir,
    has: (storePath) => existsSync(path.join(dir, storePath)),
    cleanup: () => removeTree(dir),
  };
}

export interface SubstituteOptions {
  /** The binary cache URL to substitute from. */
  readonly substituter: string;
  /** Space-separated keys to trust. */
  readonly trustedPublicKeys: string;
}

export interface SubstituteResult {
  /** `nix-store --store <dir> -r <paths>`; it cannot build (`--max-jobs 0`), so success means substituted. */
  readonly realise: ProcessResult;
  /** `nix-store --store <dir> --verify --check-contents`, run only when realise succeeded. */
  readonly verify: ProcessResult | undefined;
}

/**
 * Lets real Nix judge a cache: realise `paths` in the fresh store from the substituter, trusting exactly the given
 * keys, then re-hash every path in that store against the NarHash it was registered with.
 */
export async function substituteInto(
  nix: NixEnv,
  store: FreshStore,
  paths: readonly string[],
  options: SubstituteOptions,
): Promise<SubstituteResult> {
  const realise = await run(
    "nix-store",
    [
      "--store",
      store.dir,
      "-r",
      ...paths,
      "--max-jobs",
      "0",
      "--option",
      "substituters",
      options.substituter,
      "--option",
      "trusted-public-keys",
      options.trustedPublicKeys,
    ],
    nix.env,
  );
  if (realise.exitCode !== 0) return { realise, verify: undefined };
  const verify = await run("nix-store", ["--store", store.dir, "--verify", "--check-contents"], nix.env);
  return { realise, verify };
}

/**
 * Real Nix judges a cache: a fresh store substitutes `paths` from `substituter`, trusting exactly
 * `trustedPublicKeys`, with every path re-hashed against its registered NarHash; `check` looks at the store after.
 */
export async function expectSubstitutes(
  nix: NixEnv,
  substituter: string,
  paths: readonly string[],
  trustedPublicKeys: string,
  check?: (store: FreshStore) => void,
): Promise<void> {
  const store = freshStore();
  try {
    const result = await substituteInto(nix, store, paths, { substituter, trustedPublicKeys });
    expect(result.realise.exitCode, result.realise.stderr).toBe(0);
    expect(result.verify?.exitCode, result.verify?.stderr).toBe(0);
    check?.(store);
  } finally {
    store.cleanup();
  }
}

/** One call of a Nix tool, as the shim logged it. */
export interface NixCall {
  readonly tool: string;
  readonly args: readonly string[];
}

export interface NixShim {
  /** Put this first on PATH. */
  readonly dir: string;
  /** Every call logged so far, oldest first. */
  calls(): NixCall[];
  cleanup(): void;
}

const NIX_TOOLS = [
  "nix",
  "nix-store",
  "nix-build",
  "nix-instantiate",
  "nix-env",
  "nix-hash",
  "nix-shell",
  "nix-channel",
  "nix-collect-garbage",
  "nix-copy-closure",
  "nix-prefetch-url",
  "nix-daemon",
];

/**
 * A directory of wrappers named like the Nix tools: each records its argv, then execs the real tool found on the
 * PATH the tests were started with (argv[0] keeps the tool's name: Nix's multi-call binary dispatches on it). Each
 * call writes its own log file, so concurrent calls cannot interleave their records.
 */
export function createNixShim(): NixShim {
  const root = mkdtempSync(path.join(tmpdir(), "nbca-shim-"));
  const dir = path.join(root, "bin");
  const logDir = path.join(root, "calls");
  mkdirSync(dir);
  mkdirSync(logDir);
  const bash = which("bash");
  if (!bash) throw new Error("bash not found on PATH");
  let found = 0;
  for (const tool of NIX_TOOLS) {
    const real = which(tool);
    if (!real) continue;
    found++;
    const script = `#!${bash}
# Logs this call, then runs the real ${tool}.
printf '%s\\0' ${shellQuote(tool)} "$@" > ${shellQuote(logDir)}/"$(date +%s%N)-$$"
exec ${shellQuote(real)} "$@"
`;
    const file = path.join(dir, tool);
    writeFileSync(file, script);
    chmodSync(file, 0o755);
  }
  if (found === 0) throw new Error("no Nix tool found on PATH");
  return {
    dir,
    calls: () =>
      readdirSync(logDir)
        .sort(byTimestampName)
        .map((name) => {
          const fields = readFileSync(path.join(logDir, name), "utf8").split("\0");
          fields.pop(); // the record ends with a NUL
          const [tool = "", ...args] = fields;
          return { tool, args };
        }),
    cleanup: () => removeTree(root),
  };
}

/** Orders `<nanoseconds>-<pid>` names by time (numerically: the digit counts could differ). */
function byTimestampName(a: string, b: string): number {
  const ta = BigInt(a.split("-")[0] ?? "0");
  const tb = BigInt(b.split("-")[0] ?? "0");
  return ta < tb ? -1 : ta > tb ? 1 : a.localeCompare(b);
}

/** The first executable named `name` on the test process's PATH. */
export function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir === "") continue;
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A Nix double-quoted string literal. */
function nixString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\$\{/g, "\\${")}"`;
}

function lines(text: string): string[] {
  return text.split("\n").filter((line) => line.trim() !== "");
}
