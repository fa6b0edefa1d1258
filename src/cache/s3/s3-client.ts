/**
 * The few S3 calls a binary cache needs — HEAD, GET and PUT of an object, and multipart uploads for large NARs —
 * signed with SigV4 (lib/sigv4.ts), retried by the action's one policy (503 SlowDown, 429, other 5xx, broken
 * connections; Retry-After honoured). Addressing as Nix's S3 store does: virtual-hosted on AWS, path-style on a
 * custom endpoint (MinIO, R2, Garage, Ceph, …).
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { IncomingMessage } from "node:http";
import { type Credentials, EMPTY_PAYLOAD_HASH, signRequest, uriEncode } from "../../lib/sigv4.js";
import { forEachConcurrently } from "../../net/concurrently.js";
import { fileBody, type HttpResponse, openResponse, type RequestBody } from "../../net/http-request.js";
import {
  isRetryableStatus,
  RetryableError,
  type RetryPolicy,
  retryPolicy,
  sendWithRetries,
  withRetries,
} from "../../net/retry.js";

export interface S3Location {
  readonly bucket: string;
  /** Prepended to every key: "" or a path ending in "/". */
  readonly prefix: string;
  readonly region: string;
  /** A custom endpoint (path-style requests); AWS's own (virtual-hosted) when undefined. */
  readonly endpoint?: URL;
}

/** An object of a listing. */
export interface S3Object {
  readonly key: string;
  readonly size: number;
  readonly lastModifiedMs: number;
  readonly etag: string;
}

/** An S3 error answer: its HTTP status and the code S3 gave (`SignatureDoesNotMatch`, `NoSuchBucket`, …). */
export class S3Error extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = "S3Error";
  }
}

export interface S3ClientOptions {
  readonly now?: () => Date;
  readonly policy?: RetryPolicy;
  /** Above this many bytes a file goes up in parts (S3 refuses a single PUT above 5 GiB). */
  readonly multipartThreshold?: number;
  /** Size of each part but the last (S3: at least 5 MiB, at most 10,000 parts). */
  readonly partSize?: number;
  /** Parts of one object in flight at once. */
  readonly partConcurrency?: number;
}

const MIB = 2 ** 20;
const MAX_PARTS = 10_000;
/**
 * Above this many bytes a file goes up in parts, 8 MiB each, 4 at a time: from 32 MiB on, that is faster than one
 * PUT on every network shape bench (h) models, one object or five at once (bench/results/s3/full.md); at 16 MiB it
 * is slower with five at once. One connection's throughput is bounded by its window over the round trip, so parts
 * in parallel are what makes a large NAR go up faster.
 */
export const MULTIPART_THRESHOLD = 32 * MIB;
const PART_SIZE = 8 * MIB;
const PART_CONCURRENCY = 4;

export class S3Client {
  private readonly now: () => Date;
  private readonly policy: RetryPolicy;
  readonly multipartThreshold: number;
  private readonly partSize: number;
  private readonly partConcurrency: number;

  constructor(
    readonly location: S3Location,
    private readonly credentials: () => Credentials,
    options: S3ClientOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.policy = options.policy ?? retryPolicy({ attempts: 5, baseDelayMs: 500 });
    this.multipartThreshold = options.multipartThreshold ?? MULTIPART_THRESHOLD;
    this.partSize = Math.max(5 * MIB, options.partSize ?? PART_SIZE);
    this.partConcurrency = Math.max(1, options.partConcurrency ?? PART_CONCURRENCY);
  }

  /** The URL of object `key` (below the prefix), with `query`. */
  url(key: string, query: Readonly<Record<string, string>> = {}): URL {
    return this.bucketUrl(`${this.location.prefix}${key}`.split("/").map(uriEncode).join("/"), query);
  }

