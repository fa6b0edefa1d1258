/**
 * Debian's nginx as a private binary cache for tests: a server of its own on 127.0.0.1 and a free port, with its
 * config, pid, logs, temp paths and served directory in a temp dir, PUT through the DAV module (as a self-hosted
 * cache would take uploads), and one credential.
 *
 * - With a login, nginx's own basic auth checks it (an htpasswd made with `openssl passwd -apr1`).
 * - Without one, the `Authorization` header must be exactly `Basic base64(":" + password)`, which is what Nix sends for
 *   a netrc entry without `login`. nginx's auth_basic cannot take that: it rejects an empty user name (tested).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface NginxCredentials {
  readonly login?: string;
  readonly password: string;
}

/** One line of the access log. */
export interface LoggedRequest {
  readonly method: string;
  /** The path as requested, e.g. `/ci/nix-cache-info`. */
  readonly path: string;
  readonly status: number;
  /** `-` when the request had none. */
  readonly contentType: string;
  readonly contentLength: string;
}

export interface NginxServer {
  /** `http://127.0.0.1:<port>` with no trailing slash. */
  readonly origin: string;
  readonly port: number;
  /** The directory nginx serves and writes to. */
  readonly root: string;
  requests(): LoggedRequest[];
  stop(): Promise<void>;
}

export interface NginxOptions {
  /** Log every request for `requests()` (the default); the bench turns it off, as it would only cost time. */
  readonly accessLog?: boolean;
}

/** Shared with the bench (bench/run.ts), which Node runs as TypeScript directly: node: imports only. */
export async function startNginx(
  credentials?: NginxCredentials,
  options: NginxOptions = {},
): Promise<NginxServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "nbca-nginx-"));
  const root = path.join(dir, "www");
  mkdirSync(root);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    writeFileSync(
      path.join(dir, "nginx.conf"),
      config(dir, root, port, credentials, options.accessLog ?? true),
    );
    const child = spawn(
      "nginx",
      ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log")],
      {
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    if (await listening(port, child)) {
      return {
        origin: `http://127.0.0.1:${port}`,
        port,
        root,
        requests: () => readLog(path.join(dir, "access.log")),
        stop: async () => {
          await stopProcess(child);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    await stopProcess(child);
    // Another process may take the port between our probe and nginx's bind.
    if (!/Address already in use/.test(stderr) || attempt >= 5) {
      throw new Error(`nginx did not start: ${stderr || readFileOr(path.join(dir, "error.log"))}`);
    }
  }
}

function config(
  dir: string,
  root: string,
  port: number,
  credentials: NginxCredentials | undefined,
  accessLog: boolean,
): string {
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    .map((kind) => `${kind}_temp_path ${path.join(dir, `${kind}-temp`)};`)
    .join("\n  ");
  let auth = "";
  let map = "";
  if (credentials?.login !== undefined) {
    const hash = execFileSync("openssl", ["passwd", "-apr1", "-stdin"], {
      input: credentials.password,
    }).toString();
    writeFileSync(path.join(dir, "htpasswd"), `${credentials.login}:${hash.trim()}\n`);
    auth = `auth_basic "nix cache"; auth_basic_user_file ${path.join(dir, "htpasswd")};`;
  } else if (credentials !== undefined) {
    const header = `Basic ${Buffer.from(`:${credentials.password}`).toString("base64")}`;
    map = `map $http_authorization $authorized { default 0; "${header}" 1; }`;
    auth = `if ($authorized = 0) { add_header WWW-Authenticate 'Basic realm="nix cache"' always; return 401; }`;
  }
  return `daemon off;
worker_processes 1;
user root;
pid ${path.join(dir, "nginx.pid")};
error_log ${path.join(dir, "error.log")};
events { worker_connections 512; }
http {
  ${temp}
  log_format nbca '$request_method $request_uri $status "$content_type" "$content_length"';
  access_log ${accessLog ? `${path.join(dir, "access.log")} nbca` : "off"};
  sendfile on;
  map_hash_bucket_size 512;
  ${map}
  server {
    listen 127.0.0.1:${port};
    root ${root};
    client_max_body_size 0;
    location / {
      ${auth}
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw group:r all:r;
    }
  }
}
`;
}

function readLog(file: string): LoggedRequest[] {
  const pattern = /^(\S+) (\S+) (\d+) "([^"]*)" "([^"]*)"$/;
  return readFileOr(file)
    .split("\n")
    .flatMap((line) => {
      const match = pattern.exec(line);
      if (match === null) return [];
      const [, method = "", requestPath = "", status = "", contentType = "", contentLength = ""] = match;
      return [{ method, path: requestPath, status: Number(status), contentType, contentLength }];
    });
}

function readFileOr(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Whether `port` accepts connections before `child` exits (or 10 s pass). */
async function listening(port: number, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok && child.exitCode === null) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
