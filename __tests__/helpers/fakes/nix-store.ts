/**
 * A Nix store for tests of the push's orchestration: a directory of real store paths (each a directory with one
 * file), the metadata Nix 2.8 would print for the valid ones — NAR hash and size from real Nix's serialisation
 * (`nix-store --dump`), not from ours — and a command runner that answers as Nix 2.8 does (its version, validity,
 * `path-info --json --recursive`), recording each call. A path can be in the directory before it is valid, as one
 * Nix is still building.
 */
import { createHash } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { narInfoFingerprint } from "../../../src/lib/narinfo.js";
import type { SigningKey } from "../../../src/lib/signing.js";
import { signFingerprint } from "../../../src/lib/signing.js";
import type { CommandRunner } from "../../../src/nix/command.js";
import { runNix } from "../nix/offline-cli.js";

/** A store path basename of the right shape: `c` repeated as its hash part (nix32 has no e, o, t or u). */
export const storeName = (c: string, label: string) => `${c.repeat(32)}-${label}`;

export interface FakePath {
  readonly references: readonly string[];
  /** Signed with this key, as paths substituted from an upstream cache are. */
  readonly signedBy?: SigningKey;
  /** Made here (Nix's "ultimate"): built, not substituted. */
  readonly built?: boolean;
}

export class FakeNixStore {
  /** Each call, its program and the arguments that are not paths. */
  readonly calls: string[] = [];
  private readonly info = new Map<string, object>();

  constructor(readonly storeDir: string) {}

  /** Writes the path into the store directory; `valid` registers it too. */
  async add(
    basename: string,
    fake: FakePath,
    options: { valid: boolean } = { valid: true },
  ): Promise<string> {
    const path = join(this.storeDir, basename);
    await mkdir(path, { recursive: true });
    await writeFile(join(path, "contents"), `the contents of ${basename}\n`.repeat(50));
    if (options.valid) await this.register(basename, fake);
    return path;
  }

  /** Registers a path already in the directory as valid, as Nix does once it is built. */
  async register(basename: string, fake: FakePath): Promise<void> {
    const path = join(this.storeDir, basename);
    const nar = await runNix(["nix-store", "--dump", path]);
    const narSize = nar.length;
    const narHash = createHash("sha256").update(nar).digest();
    const references = fake.references.map((reference) => join(this.storeDir, reference));
    const signatures =
      fake.signedBy === undefined
        ? undefined
        : [signFingerprint(narInfoFingerprint(path, narHash, narSize, references), fake.signedBy)];
    this.info.set(path, {
      path,
      narHash: `sha256-${narHash.toString("base64")}`,
      narSize,
      references,
      signatures,
      ...(fake.built ? { ultimate: true } : {}),
    });
  }

  /** Removes a path that was never valid, as Nix removes the output of a failed build. */
  async removeInvalid(basename: string): Promise<void> {
    await rm(join(this.storeDir, basename), { recursive: true, force: true });
  }

  /** Answers as Nix 2.8 does. */
  readonly run: CommandRunner = async (program, args) => {
    this.calls.push([program, ...args.filter((arg) => !arg.startsWith("/"))].join(" "));
    const paths = args.filter((arg) => arg.startsWith("/"));
    if (program === "nix-store" && args[0] === "--version") return ok("nix-store (Nix) 2.8.0\n");
    if (program === "nix-store" && args.includes("--check-validity")) {
      return ok(paths.filter((path) => !this.info.has(path)).join("\n"));
    }
    if (program === "nix" && args.includes("path-info") && args.includes("--recursive")) {
      const closure = new Set<string>();
      const visit = (path: string) => {
        if (closure.has(path)) return;
        closure.add(path);
        for (const reference of (this.info.get(path) as { references: string[] }).references)
          visit(reference);
      };
      for (const path of paths) visit(path);
      return ok(JSON.stringify([...closure].map((path) => this.info.get(path))));
    }
    throw new Error(`unexpected command: ${program} ${args.join(" ")}`);
  };
}

const ok = (stdout: string) => ({ exitCode: 0, stdout, stderr: "" });
