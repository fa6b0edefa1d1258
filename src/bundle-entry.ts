/**
 * What dist/action/main.js and post.js call (both written by scripts/bundle.sh): the runner's choice of file says
 * which step runs, even for a post whose main was stopped before it saved anything. It turns on Node's compile
 * cache in RUNNER_TEMP before loading the step: main compiles the bundle once for the job, and post starts from the
 * compiled code (about a tenth of a post step that has nothing to push).
 */
import { enableCompileCache, flushCompileCache } from "node:module";
import { join } from "node:path";
import { scratchDir } from "./lib/scratch-dir.js";

export async function runBundled(step: "main" | "post"): Promise<void> {
  // Only in the runner's private temp dir: a shared /tmp would let another user plant compiled code.
  const runnerTemp = process.env.RUNNER_TEMP;
  if (runnerTemp) enableCompileCache(join(scratchDir(runnerTemp), "compile-cache"));
  const { run } = step === "main" ? await import("./main.js") : await import("./post.js");
  await run();
  flushCompileCache();
  // Timers and sockets left by a cache client (a restore given up on, an upload) must not hold the step open.
  process.exit();
}

/** What dist/action/pusher.js calls: the background pusher that setup starts (see pusher.ts), in `argv[2]`'s dir. */
export async function runPusher(): Promise<void> {
  const runnerTemp = process.env.RUNNER_TEMP;
  if (runnerTemp) enableCompileCache(join(scratchDir(runnerTemp), "compile-cache"));
  const dir = process.argv[2];
  if (dir === undefined) throw new Error("usage: pusher.js DIR");
  await (await import("./pusher.js")).run(dir);
  process.exit();
}

/** What dist/action/reader.js calls: the Actions cache's read server that setup starts (see reader.ts). */
export async function runReader(): Promise<void> {
  const dir = process.argv[2];
  if (dir === undefined) throw new Error("usage: reader.js DIR");
  await (await import("./reader.js")).run(dir);
  process.exit();
}

/** What dist/action/stager.js calls: a staging thread of the post step (see push/staging-pool.ts). */
export async function runStagingThread(): Promise<void> {
  (await import("./push/stage-worker.js")).serveStaging();
}
