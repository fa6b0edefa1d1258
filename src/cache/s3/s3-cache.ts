/**
 * An S3 bucket (AWS, or any S3-compatible store) as a binary cache in Nix's layout: nix-cache-info, narinfos and
 * `nar/*.nar.zst`, NAR before narinfo. Nix reads it through a read proxy on 127.0.0.1 that setup starts and that
 * signs each request with the job's credentials (read-proxy.ts), so neither the daemon nor any file holds them, and
 * every Nix version reads S3 (Debian's Nix 2.8 has no S3 support at all).
 */
import { checkCacheStoreDir, renderCacheInfo } from "../../lib/cache-info.js";
import { CacheError } from "../../lib/errors.js";
import { scratchDir } from "../../lib/scratch-dir.js";
import { formatPublicKey } from "../../lib/signing.js";
import { forEachConcurrently } from "../../net/concurrently.js";
import {
  type BinaryCache,
  type CacheContext,
  type ReadAccess,
  type StagedNar,
  startJobServer,
} from "../cache.js";
import type { S3ReaderRequest } from "./reader-request.js";
import { S3Client, S3Error } from "./s3-client.js";
import type { S3CacheSettings } from "./settings.js";

/** S3's codes for credentials it will not take, and what they mean for the user. */
const REFUSALS: Readonly<Record<string, string>> = {
  SignatureDoesNotMatch: "the secret does not belong to the key",
  InvalidAccessKeyId: "the key is unknown",
  InvalidToken: "the session token is malformed or unknown",
  ExpiredToken: "the session credentials have expired",
};

/** narinfo look-ups in flight at once. */
const LOOKUP_CONCURRENCY = 16;

export class S3Cache implements BinaryCache<never> {
  readonly description: string;
  private readonly client?: S3Client;
  private cacheInfo: "unknown" | "absent" | "present" = "unknown";
  /** Set once the bucket has refused the credentials: every later call fails with these words. */
  private refused?: string;

  constructor(
    private readonly settings: S3CacheSettings,
    private readonly context: CacheContext,
  ) {
    const { bucket, prefix } = settings.location;
    this.description = `s3://${bucket}/${prefix}`.replace(/\/$/, "");
    const credentials = settings.credentials;
    if (credentials !== undefined) this.client = new S3Client(settings.location, () => credentials);
  }

  async prepareRead(storeDir: string, signal: AbortSignal): Promise<ReadAccess> {
    const client = this.s3();
    await this.checkStoreDir(client, storeDir, signal);
    const { bucket, prefix, region, endpoint } = this.settings.location;
    const credentials = this.settings.credentials as NonNullable<S3CacheSettings["credentials"]>;
    const server = await startJobServer(
      this.context,
      scratchDir(this.context.tempDir),
      (lock): S3ReaderRequest => ({
        kind: "s3",
        bucket,
        prefix,
        region,
        endpoint: endpoint?.href,
        credentials,
        urlPrefix: lock.prefix,
        authorization: lock.authorization,
      }),
      signal,
    );
    const publicKeys =
      this.settings.publicKey === undefined ? [] : [formatPublicKey(this.settings.publicKey)];
    return {
      substituters: [{ url: server.url, publicKeys }],
      netrc: [server.netrc],
      canPush: true,
      serverDir: server.dir,
    };
  }

  async openForPush(storeDir: string, signal: AbortSignal): Promise<void> {
    const client = this.s3();
    if (!(await this.checkStoreDir(client, storeDir, signal))) {
      await this.call("write nix-cache-info to", () =>
        client.put("nix-cache-info", renderCacheInfo(storeDir), "text/x-nix-cache-info", signal),
      );
      this.cacheInfo = "present";
    }
  }

  async findCached(hashParts: readonly string[], signal: AbortSignal): Promise<Set<string>> {
    const client = this.s3();
    const found = new Set<string>();
    await this.call("look up narinfos in", () =>
      forEachConcurrently(hashParts, LOOKUP_CONCURRENCY, async (hashPart) => {
        if (await client.exists(`${hashPart}.narinfo`, signal)) found.add(hashPart);
      }),
    );
    return found;
  }

  async putNar(nar: StagedNar, signal: AbortSignal): Promise<void> {
    const client = this.s3();
    await this.call(`upload ${nar.url} to`, () =>
      client.putFile(
        nar.url,
        nar.file,
        nar.fileSize,
        {
          contentType: "application/x-nix-nar",
          // Known from staging: the file is not read twice.
          sha256: nar.fileHash === undefined ? undefined : Buffer.from(nar.fileHash).toString("hex"),
        },
        signal,
      ),
    );
  }

  async putNarInfo(hashPart: string, narInfo: string, signal: AbortSignal): Promise<void> {
    const client = this.s3();
    await this.call(`upload ${hashPart}.narinfo to`, () =>
      client.put(`${hashPart}.narinfo`, narInfo, "text/x-nix-narinfo", signal),
    );
  }

  async close(): Promise<void> {}

  /** Whether the bucket has a nix-cache-info (for this store); throws when it is for another store. */
  private async checkStoreDir(client: S3Client, storeDir: string, signal: AbortSignal): Promise<boolean> {
    if (this.cacheInfo !== "unknown") return this.cacheInfo === "present";
    const text = await this.call("read", () => client.get("nix-cache-info", signal));
    checkCacheStoreDir(this.description, text?.toString("utf8"), storeDir);
    this.cacheInfo = text === undefined ? "absent" : "present";
    return text !== undefined;
  }

  /**
   * Runs a call; S3's refusals become CacheErrors that say what to check, naming the credentials, never quoting
   * them. A refused key (a wrong secret, an expired session) fails every later call at once with the same words:
   * one cause, said once, not a retried request per path.
   */
  private async call<T>(what: string, body: () => Promise<T>): Promise<T> {
    if (this.refused !== undefined) throw new CacheError(this.refused);
    try {
      return await body();
    } catch (error) {
      if (!(error instanceof S3Error)) throw error;
      const source = this.settings.credentialSource ?? "the environment";
      const refusal = REFUSALS[error.code];
      if (refusal !== undefined) {
        this.refused = `${this.description} refused the AWS credentials from ${source}: ${refusal} (${error.code})`;
        throw new CacheError(this.refused, { cause: error });
      }
      const hint =
        error.code === "AccessDenied" ? `: the AWS credentials from ${source} may not do this` : "";
      throw new CacheError(`could not ${what} ${this.description}${hint} (${error.message})`, {
        cause: error,
      });
    }
  }

  private s3(): S3Client {
    if (this.client === undefined) {
      throw new CacheError(
        `no AWS credentials for ${this.description}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and ` +
          "AWS_SESSION_TOKEN), e.g. with aws-actions/configure-aws-credentials, or a profile with static keys",
      );
    }
    return this.client;
  }
}
