/**
 * Builds the cache backend from its settings: one branch per kind. Backends are loaded on demand: the Actions cache
 * brings the Azure SDK, and parsing code a job never runs costs every job start-up time and memory.
 */
import type { ActionsCacheOptions } from "./actions-cache/actions-cache.js";
import type { ActionsCacheHandOver, ActionsCacheSettings } from "./actions-cache/settings.js";
import type { BinaryCache, CacheContext } from "./cache.js";
import type { CachixSettings } from "./cachix/settings.js";
import type { FileCacheSettings } from "./file/settings.js";
import type { HttpCacheSettings } from "./http/settings.js";
import type { S3CacheSettings } from "./s3/settings.js";

/** Where paths go, as the inputs say: one variant per backend. */
export type CacheSettings =
  | FileCacheSettings
  | HttpCacheSettings
  | CachixSettings
  | ActionsCacheSettings
  | S3CacheSettings;

/** What a backend keeps from setup for post: one variant per backend that keeps anything. */
export type CacheHandOver = ActionsCacheHandOver;

export interface CacheExtras {
  /** In post: what the backend handed over in setup (a backend takes only a hand-over of its own kind). */
  readonly handOver?: CacheHandOver;
  /** For the Actions cache only, in tests: its service, clock and store listing. */
  readonly actionsCache?: Omit<ActionsCacheOptions, "handOver">;
}

export async function createCache(
  settings: CacheSettings,
  context: CacheContext,
  extras: CacheExtras = {},
): Promise<BinaryCache<CacheHandOver>> {
  switch (settings.kind) {
    case "file":
      return new (await import("./file/file-cache.js")).FileCache(settings);
    case "http":
      return new (await import("./http/http-cache.js")).HttpCache(settings, context.log);
    case "cachix":
      return new (await import("./cachix/cachix-cache.js")).CachixCache(settings, context.log);
    case "s3":
      return new (await import("./s3/s3-cache.js")).S3Cache(settings, context);
    case "actions-cache": {
      const { ActionsCache } = await import("./actions-cache/actions-cache.js");
      return new ActionsCache(settings, context, { ...extras.actionsCache, handOver: extras.handOver });
    }
  }
}
