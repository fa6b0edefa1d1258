/**
 * The layers of src/, written down once, and the check `npm run lint` runs over its imports: a module imports only
 * from its own unit or from a lower layer (units of one layer are independent of each other), and no imports go
 * round in a cycle. Type-only and dynamic imports count as much as any: they are the structure too.
 *
 * node scripts/check-layers.ts [src-dir]    prints each problem and exits 1, or prints nothing and exits 0
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** From the bottom up; each entry a unit of the layer: a folder of src/, or one file. */
export const LAYERS: readonly (readonly string[])[] = [
  // Pure code: what it needs from the world is handed in.
  ["lib"],
  // The world: HTTP, Nix (the only place that runs it), and the processes left running for later steps.
  ["net", "nix", "process"],
  // The one interface every cache backend implements.
  ["cache/cache.ts"],
  // The backends, each in its folder, each from its own settings.
  ["cache/file", "cache/http", "cache/cachix", "cache/s3"],
  // The Actions cache mode keeps its restored cache as a file:// one.
  ["cache/actions-cache"],
  // The factory, and the settings and hand-overs of every backend as one type.
  ["cache/create-cache.ts"],
  // What setup hands post.
  ["state.ts"],
  // The two phases, and the key command.
  ["setup", "push", "keys", "upkeep"],
  // The runner: inputs, outputs, log, state file, signals (the only code that touches @actions/core).
  ["action"],
  // The entries: each step's run(), and the key CLI.
  ["main.ts", "post.ts", "pusher.ts", "reader.ts", "cli.ts"],
  // What the bundle runs: compile cache, then one of the steps.
  ["bundle-entry.ts"],
];

interface Placed {
  readonly layer: number;
  readonly unit: string;
}

/** The layer and unit of `file` (a path relative to src/), or undefined when no unit holds it. */
export function placeOf(file: string, layers = LAYERS): Placed | undefined {
  let best: (Placed & { length: number }) | undefined;
  layers.forEach((units, layer) => {
    for (const unit of units) {
      const holds = file === unit || file.startsWith(`${unit}/`);
      if (holds && (best === undefined || unit.length > best.length))
        best = { layer, unit, length: unit.length };
    }
  });
  return best === undefined ? undefined : { layer: best.layer, unit: best.unit };
}

/** Relative imports of a TypeScript source: `from "…"` (static, type-only, re-exports) and `import("…")`. */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(
    /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm,
  )) {
    found.push(match[1] as string);
  }
  return found;
}

function listSources(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listSources(path, base);
    return entry.name.endsWith(".ts") ? [relative(base, path)] : [];
  });
}

/** The problems of the tree at `srcDir`, one line each; none when it keeps to the layers. */
export function checkLayers(srcDir: string, layers = LAYERS): string[] {
  const problems: string[] = [];
  const files = listSources(srcDir).sort();
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const from = placeOf(file, layers);
    if (from === undefined)
      problems.push(`${file}: in no layer (add its folder to LAYERS in scripts/check-layers.ts)`);
    const targets: string[] = [];
    for (const specifier of importsOf(readFileSync(join(srcDir, file), "utf8"))) {
      const target = relative(srcDir, resolve(srcDir, dirname(file), specifier)).replace(/\.js$/, ".ts");
      targets.push(target);
      const to = placeOf(target, layers);
      if (from === undefined || to === undefined || from.unit === to.unit) continue;
      if (to.layer > from.layer)
        problems.push(`${file} imports ${target}: up from ${from.unit} to ${to.unit}`);
      else if (to.layer === from.layer)
        problems.push(`${file} imports ${target}: across the layer, ${from.unit} to ${to.unit}`);
    }
    graph.set(file, targets);
  }
  for (const cycle of findCycles(graph)) problems.push(`import cycle: ${cycle.join(" → ")}`);
  return problems;
}

/** One cycle through each strongly connected group of files, found depth first. */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (state.get(next) === undefined) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (state.get(file) === undefined) visit(file);
  return cycles;
}

if (import.meta.main) {
  const srcDir = resolve(process.argv[2] ?? join(import.meta.dirname, "..", "src"));
  const problems = checkLayers(srcDir);
  for (const problem of problems) console.error(problem);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
