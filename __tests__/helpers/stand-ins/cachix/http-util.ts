/** Plumbing shared by the stand-in's three kinds of listener: bodies, replies, injected faults and the request log. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Which listener a request reached: the API, the object store behind presigned URLs, or a cache's own host. */
export type Listener = "api" | "object-store" | "cache";

/** One request as the stand-in saw it (no credentials are recorded). */
export interface LoggedRequest {
  readonly on: Listener;
  readonly method: string;
  /** The path without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly status: number;
  /** Whether an Authorization header came with it. */
  readonly authorized: boolean;
  /** The request body's length. */
  readonly bytes: number;
}

/** A fault to inject: the next `times` matching requests get `status` (or a reset connection) instead of service. */
export interface FaultRule {
  readonly on: Listener;
  readonly method?: string;
  /** Matched against the path without the query. */
  readonly path?: RegExp;
  readonly status: number | "reset";
  /** Sent as the Retry-After header (seconds or an HTTP date). */
  readonly retryAfter?: string;
  /** How many matching requests fail; Infinity for a fault that never clears. */
  times: number;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type Handler = (request: IncomingMessage, url: URL, body: Buffer) => Promise<Reply>;

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

export const json = (value: unknown): Reply => ({
  status: 200,
  headers: { "content-type": "application/json;charset=utf-8" },
  body: JSON.stringify(value),
});

/** Servant's `NoContent`: 200 with an empty body. */
export const noContent: Reply = { status: 200, body: "" };

export interface Traffic {
  readonly requests: LoggedRequest[];
  readonly faults: FaultRule[];
}

/** Starts a listener on `host` that logs every request, applies injected faults first, then runs `handler`. */
export async function listen(
  host: string,
  on: Listener,
  traffic: Traffic,
  handler: Handler,
): Promise<Server> {
  const server = createServer((request, response) => {
    void serve(request, response, on, traffic, handler);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  return server;
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  on: Listener,
  traffic: Traffic,
  handler: Handler,
): Promise<void> {
  const url = new URL(request.url ?? "/", "http://stand-in");
  const method = request.method ?? "GET";
  let bytes = 0;
  const log = (status: number) =>
    traffic.requests.push({
      bytes,
      on,
      method,
      path: url.pathname,
      query: url.searchParams,
      status,
      authorized: request.headers.authorization !== undefined,
    });
  const fault = traffic.faults.find(
    (rule) =>
      rule.times > 0 &&
      rule.on === on &&
      (rule.method === undefined || rule.method === method) &&
      (rule.path === undefined || rule.path.test(url.pathname)),
  );
  let reply: Reply;
  try {
    const body = await readBody(request);
    bytes = body.length;
    if (fault !== undefined) {
      fault.times--;
      if (fault.status === "reset") {
        log(0);
        request.socket.destroy();
        return;
      }
      const headers: Record<string, string> = { "content-type": "text/plain" };
      if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter;
      reply = { status: fault.status, headers, body: `injected fault ${fault.status}` };
    } else {
      reply = await handler(request, url, body);
    }
  } catch (error) {
    // Error bodies are plain text, as the real service's are (there is no JSON error envelope).
    const status = error instanceof HttpError ? error.status : 500;
    reply = { status, headers: { "content-type": "text/plain" }, body: (error as Error).message };
  }
  log(reply.status);
  response.writeHead(reply.status, reply.headers);
  response.end(method === "HEAD" ? undefined : reply.body);
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

export function origin(server: Server, host: string): string {
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

/** Closes a listener, ending kept-alive connections instead of waiting for clients to drop them. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Servant's `ReqBody '[JSON]`: a body of another content type is refused with 415, malformed JSON with 400. */
export function parseJsonBody(request: IncomingMessage, body: Buffer): unknown {
  const type = request.headers["content-type"] ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpError(415, `expected Content-Type application/json, got '${type}'`);
  }
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new HttpError(400, "Error in $: malformed JSON");
  }
}
