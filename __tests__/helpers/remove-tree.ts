// Shared with the bench (bench/run.ts), which Node runs as TypeScript directly: node: imports only.
import { chmodSync, existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";

/**
 * Removes a tree that may contain read-only store paths (0555 directories): writable bits first, so this also
 * works when not running as root.
 */
export function removeTree(dir: string): void {
  if (!existsSync(dir)) return;
  makeWritable(dir);
  rmSync(dir, { recursive: true, force: true });
}

function makeWritable(dir: string): void {
  try {
    chmodSync(dir, 0o755);
  } catch {
    return;
  }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) makeWritable(path.join(dir, entry.name));
  }
}
