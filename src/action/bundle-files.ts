/**
 * The scripts scripts/bundle.sh writes beside the bundle (dist/action/): a staging thread's and the background
 * pusher's. Run from src/ (@github/local-action) they do not exist, and their callers say so.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function bundleScript(name: "stager.js" | "pusher.js"): string {
  return join(dirname(fileURLToPath(import.meta.url)), name);
}
