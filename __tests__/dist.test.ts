// dist/ is what the runner executes: it must be exactly a fresh bundle of src/, or a review of src/ means nothing.
import { execFileSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { testTempDir } from "./helpers/temp-dir.js";

const root = join(import.meta.dirname, "..");

describe("dist/", () => {
  it("equals a fresh bundle of src/, file for file and byte for byte", async () => {
    const scratch = await testTempDir("check-dist-");
    const manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
      scripts: { bundle: string };
    };
    // Run the package's own bundle script with its output redirected, so this test checks what `npm run bundle` does.
    expect(manifest.scripts.bundle).toBe("bash scripts/bundle.sh");
    execFileSync("bash", ["scripts/bundle.sh", scratch], {
      cwd: root,
      stdio: "pipe",
      env: { ...process.env, PATH: `${join(root, "node_modules/.bin")}:${process.env.PATH}` },
    });
    const entries = (await readdir(scratch)).sort();
    expect(entries).toEqual(["action", "cli"]);
    expect((await readdir(join(root, "dist"))).sort()).toEqual(entries);
    for (const entry of entries) {
      const expected = (await readdir(join(scratch, entry))).sort();
      expect((await readdir(join(root, "dist", entry))).sort()).toEqual(expected);
      for (const file of expected) {
        const fresh = await readFile(join(scratch, entry, file));
        const committed = await readFile(join(root, "dist", entry, file));
        expect(
          committed.equals(fresh),
          `dist/${entry}/${file} differs from a fresh bundle: run npm run bundle`,
        ).toBe(true);
      }
    }
  });
});
