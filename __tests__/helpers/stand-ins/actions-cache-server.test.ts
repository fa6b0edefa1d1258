/**
 * The Actions cache stand-in's GitHub behaviours that the per-job cost work needs (../shared/reference/
 * machine-notes.md, "The GitHub Actions cache service today", and gha-runtime.md): eviction of any entry at any
 * moment, 429 beyond a rate of new entries, a size cap with least-recently-used eviction, and Azure's ranged blob
 * reads; with the bytes that crossed the wire counted. Spoken to over plain HTTP, as the service's wire protocol.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TWIRP_PREFIX } from "./actions-cache/protocol.js";
import { ActionsCacheStandIn } from "./actions-cache-server.js";

let standIn: ActionsCacheStandIn;
beforeEach(async () => {
  standIn = await ActionsCacheStandIn.start();
});
afterEach(() => standIn.stop());

const VERSION = "v1";

async function twirp(method: string, input: Record<string, unknown>) {
  const env = standIn.env();
  const response = await fetch(`${env.ACTIONS_RESULTS_URL}${TWIRP_PREFIX.slice(1)}${method}`, {
    method: "POST",
    headers: { authorization: `Bearer ${env.ACTIONS_RUNTIME_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ version: VERSION, ...input }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function save(key: string, data: Buffer): Promise<void> {
  const created = await twirp("CreateCacheEntry", { key });
  expect(created.body.ok, JSON.stringify(created)).toBe(true);
  const put = await fetch(String(created.body.signed_upload_url), {
    method: "PUT",
    headers: { "x-ms-blob-type": "BlockBlob" },
    body: data,
  });
  expect(put.status).toBe(201);
  const finalized = await twirp("FinalizeCacheEntryUpload", { key, size_bytes: String(data.length) });
  expect(finalized.body.ok).toBe(true);
}

async function lookup(key: string): Promise<string | undefined> {
  const found = await twirp("GetCacheEntryDownloadURL", { key, restore_keys: [] });
  return found.body.ok === true ? String(found.body.signed_download_url) : undefined;
}

describe("the Actions cache stand-in, as GitHub behaves", () => {
  it("evicts an entry at any moment: lookups miss it and its blob URL answers 404 BlobNotFound", async () => {
    await save("pack-a", Buffer.from("aaaa"));
    await save("pack-b", Buffer.from("bbbb"));
    const url = await lookup("pack-a");
    expect(url).toBeDefined();
    expect(standIn.evict((entry) => entry.key === "pack-a").map((entry) => entry.key)).toEqual(["pack-a"]);
    expect(await lookup("pack-a")).toBeUndefined();
    const gone = await fetch(url ?? "");
    expect(gone.status).toBe(404);
    expect(gone.headers.get("x-ms-error-code")).toBe("BlobNotFound");
    expect(await lookup("pack-b")).toBeDefined();
  });

  it("serves byte ranges of a blob (206), and counts the bytes that went up and down", async () => {
    await save("entry", Buffer.from("0123456789"));
    const url = (await lookup("entry")) ?? "";
    const part = await fetch(url, { headers: { range: "bytes=2-5" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 2-5/10");
    expect(Buffer.from(await part.arrayBuffer()).toString()).toBe("2345");
    const tail = await fetch(url, { headers: { range: "bytes=8-" } });
    expect(Buffer.from(await tail.arrayBuffer()).toString()).toBe("89");
    expect((await fetch(url, { headers: { range: "bytes=10-" } })).status).toBe(416);
    const whole = await fetch(url);
    expect(Buffer.from(await whole.arrayBuffer()).toString()).toBe("0123456789");
    expect(standIn.blobBytes()).toEqual({ up: 10, down: 4 + 2 + 10 });
  });

  it("answers 429 to new entries beyond the rate per minute, and creates none", async () => {
    standIn.entriesPerMinute = 2;
    await save("one", Buffer.from("1"));
    await save("two", Buffer.from("2"));
    const third = await twirp("CreateCacheEntry", { key: "three" });
    expect(third.status).toBe(429);
    expect(standIn.entries.map((entry) => entry.key)).toEqual(["one", "two"]);
  });

  it("keeps within its size cap by evicting the least recently used entries", async () => {
    standIn.sizeCapBytes = 10;
    await save("a", Buffer.from("aaaa"));
    await save("b", Buffer.from("bbbb"));
    // A restore of `a` makes `b` the least recently used.
    expect(await lookup("a")).toBeDefined();
    await save("c", Buffer.from("cccc"));
    expect(standIn.visibleEntries().map((entry) => entry.key)).toEqual(["a", "c"]);
    expect(await lookup("b")).toBeUndefined();
  });
});
