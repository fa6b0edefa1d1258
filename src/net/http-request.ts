/**
 * One HTTP(S) exchange, nothing retried (that is ./retry.ts), through the runner's proxy if it has one (./proxy.ts).
 * Bodies always carry Content-Length (nginx's DAV wants it), a `FileBody` can be streamed again on retry,
 * `timeoutMs` counts inactivity (a slow upload is fine, a stalled server is not), and responses are small documents
 * read into memory.
 */ import { createReadStream } from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import { Readable } from "node:stream";
import { proxyAgent } from "./proxy.js";

/** A body that can be sent more than once: `open()` is called once per attempt. */
export interface FileBody {
  readonly length: number;
  open(): Readable;
}

export type RequestBody = string | Uint8Array | FileBody;

export interface HttpRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: RequestBody;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

interface SendOptions {
  /** Fail the attempt when no byte has moved for this long. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Larger responses fail the attempt (not retried). Default 4 MiB. */
  readonly maxResponseBytes?: number;
}

/** No progress within the timeout; retryable. */
export class RequestTimeoutError extends Error {
  readonly code = "ETIMEDOUT";
  constructor(message: string) {
    super(message);
    this.name = "RequestTimeoutError";
  }
}

/**
 * `length` bytes of a file from `start`, as a re-sendable body read a megabyte at a time: with the stream default of
 * 64 KiB, a NAR of hundreds of megabytes is thousands of reads, each a round trip to the thread pool and a buffer
 * to collect.
 */
export function fileBody(path: string, length: number, start = 0): FileBody {
  return {
    length,
    open: () =>
      // createReadStream has no empty range: `end` is inclusive.
      length === 0
        ? Readable.from([])
        : createReadStream(path, { start, end: start + length - 1, highWaterMark: 1024 * 1024 }),
  };
}

/**
 * Sends a request without a body once and resolves with its response as a stream, whatever its status: for
 * answers passed on as they arrive (a NAR to Nix). The caller reads or discards it.
 */
export function openResponse(request: HttpRequest, options: SendOptions): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = request.url.protocol === "https:" ? https : http;
    const headers = { "User-Agent": "nix-binary-cache-action", ...request.headers };
    const outgoing = client.request(
      request.url,
      { method: request.method, headers, signal: options.signal, agent: proxyAgent(request.url) },
      resolve,
    );
    outgoing.setTimeout(options.timeoutMs, () =>
      outgoing.destroy(
        new RequestTimeoutError(
          `${request.method} ${request.url.href}: no answer for ${options.timeoutMs} ms`,
        ),
      ),
    );
    outgoing.on("error", reject);
    outgoing.end();
  });
}

/** Sends `request` once; resolves with any status, rejects on transport trouble, timeout or abort. */
export function sendRequest(request: HttpRequest, options: SendOptions): Promise<HttpResponse> {
  const maxResponseBytes = options.maxResponseBytes ?? 4 * 2 ** 20;
  const client = request.url.protocol === "https:" ? https : http;
  const { body } = request;
  const length = body === undefined ? 0 : typeof body === "string" ? Buffer.byteLength(body) : body.length;
  const headers: Record<string, string> = { "User-Agent": "nix-binary-cache-action", ...request.headers };
  if (body !== undefined || request.method === "PUT" || request.method === "POST") {
    headers["Content-Length"] = String(length);
  }

  return new Promise<HttpResponse>((resolve, reject) => {
    options.signal?.throwIfAborted();
    const outgoing = client.request(request.url, {
      method: request.method,
      headers,
      signal: options.signal,
      agent: proxyAgent(request.url),
    });
    let source: Readable | undefined;
    const fail = (error: Error) => {
      source?.destroy();
      outgoing.destroy(error);
      reject(error);
    };
    outgoing.setTimeout(options.timeoutMs, () =>
      fail(
        new RequestTimeoutError(
          `${request.method} ${request.url.href}: no response progress for ${options.timeoutMs} ms`,
        ),
      ),
    );
    outgoing.on("error", fail);
    outgoing.on("response", (incoming) => {
      const chunks: Buffer[] = [];
      let received = 0;
      incoming.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxResponseBytes) {
          fail(
            new Error(
              `${request.method} ${request.url.href}: response larger than ${maxResponseBytes} bytes`,
            ),
          );
          return;
        }
        chunks.push(chunk);
      });
      incoming.on("error", fail);
      // "aborted" fires (and "end" never does) when the server closes mid-body.
      incoming.on("aborted", () =>
        fail(Object.assign(new Error("response cut short"), { code: "ECONNRESET" })),
      );
      incoming.on("end", () => {
        // A server may answer (e.g. 401) before the whole body is sent; stop reading the file then.
        source?.destroy();
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) });
      });
    });

    if (body === undefined) {
      outgoing.end();
    } else if (typeof body === "string" || body instanceof Uint8Array) {
      outgoing.end(body);
    } else {
      source = body.open();
      source.on("error", fail);
      source.pipe(outgoing);
    }
  });
}
