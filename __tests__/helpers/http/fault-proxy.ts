/**
 * A node:http proxy on 127.0.0.1 in front of a real server that misbehaves on purpose, per request key
 * (`METHOD path`): the first requests with a key get the plan's faults in order, later ones go through.
 *
 * - `500`: an Internal Server Error, nothing forwarded.
 * - `429`: Too Many Requests with `Retry-After: 1`, nothing forwarded.
 * - `slowdown`: S3's way to say too many requests: 503 with a `SlowDown` error document and no Retry-After.
 * - `reset`: the connection is cut mid-body: after the first chunk of an upload (nothing forwarded), or after half
 *   of the upstream's answer for a download; a HEAD is cut before any answer.
 * - `slow`: forwarded, but the answer starts `slowMs` late.
 * - `silent`: the connection is taken and never answered (a server that hangs).
 * - `stall`: forwarded; the answer's headers and half its body come, then nothing more.
 * - `lost`: forwarded, and the server acts on it, but the connection is cut before its answer comes back.
 * - `nosuchupload`: S3's answer to a multipart upload that is gone (completed or aborted): 404 `NoSuchUpload`.
 * `down` answers every matching request 503 with Retry-After: 1 (a cache that stays down). The plan can be changed
 * between steps (`proxy.plan = …`); `injected` lists what was done, so tests can check the faults really happened.
 */
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Fault =
  | "500"
  | "429"
  | "slowdown"
  | "reset"
  | "slow"
  | "silent"
  | "stall"
  | "lost"
  | "nosuchupload";

export interface FaultPlan {
  /** Which requests misbehave; default all. */
  readonly match?: (method: string, path: string) => boolean;
  readonly faults?: readonly Fault[];
  readonly down?: boolean;
  readonly slowMs?: number;
  /** Told of every request as it arrives, before any fault. */
  readonly onRequest?: (method: string, path: string) => void;
  /** Told when the real server has answered a forwarded request (before a `slow` answer goes on). */
  readonly onUpstreamAnswer?: (method: string, path: string, status: number) => void;
}

export interface InjectedFault {
  readonly fault: Fault | "down";
  readonly method: string;
  readonly path: string;
}

export interface FaultProxy {
  readonly origin: string;
  plan: FaultPlan;
  readonly injected: InjectedFault[];
  close(): Promise<void>;
}

export async function startFaultProxy(upstreamOrigin: string, plan: FaultPlan = {}): Promise<FaultProxy> {
  const upstream = new URL(upstreamOrigin);
  const seen = new Map<string, number>();
  const injected: InjectedFault[] = [];
  const state = { plan };

  const server = createServer((request, response) => {
    const method = request.method ?? "GET";
    const path = request.url ?? "/";
    const { match = () => true, faults = [], down = false, slowMs = 1500, onRequest } = state.plan;
    onRequest?.(method, path);
    if (!match(method, path)) return pass(request, response, 0);
    if (down) {
      injected.push({ fault: "down", method, path });
      return response.writeHead(503, { "Retry-After": "1" }).end("down");
    }
    const key = `${method} ${path}`;
    const count = seen.get(key) ?? 0;
    seen.set(key, count + 1);
    const fault = faults[count];
    if (fault === undefined) return pass(request, response, 0);
    injected.push({ fault, method, path });
    switch (fault) {
      case "500":
        return drainThen(request, () => response.writeHead(500).end("injected"));
      case "429":
        return drainThen(request, () => response.writeHead(429, { "Retry-After": "1" }).end("injected"));
      case "slowdown":
        return drainThen(request, () =>
          response
            .writeHead(503, { "Content-Type": "application/xml" })
            .end(s3Error("SlowDown", "Please reduce your request rate.")),
        );
      case "nosuchupload":
        return drainThen(request, () =>
          response
            .writeHead(404, { "Content-Type": "application/xml" })
            .end(s3Error("NoSuchUpload", "The specified upload does not exist.")),
        );
      case "slow":
        return pass(request, response, slowMs);
      case "reset":
        return reset(request, response);
      case "silent":
        return void request.resume();
      case "stall":
        return pass(request, response, 0, "stall");
      case "lost":
        return pass(request, response, 0, "lost");
    }
  });

  /** Forwards the request; the answer starts `delayMs` late. */
  function pass(
    request: IncomingMessage,
    response: ServerResponse,
    delayMs: number,
    halfway?: "cut" | "stall" | "lost",
  ): void {
    const outgoing = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer) => {
        state.plan.onUpstreamAnswer?.(request.method ?? "GET", request.url ?? "/", answer.statusCode ?? 0);
        if (halfway === "lost") return void response.socket?.destroy();
        setTimeout(() => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          if (halfway === undefined) return void answer.pipe(response);
          // Half the body, flushed, then the connection goes (or stays, with nothing more on it).
          let remaining = Math.floor(Number(answer.headers["content-length"] ?? 0) / 2);
          const cut = () => {
            if (halfway === "cut") response.socket?.destroy();
          };
          answer.on("data", (chunk: Buffer) => {
            if (remaining <= 0) return cut();
            const part = chunk.subarray(0, remaining);
            remaining -= part.length;
            response.write(part, () => remaining <= 0 && cut());
          });
          answer.on("end", cut);
        }, delayMs);
      },
    );
    outgoing.on("error", () => response.socket?.destroy());
    request.pipe(outgoing);
  }

  function reset(request: IncomingMessage, response: ServerResponse): void {
    const hasBody = Number(request.headers["content-length"] ?? 0) > 0;
    if (hasBody) return void request.once("data", () => request.socket.destroy());
    if (request.method === "HEAD") return void request.socket.destroy();
    pass(request, response, 0, "cut");
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get plan() {
      return state.plan;
    },
    set plan(next: FaultPlan) {
      state.plan = next;
      seen.clear();
    },
    injected,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Reads the whole upload before answering, as a real server that fails late would. */
function drainThen(request: IncomingMessage, answer: () => void): void {
  request.resume();
  request.once("end", answer);
}

/** An S3 error document. */
function s3Error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}
