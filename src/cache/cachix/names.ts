/** How Cachix names things, for the action's inputs and for the key command alike. */

/** Where Cachix's API is unless `cachixHost` says otherwise (action.yml's default). */
export const DEFAULT_CACHIX_HOST = "https://app.cachix.org";

/** A Cachix cache name: letters, digits and '-', not starting with '-'. */
export function isCachixCacheName(name: string): boolean {
  return /^[a-z0-9][a-z0-9-]*$/i.test(name);
}

/** The name Cachix gives a cache's signing key, and that its narinfos are signed under. */
export function cachixKeyName(cache: string): string {
  return `${cache}.cachix.org-1`;
}

/** `text` as an http(s):// URL, or undefined when it is not one. */
export function httpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}
