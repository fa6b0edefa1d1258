/**
 * A multi-user Nix for tests: a nix-daemon started by the tests (as root) with its own NIX_CONF_DIR and socket,
 * an unprivileged account in `nix-users` to run job steps as, passwordless sudo for that account while a test
 * needs it, and a `systemctl` shim that restarts this daemon (systemd does not run here). /etc/nix is never read
 * or written: clients and daemon get NIX_CONF_DIR and NIX_DAEMON_SOCKET_PATH.
 */
import { execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { removeTree } from "../remove-tree.js";
import { BUILD_USERS, world } from "./world.js";

export interface NixDaemon {
  readonly confDir: string;
  readonly confFile: string;
  /** What a client step needs to reach this daemon. */
  readonly clientEnv: Readonly<Record<string, string>>;
  /** Put on a job's PATH: `systemctl restart nix-daemon` restarts this daemon. */
  readonly shimDir: string;
  /** How many times the shim restarted the daemon. */
  restarts(): number;
  stop(): Promise<void>;
}

export interface NixDaemonOptions {
  readonly trustedUsers: readonly string[];
  /** The systemctl stand-in fails every restart, as on a machine without systemd; the daemon keeps running. */
  readonly restartFails?: boolean;
}

/** Starts a daemon whose nix.conf trusts `trustedUsers`, has no substituters and forgets narinfo misses at once. */
export async function startNixDaemon(options: NixDaemonOptions): Promise<NixDaemon> {
  const root = mkdtempSync(path.join(tmpdir(), "nbca-daemon-"));
  // Clients of other users must reach the socket and read the config.
  chmodSync(root, 0o755);
  const confDir = path.join(root, "etc-nix");
  const socketDir = path.join(root, "socket");
  const home = path.join(root, "daemon-home");
  for (const dir of [confDir, socketDir, home]) mkdirSync(dir, { mode: 0o755 });
  const confFile = path.join(confDir, "nix.conf");
  writeFileSync(
    confFile,
    [
      "build-users-group = nixbld",
      "sandbox = false",
      "substituters =",
      `trusted-users = ${options.trustedUsers.join(" ")}`,
      "narinfo-cache-negative-ttl = 0",
      "",
    ].join("\n"),
  );
  const socket = path.join(socketDir, "socket");
  const pidFile = path.join(root, "daemon.pid");
  const logFile = path.join(root, "daemon.log");
  const restartLog = path.join(root, "restarts");
  const daemonEnv = [
    "PATH=/usr/bin:/bin",
    `NIX_CONF_DIR=${confDir}`,
    `NIX_DAEMON_SOCKET_PATH=${socket}`,
    `HOME=${home}`,
    `XDG_CACHE_HOME=${home}/.cache`,
  ];
  // The stand-in runs in the tests' Nix world already (sudo from a job step): it starts the daemon there directly.
  const start = `setsid env -i ${daemonEnv.join(" ")} nix-daemon >>${logFile} 2>&1 < /dev/null & echo $! > ${pidFile}`;

  const shimDir = path.join(root, "shim");
  mkdirSync(shimDir, { mode: 0o755 });
  writeFileSync(
    path.join(shimDir, "systemctl"),
    `#!/bin/bash
# Test stand-in for systemd: only "restart nix-daemon", which restarts the tests' own daemon.
set -e
if [ "$*" != "restart nix-daemon" ]; then echo "systemctl shim: unsupported: $*" >&2; exit 1; fi
${options.restartFails ? `echo "System has not been booted with systemd as init system (PID 1)." >&2; exit 1` : ""}
pid=$(cat ${pidFile})
kill "$pid" 2>/dev/null || true
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
rm -f ${socket}
${start}
for _ in $(seq 100); do [ -S ${socket} ] && break; sleep 0.05; done
echo restart >> ${restartLog}
`,
    { mode: 0o755 },
  );

  startDaemon(daemonEnv, logFile, pidFile);
  await waitFor(() => existsSync(socket), `the test's nix-daemon to listen on ${socket}`, logFile);
  return {
    confDir,
    confFile,
    clientEnv: { NIX_REMOTE: "daemon", NIX_CONF_DIR: confDir, NIX_DAEMON_SOCKET_PATH: socket },
    shimDir,
    restarts: () => (existsSync(restartLog) ? readFileSync(restartLog, "utf8").split("\n").length - 1 : 0),
    async stop() {
      const pid = Number(readFileSync(pidFile, "utf8"));
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        // Already gone.
      }
      await sleep(100);
      removeTree(root);
    },
  };
}

/** Starts nix-daemon in the tests' Nix world, in a session of its own, and writes its pid. */
function startDaemon(env: readonly string[], logFile: string, pidFile: string): void {
  const { command, args } = world.command("env", ["-i", ...env, "nix-daemon"]);
  const log = openSync(logFile, "a");
  const daemon = spawn(command, args, { detached: true, stdio: ["ignore", log, log] });
  closeSync(log);
  daemon.unref();
  writeFileSync(pidFile, `${daemon.pid}\n`);
}

/** A system account in nix-users for job steps, created when missing (the nixbld build users too). */
export function ensureUnprivilegedUser(name: string): void {
  ensureBuildUsers();
  if (!hasEntry("/etc/group", "nix-users")) execFileSync("groupadd", ["-r", "nix-users"]);
  if (!hasEntry("/etc/passwd", name)) {
    execFileSync("useradd", [
      "--system",
      "--no-create-home",
      "--shell",
      "/bin/bash",
      "-G",
      "nix-users",
      name,
    ]);
  }
  world.copyAccounts([name, "nix-users", "nixbld", ...BUILD_USERS]);
}

/** Nix's build users, as Debian's package and the installers make them. */
function ensureBuildUsers(): void {
  if (!hasEntry("/etc/group", "nixbld")) execFileSync("groupadd", ["-r", "nixbld"]);
  for (const user of BUILD_USERS) {
    if (!hasEntry("/etc/passwd", user)) {
      execFileSync("useradd", ["--system", "--no-create-home", "-g", "nixbld", "-G", "nixbld", user]);
    }
  }
}

/** Passwordless sudo for `user` until the returned function is called. */
export function grantSudo(user: string): () => void {
  const file = world.hostPath(path.join("/etc/sudoers.d", `nbca-test-${user}`));
  writeFileSync(file, `${user} ALL=(root) NOPASSWD: ALL\n`, { mode: 0o440 });
  return () => rmSync(file, { force: true });
}

function hasEntry(file: string, name: string): boolean {
  return readFileSync(file, "utf8")
    .split("\n")
    .some((line) => line.startsWith(`${name}:`));
}

async function waitFor(check: () => boolean, what: string, logFile: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (check()) return;
    await sleep(50);
  }
  const log = existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
  throw new Error(`timed out waiting for ${what}\n${log}`);
}
