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
  readonly version: 1;
  /** Where setup restored the entry: `<root>/cache` is the binary cache. */
  readonly root: string;
  readonly storeDir: string;
  /** The entry restored, if any. */
  readonly restoredKey?: string;
  /** Paths setup dropped from the restored entry (unsigned, unusable): a reason to save a new one. */
  readonly dropped: number;
}

/** `value` as this version's hand-over, or undefined when it is none (a setup of another version, no restore). */
export function asActionsCacheHandOver(value: unknown): ActionsCacheHandOver | undefined {
  const handOver = value as Partial<ActionsCacheHandOver> | undefined;
  if (handOver?.kind !== "actions-cache" || handOver.version !== 1) return undefined;
  if (typeof handOver.root !== "string" || typeof handOver.storeDir !== "string") return undefined;
  if (typeof handOver.dropped !== "number") return undefined;
  return handOver as ActionsCacheHandOver;
}
