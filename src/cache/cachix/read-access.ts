/**
 * `cachix use`, done natively and checked before the build: the cache info of `name` and of every `extraPullNames`
 * entry gives the substituter URI and the keys to trust; private caches get netrc credentials, which are tried on
 * the cache's host once. Every problem that the user must fix names the input to fix.
 */
import { checkCacheStoreDir } from "../../lib/cache-info.js";
import { CacheError, describeError, InputError } from "../../lib/errors.js";
import { INPUT_NAMES } from "../../lib/input-names.js";
import type { Log } from "../../lib/ports.js";
import { formatPublicKey, parsePublicKey } from "../../lib/signing.js";
import type { RetryPolicy } from "../../net/retry.js";
import { parseCacheUrl, substituterUrl } from "../../nix/cache-url.js";
import { type NetrcEntry, netrcAuthorization, netrcEntryFor } from "../../nix/netrc.js";
import type { ReadAccess, Substituter } from "../cache.js";
import { type CachixApi, type CachixCacheInfo, CachixHttpError, getText } from "./api.js";
import type { CachixSettings } from "./settings.js";

interface ReadAccessDeps {
  readonly api: CachixApi;
  readonly settings: CachixSettings;
  readonly log: Log;
  readonly policy?: RetryPolicy;
  /** Setup's deadline and stop: the requests end when it aborts. */
  readonly signal?: AbortSignal;
}

export async function cachixReadAccess(deps: ReadAccessDeps, storeDir: string): Promise<ReadAccess> {
  const { settings } = deps;
  const main = await lookUp(deps, settings.name, INPUT_NAMES.name);
  const extras = await Promise.all(
    settings.extraPullNames.map((extra) => lookUp(deps, extra, INPUT_NAMES.extraPullNames)),
  );
  checkSigningKey(settings, main);
  const caches = [main, ...extras];
  // netrc matches host names only, as Nix (curl) reads it: the URI's port and path play no part.
  const netrc: NetrcEntry[] = [];
  for (const cache of caches) {
    if (!cache.isPublic && settings.authToken !== undefined) {
      netrc.push(netrcEntryFor(new URL(cache.uri), settings.authToken));
    }
  }
  await Promise.all(
    caches.map((cache) =>
      checkCacheHost(deps, cache, storeDir, cache.isPublic ? undefined : settings.authToken),
    ),
  );
  const substituters: Substituter[] = caches.map((cache) => ({
    url: cache.uri,
    publicKeys: cache.publicSigningKeys,
    pullOnly: cache !== main,
  }));
  const canPush = mayPush(deps, main);
  // A write token without a signing key: Cachix signs with the cache's managed key (cSig null).
  return { substituters, netrc, canPush, serverSigned: canPush && settings.signedBy === undefined };
}

/** GET cache info; 404 and 401 become input errors, anything else cache trouble. */
async function lookUp(deps: ReadAccessDeps, name: string, input: string): Promise<CachixCacheInfo> {
  const where = input === INPUT_NAMES.name ? `'${name}'` : `'${name}' (from \`${input}\`)`;
  let info: CachixCacheInfo;
  try {
    info = await deps.api.getCache(name, deps.signal);
  } catch (error) {
    if (deps.signal?.aborted) throw error;
    if (error instanceof CachixHttpError && error.status === 404) {
      throw new InputError(input, `there is no Cachix cache ${where} at ${deps.settings.host.origin}`);
    }
    if (error instanceof CachixHttpError && error.status === 401) {
      throw new InputError(
        INPUT_NAMES.authToken,
        deps.settings.authToken === undefined
          ? `Cachix cache ${where} is private (or does not exist): reading it needs a token`
          : `Cachix refused the token for cache ${where}: it is wrong or expired, or it has no access to this cache`,
      );
    }
    throw new CacheError(`cannot look up Cachix cache ${where}: ${describeError(error)}`, { cause: error });
  }
  // What Cachix answers goes into Nix's configuration as it is: it is held to the rules inputs are held to.
  if (typeof info.uri !== "string" || !Array.isArray(info.publicSigningKeys)) {
    throw new CacheError(`Cachix's answer for cache ${where} has no usable uri or publicSigningKeys`);
  }
  let uri: string;
  try {
    uri = substituterUrl(parseCacheUrl(info.uri, ["http:", "https:"]));
  } catch (error) {
    throw new CacheError(`Cachix's answer for cache ${where} has an unusable uri: ${describeError(error)}`);
  }
  const publicSigningKeys = info.publicSigningKeys.map((key) => {
    try {
      return formatPublicKey(parsePublicKey(key));
    } catch (error) {
      throw new CacheError(`Cachix cache ${where} lists a malformed public key: ${describeError(error)}`);
    }
  });
  return { ...info, uri, publicSigningKeys };
}

/** Paths signed with a key the cache does not publish would be rejected by every Nix that reads it. */
function checkSigningKey(settings: CachixSettings, cache: CachixCacheInfo): void {
  const key = settings.signedBy?.key;
  if (key === undefined) return;
  const ours = Buffer.from(key);
  if (cache.publicSigningKeys.some((listed) => ours.equals(Buffer.from(parsePublicKey(listed).key)))) return;
  const listed = cache.publicSigningKeys.length === 0 ? "none yet" : cache.publicSigningKeys.join(", ");
  throw new InputError(
    INPUT_NAMES.signingKey,
    `its public key is not among the public keys of Cachix cache '${cache.name}' (${listed}): Nix would reject ` +
      "every path signed with it. Use the cache's own key, or register this key with the cache.",
  );
}

/** The cache host serves a binary cache for this store, and takes the token as netrc would send it. */
async function checkCacheHost(
  deps: ReadAccessDeps,
  cache: CachixCacheInfo,
  storeDir: string,
  token: string | undefined,
): Promise<void> {
  // Checked with the header Nix will send from the netrc entry setup writes.
  const headers: Record<string, string> =
    token === undefined
      ? {}
      : { Authorization: netrcAuthorization(netrcEntryFor(new URL(cache.uri), token)) };
  let answer: { status: number; text: string };
  try {
    answer = await getText(new URL(`${cache.uri}/nix-cache-info`), headers, deps.policy, deps.signal);
  } catch (error) {
    if (deps.signal?.aborted) throw error;
    throw new CacheError(`cannot read ${cache.uri}/nix-cache-info: ${describeError(error)}`, {
      cause: error,
    });
  }
  if (answer.status === 401 || answer.status === 403) {
    throw new InputError(INPUT_NAMES.authToken, `${cache.uri} refused the token (HTTP ${answer.status})`);
  }
  if (answer.status !== 200) {
    throw new CacheError(`${cache.uri}/nix-cache-info: HTTP ${answer.status}`);
  }
  checkCacheStoreDir(cache.uri, answer.text, storeDir);
}

/** Whether post may push: a token with write access is needed, a signing key alone is not enough. */
function mayPush(deps: ReadAccessDeps, cache: CachixCacheInfo): boolean {
  const { settings, log } = deps;
  if (!settings.push) return false;
  if (settings.authToken === undefined) {
    if (settings.signedBy !== undefined) {
      log.warning(
        "`signingKey` is set but `authToken` is empty: Cachix accepts uploads only with a token that can write to " +
          `'${cache.name}', so this job pushes nothing.`,
      );
    }
    return false;
  }
  if (cache.permission === "Read") {
    log.warning(
      `Input 'authToken' can only read Cachix cache '${cache.name}' (or Cachix did not accept it): this job ` +
        "pulls from the cache but pushes nothing. Use a token with write access to push.",
    );
    return false;
  }
  return true;
}
