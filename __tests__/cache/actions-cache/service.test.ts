/**
 * The real @actions/cache 6.3.0, driven through our adapter (src/cache/actions-cache/service.ts) against the
 * stand-in of the cache service: what crosses the wire, what comes back on disk, and how failures are told apart
 * from misses. In-process, so each case takes milliseconds; the e2e tests run the same through the bundles.
 */

import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BlockBlobClient } from "@azure/storage-blob";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { actionsCacheService } from "../../../src/cache/actions-cache/service.js";
import { NEVER } from "../../helpers/fakes/ports.js";
import {
  ActionsCacheStandIn,
  deadServiceUrl,
  runtimeToken,
} from "../../helpers/stand-ins/actions-cache-server.js";

const DIR = ".cache-under-test";

let standIn: ActionsCacheStandIn;
let workspace: string;
beforeAll(async () => {
  standIn = await ActionsCacheStandIn.start();
});
afterAll(() => standIn?.stop());
beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), "actions-cache-service-"));
  vi.stubEnv("GITHUB_WORKSPACE", workspace);
  vi.stubEnv("RUNNER_TEMP", `${workspace}-temp`);
  vi.stubEnv("GITHUB_SERVER_URL", "https://github.com");
  vi.stubEnv("ACTIONS_CACHE_MODE", "");
  for (const name of ["ACTIONS_RESULTS_URL", "ACTIONS_CACHE_URL", "ACTIONS_CACHE_SERVICE_V2"])
    vi.stubEnv(name, "");
  standIn.fault = undefined;
  standIn.calls.length = 0;
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(workspace, { recursive: true, force: true });
  await rm(`${workspace}-temp`, { recursive: true, force: true });
});

function useService(env: Record<string, string>): void {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
}

async function writeTree(): Promise<Buffer> {
  const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256));
  await mkdir(join(workspace, DIR, "cache", "nar"), { recursive: true });
  await writeFile(join(workspace, DIR, "cache", "nar", "x.nar.zst"), bytes);
  await writeFile(join(workspace, DIR, "usage.json"), "{}\n");
  return bytes;
}

describe.each([
  ["v2 (Twirp)", false],
  ["v1 (legacy REST)", true],
])("through the %s API", (_name, v1) => {
  it("misses, saves, then restores byte for byte with a handful of calls", async () => {
    useService(standIn.env({ v1 }));
    const service = actionsCacheService(process.env, workspace, 60_000);
    // The legacy service and v2 are separate services: their entries must not meet.
    const p = v1 ? "v1/" : "v2/";
    expect(await service.restore(DIR, [`${p}job/`, p])).toEqual({ kind: "miss" });
    const bytes = await writeTree();
    expect(await service.save(DIR, `${p}job/run-1`, NEVER)).toEqual({ kind: "saved" });
    await rm(join(workspace, DIR), { recursive: true });

    expect(await service.restore(DIR, [`${p}job/`, p])).toEqual({ kind: "hit", key: `${p}job/run-1` });
    expect(await readFile(join(workspace, DIR, "cache", "nar", "x.nar.zst"))).toEqual(bytes);
    expect(await readFile(join(workspace, DIR, "usage.json"), "utf8")).toBe("{}\n");
    expect(standIn.apiCalls()).toEqual(
      v1
        ? ["v1 GET cache", "v1 POST caches", "v1 PATCH caches/:id", "v1 POST caches/:id", "v1 GET cache"]
        : [
            "GetCacheEntryDownloadURL",
            "CreateCacheEntry",
            "FinalizeCacheEntryUpload",
            "GetCacheEntryDownloadURL",
          ],
    );
    // One version for the one path string, whatever the runner's directories.
    expect(new Set(standIn.visibleEntries().map((entry) => entry.version)).size).toBe(1);
  });
});

describe("the stand-in matches keys as the service does", () => {
  it("takes the newest entry under the job's prefix, else the newest under the platform prefix", async () => {
    useService(standIn.env());
    const service = actionsCacheService(process.env, workspace, 60_000);
    await writeTree();
    for (const key of ["m/a/1", "m/a/2", "m/b/1"])
      expect(await service.save(DIR, key, NEVER)).toEqual({ kind: "saved" });
    await rm(join(workspace, DIR), { recursive: true });
    expect(await service.restore(DIR, ["m/a/", "m/"])).toEqual({ kind: "hit", key: "m/a/2" });
    await rm(join(workspace, DIR), { recursive: true });
    expect(await service.restore(DIR, ["m/c/", "m/"])).toEqual({ kind: "hit", key: "m/b/1" });
  });

  it("lets a pull request read the default branch's entries, and not the other way round", async () => {
    const main = runtimeToken([{ ref: "refs/heads/main", write: true }]);
    const pr = runtimeToken([
      { ref: "refs/pull/7/merge", write: true },
      { ref: "refs/heads/main", write: false },
    ]);
    const service = actionsCacheService(process.env, workspace, 60_000);
    await writeTree();
    useService(standIn.env({ token: main }));
    expect(await service.save(DIR, "s/main", NEVER)).toEqual({ kind: "saved" });
    useService(standIn.env({ token: pr }));
    expect(await service.save(DIR, "s/pr", NEVER)).toEqual({ kind: "saved" });
    await rm(join(workspace, DIR), { recursive: true });
    expect(await service.restore(DIR, ["s/"])).toEqual({ kind: "hit", key: "s/pr" });
    await rm(join(workspace, DIR), { recursive: true });
    useService(standIn.env({ token: main }));
    expect(await service.restore(DIR, ["s/"])).toEqual({ kind: "hit", key: "s/main" });
  });
});

