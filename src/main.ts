import * as core from "@actions/core";
import { describeError } from "./errors.js";
import { setupStep } from "./steps.js";

try {
  await setupStep();
} catch (error) {
  core.setFailed(describeError(error));
}
// A cache client given up on (a restore past its deadline) must not hold the step open.
process.exit();
