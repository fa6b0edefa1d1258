/** Configuration the user must fix: setup fails with this message, which names the input and never holds a secret. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    problem: string,
  ) {
    super(`Input '${input}': ${problem}`);
    this.name = "InputError";
  }
}

/** Trouble with the cache itself (unreachable, refused, corrupt): a warning unless `strict`. */
export class CacheError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CacheError";
  }
}

/** A message for anything thrown, including non-Error values that would otherwise be lost. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : JSON.stringify(error);
}

/** The runner stopped the step (a cancelled job): the reason of the step's stop signal (see ../action/stop.ts). */
export class StepStopped extends Error {
  constructor(readonly signalName: string) {
    super(`the step was stopped (${signalName})`);
    this.name = "StepStopped";
  }
}

/** Whether `error` says a disk is full: the runner's temp dir on a small disk, the usual cause. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOSPC" || code === "EDQUOT";
}

/** Why an aborted deadline ended the work: the step was stopped, or pushTimeout ran out. */
export function describeInterruption(signal: AbortSignal): string {
  return signal.reason instanceof StepStopped ? signal.reason.message : "pushTimeout ran out";
}
