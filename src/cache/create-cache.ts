/** Picks the cache backend for the inputs: one branch per kind of cache. */
import { InputError } from "../errors.js";
import { INPUT_NAMES } from "../inputs.js";
import { ActionsCache } from "./actions-cache.js";
import type { BinaryCache, CacheContext } from "./cache.js";
import { CachixCache } from "./cachix.js";
import { FileCache } from "./file.js";
import { HttpCache } from "./http.js";

/** The backend for the inputs' cache target. */
export function createCache(context: CacheContext): BinaryCache {
  const target = context.inputs.target;
  switch (target.kind) {
    case "url":
      if (target.url.protocol === "file:") return new FileCache(target.url, context);
      if (target.url.protocol === "http:" || target.url.protocol === "https:") {
        return new HttpCache(target.url, context);
      }
      throw new InputError(
        INPUT_NAMES.cacheUrl,
        `${target.url.protocol}// caches are not supported by this version yet; use a file:// URL`,
      );
    case "cachix":
      return new CachixCache(target, context);
    case "actions-cache":
      return new ActionsCache(target, context);
  }
}
