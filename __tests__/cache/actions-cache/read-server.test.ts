/**
 * The read server as Nix (curl) talks to it, over a pack saved in the stand-in of the cache service. Signatures are
 * checked with tweetnacl, independently of our own signer.
 */
import type { AddressInfo } from "node:net";
import nacl from "tweetnacl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionsCacheService, bufferEntryBody } from "../../../src/cache/actions-cache/entry-service.js";
import { createReadServer, type ReadStats } from "../../../src/cache/actions-cache/read-server.js";
import { narInfoFingerprint, parseNarInfo } from "../../../src/lib/narinfo.js";
import { signingKeyFromSeed } from "../../../src/lib/signing.js";
import { RecordingLog } from "../../helpers/fakes/ports.js";
import { ActionsCacheStandIn } from "../../helpers/stand-ins/actions-cache-server.js";
import { APP, fixturePack, LIB } from "./fixture-index.js";

const NEVER = new AbortController().signal;
const AUTH = `Basic ${Buffer.from("nix:secret").toString("base64")}`;
const PACK = "v2/pack/fixture";
const jobKey = signingKeyFromSeed("nix-binary-cache-action-job-abc-1", new Uint8Array(32).fill(7));
let standIn: ActionsCacheStandIn;
let base: string;
let stats: ReadStats;
let close: () => Promise<void>;
const { index, pack } = fixturePack(PACK);
const log = new RecordingLog();

beforeAll(async () => {
  standIn = await ActionsCacheStandIn.start();
  const service = actionsCacheService(standIn.env());
  await service.save(PACK, bufferEntryBody(pack), NEVER);
  const found = await service.lookup(PACK, [], NEVER);
  const made = createReadServer({
    index,
    packUrls: new Map([[PACK, found?.url ?? ""]]),
    prefix: "/job1",
    authorization: AUTH,
    jobKey,
    log,
  });
  stats = made.stats;
  await new Promise<void>((resolve) => made.server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(made.server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => made.server.close(() => resolve()));
});
afterAll(async () => {
  await close?.();
  await standIn?.stop();
});

const get = (path: string, options: { auth?: string; method?: string } = {}) =>
  fetch(`${base}${path}`, {
    method: options.method ?? "GET",
    headers: { Authorization: options.auth ?? AUTH },
  });

describe("the read server", () => {
  it("answers only the job's credentials, and only under its prefix", async () => {
    expect((await get("/job1/nix-cache-info", { auth: "Basic bm9wZQ==" })).status).toBe(401);
    expect((await get("/other/nix-cache-info")).status).toBe(404);
    expect((await get("/job1/nix-cache-info", { method: "PUT" })).status).toBe(405);
    expect(await (await get("/job1/nix-cache-info")).text()).toBe("StoreDir: /nix/store\nWantMassQuery: 1\n");
  });

  it("serves each narinfo signed by the job's key (a valid Ed25519 signature by tweetnacl's reckoning)", async () => {
    const response = await get(`/job1/${APP}.narinfo`);
    expect(response.status).toBe(200);
    const info = parseNarInfo(await response.text());
    const original = index.paths.get(APP)?.info;
    expect({ ...info, sigs: [] }).toEqual({ ...original, sigs: [] });
    const ours = info.sigs.find((sig) => sig.startsWith(`${jobKey.name}:`)) ?? "";
    const fingerprint = narInfoFingerprint(info.storePath, info.narHash, info.narSize, info.references);
    const signature = Buffer.from(ours.slice(jobKey.name.length + 1), "base64");
    expect(nacl.sign.detached.verify(Buffer.from(fingerprint), signature, jobKey.publicKey.key)).toBe(true);
    // The signatures the path already had stay.
    expect(info.sigs).toEqual(expect.arrayContaining([...(original?.sigs ?? [])]));
    expect((await get("/job1/00000000000000000000000000000000.narinfo")).status).toBe(404);
  });

  it("serves a NAR as its byte range of the pack, read from the service", async () => {
    const path = index.paths.get(LIB);
    const response = await get(`/job1/${path?.info.url}`);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes).toEqual(pack.subarray(path?.offset, (path?.offset ?? 0) + (path?.info.fileSize ?? 0)));
    expect(stats.nars).toBe(1);
    const head = await get(`/job1/${path?.info.url}`, { method: "HEAD" });
    expect(head.headers.get("content-length")).toBe(String(path?.info.fileSize));
  });

  it("when the pack is evicted: 404 for its NARs, then for its narinfos, and one warning", async () => {
    standIn.evict((entry) => entry.key === PACK);
    const path = index.paths.get(APP);
    expect((await get(`/job1/${path?.info.url}`)).status).toBe(404);
    expect((await get(`/job1/${APP}.narinfo`)).status).toBe(404);
    expect(stats.gonePacks).toEqual(new Set([PACK]));
    expect(log.of("warning")).toHaveLength(1);
    expect(log.of("warning")[0]).toMatch(/evicted during the job/);
  });
});
