import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StagedNar } from "../../../src/cache/cache.js";
import { HttpCache } from "../../../src/cache/http/http-cache.js";
import { CacheError, InputError } from "../../../src/lib/errors.js";
import { parsePublicKey } from "../../../src/lib/signing.js";
import { retryPolicy } from "../../../src/net/retry.js";
import { NEVER, RecordingLog } from "../../helpers/fakes/ports.js";
import { startFaultProxy } from "../../helpers/http/fault-proxy.js";
import { freePort, type NginxServer, startNginx } from "../../helpers/http/nginx.js";
import { testTempDir } from "../../helpers/temp-dir.js";

const PUBLIC = readFileSync(join(import.meta.dirname, "../../fixtures/keys/test-cache-1.pk"), "utf8").trim();
const TOKEN = `tok-${randomBytes(12).toString("hex")}`;
const FAST = retryPolicy({ attempts: 4, baseDelayMs: 10, requestTimeoutMs: 5_000 });

function cacheAt(
  url: string,
  credentials: { authToken?: string; authUser?: string } = {},
  log = new RecordingLog(),
): HttpCache {
  const settings = {
    kind: "http",
    url: new URL(url),
    publicKey: parsePublicKey(PUBLIC),
    ...credentials,
  } as const;
  return new HttpCache(settings, log, { retry: FAST });
}

async function stagedNar(bytes: Buffer, name = randomBytes(8).toString("hex")): Promise<StagedNar> {
  const file = join(await testTempDir("http-cache-"), "nar");
  await writeFile(file, bytes);
  return { file, url: `nar/${name}.nar.zst`, fileSize: bytes.length };
}

let tokenOnly: NginxServer;
let withLogin: NginxServer;
beforeAll(async () => {
  [tokenOnly, withLogin] = await Promise.all([
    startNginx({ password: TOKEN }),
    startNginx({ login: "ci", password: TOKEN }),
  ]);
});
afterAll(async () => {
  await Promise.all([tokenOnly?.stop(), withLogin?.stop()]);
});

