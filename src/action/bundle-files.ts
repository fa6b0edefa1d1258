/**
 * The scripts scripts/bundle.sh writes beside the bundle (dist/action/): a staging thread's, the background
 * pusher's and the Actions cache's read server's. Run from src/ (@github/local-action) they do not exist, and their callers say so.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function bundleScript(name: "stager.js" | "pusher.js" | "reader.js"): string {
  return join(dirname(fileURLToPath(import.meta.url)), name);
}
