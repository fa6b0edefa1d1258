/**
 * Signatures on the restored cache. With the user's key, a narinfo is served only if it carries a valid signature
 * by that key. Without one, the restored narinfos are signed afresh with a key made for this job alone, whose
 * secret half never leaves this process: Nix keeps checking signatures, and what it accepts from the cache is
 * exactly what the restored entry held when setup looked at it (see the README's trust model).
 *
 * Node's own Ed25519 signs and verifies in bulk (a restore can hold thousands of narinfos, about a hundred times
 * faster than tweetnacl); Ed25519 is deterministic, so both give the same bytes.
 */
import { createPrivateKey, createPublicKey, type KeyObject, randomBytes, sign, verify } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nacl from "tweetnacl";
import { decodeBase64, encodeBase64 } from "../../lib/hash.js";
import { type NarInfo, narInfoFingerprint, renderNarInfo } from "../../lib/narinfo.js";
import type { PublicKey, SigningKey } from "../../lib/signing.js";
import type { CachedPath } from "./contents.js";

/** Names of the keys made per job; signatures under such names are dropped from restored narinfos, never trusted. */
export const JOB_KEY_PREFIX = "nix-binary-cache-action-job-";

/** A key made for one step; its secret half exists only in this process's memory. */
export interface JobKey {
  readonly signingKey: SigningKey;
  readonly privateKey: KeyObject;
}

export function newJobKey(): JobKey {
  const seed = randomBytes(32);
  const pair = nacl.sign.keyPair.fromSeed(seed);
  const name = `${JOB_KEY_PREFIX}${randomBytes(6).toString("hex")}-1`;
  const privateKey = createPrivateKey({
    key: { kty: "OKP", crv: "Ed25519", d: seed.toString("base64url"), x: base64url(pair.publicKey) },
    format: "jwk",
  });
  return {
    signingKey: { name, secretKey: pair.secretKey, publicKey: { name, key: pair.publicKey } },
    privateKey,
  };
}

/** Whether one of the narinfo's signatures is a valid one by `key` (looked up by name, then verified). */
export function signatureChecker(key: PublicKey): (info: NarInfo) => boolean {
  const publicKey = createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: base64url(key.key) },
    format: "jwk",
  });
  return (info) => {
    const message = Buffer.from(fingerprint(info));
    return info.sigs.some((sig) => {
      const colon = sig.indexOf(":");
      if (sig.slice(0, colon) !== key.name) return false;
      return verify(null, message, publicKey, decodeBase64(sig.slice(colon + 1)));
    });
  };
}

/**
 * Rewrites every narinfo with the job key's signature in place of those of earlier jobs' keys (other signatures,
 * e.g. upstream ones, stay), so that signatures do not pile up from one saved entry to the next.
 */
export async function signForThisJob(dir: string, paths: Iterable<CachedPath>, key: JobKey): Promise<void> {
  for (const path of paths) {
    const kept = path.info.sigs.filter((sig) => !sig.startsWith(JOB_KEY_PREFIX));
    const signature = sign(null, Buffer.from(fingerprint(path.info)), key.privateKey);
    const sigs = [...kept, `${key.signingKey.name}:${encodeBase64(signature)}`];
    const file = join(dir, `${path.hashPart}.narinfo`);
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      await writeFile(temporary, renderNarInfo({ ...path.info, sigs }));
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}

function fingerprint(info: NarInfo): string {
  return narInfoFingerprint(info.storePath, info.narHash, info.narSize, info.references);
}

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}
