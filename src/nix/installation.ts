/**
 * Which kind of Nix installation the job runs on, told from facts rather than the OS: how Nix picks its store
 * (NIX_REMOTE, the `store` setting, whether the state directory is writable, the daemon socket) and whether the
 * daemon trusts this user (the effective `trusted-users`). Each kind needs the cache configured differently.
 */
import { access, constants } from "node:fs/promises";
import { userInfo } from "node:os";
import { type CommandRunner, runChecked } from "./command.js";
import type { NixStore } from "./store.js";

export type NixInstallation =
  /** Nix opens the store itself (root, or the user who owns it): the job's own settings apply. */
  | { readonly kind: "single-user"; readonly reason: string }
  /** Through a daemon that trusts this user: settings the client sends reach the daemon. */
  | { readonly kind: "daemon-trusted"; readonly reason: string }
  /** Through a daemon that ignores this user's substituters: only the system config reaches it. */
  | { readonly kind: "daemon-untrusted"; readonly reason: string };

export interface InstallationFacts {
  readonly userName: string;
  readonly groups: readonly string[];
  /** NIX_REMOTE, or the `store` setting when NIX_REMOTE is empty. */
  readonly storeUri: string;
  readonly stateDirWritable: boolean;
  readonly daemonSocketExists: boolean;
  readonly trustedUsers: readonly string[];
  /** The daemon's own answer to whether it trusts this user (Nix 2.15 and later); undefined where it gives none. */
  readonly daemonTrusts?: boolean;
}

/** Classifies an installation the way Nix itself chooses a store, then asks whether the daemon trusts us. */
export function classifyInstallation(facts: InstallationFacts): NixInstallation {
  const uri = facts.storeUri;
  const viaDaemon =
    uri === "daemon" ||
    uri.startsWith("unix://") ||
    ((uri === "" || uri === "auto") && !facts.stateDirWritable && facts.daemonSocketExists);
  if (!viaDaemon) {
    const why =
      uri === "" || uri === "auto" ? "the store's state directory is writable" : `the store is '${uri}'`;
    return { kind: "single-user", reason: `Nix opens the store itself (${why})` };
  }
  if (facts.daemonTrusts !== undefined) {
    return facts.daemonTrusts
      ? { kind: "daemon-trusted", reason: `the daemon says it trusts '${facts.userName}'` }
      : {
          kind: "daemon-untrusted",
          reason: `the daemon says it does not trust '${facts.userName}' (not in its trusted-users)`,
        };
  }
  const trustedAs = facts.trustedUsers.find(
    (entry) =>
      entry === "*" ||
      entry === facts.userName ||
      (entry.startsWith("@") && facts.groups.includes(entry.slice(1))),
  );
  if (trustedAs !== undefined) {
    return {
      kind: "daemon-trusted",
      reason: `the daemon trusts '${facts.userName}' (trusted-users has '${trustedAs}')`,
    };
  }
  return {
    kind: "daemon-untrusted",
    reason: `'${facts.userName}' is not in the daemon's trusted-users (${facts.trustedUsers.join(" ") || "empty"})`,
  };
}

/**
 * Gathers the facts for classifyInstallation from the environment, the file system and Nix's settings; for a
 * daemon, asks the daemon itself where its Nix can say (the `trusted-users` this user's Nix shows is the client's
 * reading of the config files, which need not be the daemon's).
 */
export async function detectInstallation(
  nix: Pick<NixStore, "trustsUser">,
  settings: Readonly<Record<string, unknown>>,
  env: NodeJS.ProcessEnv,
  run: CommandRunner,
): Promise<NixInstallation> {
  const trustedUsers = settings["trusted-users"];
  const facts: InstallationFacts = {
    userName: userInfo().username,
    groups: await groupNames(run),
    storeUri: env.NIX_REMOTE || (typeof settings.store === "string" ? settings.store : ""),
    stateDirWritable: await canAccess(nixStateDir(env), constants.W_OK),
    daemonSocketExists: await canAccess(daemonSocketPath(env), constants.F_OK),
    trustedUsers: Array.isArray(trustedUsers) ? trustedUsers.filter((user) => typeof user === "string") : [],
  };
  const first = classifyInstallation(facts);
  if (first.kind === "single-user") return first;
  return classifyInstallation({ ...facts, daemonTrusts: await nix.trustsUser() });
}

async function groupNames(run: CommandRunner): Promise<string[]> {
  const stdout = await runChecked(run, "id", ["-Gn"]).catch(() => "");
  return stdout.split(/\s+/).filter((name) => name !== "");
}

/** Nix's state directory, where a single-user Nix writes its database. */
function nixStateDir(env: NodeJS.ProcessEnv): string {
  return env.NIX_STATE_DIR || "/nix/var/nix";
}

/** The socket a multi-user Nix's daemon listens on. */
export function daemonSocketPath(env: NodeJS.ProcessEnv): string {
  return env.NIX_DAEMON_SOCKET_PATH || `${nixStateDir(env)}/daemon-socket/socket`;
}

/** Whether `path` is there with the access `mode` asks (fs.constants.F_OK, W_OK, X_OK). */
export function canAccess(path: string, mode: number): Promise<boolean> {
  return access(path, mode).then(
    () => true,
    () => false,
  );
}
