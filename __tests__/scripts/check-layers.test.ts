// The layer check of `npm run lint` (scripts/check-layers.ts): src/ keeps to it, and it finds each kind of fault.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkLayers, importsOf, placeOf } from "../../scripts/check-layers.js";

const SRC = join(import.meta.dirname, "..", "..", "src");

let tree: string | undefined;
afterEach(() => {
  if (tree !== undefined) rmSync(tree, { recursive: true, force: true });
  tree = undefined;
});

/** A src/ tree of the given files and their sources. */
function makeTree(files: Record<string, string>): string {
  tree = mkdtempSync(join(tmpdir(), "layers-"));
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(dirname(join(tree, file)), { recursive: true });
    writeFileSync(join(tree, file), source);
  }
  return tree;
}

describe("check-layers", () => {
  it("finds nothing wrong in src/", () => {
    expect(checkLayers(SRC)).toEqual([]);
  });

  it("places a file by the longest unit that holds it", () => {
    expect(placeOf("cache/cache.ts")?.unit).toBe("cache/cache.ts");
    expect(placeOf("cache/actions-cache/keys.ts")?.unit).toBe("cache/actions-cache");
    expect(placeOf("cache/new-backend/x.ts")).toBeUndefined();
    expect(placeOf("lib/errors.ts")?.layer).toBe(0);
  });

  it("reads static, type-only, re-exported, multi-line and dynamic imports, not packages", () => {
    const source = [
      'import { a } from "./a.js";',
      'import type { B } from "../b.js";',
      'export { c } from "./c.js";',
      "import {\n  d,\n  e,\n} from './d.js';",
      'const f = await import("./f.js");',
      'import "./g.js";',
      'import * as core from "@actions/core";',
      'import { join } from "node:path";',
    ].join("\n");
    expect(importsOf(source)).toEqual(["./a.js", "../b.js", "./c.js", "./d.js", "./f.js", "./g.js"]);
  });

  it("reports an upward import, an import across a layer, a cycle and a file in no layer", () => {
    const dir = makeTree({
      "lib/pure.ts": 'import type { BinaryCache } from "../cache/cache.js";\n',
      "cache/cache.ts": "export interface BinaryCache {}\n",
      "setup/run-setup.ts": 'import { runPush } from "../push/run-push.js";\n',
      "push/run-push.ts": "export function runPush() {}\n",
      "nix/a.ts": 'import { b } from "./b.js";\nexport const a = 1;\n',
      "nix/b.ts": 'import { a } from "./a.js";\nexport const b = 2;\n',
      "stray.ts": 'import { a } from "./nix/a.js";\n',
    });
    expect(checkLayers(dir)).toEqual([
      "lib/pure.ts imports cache/cache.ts: up from lib to cache/cache.ts",
      "setup/run-setup.ts imports push/run-push.ts: across the layer, setup to push",
      "stray.ts: in no layer (add its folder to LAYERS in scripts/check-layers.ts)",
      "import cycle: nix/a.ts → nix/b.ts → nix/a.ts",
    ]);
  });
});
