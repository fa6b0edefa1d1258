/**
 * moto's S3 server (moto 5.2.1, with the machine's Python; see ../shared/reference/machine-notes.md, "S3 servers")
 * with IAM authentication on: after the three unsigned IAM calls that make the test user and its key, every request
 * must carry a valid SigV4 signature by that key (a wrong secret gets 403 SignatureDoesNotMatch).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import path from "node:path";

export interface MotoServer {
  /** http://127.0.0.1:PORT */
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  stop(): Promise<void>;
}

export async function startMoto(buckets: readonly string[]): Promise<MotoServer> {
  const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", "0"], {
    env: { ...process.env, INITIAL_NO_AUTH_ACTION_COUNT: "3" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let said = "";
    const timer = setTimeout(() => reject(new Error(`moto_server did not start: ${said}`)), 20_000);
    const read = (chunk: Buffer) => {
      said += chunk.toString("utf8");
      const port = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(said)?.[1];
      if (port !== undefined) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${port}`);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => reject(new Error(`moto_server exited (${code}): ${said}`)));
  });
  const setup = path.join(import.meta.dirname, "moto-setup.py");
  const key = JSON.parse(execFileSync("python3", [setup, endpoint, ...buckets], { encoding: "utf8" })) as {
    accessKeyId: string;
    secretAccessKey: string;
  };
  return { endpoint, ...key, stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
