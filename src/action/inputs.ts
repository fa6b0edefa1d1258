/**
 * The action's inputs, read once, validated up front, and handed to the rest of the code as a typed object.
 * This is the only module that reads inputs; it marks every secret with `core.setSecret` before looking at it.
 */

import * as core from "@actions/core";
import { cachixKeyName, isCachixCacheName } from "../cache/cachix/names.js";
import type { CacheSettings } from "../cache/create-cache.js";
import { findCredentials } from "../cache/s3/credentials.js";
import { parseS3Url } from "../cache/s3/location.js";
import type { S3Location } from "../cache/s3/s3-client.js";
import { describeError, InputError } from "../lib/errors.js";
import { INPUT_NAMES, type InputName } from "../lib/input-names.js";
import {
  type PublicKey,
  parsePublicKey,
  parseSigningKey,
  type SigningKey,
  signingKeyFromBareBase64,
} from "../lib/signing.js";
import { parseCacheUrl } from "../nix/cache-url.js";
import { netrcValueProblem } from "../nix/netrc.js";
import type { PushConfig } from "../push/run-push.js";
import type { SetupConfig } from "../setup/run-setup.js";
import {
  parseBoolean,
  parseByteSize,
  parseInteger,
  parseMinutes,
  parseRegExp,
  splitList,
} from "./input-values.js";

/**
 * cachix-action inputs that are declared (with a deprecationMessage saying why) but not read, so that workflows
 * written for cachix-action run unchanged: there is no cachix binary to install or pass arguments to, and paths
 * are pushed natively from the post step.
 */
export const DEPRECATED_INPUT_NAMES = ["cachixArgs", "cachixBin", "installCommand"] as const;

/** Where the cachix CLI takes its credentials from when they are not configured: an input wins over these. */
const CACHIX_ENV = { authToken: "CACHIX_AUTH_TOKEN", signingKey: "CACHIX_SIGNING_KEY" } as const;

/** What an s3:// cache reads from the environment, as the AWS tools do (the first two are secrets). */
const AWS_SECRET_ENV = ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"] as const;
const AWS_ENV = [
  ...AWS_SECRET_ENV,
  "AWS_ACCESS_KEY_ID",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  "AWS_ENDPOINT_URL",
  "AWS_ENDPOINT_URL_S3",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_CONFIG_FILE",
] as const;

/** Every input, checked; what concerns the cache is in `cache`, which only its backend sees. */
export interface Inputs extends SetupConfig, PushConfig {
  readonly cache: CacheSettings;
}

/** Reads an input by name; returns "" when unset, like `core.getInput`. */
export type InputReader = (name: InputName) => string;

const SECRET_INPUTS: readonly InputName[] = [INPUT_NAMES.signingKey, INPUT_NAMES.authToken];

/** Reads the inputs through @actions/core, masking secrets first. */
export function loadInputs(): Inputs {
  const read: InputReader = (name) => core.getInput(name);
  for (const name of SECRET_INPUTS) {
    const value = read(name);
    if (value !== "") core.setSecret(value);
  }
  for (const variable of [...Object.values(CACHIX_ENV), ...AWS_SECRET_ENV]) {
    const value = process.env[variable]?.trim();
    if (value) core.setSecret(value);
  }
  const inputs = parseInputs(read, process.env);
  // Keys read from an AWS profile's files.
  if (inputs.cache.kind === "s3" && inputs.cache.credentials !== undefined) {
    core.setSecret(inputs.cache.credentials.secretAccessKey);
    if (inputs.cache.credentials.sessionToken) core.setSecret(inputs.cache.credentials.sessionToken);
  }
  return inputs;
}

/**
 * The inputs as given, and the variables they fall back to: what setup pipes to the background pusher, which checks
 * them as post does. loadInputs has masked the secrets among them.
 */
export function readRawInputs(): { inputs: Record<string, string>; env: Record<string, string> } {
  const inputs = Object.fromEntries(Object.values(INPUT_NAMES).map((name) => [name, core.getInput(name)]));
  const env: Record<string, string> = {};
  for (const variable of [...Object.values(CACHIX_ENV), ...AWS_ENV, "HOME"]) {
    const value = process.env[variable];
    if (value !== undefined) env[variable] = value;
  }
  return { inputs, env };
}

