// Small fakes of the ports the domain code takes: a log that records, runner files that record.
import type { Log, RunnerFiles } from "../../../src/lib/ports.js";

export class RecordingLog implements Log {
  readonly lines: { level: "info" | "notice" | "warning" | "debug"; message: string }[] = [];
  readonly groups: string[] = [];
  info(message: string) {
    this.lines.push({ level: "info", message });
  }
  notice(message: string) {
    this.lines.push({ level: "notice", message });
  }
  warning(message: string) {
    this.lines.push({ level: "warning", message });
  }
  debug(message: string) {
    this.lines.push({ level: "debug", message });
  }
  async group<T>(title: string, body: () => Promise<T>): Promise<T> {
    this.groups.push(title);
    return body();
  }
  of(level: "info" | "notice" | "warning" | "debug"): string[] {
    return this.lines.filter((line) => line.level === level).map((line) => line.message);
  }
}

export class RecordingRunnerFiles implements RunnerFiles {
  readonly outputs = new Map<string, string>();
  readonly exported = new Map<string, string>();
  summary = "";
  setOutput(name: string, value: string | number) {
    this.outputs.set(name, String(value));
  }
  exportVariable(name: string, value: string) {
    this.exported.set(name, value);
  }
  async appendSummary(markdown: string) {
    this.summary += markdown;
  }
}

/** A signal that never aborts: the deadline and stop of a call that a test does not end. */
export const NEVER: AbortSignal = new AbortController().signal;
