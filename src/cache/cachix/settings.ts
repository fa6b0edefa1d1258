/** What a Cachix cache is made from, parsed and checked from the inputs by action/inputs.ts. */
import type { PublicKey } from "../../lib/signing.js";

export interface CachixSettings {
  readonly kind: "cachix";
  /** The cache's name (`name`), checked by names.ts. */
  readonly name: string;
  /** Where Cachix's API is (`cachixHost`). */
  readonly host: URL;
  /** Caches only read from (`extraPullNames`). */
  readonly extraPullNames: readonly string[];
  /** Secret: reads private caches, and pushing needs one with write access. */
  readonly authToken?: string;
  /** The public half of `signingKey`: it must be one of the cache's keys, and narinfos carry its signature. */
  readonly signedBy?: PublicKey;
  /** The job means to push (no `skipPush`): a token that can only read deserves a warning then. */
  readonly push: boolean;
}
