import { copyFile, mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { configureNixForLaterSteps, undoNixConfig } from "../src/configure-nix.js";
import type { CommandRunner } from "../src/nix/command.js";
import { NixStore } from "../src/nix/store.js";
import { RecordingLog, RecordingRunnerFiles } from "./helpers/fakes.js";

const KEY = "test-cache-1:rFjR3jTjc8PoZRNM/TV1mdHUF25V4W+wbOI0WwWCN+Q=";
const CACHE = { substituters: [{ url: "https://cache.example", publicKeys: [KEY] }], netrc: [] };
let dir: string;
let userNetrc: string;
let confDir: string;
let socket: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "configure-"));
  userNetrc = join(dir, "user-netrc");
  confDir = await mkdtemp(join(tmpdir(), "configure-etc-nix-"));
  socket = join(dir, "daemon-socket");
  await writeFile(socket, "");
});

/**
 * A machine as the commands see it: Nix 2.8's `show-config --json` (netrc-file, trusted-users), `id -Gn`, and
 * sudo, which (when allowed) runs cp for real and records the daemon restart.
 */
function machine(options: { trustedUsers: string[]; sudo: boolean }) {
  const calls: string[][] = [];
  const run: CommandRunner = async (program, args) => {
    calls.push([program, ...args]);
    const ok = (stdout = "") => ({ exitCode: 0, stdout, stderr: "" });
    if (program === "nix") {
      return ok(
        JSON.stringify({
          "netrc-file": { value: userNetrc },
          "trusted-users": { value: options.trustedUsers },
          store: { value: "auto" },
        }),
      );
    }
    if (program === "id") return ok("root ci-runners\n");
    if (program === "sudo") {
      if (!options.sudo) return { exitCode: 1, stdout: "", stderr: "sudo: a password is required\n" };
      if (args[1] === "cp") await copyFile(args[2] ?? "", args[3] ?? "");
      return ok();
    }
    throw new Error(`unexpected command ${program}`);
  };
  return { run, calls, nix: new NixStore(run, "/nix/store") };
}

async function configure(
  config: Parameters<typeof configureNixForLaterSteps>[0],
  options: { trustedUsers?: string[]; sudo?: boolean; env?: NodeJS.ProcessEnv } = {},
) {
  const { run, calls, nix } = machine({
    trustedUsers: options.trustedUsers ?? ["root"],
    sudo: options.sudo ?? true,
  });
  const runner = new RecordingRunnerFiles();
  const log = new RecordingLog();
  const env = {
    NIX_CONF_DIR: confDir,
    NIX_DAEMON_SOCKET_PATH: socket,
    PATH: "/usr/bin:/bin",
    ...options.env,
  };
  const outcome = await configureNixForLaterSteps(config, { nix, run, runner, log, env, tempDir: dir });
  return { runner, log, outcome, calls, run, env };
}

