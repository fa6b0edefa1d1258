import { describe, expect, it } from "vitest";
import { parseS3Url } from "../../../src/cache/s3/location.js";

describe("an s3:// cache URL", () => {
  it("names a bucket and a prefix; AWS itself by default, in the region the URL or the environment gives", () => {
    const { location } = parseS3Url("s3://my-cache/ci/linux", { AWS_REGION: "eu-west-1" });
    expect(location).toEqual({
      bucket: "my-cache",
      prefix: "ci/linux/",
      region: "eu-west-1",
      endpoint: undefined,
    });
    expect(parseS3Url("s3://my-cache", {}).location).toMatchObject({ prefix: "", region: "us-east-1" });
    expect(parseS3Url("s3://my-cache?region=ap-south-1", { AWS_REGION: "eu-west-1" }).location.region).toBe(
      "ap-south-1",
    );
    expect(parseS3Url("s3://my-cache", { AWS_DEFAULT_REGION: "us-west-2" }).location.region).toBe(
      "us-west-2",
    );
  });

  it("takes a custom endpoint from `endpoint` (with Nix's `scheme` for a bare host), else AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL", () => {
    const endpoint = (text: string, env: NodeJS.ProcessEnv = {}) =>
      parseS3Url(text, env).location.endpoint?.href;
    expect(endpoint("s3://c-1?endpoint=https://acc.r2.cloudflarestorage.com")).toBe(
      "https://acc.r2.cloudflarestorage.com/",
    );
    expect(endpoint("s3://c-1?endpoint=minio.lan:9000&scheme=http")).toBe("http://minio.lan:9000/");
    expect(endpoint("s3://c-1?endpoint=minio.lan:9000")).toBe("https://minio.lan:9000/");
    const env = { AWS_ENDPOINT_URL_S3: "http://127.0.0.1:9000", AWS_ENDPOINT_URL: "http://other:1" };
    expect(endpoint("s3://c-1", env)).toBe("http://127.0.0.1:9000/");
    expect(endpoint("s3://c-1", { AWS_ENDPOINT_URL: "http://other:1" })).toBe("http://other:1/");
    expect(endpoint("s3://c-1?endpoint=http://given:2", env)).toBe("http://given:2/");
  });

  it("refuses what it cannot use, saying why", () => {
    expect(() => parseS3Url("s3://ab", {})).toThrow(/bucket name 'ab' must be 3 to 63/);
    expect(() => parseS3Url("s3://MyCache", {})).toThrow(/bucket name 'MyCache' may hold only lower-case/);
    expect(() => parseS3Url("s3://my_cache", {})).toThrow(/lower-case letters, digits, dots and hyphens/);
    expect(() => parseS3Url("s3://key:secret@my-cache", {})).toThrow(/holds credentials/);
    expect(() => parseS3Url("s3://my-cache?compression=xz", {})).toThrow(
      /'compression' is not one this action takes/,
    );
    expect(() => parseS3Url("s3://my-cache?endpoint=ftp://x", {})).toThrow(/not an http\(s\) URL/);
    expect(() => parseS3Url("s3://my-cache?region=EU%20West", {})).toThrow(/not a region name/);
  });
});
