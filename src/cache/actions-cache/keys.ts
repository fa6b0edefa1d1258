/** Names of the Actions cache entries that hold the binary cache: indexes, found by prefix, and packs, by content. */
import { createHash } from "node:crypto";

/** Bumped when the entries' format changes: entries of another layout are never matched (they age out). */
const LAYOUT = "nix-binary-cache-action-v2";

/** Keys may be up to 512 characters; the part of the key that comes from inputs is hashed beyond this. */
const MAX_SCOPE_PART = 200;

interface EntryKeys {
  /** Indexes of this OS/arch, job and `cacheKey`: the newest one is read. */
  readonly job: string;
  /** Indexes of this OS/arch from any job: the fallback for a job that has saved nothing yet. */
  readonly platform: string;
}

/**
 * Key prefixes of the job's indexes: `<layout>/<RUNNER_OS>-<RUNNER_ARCH>/index/job=<GITHUB_JOB>/key=<cacheKey>/`. Each
 * part is URI-encoded and ends with '/', so one job's prefix never matches another's entries (`build` against
 * `build-docs`, a cacheKey `a` against `a/b`).
 */
export function entryKeys(env: NodeJS.ProcessEnv, cacheKey: string): EntryKeys {
  const platform = `${LAYOUT}/${part(env.RUNNER_OS || "unknown-os")}-${part(env.RUNNER_ARCH || "unknown-arch")}/index/`;
  return { platform, job: `${platform}job=${part(env.GITHUB_JOB ?? "")}/key=${part(cacheKey)}/` };
}

/**
 * A pack's key names its bytes (SHA-256): a pack saved twice (a job rerun) is one entry, and a key found is exactly
 * the bytes the index counted on.
 */
export function packKey(sha256Hex: string): string {
  return `${LAYOUT}/pack/${sha256Hex}`;
}

/**
 * A new index's key: entries cannot be overwritten, so each save gets its own, unique even for two legs of a
 * matrix that share a job and a `cacheKey`; restoring takes the newest entry under the prefix.
 */
export function newEntryKey(keys: EntryKeys, env: NodeJS.ProcessEnv, now: Date, nonce: string): string {
  const run = `${part(env.GITHUB_RUN_ID ?? "0")}.${part(env.GITHUB_RUN_ATTEMPT ?? "1")}`;
  return `${keys.job}run=${run}-${now.toISOString().replace(/[-:.]/g, "")}-${nonce}`;
}

function part(text: string): string {
  const encoded = encodeURIComponent(text);
  if (encoded.length <= MAX_SCOPE_PART) return encoded;
  return `sha256-${createHash("sha256").update(text).digest("hex")}`;
}
