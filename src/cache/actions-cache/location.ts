/** Moving the cache between the workspace (where @actions/cache packs and unpacks it) and RUNNER_TEMP. */
import { cp, readdir, rename, rm } from "node:fs/promises";
import { CacheError, describeError } from "../../lib/errors.js";
import { isTemporaryOf } from "../file/atomic-files.js";
import { USAGE_FILE } from "./usage.js";

/** What an entry holds: the binary cache and the usage file beside it (see usage.ts). */
const ENTRY_NAMES = new Set(["cache", USAGE_FILE]);

/** Moves a directory in one rename when it stays on one disk, else copies it and removes the original. */
export async function moveDir(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    await cp(from, to, { recursive: true, verbatimSymlinks: true });
    await rm(from, { recursive: true, force: true });
  }
}

/**
 * Makes sure nothing is at `stage` before @actions/cache unpacks or packs there. What a killed earlier run of this
 * action left (a self-hosted runner keeps its workspace) is removed; anything else is not ours to delete.
 */
export async function clearStage(stage: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(stage);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw new CacheError(`cannot use ${stage}: ${describeError(error)}`, { cause: error });
  }
  if (!names.every((name) => ENTRY_NAMES.has(name) || isTemporaryOf(name, USAGE_FILE))) {
    throw new CacheError(
      `${stage} exists and was not made by this action; move it away so that the cache can be unpacked there`,
    );
  }
  await rm(stage, { recursive: true, force: true });
}
