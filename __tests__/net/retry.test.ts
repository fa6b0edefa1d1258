import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fileBody, RequestTimeoutError } from "../../src/net/http-request.js";
import {
  backoffDelay,
  GaveUpError,
  isRetryableError,
  isRetryableStatus,
  parseRetryAfter,
  RetryableError,
  type RetryEvent,
  retryPolicy,
  sendWithRetries,
  withRetries,
} from "../../src/net/retry.js";
import { testTempDir } from "../helpers/temp-dir.js";

const FAST = retryPolicy({ attempts: 4, baseDelayMs: 5, requestTimeoutMs: 2_000 });

/** A server that answers each request with the next handler in `script` (the last one repeats). */
type Handler = (request: IncomingMessage, response: ServerResponse, body: Buffer) => void;
let server: Server | undefined;
const received: { method: string; body: Buffer }[] = [];

async function serve(script: Handler[]): Promise<URL> {
  received.length = 0;
  server = createServer((request, response) => {
    const handler = script[Math.min(received.length, script.length - 1)] as Handler;
    const entry = { method: request.method ?? "", body: Buffer.alloc(0) };
    received.push(entry);
    const chunks: Buffer[] = [];
    // A handler may answer before the body is in (e.g. to reset mid-body): hand it the request as it comes.
    if (handler.length < 3) return handler(request, response, Buffer.alloc(0));
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      entry.body = Buffer.concat(chunks);
      handler(request, response, entry.body);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/file`);
}

afterEach(async () => {
  const running = server;
  server = undefined;
  if (running === undefined) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
});

const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  (_request, response, _body) =>
    response.writeHead(code, headers).end(`status ${code}`);

describe("the policy's pieces", () => {
  it("waits with full jitter in an exponential window capped at maxDelayMs", () => {
    const policy = retryPolicy({ baseDelayMs: 100, maxDelayMs: 500 });
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, () => 0.999999))).toEqual([
      99, 199, 399, 499, 499,
    ]);
    expect(backoffDelay(policy, 3, () => 0)).toBe(0);
    expect(backoffDelay(policy, 2, () => 0.5)).toBe(100);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("1", now)).toBe(1000);
    expect(parseRetryAfter(" 120 ", now)).toBe(120_000);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it("retries 408, 429 and 5xx but 501 and 505; connection failures and timeouts, also as a cause", () => {
    expect([408, 429, 500, 502, 503, 504, 599].every(isRetryableStatus)).toBe(true);
    expect([200, 201, 204, 301, 400, 401, 403, 404, 413, 501, 505].some(isRetryableStatus)).toBe(false);
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    expect(isRetryableError(reset)).toBe(true);
    expect(isRetryableError(new TypeError("fetch failed", { cause: { ...reset } }))).toBe(false);
    expect(isRetryableError(new TypeError("fetch failed", { cause: reset }))).toBe(true);
    expect(isRetryableError(new DOMException("timed out", "TimeoutError"))).toBe(true);
    expect(isRetryableError(new RequestTimeoutError("slow"))).toBe(true);
    expect(isRetryableError(Object.assign(new Error("nope"), { code: "ENOTFOUND" }))).toBe(false);
    expect(isRetryableError(new Error("bad input"))).toBe(false);
  });
});

describe("sendWithRetries against a real server", () => {
  it("gets through a 500 and a 429, waiting as long as Retry-After says", async () => {
    const url = await serve([status(500), status(429, { "Retry-After": "1" }), status(200)]);
    const events: RetryEvent[] = [];
    const started = Date.now();
    const response = await sendWithRetries(
      { method: "GET", url },
      { policy: FAST, onRetry: (event) => events.push(event) },
    );
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe("status 200");
    expect(received).toHaveLength(3);
    expect(events.map((event) => [event.attempt, event.reason])).toEqual([
      [1, "HTTP 500"],
      [2, "HTTP 429"],
    ]);
    expect(events[1]?.delayMs).toBe(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it("re-sends a streamed file body whole after a reset mid-body", async () => {
    const dir = await testTempDir("retry-");
    const bytes = randomBytes(3 * 2 ** 20);
    await writeFile(join(dir, "nar"), bytes);
    const resetAfterFirstChunk: Handler = (request) => request.once("data", () => request.socket.destroy());
    const url = await serve([resetAfterFirstChunk, status(201)]);
    const response = await sendWithRetries(
      { method: "PUT", url, body: fileBody(join(dir, "nar"), bytes.length) },
      { policy: FAST },
    );
    expect(response.status).toBe(201);
    expect(received).toHaveLength(2);
    expect(received[1]?.body.equals(bytes)).toBe(true);
  });

  it("times out a server that does not answer, then tries again", async () => {
    const silent: Handler = () => {};
    const url = await serve([silent, status(200)]);
    const events: RetryEvent[] = [];
    const response = await sendWithRetries(
      { method: "HEAD", url },
      { policy: retryPolicy({ ...FAST, requestTimeoutMs: 200 }), onRetry: (event) => events.push(event) },
    );
    expect(response.status).toBe(200);
    expect(events[0]?.reason).toMatch(/no response progress for 200 ms/);
  });

  it("returns a final status at once and the last retryable one when attempts run out", async () => {
    let url = await serve([status(404)]);
    expect((await sendWithRetries({ method: "GET", url }, { policy: FAST })).status).toBe(404);
    expect(received).toHaveLength(1);
    await new Promise((resolve) => server?.close(resolve));
    url = await serve([status(503)]);
    expect((await sendWithRetries({ method: "GET", url }, { policy: FAST })).status).toBe(503);
    expect(received).toHaveLength(FAST.attempts);
  });

  it("gives up on a refused connection after every attempt, saying why", async () => {
    const url = await serve([status(200)]);
    await new Promise((resolve) => server?.close(resolve));
    const error = await sendWithRetries({ method: "GET", url }, { policy: FAST }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GaveUpError);
    expect((error as GaveUpError).attempts).toBe(FAST.attempts);
    expect((error as Error).message).toMatch(/ECONNREFUSED.*after 4 attempts/);
  });

  it("gives up at once when Retry-After is longer than maxDelayMs, or the budget is spent", async () => {
    const url = await serve([status(503, { "Retry-After": "3600" })]);
    await expect(sendWithRetries({ method: "GET", url }, { policy: FAST })).resolves.toMatchObject({
      status: 503,
    });
    expect(received).toHaveLength(1);
    const tight = retryPolicy({ ...FAST, budgetMs: 500 });
    await sendWithRetries(
      { method: "GET", url: await serve([status(429, { "Retry-After": "1" })]) },
      { policy: tight },
    );
    expect(received).toHaveLength(1);
  });

  it("stops waiting and sending when the signal aborts", async () => {
    const url = await serve([status(429, { "Retry-After": "30" })]);
    const controller = new AbortController();
    const reason = new Error("push timed out");
    setTimeout(() => controller.abort(reason), 100);
    const started = Date.now();
    await expect(
      sendWithRetries({ method: "GET", url }, { policy: FAST, signal: controller.signal }),
    ).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(received).toHaveLength(1);
  });
});

describe("withRetries for other clients", () => {
  it("retries what the attempt marks retryable and passes other errors through untouched", async () => {
    let calls = 0;
    const value = await withRetries(
      async ({ attempt }) => {
        calls++;
        if (attempt < 3) throw new RetryableError("busy", 10);
        return "done";
      },
      { policy: FAST },
    );
    expect([value, calls]).toEqual(["done", 3]);
    const fatal = new Error("401 Unauthorized");
    await expect(withRetries(async () => Promise.reject(fatal), { policy: FAST })).rejects.toBe(fatal);
  });
});
