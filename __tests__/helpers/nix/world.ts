/**
 * Which Nix the tests run against, chosen by NBCA_NIX_WORLD: `host` (the default: this machine's own Nix, Debian
 * 12's nix-bin 2.8), or `trixie` (Nix 2.26) or `sid` (Nix 2.34), each in a root file system that
 * scripts/nix-roots.sh makes with mmdebstrap and keeps between runs.
 *
 * In a newer world every command — Nix, the action under Node 24, a later step's shell, the Nix daemon — runs in a
 * mount namespace of its own, chrooted into the root, with:
 * - the world's own store: a directory under the OS temp dir, bound on /nix (fresh for each test process);
 * - the OS temp dir and this repository bound at the same paths, so jobs, caches, keys and dist/ are where the
 *   tests put them;
 * - /proc, and a private devpts (Nix builds need both);
 * - the host's network and process ids: servers the tests start (nginx, stand-ins) are reached over loopback, and a
 *   systemctl stand-in inside can restart a daemon started outside.
 * Accounts the tests make (build users, the job's user) are copied into the root with the host's ids.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";
import { removeTree } from "../remove-tree.js";
import { removeActionCopy, startStepsWith } from "../runner.js";

export type WorldName = "host" | "trixie" | "sid";

export interface NixWorld {
  readonly name: WorldName;
  /** The command line that runs `program args` in this world (as root; setpriv inside can drop to another user). */
  command(program: string, args: readonly string[]): { command: string; args: string[] };
  /** Where a path of this world's file system (a store path, a file in /etc) is on the host. */
  hostPath(inside: string): string;
  /** Makes the host's account entries of these users and groups exist in the world too, with the same ids. */
  copyAccounts(names: readonly string[]): void;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** Where scripts/nix-roots.sh keeps the root file systems (as root: they hold root-owned files). */
const ROOTS_DIR = process.env.NBCA_NIX_ROOTS || "/var/cache/nix-binary-cache-action/roots";

const HOST: NixWorld = {
  name: "host",
  command: (program, args) => ({ command: program, args: [...args] }),
  hostPath: (inside) => inside,
  copyAccounts: () => {},
};

/** The build users a world has (the host's may be more): enough for the builds of the tests. */
export const BUILD_USERS = ["nixbld1", "nixbld2", "nixbld3", "nixbld4"];

/**
 * What the test file made for its own use and must not leave behind: removed after the file, since vitest ends its
 * workers without the "exit" event a process would have.
 */
const removeAfterTests: (() => void)[] = [removeActionCopy];
afterAll(() => {
  for (const remove of removeAfterTests) remove();
});

/** The world of this test process. */
export const world: NixWorld = selectWorld(process.env.NBCA_NIX_WORLD || "host");
startStepsWith(world.command);

function selectWorld(name: string): NixWorld {
  if (name === "host") return HOST;
  if (name !== "trixie" && name !== "sid")
    throw new Error(`NBCA_NIX_WORLD=${name}: expected host, trixie or sid`);
  return chrootWorld(name, path.join(ROOTS_DIR, name));
}

/** Mounts the world's parts inside a new mount namespace, then execs the command in the root. */
const ENTER = `set -e
root=$1 store=$2 temp=$3 repo=$4; shift 4
mount -t proc proc "$root/proc"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts"
mount --bind "$root/dev/pts/ptmx" "$root/dev/ptmx"
mount --bind "$store" "$root/nix"
mount --rbind "$temp" "$root$temp"
mount --bind "$repo" "$root$repo"
exec chroot "$root" "$@"`;

function chrootWorld(name: WorldName, root: string): NixWorld {
  if (!existsSync(path.join(root, ".complete"))) {
    throw new Error(`no root file system for ${name} at ${root}: run scripts/nix-roots.sh ${name} first`);
  }
  const temp = tmpdir();
  if (root.startsWith(`${temp}/`))
    throw new Error(`${root} must not be inside ${temp}, which is bound into it`);
  const store = mkdtempSync(path.join(temp, `nbca-world-${name}-`));
  // It is /nix inside: build users and the job's account must get through it, as through a real /nix.
  chmodSync(store, 0o755);
  removeAfterTests.push(() => removeTree(store));
  for (const dir of ["nix", temp, REPO_ROOT]) mkdirSync(path.join(root, dir), { recursive: true });
  const copyAccounts = (names: readonly string[]) => {
    for (const file of ["passwd", "group", "shadow"]) {
      copyEntries(`/etc/${file}`, path.join(root, "etc", file), names, (fields) => {
        const [entry = ""] = fields;
        const uid = buildUserUid(name, entry);
        if (file === "passwd" && uid !== undefined) fields[2] = String(uid);
        // The host may have more build users than the world: the group lists the world's.
        if (file === "group" && entry === "nixbld") fields[3] = BUILD_USERS.join(",");
        return fields;
      });
    }
  };
  // Before the first build: the root kept from an earlier run may hold build users of other uids.
  copyAccounts(["nixbld", ...BUILD_USERS]);
  return {
    name,
    command: (program, args) => ({
      command: "unshare",
      args: [
        "--mount",
        "--propagation",
        "private",
        "--",
        // bash, not sh: dash drops variables whose names are not identifiers, such as STATE_nix-binary-cache.
        "bash",
        "-c",
        ENTER,
        "bash",
        root,
        store,
        temp,
        REPO_ROOT,
        program,
        ...args,
      ],
    }),
    hostPath: (inside) =>
      inside.startsWith("/nix/") ? path.join(store, inside.slice("/nix/".length)) : path.join(root, inside),
    copyAccounts,
  };
}

/**
 * The uid a build user has in a world: not the host's. Nix kills every process of a build user before and after
 * each build, and the worlds share the host's process ids: with the host's uids, a build in one world would kill
 * the builds of the host and of the other world.
 */
function buildUserUid(world: WorldName, name: string): number | undefined {
  const number = /^nixbld(\d+)$/.exec(name)?.[1];
  return number === undefined ? undefined : 60000 + (world === "trixie" ? 100 : 200) + Number(number);
}

/** Puts the lines of `from` whose first field is one of `names` into `to`, in place of any it has for them, each
 * line's fields as `edit` makes them. */
function copyEntries(
  from: string,
  to: string,
  names: readonly string[],
  edit: (fields: string[]) => string[],
): void {
  const nameOf = (line: string) => line.split(":")[0] ?? "";
  const kept = readFileSync(to, "utf8")
    .split("\n")
    .filter((line) => line !== "" && !names.includes(nameOf(line)));
  const copied = readFileSync(from, "utf8")
    .split("\n")
    .filter((line) => names.includes(nameOf(line)))
    .map((line) => edit(line.split(":")).join(":"));
  writeFileSync(to, `${[...kept, ...copied].join("\n")}\n`);
}
