/** Names of the Actions cache entries that hold the binary cache, and the one path string they are saved under. */
import { createHash } from "node:crypto";

/**
 * The path @actions/cache packs and unpacks, relative to GITHUB_WORKSPACE: it hashes the path string into the
 * entry's version, so the string must be the same on every runner, and tar stores it as a plain relative name. The
 * directory is there only during a restore or save; it lives in RUNNER_TEMP otherwise.
 */
export const ARCHIVE_DIR = ".nix-binary-cache-action";

/** Bumped when the layout inside an entry changes, so that old entries are never restored into a new layout. */
const LAYOUT = "nix-binary-cache-action-v1";

/** Keys may be up to 512 characters; the part of the key that comes from inputs is hashed beyond this. */
const MAX_SCOPE_PART = 200;

interface EntryKeys {
  /** Entries of this OS/arch, job and `cacheKey`: the newest one is restored. */
  readonly job: string;
  /** Entries of this OS/arch from any job: the fallback for a job that has saved nothing yet. */
  readonly platform: string;
}

/**
 * Key prefixes of the job's entries: `<layout>/<RUNNER_OS>-<RUNNER_ARCH>/job=<GITHUB_JOB>/key=<cacheKey>/`. Each
 * part is URI-encoded and ends with '/', so one job's prefix never matches another's entries (`build` against
 * `build-docs`, a cacheKey `a` against `a/b`).
 */
export function entryKeys(env: NodeJS.ProcessEnv, cacheKey: string): EntryKeys {
  const platform = `${LAYOUT}/${part(env.RUNNER_OS || "unknown-os")}-${part(env.RUNNER_ARCH || "unknown-arch")}/`;
  return { platform, job: `${platform}job=${part(env.GITHUB_JOB ?? "")}/key=${part(cacheKey)}/` };
}

/**
 * A new entry's key: entries cannot be overwritten, so each save gets its own, unique even for two legs of a
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
