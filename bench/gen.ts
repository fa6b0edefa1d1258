/**
 * Run by the benchmark's Nix builders (Node 24 strips the types): writes one store path from the JSON spec in
 * `$spec`, with the store paths of its dependencies in `$deps`. Content is made up but shaped like a real closure's:
 * source-like text, machine-code-like binaries and incompressible archives, each from a seeded generator, so every
 * run of the benchmark compresses the same bytes.
 */
import { createCipheriv, createHash } from "node:crypto";
import { chmodSync, closeSync, mkdirSync, openSync, symlinkSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import type { FileKind, PathSpec } from "./lib/dataset.ts";
import { prng } from "./lib/prng.ts";

const BLOCK = 1 << 20;

/** Incompressible bytes (archives, images): AES-CTR of zeros, keyed by the seed. */
function randomSource(seed: number): (size: number) => Buffer {
  const key = createHash("sha256").update(`random-${seed}`).digest();
  const cipher = createCipheriv("aes-256-ctr", key, Buffer.alloc(16));
  return (size) => cipher.update(Buffer.alloc(size));
}

const SYLLABLES =
  "ba be bi bo bu ca ce ci co da de di do fa fe fi ga ge go ha he hi ka ke ki ko la le li lo lu ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi wa xe za".split(
    " ",
  );
const KEYWORDS = [
  "if",
  "else",
  "return",
  "static",
  "const",
  "int",
  "void",
  "struct",
  "for",
  "while",
  "char",
  "unsigned",
  "size_t",
  "NULL",
  "#include",
  "#define",
];
const PUNCTUATION = ["(", ")", ";", " = ", ", ", "->", ".", " { ", " }", "[", "]", " + ", " == ", " && "];

/**
 * Source-like text: identifiers from a per-seed vocabulary chosen with a skew (a few are everywhere), keywords,
 * punctuation, indentation and numbers, with some lines repeated as real code and docs repeat them.
 */
function textSource(seed: number, deps: readonly string[]): (size: number) => Buffer {
  const random = prng(seed ^ 0x7e57);
  const vocabulary = Array.from({ length: 3000 }, () => {
    const parts = 1 + Math.floor(random() * 3);
    let word = "";
    for (let i = 0; i < parts; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    return random() < 0.3 ? `${word}_${SYLLABLES[Math.floor(random() * SYLLABLES.length)]}` : word;
  });
  const word = () => vocabulary[Math.floor(vocabulary.length * random() ** 3)] as string;
  const line = () => {
    let text = "    ".repeat(Math.floor(random() * 4));
    const tokens = 2 + Math.floor(random() * 10);
    for (let i = 0; i < tokens; i++) {
      const r = random();
      if (r < 0.15) text += KEYWORDS[Math.floor(random() * KEYWORDS.length)];
      else if (r < 0.22) text += Math.floor(random() * 100000).toString();
      else text += word();
      text += r < 0.6 ? " " : PUNCTUATION[Math.floor(random() * PUNCTUATION.length)];
    }
    if (deps.length > 0 && random() < 0.002) text += ` ${deps[Math.floor(random() * deps.length)]}/lib`;
    return `${text}\n`;
  };
  const recent: string[] = [];
  let pending = "";
  return (size) => {
    while (pending.length < size) {
      let next: string;
      if (recent.length > 50 && random() < 0.25)
        next = recent[Math.floor(random() * recent.length)] as string;
      else {
        next = line();
        if (recent.length < 4000) recent.push(next);
        else recent[Math.floor(random() * recent.length)] = next;
      }
      pending += next;
    }
    const chunk = Buffer.from(pending.slice(0, size), "latin1");
    pending = pending.slice(size);
    return chunk;
  };
}

/**
 * Machine-code-like bytes: a skewed alphabet of opcodes, zero padding, copies of earlier stretches with small
 * changes (as instruction sequences repeat), string tables and some high-entropy data (constants, compressed
 * sections).
 */
function binarySource(seed: number, deps: readonly string[]): (size: number) => Buffer {
  const random = prng(seed ^ 0xb1a7);
  const text = textSource(seed ^ 0x5eed, deps);
  const entropy = randomSource(seed ^ 0xe7);
  const opcodes = Uint8Array.from({ length: 48 }, () => Math.floor(random() * 256));
  const history = Buffer.alloc(BLOCK);
  let filled = 0;
  return (size) => {
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const run = Math.min(size - at, 32 + Math.floor(random() * 480));
      const r = random();
      if (r < 0.1) out.fill(0, at, at + run);
      else if (r < 0.45) {
        for (let i = 0; i < run; i++) {
          out[at + i] = random() < 0.7 ? (opcodes[Math.floor(opcodes.length * random() ** 2)] as number) : 0;
        }
      } else if (r < 0.8 && filled > run) {
        const from = Math.floor(random() * (filled - run));
        history.copy(out, at, from, from + run);
        for (let i = 0; i < run; i += 16 + Math.floor(random() * 48))
          out[at + i] = Math.floor(random() * 256);
      } else if (r < 0.93) text(run).copy(out, at);
      else entropy(run).copy(out, at);
      at += run;
    }
    // The history is what later copies draw from: the last megabyte written, as a ring would hold it.
    const keep = Math.min(size, BLOCK);
    if (filled + keep > BLOCK) {
      history.copy(history, 0, filled + keep - BLOCK, filled);
      filled = BLOCK - keep;
    }
    out.copy(history, filled, size - keep, size);
    filled += keep;
    return out;
  };
}

function sourceFor(kind: FileKind, seed: number, deps: readonly string[]): (size: number) => Buffer {
  switch (kind) {
    case "text":
      return textSource(seed, deps);
    case "binary":
      return binarySource(seed, deps);
    case "random":
      return randomSource(seed);
    case "mixed": {
      // Large images and data bundles: stretches of each kind, a few MiB at a time.
      const sources = [textSource(seed, deps), binarySource(seed, deps), randomSource(seed)];
      let index = 0;
      return (size) => {
        const chunk = (sources[index] as (size: number) => Buffer)(size);
        index = (index + 1) % sources.length;
        return chunk;
      };
    }
  }
}

function writeFileOf(
  path: string,
  size: number,
  kind: FileKind,
  seed: number,
  deps: readonly string[],
): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, "w", 0o644);
  try {
    const next = sourceFor(kind, seed, deps);
    // Binaries carry their dependencies' paths (RPATH, interpreter), which is how Nix finds references.
    if (kind === "binary" && deps.length > 0) writeSync(fd, `\0${deps.join(":")}\0`);
    let written = kind === "binary" && deps.length > 0 ? Buffer.byteLength(`\0${deps.join(":")}\0`) : 0;
    const chunkSize = kind === "mixed" ? 4 * BLOCK : BLOCK;
    while (written < size) {
      const chunk = next(Math.min(chunkSize, size - written));
      writeSync(fd, chunk);
      written += chunk.length;
    }
  } finally {
    closeSync(fd);
  }
}

