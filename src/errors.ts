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
