/** What an http(s):// cache is made from, parsed and checked from the inputs by action/inputs.ts. */
import type { PublicKey } from "../../lib/signing.js";

export interface HttpCacheSettings {
  readonly kind: "http";
  /** An http(s):// URL, checked by nix/cache-url.ts. */
  readonly url: URL;
  /** The key readers trust: given, or the public half of `signingKey`. */
  readonly publicKey?: PublicKey;
  /** Basic auth as Nix sends it from a netrc entry; `authUser` is its login. Secret. */
  readonly authToken?: string;
  readonly authUser?: string;
}
