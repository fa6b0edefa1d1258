import { readFileSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type InputReader, parseInputs } from "../../src/action/inputs.js";
import { createCache } from "../../src/cache/create-cache.js";
import { CacheError } from "../../src/lib/errors.js";
import type { CommandRunner } from "../../src/nix/command.js";
import { NixStore } from "../../src/nix/store.js";
import { runSetup, type SetupDeps } from "../../src/setup/run-setup.js";
import type { SetupState } from "../../src/state.js";
import { MemoryCache } from "../helpers/fakes/memory-cache.js";
import { RecordingLog, RecordingRunnerFiles } from "../helpers/fakes/ports.js";

const keys = join(import.meta.dirname, "../fixtures/keys");
const SECRET = readFileSync(join(keys, "test-cache-1.sk"), "utf8");
const PUBLIC = readFileSync(join(keys, "test-cache-1.pk"), "utf8");

/** Answers as Nix 2.8 does: its version, and its settings as JSON. */
const nixPresent: CommandRunner = async (_program, args) => ({
  exitCode: 0,
  stdout: args.includes("show-config")
    ? JSON.stringify({ "netrc-file": { value: "/nonexistent/netrc" } })
    : "nix-store (Nix) 2.8.0\n",
  stderr: "",
});
const nixMissing: CommandRunner = async () => {
  throw new Error("Unable to locate executable file: nix-store");
};

let dir: string;
let storeDir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "setup-"));
  storeDir = join(dir, "store");
  await mkdir(storeDir);
  for (const name of [
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-one",
    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-two.drv",
    ".links",
  ]) {
    await mkdir(join(storeDir, name));
  }
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function setup(given: Record<string, string>, overrides: Partial<SetupDeps> = {}) {
  const read: InputReader = (name) => given[name] ?? (name === "pushTimeout" ? "30" : "");
  const log = new RecordingLog();
  const runner = new RecordingRunnerFiles();
  const saved: SetupState[] = [];
  const inputs = parseInputs(read);
  await runSetup({
    config: inputs,
    nix: new NixStore(nixPresent, storeDir),
    run: nixPresent,
    openCache: () => createCache(inputs.cache, { tempDir: dir, env: {}, log }),
    log,
    runner,
    saveState: (state) => saved.push(state),
    env: { NIX_CONFIG: "max-jobs = 2" },
    tempDir: dir,
    ...overrides,
  });
  return { log, runner, state: saved.at(-1), saved };
}

