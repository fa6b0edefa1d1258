/**
 * What setup makes of a restored binary cache before Nix is pointed at it: unusable narinfos (unreadable, NAR
 * missing, or — with a key configured — not validly signed by it) are dropped with every path that refers to
 * them, and the rest is signed for this job when no key is configured.
 */

import type { Log } from "../../lib/ports.js";
import type { PublicKey, SigningKey } from "../../lib/signing.js";
import { referrerIndex, scanCache, sweep, withReferrers } from "./contents.js";
import { signatureChecker, signForThisJob } from "./trust.js";

export type Trust =
  | { readonly kind: "key"; readonly publicKey: PublicKey }
  | { readonly kind: "job-key"; readonly jobKey: SigningKey };

interface AuditResult {
  readonly kept: number;
  readonly dropped: number;
}

const EXAMPLES = 5;

export async function auditRestoredCache(
  dir: string,
  storeDir: string,
  trust: Trust,
  log: Log,
): Promise<AuditResult> {
  const scan = await scanCache(dir, storeDir);
  const reasons = new Map<string, string>();
  for (const rejection of scan.rejected) reasons.set(rejection.hashPart, rejection.reason);
  if (trust.kind === "key") {
    const signed = signatureChecker(trust.publicKey);
    for (const [hashPart, path] of scan.paths) {
      if (!signed(path.info)) {
        reasons.set(
          hashPart,
          `not validly signed by ${trust.publicKey.name} (tampered with, or signed by another key)`,
        );
      }
    }
  }
  const dropped = withReferrers(referrerIndex(scan.paths), reasons.keys());
  const keep = new Set([...scan.paths.keys()].filter((hashPart) => !dropped.has(hashPart)));
  await sweep(dir, scan, keep);
  if (trust.kind === "job-key") {
    const paths = [...keep].flatMap((hashPart) => scan.paths.get(hashPart) ?? []);
    signForThisJob(dir, paths, trust.jobKey);
  }
  if (dropped.size > 0) {
    const name = (hashPart: string) => scan.paths.get(hashPart)?.info.storePath ?? `${hashPart}.narinfo`;
    const examples = [...dropped].slice(0, EXAMPLES).map((hashPart) => {
      const reason = reasons.get(hashPart) ?? "it refers to a dropped path";
      return `${name(hashPart)}: ${reason}`;
    });
    const more = dropped.size > EXAMPLES ? `; and ${dropped.size - EXAMPLES} more` : "";
    log.warning(
      `Dropped ${dropped.size} of ${dropped.size + keep.size} paths restored from the GitHub Actions cache, so ` +
        `Nix will not substitute them from it (they are rebuilt or fetched elsewhere, then pushed again): ` +
        `${examples.join("; ")}${more}.`,
    );
  }
  return { kept: keep.size, dropped: dropped.size };
}