  /** The URL of `path` (already encoded) in the bucket, with `query`. */
  private bucketUrl(path: string, query: Readonly<Record<string, string>>): URL {
    const { bucket, endpoint, region } = this.location;
    const url =
      endpoint === undefined
        ? new URL(`https://${bucket}.s3.${region}.amazonaws.com/${path}`)
        : new URL(`${endpoint.href.replace(/\/$/, "")}/${uriEncode(bucket)}/${path}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url;
  }

  /** Whether object `key` exists. */
  async exists(key: string, signal: AbortSignal): Promise<boolean> {
    return (await this.head(key, signal)) !== undefined;
  }

  /** Object `key`'s bytes, or undefined when there is none. */
  async get(key: string, signal: AbortSignal, maxBytes?: number): Promise<Buffer | undefined> {
    const response = await this.send(
      "GET",
      this.url(key),
      undefined,
      EMPTY_PAYLOAD_HASH,
      {},
      signal,
      maxBytes,
    );
    if (response.status === 404) return undefined;
    if (response.status === 200) return response.body;
    throw this.error(`GET ${key}`, response);
  }

  /** Every object below the prefix: its key (relative to the prefix), size, last change and ETag. */
  async list(signal: AbortSignal): Promise<S3Object[]> {
    const objects: S3Object[] = [];
    let token: string | undefined;
    do {
      const query: Record<string, string> = { "list-type": "2" };
      if (this.location.prefix !== "") query.prefix = this.location.prefix;
      if (token !== undefined) query["continuation-token"] = token;
      // The bucket's root, not an object: the prefix goes in the query.
      const url = this.bucketUrl("", query);
      const response = await this.send("GET", url, undefined, EMPTY_PAYLOAD_HASH, {}, signal, 64 * MIB);
      if (response.status !== 200) throw this.error("ListObjectsV2", response);
      const xml = response.body.toString("utf8");
      for (const [, body = ""] of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
        const key = xmlValue(body, "Key") ?? "";
        if (!key.startsWith(this.location.prefix)) continue;
        objects.push({
          key: key.slice(this.location.prefix.length),
          size: Number(xmlValue(body, "Size") ?? 0),
          lastModifiedMs: Date.parse(xmlValue(body, "LastModified") ?? "") || 0,
          etag: xmlValue(body, "ETag") ?? "",
        });
      }
      token = xmlValue(xml, "IsTruncated") === "true" ? xmlValue(xml, "NextContinuationToken") : undefined;
    } while (token !== undefined);
    return objects;
  }

  /** Object `key`'s ETag and last change (to the second, as a HEAD tells it), or undefined when there is none. */
  async head(
    key: string,
    signal: AbortSignal,
  ): Promise<{ etag: string; lastModifiedMs: number } | undefined> {
    const response = await this.send("HEAD", this.url(key), undefined, EMPTY_PAYLOAD_HASH, {}, signal);
    if (response.status === 404) return undefined;
    if (response.status !== 200) {
      // A HEAD's answer has no body, so no error code: a GET tells why (a refused key, a denied action).
      const why = await this.send(
        "GET",
        this.url(key),
        undefined,
        EMPTY_PAYLOAD_HASH,
        {},
        signal,
        64 * 1024,
      ).catch(() => response);
      throw this.error(`HEAD ${key}`, why.status === response.status ? why : response);
    }
    const { etag, "last-modified": lastModified } = response.headers;
    return {
      etag: typeof etag === "string" ? etag : "",
      lastModifiedMs: Date.parse(typeof lastModified === "string" ? lastModified : "") || 0,
    };
  }

  /** Deletes object `key` (gone already is fine). */
  async delete(key: string, signal: AbortSignal): Promise<void> {
    const response = await this.send("DELETE", this.url(key), undefined, EMPTY_PAYLOAD_HASH, {}, signal);
    if (response.status !== 204 && response.status !== 200 && response.status !== 404) {
      throw this.error(`DELETE ${key}`, response);
    }
  }

  /**
   * Object `key` as a stream, for the read proxy to pass on as it arrives; undefined when there is none. Failures
   * before the first byte (5xx, connection trouble) are retried.
   */
  async open(key: string, signal: AbortSignal): Promise<IncomingMessage | undefined> {
    const url = this.url(key);
    return withRetries(
      async ({ signal: attemptSignal }) => {
        const headers = signRequest(
          { method: "GET", url, payloadHash: EMPTY_PAYLOAD_HASH },
          this.credentials(),
          { region: this.location.region, service: "s3" },
          this.now(),
        );
        const response = await openResponse(
          { method: "GET", url, headers },
          { timeoutMs: this.policy.requestTimeoutMs, signal: attemptSignal },
        );
        const status = response.statusCode ?? 0;
        if (status === 200) return response;
        const chunks: Buffer[] = [];
        for await (const chunk of response) chunks.push(chunk as Buffer);
        if (status === 404) return undefined;
        if (isRetryableStatus(status)) throw new RetryableError(`HTTP ${status}`);
        throw this.error(`GET ${key}`, { status, headers: response.headers, body: Buffer.concat(chunks) });
      },
      { policy: this.policy, signal },
    );
  }

  /** Writes a small object from memory. */
  async put(key: string, body: string | Uint8Array, contentType: string, signal: AbortSignal): Promise<void> {
    const hash = createHash("sha256").update(body).digest("hex");
    const response = await this.send(
      "PUT",
      this.url(key),
      body,
      hash,
      { "Content-Type": contentType },
      signal,
    );
    if (response.status !== 200) throw this.error(`PUT ${key}`, response);
  }

  /**
   * Writes `size` bytes of `file` as object `key`: one PUT up to the multipart threshold, parts above it. `sha256`
   * (hex), when the caller knows it, is the signed payload hash of a single PUT.
   */
  async putFile(
    key: string,
    file: string,
    size: number,
    options: { readonly contentType: string; readonly sha256?: string },
    signal: AbortSignal,
  ): Promise<void> {
    if (size <= this.multipartThreshold) {
      const hash = options.sha256 ?? (await fileSha256(file, 0, size));
      const response = await this.send(
        "PUT",
        this.url(key),
        fileBody(file, size),
        hash,
        { "Content-Type": options.contentType },
        signal,
      );
      if (response.status !== 200) throw this.error(`PUT ${key}`, response);
      return;
    }
    await this.putMultipart(key, file, size, options.contentType, signal);
  }

  private async putMultipart(
    key: string,
    file: string,
    size: number,
    contentType: string,
    signal: AbortSignal,
  ): Promise<void> {
    const created = await this.send(
      "POST",
      this.url(key, { uploads: "" }),
      undefined,
      EMPTY_PAYLOAD_HASH,
      { "Content-Type": contentType },
      signal,
    );
    if (created.status !== 200) throw this.error(`CreateMultipartUpload ${key}`, created);
    const uploadId = xmlValue(created.body.toString("utf8"), "UploadId");
    if (uploadId === undefined) throw new S3Error(`CreateMultipartUpload ${key}: no UploadId`, 200, "");
    try {
      const partSize = Math.max(this.partSize, Math.ceil(size / MAX_PARTS));
      const starts = Array.from({ length: Math.ceil(size / partSize) }, (_, i) => i * partSize);
      const etags: string[] = [];
      // The first part that fails stops the others: no part starts after it, and those in flight are cut.
      const parts = new AbortController();
      const partSignal = AbortSignal.any([signal, parts.signal]);
      await forEachConcurrently(starts, this.partConcurrency, async (start) => {
        const number = start / partSize + 1;
        const length = Math.min(partSize, size - start);
        try {
          const hash = await fileSha256(file, start, length);
          const url = this.url(key, { partNumber: String(number), uploadId });
          const response = await this.send("PUT", url, fileBody(file, length, start), hash, {}, partSignal);
          const etag = response.headers.etag;
          if (response.status !== 200 || typeof etag !== "string")
            throw this.error(`UploadPart ${number} of ${key}`, response);
          etags[number - 1] = etag;
        } catch (error) {
          parts.abort();
          throw error;
        }
      });
      const xml = `<CompleteMultipartUpload>${etags
        .map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${xmlEscape(etag)}</ETag></Part>`)
        .join("")}</CompleteMultipartUpload>`;
      const hash = createHash("sha256").update(xml).digest("hex");
      const completed = await this.send("POST", this.url(key, { uploadId }), xml, hash, {}, signal);
      const answer = completed.body.toString("utf8");
      // A retried completion whose first answer was lost finds the upload gone and the object there, made of parts
      // (a NAR's key names its content, so such an object at that key is this one).
      if (completed.status === 404 && xmlValue(answer, "Code") === "NoSuchUpload") {
        const there = await this.head(key, signal).catch(() => undefined);
        if (there !== undefined && /-\d+"?$/.test(there.etag)) return;
      }
      // S3 may answer 200 with an error document when completing fails late.
      if (completed.status !== 200 || /<Error>/.test(answer)) {
        throw this.error(`CompleteMultipartUpload ${key}`, completed);
      }
    } catch (error) {
      // Parts left behind cost storage until a lifecycle rule removes them: abort, best effort, even when stopped.
      await this.send(
        "DELETE",
        this.url(key, { uploadId }),
        undefined,
        EMPTY_PAYLOAD_HASH,
        {},
        AbortSignal.timeout(10_000),
      ).catch(() => {});
      throw error;
    }
  }

  private send(
    method: string,
    url: URL,
    body: RequestBody | undefined,
    payloadHash: string,
    headers: Readonly<Record<string, string>>,
    signal: AbortSignal,
    maxResponseBytes?: number,
  ): Promise<HttpResponse> {
    const length = body === undefined ? 0 : typeof body === "string" ? Buffer.byteLength(body) : body.length;
    const toSign =
      method === "PUT" || method === "POST"
        ? { ...headers, "Content-Length": String(length) }
        : { ...headers };
    const signed = signRequest(
      { method, url, headers: toSign, payloadHash },
      this.credentials(),
      {
        region: this.location.region,
        service: "s3",
      },
      this.now(),
    );
    return sendWithRetries(
      { method, url, headers: signed, body },
      { policy: this.policy, signal, maxResponseBytes },
    );
  }

  private error(what: string, response: HttpResponse): S3Error {
    const text = response.body.toString("utf8");
    const code = xmlValue(text, "Code") ?? "";
    const message = xmlValue(text, "Message") ?? text.slice(0, 200).replace(/\s+/g, " ").trim();
    const detail = [code, message].filter((part) => part !== "").join(": ");
    return new S3Error(
      `${what} answered HTTP ${response.status}${detail === "" ? "" : ` (${detail})`}`,
      response.status,
      code,
    );
  }
}

/** Hex SHA-256 of `length` bytes of `file` from `start`. */
async function fileSha256(file: string, start: number, length: number): Promise<string> {
  const hash = createHash("sha256");
  if (length > 0) {
    for await (const chunk of createReadStream(file, {
      start,
      end: start + length - 1,
      highWaterMark: MIB,
    })) {
      hash.update(chunk as Buffer);
    }
  }
  return hash.digest("hex");
}

function xmlValue(xml: string, element: string): string | undefined {
  const raw = new RegExp(`<${element}>([^<]*)</${element}>`).exec(xml)?.[1];
  return raw
    ?.replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
