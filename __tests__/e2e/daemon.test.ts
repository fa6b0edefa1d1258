// Setup on multi-user Nix, as the runner runs it: the steps run as an unprivileged account through a nix-daemon
// that either trusts it or not. In each case a later step must substitute from the cache instead of building,
// and after post the daemon's config is back to what it was.
import { execFileSync } from "node:child_process";
import { chownSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type NginxServer, startNginx } from "../helpers/http/nginx.js";
import { expectSubstitutes, generateKeyPair, type KeyPair, nixCopyTo } from "../helpers/nix/binary-cache.js";
import {
  buildClosure,
  type Closure,
  closurePaths,
  instantiateClosure,
  pushOnly,
} from "../helpers/nix/closures.js";
import { ensureUnprivilegedUser, grantSudo, type NixDaemon, startNixDaemon } from "../helpers/nix/daemon.js";
import { createNixEnv, type NixEnv } from "../helpers/nix/env.js";
import { deleteStorePaths, inStore } from "../helpers/nix/store.js";
import { world } from "../helpers/nix/world.js";
import { Job, runAction, runShellStep, show } from "../helpers/runner.js";
import { startMoto } from "../helpers/s3/moto.js";
import { ActionsCacheStandIn } from "../helpers/stand-ins/actions-cache-server.js";

const USER = "nbca-runner";
let nix: NixEnv;
let keys: KeyPair;
let cacheDir: string;
let cacheUrl: string;
let closure: Closure;

beforeAll(async () => {
  ensureUnprivilegedUser(USER);
  nix = createNixEnv();
  keys = await generateKeyPair(nix, "daemon-test-1");
  // The cache is made with Nix itself: what is under test here is setup's configuration, not the push.
  closure = await buildClosure(nix, { count: 2, label: "daemon" });
  cacheDir = mkdtempSync(path.join(tmpdir(), "nbca-daemon-cache-"));
  cacheUrl = `file://${cacheDir}`;
  await nixCopyTo(nix, cacheUrl, keys.secretKeyFile, [closure.top]);
  // Readable by every account: the daemon (root) and the job's user both read it.
  execFileSync("chmod", ["-R", "a+rX", cacheDir]);
});
afterAll(async () => {
  rmSync(cacheDir, { recursive: true, force: true });
  nix.cleanup();
});

/** One job of the unprivileged account against `daemon`: setup, a step that may only substitute, post. */
async function readOnlyJob(
  daemon: NixDaemon,
  inputs: Record<string, string> = { cacheUrl, publicKey: keys.publicKey },
) {
  await deleteStorePaths(nix, closurePaths(closure));
  expect(inStore(closure.top), "the path must be gone before the job").toBe(false);
  const job = new Job({
    user: USER,
    env: { ...daemon.clientEnv, XDG_CACHE_HOME: "" },
    path: [daemon.shimDir],
  });
  try {
    const main = await runAction(job, "main", { inputs });
    const realise = await runShellStep(job, `nix-store -r --max-jobs 0 ${closure.top}`);
    const configDuringJob = readFileSync(daemon.confFile, "utf8");
    const netrcFile = path.join(job.temp, "nix-binary-cache", "netrc");
    const netrcDuringJob = existsSync(netrcFile) ? readFileSync(netrcFile, "utf8") : undefined;
    const post = await runAction(job, "post", { inputs });
    return { main, realise, post, configDuringJob, netrcDuringJob, netrcAfterPost: existsSync(netrcFile) };
  } finally {
    job.cleanup();
  }
}

