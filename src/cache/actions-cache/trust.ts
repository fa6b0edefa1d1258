/**
 * Signatures on the restored cache: with the user's key, only narinfos it signed are served; without one, they are
 * signed afresh with a key made for this job alone (never written anywhere), so Nix keeps checking signatures and
 * accepts exactly what the entry held when setup looked (see the README's trust section).
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { type NarInfo, narInfoFingerprint, renderNarInfo } from "../../lib/narinfo.js";
import {
  hasValidSignature,
  type PublicKey,
  type SigningKey,
  signFingerprint,
  signingKeyFromSeed,
} from "../../lib/signing.js";
import { writeAtomically } from "../file/atomic-files.js";
import type { CachedPath } from "./contents.js";

/** Names of the keys made per job; signatures under such names are dropped from restored narinfos, never trusted. */
export const JOB_KEY_PREFIX = "nix-binary-cache-action-job-";

/** A key made for one step; its secret half exists only in this process's memory. */
export function newJobKey(): SigningKey {
  return signingKeyFromSeed(`${JOB_KEY_PREFIX}${randomBytes(6).toString("hex")}-1`, randomBytes(32));
}

/** Whether one of the narinfo's signatures is a valid one by `key` (looked up by name, then verified). */
export function signatureChecker(key: PublicKey): (info: NarInfo) => boolean {
  return (info) => hasValidSignature(info.sigs, () => fingerprint(info), [key]);
}

/**
 * Rewrites every narinfo with the job key's signature in place of those of earlier jobs' keys (other signatures,
 * e.g. upstream ones, stay), so that signatures do not pile up from one saved entry to the next.
 */
export function signForThisJob(dir: string, paths: readonly CachedPath[], jobKey: SigningKey): void {
  for (const path of paths) {
    const kept = path.info.sigs.filter((sig) => !sig.startsWith(JOB_KEY_PREFIX));
    const sigs = [...kept, signFingerprint(fingerprint(path.info), jobKey)];
    writeAtomically(join(dir, `${path.hashPart}.narinfo`), renderNarInfo({ ...path.info, sigs }));
  }
}

function fingerprint(info: NarInfo): string {
  return narInfoFingerprint(info.storePath, info.narHash, info.narSize, info.references);
}
