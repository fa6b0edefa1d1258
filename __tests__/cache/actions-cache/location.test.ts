// The stage @actions/cache packs from and unpacks into: cleared only of what this action leaves there.
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { clearStage } from "../../../src/cache/actions-cache/location.js";
import { temporaryPath } from "../../../src/cache/file/atomic-files.js";

describe("clearStage", () => {
  it("removes an entry this action left, with a usage.json write cut short, and nothing else", async () => {
    const root = await mkdtemp(join(tmpdir(), "nbca-stage-"));
    const ours = join(root, "ours");
    await mkdir(join(ours, "cache"), { recursive: true });
    await writeFile(join(ours, "usage.json"), "{}");
    // What writeAtomically leaves when the step is killed between writing and renaming.
    await writeFile(temporaryPath(join(ours, "usage.json")), "{");
    await clearStage(ours);
    expect(await readdir(root)).toEqual([]);

    const foreign = join(root, "foreign");
    await mkdir(foreign);
    await writeFile(join(foreign, "usage.json.tmp"), "");
    await expect(clearStage(foreign)).rejects.toThrow(/was not made by this action/);
    expect(await readdir(foreign)).toEqual(["usage.json.tmp"]);
    await rm(root, { recursive: true });
  });
});
