/**
 * The one retry policy of every network backend: HTTP 408, 429, 5xx (not 501/505), connection failures and
 * timeouts are retried with exponential backoff and full jitter, or after the server's Retry-After; a Retry-After
 * beyond `maxDelayMs`, a spent `budgetMs` or an aborted signal (the push deadline) ends the retries at once.
 * `sendWithRetries` resolves with the last response (callers judge its status) and rejects on transport trouble;
 * `withRetries` is the loop under it.
 */ import { setTimeout as sleep } from "node:timers/promises";
import { describeError } from "../lib/errors.js";
import { type HttpRequest, type HttpResponse, sendRequest } from "./http-request.js";

export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  /** Cap of one backoff wait; a longer Retry-After gives up. */
  readonly maxDelayMs: number;
  /** Per attempt: no progress for this long fails it (retryable). */
  readonly requestTimeoutMs: number;
  /** Per call: no retry starts after this long since the first attempt. */
  readonly budgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
  requestTimeoutMs: 60_000,
  budgetMs: 5 * 60_000,
};

export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...overrides };
}

/** Thrown by an attempt to ask for another try. */
export class RetryableError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "RetryableError";
  }
}

/** A retryable HTTP status; `sendWithRetries` returns its response when retries run out. */
class RetryableStatus extends RetryableError {
  constructor(readonly response: HttpResponse) {
    super(`HTTP ${response.status}`, parseRetryAfter(headerValue(response.headers["retry-after"])));
  }
}

/** Retries ran out (or the budget did); `cause` is the last failure. */
export class GaveUpError extends Error {
  constructor(
    message: string,
    readonly attempts: number,
    options: { cause: unknown },
  ) {
    super(message, options);
    this.name = "GaveUpError";
  }
}

export interface RetryEvent {
  /** The attempt that just failed, from 1. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: string;
}

export interface RetryOptions {
  readonly policy?: RetryPolicy;
  /** Aborting stops everything at once, retries included (e.g. the push deadline). */
  readonly signal?: AbortSignal;
  /** Told before each wait, e.g. for a debug log line. */
  readonly onRetry?: (event: RetryEvent) => void;
  /** For tests: the jitter source. */
  readonly random?: () => number;
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

const RETRYABLE_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EAI_AGAIN",
]);

/** Whether `error` (or one of its causes) is a failure worth another try. */
export function isRetryableError(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof RetryableError || current.name === "TimeoutError") return true;
    const code = (current as NodeJS.ErrnoException).code;
    if (code !== undefined && RETRYABLE_CODES.has(code)) return true;
    current = current.cause;
  }
  return false;
}

/** Milliseconds to wait from a Retry-After value (delta-seconds or HTTP date), or undefined when absent/invalid. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait after the `failures`-th failure: full jitter over an exponentially growing, capped window. */
export function backoffDelay(
  policy: RetryPolicy,
  failures: number,
  random: () => number = Math.random,
): number {
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - 1));
  return Math.floor(random() * window);
}

export async function withRetries<T>(
  attempt: (context: { readonly attempt: number; readonly signal: AbortSignal }) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const signal = options.signal ?? new AbortController().signal;
  const started = Date.now();
  for (let number = 1; ; number++) {
    signal.throwIfAborted();
    try {
      return await attempt({ attempt: number, signal });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (!isRetryableError(error)) throw error;
      const reason = describeFailure(error);
      const retryAfterMs = error instanceof RetryableError ? error.retryAfterMs : undefined;
      const delayMs = retryAfterMs ?? backoffDelay(policy, number, options.random);
      if (number >= policy.attempts) throw gaveUp(`${reason}, after ${number} attempts`, number, error);
      if (retryAfterMs !== undefined && retryAfterMs > policy.maxDelayMs) {
        throw gaveUp(`${reason} with Retry-After ${Math.ceil(retryAfterMs / 1000)} s`, number, error);
      }
      if (Date.now() + delayMs - started > policy.budgetMs) {
        throw gaveUp(`${reason}, retry budget of ${policy.budgetMs} ms spent`, number, error);
      }
      options.onRetry?.({ attempt: number, delayMs, reason });
      await sleep(delayMs, undefined, { signal }).catch(() => {
        throw signal.reason;
      });
    }
  }
}

/** Sends `request`, retrying per the policy; see the header comment. */
export async function sendWithRetries(
  request: HttpRequest,
  options: RetryOptions & { readonly maxResponseBytes?: number } = {},
): Promise<HttpResponse> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  try {
    return await withRetries(async ({ signal }) => {
      const response = await sendRequest(request, {
        timeoutMs: policy.requestTimeoutMs,
        signal,
        maxResponseBytes: options.maxResponseBytes,
      });
      if (isRetryableStatus(response.status)) throw new RetryableStatus(response);
      return response;
    }, options);
  } catch (error) {
    if (error instanceof GaveUpError && error.cause instanceof RetryableStatus) return error.cause.response;
    throw error;
  }
}

function gaveUp(message: string, attempts: number, cause: unknown): GaveUpError {
  return new GaveUpError(message, attempts, { cause });
}

function describeFailure(error: unknown): string {
  const message = describeError(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" && !message.includes(code) ? `${message} (${code})` : message;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