/** Validates every input; throws InputError naming the first bad one. */
export function parseInputs(
  read: InputReader,
  env: Readonly<Record<string, string | undefined>> = {},
): Inputs {
  const target = parseTarget(read, env);
  // Like the cachix CLI, for Cachix caches only: these variables mean nothing to other caches.
  const fromEnv = (variable: string) => (target.kind === "cachix" ? (env[variable]?.trim() ?? "") : "");
  const signingKey = parseSigningKeyInput(
    read(INPUT_NAMES.signingKey) || fromEnv(CACHIX_ENV.signingKey),
    target,
  );
  const publicKey = parsePublicKeyInput(read(INPUT_NAMES.publicKey), signingKey);
  const authToken = checkAuthToken(read(INPUT_NAMES.authToken) || fromEnv(CACHIX_ENV.authToken), target);
  const authUser = checkAuthUser(read(INPUT_NAMES.authUser));
  const extraPullNames = parseExtraPullNames(read(INPUT_NAMES.extraPullNames));
  const skipPush = parseBoolean(INPUT_NAMES.skipPush, read(INPUT_NAMES.skipPush));
  const pushFilter = read(INPUT_NAMES.pushFilter);
  const credentials = {
    authToken: authToken === "" ? undefined : authToken,
    authUser: authUser === "" ? undefined : authUser,
  };
  return {
    cache: cacheSettings(target, { publicKey, signingKey, credentials, extraPullNames, skipPush }),
    signingKey,
    skipPush,
    skipAddingSubstituter: parseBoolean(
      INPUT_NAMES.skipAddingSubstituter,
      read(INPUT_NAMES.skipAddingSubstituter),
    ),
    pathsToPush: splitList(read(INPUT_NAMES.pathsToPush), /\s+/),
    pushFilter: pushFilter === "" ? undefined : parseRegExp(INPUT_NAMES.pushFilter, pushFilter),
    upstreamKeys: splitList(read(INPUT_NAMES.upstreamKeys), /\s+/).map((text) =>
      withInput(INPUT_NAMES.upstreamKeys, () => parsePublicKey(text)),
    ),
    compressionLevel: parseInteger(
      INPUT_NAMES.compressionLevel,
      read(INPUT_NAMES.compressionLevel),
      3,
      1,
      19,
    ),
    pushTimeoutMs: parseMinutes(INPUT_NAMES.pushTimeout, read(INPUT_NAMES.pushTimeout), 30) * 60_000,
    strict: parseBoolean(INPUT_NAMES.strict, read(INPUT_NAMES.strict)),
    pushWhileBuilding: parsePushWhileBuilding(read),
  };
}

/**
 * On unless turned off: by `pushWhileBuilding`, or by cachix-action's `useDaemon: false` (so that migrated
 * workflows keep their meaning); `pushWhileBuilding` wins when both are given. Neither has a default in
 * action.yml, so that an empty value means "not given".
 */
function parsePushWhileBuilding(read: InputReader): boolean {
  const own = read(INPUT_NAMES.pushWhileBuilding);
  if (own !== "") return parseBoolean(INPUT_NAMES.pushWhileBuilding, own);
  const cachix = read(INPUT_NAMES.useDaemon);
  return cachix === "" || parseBoolean(INPUT_NAMES.useDaemon, cachix);
}

/** Where paths go, before the inputs every kind shares (keys, credentials) are added to it. */
type CacheTarget =
  | { kind: "file" | "http"; url: URL }
  | { kind: "cachix"; name: string; host: URL }
  | { kind: "actions-cache"; key: string; sizeLimit: number }
  | { kind: "s3"; location: S3Location; profile?: string; env: Readonly<Record<string, string | undefined>> };

/** Each backend gets the inputs it uses, and nothing else. */
function cacheSettings(
  target: CacheTarget,
  shared: {
    publicKey?: PublicKey;
    signingKey?: SigningKey;
    credentials: { authToken?: string; authUser?: string };
    extraPullNames: readonly string[];
    skipPush: boolean;
  },
): CacheSettings {
  const { publicKey, credentials } = shared;
  switch (target.kind) {
    case "file":
      return { kind: "file", url: target.url, publicKey };
    case "http":
      return { kind: "http", url: target.url, publicKey, ...credentials };
    case "cachix":
      return {
        ...target,
        extraPullNames: shared.extraPullNames,
        authToken: credentials.authToken,
        signedBy: shared.signingKey?.publicKey,
        push: !shared.skipPush,
      };
    case "actions-cache":
      return { ...target, publicKey };
    case "s3": {
      const found = withInput(INPUT_NAMES.cacheUrl, () => {
        try {
          return findCredentials({ env: target.env, profile: target.profile });
        } catch (error) {
          throw new Error(`its AWS credentials: ${describeError(error)}`);
        }
      });
      return {
        kind: "s3",
        location: target.location,
        credentials: found?.credentials,
        credentialSource: found?.source,
        publicKey,
      };
    }
  }
}

