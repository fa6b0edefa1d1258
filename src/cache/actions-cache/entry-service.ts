/**
 * The GitHub Actions cache service, spoken directly: its v2 Twirp JSON API (github.com) or the legacy v1 REST API
 * (GitHub Enterprise Server), and the blob storage behind both. @actions/cache can only pack and unpack whole tar
 * archives; this action's entries are its own (an index, and packs of compressed NARs read by byte ranges), so it
 * looks entries up, reads ranges of them and uploads them itself. A 429 is never retried (the repository's rate of
 * new entries is spent: another try only spends more); 5xx answers and broken connections are, briefly.
 */
import { createHash } from "node:crypto";
import type * as http from "node:http";
import { Readable } from "node:stream";
import { forEachConcurrently } from "../../net/concurrently.js";
import { type FileBody, type HttpResponse, openResponse, sendRequest } from "../../net/http-request.js";
import { RetryableError, retryPolicy, withRetries } from "../../net/retry.js";

/** The version every entry of this action carries: the service matches keys only among entries of one version. */
export const ENTRY_VERSION = createHash("sha256").update("nix-binary-cache-action entries v2").digest("hex");

export interface FoundEntry {
  /** The key of the entry found (the lookup's key may be a prefix of it). */
  readonly key: string;
  /** A signed URL its bytes can be read from, ranges included; valid for a while (hours). */
  readonly url: string;
}

export type SaveOutcome =
  | { readonly kind: "saved" }
  /** An entry with this key exists (or another job is uploading it): entries cannot be replaced. */
  | { readonly kind: "exists" }
  | { readonly kind: "rate-limited"; readonly problem: string }
  | { readonly kind: "failed"; readonly problem: string };

export interface CacheService {
  /** Why this job cannot use the service, if it cannot. */
  unavailable(): string | undefined;
  /** Whether the job may save entries (ACTIONS_CACHE_MODE=read forbids it). */
  writable(): boolean;
  /** The entry with exactly `key`, else the newest whose key starts with it, else the same for each restore key. */
  lookup(key: string, restoreKeys: readonly string[], signal: AbortSignal): Promise<FoundEntry | undefined>;
  /** Saves `body` as entry `key`. Throws only when `signal` aborts. */
  save(key: string, body: EntryBody, signal: AbortSignal): Promise<SaveOutcome>;
}

/** An entry's bytes to upload, in parts that can be sent (and sent again) one by one. */
export interface EntryBody {
  readonly length: number;
  part(start: number, length: number): FileBody;
}

/** Bytes in memory as an entry's body. */
export function bufferEntryBody(bytes: Uint8Array): EntryBody {
  return {
    length: bytes.length,
    part: (start, partLength) => {
      const chunk = bytes.subarray(start, start + partLength);
      return { length: chunk.length, open: () => Readable.from([chunk]) };
    },
  };
}

/** The service failed to answer a lookup (not a miss). */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly rateLimited = false,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

/** An entry's blob answered 404: the service evicted the entry since it was looked up. */
export class EntryGoneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EntryGoneError";
  }
}

/** Few, short retries: a job waits for these calls, and a cache that does not answer must not hold it long. */
const POLICY = retryPolicy({ attempts: 3, baseDelayMs: 1000, maxDelayMs: 5000, requestTimeoutMs: 30_000 });
/** Blob uploads go in blocks of this size (a single PUT up to it), this many at a time. */
const BLOCK_BYTES = 32 * 2 ** 20;
const BLOCK_CONCURRENCY = 4;
/** The Azure storage API version of our blob requests: the one @actions/cache 6.3.0's Azure SDK sends. */
const AZURE_VERSION = "2026-02-06";

