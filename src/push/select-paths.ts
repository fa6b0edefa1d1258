/**
 * Which paths post pushes: what this job added to the store (or `pathsToPush`), with closures, minus what readers
 * can already get — paths signed by an upstream cache and paths the cache holds.
 */
import { readlink, realpath } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import type { BinaryCache } from "../cache/cache.js";
import { CacheError, describeInterruption } from "../lib/errors.js";
import { narInfoFingerprint } from "../lib/narinfo.js";
import type { PathInfo } from "../lib/path-info.js";
import type { Log } from "../lib/ports.js";
import { hasValidSignature, type PublicKey } from "../lib/signing.js";
import { hashPartOf, isStorePathBasename } from "../lib/store-path.js";
import type { NixStore } from "../nix/store.js";

export interface SelectionRequest {
  /**
   * Store paths the job added (see ./added-paths.ts), with the closures of all of them (the caller's one
   * `closureOfValid`, which also serves its report); undefined when `pathsToPush` is given instead.
   */
  readonly added?: { readonly paths: readonly string[]; readonly closures: ReadonlyMap<string, PathInfo> };
  readonly pathsToPush: readonly string[];
  readonly pushFilter?: RegExp;
  readonly upstreamKeys: readonly PublicKey[];
  /**
   * Paths settled before this selection (pushed by this job's background pusher, or found available by it): not
   * asked about or pushed again, and references to them need no push.
   */
  readonly settled?: ReadonlySet<string>;
}

export interface Selection {
  /** Why the cache could not be asked what it holds; then nothing can be pushed. */
  readonly cacheTrouble?: string;
  /** Paths to push, in no particular order. */
  readonly toPush: readonly PathInfo[];
  /** Paths readers get elsewhere (upstream or already cached): references to them need no push. */
  readonly available: ReadonlySet<string>;
  readonly upstream: readonly string[];
  readonly cached: readonly string[];
  readonly filtered: readonly string[];
  /** Paths named in `pathsToPush` that are not valid store paths. */
  readonly unknown: readonly string[];
}

export async function selectPaths(
  request: SelectionRequest,
  nix: NixStore,
  cache: BinaryCache,
  log: Log,
  /** The push's deadline: when it aborts the cache's answer is given up, and nothing can be pushed. */
  deadline: AbortSignal,
): Promise<Selection> {
  const unknown: string[] = [];
  let filtered: string[] = [];
  let infos: Map<string, PathInfo>;
  if (request.added === undefined) {
    const roots = await resolvePathsToPush(request.pathsToPush, nix, unknown);
    infos = roots.length === 0 ? new Map() : await nix.pathInfo(roots, { recursive: true });
  } else {
    const filter = request.pushFilter;
    const added = request.added.paths;
    filtered = filter === undefined ? [] : added.filter((path) => filter.test(path));
    const filteredSet = new Set(filtered);
    const roots = added.filter((path) => !filteredSet.has(path));
    infos = closureWithin(roots, request.added.closures);
    const valid = roots.filter((path) => infos.has(path)).length;
    log.info(
      `${added.length} new store entries since setup` +
        (filter === undefined ? "" : `, ${filtered.length} left out by pushFilter`) +
        `, ${valid} valid ones to push with their closures.`,
    );
  }

  const settled = [...infos.keys()].filter((path) => request.settled?.has(path));
  const open = [...infos.values()].filter((info) => !request.settled?.has(info.path));
  const upstream = open.filter((info) => isSignedUpstream(info, request.upstreamKeys));
  const upstreamSet = new Set(upstream);
  const candidates = open.filter((info) => !upstreamSet.has(info));
  let cacheTrouble: string | undefined;
  const cachedHashes = await cache
    .findCached(
      candidates.map((info) => hashPartOf(info.path)),
      deadline,
    )
    .catch((error: unknown) => {
      // An unreachable cache leaves every candidate unpushed: the report must still list them.
      if (deadline.aborted) cacheTrouble = describeInterruption(deadline);
      else if (error instanceof CacheError) cacheTrouble = error.message;
      else throw error;
      return new Set<string>();
    });
  const cached = candidates.filter((info) => cachedHashes.has(hashPartOf(info.path)));
  const toPush = candidates.filter((info) => !cachedHashes.has(hashPartOf(info.path)));
  const filteredOut = filtered.filter((path) => !infos.has(path));
  return {
    cacheTrouble,
    toPush,
    available: new Set([...settled, ...[...upstream, ...cached].map((info) => info.path)]),
    upstream: upstream.map((info) => info.path),
    cached: cached.map((info) => info.path),
    filtered: filteredOut,
    unknown,
  };
}

/** The closures of `roots` (those of them in `infos`), taken from `infos`, which holds them whole. */
function closureWithin(
  roots: readonly string[],
  infos: ReadonlyMap<string, PathInfo>,
): Map<string, PathInfo> {
  const closure = new Map<string, PathInfo>();
  const stack = [...roots];
  for (let path = stack.pop(); path !== undefined; path = stack.pop()) {
    const info = infos.get(path);
    if (info === undefined || closure.has(path)) continue;
    closure.set(path, info);
    stack.push(...info.references);
  }
  return closure;
}

/** A path counts as upstream only when one of its signatures verifies with an upstream key, not by key name. */
function isSignedUpstream(info: PathInfo, upstreamKeys: readonly PublicKey[]): boolean {
  const fingerprint = () => narInfoFingerprint(info.path, info.narHash, info.narSize, info.references);
  return hasValidSignature(info.sigs, fingerprint, upstreamKeys);
}

/** `pathsToPush` as store paths: `./result` links and paths inside a store path lead to the store path. */
async function resolvePathsToPush(
  paths: readonly string[],
  nix: NixStore,
  unknown: string[],
): Promise<string[]> {
  const resolved: string[] = [];
  for (const path of paths) {
    const storePath = await findStorePath(path, nix.storeDir);
    // Only names of the store path shape go to Nix: one malformed name (`.links`, a typo) fails a whole call.
    if (storePath === undefined || !isStorePathBasename(basename(storePath))) unknown.push(path);
    else resolved.push(storePath);
  }
  const unique = [...new Set(resolved)];
  const valid = unique.length === 0 ? [] : await nix.filterValid(unique);
  const validSet = new Set(valid);
  for (const path of unique) if (!validSet.has(path)) unknown.push(path);
  return valid;
}

/**
 * Follows links one at a time until one leads into the store: a store path can itself be a symlink, so resolving
 * `./result` all the way (realpath) could step past the path that was meant.
 */
async function findStorePath(path: string, storeDir: string): Promise<string | undefined> {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    const inStore = topStorePath(current, storeDir);
    if (inStore !== undefined) return inStore;
    const target = await readlink(current).catch(() => undefined);
    if (target === undefined) {
      const real = await realpath(current).catch(() => undefined);
      return real === undefined ? undefined : topStorePath(real, storeDir);
    }
    current = resolve(dirname(current), target);
  }
  return undefined;
}

function topStorePath(path: string, storeDir: string): string | undefined {
  if (!path.startsWith(`${storeDir}/`)) return undefined;
  const basename = path.slice(storeDir.length + 1).split("/")[0];
  return basename === undefined || basename === "" ? undefined : `${storeDir}/${basename}`;
}
