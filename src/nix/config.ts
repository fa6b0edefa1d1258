/**
 * Nix settings for the steps after setup. They travel in NIX_CONFIG, which Nix reads after its config files, so
 * the user's nix.conf and any NIX_CONFIG already set keep working: we only append `extra-*` lines, which add to a
 * setting rather than replace it.
 */

export interface CacheSettings {
  readonly substituters: readonly string[];
  readonly trustedPublicKeys: readonly string[];
  /** Whole `name = value` lines, for settings that have no `extra-` form (e.g. netrc-file). */
  readonly extraLines?: readonly string[];
}

/** The nix.conf lines for `settings`. */
export function nixConfigLines(settings: CacheSettings): string[] {
  return [
    ...settings.substituters.map((url) => `extra-substituters = ${url}`),
    ...settings.trustedPublicKeys.map((key) => `extra-trusted-public-keys = ${key}`),
    ...(settings.extraLines ?? []),
  ];
}

/** NIX_CONFIG with our lines appended to `existing`; lines already there are not repeated. */
export function mergeNixConfig(existing: string | undefined, settings: CacheSettings): string {
  const merged = (existing ?? "").split("\n").filter((line) => line.trim() !== "");
  for (const line of nixConfigLines(settings)) if (!merged.includes(line)) merged.push(line);
  return merged.join("\n");
}
