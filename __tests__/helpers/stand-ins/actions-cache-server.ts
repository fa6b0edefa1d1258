/**
 * A stand-in for the GitHub Actions cache service, written from ../shared/reference/gha-runtime.md (not from any
 * client): the v2 Twirp JSON API under `/twirp/github.actions.results.api.v1.CacheService/`, the legacy v1 REST API
 * under `/v1/_apis/artifactcache/`, and a blob store that takes the Azure SDK's uploads (one PUT, or blocks and a
 * block list) and serves downloads with a plain GET. Entries become visible only when finalized or committed.
 *
 * Scopes are faithful to the service: the runtime token's `ac` claim lists the refs a run may read (its own ref
 * first, then the base and default refs) and the one it may write; see entries.ts for the matching.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { blobCall, type Reply, twirpCall, v1Call } from "./actions-cache/apis.js";
import { type CacheEntry, EntryStore } from "./actions-cache/entries.js";
import {
  type LoggedCall,
  readBody,
  runtimeToken,
  send,
  TWIRP_PREFIX,
  tokenScopes,
} from "./actions-cache/protocol.js";

export type { CacheEntry } from "./actions-cache/entries.js";
export type { LoggedCall } from "./actions-cache/protocol.js";
export { runtimeToken };

const V1_PREFIX = "/v1/_apis/artifactcache/";
const BLOB_PATH = /^\/devstoreaccount1\/actions-cache\/(\d+)$/;

/**
 * Answers every API call (not blob transfers) with HTTP 429, as the service does when a repository is throttled,
 * with a Retry-After header when `retryAfterSeconds` is given.
 */
export type Fault =
  | { readonly kind: "rate-limit"; readonly retryAfterSeconds?: number }
  /** Blob uploads are taken and never answered (storage that hangs): a save never finishes. */
  | { readonly kind: "stall-uploads" };

export class ActionsCacheStandIn {
  readonly calls: LoggedCall[] = [];
  fault: Fault | undefined;
  /** New entries a repository may create per minute before CreateCacheEntry answers 429 (GitHub's: 200). */
  entriesPerMinute = Number.POSITIVE_INFINITY;
  private readonly creations: number[] = [];
  private readonly store = new EntryStore();
  private origin = "";
  private readonly server = createServer((request, response) => {
    this.handle(request, response).catch((error: unknown) => {
      send(response, 500, { code: "internal", msg: String(error) });
    });
  });

  /** Starts on a free loopback port. */
  static async start(): Promise<ActionsCacheStandIn> {
    const standIn = new ActionsCacheStandIn();
    await new Promise<void>((resolve) => standIn.server.listen(0, "127.0.0.1", resolve));
    standIn.origin = `http://127.0.0.1:${(standIn.server.address() as AddressInfo).port}`;
    return standIn;
  }

  /**
   * The variables the runner sets for the cache service: v2 by default, the legacy service with `v1`. The token
   * defaults to that of a push to `refs/heads/main`, which reads and writes that ref.
   */
  env(options: { v1?: boolean; token?: string } = {}): Record<string, string> {
    const token = options.token ?? runtimeToken([{ ref: "refs/heads/main", write: true }]);
    if (options.v1) return { ACTIONS_CACHE_URL: `${this.origin}/v1/`, ACTIONS_RUNTIME_TOKEN: token };
    return {
      ACTIONS_RESULTS_URL: `${this.origin}/`,
      ACTIONS_RUNTIME_TOKEN: token,
      ACTIONS_CACHE_SERVICE_V2: "True",
    };
  }

  /** Evicts the matching entries now: lookups miss them and their blob URLs answer 404. */
  evict(match: (entry: CacheEntry) => boolean): CacheEntry[] {
    return this.store.evict(match);
  }

  /** The most the finalized entries may hold; the least recently used are evicted beyond it. */
  set sizeCapBytes(bytes: number) {
    this.store.sizeCapBytes = bytes;
  }

  /** Blob bytes uploaded and downloaded so far. */
  blobBytes(): { up: number; down: number } {
    let up = 0;
    let down = 0;
    for (const call of this.calls) {
      if (call.name.startsWith("blob PUT")) up += call.bytes ?? 0;
      if (call.name === "blob GET") down += call.bytes ?? 0;
    }
    return { up, down };
  }

  /** Every entry, finalized or not, oldest first. */
  get entries(): readonly CacheEntry[] {
    return this.store.entries;
  }

  /** The entries a lookup can find. */
  visibleEntries(): CacheEntry[] {
    return this.store.entries.filter((entry) => entry.finalized);
  }

