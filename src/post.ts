import * as core from "@actions/core";
import { describeError } from "./errors.js";
import { postStep } from "./steps.js";

const { error, strict } = await postStep();
if (error !== undefined) (strict ? core.setFailed : core.warning)(`Push: ${describeError(error)}`);
// Timers and sockets left by a cache client must not keep the job waiting once the push is over.
process.exit();
