/** What an s3:// cache is made from, parsed and checked by action/inputs.ts (location.ts, credentials.ts). */
import type { PublicKey } from "../../lib/signing.js";
import type { Credentials } from "../../lib/sigv4.js";
import type { S3Location } from "./s3-client.js";

export interface S3CacheSettings {
  readonly kind: "s3";
  readonly location: S3Location;
  /** The job's AWS credentials (secret); undefined when none were found. */
  readonly credentials?: Credentials;
  /** Where they came from, for messages ("the environment", "profile 'ci' in …"); never a value. */
  readonly credentialSource?: string;
  /** The key readers trust: given, or the public half of `signingKey`. */
  readonly publicKey?: PublicKey;
}
