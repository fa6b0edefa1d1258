/** The main step or the post step, as action.yml's entry says; reports what failed, and listens for a stop. */
import * as core from "@actions/core";
import { describeError } from "./errors.js";
import { postStep, setupStep } from "./steps.js";
import { watchForStop } from "./stop.js";

export async function runStep(step: "main" | "post"): Promise<void> {
  const stop = watchForStop({
    onStop: (name) => core.info(`Received ${name}: stopping (the job was cancelled or timed out).`),
    onGiveUp: () => core.warning("Still not done 1.5 s after the stop signal: exiting now."),
  });
  try {
    if (step === "post") {
      const { error, strict } = await postStep(stop.signal);
      if (error !== undefined) (strict ? core.setFailed : core.warning)(`Push: ${describeError(error)}`);
      return;
    }
    await setupStep(stop.signal).catch((error: unknown) => core.setFailed(describeError(error)));
  } finally {
    stop.dispose();
  }
}
