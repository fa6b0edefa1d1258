/**
 * A binary cache on any HTTP(S) server that serves files and accepts PUT (nginx with WebDAV, S3-style gateways, …),
 * spoken to the way Nix itself does: GET/HEAD to read, PUT with Nix's content types to write, Basic auth from
 * `authToken` (and `authUser`) exactly as Nix sends it from a netrc entry. Every request goes through the shared
 * retry policy (../net/retry.ts).
 */

import { checkCacheStoreDir, renderCacheInfo } from "../../lib/cache-info.js";
import { CacheError, describeError, InputError } from "../../lib/errors.js";
import { INPUT_NAMES } from "../../lib/input-names.js";
import type { Log } from "../../lib/ports.js";
import { formatPublicKey } from "../../lib/signing.js";
import { forEachConcurrently } from "../../net/concurrently.js";
import { fileBody, type HttpRequest, type HttpResponse, type RequestBody } from "../../net/http-request.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy, sendWithRetries } from "../../net/retry.js";
import { substituterUrl } from "../../nix/cache-url.js";
import { type NetrcEntry, netrcAuthorization, netrcEntryFor } from "../../nix/netrc.js";
import type { BinaryCache, ReadAccess, StagedNar } from "../cache.js";
import type { HttpCacheSettings } from "./settings.js";

export interface HttpCacheOptions {
  /** For tests: small waits and timeouts. */
  readonly retry?: RetryPolicy;
  /** narinfo look-ups in flight at once. */
  readonly lookupConcurrency?: number;
}

export class HttpCache implements BinaryCache<never> {
  readonly description: string;
  private readonly base: URL;
  private readonly headers: Readonly<Record<string, string>>;
  private readonly publicKeys: readonly string[];
  /** The credentials Nix reads with, which uploads send too. */
  private readonly netrc: NetrcEntry | undefined;
  /** The server answered a HEAD with 405 or 501: look-ups GET instead, uploads go without a check. */
  private headUnsupported = false;
  /** What this instance found of nix-cache-info (setup's prepareRead and openForPush ask once between them). */
  private cacheInfo: "unknown" | "absent" | "present" = "unknown";

  constructor(
    settings: HttpCacheSettings,
    private readonly log: Log,
    private readonly options: HttpCacheOptions = {},
  ) {
    this.description = substituterUrl(settings.url);
    this.base = new URL(`${this.description}/`);
    const { authToken, authUser, publicKey } = settings;
    this.netrc = authToken === undefined ? undefined : netrcEntryFor(settings.url, authToken, authUser);
    this.headers = this.netrc === undefined ? {} : { Authorization: netrcAuthorization(this.netrc) };
    this.publicKeys = publicKey === undefined ? [] : [formatPublicKey(publicKey)];
  }

  async prepareRead(storeDir: string, signal: AbortSignal): Promise<ReadAccess> {
    await this.checkStoreDir(storeDir, signal);
    return {
      substituters: [{ url: this.description, publicKeys: this.publicKeys }],
      netrc: this.netrc === undefined ? [] : [this.netrc],
      canPush: true,
    };
  }

  async openForPush(storeDir: string, signal: AbortSignal): Promise<void> {
    if ((await this.checkStoreDir(storeDir, signal)) !== undefined) return;
    const response = await this.send("PUT", "nix-cache-info", {
      body: renderCacheInfo(storeDir),
      contentType: "text/x-nix-cache-info",
      signal,
    });
    this.expectSuccess(response, "PUT", "nix-cache-info");
    this.cacheInfo = "present";
  }

  async findCached(hashParts: readonly string[], signal: AbortSignal): Promise<Set<string>> {
    const found = new Set<string>();
    // One failed look-up fails them all: no further one starts.
    await forEachConcurrently(
      [...new Set(hashParts)],
      this.options.lookupConcurrency ?? 16,
      async (hashPart) => {
        const name = `${hashPart}.narinfo`;
        const response = await this.existsNarInfo(name, signal);
        if (response.status === 404) return;
        this.expectSuccess(response, "HEAD", name);
        found.add(hashPart);
      },
    );
    return found;
  }