describe("runSetup", () => {
  it("adds the cache and its key for later steps, merged into NIX_CONFIG, and snapshots the store", async () => {
    const cacheUrl = `file://${dir}/cache`;
    const { runner, state, log } = await setup({ cacheUrl, signingKey: SECRET });
    expect(runner.exported.get("NIX_CONFIG")).toBe(
      `max-jobs = 2\nextra-substituters = ${cacheUrl}\nextra-trusted-public-keys = ${PUBLIC}\n` +
        "narinfo-cache-negative-ttl = 0",
    );
    expect(runner.outputs.get("substituter")).toBe(cacheUrl);
    expect(runner.outputs.get("publicKey")).toBe(PUBLIC);
    expect(state?.mode).toBe("push");
    // Every name as the directory has it: post checks the shape of the few new ones only.
    expect((await readFile(state?.snapshotFile ?? "", "utf8")).split("\n").sort()).toEqual([
      ".links",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-one",
      "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-two.drv",
    ]);
    expect(log.of("warning")).toEqual([]);
    expect(log.lines.map((line) => line.message).join("\n")).not.toContain(SECRET.slice(13));
  });

  it("goes read-only with one notice when the signing key is empty, still reading with the public key", async () => {
    const { runner, state, log } = await setup({ cacheUrl: `file://${dir}/cache`, publicKey: PUBLIC });
    expect(state?.mode).toBe("read-only");
    // For post's report of what the cache did for the job.
    expect(state?.snapshotFile).toBeDefined();
    expect(state?.cacheKeys).toEqual([PUBLIC]);
    expect(log.of("notice")).toHaveLength(1);
    expect(log.of("notice")[0]).toMatch(/signingKey.*empty.*pushes nothing/);
    expect(runner.exported.get("NIX_CONFIG")).toContain(`extra-trusted-public-keys = ${PUBLIC}`);
  });

  it("does not add a substituter whose paths Nix could not verify", async () => {
    const { runner, log } = await setup({ cacheUrl: `file://${dir}/cache` });
    expect(runner.exported.size).toBe(0);
    expect(log.of("notice").join("\n")).toMatch(/not added as a substituter/);
  });

  it("honours skipPush and skipAddingSubstituter", async () => {
    const { runner, state } = await setup({
      cacheUrl: `file://${dir}/cache`,
      signingKey: SECRET,
      skipPush: "true",
      skipAddingSubstituter: "true",
    });
    expect(state?.mode).toBe("off");
    expect(runner.exported.size).toBe(0);
  });

  it("with skipAddingSubstituter still adds caches that are only pulled from, as cachix-action does", async () => {
    const cache = new MemoryCache();
    cache.prepareRead = async () => ({
      substituters: [
        { url: "https://mycache.example", publicKeys: [PUBLIC] },
        { url: "https://community.example", publicKeys: [PUBLIC], pullOnly: true },
      ],
      netrc: [],
      canPush: true,
    });
    const { runner } = await setup(
      { cacheUrl: `file://${dir}/cache`, signingKey: SECRET, skipAddingSubstituter: "true" },
      { openCache: async () => cache },
    );
    const config = runner.exported.get("NIX_CONFIG") ?? "";
    expect(config).toContain("extra-substituters = https://community.example");
    expect(config).not.toContain("mycache");
  });

  it("snapshots when pathsToPush decides what is pushed too (for the report), but starts no pusher", async () => {
    let started = 0;
    const { state } = await setup(
      { cacheUrl: `file://${dir}/cache`, signingKey: SECRET, pathsToPush: "./result" },
      {
        startPusher: async () => {
          started++;
        },
      },
    );
    expect(state?.mode).toBe("push");
    expect(state?.pusherDir).toBeUndefined();
    expect(state?.snapshotFile).toBeDefined();
    expect(started).toBe(0);
  });

  it("starts the background pusher in a 0700 directory of its own, saved in the state before it starts", async () => {
    const starts: { dir: string; mode: number; savedFirst: boolean; state: SetupState }[] = [];
    const savedStates: SetupState[] = [];
    await setup(
      { cacheUrl: `file://${dir}/cache`, signingKey: SECRET },
      {
        startPusher: async (pusherDir, given) => {
          starts.push({
            dir: pusherDir,
            mode: statSync(pusherDir).mode & 0o777,
            savedFirst: savedStates.at(-1)?.pusherDir === pusherDir,
            state: given,
          });
        },
        saveState: (saving) => savedStates.push(saving),
      },
    );
    expect(starts).toHaveLength(1);
    expect(starts[0]).toMatchObject({ mode: 0o700, savedFirst: true });
    expect(starts[0]?.state).toMatchObject({ mode: "push", pusherDir: starts[0]?.dir });
    expect(savedStates.at(-1)?.pusherDir).toBe(starts[0]?.dir);
  });

  it("warns, and leaves the push to post, when the pusher cannot start (even with strict)", async () => {
    const { log, state } = await setup(
      { cacheUrl: `file://${dir}/cache`, signingKey: SECRET, strict: "true" },
      {
        startPusher: async () => {
          throw new Error("spawn nice ENOENT");
        },
      },
    );
    expect(state?.mode).toBe("push");
    expect(log.of("warning")).toEqual([
      "The background pusher could not start (spawn nice ENOENT); post pushes everything instead.",
    ]);
  });

  it("fails with a clear message when Nix is missing", async () => {
    await expect(
      setup(
        { cacheUrl: `file://${dir}/cache`, signingKey: SECRET },
        { nix: new NixStore(nixMissing, storeDir) },
      ),
    ).rejects.toThrow(/Nix is not installed or does not run .*install-nix-action/);
  });

  it("warns and goes on without the cache when it cannot be read; strict makes that an error", async () => {
    await mkdir(join(dir, "cache"));
    await writeFile(join(dir, "cache/nix-cache-info"), "StoreDir: /gnu/store\n");
    const { runner, state, log } = await setup({ cacheUrl: `file://${dir}/cache`, signingKey: SECRET });
    expect(log.of("warning")[0]).toMatch(/\/gnu\/store.*goes on without this cache/);
    expect(runner.exported.size).toBe(0);
    expect(state?.mode).toBe("off");
    await expect(
      setup({ cacheUrl: `file://${dir}/cache`, signingKey: SECRET, strict: "true" }),
    ).rejects.toThrow(CacheError);
  });

  it("warns on self-hosted runners, where the store diff can hold other jobs' paths", async () => {
    const { log } = await setup(
      { cacheUrl: `file://${dir}/cache`, signingKey: SECRET },
      { env: { RUNNER_ENVIRONMENT: "self-hosted" } },
    );
    expect(log.of("warning")[0]).toMatch(/self-hosted.*pathsToPush/);
  });

  it("with neither cacheUrl nor name, uses the Actions cache: without the runner's cache service, it warns and goes on", async () => {
    const { state, log } = await setup({});
    expect(log.of("warning")).toEqual([
      expect.stringMatching(
        /GitHub Actions cache service is not available to this job.*The build goes on without this cache\.$/,
      ),
    ]);
    expect(log.of("notice")).toEqual([]);
    expect(state?.mode).toBe("off");
  });
});
