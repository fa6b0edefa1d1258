/** Where the action talks to the user: the log port the domain code receives, and its @actions/core version. */
import * as core from "@actions/core";

export interface Log {
  info(message: string): void;
  notice(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
  /** Runs `body` inside a collapsible log group. */
  group<T>(title: string, body: () => Promise<T>): Promise<T>;
}

export const coreLog: Log = {
  info: (message) => core.info(message),
  notice: (message) => core.notice(message),
  warning: (message) => core.warning(message),
  debug: (message) => core.debug(message),
  group: (title, body) => core.group(title, body),
};

/** What the runner keeps after a step: outputs, exported variables and the job summary. */
export interface RunnerFiles {
  setOutput(name: string, value: string | number): void;
  exportVariable(name: string, value: string): void;
  appendSummary(markdown: string): Promise<void>;
}

export const coreRunnerFiles: RunnerFiles = {
  setOutput: (name, value) => core.setOutput(name, String(value)),
  exportVariable: (name, value) => core.exportVariable(name, value),
  appendSummary: async (markdown) => {
    await core.summary.addRaw(markdown, true).write();
  },
};