describe("a daemon that trusts the job's user", () => {
  let daemon: NixDaemon;
  beforeAll(async () => {
    daemon = await startNixDaemon({ trustedUsers: ["root", USER] });
  });
  afterAll(async () => daemon?.stop());

  test("gets the cache through NIX_CONFIG, and a later step substitutes from it", async () => {
    const before = readFileSync(daemon.confFile, "utf8");
    const { main, realise, post, configDuringJob } = await readOnlyJob(daemon);
    expect(main.exitCode, show(main)).toBe(0);
    // Nix 2.15 and later say themselves whether they trust the user; 2.8 leaves trusted-users to be read.
    expect(main.stdout).toMatch(
      world.name === "host"
        ? /Nix installation: daemon-trusted: the daemon trusts 'nbca-runner' \(trusted-users has 'nbca-runner'\)/
        : /Nix installation: daemon-trusted: the daemon says it trusts 'nbca-runner'/,
    );
    expect(main.exportedEnv.NIX_CONFIG).toContain(`extra-substituters = ${cacheUrl}`);
    expect(realise.exitCode, show(realise)).toBe(0);
    expect(realise.stderr).toContain(`copying path '${closure.top}' from '${cacheUrl}'`);
    expect(configDuringJob).toBe(before);
    expect(post.exitCode, show(post)).toBe(0);
    expect(readFileSync(daemon.confFile, "utf8")).toBe(before);
    expect(daemon.restarts()).toBe(0);
  });

  test("pushes what the user built through the daemon, and a fresh store substitutes it", async () => {
    const built = await instantiateClosure(nix, { count: 2, label: "daemon-push" });
    const pushCacheDir = mkdtempSync(path.join(tmpdir(), "nbca-daemon-push-"));
    const job = new Job({ user: USER, env: { ...daemon.clientEnv }, path: [daemon.shimDir] });
    chownSync(pushCacheDir, job.user?.uid ?? 0, job.user?.gid ?? 0);
    const inputs = { cacheUrl: `file://${pushCacheDir}`, signingKey: keys.secretKey };
    try {
      expect((await runAction(job, "main", { inputs })).exitCode).toBe(0);
      const build = await runShellStep(job, `nix-store -r ${built.drvPaths.join(" ")}`);
      expect(build.exitCode, show(build)).toBe(0);
      const post = await runAction(job, "post", { inputs });
      expect(post.exitCode, show(post)).toBe(0);
      expect(post.outputs.pushedPaths, show(post)).toBe("2");
      await expectSubstitutes(nix, `file://${pushCacheDir}`, [built.top], keys.publicKey);
    } finally {
      job.cleanup();
      rmSync(pushCacheDir, { recursive: true, force: true });
      await deleteStorePaths(nix, closurePaths(built));
    }
  });
});

describe("a daemon that does not trust the job's user", () => {
  let daemon: NixDaemon;
  beforeAll(async () => {
    daemon = await startNixDaemon({ trustedUsers: ["root"] });
  });
  afterAll(async () => daemon?.stop());

  test("with passwordless sudo: system config and a daemon restart; post puts the config back", async () => {
    const before = readFileSync(daemon.confFile, "utf8");
    const revokeSudo = grantSudo(USER);
    try {
      const { main, realise, post, configDuringJob } = await readOnlyJob(daemon);
      expect(main.exitCode, show(main)).toBe(0);
      expect(main.stdout).toMatch(
        world.name === "host"
          ? /Nix installation: daemon-untrusted: 'nbca-runner' is not in the daemon's trusted-users/
          : /Nix installation: daemon-untrusted: the daemon says it does not trust 'nbca-runner'/,
      );
      expect(main.exportedEnv.NIX_CONFIG).toBeUndefined();
      expect(configDuringJob.startsWith(before)).toBe(true);
      expect(configDuringJob).toContain(`extra-substituters = ${cacheUrl}`);
      expect(configDuringJob).toContain(`extra-trusted-public-keys = ${keys.publicKey}`);
      expect(realise.exitCode, show(realise)).toBe(0);
      expect(realise.stderr).toContain(`copying path '${closure.top}' from '${cacheUrl}'`);
      expect(post.exitCode, show(post)).toBe(0);
      expect(readFileSync(daemon.confFile, "utf8"), show(post)).toBe(before);
      expect(daemon.restarts()).toBe(2);
    } finally {
      revokeSudo();
    }
  });

  test("pushes while the build runs, as the untrusted user, with no post-build hook; post leaves no process", async () => {
    const pushCacheDir = path.join(mkdtempSync(path.join(tmpdir(), "nbca-daemon-pwb-")), "cache");
    const job = new Job({ user: USER, env: { ...daemon.clientEnv }, path: [daemon.shimDir] });
    // The job's user writes the cache; the daemon's build users look into it (the builders wait for narinfos).
    execFileSync("chmod", ["755", path.dirname(pushCacheDir)]);
    chownSync(path.dirname(pushCacheDir), job.user?.uid ?? 0, job.user?.gid ?? 0);
    const chain = await instantiateClosure(nix, {
      count: 3,
      label: "daemon-pwb",
      waitForNarInfoIn: pushCacheDir,
    });
    const inputs = { cacheUrl: `file://${pushCacheDir}`, signingKey: keys.secretKey };
    try {
      const main = await runAction(job, "main", { inputs });
      expect(main.exitCode, show(main)).toBe(0);
      expect(main.stdout).toContain("Pushing while the build runs");
      // Builder k waits for narinfo k−1: only a push during the build lets this step finish.
      const build = await runShellStep(job, `nix-store -r ${chain.drvPaths.join(" ")}`, {
        timeoutMs: 180_000,
      });
      expect(build.exitCode, show(build)).toBe(0);
      const post = await runAction(job, "post", { inputs });
      expect(post.exitCode, show(post)).toBe(0);
      expect(Number(post.outputs.pushedWhileBuilding), show(post)).toBeGreaterThanOrEqual(2);
      expect(job.trackedProcesses()).toEqual([]);
      await expectSubstitutes(nix, `file://${pushCacheDir}`, chain.outPaths, keys.publicKey);
    } finally {
      job.cleanup();
      rmSync(path.dirname(pushCacheDir), { recursive: true, force: true });
      await deleteStorePaths(nix, [...chain.outPaths].reverse());
    }
  }, 240_000);

  test("without sudo: a warning naming the lines to add, the config untouched, and the build goes on", async () => {
    const before = readFileSync(daemon.confFile, "utf8");
    const restarts = daemon.restarts();
    const { main, realise, post, configDuringJob } = await readOnlyJob(daemon);
    expect(main.exitCode, show(main)).toBe(0);
    const warning = main.annotations.find((a) => a.level === "warning")?.message ?? "";
    expect(warning).toContain(daemon.confFile);
    expect(warning).toContain(`extra-substituters = ${cacheUrl}`);
    expect(configDuringJob).toBe(before);
    // Nothing configured the cache, so the path can only be built, and this step may not build.
    expect(realise.exitCode).not.toBe(0);
    expect(post.exitCode, show(post)).toBe(0);
    expect(readFileSync(daemon.confFile, "utf8")).toBe(before);
    expect(daemon.restarts()).toBe(restarts);
  });
});

