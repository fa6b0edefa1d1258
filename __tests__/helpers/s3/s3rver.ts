/**
 * The npm `s3rver` (3.7.1) behind a front that verifies every request's SigV4 signature as S3 does, with the AWS
 * SDK's own signer (@smithy/signature-v4). s3rver alone checks only that the access key id exists (see
 * ../shared/reference/machine-notes.md, "S3 servers"), so the front is what makes a wrong secret fail here.
 *
 * The front recomputes the signature of the request as it arrived (its method, path, query and the headers the
 * client says it signed) with the key's secret, and also checks what S3 checks around it: the payload's SHA-256
 * against `x-amz-content-sha256` (unless UNSIGNED-PAYLOAD), the session token of temporary keys, and the clock skew
 * (15 minutes). Failures answer S3's error codes: 403 SignatureDoesNotMatch, InvalidAccessKeyId,
 * RequestTimeTooSkewed, XAmzContentSHA256Mismatch, 400 InvalidToken; 403 AccessDenied without an Authorization
 * header. Requests that pass go on to s3rver.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { escapeUri } from "@smithy/core/protocols";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import S3rver from "s3rver";
import { removeTree } from "../remove-tree.js";

export interface S3Key {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Temporary keys only: the token every request of theirs must carry (and sign). */
  readonly sessionToken?: string;
}

export interface VerifiedS3rver extends S3Key {
  /** http://127.0.0.1:PORT of the front (https:// when it has a certificate). */
  readonly endpoint: string;
  readonly port: number;
  /** Temporary keys (with a session token) the front also accepts. */
  readonly session: Required<S3Key>;
  /** What the front refused, by S3 error code, in order. */
  readonly refused: string[];
  /** Every request that reached s3rver, as `METHOD /bucket/key?query`. */
  readonly passed: string[];
  stop(): Promise<void>;
}

/** s3rver's only access key id; the secret is the front's, made afresh for each server. */
const KEY_ID = "S3RVER";
const MAX_SKEW_MS = 15 * 60_000;

export interface FrontOptions {
  /** The front speaks https with this certificate. */
  readonly tls?: { readonly key: Buffer; readonly cert: string };
  /** The region requests must be signed for; us-east-1 unless given. */
  readonly region?: string;
}

/** s3rver with `buckets`, behind the verifying front. */
export async function startVerifiedS3rver(
  buckets: readonly string[],
  { tls, region = "us-east-1" }: FrontOptions = {},
): Promise<VerifiedS3rver> {
  const directory = mkdtempSync(path.join(tmpdir(), "nbca-s3rver-"));
  const store = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  const { port: storePort } = (await store.run()) as AddressInfo;

  const key: S3Key = { accessKeyId: KEY_ID, secretAccessKey: randomBytes(30).toString("base64") };
  const session: Required<S3Key> = {
    accessKeyId: "ASIA0S3RVERSESSION0",
    secretAccessKey: randomBytes(30).toString("base64"),
    sessionToken: randomBytes(96).toString("base64"),
  };
  const keys = new Map([key, session].map((k) => [k.accessKeyId, k]));
  const refused: string[] = [];
  const passed: string[] = [];

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      verify(request, body, keys, region).then(
        (problem) => {
          if (problem === undefined) {
            passed.push(`${request.method} ${request.url}`);
            return pass(request, body, response, storePort);
          }
          refused.push(problem.code);
          answerError(request, response, problem);
        },
        (error: unknown) =>
          answerError(request, response, { code: "InternalError", message: String(error) }, 500),
      );
    });
  };
  const front = tls === undefined ? createServer(handle) : createHttpsServer(tls, handle);
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  const { port } = front.address() as AddressInfo;

  return {
    endpoint: `${tls === undefined ? "http" : "https"}://127.0.0.1:${port}`,
    port,
    ...key,
    session,
    refused,
    passed,
    stop: async () => {
      front.closeAllConnections();
      await new Promise((resolve) => front.close(resolve));
      await store.close();
      removeTree(directory);
    },
  };
}

