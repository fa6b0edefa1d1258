/**
 * How a job's Nix reads a private bucket without ever holding the job's credentials: a server on 127.0.0.1 (in a
 * process setup leaves running; see reader.ts) that takes Nix's GET and HEAD of nix-cache-info, narinfos and NARs
 * — nothing else, and only with the job's netrc credentials under the job's random prefix — and fetches each from
 * the bucket with a request it signs itself. Nix sees an http:// cache, so every Nix version reads S3 this way, and
 * a daemon (root) substitutes through it without the keys reaching it or any file.
 */
import type { Server } from "node:http";
import { pipeline } from "node:stream/promises";
import { describeError } from "../../lib/errors.js";
import type { Log } from "../../lib/ports.js";
import { createJobServer, reply } from "../../net/job-server.js";
import type { S3Client } from "./s3-client.js";

export interface S3ReadProxyOptions {
  readonly client: S3Client;
  readonly prefix: string;
  readonly authorization: string;
  readonly log: Log;
}

const CONTENT_TYPES = {
  "cache-info": "text/x-nix-cache-info",
  narinfo: "text/x-nix-narinfo",
  nar: "application/x-nix-nar",
} as const;

export function createS3ReadProxy(options: S3ReadProxyOptions): Server {
  const { client, log } = options;
  let failures = 0;
  return createJobServer(
    {
      prefix: options.prefix,
      authorization: options.authorization,
      onError: (m) => log.warning(`The S3 read proxy: ${m}`),
    },
    async (file, request, response) => {
      const key =
        file.kind === "cache-info"
          ? "nix-cache-info"
          : file.kind === "narinfo"
            ? `${file.hashPart}.narinfo`
            : file.name;
      const abort = new AbortController();
      response.on("close", () => abort.abort());
      try {
        if (request.method === "HEAD") {
          const found = await client.exists(key, abort.signal);
          return reply(response, found ? 200 : 404, "", { "Content-Type": CONTENT_TYPES[file.kind] }, true);
        }
        const source = await client.open(key, abort.signal);
        if (source === undefined) return reply(response, 404, "not in this cache");
        const length = source.headers["content-length"];
        response.writeHead(200, {
          "Content-Type": CONTENT_TYPES[file.kind],
          ...(length === undefined ? {} : { "Content-Length": length }),
        });
        await pipeline(source, response).catch(() => response.destroy());
      } catch (error) {
        if (abort.signal.aborted) return;
        // One warning, not one per path: expired session credentials fail every request the same way.
        if (failures++ === 0) log.warning(`Reading ${key} from the bucket failed: ${describeError(error)}`);
        if (!response.headersSent) reply(response, 502, "the bucket could not be read");
      }
    },
  );
}