describe("a daemon that does not trust the job's user, on a machine whose service manager cannot restart it", () => {
  let daemon: NixDaemon;
  beforeAll(async () => {
    daemon = await startNixDaemon({ trustedUsers: ["root"], restartFails: true });
  });
  afterAll(async () => daemon?.stop());

  test("setup warns and takes its lines out again; no job leaves a block behind", async () => {
    const before = readFileSync(daemon.confFile, "utf8");
    const revokeSudo = grantSudo(USER);
    try {
      for (const attempt of [1, 2]) {
        const { main, post, configDuringJob } = await readOnlyJob(daemon);
        expect(main.exitCode, show(main)).toBe(0);
        const warnings = main.annotations.filter((a) => a.level === "warning").map((a) => a.message);
        expect(warnings, `job ${attempt}`).toEqual([
          expect.stringMatching(
            /cannot configure the Nix daemon through .*booted with systemd.*without this cache/s,
          ),
        ]);
        expect(configDuringJob, `job ${attempt}`).toBe(before);
        expect(post.exitCode, show(post)).toBe(0);
        expect(readFileSync(daemon.confFile, "utf8")).toBe(before);
      }
    } finally {
      revokeSudo();
    }
  });
});

describe("a private HTTP cache through the daemon: netrc-file reaches it", () => {
  const token = `daemon-${Date.now().toString(36)}`;
  let nginx: NginxServer;
  let privateUrl: string;
  beforeAll(async () => {
    nginx = await startNginx({ password: token });
    // nginx serves this directory: a copy of the cache Nix wrote above.
    cpSync(cacheDir, path.join(nginx.root, "private"), { recursive: true });
    execFileSync("chmod", ["-R", "a+rX", nginx.root]);
    privateUrl = `${nginx.origin}/private`;
  });
  afterAll(async () => nginx?.stop());

  test.each([
    ["trusts the user", ["root", USER], false],
    ["does not trust the user (sudo)", ["root"], true],
  ])(
    "a daemon that %s substitutes through the job's netrc, which post deletes",
    async (_what, trusted, sudo) => {
      const daemon = await startNixDaemon({ trustedUsers: trusted });
      const revokeSudo = sudo ? grantSudo(USER) : () => {};
      try {
        const before = readFileSync(daemon.confFile, "utf8");
        const inputs = { cacheUrl: privateUrl, authToken: token, publicKey: keys.publicKey };
        const { main, realise, post, configDuringJob, netrcDuringJob, netrcAfterPost } = await readOnlyJob(
          daemon,
          inputs,
        );
        expect(main.exitCode, show(main)).toBe(0);
        expect(netrcDuringJob).toBe(`machine 127.0.0.1\npassword ${token}\n`);
        // The untrusting daemon learns of the netrc from its own config; the trusting one from the client.
        if (sudo) expect(configDuringJob).toMatch(/^netrc-file = .*\/nix-binary-cache\/netrc$/m);
        else expect(configDuringJob).toBe(before);
        expect(realise.exitCode, show(realise)).toBe(0);
        expect(realise.stderr).toContain(`copying path '${closure.top}' from '${privateUrl}'`);
        expect(post.exitCode, show(post)).toBe(0);
        expect(netrcAfterPost).toBe(false);
        expect(readFileSync(daemon.confFile, "utf8")).toBe(before);
        expect(main.maskedLog + realise.stdout + realise.stderr + post.maskedLog).not.toContain(token);
      } finally {
        revokeSudo();
        await daemon.stop();
      }
    },
  );
});

