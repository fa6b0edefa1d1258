/**
 * An S3-like sink on 127.0.0.1 for scenario (h): enough of S3's wire format for each client the bench compares
 * (path-style PutObject, HeadObject, GetObject, and multipart uploads: CreateMultipartUpload with its UploadId,
 * UploadPart with an ETag, CompleteMultipartUpload, AbortMultipartUpload), keeping only sizes unless asked to keep
 * bytes too. Signatures are not checked.
 *
 * It sees what each client sends, which is what the S3-compatible stores see: the x-amz-* and content-* headers of
 * every request, and the trailers of an `aws-chunked` body (the AWS SDK's default CRC32 travels in one). With
 * `inspect` it also hashes every payload, to say whether a signed x-amz-content-sha256 or a CRC32 is the payload's.
 *
 * To model a runner's path to a store in another network, each connection's request bytes can be capped (what one
 * TCP connection's window over a long round trip allows; a connection carries one request at a time, so each
 * request's body is paced from its start) and every answer delayed by a fixed latency (a new connection's first
 * request waits one latency more, for its handshake). The cap is enforced by reading the body no faster than it
 * allows, so the answer (and the client's clock) sees it.
 *
 * Only node: modules: the bench (Node's type stripping) imports it as it is.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { crc32 } from "node:zlib";

export interface SinkOptions {
  /** Request-body bytes a second on each connection; uncapped when undefined. */
  readonly bytesPerSecond?: number;
  /** Added before every answer (and once more on a new connection's first request); none when undefined. */
  readonly latencyMs?: number;
  /**
   * Hash every payload (SHA-256 and CRC32) to compare with what the client claimed, and keep every object's bytes
   * for a GET: costs the sink CPU and memory. Otherwise only sizes are kept (and seeded objects).
   */
  readonly inspect?: boolean;
}

export type Operation =
  | "PutObject"
  | "UploadPart"
  | "CreateMultipartUpload"
  | "CompleteMultipartUpload"
  | "AbortMultipartUpload"
  | "HeadObject"
  | "GetObject"
  | "DeleteObject"
  | "unsupported";

/** One request as the sink saw it. */
export interface SeenRequest {
  readonly operation: Operation;
  readonly key: string;
  /** The headers a store would look at: content-*, transfer-encoding, expect and x-amz-* (less the date and token). */
  readonly headers: Readonly<Record<string, string>>;
  /** Trailing headers of an aws-chunked body, by name. */
  readonly trailers: Readonly<Record<string, string>>;
  /** Body bytes on the wire, and the payload they carry (fewer when aws-chunked framing wraps it). */
  readonly wireBytes: number;
  readonly payloadBytes: number;
  /** With `inspect`: the payload's SHA-256 (hex) and CRC32 (base64 of the big-endian value, as S3 writes it). */
  readonly payloadSha256?: string;
  readonly payloadCrc32?: string;
  readonly status: number;
  /** When the request arrived, its body's last byte was taken, and it was answered (performance.now()). */
  readonly arrivedMs: number;
  readonly receivedMs: number;
  readonly answeredMs: number;
}

export interface S3Sink {
  /** http://127.0.0.1:PORT */
  readonly endpoint: string;
  /** Every request since the last `clearSeen()`. */
  readonly seen: readonly SeenRequest[];
  /** Object data taken since the sink started: the payloads of PutObject and UploadPart. */
  objectBytes(): number;
  /** Connections opened since the sink started. */
  connections(): number;
  clearSeen(): void;
  /** Makes object `key` (path-style: "BUCKET/KEY") exist with these bytes. */
  seed(key: string, body: Buffer): void;
  stop(): Promise<void>;
}

const SHOWN_HEADER = /^(content-|transfer-encoding$|expect$|x-amz-(?!date$|security-token$))/;

interface StoredObject {
  readonly size: number;
  readonly etag: string;
  readonly body?: Buffer;
}

interface Upload {
  readonly key: string;
  readonly parts: Map<number, { size: number; etag: string; body?: Buffer }>;
}

/**
 * A request's pace: its body's bytes are due at `startMs` plus their count over the rate, counted from the start
 * (a resume the event loop ran late is caught up, not lost). A request starts when it arrives, or when its
 * connection's handshake is over.
 */
interface Pace {
  readonly startMs: number;
  dueMs: number;
}

