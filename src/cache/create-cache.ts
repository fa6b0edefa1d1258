/** Picks the cache backend for the inputs: one branch per kind of cache. */
import { InputError } from "../errors.js";
import { INPUT_NAMES } from "../inputs.js";
import type { BinaryCache, CacheContext } from "./cache.js";
import { FileCache } from "./file.js";

/** Thrown for a kind of cache this version cannot serve yet; setup reports it as a notice and stays out of the way. */
export class UnsupportedCacheError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedCacheError";
  }
}

/** The backend for the inputs' cache target. */
export function createCache(context: CacheContext): BinaryCache {
  const target = context.inputs.target;
  switch (target.kind) {
    case "url":
      if (target.url.protocol === "file:") return new FileCache(target.url, context);
      throw new InputError(
        INPUT_NAMES.cacheUrl,
        `${target.url.protocol}// caches are not supported by this version yet; use a file:// URL`,
      );
    case "cachix":
      throw new InputError(INPUT_NAMES.name, "Cachix caches are not supported by this version yet");
    case "actions-cache":
      throw new UnsupportedCacheError(
        "no `cacheUrl` or `name` given: the GitHub Actions cache mode is not available in this version yet, " +
          "so the action does nothing. Set `cacheUrl` to a file:// binary cache.",
      );
  }
}
