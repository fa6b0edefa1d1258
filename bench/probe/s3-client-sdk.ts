/**
 * Scenario (h)'s candidate `sdk`: the AWS SDK's S3 client (@aws-sdk/client-s3), path-style on the sink's endpoint.
 * A file goes up as one PutObject with a read stream and its ContentLength. `checksums` sets both of the SDK's
 * checksum settings: WHEN_SUPPORTED (its default: a CRC32 of every upload) or WHEN_REQUIRED (only where an
 * operation demands one).
 */
import { createReadStream } from "node:fs";
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { type Candidate, type CandidateSettings, runProbe, type Target } from "./s3-client-drive.js";

function connect(target: Target, settings: CandidateSettings): Candidate {
  const checksums = settings.checksums ?? "WHEN_SUPPORTED";
  const client = new S3Client({
    region: target.region,
    endpoint: target.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey },
    requestChecksumCalculation: checksums,
    responseChecksumValidation: checksums,
  });
  const Bucket = target.bucket;
  return {
    put: async (Key, file, size) => {
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key,
          Body: createReadStream(file),
          ContentLength: size,
          ContentType: "application/x-nix-nar",
        }),
      );
    },
    head: async (Key) => {
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key }));
        return true;
      } catch (error) {
        if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
          return false;
        throw error;
      }
    },
    get: async (Key) => {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket, Key }));
        return await answer.Body?.transformToByteArray();
      } catch (error) {
        if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
          return undefined;
        throw error;
      }
    },
  };
}

await runProbe(connect);
