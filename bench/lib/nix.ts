/**
 * Private Nix stores for the benchmark. Each lives in its own store directory (NIX_STORE_DIR, NIX_STATE_DIR,
 * NIX_LOG_DIR under a temp dir): the machine's /nix/store never sees the benchmark's data, builds by others on
 * the machine never show up in the benchmark's store diffs, and clean-up is removing a directory. The action
 * honours NIX_STORE_DIR too, so it runs unchanged against these stores.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { run, runOk } from "./proc.ts";

export interface NixEnv {
  readonly root: string;
  readonly storeDir: string;
  /** Environment for Nix and for the action's steps: this store, a private config, home and cache. */
  readonly env: Readonly<Record<string, string>>;
}

export const NIX_FLAGS = ["--extra-experimental-features", "nix-command"] as const;

/** A new, empty store under `root`, with its own nix.conf (no substituters: there may be no network). */
export function createStore(root: string): NixEnv {
  for (const dir of ["store", "state", "log", "conf", "home", "xdg-cache"]) {
    mkdirSync(path.join(root, dir), { recursive: true });
  }
  writeFileSync(
    path.join(root, "conf", "nix.conf"),
    [
      "substituters =",
      "sandbox = false",
      // Builds run as the calling user: no nixbld group needed.
      "build-users-group =",
      "max-jobs = auto",
      "cores = 1",
      "",
    ].join("\n"),
  );
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: path.join(root, "home"),
    XDG_CACHE_HOME: path.join(root, "xdg-cache"),
    NIX_CONF_DIR: path.join(root, "conf"),
    NIX_STORE_DIR: path.join(root, "store"),
    NIX_STATE_DIR: path.join(root, "state"),
    NIX_LOG_DIR: path.join(root, "log"),
    NIX_REMOTE: "local",
  };
  return { root, storeDir: env.NIX_STORE_DIR as string, env };
}

export function lines(text: string): string[] {
  return text.split("\n").filter((line) => line.trim() !== "");
}

/** Instantiates `expression` (a list of derivations) and builds it; returns the outputs and .drv paths, in order. */
export async function buildExpression(
  nix: NixEnv,
  expression: string,
  file: string,
): Promise<{ outputs: string[]; drvs: string[] }> {
  writeFileSync(file, expression);
  const drvs = lines(await runOk("nix-instantiate", [file], { env: nix.env }));
  const outputs = lines(await runOk("nix-store", ["--query", "--outputs", ...drvs], { env: nix.env }));
  await runOk("nix-store", ["--realise", ...drvs], { env: nix.env });
  return { outputs, drvs };
}

export async function generateKey(
  nix: NixEnv,
  dir: string,
): Promise<{ secretFile: string; publicFile: string }> {
  const secretFile = path.join(dir, "secret-key");
  const publicFile = path.join(dir, "public-key");
  await runOk("nix-store", ["--generate-binary-cache-key", "bench-cache-1", secretFile, publicFile], {
    env: nix.env,
  });
  return { secretFile, publicFile };
}

export function nixCopyArgs(cacheDir: string, secretFile: string, paths: readonly string[]): string[] {
  return [
    ...NIX_FLAGS,
    "copy",
    "--to",
    `file://${cacheDir}?compression=zstd&secret-key=${secretFile}`,
    ...paths,
  ];
}

export async function deletePaths(nix: NixEnv, paths: readonly string[]): Promise<void> {
  const existing = paths.filter((p) => existsSync(p));
  if (existing.length > 0) await runOk("nix-store", ["--delete", ...existing], { env: nix.env });
}

/**
 * Fills the store with `derivations` valid derivations and as many valid outputs (2 × derivations entries), the
 * way years of builds fill a runner's store, without building them: the .drv files come from nix-instantiate, the
 * outputs are small directories registered with `nix-store --register-validity`, each referring to one earlier
 * one (a tree, so that closures stay a handful of paths deep). Returns the outputs.
 */
export async function fillStore(nix: NixEnv, derivations: number, file: string): Promise<string[]> {
  writeFileSync(
    file,
    `{ n }: builtins.genList (i: derivation {
  name = "filler-\${toString i}"; system = builtins.currentSystem; builder = "/bin/sh"; args = [ "-c" "mkdir $out" ];
}) n
`,
  );
  const drvs = lines(
    await runOk("nix-instantiate", [file, "--arg", "n", String(derivations)], { env: nix.env }),
  );
  const outputs = lines(await runOk("nix-store", ["--query", "--outputs", ...drvs], { env: nix.env }));
  let registration = "";
  outputs.forEach((output, i) => {
    const refs = i === 0 ? [] : [outputs[Math.floor((i - 1) / 2)] as string];
    mkdirSync(output);
    writeFileSync(path.join(output, "refs"), `${refs.join("\n")}\n`);
    registration += `${output}\n${drvs[i]}\n${refs.length}\n${refs.map((ref) => `${ref}\n`).join("")}`;
  });
  const result = await run("nix-store", ["--register-validity"], { env: nix.env, input: registration });
  if (result.code !== 0) throw new Error(`nix-store --register-validity: ${result.stderr.slice(-1000)}`);
  return outputs;
}
