/** The runner as @actions/core gives it: the ports of lib/ports.ts, and the step's state from setup to post. */
import * as core from "@actions/core";
import type { Log, RunnerFiles } from "../lib/ports.js";
import { decodeSetupState, encodeSetupState, type SetupState } from "../state.js";

export const coreLog: Log = {
  info: (message) => core.info(message),
  notice: (message) => core.notice(message),
  warning: (message) => core.warning(message),
  debug: (message) => core.debug(message),
  group: (title, body) => core.group(title, body),
};

export const coreRunnerFiles: RunnerFiles = {
  setOutput: (name, value) => core.setOutput(name, String(value)),
  exportVariable: (name, value) => core.exportVariable(name, value),
  appendSummary: async (markdown) => {
    await core.summary.addRaw(markdown, true).write();
  },
};

const STATE_KEY = "nix-binary-cache";

/** Saves setup's state for the post step; throws when the runner's state file cannot be written (a full disk). */
export function saveSetupState(state: SetupState): void {
  core.saveState(STATE_KEY, encodeSetupState(state));
}

/** The state setup saved, or undefined when setup did not get that far (post then has nothing to do). */
export function loadSetupState(): SetupState | undefined {
  return decodeSetupState(core.getState(STATE_KEY));
}
