/**
 * action.yml is the contract with every workflow that uses the action: it must pass GitHub's own schema
 * (@actions/workflow-parser, the parser behind the Actions language service), point at bundles that exist, and
 * declare exactly the inputs the code reads.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { NoOperationTraceWriter } from "@actions/workflow-parser";
import {
  type ActionTemplate,
  convertActionTemplate,
  parseAction,
} from "@actions/workflow-parser/actions/index";
import { beforeAll, describe, expect, test } from "vitest";
import { DEPRECATED_INPUT_NAMES } from "../src/action/inputs.js";
import { DEFAULT_CACHIX_HOST } from "../src/cache/cachix/names.js";
import { INPUT_NAMES } from "../src/lib/input-names.js";
import { declaredInputs, REPO_ROOT } from "./helpers/runner.js";

describe("action.yml", () => {
  let errors: string[];
  let action: ActionTemplate;

  beforeAll(() => {
    const content = readFileSync(path.join(REPO_ROOT, "action.yml"), "utf8");
    const result = parseAction({ name: "action.yml", content }, new NoOperationTraceWriter());
    errors = result.context.errors.getErrors().map((e) => e.message);
    if (!result.value) throw new Error(`action.yml did not parse: ${errors.join("; ")}`);
    action = convertActionTemplate(result.context, result.value);
  });

  test("passes the Actions schema", () => {
    expect(errors).toEqual([]);
  });

  test("defaults cachixHost to the host the key command uses too", () => {
    expect(declaredInputs().find((input) => input.name === "cachixHost")?.default).toBe(DEFAULT_CACHIX_HOST);
  });

  test("runs on node24, with main and post bundles that exist in dist/", () => {
    const runs = action.runs;
    expect(runs.using).toBe("node24");
    if (runs.using === "composite" || runs.using === "docker")
      throw new Error(`not a node action: ${runs.using}`);
    // An entry per step, so the runner's choice says which step runs; both load one bundle, which main compiles
    // and post then finds in Node's compile cache (see src/bundle-entry.ts).
    expect(runs.main).toBe("dist/action/main.js");
    expect(runs.post).toBe("dist/action/post.js");
    for (const [file, step] of [
      [runs.main, "main"],
      [runs.post ?? "", "post"],
    ]) {
      expect(readFileSync(path.join(REPO_ROOT, file ?? ""), "utf8")).toContain(
        `import { runBundled } from "./index.js";\n\nawait runBundled("${step}");`,
      );
    }
    for (const file of [runs.main, runs.post ?? ""]) {
      expect(existsSync(path.join(REPO_ROOT, file)), file).toBe(true);
    }
  });

  test("describes every input and output", () => {
    for (const input of action.inputs ?? []) expect(input.description?.trim(), input.id).toBeTruthy();
    for (const output of action.outputs ?? []) expect(output.description?.trim(), output.id).toBeTruthy();
  });

  test("declares exactly the inputs that the code reads, and cachix-action's unneeded ones as deprecated", () => {
    const declared = (action.inputs ?? []).map((input) => input.id).sort();
    expect(declared).toEqual([...Object.values(INPUT_NAMES), ...DEPRECATED_INPUT_NAMES].sort());
    const deprecated = (action.inputs ?? []).filter((input) => input.deprecationMessage !== undefined);
    expect(deprecated.map((input) => input.id).sort()).toEqual([...DEPRECATED_INPUT_NAMES].sort());
    for (const input of deprecated) {
      // The runner shows the message when a workflow sets the input: it must say that it is ignored and why.
      expect(input.deprecationMessage, input.id).toMatch(
        new RegExp(`^${input.id} is a cachix-action input and is ignored: .{20,}`),
      );
      expect(
        input.default,
        `${input.id} has no default, so the runner never reports it unasked`,
      ).toBeUndefined();
    }
  });
});
