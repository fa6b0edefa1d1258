/**
 * `s3://BUCKET[/PREFIX]?region=…&endpoint=…&profile=…` with the parameter names of Nix's S3 binary cache store, and
 * where requests then go: `endpoint` (a full http(s) URL; then path-style requests), else AWS_ENDPOINT_URL_S3 or
 * AWS_ENDPOINT_URL, else AWS itself (virtual-hosted). The region comes from `region`, AWS_REGION,
 * AWS_DEFAULT_REGION, or is us-east-1.
 */
import type { S3Location } from "./s3-client.js";

/** Parameters Nix's S3 store takes that this action reads; others of Nix's are refused by name, not ignored. */
const KNOWN = new Set(["region", "endpoint", "profile", "scheme"]);

export interface ParsedS3Url {
  readonly location: S3Location;
  /** The AWS profile named in the URL (`profile=`), if any. */
  readonly profile?: string;
}

/** Throws an Error saying what is wrong; it never quotes credentials, since a URL holds none. */
export function parseS3Url(text: string, env: NodeJS.ProcessEnv): ParsedS3Url {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error("it is not a URL");
  }
  if (url.protocol !== "s3:") throw new Error(`expected s3://, got ${url.protocol}//`);
  if (url.username !== "" || url.password !== "") {
    throw new Error("it holds credentials; give them as AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead");
  }
  const bucket = url.hostname;
  const problem = bucketProblem(bucket);
  if (problem !== undefined) throw new Error(`the bucket name '${bucket}' ${problem}`);
  if (url.port !== "") throw new Error("a bucket name has no port; give a custom endpoint as `endpoint=`");
  // The URL parser has resolved '.' and '..' segments (encoded ones too) already.
  const prefix = decodeURIComponent(url.pathname.replace(/^\/+/, "").replace(/\/+$/, ""));
  for (const name of url.searchParams.keys()) {
    if (!KNOWN.has(name))
      throw new Error(
        `the parameter '${name}' is not one this action takes (region, endpoint, profile, scheme)`,
      );
  }
  const region = url.searchParams.get("region") || env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1";
  if (!/^[a-z0-9-]+$/.test(region)) throw new Error(`the region '${region}' is not a region name`);
  const endpointText =
    url.searchParams.get("endpoint") || env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
  let endpoint: URL | undefined;
  if (endpointText !== undefined) {
    const scheme = url.searchParams.get("scheme");
    // Nix takes `endpoint=host:port` with `scheme=http`; a full URL says it all.
    const full = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpointText)
      ? endpointText
      : `${scheme || "https"}://${endpointText}`;
    endpoint = URL.parse(full) ?? undefined;
    if (endpoint === undefined || (endpoint.protocol !== "https:" && endpoint.protocol !== "http:")) {
      throw new Error(`the endpoint '${endpointText}' is not an http(s) URL`);
    }
    if (endpoint.search !== "" || endpoint.hash !== "" || endpoint.username !== "") {
      throw new Error(
        `the endpoint '${endpoint.origin}…' must be a plain URL (no credentials, query or fragment)`,
      );
    }
  }
  const profile = url.searchParams.get("profile") || undefined;
  return { location: { bucket, prefix: prefix === "" ? "" : `${prefix}/`, region, endpoint }, profile };
}

/** Why `name` cannot be an S3 bucket name (3–63 lower-case letters, digits, dots and hyphens), if it cannot. */
function bucketProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return "must be 3 to 63 characters long";
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) {
    return "may hold only lower-case letters, digits, dots and hyphens, and must start and end with a letter or digit";
  }
  return undefined;
}