/** The service as this job's runner configured it: v2 on github.com, v1 on GitHub Enterprise Server. */
export function actionsCacheService(env: NodeJS.ProcessEnv): CacheService {
  const mode = (env.ACTIONS_CACHE_MODE ?? "").trim().toLowerCase();
  const token = env.ACTIONS_RUNTIME_TOKEN ?? "";
  const v2 = (env.ACTIONS_CACHE_SERVICE_V2 ?? "") !== "" && !isEnterpriseServer(env.GITHUB_SERVER_URL);
  const base = v2 ? env.ACTIONS_RESULTS_URL : env.ACTIONS_CACHE_URL;
  const unavailable = (): string | undefined => {
    if (base === undefined || base === "") {
      return (
        "the GitHub Actions cache service is not available to this job (the runner set neither ACTIONS_RESULTS_URL " +
        "nor ACTIONS_CACHE_URL: not a GitHub-hosted run, or a GitHub Enterprise Server without Actions cache)"
      );
    }
    if (token === "") return "the runner set no ACTIONS_RUNTIME_TOKEN, which the cache service requires";
    // Saving without reading first would replace the job's index with one holding only this job's paths.
    if (mode === "none" || mode === "write-only") {
      return `the job's cache mode is '${mode}' (ACTIONS_CACHE_MODE): this action needs to read the cache to extend it`;
    }
    return undefined;
  };
  const api = URL.parse(base?.endsWith("/") ? base : `${base ?? ""}/`);
  if (api === null) {
    const why = `the runner's cache service URL is malformed (${v2 ? "ACTIONS_RESULTS_URL" : "ACTIONS_CACHE_URL"})`;
    const never = () => Promise.reject(new ServiceError(why));
    return { unavailable: () => unavailable() ?? why, writable: () => false, lookup: never, save: never };
  }
  const protocol = v2 ? twirp(api, token) : rest(api, token);
  return { unavailable, writable: () => mode !== "read", ...protocol };
}

/** GitHub Enterprise Server: a server URL whose host is not github.com, *.ghe.com or *.localhost (as @actions/cache). */
function isEnterpriseServer(serverUrl: string | undefined): boolean {
  const host = new URL(serverUrl || "https://github.com").hostname.toLowerCase();
  return !(host === "github.com" || host.endsWith(".ghe.com") || host.endsWith(".localhost"));
}

type Protocol = Pick<CacheService, "lookup" | "save">;

/** The v2 API: three Twirp methods, and Azure blob storage through the URLs they sign. */
function twirp(api: URL, token: string): Protocol {
  const call = async (method: string, input: object, signal: AbortSignal) => {
    // From the host: a path in ACTIONS_RESULTS_URL is not kept (as @actions/cache builds it).
    const url = new URL(`/twirp/github.actions.results.api.v1.CacheService/${method}`, api);
    const response = await send(
      { method: "POST", url, body: JSON.stringify(input), headers: jsonHeaders(token) },
      signal,
    );
    if (response.status !== 200) throw statusError(`${method}`, response);
    return parseJson(method, response) as Record<string, unknown>;
  };
  return {
    async lookup(key, restoreKeys, signal) {
      const input = { key, restore_keys: restoreKeys, version: ENTRY_VERSION };
      const output = await call("GetCacheEntryDownloadURL", input, signal);
      if (output.ok !== true) return undefined;
      return { key: String(output.matched_key ?? key), url: String(output.signed_download_url) };
    },
    async save(key, body, signal) {
      try {
        const created = await call("CreateCacheEntry", { key, version: ENTRY_VERSION }, signal);
        if (created.ok !== true) {
          const message = String(created.message ?? "");
          if (message === "") return { kind: "exists" };
          return { kind: "failed", problem: `the service refused the entry: ${message}` };
        }
        await putBlob(new URL(String(created.signed_upload_url)), body, signal);
        const input = { key, version: ENTRY_VERSION, size_bytes: String(body.length) };
        const finalized = await call("FinalizeCacheEntryUpload", input, signal);
        if (finalized.ok !== true) {
          return {
            kind: "failed",
            problem: `not finalized: ${String(finalized.message ?? "no reason given")}`,
          };
        }
        return { kind: "saved" };
      } catch (error) {
        return failedSave(error, signal);
      }
    },
  };
}

