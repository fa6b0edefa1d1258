/**
 * Debian's nginx as an HTTP binary cache on loopback, for scenario (e): a server of its own on 127.0.0.1 and a free
 * port, config, logs and served directory under the bench's root, uploads by PUT through the DAV module, no
 * authentication, no access log (it would only cost time).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import path from "node:path";

export interface Nginx {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** The directory nginx serves and writes to. */
  readonly root: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
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

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function config(dir: string, root: string, port: number): string {
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    .map((kind) => `${kind}_temp_path ${path.join(dir, `${kind}-temp`)};`)
    .join("\n  ");
  // As root, nginx's workers would otherwise run as nobody and could not write to the bench's directories.
  const user = process.getuid?.() === 0 ? "user root;" : "";
  return `daemon off;
worker_processes 1;
${user}
pid ${path.join(dir, "nginx.pid")};
error_log ${path.join(dir, "error.log")};
events { worker_connections 1024; }
http {
  ${temp}
  access_log off;
  sendfile on;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    client_max_body_size 0;
    location / {
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw group:r all:r;
    }
  }
}
`;
}

export async function startNginx(dir: string): Promise<Nginx> {
  const root = path.join(dir, "www");
  mkdirSync(root, { recursive: true });
  const port = await freePort();
  writeFileSync(path.join(dir, "nginx.conf"), config(dir, root, port));
  const child: ChildProcess = spawn(
    "nginx",
    ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log")],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await accepts(port)) return { origin: `http://127.0.0.1:${port}`, root, stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`nginx did not start: ${stderr}`);
}
