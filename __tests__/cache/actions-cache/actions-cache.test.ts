/**
 * Post's side of the Actions cache mode on synthetic paths (no Nix needed: only narinfos and bytes), against the
 * stand-in of the cache service: compaction of small packs. Setup, reads and the job line run end to end with real
 * Nix in __tests__/e2e/actions-cache.test.ts.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionsCache } from "../../../src/cache/actions-cache/actions-cache.js";
import {
  type CacheIndex,
  encodeIndex,
  type IndexedPath,
} from "../../../src/cache/actions-cache/cache-index.js";
import { actionsCacheService, bufferEntryBody } from "../../../src/cache/actions-cache/entry-service.js";
import { packKey } from "../../../src/cache/actions-cache/keys.js";
import type { ActionsCacheHandOver } from "../../../src/cache/actions-cache/settings.js";
import { parseNarInfo, renderNarInfo } from "../../../src/lib/narinfo.js";
import { encodeNixBase32 } from "../../../src/lib/nix-base32.js";
import { newestIndex } from "../../helpers/actions-cache/e2e-fixtures.js";
import { RecordingLog } from "../../helpers/fakes/ports.js";
import { removeTree } from "../../helpers/remove-tree.js";
import { ActionsCacheStandIn } from "../../helpers/stand-ins/actions-cache-server.js";

const NEVER = new AbortController().signal;
let standIn: ActionsCacheStandIn;
let scratch: string;

beforeAll(async () => {
  standIn = await ActionsCacheStandIn.start();
  scratch = mkdtempSync(path.join(tmpdir(), "nbca-ghac-unit-"));
});
afterAll(async () => {
  await standIn?.stop();
  if (scratch) removeTree(scratch);
});

/** A path with no references whose "NAR" is `bytes`, saved as a pack of its own. */
async function savedPath(name: string, bytes: Buffer): Promise<IndexedPath> {
  const hashPart = encodeNixBase32(randomBytes(20)).slice(0, 32);
  const fileHash = createHash("sha256").update(bytes).digest();
  const text = renderNarInfo({
    storePath: `/nix/store/${hashPart}-${name}`,
    url: `nar/${encodeNixBase32(fileHash)}.nar.zst`,
    compression: "zstd",
    fileHash,
    fileSize: bytes.length,
    narHash: randomBytes(32),
    narSize: bytes.length * 2,
    references: [],
    sigs: [],
  });
  const key = packKey(fileHash.toString("hex"));
  await actionsCacheService(standIn.env()).save(key, bufferEntryBody(bytes), NEVER);
  return { hashPart, text, info: parseNarInfo(text), pack: key, offset: 0, lastUsed: 1 };
}

/** Post of a run of `job` that read `index` in setup and pushed nothing. */
async function closeAfter(index: CacheIndex, job: string) {
  const root = mkdtempSync(path.join(scratch, "root-"));
  mkdirSync(path.join(root, "new"));
  writeFileSync(path.join(root, "index.zst"), encodeIndex(index, 1));
  const handOver: ActionsCacheHandOver = {
    kind: "actions-cache",
    version: 2,
    root,
    storeDir: "/nix/store",
    restoredKey: "earlier",
    dropped: 0,
  };
  const log = new RecordingLog();
  const cache = new ActionsCache(
    { kind: "actions-cache", key: "", sizeLimit: 2 ** 40 },
    {
      tempDir: scratch,
      env: { ...standIn.env(), GITHUB_JOB: job, RUNNER_OS: "Linux", RUNNER_ARCH: "X64" },
      log,
    },
    { handOver, storeHashParts: async () => new Set(), now: () => 10 ** 12 },
  );
  await cache.close({ pushing: true, published: new Set() }, NEVER);
  return log;
}

describe("compaction", () => {
  it("more than 16 small packs: the smallest are packed anew into one, leaving 8, with every path's bytes whole", async () => {
    const paths = await Promise.all(
      Array.from({ length: 17 }, (_, i) => savedPath(`p${i}`, randomBytes(1000 + i * 100))),
    );
    const index: CacheIndex = { storeDir: "/nix/store", paths: new Map(paths.map((p) => [p.hashPart, p])) };
    const before = standIn.visibleEntries().length;
    const log = await closeAfter(index, "compact");
    expect(log.of("info").join("\n")).toMatch(/10 paths of 10 small cache entries packed anew/);
    expect(standIn.visibleEntries().length - before).toBe(2);
    // newestIndex checks each path's range of its pack against its FileHash.
    const saved = newestIndex(standIn.entries);
    expect(saved.index.paths.size).toBe(17);
    expect(saved.packs.size).toBe(8);
    // The largest packs stay as they were; the ten smallest are now in one.
    const moved = paths.slice(0, 10).map((p) => saved.index.paths.get(p.hashPart)?.pack);
    expect(new Set(moved).size).toBe(1);
    for (const p of paths.slice(10)) expect(saved.index.paths.get(p.hashPart)?.pack).toBe(p.pack);
  });

  it("a pack gone by then: its paths leave the index, the rest are packed anew", async () => {
    const paths = await Promise.all(
      Array.from({ length: 17 }, (_, i) => savedPath(`q${i}`, randomBytes(500 + i * 100))),
    );
    const smallest = paths[0] as IndexedPath;
    standIn.evict((entry) => entry.key === smallest.pack);
    const index: CacheIndex = { storeDir: "/nix/store", paths: new Map(paths.map((p) => [p.hashPart, p])) };
    await closeAfter(index, "gone");
    const saved = newestIndex(standIn.entries);
    expect(saved.index.paths.has(smallest.hashPart)).toBe(false);
    expect(saved.index.paths.size).toBe(16);
    expect([...saved.packs.values()].every((pack) => pack !== undefined)).toBe(true);
  });
});

describe("setup", () => {
  it("a read server that cannot start is cache trouble (a warning unless strict), not a failed step", async () => {
    const saved = await savedPath("served", randomBytes(100));
    await closeAfter({ storeDir: "/nix/store", paths: new Map([[saved.hashPart, saved]]) }, "reader");
    const cache = new ActionsCache(
      { kind: "actions-cache", key: "", sizeLimit: 2 ** 40 },
      {
        tempDir: scratch,
        env: { ...standIn.env(), GITHUB_JOB: "reader", RUNNER_OS: "Linux", RUNNER_ARCH: "X64" },
        log: new RecordingLog(),
        startServer: () => Promise.reject(new Error("dist/action/reader.js is missing")),
      },
    );
    await expect(cache.prepareRead("/nix/store", NEVER)).rejects.toThrow(
      expect.objectContaining({
        name: "CacheError",
        message: expect.stringMatching(/read server could not start: .*missing/),
      }),
    );
  });
});
