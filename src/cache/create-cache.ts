/**
 * Picks the cache backend for the inputs: one branch per kind of cache. Backends are loaded on demand: the Actions
 * cache brings the Azure SDK, and parsing code a job never runs costs every job start-up time and memory.
 */
import { InputError } from "../errors.js";
import { INPUT_NAMES } from "../inputs.js";
import type { BinaryCache, CacheContext } from "./cache.js";

/** The backend for the inputs' cache target. */
export async function createCache(context: CacheContext): Promise<BinaryCache> {
  const target = context.inputs.target;
  switch (target.kind) {
    case "url":
      if (target.url.protocol === "file:")
        return new (await import("./file.js")).FileCache(target.url, context);
      if (target.url.protocol === "http:" || target.url.protocol === "https:") {
        return new (await import("./http.js")).HttpCache(target.url, context);
      }
      // parseInputs admits only these schemes; this guards a future one added there but not here.
      throw new InputError(INPUT_NAMES.cacheUrl, `${target.url.protocol}// caches are not supported`);
    case "cachix":
      return new (await import("./cachix.js")).CachixCache(target, context);
    case "actions-cache":
      return new (await import("./actions-cache.js")).ActionsCache(target, context);
  }
}