function main(): void {
  const out = process.env.out;
  const specText = process.env.spec;
  if (out === undefined || specText === undefined)
    throw new Error("gen.ts runs in a Nix builder: $out and $spec");
  const spec = JSON.parse(specText) as PathSpec;
  const deps = (process.env.deps ?? "").split(" ").filter((dep) => dep !== "");
  mkdirSync(out);
  spec.files.forEach((file, index) => {
    const path = join(out, file.path);
    writeFileOf(path, file.size, file.kind, spec.seed * 7919 + index, deps);
  });
  for (const group of spec.groups ?? []) {
    const random = prng(spec.seed ^ 0x9a0);
    for (let i = 0; i < group.count; i++) {
      const size = group.minSize + Math.floor(random() * (group.maxSize - group.minSize + 1));
      const path = join(out, group.dir, `d${i % 40}`, `f${i}${group.ext}`);
      writeFileOf(path, size, group.kind, spec.seed * 7919 + 1000 + i, deps);
    }
  }
  for (const link of spec.links) {
    const path = join(out, link.path);
    mkdirSync(dirname(path), { recursive: true });
    symlinkSync(link.target.replace("@dep", deps[0] ?? "/nonexistent"), path);
  }
  if (deps.length > 0) {
    mkdirSync(join(out, "nix-support"), { recursive: true });
    const fd = openSync(join(out, "nix-support", "propagated-build-inputs"), "w");
    writeSync(fd, `${deps.join(" ")}\n`);
    closeSync(fd);
  }
  for (const file of spec.files) if (file.executable) chmodSync(join(out, file.path), 0o755);
}

main();