function parseTarget(read: InputReader, env: Readonly<Record<string, string | undefined>>): CacheTarget {
  const cacheUrl = read(INPUT_NAMES.cacheUrl);
  const name = read(INPUT_NAMES.name);
  if (cacheUrl !== "" && name !== "") {
    throw new InputError(
      INPUT_NAMES.cacheUrl,
      "give either `cacheUrl` (a binary cache URL) or `name` (a Cachix cache), not both",
    );
  }
  if (/^s3:/i.test(cacheUrl)) {
    const parsed = withInput(INPUT_NAMES.cacheUrl, () => parseS3Url(cacheUrl, env as NodeJS.ProcessEnv));
    return { kind: "s3", location: parsed.location, profile: parsed.profile, env };
  }
  if (cacheUrl !== "") {
    const url = withInput(INPUT_NAMES.cacheUrl, () => {
      try {
        return parseCacheUrl(cacheUrl, ["file:", "http:", "https:"]);
      } catch (error) {
        // s3:// is read above, by its own rules.
        throw new Error(describeError(error).replace(/; use (.*)$/, "; use $1, s3://"));
      }
    });
    return { kind: url.protocol === "file:" ? "file" : "http", url };
  }
  if (name !== "") {
    if (!isCachixCacheName(name)) {
      throw new InputError(
        INPUT_NAMES.name,
        `'${name}' is not a Cachix cache name (letters, digits and '-')`,
      );
    }
    // The API's root: held to the cache URL's rules, as a query or fragment would break every call.
    const host = withInput(INPUT_NAMES.cachixHost, () =>
      parseCacheUrl(read(INPUT_NAMES.cachixHost), ["http:", "https:"]),
    );
    return { kind: "cachix", name, host };
  }
  return {
    kind: "actions-cache",
    key: read(INPUT_NAMES.cacheKey),
    sizeLimit: parseByteSize(
      INPUT_NAMES.cacheSizeLimit,
      read(INPUT_NAMES.cacheSizeLimit) || DEFAULT_CACHE_SIZE_LIMIT,
    ),
  };
}

function parseExtraPullNames(text: string): string[] {
  const names = splitList(text, /[\s,]+/);
  const bad = names.find((name) => !isCachixCacheName(name));
  if (bad !== undefined) {
    throw new InputError(
      INPUT_NAMES.extraPullNames,
      `'${bad}' is not a Cachix cache name (letters, digits and '-'); separate names with commas or spaces`,
    );
  }
  return names;
}

/**
 * The token goes into a netrc (as curl reads it back) and a Basic auth header. Messages never show it. White space
 * inside is kept (the netrc quotes it); a line break is a secret saved wrongly.
 */
function checkAuthToken(token: string, target: CacheTarget): string {
  if (token === "") return token;
  const problem = netrcValueProblem(token);
  if (problem !== undefined) throw new InputError(INPUT_NAMES.authToken, problem);
  if (target.kind === "actions-cache") {
    throw new InputError(
      INPUT_NAMES.authToken,
      "is set but there is no cache to use it for: give `cacheUrl` (an http(s):// cache) or `name` (Cachix)",
    );
  }
  return token;
}

/** The login of the netrc entry and before the colon of Basic auth, so no ':'. */
function checkAuthUser(user: string): string {
  if (user === "") return user;
  if (user.includes(":")) throw new InputError(INPUT_NAMES.authUser, "must not contain ':'");
  const problem = netrcValueProblem(user);
  if (problem !== undefined) throw new InputError(INPUT_NAMES.authUser, problem);
  return user;
}

function parseSigningKeyInput(text: string, target: CacheTarget): SigningKey | undefined {
  if (text === "") return undefined;
  return withInput(INPUT_NAMES.signingKey, () => {
    if (!text.includes(":") && target.kind === "cachix") {
      return signingKeyFromBareBase64(cachixKeyName(target.name), text.trim());
    }
    return parseSigningKey(text);
  });
}

function parsePublicKeyInput(text: string, signingKey: SigningKey | undefined): PublicKey | undefined {
  if (text === "") return signingKey?.publicKey;
  const publicKey = withInput(INPUT_NAMES.publicKey, () => parsePublicKey(text));
  if (signingKey !== undefined && !samePublicKey(publicKey, signingKey.publicKey)) {
    throw new InputError(
      INPUT_NAMES.publicKey,
      `does not belong to \`signingKey\` (key '${signingKey.name}'): readers trusting it could not verify pushed paths`,
    );
  }
  return publicKey;
}

function samePublicKey(a: PublicKey, b: PublicKey): boolean {
  return a.name === b.name && Buffer.from(a.key).equals(Buffer.from(b.key));
}

/** Runs a parser and re-throws its error as an InputError for `input`; parsers never put key material in messages. */
function withInput<T>(input: InputName, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(input, describeError(error));
  }
}

/** Well under the Actions cache's 10 GB per repository, leaving room for the repository's other caches. */
const DEFAULT_CACHE_SIZE_LIMIT = "3G";
