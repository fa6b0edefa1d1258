/**
 * The bundle of both steps: action.yml runs dist/action/main.js for main and dist/action/post.js for post, each a
 * two-line file that calls run() with its step (written by scripts/bundle.sh). So the runner's choice of entry says
 * which step runs, even for a post whose main was stopped before it saved anything.
 *
 * It turns on Node's compile cache in RUNNER_TEMP before loading the rest: main compiles the bundle once for the job,
 * and post starts from the compiled code (about a tenth of a post step that has nothing to push).
 */
import { enableCompileCache, flushCompileCache } from "node:module";
import { join } from "node:path";

export async function run(step: "main" | "post"): Promise<void> {
  // Only in the runner's private temp dir: a shared /tmp would let another user plant compiled code.
  const runnerTemp = process.env.RUNNER_TEMP;
  if (runnerTemp) enableCompileCache(join(runnerTemp, "nix-binary-cache", "compile-cache"));
  const { runStep } = await import("./run-step.js");
  await runStep(step);
  flushCompileCache();
  // Timers and sockets left by a cache client (a restore given up on, an upload) must not hold the step open.
  process.exit();
}
