/** The main step or the post step, whichever this run of the bundle is; reports what failed. */
import * as core from "@actions/core";
import { describeError } from "./errors.js";
import { isPostStep, markMainStepStarted } from "./state.js";
import { postStep, setupStep } from "./steps.js";

export async function runStep(): Promise<void> {
  if (isPostStep()) {
    const { error, strict } = await postStep();
    if (error !== undefined) (strict ? core.setFailed : core.warning)(`Push: ${describeError(error)}`);
    return;
  }
  markMainStepStarted();
  await setupStep().catch((error: unknown) => core.setFailed(describeError(error)));
}
