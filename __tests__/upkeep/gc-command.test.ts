/**
 * The upkeep command on a binary cache real Nix wrote (`nix copy --to file://`), with the ages of its files set by
 * hand, and leftovers of killed pushes beside them; afterwards real Nix must still substitute what was kept.
 */
import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGcCommand } from "../../src/upkeep/gc-command.js";
import { expectSubstitutes, generateKeyPair, type KeyPair, nixCopyTo } from "../helpers/nix/binary-cache.js";
import { buildClosure, type Closure, closurePaths } from "../helpers/nix/closures.js";
import { createNixEnv, type NixEnv } from "../helpers/nix/env.js";
import { deleteStorePaths } from "../helpers/nix/store.js";
import { removeTree } from "../helpers/remove-tree.js";

const DAY = 24 * 60 * 60 * 1000;
let nix: NixEnv;
let keys: KeyPair;
let chain: Closure;
let other: Closure;
let scratch: string;

beforeAll(async () => {
  nix = createNixEnv();
  keys = await generateKeyPair(nix, "gc-test-1");
  chain = await buildClosure(nix, { count: 2, label: "gc-chain" });
  other = await buildClosure(nix, { count: 1, label: "gc-other" });
  scratch = mkdtempSync(path.join(tmpdir(), "nbca-gc-"));
}, 120_000);
afterAll(async () => {
  if (chain) await deleteStorePaths(nix, [...closurePaths(chain), ...closurePaths(other)].reverse());
  nix?.cleanup();
  if (scratch) removeTree(scratch);
});

function gc(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runGcCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const hash = (storePath: string) => path.basename(storePath).slice(0, 32);
const ago = (file: string, ms: number) =>
  utimesSync(file, new Date(Date.now() - ms), new Date(Date.now() - ms));

describe("gc", () => {
  it("removes old paths referrers first, leftovers once a day old, never what it does not know; Nix reads the rest", async () => {
    const cache = path.join(scratch, "cache");
    await nixCopyTo(nix, `file://${cache}`, keys.secretKeyFile, [chain.top, other.top]);
    for (const out of chain.outPaths) ago(path.join(cache, `${hash(out)}.narinfo`), 10 * DAY);
    mkdirSync(path.join(cache, "log"), { recursive: true });
    const leftovers = {
      oldTemporary: "abc.narinfo.123.k3j2.tmp",
      newTemporary: "nar/def.nar.zst.456.zz9.tmp",
      oldOrphan: "nar/0000000000000000000000000000000000000000000000000000.nar.zst",
      newOrphan: "nar/1111111111111111111111111111111111111111111111111111.nar.zst",
      unknown: ["log/some.drv", "abc.ls", "notes.txt"],
    };
    for (const name of [
      leftovers.oldTemporary,
      leftovers.newTemporary,
      leftovers.oldOrphan,
      leftovers.newOrphan,
      ...leftovers.unknown,
    ]) {
      writeFileSync(path.join(cache, name), "x");
      ago(path.join(cache, name), 3 * DAY);
    }
    ago(path.join(cache, leftovers.newTemporary), 60_000);
    ago(path.join(cache, leftovers.newOrphan), 60_000);
    const listed = () => readdirSync(cache, { recursive: true }).map(String).sort();
    const before = listed();

    const dry = gc(`file://${cache}`, "--older-than", "7", "--dry-run");
    expect(dry.code, dry.err.join("\n")).toBe(0);
    expect(listed()).toEqual(before);
    const [top, lib] = [chain.top, chain.outPaths[0] ?? ""];
    expect(dry.out).toEqual([
      `would remove ${hash(top)}.narinfo`,
      `would remove ${hash(lib)}.narinfo`,
      `would remove ${leftovers.oldOrphan}`,
      `would remove ${leftovers.oldTemporary}`,
    ]);

    const run = gc(`file://${cache}`, "--older-than", "7");
    expect(run.code, run.err.join("\n")).toBe(0);
    const after = listed();
    expect(before.filter((name) => !after.includes(name)).sort()).toEqual(
      [`${hash(top)}.narinfo`, `${hash(lib)}.narinfo`, leftovers.oldOrphan, leftovers.oldTemporary].sort(),
    );
    for (const name of [...leftovers.unknown, leftovers.newTemporary, leftovers.newOrphan])
      expect(after).toContain(name);
    // The chain's NARs are a minute old: a push may be about to name them again; a later run takes them.
    await expectSubstitutes(nix, `file://${cache}`, [other.top], keys.publicKey);
  });

  it("refuses what it cannot clean up, saying how to call it", () => {
    expect(gc().code).toBe(2);
    expect(gc("s3://bucket").err.join("\n")).toMatch(/s3:\/\/ caches are not supported by gc yet/);
    expect(gc("file:///x", "--older-than", "soon").err.join("\n")).toMatch(/days above 0, got 'soon'/);
    expect(gc("file:///x", "--max-size", "lots").err.join("\n")).toMatch(/20G or 500M/);
    const missing = gc(`file://${scratch}/nothing-here`);
    expect(missing.code).toBe(1);
  });
});
