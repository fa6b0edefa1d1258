/**
 * An HTTP server on 127.0.0.1 that only the job's Nix may use (the read servers of the Actions cache and S3 modes):
 * a request must carry the job's netrc credentials (compared in constant time) and a path under the job's random
 * prefix, and only GET and HEAD of a binary cache's files are taken. Each mode answers `name` (the path below the
 * prefix) its own way.
 */
import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { describeError } from "../lib/errors.js";

export interface JobServerOptions {
  /** The path every URL starts with (`/<nonce>`). */
  readonly prefix: string;
  /** The `Authorization` header the job's netrc makes curl send. */
  readonly authorization: string;
  /** Told of a request that failed unexpectedly. */
  readonly onError: (message: string) => void;
}

/** What a binary cache holds that Nix reads: nix-cache-info, narinfos, NARs. Nothing else is answered. */
export type CacheFile =
  | { readonly kind: "cache-info" }
  | { readonly kind: "narinfo"; readonly hashPart: string }
  | { readonly kind: "nar"; readonly name: string };

export type JobRequestHandler = (
  file: CacheFile,
  request: IncomingMessage,
  response: ServerResponse,
) => Promise<void>;

export function createJobServer(options: JobServerOptions, handle: JobRequestHandler): Server {
  const expected = Buffer.from(options.authorization);
  return createServer((request, response) => {
    const given = Buffer.from(request.headers.authorization ?? "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return reply(response, 401, "unauthorized", {
        "WWW-Authenticate": 'Basic realm="nix-binary-cache-action"',
      });
    }
    if (request.method !== "GET" && request.method !== "HEAD")
      return reply(response, 405, "method not allowed");
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (!url.pathname.startsWith(`${options.prefix}/`)) return reply(response, 404, "not found");
    const file = cacheFile(url.pathname.slice(options.prefix.length + 1));
    if (file === undefined) return reply(response, 404, "not found");
    handle(file, request, response).catch((error: unknown) => {
      options.onError(`a request for ${url.pathname} failed: ${describeError(error)}`);
      if (!response.headersSent) reply(response, 500, "internal error");
      else response.destroy();
    });
  });
}

function cacheFile(name: string): CacheFile | undefined {
  if (name === "nix-cache-info") return { kind: "cache-info" };
  const hashPart = /^([0-9a-z]{32})\.narinfo$/.exec(name)?.[1];
  if (hashPart !== undefined) return { kind: "narinfo", hashPart };
  if (/^nar\/[0-9a-z]+\.nar(\.[a-z0-9]+)?$/.test(name)) return { kind: "nar", name };
  return undefined;
}

/** A small answer (HEAD: the headers alone). */
export function reply(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
  headOnly = false,
): void {
  const bytes = Buffer.from(body);
  response.writeHead(status, {
    "Content-Type": "text/plain",
    "Content-Length": String(bytes.length),
    ...headers,
  });
  response.end(headOnly ? undefined : bytes);
}
