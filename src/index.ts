/**
 * The entry of both steps (action.yml runs this bundle as main and as post). It turns on Node's compile cache in
 * RUNNER_TEMP before loading the rest: main compiles the bundle once for the job, and post, the same file, starts
 * from the compiled code (about a tenth of a post step that has nothing to push).
 */
import { enableCompileCache, flushCompileCache } from "node:module";
import { join } from "node:path";

// Only in the runner's private temp dir: a shared /tmp would let another user plant compiled code.
const runnerTemp = process.env.RUNNER_TEMP;
if (runnerTemp) enableCompileCache(join(runnerTemp, "nix-binary-cache", "compile-cache"));
const { runStep } = await import("./run-step.js");
await runStep();
flushCompileCache();
// Timers and sockets left by a cache client (a restore given up on, an upload) must not hold the step open.
process.exit();