  async putNar(nar: StagedNar, signal: AbortSignal): Promise<void> {
    // A NAR's name is the hash of its bytes: one already there with the same length is this one. Without HEAD on
    // this server, upload without checking: a NAR is too big to GET just to see it is there.
    if (!this.headUnsupported) {
      const existing = await this.send("HEAD", nar.url, { signal });
      if (existing.status === 200 && Number(existing.headers["content-length"]) === nar.fileSize) return;
      if (isHeadUnsupported(existing)) this.headUnsupported = true;
      else if (existing.status !== 404) this.expectSuccess(existing, "HEAD", nar.url);
    }
    const response = await this.send("PUT", nar.url, {
      body: fileBody(nar.file, nar.fileSize),
      contentType: "application/x-nix-nar",
      signal,
    });
    this.expectSuccess(response, "PUT", nar.url);
  }

  async putNarInfo(hashPart: string, narInfo: string, signal: AbortSignal): Promise<void> {
    const name = `${hashPart}.narinfo`;
    const response = await this.send("PUT", name, {
      body: narInfo,
      contentType: "text/x-nix-narinfo",
      signal,
    });
    this.expectSuccess(response, "PUT", name);
  }

  async close(): Promise<void> {}

  /** HEAD, or GET from a server that does not allow HEAD (Nix itself GETs narinfos), asked once per cache. */
  private async existsNarInfo(name: string, signal: AbortSignal): Promise<HttpResponse> {
    if (!this.headUnsupported) {
      const response = await this.send("HEAD", name, { signal });
      if (!isHeadUnsupported(response)) return response;
      this.headUnsupported = true;
    }
    return this.send("GET", name, { signal });
  }

  /** The StoreDir of the cache's nix-cache-info, or undefined when the cache has none yet. */
  private async checkStoreDir(storeDir: string, signal: AbortSignal): Promise<string | undefined> {
    if (this.cacheInfo !== "unknown") return this.cacheInfo === "present" ? storeDir : undefined;
    const response = await this.send("GET", "nix-cache-info", { signal });
    if (response.status === 404) {
      this.cacheInfo = "absent";
      return undefined;
    }
    this.expectSuccess(response, "GET", "nix-cache-info");
    const found = checkCacheStoreDir(this.description, response.body.toString("utf8"), storeDir) ?? storeDir;
    this.cacheInfo = "present";
    return found;
  }

  private async send(
    method: string,
    name: string,
    extra: { body?: RequestBody; contentType?: string; signal?: AbortSignal } = {},
  ): Promise<HttpResponse> {
    const request: HttpRequest = {
      method,
      url: new URL(name, this.base),
      headers:
        extra.contentType === undefined
          ? this.headers
          : { ...this.headers, "Content-Type": extra.contentType },
      body: extra.body,
    };
    try {
      return await sendWithRetries(request, {
        policy: this.options.retry ?? DEFAULT_RETRY_POLICY,
        signal: extra.signal,
        onRetry: ({ attempt, delayMs, reason }) =>
          this.log.info(
            `${method} ${name}: ${reason}; try ${attempt + 1} in ${(delayMs / 1000).toFixed(1)} s`,
          ),
      });
    } catch (error) {
      if (extra.signal?.aborted) throw error;
      throw new CacheError(`cannot reach ${this.description} (${method} ${name}): ${describeError(error)}`, {
        cause: error,
      });
    }
  }

  /** Throws for any answer but 2xx: refused credentials name `authToken`; the rest is trouble with the cache. */
  private expectSuccess(response: HttpResponse, method: string, name: string): void {
    const { status } = response;
    if (status >= 200 && status < 300) return;
    const what = `${method} ${name} on ${this.description} answered HTTP ${status}`;
    if (status === 401 || status === 403) {
      if (this.netrc !== undefined) {
        const writing = method === "PUT" ? " (or does not allow it to write)" : "";
        throw new InputError(INPUT_NAMES.authToken, `the cache refused the credentials${writing}: ${what}`);
      }
      throw new CacheError(
        `${what}: the cache needs credentials and \`authToken\` is empty (as in a pull request from a fork, ` +
          "where secrets are hidden)",
      );
    }
    throw new CacheError(`${what}${status >= 300 && status < 400 ? "; give the URL it redirects to" : ""}`);
  }
}

function isHeadUnsupported(response: HttpResponse): boolean {
  return response.status === 405 || response.status === 501;
}