describe("HttpCache against nginx", () => {
  it("creates a cache under a sub-path: nix-cache-info once, NAR then narinfo, with Nix's content types", async () => {
    const url = `${tokenOnly.origin}/team/ci/`;
    const cache = cacheAt(url, { authToken: TOKEN });
    expect(cache.description).toBe(`${tokenOnly.origin}/team/ci`);
    expect(await cache.prepareRead("/nix/store", NEVER)).toEqual({
      substituters: [{ url: `${tokenOnly.origin}/team/ci`, publicKeys: [PUBLIC] }],
      netrc: [{ machine: "127.0.0.1", login: undefined, password: TOKEN }],
      canPush: true,
    });
    await cache.openForPush("/nix/store", NEVER);
    await cache.openForPush("/nix/store", NEVER);
    const dir = join(tokenOnly.root, "team", "ci");
    expect(await readFile(join(dir, "nix-cache-info"), "utf8")).toBe(
      "StoreDir: /nix/store\nWantMassQuery: 1\n",
    );

    const bytes = randomBytes(5 * 2 ** 20 + 3);
    const nar = await stagedNar(bytes);
    await cache.putNar(nar, NEVER);
    await cache.putNar(nar, NEVER);
    expect((await readFile(join(dir, nar.url))).equals(bytes)).toBe(true);
    const hashPart = "a".repeat(32);
    await cache.putNarInfo(hashPart, "StorePath: /nix/store/x\n", NEVER);
    expect(await readFile(join(dir, `${hashPart}.narinfo`), "utf8")).toBe("StorePath: /nix/store/x\n");

    const writes = tokenOnly
      .requests()
      .filter((request) => request.path.startsWith("/team/ci/") && request.method === "PUT")
      .map((request) => [request.path.slice("/team/ci/".length), request.status, request.contentType]);
    expect(writes).toEqual([
      ["nix-cache-info", 201, "text/x-nix-cache-info"],
      [nar.url, 201, "application/x-nix-nar"],
      [`${hashPart}.narinfo`, 201, "text/x-nix-narinfo"],
    ]);
    const narPut = tokenOnly
      .requests()
      .find((request) => request.path.endsWith(nar.url) && request.method === "PUT");
    expect(narPut?.contentLength).toBe(String(bytes.length));
    // prepareRead and two openForPush between them read nix-cache-info once (then know it, having written it).
    const reads = tokenOnly
      .requests()
      .filter((request) => request.path === "/team/ci/nix-cache-info" && request.method === "GET");
    expect(reads.map((request) => request.status)).toEqual([404]);
  });

  it("finds exactly the cached narinfos among many", async () => {
    const cache = cacheAt(`${tokenOnly.origin}/lookup`, { authToken: TOKEN });
    const hashParts = Array.from({ length: 50 }, (_, i) => String(i).padStart(32, "0"));
    const present = hashParts.filter((_, i) => i % 7 === 3);
    for (const hashPart of present) await cache.putNarInfo(hashPart, "x\n", NEVER);
    expect([...(await cache.findCached(hashParts, NEVER))].sort()).toEqual(present);
    expect(await cache.findCached([], NEVER)).toEqual(new Set());
  });

  it("sends the login when authUser is given; nginx's basic auth takes it", async () => {
    const cache = cacheAt(`${withLogin.origin}/c`, { authToken: TOKEN, authUser: "ci" });
    expect((await cache.prepareRead("/nix/store", NEVER)).netrc).toEqual([
      { machine: "127.0.0.1", login: "ci", password: TOKEN },
    ]);
    await cache.openForPush("/nix/store", NEVER);
    expect(existsSync(join(withLogin.root, "c", "nix-cache-info"))).toBe(true);
    // The same token without the login is refused by this server.
    await expect(
      cacheAt(`${withLogin.origin}/c`, { authToken: TOKEN }).prepareRead("/nix/store", NEVER),
    ).rejects.toThrow(InputError);
  });

  it("names authToken, never showing it, when the credentials are refused; no token at all is cache trouble", async () => {
    const wrong = `${TOKEN}x`;
    const error = await cacheAt(`${tokenOnly.origin}/c`, { authToken: wrong })
      .prepareRead("/nix/store", NEVER)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe("authToken");
    expect((error as Error).message).toMatch(/refused the credentials.*HTTP 401/);
    expect((error as Error).message).not.toContain(wrong);
    const anonymous = cacheAt(`${tokenOnly.origin}/c`).prepareRead("/nix/store", NEVER);
    await expect(anonymous).rejects.toThrow(CacheError);
    await expect(anonymous).rejects.toThrow(/needs credentials and `authToken` is empty/);
  });

  it("refuses a cache made for another store directory", async () => {
    const cache = cacheAt(`${tokenOnly.origin}/gnu`, { authToken: TOKEN });
    await writeFileUnder(tokenOnly.root, "gnu/nix-cache-info", "StoreDir: /gnu/store\n");
    await expect(cache.prepareRead("/nix/store", NEVER)).rejects.toThrow(
      /is a cache for \/gnu\/store, but this Nix uses/,
    );
    await expect(cache.openForPush("/nix/store", NEVER)).rejects.toThrow(CacheError);
  });

  it("gets every upload through a 500, a 429 and a reset, and the bytes arrive whole", async () => {
    const proxy = await startFaultProxy(tokenOnly.origin, { faults: ["500", "429", "reset"] });
    try {
      const log = new RecordingLog();
      const cache = cacheAt(`${proxy.origin}/faults`, { authToken: TOKEN }, log);
      await cache.openForPush("/nix/store", NEVER);
      const bytes = randomBytes(2 * 2 ** 20);
      const nar = await stagedNar(bytes);
      await cache.putNar(nar, NEVER);
      await cache.putNarInfo("b".repeat(32), "narinfo\n", NEVER);
      expect(await cache.findCached(["b".repeat(32), "c".repeat(32)], NEVER)).toEqual(
        new Set(["b".repeat(32)]),
      );
      expect((await readFile(join(tokenOnly.root, "faults", nar.url))).equals(bytes)).toBe(true);
      const narFaults = proxy.injected.filter((fault) => fault.path.endsWith(nar.url)).map((f) => f.fault);
      // HEAD and PUT of the NAR each met all three.
      expect(narFaults.sort()).toEqual(["429", "429", "500", "500", "reset", "reset"]);
      expect(log.of("info").some((line) => /PUT nar\/.*: HTTP 429; try 3 in 1\.0 s/.test(line))).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it("gives up with a CacheError on a cache that stays down, and stops at once when the push deadline aborts", async () => {
    const proxy = await startFaultProxy(tokenOnly.origin, { down: true });
    try {
      const cache = cacheAt(`${proxy.origin}/down`, { authToken: TOKEN });
      await expect(cache.findCached(["d".repeat(32)], NEVER)).rejects.toThrow(/answered HTTP 503/);
      const deadline = AbortSignal.timeout(300);
      const started = Date.now();
      const error = await cache
        .putNar(await stagedNar(Buffer.from("nar")), deadline)
        .catch((e: unknown) => e);
      expect(deadline.aborted).toBe(true);
      // The deadline's own abort, not a cache failure to report as such.
      expect(error).not.toBeInstanceOf(CacheError);
      expect((error as Error).name).toMatch(/^(AbortError|TimeoutError)$/);
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await proxy.close();
    }
    const refused = cacheAt(`http://127.0.0.1:${await freePort()}/`, { authToken: TOKEN });
    await expect(refused.prepareRead("/nix/store", NEVER)).rejects.toThrow(
      /cannot reach .*ECONNREFUSED.*after 4 attempts/,
    );
  });

  it("asks about narinfos with at most 16 requests in flight, by GET where the server allows no HEAD", async () => {
    let inFlight = 0;
    let most = 0;
    let heads = 0;
    const server: Server = createServer((request, response) => {
      if (request.method === "HEAD") {
        heads++;
        return void response.writeHead(405).end();
      }
      most = Math.max(most, ++inFlight);
      setTimeout(() => {
        inFlight--;
        const present = /^\/0+[05]\.narinfo$/.test(request.url ?? "");
        response.writeHead(present ? 200 : 404).end(present ? "StorePath: x\n" : "");
      }, 20);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const cache = cacheAt(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      const hashParts = Array.from({ length: 100 }, (_, i) => String(i).padStart(32, "0"));
      expect([...(await cache.findCached(hashParts, NEVER))].sort()).toEqual([hashParts[0], hashParts[5]]);
      expect(most).toBe(16);
      // Only the first look-ups in flight try HEAD: once refused, the cache asks by GET.
      expect(heads).toBeLessThanOrEqual(16);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("HttpCache.findCached when a look-up fails", () => {
  it("stops every look-up at the first refusal instead of asking about the rest", async () => {
    let requests = 0;
    const server: Server = createServer((_request, response) => {
      requests++;
      setTimeout(() => response.writeHead(403).end(), 5);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const cache = cacheAt(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      const hashParts = Array.from({ length: 200 }, (_, i) => String(i).padStart(32, "0"));
      await expect(cache.findCached(hashParts, NEVER)).rejects.toThrow(/403/);
      // The 16 in flight when the first 403 came, not 200.
      expect(requests).toBeLessThanOrEqual(32);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

async function writeFileUnder(root: string, relative: string, text: string): Promise<void> {
  await mkdir(dirname(join(root, relative)), { recursive: true });
  await writeFile(join(root, relative), text);
}
