import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";
import { removeTree } from "./remove-tree.js";

/** A new directory under the OS's temp dir, removed when the test that asked for it ends. */
export async function testTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  onTestFinished(() => removeTree(dir));
  return dir;
}