  /** API calls by name (`GetCacheEntryDownloadURL`, `v1 GET cache`, …), in order; blob transfers left out. */
  apiCalls(): string[] {
    return this.calls.filter((call) => call.api !== "blob").map((call) => call.name);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves when a request whose name (as in `calls`) matches arrives: a blob upload is `blob PUT …`. */
  arrival(pattern: RegExp): Promise<void> {
    return new Promise((resolve) => this.waiting.push({ pattern, resolve }));
  }

  private readonly waiting: { pattern: RegExp; resolve: () => void }[] = [];

  private arrived(name: string): void {
    for (const waiter of this.waiting.filter((w) => w.pattern.test(name))) waiter.resolve();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", this.origin);
    const comp = url.searchParams.get("comp");
    this.arrived(
      BLOB_PATH.test(url.pathname)
        ? `blob ${request.method}${comp ? ` ${comp}` : ""}`
        : url.pathname.slice(TWIRP_PREFIX.length),
    );
    if (this.fault?.kind === "stall-uploads" && BLOB_PATH.test(url.pathname) && request.method === "PUT") {
      return void request.resume();
    }
    const body = await readBody(request);
    const blob = BLOB_PATH.exec(url.pathname);
    if (blob) return this.blob(Number(blob[1]), request, url, body, response);

    const v1 = url.pathname.startsWith(V1_PREFIX);
    const route = v1
      ? `${request.method} ${url.pathname.slice(V1_PREFIX.length).replace(/\d+$/, ":id")}`
      : url.pathname.slice(TWIRP_PREFIX.length);
    const name = v1 ? `v1 ${route}` : route;
    const reply = (status: number, content: unknown, headers?: Record<string, string>) => {
      this.calls.push({ api: v1 ? "v1" : "twirp", name, status });
      send(response, status, content, headers);
    };
    const scopes = tokenScopes(request.headers.authorization);
    if (scopes === undefined)
      return reply(401, { code: "unauthenticated", msg: "missing or bad bearer token" });
    if (!v1 && name === "CreateCacheEntry" && this.entryRateExceeded()) {
      return reply(429, { code: "resource_exhausted", msg: "too many cache entries created" });
    }
    if (this.fault?.kind === "rate-limit") {
      const seconds = this.fault.retryAfterSeconds;
      const headers: Record<string, string> = seconds === undefined ? {} : { "retry-after": String(seconds) };
      return reply(429, { code: "resource_exhausted", msg: "rate limit exceeded" }, headers);
    }
    const blobUrl = (entry: CacheEntry) =>
      `${this.origin}/devstoreaccount1/actions-cache/${entry.id}?sig=${entry.sig}`;
    const [status, content]: Reply = v1
      ? v1Call(this.store, route, request, url, body, scopes, blobUrl)
      : twirpCall(this.store, route, JSON.parse(body.toString("utf8") || "{}"), scopes, blobUrl);
    reply(status, content);
  }

  /** Whether one more entry now would pass the per-minute rate; counts it when not. */
  private entryRateExceeded(): boolean {
    const now = Date.now();
    while (this.creations.length > 0 && (this.creations[0] ?? now) <= now - 60_000) this.creations.shift();
    if (this.creations.length >= this.entriesPerMinute) return true;
    this.creations.push(now);
    return false;
  }

  private blob(id: number, request: IncomingMessage, url: URL, body: Buffer, response: ServerResponse): void {
    const status = blobCall(this.store, id, request, url, body);
    const comp = url.searchParams.get("comp");
    const name = `blob ${request.method}${comp ? ` ${comp}` : ""}`;
    const data = this.store.entries.find((entry) => entry.id === id)?.data;
    if (status === 200 && data !== undefined) {
      // Azure's blob GET takes a byte range: `Range: bytes=a-b` (or `a-`) is answered 206 with those bytes.
      const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? "");
      const start = range === null ? 0 : Number(range[1]);
      const end =
        range === null || range[2] === "" ? data.length - 1 : Math.min(Number(range[2]), data.length - 1);
      if (range !== null && start >= data.length) {
        this.calls.push({ api: "blob", name, status: 416 });
        response.writeHead(416, { "content-range": `bytes */${data.length}` });
        response.end();
        return;
      }
      const part = data.subarray(start, end + 1);
      this.calls.push({ api: "blob", name, status: range === null ? 200 : 206, bytes: part.length });
      response.writeHead(range === null ? 200 : 206, {
        "content-type": "application/octet-stream",
        "content-length": part.length,
        ...(range === null ? {} : { "content-range": `bytes ${start}-${end}/${data.length}` }),
      });
      response.end(part);
      return;
    }
    this.calls.push({ api: "blob", name, status, bytes: request.method === "PUT" ? body.length : undefined });
    response.writeHead(status, {
      "x-ms-request-id": `stand-in-${this.calls.length}`,
      etag: `"${id}"`,
      // What Azure says of a blob deleted (an entry evicted).
      ...(status === 404 ? { "x-ms-error-code": "BlobNotFound" } : {}),
    });
    response.end();
  }
}

/** A URL where no cache service listens: a port that was free a moment ago. */
export async function deadServiceUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}