describe("configureNixForLaterSteps", () => {
  it("adds substituters with keys, merged into the job's NIX_CONFIG", async () => {
    const { runner, outcome, log } = await configure(CACHE, { env: { NIX_CONFIG: "max-jobs = 1" } });
    expect(outcome.added.map((s) => s.url)).toEqual(["https://cache.example"]);
    expect(runner.exported.get("NIX_CONFIG")).toBe(
      `max-jobs = 1\nextra-substituters = https://cache.example\nextra-trusted-public-keys = ${KEY}`,
    );
    expect(log.of("info").join("\n")).toMatch(/Nix installation: single-user/);
  });

  it("leaves out, with a notice, a substituter no key could verify", async () => {
    const { runner, log, outcome } = await configure({
      substituters: [{ url: "file:///c", publicKeys: [] }],
      netrc: [],
    });
    expect(outcome.added).toEqual([]);
    expect(runner.exported.size).toBe(0);
    expect(log.of("notice")[0]).toMatch(/No public key is known for file:\/\/\/c/);
  });

  it("writes credentials to a private netrc under RUNNER_TEMP that keeps the user's other entries", async () => {
    await writeFile(userNetrc, "machine github.com\nlogin me\npassword gh-token\n");
    const { runner, outcome } = await configure({
      ...CACHE,
      netrc: [{ machine: "cache.example", password: "s3cret" }],
    });
    const file = join(dir, "nix-binary-cache/netrc");
    expect(outcome.netrcFile).toBe(file);
    expect(await readFile(file, "utf8")).toBe(
      "machine github.com\nlogin me\npassword gh-token\nmachine cache.example\npassword s3cret\n",
    );
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(runner.exported.get("NIX_CONFIG")).toContain(`netrc-file = ${file}`);
    expect(await readFile(userNetrc, "utf8")).toBe("machine github.com\nlogin me\npassword gh-token\n");
  });

  it("uses NIX_CONFIG through a daemon that trusts the user (by name or group)", async () => {
    for (const trustedUsers of [["root"], ["@ci-runners"], ["*"]]) {
      const { runner, outcome } = await configure(CACHE, { trustedUsers, env: { NIX_REMOTE: "daemon" } });
      expect(outcome.systemChange).toBeUndefined();
      expect(runner.exported.get("NIX_CONFIG")).toContain("extra-substituters = https://cache.example");
    }
  });

  it("writes a marked block into the system nix.conf with sudo for an untrusted user, and post takes it out", async () => {
    const original = "# the admin's config\nsandbox = true\n";
    await writeFile(join(confDir, "nix.conf"), original);
    await writeFile(userNetrc, "machine other.example password keep\n");
    const { runner, outcome, calls, log, run, env } = await configure(
      { ...CACHE, netrc: [{ machine: "cache.example", password: "tok" }] },
      { trustedUsers: ["admin"], env: { NIX_REMOTE: "daemon" } },
    );
    expect(runner.exported.size).toBe(0);
    const written = await readFile(join(confDir, "nix.conf"), "utf8");
    expect(written.startsWith(original)).toBe(true);
    expect(written.slice(original.length).split("\n").slice(1, 4)).toEqual([
      "extra-substituters = https://cache.example",
      `extra-trusted-public-keys = ${KEY}`,
      `netrc-file = ${outcome.netrcFile}`,
    ]);
    expect(written).not.toContain("tok");
    expect(calls).toContainEqual([
      "sudo",
      "-n",
      expect.stringMatching(/systemctl$/),
      "restart",
      "nix-daemon",
    ]);
    expect(log.of("info").join("\n")).toMatch(
      /daemon-untrusted.*'root' is not in the daemon's trusted-users/s,
    );

    await writeFile(join(confDir, "nix.conf"), `${written}max-jobs = 3\n`);
    await undoNixConfig(outcome, { run, env, tempDir: dir, log });
    expect(await readFile(join(confDir, "nix.conf"), "utf8")).toBe(`${original}max-jobs = 3\n`);
    await expect(stat(outcome.netrcFile ?? "")).rejects.toThrow(/ENOENT/);
    expect(calls.filter((call) => call.includes("restart"))).toHaveLength(2);
  });

  it("without sudo, warns with the lines an admin must add and changes nothing", async () => {
    await writeFile(join(confDir, "nix.conf"), "sandbox = true\n");
    const { runner, outcome, log } = await configure(CACHE, {
      trustedUsers: ["admin"],
      sudo: false,
      env: { NIX_REMOTE: "daemon" },
    });
    expect(outcome).toMatchObject({ configured: false, added: [] });
    expect(runner.exported.size).toBe(0);
    expect(await readFile(join(confDir, "nix.conf"), "utf8")).toBe("sandbox = true\n");
    const warning = log.of("warning")[0] ?? "";
    expect(warning).toContain(`${confDir}/nix.conf`);
    expect(warning).toContain("extra-substituters = https://cache.example");
    expect(warning).toContain(`extra-trusted-public-keys = ${KEY}`);
  });
});
