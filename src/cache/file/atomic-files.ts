/** Files readers never see half-written: written beside their place under a temporary name, then renamed. */
import { rename, rm, writeFile } from "node:fs/promises";

/** Where a file is written before it is renamed over `path`: beside it, unique to this process and call. */
export function temporaryPath(path: string): string {
  return `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
}

/** Whether directory entry `name` is a temporaryPath of `base` in the same directory, left by a killed step. */
export function isTemporaryOf(name: string, base: string): boolean {
  return name.startsWith(`${base}.`) && /^\.\d+\.[a-z0-9]*\.tmp$/.test(name.slice(base.length));
}

/** Readers never see a half-written file: write beside the target, then rename over it. */
export async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = temporaryPath(path);
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
