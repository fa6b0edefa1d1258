/** What the Actions cache mode is made from (parsed from the inputs by action/inputs.ts), and what setup hands post. */
import type { PublicKey } from "../../lib/signing.js";

export interface ActionsCacheSettings {
  readonly kind: "actions-cache";
  /** `cacheKey`: one more part of the entries' keys, to keep caches apart. */
  readonly key: string;
  /** `cacheSizeLimit` in bytes: post prunes the least recently used paths beyond it. */
  readonly sizeLimit: number;
  /** With a key, restored paths must carry its signatures; without one, each job signs with a key of its own. */
  readonly publicKey?: PublicKey;
}

/** Kept in the step's state from setup to post; `version` changes with its shape. */
export interface ActionsCacheHandOver {
  readonly kind: "actions-cache";
  readonly version: 2;
  /** Setup's directory (0700): the index as audited (`index.zst`), and `new/`, the file cache this job pushes to. */
  readonly root: string;
  readonly storeDir: string;
  /** The index read, if any. */
  readonly restoredKey?: string;
  /** Paths setup left out of the index read (their entry evicted, or not validly signed): a reason to save. */
  readonly dropped: number;
}

/** `value` as this version's hand-over, or undefined when it is none (a setup of another version, no restore). */
export function asActionsCacheHandOver(value: unknown): ActionsCacheHandOver | undefined {
  const handOver = value as Partial<ActionsCacheHandOver> | undefined;
  if (handOver?.kind !== "actions-cache" || handOver.version !== 2) return undefined;
  if (typeof handOver.root !== "string" || typeof handOver.storeDir !== "string") return undefined;
  if (typeof handOver.dropped !== "number") return undefined;
  return handOver as ActionsCacheHandOver;
}
