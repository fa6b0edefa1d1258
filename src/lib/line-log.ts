/** A Log for a process without a runner to talk to (the background pusher): timestamped lines to `write`. */
import type { Log } from "./ports.js";

export function lineLog(write: (line: string) => void, now: () => Date = () => new Date()): Log {
  const line = (level: string, message: string) =>
    write(`${now().toISOString().slice(11, 23)} ${level}${message}\n`);
  return {
    info: (message) => line("", message),
    notice: (message) => line("notice: ", message),
    warning: (message) => line("warning: ", message),
    debug: (message) => line("", message),
    group: async (title, body) => {
      line("", title);
      return body();
    },
  };
}