export async function startS3Sink(options: SinkOptions = {}): Promise<S3Sink> {
  const objects = new Map<string, StoredObject>();
  const uploads = new Map<string, Upload>();
  /** When each connection's handshake is over (performance.now() time). */
  const handshakes = new WeakMap<Socket, number>();
  const latencyMs = options.latencyMs ?? 0;
  const bytesPerMs = options.bytesPerSecond === undefined ? undefined : options.bytesPerSecond / 1000;
  let seen: SeenRequest[] = [];
  let objectBytes = 0;
  let connections = 0;

  const server: Server = createServer((request, response) => {
    const startMs = Math.max(performance.now(), handshakes.get(request.socket) ?? 0);
    const pace: Pace = { startMs, dueMs: startMs };
    handle(request, response, pace).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on("connection", (socket: Socket) => {
    connections++;
    // The handshake: the connection's first request waits a latency more.
    handshakes.set(socket, performance.now() + latencyMs);
  });

  async function handle(request: IncomingMessage, response: ServerResponse, pace: Pace): Promise<void> {
    const arrivedMs = performance.now();
    const url = new URL(request.url ?? "/", "http://sink");
    const key = decodeURIComponent(url.pathname.replace(/^\/+/, ""));
    const operation = operationOf(request.method ?? "", url, key);
    // A completion's list of parts is read whatever `inspect` says.
    const body = await readBody(
      request,
      pace,
      options.inspect === true || operation === "CompleteMultipartUpload",
    );
    if (operation === "PutObject" || operation === "UploadPart") objectBytes += body.payloadBytes;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (SHOWN_HEADER.test(name) && value !== undefined) headers[name] = String(value);
    }
    // The answer leaves once the cap has let the last byte in, a latency later.
    const receivedMs = performance.now();
    const delay = Math.max(0, pace.dueMs - receivedMs) + latencyMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const status = answer(operation, key, url, body, response);
    seen.push({
      operation,
      key,
      headers,
      trailers: body.trailers,
      wireBytes: body.wireBytes,
      payloadBytes: body.payloadBytes,
      payloadSha256: body.sha256,
      payloadCrc32: body.crc32,
      status,
      arrivedMs,
      receivedMs,
      answeredMs: performance.now(),
    });
  }

  /** Reads a body at the connection's pace, undoing aws-chunked framing; keeps its bytes if asked to. */
  function readBody(request: IncomingMessage, pace: Pace, keep: boolean): Promise<ReadBody> {
    const chunked = /aws-chunked/.test(String(request.headers["content-encoding"] ?? ""));
    const decoder = chunked ? new AwsChunkedDecoder() : undefined;
    const sha256 = options.inspect ? createHash("sha256") : undefined;
    let crc = 0;
    const kept: Buffer[] = [];
    let wireBytes = 0;
    let payloadBytes = 0;
    const onPayload = (data: Buffer) => {
      payloadBytes += data.length;
      if (sha256) {
        sha256.update(data);
        crc = crc32(data, crc);
      }
      if (keep) kept.push(data);
    };
    return new Promise((resolve, reject) => {
      request.on("data", (chunk: Buffer) => {
        wireBytes += chunk.length;
        if (decoder) decoder.push(chunk, onPayload);
        else onPayload(chunk);
        if (bytesPerMs !== undefined) {
          pace.dueMs = pace.startMs + wireBytes / bytesPerMs;
          const wait = pace.dueMs - performance.now();
          if (wait >= 1) {
            request.pause();
            setTimeout(() => request.resume(), wait);
          }
        }
      });
      request.on("error", reject);
      request.on("end", () => {
        const crcBytes = Buffer.alloc(4);
        crcBytes.writeUInt32BE(crc >>> 0);
        resolve({
          wireBytes,
          payloadBytes,
          trailers: decoder?.trailers ?? {},
          body: keep ? Buffer.concat(kept) : undefined,
          sha256: sha256?.digest("hex"),
          crc32: sha256 ? crcBytes.toString("base64") : undefined,
        });
      });
    });
  }

  function answer(
    operation: Operation,
    key: string,
    url: URL,
    body: ReadBody,
    response: ServerResponse,
  ): number {
    const send = (status: number, xml?: string, headers: Record<string, string> = {}) => {
      const bytes = xml === undefined ? undefined : Buffer.from(xml);
      response.writeHead(status, {
        ...headers,
        ...(bytes === undefined ? {} : { "Content-Type": "application/xml" }),
        "Content-Length": String(bytes?.length ?? 0),
      });
      response.end(bytes);
      return status;
    };
    const error = (status: number, code: string) =>
      send(status, `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code></Error>`);
    const etag = () => `"${randomUUID().replace(/-/g, "")}"`;
    switch (operation) {
      case "PutObject": {
        const tag = etag();
        objects.set(key, { size: body.payloadBytes, etag: tag, body: body.body });
        return send(200, undefined, { ETag: tag });
      }
      case "HeadObject":
      case "GetObject": {
        const object = objects.get(key);
        if (object === undefined) {
          if (operation === "GetObject") return error(404, "NoSuchKey");
          response.writeHead(404, { "Content-Length": "0" });
          response.end();
          return 404;
        }
        const headers = {
          ETag: object.etag,
          "Content-Length": String(object.size),
          "Content-Type": "application/octet-stream",
          "Last-Modified": new Date().toUTCString(),
        };
        if (operation === "HeadObject") {
          response.writeHead(200, headers);
          response.end();
          return 200;
        }
        if (object.body === undefined) return error(501, "NotImplemented");
        response.writeHead(200, headers);
        response.end(object.body);
        return 200;
      }
      case "DeleteObject":
        objects.delete(key);
        return send(204);
      case "CreateMultipartUpload": {
        const uploadId = randomUUID();
        uploads.set(uploadId, { key, parts: new Map() });
        const bucket = key.split("/")[0] ?? "";
        return send(
          200,
          `<?xml version="1.0" encoding="UTF-8"?>\n<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key.slice(bucket.length + 1)}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
        );
      }
      case "UploadPart": {
        const upload = uploads.get(url.searchParams.get("uploadId") ?? "");
        if (upload === undefined) return error(404, "NoSuchUpload");
        const tag = etag();
        upload.parts.set(Number(url.searchParams.get("partNumber")), {
          size: body.payloadBytes,
          etag: tag,
          body: body.body,
        });
        return send(200, undefined, { ETag: tag });
      }
      case "CompleteMultipartUpload": {
        const uploadId = url.searchParams.get("uploadId") ?? "";
        const upload = uploads.get(uploadId);
        if (upload === undefined) return error(404, "NoSuchUpload");
        const listed = [
          ...(body.body ?? Buffer.alloc(0))
            .toString("utf8")
            .matchAll(/<PartNumber>(\d+)<\/PartNumber>\s*<ETag>([^<]*)<\/ETag>/g),
        ];
        let size = 0;
        const bodies: Buffer[] = [];
        for (const [, number, tag] of listed) {
          const part = upload.parts.get(Number(number));
          if (part === undefined || part.etag !== tag?.replace(/&quot;/g, '"'))
            return error(400, "InvalidPart");
          size += part.size;
          if (part.body) bodies.push(part.body);
        }
        if (listed.length !== upload.parts.size) return error(400, "InvalidPart");
        uploads.delete(uploadId);
        const tag = `"${randomUUID().replace(/-/g, "")}-${listed.length}"`;
        objects.set(key, {
          size,
          etag: tag,
          body: bodies.length === listed.length ? Buffer.concat(bodies) : undefined,
        });
        return send(
          200,
          `<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUploadResult><Key>${key}</Key><ETag>${tag.replace(/"/g, "&quot;")}</ETag></CompleteMultipartUploadResult>`,
        );
      }
      case "AbortMultipartUpload":
        uploads.delete(url.searchParams.get("uploadId") ?? "");
        return send(204);
      default:
        return error(501, "NotImplemented");
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get seen() {
      return seen;
    },
    objectBytes: () => objectBytes,
    connections: () => connections,
    clearSeen: () => {
      seen = [];
    },
    seed: (key, body) => {
      objects.set(key, { size: body.length, etag: `"${randomUUID().replace(/-/g, "")}"`, body });
    },
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

interface ReadBody {
  readonly wireBytes: number;
  readonly payloadBytes: number;
  readonly trailers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  readonly sha256?: string;
  readonly crc32?: string;
}

function operationOf(method: string, url: URL, key: string): Operation {
  const query = url.searchParams;
  if (!key.includes("/")) return "unsupported";
  if (method === "PUT") return query.has("uploadId") ? "UploadPart" : "PutObject";
  if (method === "POST" && query.has("uploads")) return "CreateMultipartUpload";
  if (method === "POST" && query.has("uploadId")) return "CompleteMultipartUpload";
  if (method === "DELETE") return query.has("uploadId") ? "AbortMultipartUpload" : "DeleteObject";
  if (method === "HEAD") return "HeadObject";
  if (method === "GET") return "GetObject";
  return "unsupported";
}

/**
 * The `aws-chunked` content encoding: `HEX-SIZE[;chunk-signature=…]\r\n`, that many bytes, `\r\n`, and after the
 * chunk of size 0 the trailing headers (`name:value\r\n` each) and an empty line.
 */
class AwsChunkedDecoder {
  readonly trailers: Record<string, string> = {};
  private line = "";
  /** Payload bytes left in the current chunk, then its closing CRLF. */
  private left = 0;
  private crlfLeft = 0;
  private state: "size" | "data" | "trailer" | "done" = "size";

  push(chunk: Buffer, onPayload: (data: Buffer) => void): void {
    let at = 0;
    while (at < chunk.length && this.state !== "done") {
      if (this.state === "data") {
        if (this.left > 0) {
          const take = Math.min(this.left, chunk.length - at);
          onPayload(chunk.subarray(at, at + take));
          this.left -= take;
          at += take;
          continue;
        }
        const skip = Math.min(this.crlfLeft, chunk.length - at);
        this.crlfLeft -= skip;
        at += skip;
        if (this.crlfLeft === 0) this.state = "size";
        continue;
      }
      const end = chunk.indexOf(0x0a, at);
      if (end < 0) {
        this.line += chunk.toString("latin1", at);
        return;
      }
      const line = (this.line + chunk.toString("latin1", at, end)).replace(/\r$/, "");
      this.line = "";
      at = end + 1;
      if (this.state === "size") {
        const size = Number.parseInt(line.split(";")[0] ?? "", 16);
        if (size > 0) {
          this.state = "data";
          this.left = size;
          this.crlfLeft = 2;
        } else this.state = "trailer";
      } else if (line === "") {
        this.state = "done";
      } else {
        const colon = line.indexOf(":");
        this.trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
    }
  }
}
