/**
 * Nix settings for the steps after setup (`extra-*` lines, so the user's own settings keep working), and the rules
 * for what may be written into them: Nix cuts a line at `#` and splits values at white space, so a value holding
 * either would be read as more entries or another setting. Every value is checked here before it is written.
 */ import { describeCharacter, findCharacter, isControl } from "../lib/characters.js";

export interface CacheSettings {
  readonly substituters: readonly string[];
  readonly trustedPublicKeys: readonly string[];
  /** The private netrc that holds the cache's credentials. */
  readonly netrcFile?: string;
  /** Build what a substituter fails to deliver (`fallback = true`): for a cache whose NARs may vanish mid-job. */
  readonly fallback?: boolean;
}

/**
 * Why a value would not be read back by Nix as exactly one entry of a list setting (`substituters`,
 * `trusted-public-keys`); undefined when it would. Control characters are refused too: none belongs in such a value.
 */
export function listEntryProblem(value: string): string | undefined {
  if (value === "") return "it is empty";
  const bad = findCharacter(value, (code) => isControl(code) || code === SPACE || code === HASH);
  return bad === undefined ? undefined : `it holds ${describeCharacter(bad.char)}, ${whyUnsafe(bad.char)}`;
}

/**
 * Why a value would not be read back by Nix as exactly this one value of a single-valued setting (a path such as
 * `netrc-file`): single spaces inside are kept, anything else that splits or ends a line is not.
 */
export function singleValueProblem(value: string): string | undefined {
  if (value === "") return "it is empty";
  const bad = findCharacter(value, (code) => isControl(code) || code === HASH);
  if (bad !== undefined) return `it holds ${describeCharacter(bad.char)}, ${whyUnsafe(bad.char)}`;
  if (/^ | $| {2}/.test(value)) {
    return "it has spaces at its ends or two in a row, which Nix's configuration does not keep";
  }
  return undefined;
}

const SPACE = 0x20;
const HASH = 0x23;

function whyUnsafe(c: string): string {
  if (c === "#") return "where Nix's configuration starts a comment";
  if (/[ \t\r\n]/.test(c)) return "where Nix's configuration splits a value";
  return "which has no place in Nix's configuration";
}

/** The nix.conf lines for `settings`; throws when a value would not read back as itself. */
export function nixConfigLines(settings: CacheSettings): string[] {
  const entries = (name: string, values: readonly string[]) =>
    values.map((value) => `${name} = ${checked(name, value, listEntryProblem(value))}`);
  return [
    ...entries("extra-substituters", settings.substituters),
    ...entries("extra-trusted-public-keys", settings.trustedPublicKeys),
    ...(settings.netrcFile === undefined
      ? []
      : [
          `netrc-file = ${checked("netrc-file", settings.netrcFile, singleValueProblem(settings.netrcFile))}`,
        ]),
    // Nix remembers a cache's misses for an hour (in ~/.cache, which self-hosted runners keep between jobs): a path
    // that an earlier job missed, and then pushed, would be built again instead of substituted.
    "narinfo-cache-negative-ttl = 0",
    ...(settings.fallback === true ? ["fallback = true"] : []),
  ];
}

/**
 * The last line of defence: every value has been checked where it came in (inputs, a cache service's answer), so
 * a refusal here is a bug, and it must stop the value rather than write it.
 */
function checked(setting: string, value: string, problem: string | undefined): string {
  if (problem !== undefined)
    throw new Error(`refusing to write a value of ${setting} to Nix's configuration: ${problem}`);
  return value;
}

/** NIX_CONFIG with our lines appended to `existing`; lines already there are not repeated. */
export function mergeNixConfig(existing: string | undefined, settings: CacheSettings): string {
  const merged = (existing ?? "").split("\n").filter((line) => line.trim() !== "");
  for (const line of nixConfigLines(settings)) if (!merged.includes(line)) merged.push(line);
  return merged.join("\n");
}
