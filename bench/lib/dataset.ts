/**
 * The store paths the benchmark builds, as specs for bench/gen.ts, and the Nix expressions that build them.
 * Shapes follow a typical closure: many small packages of text and small binaries, a few dozen mid-sized
 * libraries, a handful of 5–50 MB files (some incompressible), a couple of packages with thousands of tiny files,
 * and references from most packages to a few "core" ones.
 */
import { prng } from "./prng.ts";

export type FileKind = "text" | "binary" | "random" | "mixed";

export interface FileSpec {
  readonly path: string;
  readonly size: number;
  readonly kind: FileKind;
  readonly executable?: boolean;
}

/** Many files of one kind, `<dir>/d<i % 40>/f<i><ext>`, sizes drawn by gen.ts: keeps the spec (an env var) short. */
export interface FileGroup {
  readonly dir: string;
  readonly ext: string;
  readonly count: number;
  readonly minSize: number;
  readonly maxSize: number;
  readonly kind: FileKind;
}

export interface PathSpec {
  readonly name: string;
  readonly seed: number;
  readonly files: readonly FileSpec[];
  readonly groups?: readonly FileGroup[];
  /** `@dep` in a target stands for the first dependency's store path. */
  readonly links: readonly { readonly path: string; readonly target: string }[];
  /** Indexes of earlier specs this one refers to. */
  readonly deps: readonly number[];
}

const KB = 1024;
const MB = 1024 * 1024;

/** Large single files in MB and what they hold: about half the data set, a quarter of it incompressible. */
const LARGE: readonly [number, FileKind][] = [
  [45, "binary"],
  [40, "random"],
  [32, "text"],
  [25, "binary"],
  [20, "binary"],
  [16, "random"],
  [12, "binary"],
  [10, "text"],
  [8, "binary"],
  [6, "random"],
  [5, "binary"],
  [5, "mixed"],
];

/**
 * About 300 paths and 500 MB of NAR at scale 1; `scale` shrinks the counts (and keeps the mix) for --quick.
 * Deterministic: the same scale always gives the same specs.
 */
export function pushDataset(scale: number): PathSpec[] {
  const random = prng(42);
  const between = (low: number, high: number) => Math.floor(low + random() * (high - low + 1));
  const count = (n: number) => Math.max(1, Math.round(n * scale));
  const specs: PathSpec[] = [];
  const depsFor = (): number[] => {
    if (specs.length === 0) return [];
    const deps = new Set<number>();
    // Most packages use one of the first few ("libc", "zlib"); some use a recent neighbour as well.
    if (random() < 0.85) deps.add(Math.floor(random() * Math.min(8, specs.length)));
    const extra = between(0, 3);
    for (let i = 0; i < extra; i++) deps.add(Math.floor(random() * specs.length));
    return [...deps];
  };
  const add = (name: string, files: FileSpec[], links: PathSpec["links"] = [], groups: FileGroup[] = []) => {
    specs.push({ name, seed: specs.length + 1, files, groups, links, deps: depsFor() });
  };

  const smallPackage = (index: number) => {
    const files: FileSpec[] = [];
    const n = between(10, 60);
    for (let i = 0; i < n; i++) {
      const text = random() < 0.75;
      files.push({
        path: text ? `share/doc/pkg${index}/f${i}.txt` : `lib/pkg${index}/mod${i}.so`,
        size: between(200, 24 * KB),
        kind: text ? "text" : "binary",
      });
    }
    if (random() < 0.3) {
      files.push({
        path: `bin/tool${index}`,
        size: between(100 * KB, 800 * KB),
        kind: "binary",
        executable: true,
      });
    }
    add(`small-${index}`, files, random() < 0.3 ? [{ path: "lib/dep", target: "@dep/lib" }] : []);
  };
  const mediumPackage = (index: number) => {
    const files: FileSpec[] = [{ path: "share/README", size: between(KB, 8 * KB), kind: "text" }];
    const n = between(3, 6);
    for (let i = 0; i < n; i++) {
      files.push({
        path: `lib/libm${index}-${i}.so.1`,
        size: between(100 * KB, 1200 * KB),
        kind: random() < 0.8 ? "binary" : "text",
      });
    }
    add(`medium-${index}`, files, [{ path: `lib/libm${index}.so`, target: `libm${index}-0.so.1` }]);
  };
  const manyFiles = (index: number) => {
    const group = { dir: "include", ext: ".h", count: between(1500, 2500), minSize: 200, maxSize: 4 * KB };
    add(`headers-${index}`, [], [], [{ ...group, kind: "text" }]);
  };
  const large = (index: number) => {
    const [mb, kind] = LARGE[index % LARGE.length] as [number, FileKind];
    add(`large-${index}`, [
      { path: "share/README", size: between(KB, 4 * KB), kind: "text" },
      { path: kind === "random" ? "share/data.tar.gz" : `lib/big${index}.bin`, size: mb * MB, kind },
    ]);
  };

  const kinds: (() => void)[] = [];
  let small = 0;
  let medium = 0;
  let many = 0;
  let big = 0;
  for (let i = 0; i < count(236); i++) kinds.push(() => smallPackage(small++));
  for (let i = 0; i < count(48); i++) kinds.push(() => mediumPackage(medium++));
  for (let i = 0; i < count(4); i++) kinds.push(() => manyFiles(many++));
  for (let i = 0; i < count(12); i++) kinds.push(() => large(big++));
  // The core packages come first so that others can refer to them; the rest in a seeded shuffle.
  const core = kinds.splice(0, 8);
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j] as () => void, kinds[i] as () => void];
  }
  for (const make of [...core, ...kinds]) make();
  return specs;
}

