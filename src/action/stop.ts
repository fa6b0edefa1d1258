/**
 * Stopping a step as the runner stops it. A cancelled job's running step gets SIGINT, SIGTERM 7.5 s later and
 * SIGKILL 2.5 s after that; post steps then run with the job's remaining minutes. The first SIGINT or SIGTERM
 * aborts the step's stop signal, which the domain code takes like a deadline: it starts nothing new, publishes
 * nothing partial, reports what it did and removes its temporary files. A step still running `graceMs` after the
 * signal exits anyway, so that it is always gone long before SIGKILL.
 */
import { StepStopped } from "../lib/errors.js";
import type { Log } from "../lib/ports.js";

interface StopWatch {
  /** Aborted, with a StepStopped reason, at the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  /** Stops listening (the step is over). */
  dispose(): void;
}

const SIGNALS = ["SIGINT", "SIGTERM"] as const;

function watchForStop(options: {
  /** Told at the signal, e.g. to log it. */
  readonly onStop: (signalName: string) => void;
  /** Told when the grace period ran out, just before the process exits. */
  readonly onGiveUp: () => void;
  readonly graceMs?: number;
}): StopWatch {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const handler = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) return;
    options.onStop(name);
    controller.abort(new StepStopped(name));
    timer = setTimeout(() => {
      options.onGiveUp();
      process.exit();
    }, options.graceMs ?? 1500);
    // The timer must not keep a step alive that finished in time.
    timer.unref();
  };
  for (const name of SIGNALS) process.on(name, handler);
  return {
    signal: controller.signal,
    dispose() {
      for (const name of SIGNALS) process.off(name, handler);
      clearTimeout(timer);
    },
  };
}

/** Runs a step's `body` with a stop signal that aborts at SIGINT or SIGTERM, telling `log` when it does. */
export async function runStoppable(log: Log, body: (stop: AbortSignal) => Promise<void>): Promise<void> {
  const stop = watchForStop({
    onStop: (name) => log.info(`Received ${name}: stopping (the job was cancelled or timed out).`),
    onGiveUp: () => log.warning("Still not done 1.5 s after the stop signal: exiting now."),
  });
  try {
    await body(stop.signal);
  } finally {
    stop.dispose();
  }
}
