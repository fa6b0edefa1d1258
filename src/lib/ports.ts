/** The ports domain code talks to the runner through: the log, and the files the runner keeps after a step. */

export interface Log {
  info(message: string): void;
  notice(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
  /** Runs `body` inside a collapsible log group. */
  group<T>(title: string, body: () => Promise<T>): Promise<T>;
}

/** What the runner keeps after a step: outputs, exported variables and the job summary. */
export interface RunnerFiles {
  setOutput(name: string, value: string | number): void;
  exportVariable(name: string, value: string): void;
  appendSummary(markdown: string): Promise<void>;
}