/** The legacy v1 REST API of GitHub Enterprise Server: the service stores the chunks itself. */
function rest(api: URL, token: string): Protocol {
  const headers = {
    ...jsonHeaders(token),
    Accept: "application/json;api-version=6.0-preview.1",
  };
  const url = (path: string) => new URL(`_apis/artifactcache/${path}`, api);
  return {
    async lookup(key, restoreKeys, signal) {
      const query = new URLSearchParams({ keys: [key, ...restoreKeys].join(","), version: ENTRY_VERSION });
      const response = await send({ method: "GET", url: url(`cache?${query}`), headers }, signal);
      if (response.status === 204) return undefined;
      if (response.status !== 200) throw statusError("GET cache", response);
      const found = parseJson("GET cache", response) as { cacheKey?: string; archiveLocation?: string };
      if (typeof found.archiveLocation !== "string") return undefined;
      return { key: String(found.cacheKey ?? key), url: found.archiveLocation };
    },
    async save(key, body, signal) {
      try {
        const reserve = JSON.stringify({ key, version: ENTRY_VERSION, cacheSize: body.length });
        const reserved = await send({ method: "POST", url: url("caches"), headers, body: reserve }, signal);
        if (reserved.status === 409) return { kind: "exists" };
        if (reserved.status !== 201 && reserved.status !== 200) throw statusError("POST caches", reserved);
        const id = Number((parseJson("POST caches", reserved) as { cacheId?: unknown }).cacheId);
        if (!Number.isSafeInteger(id)) throw new ServiceError("POST caches: no cacheId in the answer");
        for (const [start, length] of blocks(body.length)) {
          const chunk = body.part(start, length);
          const range = `bytes ${start}-${start + length - 1}/*`;
          const patched = await send(
            {
              method: "PATCH",
              url: url(`caches/${id}`),
              headers: { ...headers, "Content-Type": "application/octet-stream", "Content-Range": range },
              body: chunk,
            },
            signal,
          );
          if (patched.status !== 204 && patched.status !== 200) throw statusError("PATCH caches", patched);
        }
        const commit = JSON.stringify({ size: body.length });
        const committed = await send(
          { method: "POST", url: url(`caches/${id}`), headers, body: commit },
          signal,
        );
        if (committed.status !== 204 && committed.status !== 200)
          throw statusError("POST caches/:id", committed);
        return { kind: "saved" };
      } catch (error) {
        return failedSave(error, signal);
      }
    },
  };
}

