/**
 * The system-wide nix.conf, for a daemon that ignores an untrusted user's own settings. Our lines go in a marked
 * block, appended, so the rest of the file is never touched; post removes exactly that block again and restarts
 * the daemon, so a self-hosted runner does not keep our substituters for the next job.
 */
import { constants, readFile, rm, stat, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type CommandRunner, runChecked } from "./command.js";
import { canAccess, daemonSocketPath } from "./installation.js";

/** What setup changed, kept in the step's state so post can undo it. */
export interface SystemConfigChange {
  readonly file: string;
  readonly id: string;
}

const begin = (id: string) =>
  `# nix-binary-cache-action ${id}: begin (the action's post step removes this block)`;
const end = (id: string) => `# nix-binary-cache-action ${id}: end`;

/** `text` with a block of `lines` appended under markers for `id` (replacing an older block of the same id). */
export function addManagedBlock(text: string, id: string, lines: readonly string[]): string {
  const base = removeManagedBlock(text, id);
  const separator = base === "" || base.endsWith("\n") ? "" : "\n";
  return `${base}${separator}${begin(id)}\n${lines.join("\n")}\n${end(id)}\n`;
}

/** `text` without the block for `id`; everything else byte for byte. */
export function removeManagedBlock(text: string, id: string): string {
  const start = text.indexOf(`${begin(id)}\n`);
  if (start === -1) return text;
  const stop = text.indexOf(`${end(id)}\n`, start);
  if (stop === -1) return text;
  return text.slice(0, start) + text.slice(stop + end(id).length + 1);
}

export interface SystemConfigOptions {
  readonly run: CommandRunner;
  readonly env: NodeJS.ProcessEnv;
  /** Where to stage the new file before sudo copies it into place. */
  readonly tempDir: string;
  readonly platform?: NodeJS.Platform;
}

/** Edits the system nix.conf through passwordless sudo and restarts the daemon. */
export class SystemNixConfig {
  constructor(private readonly options: SystemConfigOptions) {}

  /** `$NIX_CONF_DIR/nix.conf`, which the daemon reads. */
  get file(): string {
    return join(this.options.env.NIX_CONF_DIR || "/etc/nix", "nix.conf");
  }

  /** Why sudo cannot be used without a password (as it is on GitHub-hosted runners); undefined when it can. */
  async sudoProblem(): Promise<string | undefined> {
    let result: Awaited<ReturnType<CommandRunner>>;
    try {
      result = await this.options.run("sudo", ["-n", "true"]);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return "sudo is not installed";
      throw error;
    }
    if (result.exitCode === 0) return undefined;
    const said = result.stderr.trim().split("\n")[0] ?? "";
    return /password is required/.test(said) || said === ""
      ? "sudo needs a password"
      : `sudo cannot be used (${said})`;
  }

  /**
   * Appends our block to the system config and restarts the daemon. When the restart fails, the block is taken out
   * again (and the daemon restarted once more, as far as it will): a daemon that did not take the new config must not
   * keep it for a later restart, nor every later job add a block of its own.
   */
  async apply(change: SystemConfigChange, lines: readonly string[]): Promise<void> {
    const current = await readFile(change.file, "utf8").catch(() => "");
    await this.write(addManagedBlock(current, change.id, lines), change.file);
    try {
      await this.restartDaemon();
    } catch (error) {
      await this.revert(change).catch(() => {});
      throw error;
    }
  }

  /**
   * Removes our block again (whatever else changed meanwhile stays) and restarts the daemon; false when the file
   * holds no block of ours (setup was stopped before it wrote one).
   */
  async revert(change: SystemConfigChange): Promise<boolean> {
    const current = await readFile(change.file, "utf8");
    const restored = removeManagedBlock(current, change.id);
    if (restored === current) return false;
    await this.write(restored, change.file);
    await this.restartDaemon();
    return true;
  }

  private async write(content: string, file: string): Promise<void> {
    const staged = join(this.options.tempDir, `nix.conf.${process.pid}.${Date.now()}`);
    // Owner and mode of the file it replaces (root's 0644 when there is none yet), read without sudo.
    const { uid, gid, mode } = await stat(file).catch(() => ({ uid: 0, gid: 0, mode: 0o644 }));
    try {
      // The staged copy holds no secret: the netrc stays a path.
      await writeFile(staged, content, { mode: 0o644 });
      // Copied beside the file, then renamed over it: an interrupted copy never leaves half a nix.conf.
      await runChecked(this.options.run, "sudo", [
        "-n",
        "sh",
        "-c",
        'cp "$1" "$2" && chown "$4" "$2" && chmod "$5" "$2" && mv -f "$2" "$3"',
        "sh",
        staged,
        `${file}.new-${process.pid}`,
        file,
        `${uid}:${gid}`,
        (mode & 0o7777).toString(8),
      ]);
    } finally {
      await rm(staged, { force: true });
    }
  }

  /** systemd or launchd, whichever the platform has; then waits until the daemon accepts connections again. */
  private async restartDaemon(): Promise<void> {
    const command =
      (this.options.platform ?? process.platform) === "darwin"
        ? ["launchctl", "kickstart", "-k", "system/org.nixos.nix-daemon"]
        : ["systemctl", "restart", "nix-daemon"];
    const [program, ...args] = command as [string, ...string[]];
    // sudo resets PATH, so hand it the program this job's PATH finds.
    await runChecked(this.options.run, "sudo", ["-n", await findProgram(program, this.options.env), ...args]);
    await this.waitForSocket();
  }

  private async waitForSocket(): Promise<void> {
    const socket = daemonSocketPath(this.options.env);
    for (let attempt = 0; attempt < 100; attempt++) {
      if (await canAccess(socket, constants.F_OK)) return;
      await sleep(100);
    }
    throw new Error(`the Nix daemon did not come back after the restart (no ${socket})`);
  }
}

async function findProgram(name: string, env: NodeJS.ProcessEnv): Promise<string> {
  for (const dir of (env.PATH ?? "").split(delimiter).filter((entry) => entry !== "")) {
    const candidate = join(dir, name);
    if (await canAccess(candidate, constants.X_OK)) return candidate;
  }
  return name;
}