/**
 * Two jobs of the unprivileged account through `daemon` against a cache served by a read server of the action's:
 * job 1 builds `built` and pushes it; its paths deleted, job 2 may only substitute, through the server its setup
 * started. `check` looks at the daemon's config during job 2. Post must end the server and put the config back.
 */
async function throughReadServer(
  daemon: NixDaemon,
  built: Closure,
  inputs: Record<string, string>,
  env: Record<string, string>,
  check: (config: string, substituter: string) => void,
): Promise<void> {
  const before = readFileSync(daemon.confFile, "utf8");
  const newJob = () =>
    new Job({ user: USER, env: { ...daemon.clientEnv, ...env, XDG_CACHE_HOME: "" }, path: [daemon.shimDir] });
  const first = newJob();
  try {
    expect((await runAction(first, "main", { inputs })).exitCode).toBe(0);
    const build = await runShellStep(first, `nix-store -r ${built.drvPaths.join(" ")}`);
    expect(build.exitCode, show(build)).toBe(0);
    const post = await runAction(first, "post", { inputs });
    expect(post.outputs.pushedPaths, show(post)).toBe("2");
  } finally {
    first.cleanup();
  }
  await deleteStorePaths(nix, [...built.outPaths].reverse());
  const job = newJob();
  try {
    const main = await runAction(job, "main", { inputs });
    expect(main.exitCode, show(main)).toBe(0);
    const url = main.outputs.substituter ?? "";
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{16}$/);
    check(readFileSync(daemon.confFile, "utf8"), url);
    const realise = await runShellStep(job, `nix-store -r --max-jobs 0 ${built.top}`);
    expect(realise.exitCode, show(realise)).toBe(0);
    expect(realise.stderr).toContain(`copying path '${built.top}' from '${url}'`);
    const post = await runAction(job, "post", { inputs });
    expect(post.exitCode, show(post)).toBe(0);
    expect(job.trackedProcesses()).toEqual([]);
    expect(readFileSync(daemon.confFile, "utf8")).toBe(before);
  } finally {
    job.cleanup();
  }
}

describe("the GitHub Actions cache through the daemon: its read server reaches it", () => {
  test.each([
    ["trusts the user", ["root", USER], false],
    ["does not trust the user (sudo)", ["root"], true],
  ])(
    "a daemon that %s substitutes through the read server, which post ends",
    async (_what, trusted, sudo) => {
      const service = await ActionsCacheStandIn.start();
      const daemon = await startNixDaemon({ trustedUsers: trusted });
      const revokeSudo = sudo ? grantSudo(USER) : () => {};
      const built = await instantiateClosure(nix, {
        count: 2,
        label: `daemon-ghac-${sudo ? "sudo" : "trusted"}`,
      });
      try {
        await throughReadServer(daemon, built, { pushFilter: pushOnly(built) }, service.env(), (config) => {
          if (sudo) expect(config).toMatch(/^fallback = true$/m);
        });
      } finally {
        revokeSudo();
        await daemon.stop();
        await service.stop();
        await deleteStorePaths(nix, [...built.outPaths].reverse());
        await deleteStorePaths(nix, [...built.drvPaths].reverse());
      }
    },
  );
});

describe("an S3 bucket through the daemon: its read proxy reaches it", () => {
  test("a daemon that does not trust the user (sudo) substitutes through the read proxy, without the AWS keys", async () => {
    const moto = await startMoto(["daemon-cache"]);
    const daemon = await startNixDaemon({ trustedUsers: ["root"] });
    const revokeSudo = grantSudo(USER);
    const built = await instantiateClosure(nix, { count: 2, label: "daemon-s3" });
    const inputs = {
      cacheUrl: `s3://daemon-cache/ci?endpoint=${moto.endpoint}`,
      signingKey: keys.secretKey,
      pushFilter: pushOnly(built),
    };
    const aws = { AWS_ACCESS_KEY_ID: moto.accessKeyId, AWS_SECRET_ACCESS_KEY: moto.secretAccessKey };
    try {
      await throughReadServer(daemon, built, inputs, aws, (config, url) => {
        expect(config).toContain(`extra-substituters = ${url}`);
        expect(config).not.toContain(moto.secretAccessKey);
      });
    } finally {
      revokeSudo();
      await daemon.stop();
      await moto.stop();
      await deleteStorePaths(nix, [...built.outPaths].reverse());
      await deleteStorePaths(nix, [...built.drvPaths].reverse());
    }
  }, 120_000);
});
