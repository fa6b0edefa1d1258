/**
 * The cache service client against the stand-in (written from the service's wire protocol, and checked against the
 * real @actions/cache in its own tests), over both APIs.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actionsCacheService,
  bufferEntryBody,
  EntryGoneError,
  openBlobRange,
  readBlob,
} from "../../../src/cache/actions-cache/entry-service.js";
import { ActionsCacheStandIn } from "../../helpers/stand-ins/actions-cache-server.js";

let standIn: ActionsCacheStandIn;
const NEVER = new AbortController().signal;

beforeAll(async () => {
  standIn = await ActionsCacheStandIn.start();
});
afterAll(async () => {
  await standIn?.stop();
});

describe.each([
  ["v2 (Twirp)", false],
  ["v1 (REST, GitHub Enterprise Server)", true],
])("the %s API", (label, v1) => {
  const service = () => actionsCacheService(standIn.env({ v1 }));
  const prefix = `${label.slice(0, 2)}/`;

  it("misses, saves, finds the newest by prefix, and reads whole or by range", async () => {
    expect(service().unavailable()).toBeUndefined();
    expect(await service().lookup(`${prefix}a/`, [], NEVER)).toBeUndefined();
    const first = randomBytes(1000);
    const second = randomBytes(3000);
    expect(await service().save(`${prefix}a/1`, bufferEntryBody(first), NEVER)).toEqual({ kind: "saved" });
    expect(await service().save(`${prefix}a/2`, bufferEntryBody(second), NEVER)).toEqual({ kind: "saved" });
    const found = await service().lookup(`${prefix}a/`, [], NEVER);
    expect(found?.key).toBe(`${prefix}a/2`);
    expect(await readBlob(found?.url ?? "", undefined, NEVER)).toEqual(second);
    expect(await readBlob(found?.url ?? "", { offset: 100, length: 50 }, NEVER)).toEqual(
      second.subarray(100, 150),
    );
    const exact = await service().lookup(`${prefix}a/1`, [], NEVER);
    expect(exact?.key).toBe(`${prefix}a/1`);
    // A restore key is tried when the key finds nothing.
    expect((await service().lookup(`${prefix}none/`, [`${prefix}a/1`], NEVER))?.key).toBe(`${prefix}a/1`);
  });

  it("an existing key is not saved again: entries cannot be replaced", async () => {
    await service().save(`${prefix}same`, bufferEntryBody(Buffer.from("one")), NEVER);
    expect(await service().save(`${prefix}same`, bufferEntryBody(Buffer.from("two")), NEVER)).toEqual({
      kind: "exists",
    });
  });

  it("an evicted entry is missed by lookups, and its URL says it is gone", async () => {
    await service().save(`${prefix}gone`, bufferEntryBody(Buffer.from("bytes")), NEVER);
    const found = await service().lookup(`${prefix}gone`, [], NEVER);
    standIn.evict((entry) => entry.key === `${prefix}gone`);
    expect(await service().lookup(`${prefix}gone`, [], NEVER)).toBeUndefined();
    await expect(readBlob(found?.url ?? "", undefined, NEVER)).rejects.toBeInstanceOf(EntryGoneError);
    await expect(openBlobRange(found?.url ?? "", 0, 2, NEVER)).rejects.toBeInstanceOf(EntryGoneError);
  });
});

describe("uploads and reads", () => {
  it("a body above 32 MiB goes in blocks and a block list, and comes back byte for byte", async () => {
    const service = actionsCacheService(standIn.env());
    const body = randomBytes(33 * 2 ** 20 + 17);
    const before = standIn.calls.length;
    expect(await service.save("big", bufferEntryBody(body), NEVER)).toEqual({ kind: "saved" });
    const blobCalls = standIn.calls
      .slice(before)
      .map((call) => call.name)
      .filter((name) => name.startsWith("blob"));
    expect(blobCalls).toEqual(["blob PUT block", "blob PUT block", "blob PUT blocklist"]);
    const found = await service.lookup("big", [], NEVER);
    expect((await readBlob(found?.url ?? "", undefined, NEVER)).equals(body)).toBe(true);
    const stream = await openBlobRange(found?.url ?? "", 2 ** 25, 100, NEVER);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(body.subarray(2 ** 25, 2 ** 25 + 100));
  });

  it("a 429 is answered once, never retried: the outcome says rate-limited", async () => {
    const service = actionsCacheService(standIn.env());
    standIn.fault = { kind: "rate-limit", retryAfterSeconds: 1 };
    try {
      const before = standIn.apiCalls().length;
      const outcome = await service.save("limited", bufferEntryBody(Buffer.from("x")), NEVER);
      expect(outcome.kind).toBe("rate-limited");
      expect(standIn.apiCalls().slice(before)).toEqual(["CreateCacheEntry"]);
    } finally {
      standIn.fault = undefined;
    }
  });

  it("is unavailable without the runner's variables, and in the cache modes that cannot read", () => {
    expect(actionsCacheService({}).unavailable()).toMatch(/not available to this job/);
    expect(actionsCacheService({ ...standIn.env(), ACTIONS_CACHE_MODE: "write-only" }).unavailable()).toMatch(
      /write-only/,
    );
    expect(actionsCacheService({ ...standIn.env(), ACTIONS_CACHE_MODE: "read" }).writable()).toBe(false);
  });
});
