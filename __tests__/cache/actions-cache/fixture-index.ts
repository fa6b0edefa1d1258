/**
 * An index over the fixture closure (__tests__/fixtures/closure/cache, written by real Nix 2.8; see the fixtures'
 * README): its six narinfos, and their NARs laid one after the other as a pack.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { CacheIndex, IndexedPath } from "../../../src/cache/actions-cache/cache-index.js";
import { parseNarInfo } from "../../../src/lib/narinfo.js";
import { FIXTURES } from "../../helpers/fixtures.js";

const CACHE = path.join(FIXTURES, "closure", "cache");
export const LIB = "18m2ryz7li5ab23anbkvrpdnhsbqddxv";
export const APP = "210wf7gylmbp3bch99hy89ixjzh99mx2";
export const SELFREF = "66d3dzw98ypbf4316r8s419697qnzalf";

export interface FixturePack {
  readonly index: CacheIndex;
  readonly pack: Buffer;
}

/** The fixture cache as one pack named `packKey`; every path last used at `lastUsed`. */
export function fixturePack(packKey: string, lastUsed = 1000): FixturePack {
  const paths = new Map<string, IndexedPath>();
  const parts: Buffer[] = [];
  let offset = 0;
  for (const name of readdirSync(CACHE)
    .filter((n) => n.endsWith(".narinfo"))
    .sort()) {
    const text = readFileSync(path.join(CACHE, name), "utf8");
    const info = parseNarInfo(text);
    const nar = readFileSync(path.join(CACHE, info.url));
    const hashPart = name.slice(0, 32);
    paths.set(hashPart, { hashPart, text, info, pack: packKey, offset, lastUsed });
    parts.push(nar);
    offset += nar.length;
  }
  return { index: { storeDir: "/nix/store", paths }, pack: Buffer.concat(parts) };
}
