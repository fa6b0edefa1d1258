/**
 * The job's view of the Actions cache for Nix: an HTTP binary cache on 127.0.0.1 that serves the narinfos setup
 * audited and, when Nix asks for a NAR, reads its byte range from the pack entry that holds it — so a job
 * downloads what it substitutes, not the cache. Only this job's Nix gets in: requests must carry the job's netrc
 * credentials, and paths outside the job's prefix are not answered. Without the user's key, each narinfo is signed
 * with the job's own key as it is served: Nix accepts exactly what setup audited.
 */

import type { IncomingMessage, Server } from "node:http";
import { pipeline } from "node:stream/promises";
import { renderCacheInfo } from "../../lib/cache-info.js";
import { describeError } from "../../lib/errors.js";
import { narInfoFingerprint, renderNarInfo } from "../../lib/narinfo.js";
import type { Log } from "../../lib/ports.js";
import { type SigningKey, signFingerprint } from "../../lib/signing.js";
import { createJobServer, reply } from "../../net/job-server.js";
import type { CacheIndex, IndexedPath } from "./cache-index.js";
import { EntryGoneError, openBlobRange } from "./entry-service.js";

/** Signatures of per-job keys carry names with this prefix: dropped from what is served, never trusted. */
export const JOB_KEY_PREFIX = "nix-binary-cache-action-job-";

export interface ReadServerOptions {
  readonly index: CacheIndex;
  /** A signed URL per pack key, found by setup's lookups. */
  readonly packUrls: ReadonlyMap<string, string>;
  /** The path every URL starts with (`/<nonce>`): unique per job, so Nix's narinfo cache never mixes two jobs. */
  readonly prefix: string;
  /** The `Authorization` header the job's netrc makes curl send. */
  readonly authorization: string;
  /** Signs each narinfo served, when the cache has no key of the user's. */
  readonly jobKey?: SigningKey;
  readonly log: Log;
  /** Told once per pack found evicted: post then pushes its paths again (see ActionsCache). */
  readonly onPackGone?: (pack: string) => void;
  /** Opens a byte range of a pack (by default, a ranged GET of its signed URL). */
  readonly openRange?: (
    url: string,
    offset: number,
    length: number,
    signal: AbortSignal,
  ) => Promise<IncomingMessage>;
}

export interface ReadStats {
  narInfos: number;
  nars: number;
  narBytes: number;
  /** Packs whose blob was gone when a NAR was read from them. */
  readonly gonePacks: Set<string>;
}

export function createReadServer(options: ReadServerOptions): { server: Server; stats: ReadStats } {
  const stats: ReadStats = { narInfos: 0, nars: 0, narBytes: 0, gonePacks: new Set() };
  const byNarUrl = new Map<string, IndexedPath>();
  for (const path of options.index.paths.values()) byNarUrl.set(path.info.url, path);
  const signed = new Map<string, string>();
  const openRange = options.openRange ?? openBlobRange;
  const cacheInfo = renderCacheInfo(options.index.storeDir);

  const narInfoText = (path: IndexedPath): string => {
    const jobKey = options.jobKey;
    if (jobKey === undefined) return path.text;
    let text = signed.get(path.hashPart);
    if (text === undefined) {
      const { info } = path;
      const fingerprint = narInfoFingerprint(info.storePath, info.narHash, info.narSize, info.references);
      const sigs = [
        ...info.sigs.filter((sig) => !sig.startsWith(JOB_KEY_PREFIX)),
        signFingerprint(fingerprint, jobKey),
      ];
      text = renderNarInfo({ ...info, sigs });
      signed.set(path.hashPart, text);
    }
    return text;
  };

  const server = createJobServer(
    {
      prefix: options.prefix,
      authorization: options.authorization,
      onError: (m) => options.log.warning(`The cache's read server: ${m}`),
    },
    async (file, request, response) => {
      const headOnly = request.method === "HEAD";
      if (file.kind === "cache-info") return reply(response, 200, cacheInfo, {}, headOnly);
      if (file.kind === "narinfo") {
        const path = options.index.paths.get(file.hashPart);
        if (path === undefined || stats.gonePacks.has(path.pack))
          return reply(response, 404, "not in this cache");
        stats.narInfos++;
        return reply(response, 200, narInfoText(path), { "Content-Type": "text/x-nix-narinfo" }, headOnly);
      }
      const path = byNarUrl.get(file.name);
      const packUrl = path === undefined ? undefined : options.packUrls.get(path.pack);
      if (path === undefined || packUrl === undefined || stats.gonePacks.has(path.pack)) {
        return reply(response, 404, "not in this cache");
      }
      if (headOnly) return reply(response, 200, "", { "Content-Length": String(path.info.fileSize) }, true);
      const abort = new AbortController();
      response.on("close", () => abort.abort());
      let source: IncomingMessage;
      try {
        source = await openRange(packUrl, path.offset, path.info.fileSize, abort.signal);
      } catch (error) {
        if (error instanceof EntryGoneError) {
          if (!stats.gonePacks.has(path.pack)) options.onPackGone?.(path.pack);
          stats.gonePacks.add(path.pack);
          options.log.warning(
            `The cache entry holding ${path.info.storePath} was evicted during the job: Nix builds it instead (fallback).`,
          );
          return reply(response, 404, "evicted");
        }
        options.log.warning(`Reading ${path.info.storePath} from the cache failed: ${describeError(error)}`);
        return reply(response, 502, "the cache service failed");
      }
      response.writeHead(200, {
        "Content-Type": "application/x-nix-nar",
        "Content-Length": String(path.info.fileSize),
      });
      stats.nars++;
      source.on("data", (chunk: Buffer) => {
        stats.narBytes += chunk.length;
      });
      // A source cut short ends the response early: curl sees fewer bytes than announced and Nix retries or falls back.
      await pipeline(source, response).catch(() => response.destroy());
    },
  );
  return { server, stats };
}
