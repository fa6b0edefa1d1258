/**
 * Scenario (h)'s candidate `aws4fetch`: a small SigV4 signer over Node's fetch. A file goes up streamed (a web
 * stream of the file, `duplex: "half"`, which aws4fetch adds itself) with its Content-Length set by hand (fetch
 * would otherwise send it chunked, which S3 refuses); aws4fetch then signs x-amz-content-sha256 as
 * UNSIGNED-PAYLOAD, since it cannot hash a stream. No file is read into memory.
 */
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { AwsClient } from "aws4fetch";
import { type Candidate, runProbe, type Target } from "./s3-client-drive.js";

function connect(target: Target): Candidate {
  const client = new AwsClient({
    accessKeyId: target.accessKeyId,
    secretAccessKey: target.secretAccessKey,
    service: "s3",
    region: target.region,
  });
  const url = (key: string) =>
    `${target.endpoint}/${target.bucket}/${key.split("/").map(encodeURIComponent).join("/")}`;
  const check = async (what: string, response: Response) => {
    if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  };
  return {
    put: async (key, file, size) => {
      const response = await client.fetch(url(key), {
        method: "PUT",
        body: Readable.toWeb(createReadStream(file, { highWaterMark: 1024 * 1024 })) as ReadableStream,
        headers: { "Content-Length": String(size), "Content-Type": "application/x-nix-nar" },
      });
      await check(`PUT ${key}`, response);
      await response.arrayBuffer();
    },
    head: async (key) => {
      const response = await client.fetch(url(key), { method: "HEAD" });
      if (response.status === 404) return false;
      await check(`HEAD ${key}`, response);
      return true;
    },
    get: async (key) => {
      const response = await client.fetch(url(key), { method: "GET" });
      if (response.status === 404) return undefined;
      await check(`GET ${key}`, response);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}

await runProbe(connect);