describe("failures are told apart from misses", () => {
  it("a 429 is one call, reported as rate limiting, and its warning is not printed by @actions/cache", async () => {
    useService(standIn.env());
    standIn.fault = { kind: "rate-limit", retryAfterSeconds: 30 };
    const printed: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => printed.push(String(chunk)) > 0) as typeof write;
    const outcome = await actionsCacheService(process.env, workspace, 60_000)
      .restore(DIR, ["r/"])
      .finally(() => {
        process.stdout.write = write;
      });
    expect(outcome).toMatchObject({ kind: "failed", rateLimited: true });
    expect(outcome.kind === "failed" && outcome.problem).toMatch(/429/);
    expect(standIn.apiCalls()).toEqual(["GetCacheEntryDownloadURL"]);
    expect(printed.join("")).toMatch(/^::debug::/m);
    expect(printed.join("")).not.toMatch(/^::(warning|error)/m);

    // Without Retry-After, @actions/cache logs a refused reservation at info level only: still told apart.
    standIn.fault = { kind: "rate-limit" };
    await writeTree();
    const save = await actionsCacheService(process.env, workspace, 60_000).save(DIR, "r/1", NEVER);
    expect(save).toMatchObject({ kind: "failed", rateLimited: true });
    expect(standIn.apiCalls()).toEqual(["GetCacheEntryDownloadURL", "CreateCacheEntry"]);
    expect(standIn.visibleEntries().some((entry) => entry.key === "r/1")).toBe(false);
  });

  it("a dead service fails at once, without a retry", async () => {
    useService({ ...standIn.env(), ACTIONS_RESULTS_URL: await deadServiceUrl() });
    const started = Date.now();
    const outcome = await actionsCacheService(process.env, workspace, 60_000).restore(DIR, ["d/"]);
    expect(outcome).toMatchObject({ kind: "failed", rateLimited: false });
    expect(outcome.kind === "failed" && outcome.problem).toMatch(/ECONNREFUSED|connect/i);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a service that does not answer is given up at the deadline, and the abandoned call settles later", async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    useService({
      ...standIn.env(),
      ACTIONS_RESULTS_URL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`,
    });
    const outcome = await actionsCacheService(process.env, workspace, 300).restore(DIR, ["s/"]);
    expect(outcome).toMatchObject({ kind: "failed", problem: expect.stringMatching(/no answer within/) });
    silent.closeAllConnections();
    silent.close();
    expect(outcome).toMatchObject({ abandoned: expect.any(Promise) });
    await (outcome.kind === "failed" ? outcome.abandoned : undefined);
    expect(process.cwd()).not.toBe(workspace);
  });
});

describe("the stand-in's blob store", () => {
  it("takes the Azure SDK's block uploads (archives over 128 MiB) and serves the same bytes", async () => {
    const env = standIn.env();
    const twirp = async (method: string, body: unknown) => {
      const response = await fetch(
        `${env.ACTIONS_RESULTS_URL}twirp/github.actions.results.api.v1.CacheService/${method}`,
        {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${env.ACTIONS_RUNTIME_TOKEN}`,
          },
          body: JSON.stringify(body),
        },
      );
      return (await response.json()) as Record<string, string | boolean>;
    };
    const created = await twirp("CreateCacheEntry", { key: "blocks", version: "v" });
    const data = Buffer.from(Array.from({ length: 3 * 1024 * 1024 + 123 }, (_, i) => (i * 31) % 251));
    // The SDK switches to blocks above maxSingleShotSize: made small here to exercise that path.
    await new BlockBlobClient(String(created.signed_upload_url)).uploadData(data, {
      blockSize: 1024 * 1024,
      maxSingleShotSize: 1024 * 1024,
    });
    expect(standIn.calls.filter((call) => call.api === "blob").map((call) => call.name)).toEqual([
      "blob PUT block",
      "blob PUT block",
      "blob PUT block",
      "blob PUT block",
      "blob PUT blocklist",
    ]);
    expect(
      await twirp("FinalizeCacheEntryUpload", {
        key: "blocks",
        version: "v",
        size_bytes: String(data.length),
      }),
    ).toMatchObject({ ok: true });
    const found = await twirp("GetCacheEntryDownloadURL", { key: "blocks", restore_keys: [], version: "v" });
    expect(found).toMatchObject({ ok: true, matched_key: "blocks" });
    const downloaded = Buffer.from(await (await fetch(String(found.signed_download_url))).arrayBuffer());
    // Buffer.equals: vitest's deep equality walks a 3 MiB buffer byte by byte, for seconds.
    expect(downloaded.length).toBe(data.length);
    expect(downloaded.equals(data)).toBe(true);
  });
});

describe("availability", () => {
  it("needs the runner's cache variables and a cache mode that reads; saving needs one that writes", () => {
    const service = actionsCacheService(process.env, workspace, 60_000);
    expect(service.unavailable()).toMatch(/not available/);
    useService(standIn.env());
    expect(service.unavailable()).toBeUndefined();
    expect(service.writable()).toBe(true);
    vi.stubEnv("ACTIONS_CACHE_MODE", "write-only");
    expect(service.unavailable()).toMatch(/write-only/);
    vi.stubEnv("ACTIONS_CACHE_MODE", "read");
    expect(service.unavailable()).toBeUndefined();
    expect(service.writable()).toBe(false);
  });
});