/** Uploads to a signed Azure blob URL: one Put Blob, or Put Block for each block and a Put Block List. */
async function putBlob(url: URL, body: EntryBody, signal: AbortSignal): Promise<void> {
  const headers = { "x-ms-version": AZURE_VERSION };
  if (body.length <= BLOCK_BYTES) {
    const whole = body.part(0, body.length);
    const response = await send(
      { method: "PUT", url, body: whole, headers: { ...headers, "x-ms-blob-type": "BlockBlob" } },
      signal,
    );
    if (response.status !== 201) throw statusError("blob upload", response);
    return;
  }
  // Block ids of one blob must all have the same length.
  const parts = blocks(body.length).map(([start, length], number) => ({
    id: Buffer.from(String(number).padStart(8, "0")).toString("base64"),
    start,
    length,
  }));
  const ids = parts.map((part) => part.id);
  await forEachConcurrently(parts, BLOCK_CONCURRENCY, async ({ id, start, length }) => {
    const block = withQuery(url, { comp: "block", blockid: id });
    const response = await send(
      { method: "PUT", url: block, body: body.part(start, length), headers },
      signal,
    );
    if (response.status !== 201) throw statusError("blob block upload", response);
  });
  const list = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><BlockList>${ids.map((id) => `<Latest>${id}</Latest>`).join("")}</BlockList>`;
  const response = await send(
    {
      method: "PUT",
      url: withQuery(url, { comp: "blocklist" }),
      body: list,
      headers: { ...headers, "Content-Type": "application/xml" },
    },
    signal,
  );
  if (response.status !== 201) throw statusError("blob block list", response);
}

/** Reads `length` bytes from `offset` of an entry's blob (all of it without a range). */
export async function readBlob(
  url: string,
  range: { readonly offset: number; readonly length: number } | undefined,
  signal: AbortSignal,
  maxBytes = 256 * 2 ** 20,
): Promise<Buffer> {
  const headers: Record<string, string> = { "x-ms-version": AZURE_VERSION };
  if (range !== undefined) headers.Range = `bytes=${range.offset}-${range.offset + range.length - 1}`;
  const response = await send({ method: "GET", url: new URL(url), headers }, signal, maxBytes);
  if (response.status === 404) throw new EntryGoneError("the entry is gone (evicted by the service)");
  if (range === undefined) {
    if (response.status !== 200) throw statusError("blob download", response);
    return response.body;
  }
  // A store that ignores Range answers 200 with everything: the range is cut out here then.
  if (response.status === 200) return response.body.subarray(range.offset, range.offset + range.length);
  if (response.status !== 206 || response.body.length !== range.length) {
    throw statusError(`blob download of ${range.length} bytes`, response);
  }
  return response.body;
}

/**
 * A byte range of an entry's blob as a stream, for the read server to pass on as it arrives. Failures before the
 * first byte (connection trouble, 5xx) are retried; a 404 means the entry was evicted (EntryGoneError).
 */
export async function openBlobRange(
  url: string,
  offset: number,
  length: number,
  signal: AbortSignal,
): Promise<http.IncomingMessage> {
  const headers = { "x-ms-version": AZURE_VERSION, Range: `bytes=${offset}-${offset + length - 1}` };
  return withRetries(
    async ({ signal: attemptSignal }) => {
      const response = await openResponse(
        { method: "GET", url: new URL(url), headers },
        { timeoutMs: POLICY.requestTimeoutMs, signal: attemptSignal },
      );
      const status = response.statusCode ?? 0;
      if (status === 206) return response;
      response.resume();
      if (status === 404) throw new EntryGoneError("the entry is gone (evicted by the service)");
      if (status >= 500) throw new RetryableError(`HTTP ${status}`);
      throw new ServiceError(`a ranged read of the entry answered HTTP ${status}`);
    },
    { policy: POLICY, signal },
  );
}

function jsonHeaders(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
}

async function send(
  request: Parameters<typeof sendRequest>[0],
  signal: AbortSignal,
  maxResponseBytes?: number,
): Promise<HttpResponse> {
  return withRetries(
    async ({ signal: attemptSignal }) => {
      const response = await sendRequest(request, {
        timeoutMs: POLICY.requestTimeoutMs,
        signal: attemptSignal,
        maxResponseBytes,
      });
      // 429 is not among them: see the header comment.
      if (response.status >= 500 && response.status !== 501 && response.status !== 505) {
        throw new RetryableError(`HTTP ${response.status}`);
      }
      return response;
    },
    { policy: POLICY, signal },
  );
}

function statusError(what: string, response: HttpResponse): ServiceError {
  const text = response.body.toString("utf8").slice(0, 300).replace(/\s+/g, " ").trim();
  const detail = text === "" ? "" : `: ${text}`;
  return new ServiceError(`${what} answered HTTP ${response.status}${detail}`, response.status === 429);
}

function parseJson(what: string, response: HttpResponse): unknown {
  try {
    return JSON.parse(response.body.toString("utf8"));
  } catch {
    throw new ServiceError(`${what} answered something other than JSON`);
  }
}

function failedSave(error: unknown, signal: AbortSignal): SaveOutcome {
  if (signal.aborted) throw signal.reason;
  const problem = error instanceof Error ? error.message : String(error);
  return error instanceof ServiceError && error.rateLimited
    ? { kind: "rate-limited", problem }
    : { kind: "failed", problem };
}

/** [start, length] of each block of a body of `total` bytes. */
function blocks(total: number): Array<[number, number]> {
  const result: Array<[number, number]> = [];
  for (let start = 0; start < total; start += BLOCK_BYTES)
    result.push([start, Math.min(BLOCK_BYTES, total - start)]);
  return result;
}

function withQuery(url: URL, params: Record<string, string>): URL {
  const result = new URL(url);
  for (const [name, value] of Object.entries(params)) result.searchParams.set(name, value);
  return result;
}
