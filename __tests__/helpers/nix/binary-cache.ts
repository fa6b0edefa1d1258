/**
 * Real Nix on either side of a binary cache, as the reference the action is checked against: signing keys Nix
 * makes, Nix's own push (`nix copy`), and Nix substituting from a cache into a fresh store and re-hashing what it
 * got (real Nix judging a cache).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import type { ProcessResult } from "../runner.js";
import { type NixEnv, run, runOk } from "./env.js";
import { type FreshStore, freshStore } from "./store.js";

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

interface SubstituteOptions {
  /** The binary cache URL to substitute from. */
  readonly substituter: string;
  /** Space-separated keys to trust. */
  readonly trustedPublicKeys: string;
}

interface SubstituteResult {
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
