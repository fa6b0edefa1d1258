import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { configureNixForLaterSteps } from "../src/configure-nix.js";
import type { CommandRunner } from "../src/nix/command.js";
import { NixStore } from "../src/nix/store.js";
import { RecordingLog, RecordingRunnerFiles } from "./helpers/fakes.js";

const KEY = "test-cache-1:rFjR3jTjc8PoZRNM/TV1mdHUF25V4W+wbOI0WwWCN+Q=";
let dir: string;
let userNetrc: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "configure-"));
  userNetrc = join(dir, "user-netrc");
});

/** A Nix whose `show-config --json` says which netrc it uses, as Nix 2.8 prints it. */
function nixUsingNetrc(file: string): NixStore {
  const run: CommandRunner = async () => ({
    exitCode: 0,
    stdout: JSON.stringify({ "netrc-file": { aliases: [], defaultValue: "/etc/nix/netrc", value: file } }),
    stderr: "",
  });
  return new NixStore(run, "/nix/store");
}

async function configure(
  config: Parameters<typeof configureNixForLaterSteps>[0],
  env: NodeJS.ProcessEnv = {},
) {
  const runner = new RecordingRunnerFiles();
  const log = new RecordingLog();
  const added = await configureNixForLaterSteps(config, {
    nix: nixUsingNetrc(userNetrc),
    runner,
    log,
    env,
    tempDir: dir,
  });
  return { runner, log, added };
}

describe("configureNixForLaterSteps", () => {
  it("adds substituters with keys, merged into the job's NIX_CONFIG", async () => {
    const { runner, added } = await configure(
      { substituters: [{ url: "https://cache.example", publicKeys: [KEY] }], netrc: [] },
      { NIX_CONFIG: "max-jobs = 1" },
    );
    expect(added.map((s) => s.url)).toEqual(["https://cache.example"]);
    expect(runner.exported.get("NIX_CONFIG")).toBe(
      `max-jobs = 1\nextra-substituters = https://cache.example\nextra-trusted-public-keys = ${KEY}`,
    );
  });

  it("leaves out, with a notice, a substituter no key could verify", async () => {
    const { runner, log, added } = await configure({
      substituters: [{ url: "file:///c", publicKeys: [] }],
      netrc: [],
    });
    expect(added).toEqual([]);
    expect(runner.exported.size).toBe(0);
    expect(log.of("notice")[0]).toMatch(/No public key is known for file:\/\/\/c/);
  });

  it("writes credentials to a private netrc under RUNNER_TEMP that keeps the user's other entries", async () => {
    await writeFile(userNetrc, "machine github.com\nlogin me\npassword gh-token\n");
    const { runner } = await configure({
      substituters: [{ url: "https://cache.example", publicKeys: [KEY] }],
      netrc: [{ machine: "cache.example", password: "s3cret" }],
    });
    const file = join(dir, "nix-binary-cache/netrc");
    expect(await readFile(file, "utf8")).toBe(
      "machine github.com\nlogin me\npassword gh-token\nmachine cache.example\npassword s3cret\n",
    );
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(runner.exported.get("NIX_CONFIG")).toContain(`netrc-file = ${file}`);
    expect(await readFile(userNetrc, "utf8")).toBe("machine github.com\nlogin me\npassword gh-token\n");
  });
});
