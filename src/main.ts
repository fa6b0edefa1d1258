import * as core from "@actions/core";
import { describeError } from "./errors.js";
import { setupStep } from "./steps.js";

try {
  await setupStep();
} catch (error) {
  core.setFailed(describeError(error));
}
