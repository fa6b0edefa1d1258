/**
 * What the upkeep command removes from a binary cache, decided from a listing alone (pure): what a killed push left
 * (its temporary files, NARs no narinfo names), and on request paths older than a given age or beyond a size, least
 * recently written first — always with every path that refers to them, so the cache stays closed under references.
 * It must not race a push in progress: a push writes its NAR, then its narinfo, so a NAR no narinfo names may be a
 * push's, half-way; such NARs and temporary files go only once they are a day old. Files it does not know (`log/`,
 * `realisations/`, `*.ls`, anything else) are never removed.
 */
import type { NarInfo } from "../lib/narinfo.js";
import { referrersOf, withReferrers } from "../lib/referrers.js";
import { hashPartOf } from "../lib/store-path.js";

/** A push in progress never takes this long between its NAR and its narinfo. */
export const ORPHAN_AGE_MS = 24 * 60 * 60 * 1000;

export interface CacheFileStat {
  readonly size: number;
  readonly mtimeMs: number;
}

export interface CacheListing {
  /** Every file, by its name relative to the cache's root (`<hash>.narinfo`, `nar/<…>.nar.zst`, `log/…`, …). */
  readonly files: ReadonlyMap<string, CacheFileStat>;
  /** The narinfos that parsed, by hash part; one that did not is an unknown file, never removed. */
  readonly narinfos: ReadonlyMap<string, NarInfo>;
}

export interface CollectOptions {
  readonly now: number;
  /** Remove paths whose narinfo was written longer ago than this. */
  readonly olderThanMs?: number;
  /** Remove the least recently written paths until narinfos and NARs take at most this many bytes. */
  readonly maxBytes?: number;
}

export interface CollectPlan {
  /** Narinfo file names, each listed before any path it refers to (readers never see a broken closure). */
  readonly narinfos: readonly string[];
  readonly nars: readonly string[];
  readonly temporary: readonly string[];
  /** Bytes of narinfos and NARs before and after. */
  readonly before: number;
  readonly after: number;
}

/** Our own temporary names (file/atomic-files.ts): `<name>.<pid>.<random>.tmp`, beside the file or in nar/. */
const TEMPORARY = /^(nar\/)?[^/]+\.\d+\.[a-z0-9]+\.tmp$/;
const NAR = /^nar\/[^/]+\.nar(\.[a-z0-9]+)?$/;

export function planCollection(listing: CacheListing, options: CollectOptions): CollectPlan {
  const { files, narinfos } = listing;
  const narinfoName = (hashPart: string) => `${hashPart}.narinfo`;
  const mtime = (hashPart: string) => files.get(narinfoName(hashPart))?.mtimeMs ?? options.now;
  const referrers = referrersOf(
    [...narinfos].map(([hashPart, info]) => [hashPart, info.references] as const),
  );
  const removed = new Set<string>();
  /** Removes `root` with its referrers; returns the paths newly removed. */
  const remove = (root: string): string[] => {
    // Each path once: its referrers were taken with it.
    if (removed.has(root)) return [];
    const added: string[] = [];
    for (const hashPart of withReferrers(referrers, [root])) {
      if (narinfos.has(hashPart) && !removed.has(hashPart)) {
        removed.add(hashPart);
        added.push(hashPart);
      }
    }
    return added;
  };
  if (options.olderThanMs !== undefined) {
    for (const hashPart of narinfos.keys()) {
      if (options.now - mtime(hashPart) > options.olderThanMs) remove(hashPart);
    }
  }
  const bytesOf = (kept: (hashPart: string) => boolean) => {
    let total = 0;
    const nars = new Set<string>();
    for (const [hashPart, info] of narinfos) {
      if (!kept(hashPart)) continue;
      total += files.get(narinfoName(hashPart))?.size ?? 0;
      if (!nars.has(info.url)) total += files.get(info.url)?.size ?? 0;
      nars.add(info.url);
    }
    return total;
  };
  const before = bytesOf(() => true);
  if (options.maxBytes !== undefined) {
    // A running total: a narinfo's bytes go with it, a NAR's with the last narinfo that names it.
    const narUsers = new Map<string, number>();
    for (const [hashPart, info] of narinfos) {
      if (!removed.has(hashPart)) narUsers.set(info.url, (narUsers.get(info.url) ?? 0) + 1);
    }
    let total = bytesOf((h) => !removed.has(h));
    const oldestFirst = [...narinfos.keys()].sort((a, b) => mtime(a) - mtime(b) || (a < b ? -1 : 1));
    for (const hashPart of oldestFirst) {
      if (total <= options.maxBytes) break;
      for (const gone of remove(hashPart)) {
        const info = narinfos.get(gone);
        total -= files.get(narinfoName(gone))?.size ?? 0;
        const users = (narUsers.get(info?.url ?? "") ?? 1) - 1;
        narUsers.set(info?.url ?? "", users);
        if (users === 0) total -= files.get(info?.url ?? "")?.size ?? 0;
      }
    }
  }
  const named = new Set([...narinfos].filter(([h]) => !removed.has(h)).map(([, info]) => info.url));
  const old = (name: string) => options.now - (files.get(name)?.mtimeMs ?? options.now) > ORPHAN_AGE_MS;
  const names = [...files.keys()];
  return {
    narinfos: referrersFirst([...removed], narinfos).map(narinfoName),
    nars: names.filter((name) => NAR.test(name) && !named.has(name) && old(name)).sort(),
    temporary: names.filter((name) => TEMPORARY.test(name) && old(name)).sort(),
    before,
    after: bytesOf((h) => !removed.has(h)),
  };
}

/** `hashParts` ordered so that every path comes before the paths it refers to (iteratively: chains can be deep). */
function referrersFirst(hashParts: readonly string[], narinfos: ReadonlyMap<string, NarInfo>): string[] {
  const set = new Set(hashParts);
  const referencesOf = (hashPart: string) =>
    (narinfos.get(hashPart)?.references ?? []).map(hashPartOf).filter((r) => r !== hashPart && set.has(r));
  const referredBy = new Map<string, number>();
  for (const hashPart of set)
    for (const r of referencesOf(hashPart)) referredBy.set(r, (referredBy.get(r) ?? 0) + 1);
  const ready = [...set].filter((h) => (referredBy.get(h) ?? 0) === 0).sort();
  const order: string[] = [];
  for (let next = ready.shift(); next !== undefined; next = ready.shift()) {
    order.push(next);
    for (const r of referencesOf(next)) {
      const left = (referredBy.get(r) ?? 0) - 1;
      referredBy.set(r, left);
      if (left === 0) ready.push(r);
    }
  }
  // Nix's references form no cycles but a path's own; anything left (a malformed cache) goes last.
  const ordered = new Set(order);
  return [...order, ...[...set].filter((h) => !ordered.has(h)).sort()];
}
