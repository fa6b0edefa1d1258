/** What setup pipes to the S3 read proxy (see read-proxy.ts and reader.ts): the bucket, the keys, the job's lock. */
import type { Credentials } from "../../lib/sigv4.js";
import type { S3Location } from "./s3-client.js";

export interface S3ReaderRequest {
  readonly kind: "s3";
  readonly bucket: string;
  readonly prefix: string;
  readonly region: string;
  readonly endpoint?: string;
  readonly credentials: Credentials;
  /** The path every URL starts with, and the Authorization header the job's netrc makes curl send. */
  readonly urlPrefix: string;
  readonly authorization: string;
}

export function s3Location(request: S3ReaderRequest): S3Location {
  const { bucket, prefix, region, endpoint } = request;
  return { bucket, prefix, region, endpoint: endpoint === undefined ? undefined : new URL(endpoint) };
}