/**
 * The shapes of data users push, each about the same NAR size at a scale (about 500 MB at scale 1, or 2,000 paths):
 * the bench runs post and `nix copy` on every one, so that no single mix can flatter the action.
 */
export type MixName = "closure" | "text" | "incompressible" | "tiny-paths" | "huge-files";

export interface Mix {
  readonly name: MixName;
  readonly description: string;
  /** Paths built by bench/gen.ts, or `tinyPaths` paths built by the shell (thousands of Node builders are slow). */
  readonly specs?: readonly PathSpec[];
  readonly tinyPaths?: number;
}

export function pushMixes(scale: number): Mix[] {
  return [
    { name: "closure", description: "a typical closure (the mix of before)", specs: pushDataset(scale) },
    { name: "text", description: "source trees and docs", specs: textDataset(scale) },
    {
      name: "incompressible",
      description: "compressed archives, random data",
      specs: incompressibleDataset(scale),
    },
    {
      name: "tiny-paths",
      description: "thousands of tiny paths",
      tinyPaths: Math.max(50, Math.round(2000 * scale)),
    },
    { name: "huge-files", description: "a few huge files", specs: hugeFilesDataset(scale) },
  ];
}

/** Source trees and documentation: 80 paths of 400–800 text files of 200 B–20 KB each (about 500 MB). */
export function textDataset(scale: number): PathSpec[] {
  const random = prng(101);
  const between = (low: number, high: number) => Math.floor(low + random() * (high - low + 1));
  return Array.from({ length: Math.max(2, Math.round(80 * scale)) }, (_, index) => ({
    name: `source-${index}`,
    seed: 1000 + index,
    files: [{ path: "README.md", size: between(2 * KB, 20 * KB), kind: "text" as const }],
    groups: [
      {
        dir: "src",
        ext: ".c",
        count: between(300, 500),
        minSize: KB,
        maxSize: 24 * KB,
        kind: "text" as const,
      },
      {
        dir: "doc",
        ext: ".md",
        count: between(100, 300),
        minSize: 200,
        maxSize: 8 * KB,
        kind: "text" as const,
      },
    ],
    links: [],
    deps: index === 0 ? [] : [between(0, index - 1)],
  }));
}

/** Archives and media: 40 paths of one to three files of 2–12 MB that do not compress (about 500 MB). */
export function incompressibleDataset(scale: number): PathSpec[] {
  const random = prng(202);
  const between = (low: number, high: number) => Math.floor(low + random() * (high - low + 1));
  return Array.from({ length: Math.max(2, Math.round(40 * scale)) }, (_, index) => ({
    name: `archive-${index}`,
    seed: 2000 + index,
    files: Array.from({ length: between(1, 3) }, (_, i) => ({
      path: `share/data-${i}.tar.gz`,
      size: between(2 * MB, 12 * MB),
      kind: "random" as const,
    })),
    links: [],
    deps: [],
  }));
}

/** A few huge files: a 200 MB binary, a 150 MB mixed file, a 100 MB text file and 50 MB of random (500 MB). */
export function hugeFilesDataset(scale: number): PathSpec[] {
  const huge: [string, number, FileKind][] = [
    ["lib/libhuge.so", 200, "binary"],
    ["share/model.bin", 150, "mixed"],
    ["share/corpus.txt", 100, "text"],
    ["share/assets.tar.gz", 50, "random"],
  ];
  return huge.map(([file, mb, kind], index) => ({
    name: `huge-${index}`,
    seed: 3000 + index,
    files: [{ path: file, size: Math.max(MB, Math.round(mb * scale * MB)), kind }],
    links: [],
    deps: [],
  }));
}

/** One path holding a single file of `size` bytes of mixed content (for the memory measurement). */
export function bigPathSpec(size: number): PathSpec {
  return {
    name: "one-big-path",
    seed: 9001,
    files: [{ path: "share/blob.bin", size, kind: "mixed" }],
    links: [],
    deps: [],
  };
}

/** A Nix string literal. */
export function nixString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\$\{/g, "\\${")}"`;
}

