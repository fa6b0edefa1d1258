import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CacheError } from "../../src/lib/errors.js";
import type { CommandRunner } from "../../src/nix/command.js";
import { NixStore } from "../../src/nix/store.js";
import {
  configureNixForLaterSteps,
  type NixConfigUndo,
  undoNixConfig,
} from "../../src/setup/configure-nix.js";
import { RecordingLog, RecordingRunnerFiles } from "../helpers/fakes/ports.js";

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
afterEach(async () => {
  for (const made of [dir, confDir]) await rm(made, { recursive: true, force: true });
});

/**
 * A machine as the commands see it: Nix 2.8's `show-config --json` (netrc-file, trusted-users), `id -Gn`, and
 * sudo, which (when allowed) runs cp for real and records the daemon restart.
 */
function machine(options: { trustedUsers: string[]; sudo: boolean | "absent"; restartFails?: boolean }) {
  const calls: string[][] = [];
  const run: CommandRunner = async (program, args) => {
    calls.push([program, ...args]);
    const ok = (stdout = "") => ({ exitCode: 0, stdout, stderr: "" });
    if (program === "nix-store") return ok("nix-store (Nix) 2.8.0\n");
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
      if (options.sudo === "absent") throw Object.assign(new Error("spawn sudo ENOENT"), { code: "ENOENT" });
      if (!options.sudo) return { exitCode: 1, stdout: "", stderr: "sudo: a password is required\n" };
      // The file is written by a shell under sudo: run it (the tests run as root).
      if (args[1] === "sh") execFileSync("sh", args.slice(2));
      if (args.includes("restart") && options.restartFails) {
        return {
          exitCode: 1,
          stdout: "",
          stderr: "System has not been booted with systemd as init system\n",
        };
      }
      return ok();
    }
    throw new Error(`unexpected command ${program}`);
  };
  return { run, calls, nix: new NixStore(run, "/nix/store") };
}

async function configure(
  config: Parameters<typeof configureNixForLaterSteps>[0],
  options: {
    trustedUsers?: string[];
    sudo?: boolean | "absent";
    restartFails?: boolean;
    env?: NodeJS.ProcessEnv;
  } = {},
) {
  const { run, calls, nix } = machine({
    trustedUsers: options.trustedUsers ?? ["root"],
    sudo: options.sudo ?? true,
    restartFails: options.restartFails,
  });
  const runner = new RecordingRunnerFiles();
  const log = new RecordingLog();
  const env = {
    NIX_CONF_DIR: confDir,
    NIX_DAEMON_SOCKET_PATH: socket,
    PATH: "/usr/bin:/bin",
    ...options.env,
  };
  // What was recorded for post, with the number of commands run by then: a record must come before its change.
  const records: { undo: NixConfigUndo; callsBefore: number; fileBefore: string }[] = [];
  const recordUndo = (undo: NixConfigUndo) =>
    records.push({
      undo,
      callsBefore: calls.length,
      fileBefore: readFileSync(join(confDir, "nix.conf"), { encoding: "utf8", flag: "a+" }),
    });
  const outcome = await configureNixForLaterSteps(config, {
    nix,
    run,
    runner,
    log,
    env,
    tempDir: dir,
    recordUndo,
  });
  // What post would find in the state: the last record.
  const undo: NixConfigUndo = records.at(-1)?.undo ?? {};
  return { runner, log, outcome, calls, run, env, records, undo };
}

