/**
 * Scenario (h)'s candidate `ours`: the action's own S3 client (src/cache/s3/s3-client.ts: SigV4 from
 * src/lib/sigv4.ts over node:http), as the S3 cache calls it. It signs x-amz-content-sha256 with the payload's
 * SHA-256, which it computes unless told (post knows it from staging), and sends no x-amz-checksum-* header.
 */
import { S3Client } from "../../src/cache/s3/s3-client.js";
import { type Candidate, type CandidateSettings, runProbe, type Target } from "./s3-client-drive.js";

/** The probe ends no call early. */
const NEVER = new AbortController().signal;

function connect(target: Target, settings: CandidateSettings): Candidate {
  const credentials = { accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey };
  const client = new S3Client(
    { bucket: target.bucket, prefix: "", region: target.region, endpoint: new URL(target.endpoint) },
    () => credentials,
    {
      multipartThreshold: settings.multipartThreshold,
      partSize: settings.partSize,
      partConcurrency: settings.partConcurrency,
    },
  );
  return {
    put: (key, file, size, sha256) =>
      client.putFile(key, file, size, { contentType: "application/x-nix-nar", sha256 }, NEVER),
    head: (key) => client.exists(key, NEVER),
    // Read back whole, as the other clients do (its own default bound is for narinfos: 4 MiB).
    get: (key) => client.get(key, NEVER, 2 ** 30),
  };
}

await runProbe(connect);