interface Problem {
  readonly code: string;
  readonly message: string;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** Why S3 would refuse this request, or undefined when it would take it. */
async function verify(
  request: IncomingMessage,
  body: Buffer,
  keys: ReadonlyMap<string, S3Key>,
  serverRegion: string,
): Promise<Problem | undefined> {
  const authorization = request.headers.authorization;
  if (authorization === undefined) return { code: "AccessDenied", message: "Access Denied" };
  const match = AUTHORIZATION.exec(authorization);
  if (match === null) return { code: "AuthorizationHeaderMalformed", message: "malformed Authorization" };
  const [, keyId = "", day = "", region = "", signedList = "", signature = ""] = match;
  const key = keys.get(keyId);
  if (key === undefined) return { code: "InvalidAccessKeyId", message: "unknown access key id" };
  if (region !== serverRegion) {
    return {
      code: "AuthorizationHeaderMalformed",
      message: `the region '${region}' is wrong; expecting '${serverRegion}'`,
    };
  }
  if (key.sessionToken !== undefined && request.headers["x-amz-security-token"] !== key.sessionToken) {
    return { code: "InvalidToken", message: "the provided token is malformed or otherwise invalid" };
  }
  const amzDate = header(request, "x-amz-date") ?? "";
  const signingDate = parseAmzDate(amzDate);
  if (signingDate === undefined || !amzDate.startsWith(day)) {
    return { code: "AccessDenied", message: "bad or missing x-amz-date" };
  }
  if (Math.abs(Date.now() - signingDate.getTime()) > MAX_SKEW_MS) {
    return {
      code: "RequestTimeTooSkewed",
      message: "the difference between the request time and now is too large",
    };
  }
  const payloadHash = header(request, "x-amz-content-sha256");
  if (payloadHash === undefined) return { code: "InvalidRequest", message: "missing x-amz-content-sha256" };
  if (payloadHash !== "UNSIGNED-PAYLOAD" && payloadHash !== createHash("sha256").update(body).digest("hex")) {
    return { code: "XAmzContentSHA256Mismatch", message: "the payload's SHA-256 is not the signed one" };
  }

  const signedHeaders = signedList.split(";");
  // S3 wants the host and every x-amz-* header the request carries signed.
  const unsigned = Object.keys(request.headers).filter(
    (name) => (name === "host" || name.startsWith("x-amz-")) && !signedHeaders.includes(name),
  );
  if (unsigned.length > 0) {
    return { code: "AccessDenied", message: `headers not signed: ${unsigned.join(", ")}` };
  }
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = header(request, name);
    if (value === undefined)
      return { code: "SignatureDoesNotMatch", message: `signed header ${name} missing` };
    headers[name] = value;
  }
  // The path as sent: not resolved the way a URL is (S3 keeps "." and ".." segments as they are).
  const [rawPath = "/", rawQuery = ""] = (request.url ?? "/").split(/\?(.*)/s);
  const searchParams = new URLSearchParams(rawQuery);
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(searchParams.keys())) {
    const values = searchParams.getAll(name);
    query[name] = values.length === 1 ? (values[0] as string) : values;
  }
  const signer = new SignatureV4({
    credentials: key,
    region,
    service: "s3",
    sha256: Hash.bind(null, "sha256"),
    // S3's canonical path is each segment encoded once; the front makes it from the decoded path itself.
    uriEscapePath: false,
  });
  const [host = "", hostPort] = (headers.host ?? "").split(":");
  const expected = await signer.sign(
    {
      method: request.method ?? "GET",
      protocol: "http:",
      hostname: host,
      port: hostPort === undefined ? undefined : Number(hostPort),
      path: canonicalPath(rawPath),
      query,
      headers,
    },
    { signingDate, signableHeaders: new Set(signedHeaders) },
  );
  const expectedSignature =
    /Signature=([0-9a-f]{64})$/.exec(String(expected.headers.authorization))?.[1] ?? "";
  const expectedList = /SignedHeaders=([^,]+),/.exec(String(expected.headers.authorization))?.[1];
  const same =
    expectedList === signedList &&
    timingSafeEqual(Buffer.from(expectedSignature.padEnd(64, "0")), Buffer.from(signature));
  return same ? undefined : { code: "SignatureDoesNotMatch", message: "the signature does not match" };
}

/** The path S3 signs: every segment decoded, then encoded once, by the AWS SDK's own encoder. */
function canonicalPath(raw: string): string {
  return raw
    .split("/")
    .map((segment) => escapeUri(decodeURIComponent(segment)))
    .join("/");
}

function parseAmzDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s));
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function answerError(
  request: IncomingMessage,
  response: ServerResponse,
  problem: Problem,
  status = 403,
): void {
  const status400 = problem.code === "InvalidToken" || problem.code === "InvalidRequest";
  response.writeHead(status400 ? 400 : status, { "Content-Type": "application/xml" });
  if (request.method === "HEAD") return void response.end();
  response.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${problem.code}</Code><Message>${problem.message}</Message></Error>`,
  );
}

/**
 * The verified request, on to s3rver as it came, but for the key id: s3rver knows only its own and ignores the
 * signature, so a session key's id is swapped for that one.
 */
function pass(request: IncomingMessage, body: Buffer, response: ServerResponse, port: number): void {
  const headers = {
    ...request.headers,
    authorization: request.headers.authorization?.replace(/Credential=[^/]+\//, `Credential=${KEY_ID}/`),
  };
  const outgoing = forward(
    { host: "127.0.0.1", port, method: request.method, path: request.url, headers },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  outgoing.on("error", () => response.socket?.destroy());
  outgoing.end(body);
}
