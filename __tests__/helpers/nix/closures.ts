/**
 * Closures of raw derivations that are new on every call, for tests to build, push and substitute: instantiated,
 * built, listed for clean-up, and asked for (`nix-store -qR`).
 */
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type NixEnv, runOk } from "./env.js";
import { inStore } from "./store.js";

interface ClosureSpec {
  /** Number of derivations; each one after the first references the one before, so the last one's closure is all. */
  readonly count: number;
  /** Part of every derivation's name, e.g. to aim a push filter at it. */
  readonly label?: string;
  /** Random bytes (from /dev/urandom) added to the top output, in MiB. */
  readonly bigMiB?: number;
  /** The top output also references itself. */
  readonly selfReference?: boolean;
  /** What every derivation's name starts with (default `nbca`), e.g. for a push filter that keeps only these. */
  readonly prefix?: string;
  /**
   * A directory (outside the store; builds run unsandboxed) where each builder appends a line before it builds, so
   * that `builds()` can tell a substitution from a build.
   */
  readonly marks?: string;
  /** The derivation at this index fails (after leaving its mark). */
  readonly failAt?: number;
  /**
   * A binary cache directory: builder k waits (60 s at most, then fails) until the narinfo of output k−1 is in it, so
   * that the build finishes only if paths are pushed while it runs.
   */
  readonly waitForNarInfoIn?: string;
}

export interface Closure {
  readonly nonce: string;
  /** In chain order: drvPaths[i] builds outPaths[i]. */
  readonly drvPaths: readonly string[];
  readonly outPaths: readonly string[];
  /** The last output: its closure is every output. */
  readonly top: string;
  /** How many times each builder ran, in chain order (all 0 without `marks`). */
  builds(): number[];
}

/**
 * Writes the closure's Nix expression and instantiates it: the .drv files exist afterwards, the outputs do not.
 * Every call has its own nonce, so every call yields new store paths. The outputs hold the kinds of things a NAR
 * must carry: an executable, relative and dangling absolute symlinks, an empty file, an empty directory and a
 * non-ASCII name.
 */
export async function instantiateClosure(
  nix: NixEnv,
  spec: ClosureSpec,
  env: Readonly<Record<string, string>> = nix.env,
): Promise<Closure> {
  if (!Number.isInteger(spec.count) || spec.count < 1) throw new Error(`bad closure size ${spec.count}`);
  const nonce = randomUUID().replace(/-/g, "").slice(0, 16);
  const label = spec.label ?? "c";
  const markOf = (i: number) =>
    spec.marks === undefined ? undefined : path.join(spec.marks, `${nonce}-${i}`);
  const bindings: string[] = [];
  for (let i = 0; i < spec.count; i++) {
    const isTop = i === spec.count - 1;
    const mark = markOf(i);
    const wait = spec.waitForNarInfoIn === undefined || i === 0 ? [] : waitForNarInfo(spec.waitForNarInfoIn);
    const script = [
      "export PATH=/bin:/usr/bin",
      "set -e",
      ...wait,
      ...(mark === undefined ? [] : [`echo ran >> ${mark}`]),
      ...(i === spec.failAt ? ["exit 1"] : []),
      "mkdir -p $out/bin $out/empty-dir",
      `echo '${nonce} ${i}' > $out/id`,
      "echo '#!/bin/sh' > $out/bin/hello && chmod +x $out/bin/hello",
      "ln -s bin/hello $out/link",
      "ln -s /nonexistent/target $out/dangling",
      ": > $out/empty-file",
      "echo x > $out/é",
      ...(i > 0 ? ["echo $dep > $out/dep"] : []),
      ...(isTop && spec.selfReference ? ["echo $out > $out/self"] : []),
      ...(isTop && spec.bigMiB ? [`head -c ${spec.bigMiB * 1024 * 1024} /dev/urandom > $out/blob`] : []),
    ].join("\n");
    bindings.push(
      `  d${i} = derivation {
    name = ${nixString(`${spec.prefix ?? "nbca"}-${label}-${i}`)};
    system = builtins.currentSystem;
    builder = "/bin/sh";
    args = [ "-c" ${nixString(script)} ];
    nonce = ${nixString(nonce)};${i > 0 ? `\n    dep = d${i - 1};` : ""}
  };`,
    );
  }
  const expr = `let\n${bindings.join("\n")}\nin [ ${Array.from({ length: spec.count }, (_, i) => `d${i}`).join(" ")} ]\n`;
  const file = path.join(nix.root, `closure-${nonce}.nix`);
  writeFileSync(file, expr);

  const drvPaths = lines(await runOk("nix-instantiate", [file], env));
  const outPaths = lines(await runOk("nix-store", ["-q", "--outputs", ...drvPaths], env));
  if (drvPaths.length !== spec.count || outPaths.length !== spec.count) {
    throw new Error(
      `expected ${spec.count} derivations, got ${drvPaths.length} .drv and ${outPaths.length} outputs`,
    );
  }
  const top = outPaths.at(-1);
  if (top === undefined) throw new Error("empty closure");
  const builds = () =>
    drvPaths.map((_, i) => {
      const mark = markOf(i);
      return mark !== undefined && existsSync(mark)
        ? readFileSync(mark, "utf8").split("\n").filter(Boolean).length
        : 0;
    });
  return { nonce, drvPaths, outPaths, top, builds };
}

/** Shell lines that wait for the narinfo of `$dep` to appear in `cacheDir`: 600 looks, 0.1 s apart. */
function waitForNarInfo(cacheDir: string): string[] {
  return [
    "h=$(basename $dep | cut -c1-32); i=0",
    `while [ ! -e ${cacheDir}/$h.narinfo ]; do`,
    '  i=$((i+1)); if [ $i -gt 600 ]; then echo "no narinfo for $dep" >&2; exit 1; fi; sleep 0.1',
    "done",
  ];
}

/** Builds the instantiated closure (with the given env: a job step's, to build the way a later step would). */
export async function realiseClosure(closure: Closure, env: Readonly<Record<string, string>>): Promise<void> {
  await runOk("nix-store", ["-r", ...closure.drvPaths], env);
  const missing = closure.outPaths.filter((p) => !inStore(p));
  if (missing.length > 0) throw new Error(`not built: ${missing.join(" ")}`);
}

/** instantiateClosure() then realiseClosure(). */
export async function buildClosure(
  nix: NixEnv,
  spec: ClosureSpec,
  env: Readonly<Record<string, string>> = nix.env,
): Promise<Closure> {
  const closure = await instantiateClosure(nix, spec, env);
  await realiseClosure(closure, env);
  return closure;
}

/** The output and .drv paths of closures, top first, ready for deleteStorePaths(). */
export function closurePaths(...closures: readonly Closure[]): string[] {
  return closures.flatMap((c) => [...c.outPaths].reverse().concat([...c.drvPaths].reverse()));
}

/** `nix-store -qR`: the closure of the given paths. */
export async function queryClosure(nix: NixEnv, paths: readonly string[]): Promise<string[]> {
  return lines(await runOk("nix-store", ["-qR", ...paths], nix.env)).sort();
}

/** A Nix double-quoted string literal. */
function nixString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\$\{/g, "\\${")}"`;
}

function lines(text: string): string[] {
  return text.split("\n").filter((line) => line.trim() !== "");
}

/** A `pushFilter` that leaves out every path but `closure`'s outputs (other tests' paths may be in the store too). */
export function pushOnly(closure: Pick<Closure, "outPaths">): string {
  return `^(?!(${closure.outPaths.map((p) => p.replace(/[.+]/g, "\\$&")).join("|")})$)`;
}
