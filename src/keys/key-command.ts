/**
 * The key command: makes an Ed25519 signing key pair without Nix and, for a Cachix cache with a token, registers
 * its public half (as `cachix generate-keypair` does). The secret is printed only once the key is usable: after a
 * successful registration, or right away for a key that needs none.
 */
import nacl from "tweetnacl";
import { CachixApi } from "../cache/cachix/api.js";
import { cachixKeyName, DEFAULT_CACHIX_HOST, httpUrl, isCachixCacheName } from "../cache/cachix/names.js";
import { describeError } from "../lib/errors.js";
import { encodeBase64 } from "../lib/hash.js";

const USAGE = `Usage:
  nix-binary-cache-key generate-keypair CACHE [--host URL]
      A key pair for the Cachix cache CACHE (key name CACHE.cachix.org-1). With CACHIX_AUTH_TOKEN set (a token
      with admin rights on the cache), its public key is registered with the cache first. The secret is printed in
      Cachix's form, which the action's signingKey (and the cachix CLI's CACHIX_SIGNING_KEY) accepts.
  nix-binary-cache-key generate-keypair --key-name NAME
      A key pair for any other Nix binary cache, e.g. NAME=my-cache-1; the secret is printed as name:base64.
`;

export interface KeyCommandIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Results: the secret and the public key. */
  readonly out: (line: string) => void;
  /** Everything said to the person running it. */
  readonly err: (line: string) => void;
  /** For tests: the key seed (32 bytes); random otherwise. */
  readonly seed?: Uint8Array;
}

type Parsed =
  | { kind: "cachix"; cache: string; host: URL }
  | { kind: "plain"; keyName: string }
  | { kind: "help" }
  | { kind: "error"; message: string };

/** Runs the command; returns the process exit code (0 done, 1 failed, 2 bad usage). */
export async function runKeyCommand(args: readonly string[], io: KeyCommandIo): Promise<number> {
  const parsed = parseArgs(args);
  if (parsed.kind === "help") {
    io.out(USAGE);
    return 0;
  }
  if (parsed.kind === "error") {
    io.err(`${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const pair = io.seed === undefined ? nacl.sign.keyPair() : nacl.sign.keyPair.fromSeed(io.seed);
  const publicBase64 = encodeBase64(pair.publicKey);
  if (parsed.kind === "plain") {
    io.out(`secret-key: ${parsed.keyName}:${encodeBase64(pair.secretKey)}`);
    io.out(`public-key: ${parsed.keyName}:${publicBase64}`);
    io.err(
      "Keep the secret key in a repository secret and pass it as `signingKey`; readers trust the public key.",
    );
    return 0;
  }

  const token = io.env.CACHIX_AUTH_TOKEN?.trim();
  if (token) {
    try {
      await new CachixApi({ host: parsed.host, token }).postKey(parsed.cache, publicBase64);
    } catch (error) {
      io.err(
        `Could not register the public key with Cachix cache '${parsed.cache}': ${describeError(error)}`,
      );
      io.err("Nothing was changed; the key pair was discarded.");
      return 1;
    }
    io.err(`Registered the public key with Cachix cache '${parsed.cache}' at ${parsed.host.origin}.`);
  } else {
    io.err(
      `CACHIX_AUTH_TOKEN is not set, so the public key was NOT registered with Cachix cache '${parsed.cache}'. ` +
        "Paths signed with this key will be refused until it is; run again with a token to make a registered pair.",
    );
  }
  io.out(`secret-key: ${encodeBase64(pair.secretKey)}`);
  io.out(`public-key: ${cachixKeyName(parsed.cache)}:${publicBase64}`);
  io.err("Keep the secret key in a repository secret (e.g. CACHIX_SIGNING_KEY) and pass it as `signingKey`.");
  return 0;
}

function parseArgs(args: readonly string[]): Parsed {
  const [command, ...rest] = args;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    return { kind: "help" };
  }
  if (command !== "generate-keypair") return { kind: "error", message: `unknown command '${command}'` };
  let host = DEFAULT_CACHIX_HOST;
  let keyName: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? "";
    if (arg === "--host" || arg === "--key-name") {
      const value = rest[++i];
      if (value === undefined) return { kind: "error", message: `${arg} needs a value` };
      if (arg === "--host") host = value;
      else keyName = value;
    } else if (arg.startsWith("-")) {
      return { kind: "error", message: `unknown option '${arg}'` };
    } else {
      positional.push(arg);
    }
  }
  if (keyName !== undefined) {
    if (positional.length > 0) return { kind: "error", message: "give either CACHE or --key-name, not both" };
    if (!/^[^\s:]+$/.test(keyName)) return { kind: "error", message: "a key name has no ':' or white space" };
    return { kind: "plain", keyName };
  }
  const [cache] = positional;
  if (cache === undefined || positional.length > 1) return { kind: "error", message: "give one CACHE name" };
  if (!isCachixCacheName(cache)) return { kind: "error", message: `'${cache}' is not a Cachix cache name` };
  const url = httpUrl(host);
  if (url === undefined) return { kind: "error", message: `--host '${host}' is not an http(s):// URL` };
  return { kind: "cachix", cache, host: url };
}
