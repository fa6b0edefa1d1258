/** Files readers never see half-written: written beside their place under a temporary name, then renamed. */
import { renameSync, rmSync, writeFileSync } from "node:fs";

/** Where a file is written before it is renamed over `path`: beside it, unique to this process and call. */
export function temporaryPath(path: string): string {
  return `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
}

/** Whether directory entry `name` is a temporaryPath of `base` in the same directory, left by a killed step. */
export function isTemporaryOf(name: string, base: string): boolean {
  return name.startsWith(`${base}.`) && /^\.\d+\.[a-z0-9]*\.tmp$/.test(name.slice(base.length));
}

/**
 * Readers never see a half-written file: write beside the target, then rename over it. Synchronous on purpose: these
 * are small files on a local disk, and a round trip through libuv's thread pool costs more than the write itself
 * (measured on a 2-core runner: 2.7× the CPU per narinfo, which thousands of paths add up).
 */
export function writeAtomically(path: string, content: string | Uint8Array): void {
  const temporary = temporaryPath(path);
  try {
    writeFileSync(temporary, content, { flag: "wx" });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
