import { describe, expect, it } from "vitest";
import { parseNarInfo, renderNarInfo } from "../../src/lib/narinfo.js";
import { NIX_BASE32_ALPHABET } from "../../src/lib/nix-base32.js";
import { type CacheListing, planCollection } from "../../src/upkeep/plan.js";

const DAY = 24 * 60 * 60 * 1000;
const NOW = 100 * DAY;

/** A narinfo for `name` referring to `refs` (hash parts a…), its NAR named after it. */
function path(hashPart: string, refs: string[]) {
  const store = (h: string) => `/nix/store/${h}-p`;
  const info = parseNarInfo(
    renderNarInfo({
      storePath: store(hashPart),
      url: `nar/${hashPart}.nar.zst`,
      compression: "zstd",
      fileHash: new Uint8Array(32),
      fileSize: 1000,
      narHash: new Uint8Array(32),
      narSize: 2000,
      references: refs.map(store),
      sigs: [],
    }),
  );
  return [hashPart, info] as const;
}

const h = (c: string) => c.repeat(32);

/** A hash part made from a number, in Nix's base-32 alphabet. */
const nix32 = (n: number) =>
  [...n.toString(32)]
    .map((c) => NIX_BASE32_ALPHABET[Number.parseInt(c, 32)])
    .join("")
    .padStart(32, "0");

function listing(ages: Record<string, number>, refs: Record<string, string[]>): CacheListing {
  const files = new Map<string, { size: number; mtimeMs: number }>();
  const narinfos = new Map();
  for (const [c, age] of Object.entries(ages)) {
    const [hashPart, info] = path(h(c), (refs[c] ?? []).map(h));
    narinfos.set(hashPart, info);
    files.set(`${hashPart}.narinfo`, { size: 100, mtimeMs: NOW - age });
    files.set(info.url, { size: 1000, mtimeMs: NOW - 2 * DAY });
  }
  return { files, narinfos };
}

describe("the upkeep plan", () => {
  it("beyond a size, the least recently written go first, each with what refers to it, referrers listed first", () => {
    // c → b → a (c refers to b, b to a); d stands alone. a is oldest; removing it takes b and c.
    const given = listing({ a: 9 * DAY, b: 1 * DAY, c: 1 * DAY, d: 5 * DAY }, { b: ["a"], c: ["b"] });
    const plan = planCollection(given, { now: NOW, maxBytes: 3000 });
    expect(plan.before).toBe(4 * 1100);
    expect(plan.narinfos).toEqual([`${h("c")}.narinfo`, `${h("b")}.narinfo`, `${h("a")}.narinfo`]);
    expect(plan.after).toBe(1100);
    // Their NARs are two days old and no kept narinfo names them: they go too.
    expect(plan.nars).toEqual([`nar/${h("a")}.nar.zst`, `nar/${h("b")}.nar.zst`, `nar/${h("c")}.nar.zst`]);
  });

  it("keeps everything when nothing is asked but leftovers, and never lists a file it does not know", () => {
    const given = listing({ a: 50 * DAY }, {});
    const files = new Map(given.files);
    files.set("log/x.drv", { size: 1, mtimeMs: 0 });
    files.set("realisations/y.doi", { size: 1, mtimeMs: 0 });
    files.set("z.ls", { size: 1, mtimeMs: 0 });
    const plan = planCollection({ ...given, files }, { now: NOW });
    expect(plan).toMatchObject({ narinfos: [], nars: [], temporary: [] });
  });

  it("a chain deeper than the call stack is ordered without recursion", () => {
    const depth = 20_000;
    const files = new Map<string, { size: number; mtimeMs: number }>();
    const narinfos = new Map();
    for (let i = 0; i < depth; i++) {
      const hashPart = nix32(i);
      const [key, info] = path(hashPart, i === 0 ? [] : [nix32(i - 1)]);
      narinfos.set(key, info);
      files.set(`${key}.narinfo`, { size: 1, mtimeMs: NOW - 30 * DAY });
    }
    const plan = planCollection({ files, narinfos }, { now: NOW, olderThanMs: DAY });
    expect(plan.narinfos).toHaveLength(depth);
    expect(plan.narinfos[0]).toBe(`${nix32(depth - 1)}.narinfo`);
    expect(plan.narinfos.at(-1)).toBe(`${"0".repeat(32)}.narinfo`);
  });
});
