/**
 * Upkeep while a push runs: `gc` (src/upkeep/gc-command.ts) called over and over, with an age limit, on the cache the
 * action's post is pushing into at that moment. The push leaves temporary files and NARs no narinfo names yet while
 * it works; gc must take none of them, must still take what it was asked to (paths older than the limit), and real
 * Nix must substitute everything the push pushed afterwards.
 */
import { mkdtempSync, readdirSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { S3Client } from "../../src/cache/s3/s3-client.js";
import { runGcCommand } from "../../src/upkeep/gc-command.js";
import { expectSubstitutes, generateKeyPair, type KeyPair, nixCopyTo } from "../helpers/nix/binary-cache.js";
import {
  buildClosure,
  type Closure,
  closurePaths,
  instantiateClosure,
  pushOnly,
} from "../helpers/nix/closures.js";
import { createNixEnv, type NixEnv } from "../helpers/nix/env.js";
import { deleteStorePaths } from "../helpers/nix/store.js";
import { removeTree } from "../helpers/remove-tree.js";
import { Job, runAction, runShellStep, show } from "../helpers/runner.js";
import { startVerifiedS3rver, type VerifiedS3rver } from "../helpers/s3/s3rver.js";

const DAY = 24 * 60 * 60 * 1000;
let nix: NixEnv;
let keys: KeyPair;
let scratch: string;
const closures: Closure[] = [];
const jobs: Job[] = [];

beforeAll(async () => {
  nix = createNixEnv();
  keys = await generateKeyPair(nix, "upkeep-test-1");
  scratch = mkdtempSync(path.join(tmpdir(), "nbca-upkeep-"));
}, 60_000);
afterAll(async () => {
  for (const job of jobs) job.cleanup();
  for (const closure of closures) await deleteStorePaths(nix, [...closurePaths(closure)].reverse());
  nix?.cleanup();
  if (scratch) removeTree(scratch);
});

const hashOf = (storePath: string) => path.basename(storePath).slice(0, 32);

/**
 * Builds a new closure of `count` paths in a job set up for `cacheUrl`, then runs post while `gc` runs again and
 * again on the same cache; returns what post said and every line gc printed.
 */
async function pushWhileCollecting(
  cacheUrl: string,
  env: Readonly<Record<string, string>>,
): Promise<{ closure: Closure; gcRuns: number; gcSaid: string[] }> {
  const closure = await instantiateClosure(nix, { count: 40, label: "upkeep" });
  closures.push(closure);
  const inputs = {
    cacheUrl,
    signingKey: keys.secretKey,
    pushFilter: pushOnly(closure),
    pushWhileBuilding: "false",
  };
  const job = new Job({ env: { ...nix.env, ...env } });
  jobs.push(job);
  expect((await runAction(job, "main", { inputs })).exitCode).toBe(0);
  const build = await runShellStep(job, `nix-store -r ${closure.drvPaths.join(" ")}`);
  expect(build.exitCode, show(build)).toBe(0);

  const gcSaid: string[] = [];
  let gcRuns = 0;
  let pushing = true;
  const post = runAction(job, "post", { inputs }).finally(() => {
    pushing = false;
  });
  while (pushing) {
    const err: string[] = [];
    const code = await runGcCommand([cacheUrl, "--older-than", "7"], {
      out: (line) => gcSaid.push(line),
      err: (line) => err.push(line),
      env: { HOME: scratch, ...env },
    });
    expect(code, err.join("\n")).toBe(0);
    gcRuns++;
    // gc on a local directory may finish without waiting on anything: let post's end be seen.
    await sleep(10);
  }
  const pushed = await post;
  expect(pushed.exitCode, show(pushed)).toBe(0);
  expect(pushed.outputs.pushedPaths, show(pushed)).toBe("40");
  return { closure, gcRuns, gcSaid };
}

describe("gc while a push runs", () => {
  test("file://: gc takes the old paths it was asked to and nothing of the push; Nix substitutes all 40 paths", async () => {
    const cache = path.join(scratch, "cache");
    const old = await buildClosure(nix, { count: 2, label: "upkeep-old" });
    closures.push(old);
    await nixCopyTo(nix, `file://${cache}`, keys.secretKeyFile, [old.top]);
    for (const out of old.outPaths) {
      const ago = new Date(Date.now() - 10 * DAY);
      utimesSync(path.join(cache, `${hashOf(out)}.narinfo`), ago, ago);
    }

    const { closure, gcRuns, gcSaid } = await pushWhileCollecting(`file://${cache}`, {});
    expect(gcRuns, "gc ran more than once during the push").toBeGreaterThan(1);
    expect(gcSaid.filter((line) => line.endsWith(".narinfo")).sort()).toEqual(
      old.outPaths.map((out) => `removed ${hashOf(out)}.narinfo`).sort(),
    );
    // Nothing but the old narinfos went; whatever else gc took was not the push's.
    for (const line of gcSaid) expect(line).toMatch(/^removed /);
    const names = readdirSync(cache);
    for (const out of closure.outPaths) expect(names).toContain(`${hashOf(out)}.narinfo`);
    expect(names.filter((name) => name.endsWith(".tmp"))).toEqual([]);
    await expectSubstitutes(nix, `file://${cache}`, [closure.top], keys.publicKey);
  }, 180_000);

  test("s3:// (s3rver behind a verifying front): gc takes nothing of the push; every narinfo and NAR is there after", async () => {
    const server: VerifiedS3rver = await startVerifiedS3rver(["upkeep"]);
    try {
      const env = {
        AWS_ACCESS_KEY_ID: server.accessKeyId,
        AWS_SECRET_ACCESS_KEY: server.secretAccessKey,
        AWS_REGION: "us-east-1",
      };
      const cacheUrl = `s3://upkeep/ci?endpoint=${server.endpoint}`;
      const { closure, gcRuns, gcSaid } = await pushWhileCollecting(cacheUrl, env);
      expect(gcRuns, "gc ran more than once during the push").toBeGreaterThan(1);
      expect(gcSaid).toEqual([]);
      const s3 = new S3Client(
        { bucket: "upkeep", prefix: "ci/", region: "us-east-1", endpoint: new URL(server.endpoint) },
        () => server,
      );
      const never = new AbortController().signal;
      const keys = new Set((await s3.list(never)).map((o) => o.key));
      for (const out of closure.outPaths) {
        const info = (await s3.get(`${hashOf(out)}.narinfo`, never))?.toString() ?? "";
        const nar = /^URL: (.*)$/m.exec(info)?.[1] ?? "(no narinfo)";
        expect(keys.has(nar), `${out}'s NAR`).toBe(true);
      }
    } finally {
      await server.stop();
    }
  }, 180_000);
});
