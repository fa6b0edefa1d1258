import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FINISH_SIGNAL, finishPusher, PUSHER_FILES } from "../../src/push/pusher-process.js";

describe("finishPusher", () => {
  /** A stand-in pusher: a detached process with `dir` on its command line that does what `script` says. */
  async function standIn(script: string): Promise<{ dir: string; pid: number }> {
    const dir = await mkdtemp(join(tmpdir(), "pusher-"));
    const child = spawn(process.execPath, ["-e", script, dir], { detached: true, stdio: "ignore" });
    await new Promise((resolve) => child.once("spawn", resolve));
    child.unref();
    writeFileSync(join(dir, PUSHER_FILES.pid), `${child.pid}\n`);
    writeFileSync(join(dir, PUSHER_FILES.log), "started\n");
    const line = JSON.stringify({
      path: "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-x",
      narSize: 2,
      fileSize: 1,
    });
    // A record cut short by a kill is no record.
    writeFileSync(join(dir, PUSHER_FILES.published), `${line}\n{"path":"/nix/sto`);
    // Until its handlers are set.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { dir, pid: child.pid as number };
  }
  const gone = (pid: number) => {
    try {
      process.kill(pid, 0);
      return readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z");
    } catch {
      return true;
    }
  };
  const never = new AbortController().signal;

  it("asks it to finish and waits for it; reads what it published and its log", async () => {
    const { dir, pid } = await standIn(
      `process.on("${FINISH_SIGNAL}", () => setTimeout(() => process.exit(0), 200)); setInterval(() => {}, 1000);`,
    );
    const result = await finishPusher(dir, { deadline: AbortSignal.timeout(5000), stop: never });
    expect(result.ending).toBe("finished");
    expect([...result.published]).toEqual([
      ["/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-x", { narSize: 2, fileSize: 1 }],
    ]);
    expect(result.log).toBe("started\n");
    expect(gone(pid)).toBe(true);
    await rm(dir, { recursive: true });
  });

  it("ends one that does not finish by the deadline, and one whose post is stopped", async () => {
    for (const [ending, options] of [
      ["timed-out", { deadline: AbortSignal.timeout(300), stop: never }],
      ["stopped", { deadline: AbortSignal.timeout(60_000), stop: AbortSignal.timeout(300) }],
    ] as const) {
      // Ignores the finish signal and SIGTERM: only SIGKILL of its group ends it.
      const { dir, pid } = await standIn(
        `process.on("${FINISH_SIGNAL}", () => {}); process.on("SIGTERM", () => {}); setInterval(() => {}, 1000);`,
      );
      const started = Date.now();
      const result = await finishPusher(dir, options);
      expect(result.ending).toBe(ending);
      expect(gone(pid)).toBe(true);
      // The deadline, half a second for SIGTERM, and a little.
      expect(Date.now() - started).toBeLessThan(3000);
      await rm(dir, { recursive: true });
    }
  });

  it("leaves alone a process whose pid the pusher's file names but is not the pusher", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pusher-"));
    const other = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    await new Promise((resolve) => other.once("spawn", resolve));
    writeFileSync(join(dir, PUSHER_FILES.pid), `${other.pid}\n`);
    const result = await finishPusher(dir, { deadline: AbortSignal.timeout(300), stop: never });
    expect(result.ending).toBe("gone");
    expect(gone(other.pid as number)).toBe(false);
    other.kill("SIGKILL");
    await rm(dir, { recursive: true });
  });
});
