/**
 * The Actions cache's read server as a process (dist/action/reader.js, started by setup; see
 * cache/actions-cache/read-server.ts): reads its request from stdin, listens on 127.0.0.1, says its port on fd 3,
 * and serves Nix until post ends it (SIGTERM). Its stdout and stderr are its log file, which post prints.
 */
import { appendFileSync, closeSync, writeSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createReadServer } from "./cache/actions-cache/read-server.js";
import { decodeReaderRequest, type ReaderRequest } from "./cache/actions-cache/reader-request.js";
import { formatBytes } from "./lib/bytes.js";
import { describeError } from "./lib/errors.js";
import { lineLog } from "./lib/line-log.js";

/** Where it says its port: setup waits for that line (process/background.ts). */
const READY_FD = 3;

export async function run(_dir: string): Promise<void> {
  const log = lineLog((line) => process.stdout.write(line));
  // The runner's SIGINT goes to the step that runs, not here; post decides when the server ends.
  process.on("SIGINT", () => {});
  try {
    const request: ReaderRequest = JSON.parse(await readStdin());
    const { server, stats } = createReadServer({
      ...decodeReaderRequest(request),
      log,
      onPackGone: (pack) => appendFileSync(request.goneFile, `${pack}\n`, { mode: 0o600 }),
    });
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
    log.info(`Serving ${request.paths} paths of the GitHub Actions cache to Nix.`);
    await ended;
    const gone =
      stats.gonePacks.size > 0 ? `; ${stats.gonePacks.size} cache entries were evicted during the job` : "";
    log.info(
      `Served ${stats.narInfos} narinfos and ${stats.nars} NARs (${formatBytes(stats.narBytes)} read from the cache)${gone}.`,
    );
  } catch (error) {
    log.warning(`The read server ended: ${describeError(error)}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
