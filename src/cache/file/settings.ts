/** What a file:// cache is made from, parsed and checked from the inputs by action/inputs.ts. */
import type { PublicKey } from "../../lib/signing.js";

export interface FileCacheSettings {
  readonly kind: "file";
  /** `file:///dir`, checked by nix/cache-url.ts. */
  readonly url: URL;
  /** The key readers trust: given, or the public half of `signingKey`. */
  readonly publicKey?: PublicKey;
}
