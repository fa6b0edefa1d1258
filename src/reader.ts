/**
 * A backend's read server as a process (dist/action/reader.js, started by setup): the Actions cache's
 * (cache/actions-cache/read-server.ts) or the S3 read proxy (cache/s3/read-proxy.ts), as its request's `kind`
 * says. It reads that request from stdin, listens on 127.0.0.1, says its port on fd 3, and serves Nix until post
 * ends it (SIGTERM). Its stdout and stderr are its log file, which post prints.
 */
import { appendFileSync, closeSync, writeSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createReadServer } from "./cache/actions-cache/read-server.js";
import { decodeReaderRequest, type ReaderRequest } from "./cache/actions-cache/reader-request.js";
import { createS3ReadProxy } from "./cache/s3/read-proxy.js";
import { type S3ReaderRequest, s3Location } from "./cache/s3/reader-request.js";
import { S3Client } from "./cache/s3/s3-client.js";
import { formatBytes } from "./lib/bytes.js";
import { describeError } from "./lib/errors.js";
import { lineLog } from "./lib/line-log.js";
import type { Log } from "./lib/ports.js";

/** Where it says its port: setup waits for that line (process/background.ts). */
const READY_FD = 3;

export async function run(_dir: string): Promise<void> {
  const log = lineLog((line) => process.stdout.write(line));
  // The runner's SIGINT goes to the step that runs, not here; post decides when the server ends.
  process.on("SIGINT", () => {});
  try {
    const request = JSON.parse(await readStdin()) as ReaderRequest | S3ReaderRequest;
    const { server, report } = serverFor(request, log);
    const ended = new Promise<void>((resolve) => {
      process.once("SIGTERM", () => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    writeSync(READY_FD, `${(server.address() as AddressInfo).port}\n`);
    closeSync(READY_FD);
    await ended;
    report();
  } catch (error) {
    log.warning(`The read server ended: ${describeError(error)}`);
  }
}

/** The server `request` asks for, and what it says when it ends. */
function serverFor(
  request: ReaderRequest | S3ReaderRequest,
  log: Log,
): { server: Server; report: () => void } {
  if (request.kind === "s3") {
    const client = new S3Client(s3Location(request), () => request.credentials);
    log.info(
      `Serving ${request.bucket}/${request.prefix} to Nix, signing its requests with the job's credentials.`,
    );
    const server = createS3ReadProxy({
      client,
      prefix: request.urlPrefix,
      authorization: request.authorization,
      log,
    });
    return { server, report: () => log.info("The S3 read proxy ended.") };
  }
  const { server, stats } = createReadServer({
    ...decodeReaderRequest(request),
    log,
    onPackGone: (pack) => appendFileSync(request.goneFile, `${pack}\n`, { mode: 0o600 }),
  });
  log.info(`Serving ${request.paths} paths of the GitHub Actions cache to Nix.`);
  return {
    server,
    report: () => {
      const gone =
        stats.gonePacks.size > 0 ? `; ${stats.gonePacks.size} cache entries were evicted during the job` : "";
      log.info(
        `Served ${stats.narInfos} narinfos and ${stats.nars} NARs (${formatBytes(stats.narBytes)} read from the cache)${gone}.`,
      );
    },
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
