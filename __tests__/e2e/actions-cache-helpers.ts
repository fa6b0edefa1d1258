/**
 * For the Actions cache acceptance tests: derivations whose builders leave a mark outside the store (so a test can
 * tell a substitution from a build), and a walk of a saved cache entry — unpacked as @actions/cache would, then
 * checked whole: every narinfo's NAR present with its size, every reference present, no stray NAR.
 */
import { randomUUID } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { type NixEnv, runOk } from "../helpers/nix-env.js";
import type { CacheEntry } from "../stand-ins/actions-cache-server.js";

/** What every test derivation's name starts with: the push filter keeps other engineers' builds out. */
export const LABEL = "ghac";
/** pushFilter that leaves out every new path but ours (the store is shared with other test runs). */
export const ONLY_OURS = `^(?!/nix/store/[0-9a-z]{32}-${LABEL}-)`;

export interface MarkedClosure {
  readonly label: string;
  readonly drvPaths: readonly string[];
  /** Chain order: each output refers to the one before it. */
  readonly outPaths: readonly string[];
  readonly top: string;
  /** How many times each builder ran, in chain order. */
  builds(): number[];
}

/**
 * A chain of `count` raw derivations, new store paths on every call. Each builder appends a line to a file in
 * `marks` (outside the store; the sandbox is off) before it produces its output; `failAt` makes that one fail.
 */
export async function instantiateMarked(
  nix: NixEnv,
  marks: string,
  label: string,
  count: number,
  options: { failAt?: number } = {},
): Promise<MarkedClosure> {
  const nonce = randomUUID().slice(0, 8);
  const names = Array.from({ length: count }, (_, i) => `${LABEL}-${label}-${nonce}-${i}`);
  const bindings = names.map((name, i) => {
    const script = [
      "export PATH=/bin:/usr/bin",
      "set -e",
      `echo ran >> ${marks}/${name}`,
      ...(i === options.failAt ? ["exit 1"] : []),
      "mkdir $out",
      `echo ${name} > $out/id`,
      ...(i > 0 ? ["echo $dep > $out/dep"] : []),
    ].join("\n");
    const dep = i > 0 ? `\n    dep = d${i - 1};` : "";
    return `  d${i} = derivation {\n    name = "${name}";\n    system = builtins.currentSystem;\n    builder = "/bin/sh";\n    args = [ "-c" ${JSON.stringify(script)} ];${dep}\n  };`;
  });
  const file = path.join(nix.root, `${names[0]}.nix`);
  writeFileSync(file, `let\n${bindings.join("\n")}\nin [ ${names.map((_, i) => `d${i}`).join(" ")} ]\n`);
  const drvPaths = lines(await runOk("nix-instantiate", [file], nix.env));
  const outPaths = lines(await runOk("nix-store", ["-q", "--outputs", ...drvPaths], nix.env));
  return {
    label,
    drvPaths,
    outPaths,
    top: outPaths.at(-1) ?? "",
    builds: () =>
      names.map((name) => {
        const mark = path.join(marks, name);
        return existsSync(mark) ? readFileSync(mark, "utf8").split("\n").filter(Boolean).length : 0;
      }),
  };
}

/** A directory every build user (nixbld*, when Nix has them) can reach and write marks into. */
export function marksDir(parent: string): string {
  const dir = path.join(parent, "marks");
  mkdirSync(dir, { recursive: true });
  chmodSync(parent, 0o755);
  chmodSync(dir, 0o777);
  return dir;
}

export interface WalkedEntry {
  /** The unpacked binary cache directory (a file:// cache real Nix can read). */
  readonly cacheDir: string;
  /** Hash part → narinfo text. */
  readonly narinfos: Map<string, string>;
  /** Bytes of the narinfos and the NARs, as the size limit counts them. */
  readonly bytes: number;
  /** The usage file beside the cache: hash part → last use. */
  readonly lastUsed: Record<string, number>;
}

/** Unpacks a saved entry with tar and zstd as @actions/cache does, and checks that it is whole. */
export async function walkEntry(entry: CacheEntry, scratch: string): Promise<WalkedEntry> {
  const dir = mkdtempSync(path.join(scratch, "entry-"));
  const archive = path.join(dir, "cache.tzst");
  writeFileSync(archive, entry.data ?? Buffer.alloc(0));
  await runOk("tar", ["-xf", archive, "-P", "-C", dir, "--use-compress-program", "unzstd"], {});
  const root = path.join(dir, ".nix-binary-cache-action");
  expect(readdirSync(root).sort()).toEqual(["cache", "usage.json"]);
  const cacheDir = path.join(root, "cache");
  const narinfos = new Map<string, string>();
  for (const name of readdirSync(cacheDir).filter((n) => n.endsWith(".narinfo"))) {
    narinfos.set(name.slice(0, 32), readFileSync(path.join(cacheDir, name), "utf8"));
  }
  let bytes = 0;
  const used = new Set<string>();
  for (const [hashPart, text] of narinfos) {
    bytes += Buffer.byteLength(text);
    const url = field(text, "URL");
    const narFile = path.join(cacheDir, url);
    expect(existsSync(narFile), `${hashPart}: ${url}`).toBe(true);
    expect(String(statSync(narFile).size)).toBe(field(text, "FileSize"));
    if (!used.has(url)) bytes += statSync(narFile).size;
    used.add(url);
    for (const reference of field(text, "References").split(" ").filter(Boolean)) {
      expect(narinfos.has(reference.slice(0, 32)), `${hashPart} refers to ${reference}`).toBe(true);
    }
  }
  expect(
    readdirSync(path.join(cacheDir, "nar"))
      .map((n) => `nar/${n}`)
      .sort(),
  ).toEqual([...used].sort());
  const usage = JSON.parse(readFileSync(path.join(root, "usage.json"), "utf8"));
  expect(Object.keys(usage.lastUsed).sort()).toEqual([...narinfos.keys()].sort());
  return { cacheDir, narinfos, bytes, lastUsed: usage.lastUsed };
}

/** Rewrites a stored entry as a party able to write cache entries could: unpack, change, pack again. */
export async function tamperWithEntry(
  entry: CacheEntry,
  scratch: string,
  change: (cacheDir: string) => void,
): Promise<void> {
  const { cacheDir } = await walkEntry(entry, scratch);
  change(cacheDir);
  const root = path.dirname(path.dirname(cacheDir));
  const archive = path.join(root, "tampered.tzst");
  await runOk(
    "tar",
    ["--posix", "-cf", archive, "-C", root, ".nix-binary-cache-action", "--use-compress-program", "zstdmt"],
    {},
  );
  entry.data = readFileSync(archive);
}

export function field(narinfo: string, key: string): string {
  return new RegExp(`^${key}: (.*)$`, "m").exec(narinfo)?.[1] ?? "";
}

export function hashPart(storePath: string): string {
  return path.basename(storePath).slice(0, 32);
}

function lines(text: string): string[] {
  return text.split("\n").filter((line) => line.trim() !== "");
}