describe("configureNixForLaterSteps", () => {
  it("adds substituters with keys, merged into the job's NIX_CONFIG", async () => {
    const { runner, outcome, log } = await configure(CACHE, { env: { NIX_CONFIG: "max-jobs = 1" } });
    expect(outcome.added.map((s) => s.url)).toEqual(["https://cache.example"]);
    expect(runner.exported.get("NIX_CONFIG")).toBe(
      `max-jobs = 1\nextra-substituters = https://cache.example\nextra-trusted-public-keys = ${KEY}\n` +
        "narinfo-cache-negative-ttl = 0",
    );
    expect(log.of("info").join("\n")).toMatch(/Nix installation: single-user/);
  });

  it("names 127.0.0.1 in no_proxy when a read server is added and the job's own Nix would take a proxy; not for a daemon", async () => {
    const server = {
      substituters: [{ url: "http://127.0.0.1:41234/0123abcd", publicKeys: [KEY] }],
      netrc: [],
    };
    const proxied = { http_proxy: "http://proxy.corp:3128", NO_PROXY: "corp.example" };
    expect((await configure(server, { env: proxied })).runner.exported.get("no_proxy")).toBe(
      "corp.example,127.0.0.1",
    );
    // No proxy, or no read server: nothing to add.
    expect((await configure(server)).runner.exported.has("no_proxy")).toBe(false);
    expect((await configure(CACHE, { env: proxied })).runner.exported.has("no_proxy")).toBe(false);
    // A daemon downloads with its own environment: said, not exported.
    const daemon = await configure(server, { env: { ...proxied, NIX_REMOTE: "daemon" } });
    expect(daemon.runner.exported.has("no_proxy")).toBe(false);
    expect(daemon.log.of("info").join("\n")).toMatch(/its no_proxy must name 127\.0\.0\.1/);
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
    const { runner, records } = await configure({
      ...CACHE,
      netrc: [{ machine: "cache.example", password: "s3cret" }],
    });
    const file = join(dir, "nix-binary-cache/netrc");
    expect(records.map((record) => record.undo)).toEqual([{ netrcFile: file }]);
    expect(await readFile(file, "utf8")).toBe(
      "machine github.com\nlogin me\npassword gh-token\nmachine cache.example\npassword s3cret\n",
    );
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(runner.exported.get("NIX_CONFIG")).toContain(`netrc-file = ${file}`);
    expect(await readFile(userNetrc, "utf8")).toBe("machine github.com\nlogin me\npassword gh-token\n");
  });

  it("uses NIX_CONFIG through a daemon that trusts the user (by name or group)", async () => {
    for (const trustedUsers of [["root"], ["@ci-runners"], ["*"]]) {
      const { runner, undo } = await configure(CACHE, { trustedUsers, env: { NIX_REMOTE: "daemon" } });
      expect(undo.systemChange).toBeUndefined();
      expect(runner.exported.get("NIX_CONFIG")).toContain("extra-substituters = https://cache.example");
    }
  });

  it("writes a marked block into the system nix.conf with sudo for an untrusted user, and post takes it out", async () => {
    const original = "# the admin's config\nsandbox = true\n";
    await writeFile(join(confDir, "nix.conf"), original);
    await writeFile(userNetrc, "machine other.example password keep\n");
    const { runner, undo, calls, log, run, env, records } = await configure(
      { ...CACHE, netrc: [{ machine: "cache.example", password: "tok" }] },
      { trustedUsers: ["admin"], env: { NIX_REMOTE: "daemon" } },
    );
    // Recorded before sudo copied anything into place.
    expect(records).toHaveLength(1);
    expect(records[0]?.undo).toEqual({
      netrcFile: join(dir, "nix-binary-cache/netrc"),
      systemChange: { file: join(confDir, "nix.conf"), id: expect.stringMatching(/^local-[0-9a-f]{8}$/) },
    });
    expect(records[0]?.fileBefore).toBe(original);
    expect(calls.slice(records[0]?.callsBefore).some((call) => call[0] === "sudo" && call[2] === "sh")).toBe(
      true,
    );
    expect(runner.exported.size).toBe(0);
    const written = await readFile(join(confDir, "nix.conf"), "utf8");
    expect(written.startsWith(original)).toBe(true);
    expect(written.slice(original.length).split("\n").slice(1, 5)).toEqual([
      "extra-substituters = https://cache.example",
      `extra-trusted-public-keys = ${KEY}`,
      `netrc-file = ${undo.netrcFile}`,
      "narinfo-cache-negative-ttl = 0",
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
    await undoNixConfig(undo, { run, env, tempDir: dir, log });
    expect(await readFile(join(confDir, "nix.conf"), "utf8")).toBe(`${original}max-jobs = 3\n`);
    await expect(stat(undo.netrcFile ?? "")).rejects.toThrow(/ENOENT/);
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
    expect(warning).toContain("sudo needs a password");
    expect(warning).toContain(`trusted-users in ${confDir}/nix.conf`);
    expect(warning).toContain("extra-substituters = https://cache.example");
    expect(warning).toContain(`extra-trusted-public-keys = ${KEY}`);
  });

  it("says so when sudo is not installed, rather than that it needs a password", async () => {
    const { log, outcome } = await configure(CACHE, {
      trustedUsers: ["admin"],
      sudo: "absent",
      env: { NIX_REMOTE: "daemon" },
    });
    expect(outcome.configured).toBe(false);
    expect(log.of("warning")[0]).toMatch(/sudo is not installed, so setup cannot configure the cache/);
  });

  it("takes its block out again when the daemon cannot be restarted, after recording it for post", async () => {
    const original = "sandbox = true\n";
    await writeFile(join(confDir, "nix.conf"), original);
    const attempt = configure(CACHE, {
      trustedUsers: ["admin"],
      restartFails: true,
      env: { NIX_REMOTE: "daemon" },
    });
    await expect(attempt).rejects.toThrow(CacheError);
    await expect(attempt).rejects.toThrow(/cannot configure the Nix daemon.*booted with systemd/s);
    // The file is as it was; a later job does not find a block of this one.
    expect(await readFile(join(confDir, "nix.conf"), "utf8")).toBe(original);
  });

  it("records the block before it writes it, so a post after a stopped setup finds it", async () => {
    await writeFile(join(confDir, "nix.conf"), "sandbox = true\n");
    const { records, run, env, log } = await configure(CACHE, {
      trustedUsers: ["admin"],
      env: { NIX_REMOTE: "daemon" },
    });
    const recorded = records.at(-1);
    // Recorded before the file held the block; as if setup were killed right after the write, post has the record.
    expect(recorded?.fileBefore).toBe("sandbox = true\n");
    expect(await readFile(join(confDir, "nix.conf"), "utf8")).toContain(recorded?.undo.systemChange?.id);
    await undoNixConfig(recorded?.undo ?? {}, { run, env, tempDir: dir, log });
    expect(await readFile(join(confDir, "nix.conf"), "utf8")).toBe("sandbox = true\n");
  });
});
