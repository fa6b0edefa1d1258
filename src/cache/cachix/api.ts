/**
 * The Cachix HTTP API (`{host}/api/v1/…`) as `cachix push`/`cachix use` speak it: JSON bodies, a Bearer token
 * when there is one, every request retried by the shared policy. Errors name the call and the status, never the
 * token or a presigned URL.
 */
import type { HttpResponse, RequestBody } from "../../net/http-request.js";
import { type RetryPolicy, sendWithRetries } from "../../net/retry.js";

/** E1's `BinaryCache`, the fields we use. */
export interface CachixCacheInfo {
  readonly name: string;
  readonly uri: string;
  readonly isPublic: boolean;
  readonly publicSigningKeys: readonly string[];
  readonly permission: "Read" | "Write" | "Admin";
}

/** E6's `narInfoCreate`: all nine keys, always present, in the service's order. */
export interface NarInfoCreate {
  readonly cStoreHash: string;
  readonly cStoreSuffix: string;
  readonly cNarHash: string;
  readonly cNarSize: number;
  readonly cFileHash: string;
  readonly cFileSize: number;
  readonly cReferences: readonly string[];
  readonly cDeriver: string;
  readonly cSig: string | null;
}

export interface MultipartUpload {
  readonly narId: string;
  readonly uploadId: string;
}

export interface CompletedPart {
  readonly partNumber: number;
  readonly eTag: string;
}

/** A call answered with an unexpected status (after retries, for 429 and 5xx). */
export class CachixHttpError extends Error {
  constructor(
    readonly status: number,
    what: string,
    body: string,
  ) {
    const detail = body.trim().replace(/\s+/g, " ").slice(0, 300);
    super(`Cachix ${what}: HTTP ${status}${detail === "" ? "" : ` (${detail})`}`);
    this.name = "CachixHttpError";
  }
}

interface CachixApiOptions {
  /** The API location, e.g. https://app.cachix.org. */
  readonly host: URL;
  readonly token?: string;
  readonly policy?: RetryPolicy;
}

export class CachixApi {
  private readonly root: string;

  constructor(private readonly options: CachixApiOptions) {
    this.root = `${options.host.href.replace(/\/+$/, "")}/api/v1/cache/`;
  }

  /** `GET /cache/{name}` (E1): the cache's URI, keys, visibility and the caller's permission. */
  async getCache(name: string, signal?: AbortSignal): Promise<CachixCacheInfo> {
    return JSON.parse(
      await this.call("GET", name, "", undefined, signal, `cache '${name}'`),
    ) as CachixCacheInfo;
  }

  /** `POST /cache/{name}/narinfo` (E2): which of `hashes` the cache lacks. */
  async postNarinfo(name: string, hashes: readonly string[], signal?: AbortSignal): Promise<string[]> {
    const text = await this.call("POST", name, "/narinfo", JSON.stringify(hashes), signal, "narinfo query");
    return JSON.parse(text) as string[];
  }

  /** `POST /cache/{name}/multipart-nar` (E3): starts an upload. */
  async postMultipartNar(
    name: string,
    compression: "zst" | "xz",
    signal?: AbortSignal,
  ): Promise<MultipartUpload> {
    const path = `/multipart-nar?compression=${compression}`;
    return JSON.parse(
      await this.call("POST", name, path, undefined, signal, "upload creation"),
    ) as MultipartUpload;
  }

  /** `POST /cache/{name}/multipart-nar/{narId}` (E4): a presigned URL for one part with this MD5. */
  async postMultipartNarPart(
    name: string,
    upload: MultipartUpload,
    partNumber: number,
    contentMD5: string,
    signal?: AbortSignal,
  ): Promise<string> {
    const path = `/multipart-nar/${upload.narId}?uploadId=${encodeURIComponent(upload.uploadId)}&partNumber=${partNumber}`;
    const body = JSON.stringify({ contentMD5 });
    const text = await this.call("POST", name, path, body, signal, `URL for part ${partNumber}`);
    return (JSON.parse(text) as { uploadUrl: string }).uploadUrl;
  }

  /** `POST /cache/{name}/multipart-nar/{narId}/complete` (E6): the parts joined and the narinfo published. */
  async postMultipartNarComplete(
    name: string,
    upload: MultipartUpload,
    parts: readonly CompletedPart[],
    narInfoCreate: NarInfoCreate,
    signal?: AbortSignal,
  ): Promise<void> {
    const path = `/multipart-nar/${upload.narId}/complete?uploadId=${encodeURIComponent(upload.uploadId)}`;
    await this.call(
      "POST",
      name,
      path,
      JSON.stringify({ parts, narInfoCreate }),
      signal,
      "upload completion",
    );
  }

  /** `POST /cache/{name}/multipart-nar/{narId}/abort` (E7): the parts dropped. */
  async postMultipartNarAbort(name: string, upload: MultipartUpload, signal?: AbortSignal): Promise<void> {
    const path = `/multipart-nar/${upload.narId}/abort?uploadId=${encodeURIComponent(upload.uploadId)}`;
    await this.call("POST", name, path, undefined, signal, "upload abort");
  }

  /** `POST /cache/{name}/key` (E8): registers a self-generated key's public half (base64); needs an admin token. */
  async postKey(name: string, publicKeyBase64: string, signal?: AbortSignal): Promise<void> {
    const body = JSON.stringify({ publicKey: publicKeyBase64 });
    await this.call("POST", name, "/key", body, signal, "key registration");
  }

  /** `PUT` of one part to its presigned URL (E5; no Authorization: the URL carries it); returns its ETag. */
  async putPresignedPart(
    url: string,
    body: RequestBody,
    contentMD5: string,
    signal?: AbortSignal,
  ): Promise<string> {
    const response = await this.send(
      "PUT",
      new URL(url),
      { "Content-Type": "application/octet-stream", "Content-MD5": contentMD5 },
      body,
      signal,
    );
    if (response.status < 200 || response.status > 299) {
      throw new CachixHttpError(response.status, "part upload", response.body.toString("utf8"));
    }
    const eTag = response.headers.etag;
    if (typeof eTag !== "string" || eTag === "")
      throw new Error("Cachix part upload: the answer has no ETag");
    return eTag;
  }

  private async call(
    method: string,
    name: string,
    path: string,
    body: string | undefined,
    signal: AbortSignal | undefined,
    what: string,
  ): Promise<string> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (this.options.token !== undefined) headers.Authorization = `Bearer ${this.options.token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json;charset=utf-8";
    const url = new URL(`${this.root}${encodeURIComponent(name)}${path}`);
    const response = await this.send(method, url, headers, body, signal);
    const text = response.body.toString("utf8");
    if (response.status < 200 || response.status > 299)
      throw new CachixHttpError(response.status, what, text);
    return text;
  }

  private send(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: RequestBody | undefined,
    signal: AbortSignal | undefined,
  ): Promise<HttpResponse> {
    return sendWithRetries({ method, url, headers, body }, { policy: this.options.policy, signal });
  }
}

/** One GET without the API's headers, e.g. a cache host's `nix-cache-info` (with netrc-style credentials). */
export async function getText(
  url: URL,
  headers: Record<string, string>,
  policy: RetryPolicy | undefined,
  signal?: AbortSignal,
): Promise<{ status: number; text: string }> {
  const response = await sendWithRetries({ method: "GET", url, headers: { ...headers } }, { policy, signal });
  return { status: response.status, text: response.body.toString("utf8") };
}
