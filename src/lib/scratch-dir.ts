/** The action's own directory in the runner's temp dir: netrc, snapshot, staging, restored cache, compile cache. */
import { join } from "node:path";

export function scratchDir(tempDir: string): string {
  return join(tempDir, "nix-binary-cache");
}