/** An expression for the specs, built by gen.ts under `node`: a list of every output, in spec order. */
export function generatorExpression(
  specs: readonly PathSpec[],
  options: { node: string; generator: string; nonce: string },
): string {
  const bindings = specs.map((spec, index) => {
    const { deps, ...rest } = spec;
    return `  p${index} = gen ${nixString(spec.name)} ${nixString(JSON.stringify(rest))} [ ${deps.map((d) => `p${d}`).join(" ")} ];`;
  });
  return `let
  gen = name: spec: deps: derivation {
    inherit name spec deps;
    system = builtins.currentSystem;
    builder = "/bin/sh";
    args = [ "-c" "exec \\"$node\\" \\"$generator\\"" ];
    node = ${nixString(options.node)};
    generator = ${nixString(options.generator)};
    nonce = ${nixString(options.nonce)};
  };
${bindings.join("\n")}
in [ ${specs.map((_, index) => `p${index}`).join(" ")} ]
`;
}

/**
 * `count` tiny packages built by the shell (a job's worth of small substituted paths): each a couple of small files
 * and references to up to two earlier ones.
 */
export function tinyPathsExpression(count: number, nonce: string): string {
  const random = prng(7);
  const bindings: string[] = [];
  for (let i = 0; i < count; i++) {
    const deps = new Set<number>();
    if (i > 0 && random() < 0.8) deps.add(Math.floor(random() * i));
    if (i > 0 && random() < 0.4) deps.add(Math.floor(random() * i));
    bindings.push(`  t${i} = tiny "tiny-${i}" [ ${[...deps].map((d) => `t${d}`).join(" ")} ];`);
  }
  return `let
  tiny = name: deps: derivation {
    inherit name deps;
    system = builtins.currentSystem;
    builder = "/bin/sh";
    args = [ "-c" "export PATH=/bin:/usr/bin; mkdir -p $out/share; echo $name $nonce > $out/share/name; echo $deps > $out/share/deps; printf '%s\\\\n' one two three four > $out/share/words" ];
    nonce = ${nixString(nonce)};
  };
${bindings.join("\n")}
in [ ${Array.from({ length: count }, (_, i) => `t${i}`).join(" ")} ]
`;
}

/** `count` small new paths, each referring to some of `existing` (store paths already valid in the store). */
export function newPathsExpression(count: number, existing: readonly string[], nonce: string): string {
  const bindings: string[] = [];
  for (let i = 0; i < count; i++) {
    const refs = [0, 1, 2].map((k) => existing[(i * 7 + k * 13) % existing.length] as string);
    bindings.push(
      `  n${i} = fresh "new-${i}" [ ${refs.map((ref) => `(builtins.storePath ${nixString(ref)})`).join(" ")} ${i > 0 ? `n${i - 1}` : ""} ];`,
    );
  }
  return `let
  fresh = name: deps: derivation {
    inherit name deps;
    system = builtins.currentSystem;
    builder = "/bin/sh";
    args = [ "-c" "export PATH=/bin:/usr/bin; mkdir -p $out; echo $name $nonce $deps > $out/deps" ];
    nonce = ${nixString(nonce)};
  };
${bindings.join("\n")}
in [ ${Array.from({ length: count }, (_, i) => `n${i}`).join(" ")} ]
`;
}

/**
 * A build: `chains` chains of `length` derivations (each refers to the one before it in its chain, as a project's
 * dependencies often do; the chains build side by side, one per core), each writing `megabytes` MB of base64 text from
 * random bytes (it compresses to about 75 %, as source trees do) and then keeping a core busy on it (two passes of
 * gzip -6, as a compiler would): the build is CPU-bound on every core, and every output is worth pushing.
 */
export function buildChainExpression(
  chains: number,
  length: number,
  megabytes: number,
  nonce: string,
): string {
  const names: string[] = [];
  const bindings: string[] = [];
  for (let c = 0; c < chains; c++) {
    for (let k = 0; k < length; k++) {
      const script = [
        "export PATH=/bin:/usr/bin",
        "set -e",
        "mkdir $out",
        `head -c ${megabytes * 786432} /dev/urandom | base64 > $out/data`,
        "gzip -6 -c $out/data > /dev/null",
        "gzip -6 -c $out/data > /dev/null",
        ...(k > 0 ? ["echo $dep > $out/dep"] : []),
      ].join("; ");
      names.push(`c${c}_${k}`);
      bindings.push(`  c${c}_${k} = derivation {
    name = "chain-${c}-${k}";
    system = builtins.currentSystem;
    builder = "/bin/sh";
    args = [ "-c" ${nixString(script)} ];
    nonce = ${nixString(nonce)};${k > 0 ? `\n    dep = c${c}_${k - 1};` : ""}
  };`);
    }
  }
  return `let\n${bindings.join("\n")}\nin [ ${names.join(" ")} ]\n`;
}
