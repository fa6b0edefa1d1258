/**
 * Who refers to whom among a cache's paths, and the closure rule every removal keeps: when a path goes, so does
 * every path that refers to it (a narinfo must never outlive its references). Iterative: chains can be deep.
 */
import { hashPartOf } from "./store-path.js";

/** Hash part → hash parts of the paths that refer to it (a path's reference to itself left out). */
export function referrersOf(paths: Iterable<readonly [string, readonly string[]]>): Map<string, string[]> {
  const referrers = new Map<string, string[]>();
  for (const [hashPart, references] of paths) {
    for (const reference of references) {
      const target = hashPartOf(reference);
      if (target === hashPart) continue;
      const list = referrers.get(target);
      if (list === undefined) referrers.set(target, [hashPart]);
      else list.push(hashPart);
    }
  }
  return referrers;
}

/** `roots` and every path that refers to one of them, directly or through others. */
export function withReferrers(
  referrers: ReadonlyMap<string, readonly string[]>,
  roots: Iterable<string>,
): Set<string> {
  const result = new Set<string>();
  const queue = [...roots];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    if (result.has(next)) continue;
    result.add(next);
    queue.push(...(referrers.get(next) ?? []));
  }
  return result;
}
