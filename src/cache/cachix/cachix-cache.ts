/**
 * A Cachix cache (`name`): setup is `cachix use`, post is `cachix push`, both spoken natively over Cachix's API.
 * A NAR goes up as a multipart upload in putNar; the upload is completed — which publishes the narinfo — only in
 * putNarInfo, so the pipeline's promise holds: no narinfo before its NAR and its references.
 */
import { CacheError, describeError, StepStopped } from "../../lib/errors.js";
import { parseNarInfo } from "../../lib/narinfo.js";
import type { Log } from "../../lib/ports.js";
import { DEFAULT_STORE_DIR } from "../../lib/store-path.js";
import type { RetryPolicy } from "../../net/retry.js";
import type { BinaryCache, PushResult, ReadAccess, StagedNar } from "../cache.js";
import { CachixApi, type CompletedPart, type MultipartUpload } from "./api.js";
import { compressionOf, DEFAULT_PART_CONCURRENCY, DEFAULT_PART_SIZE, uploadParts } from "./multipart.js";
import { narInfoCreate } from "./narinfo-create.js";
import { cachixReadAccess } from "./read-access.js";
import type { CachixSettings } from "./settings.js";

/** Knobs for tests; the action uses the defaults. */
export interface CachixOptions {
  readonly policy?: RetryPolicy;
  readonly partSize?: number;
  readonly partConcurrency?: number;
}

/** `cachix push` sends at most this many hashes per narinfo query (the service's 1 MB body limit). */
const QUERY_BATCH = 32_768;

interface UploadedNar {
  readonly upload: MultipartUpload;
  readonly parts: readonly CompletedPart[];
}

export class CachixCache implements BinaryCache<never> {
  readonly description: string;
  private readonly api: CachixApi;
  /** NARs uploaded but not yet completed, by their URL (two paths may have byte-identical NARs). */
  private readonly uploaded = new Map<string, UploadedNar[]>();

  constructor(
    private readonly settings: CachixSettings,
    private readonly log: Log,
    private readonly options: CachixOptions = {},
  ) {
    this.description = `Cachix cache '${settings.name}'`;
    this.api = new CachixApi({ host: settings.host, token: settings.authToken, policy: options.policy });
  }

  prepareRead(storeDir: string, signal: AbortSignal): Promise<ReadAccess> {
    const deps = {
      api: this.api,
      settings: this.settings,
      log: this.log,
      policy: this.options.policy,
      signal,
    };
    return cachixReadAccess(deps, storeDir);
  }

  // Asks nothing of Cachix: the token's write access was seen in prepareRead.
  async openForPush(storeDir: string, _signal?: AbortSignal): Promise<void> {
    if (storeDir !== DEFAULT_STORE_DIR) {
      throw new CacheError(`Cachix serves ${DEFAULT_STORE_DIR} only, but this Nix uses ${storeDir}`);
    }
    if (this.settings.authToken === undefined) {
      throw new CacheError("pushing to Cachix needs `authToken` (a token with write access)");
    }
  }

  async findCached(hashParts: readonly string[], signal: AbortSignal): Promise<Set<string>> {
    const missing = new Set<string>();
    for (let start = 0; start < hashParts.length; start += QUERY_BATCH) {
      const batch = hashParts.slice(start, start + QUERY_BATCH);
      try {
        for (const hash of await this.api.postNarinfo(this.settings.name, batch, signal)) missing.add(hash);
      } catch (error) {
        if (signal.aborted) throw error;
        throw new CacheError(`cannot ask ${this.description} which paths it has: ${describeError(error)}`, {
          cause: error,
        });
      }
    }
    return new Set(hashParts.filter((hash) => !missing.has(hash)));
  }

  async putNar(nar: StagedNar, signal: AbortSignal): Promise<void> {
    const name = this.settings.name;
    let upload: MultipartUpload;
    try {
      upload = await this.api.postMultipartNar(name, compressionOf(nar), signal);
    } catch (error) {
      throw new CacheError(`cannot start uploading ${nar.url}: ${describeError(error)}`, { cause: error });
    }
    try {
      const parts = await uploadParts(this.api, name, upload, nar, {
        partSize: this.options.partSize ?? DEFAULT_PART_SIZE,
        concurrency: this.options.partConcurrency ?? DEFAULT_PART_CONCURRENCY,
        signal,
      });
      this.uploaded.set(nar.url, [...(this.uploaded.get(nar.url) ?? []), { upload, parts }]);
    } catch (error) {
      if (!(signal.reason instanceof StepStopped)) await this.abort(upload);
      throw new CacheError(`cannot upload ${nar.url}: ${describeError(error)}`, { cause: error });
    }
  }

  async putNarInfo(hashPart: string, narInfo: string, signal: AbortSignal): Promise<void> {
    const info = parseNarInfo(narInfo);
    const waiting = this.uploaded.get(info.url);
    const nar = waiting?.shift();
    if (nar === undefined) throw new CacheError(`${hashPart}.narinfo: its NAR ${info.url} was not uploaded`);
    if (waiting?.length === 0) this.uploaded.delete(info.url);
    const create = narInfoCreate(info, DEFAULT_STORE_DIR, this.settings.signedBy);
    try {
      await this.api.postMultipartNarComplete(this.settings.name, nar.upload, nar.parts, create, signal);
    } catch (error) {
      if (!(signal.reason instanceof StepStopped)) await this.abort(nar.upload);
      throw new CacheError(`cannot publish ${hashPart}.narinfo: ${describeError(error)}`, { cause: error });
    }
  }

  /**
   * Uploads whose narinfo never came (a reference failed, time ran out) are aborted, so Cachix drops their parts. A
   * stopped step leaves them (and so does a failure after a stop, above): it has no time to wait for answers, and
   * Cachix drops unfinished uploads of its own accord.
   */
  async close(_result: PushResult, stop: AbortSignal): Promise<void> {
    const left = [...this.uploaded.values()].flat();
    this.uploaded.clear();
    if (stop.aborted) return;
    await Promise.all(left.map((nar) => this.abort(nar.upload)));
  }

  private async abort(upload: MultipartUpload): Promise<void> {
    try {
      // Not under the push deadline: after a timeout the abort must still go out.
      await this.api.postMultipartNarAbort(this.settings.name, upload, AbortSignal.timeout(60_000));
    } catch (error) {
      this.log.debug(`aborting upload ${upload.narId} failed: ${describeError(error)}`);
    }
  }
}
