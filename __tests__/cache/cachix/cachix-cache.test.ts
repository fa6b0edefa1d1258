/**
 * CachixCache against the Cachix stand-in (which checks every field, part and signature, see
 * __tests__/helpers/stand-ins/cachix-server.test.ts): setup's look-ups and validation, the batched query,
 * multipart uploads with their edge cases, signing, retries and aborts.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { zstdCompressSync } from "node:zlib";
import nacl from "tweetnacl";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { StagedNar } from "../../../src/cache/cache.js";
import { CachixCache, type CachixOptions } from "../../../src/cache/cachix/cachix-cache.js";
import { cachixKeyName } from "../../../src/cache/cachix/names.js";
import type { CachixSettings } from "../../../src/cache/cachix/settings.js";
import { CacheError, InputError } from "../../../src/lib/errors.js";
import { narInfoFingerprint, renderNarInfo } from "../../../src/lib/narinfo.js";
import { encodeNixBase32 } from "../../../src/lib/nix-base32.js";
import {
  parseSigningKey,
  type SigningKey,
  signFingerprint,
  signingKeyFromBareBase64,
} from "../../../src/lib/signing.js";
import { retryPolicy } from "../../../src/net/retry.js";
import { NEVER, RecordingLog } from "../../helpers/fakes/ports.js";
import { fileNar } from "../../helpers/stand-ins/cachix/raw-client.js";
import { type CachixStandIn, startCachixStandIn } from "../../helpers/stand-ins/cachix-server.js";

// cachix-api.md §6: a self-generated key (seed 00 01 … 1f), in Cachix's bare form, and its public half.
const SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8DoQe/884Qvh1w3RjnS8CZZ+TWMJulDV8d3IZkElUxuA==";
const PUBLIC = "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=";
const TOKEN = "write-token-3f9a";
const FAST: CachixOptions = { policy: retryPolicy({ baseDelayMs: 1, attempts: 3, requestTimeoutMs: 5000 }) };

let server: CachixStandIn;
let scratch: string;
let log: RecordingLog;
beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), "cachix-unit-"));
  server = await startCachixStandIn({
    caches: [
      { name: "open", isPublic: true, signing: "managed" },
      { name: "selfie", isPublic: true, signing: "self", publicKey: PUBLIC },
      { name: "closed", isPublic: false, signing: "managed" },
      { name: "closed-too", isPublic: false, signing: "managed" },
    ],
    tokens: [
      { token: TOKEN, grants: { open: "Write", selfie: "Write", closed: "Write", "closed-too": "Read" } },
      { token: "read-only", grants: { open: "Read", closed: "Read" } },
    ],
  });
});
afterAll(async () => {
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => {
  log = new RecordingLog();
});

/** A CachixCache on the stand-in; a bare signing key gets the cache's key name, as action/inputs.ts gives it. */
function cachix(
  given: { name: string; authToken?: string; signingKey?: string; extraPullNames?: string; push?: boolean },
  options: CachixOptions = FAST,
): CachixCache {
  const key = given.signingKey;
  const signingKey =
    key === undefined
      ? undefined
      : key.includes(":")
        ? parseSigningKey(key)
        : signingKeyFromBareBase64(cachixKeyName(given.name), key);
  const settings: CachixSettings = {
    kind: "cachix",
    name: given.name,
    host: new URL(server.url),
    extraPullNames: given.extraPullNames?.split(/[\s,]+/) ?? [],
    authToken: given.authToken,
    signedBy: signingKey?.publicKey,
    push: given.push ?? true,
  };
  return new CachixCache(settings, log, options);
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error("expected a rejection");
  return error;
}

describe("prepareRead", () => {
  test("a public cache and private extra caches: their URIs, keys, and netrc entries for each private host", async () => {
    const access = await cachix({
      name: "open",
      authToken: TOKEN,
      extraPullNames: "closed, closed-too",
    }).prepareRead("/nix/store", NEVER);
    const keys = (name: string) => server.cache(name).publicSigningKeys;
    expect(access.substituters).toEqual(
      ["open", "closed", "closed-too"].map((name) => ({
        url: server.cache(name).uri,
        publicKeys: keys(name),
        // Only `name` is pushed to; extraPullNames are pulled from.
        pullOnly: name !== "open",
      })),
    );
    expect(keys("open")[0]).toMatch(/^open\.cachix\.org-1:[A-Za-z0-9+/]{43}=$/);
    const hosts = ["closed", "closed-too"].map((name) => new URL(server.cache(name).uri).hostname);
    expect(new Set(hosts).size).toBe(2);
    expect(access.netrc).toEqual(hosts.map((machine) => ({ machine, password: TOKEN })));
    expect(access.canPush).toBe(true);
    expect(log.of("warning")).toEqual([]);
  });

  test.each([
    [
      "a uri with a line of Nix configuration in it",
      "uri",
      (uri: string) => `${uri}\npost-build-hook = /tmp/x`,
      /uri/,
    ],
    ["a uri with a space", "uri", (uri: string) => `${uri}/a b`, /uri/],
    ["a key name with a space", "keyName", () => "open cachix.org-1", /malformed public key.*space/],
  ])(
    "Cachix's answer is held to what Nix reads back: %s is cache trouble",
    async (_what, field, bad, message) => {
      const account = server.cache("open") as unknown as Record<string, string>;
      const was = account[field] ?? "";
      account[field] = bad(was);
      try {
        const error = await rejection(cachix({ name: "open" }).prepareRead("/nix/store", NEVER));
        expect(error).toBeInstanceOf(CacheError);
        expect(error.message).toMatch(message);
      } finally {
        account[field] = was;
      }
    },
  );

  test("anonymous reads of a public cache need no token; nothing is pushed and nothing is said", async () => {
    const access = await cachix({ name: "open" }).prepareRead("/nix/store", NEVER);
    expect(access).toMatchObject({ netrc: [], canPush: false });
    expect(log.lines.filter((l) => l.level !== "debug")).toEqual([]);
  });

  test.each([
    ["an unknown cache", { name: "no-such-cache" }, "name", /no Cachix cache 'no-such-cache'/],
    [
      "an unknown extra cache",
      { name: "open", extraPullNames: "nope" },
      "extraPullNames",
      /'nope' \(from `extraPullNames`\)/,
    ],
    ["a private cache without a token", { name: "closed" }, "authToken", /private/],
    [
      "a private extra cache without a token",
      { name: "open", extraPullNames: "closed" },
      "authToken",
      /'closed'.*private/,
    ],
    [
      "a bad token for a private cache",
      { name: "closed", authToken: "wrong-token-77" },
      "authToken",
      /refused the token/,
    ],
    [
      "a signing key the cache does not list",
      { name: "open", authToken: TOKEN, signingKey: SECRET },
      "signingKey",
      /not among/,
    ],
  ])("%s is an InputError naming the input", async (_what, given: { name: string }, input, message) => {
    const error = await rejection(cachix(given).prepareRead("/nix/store", NEVER));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(`Input '${input}'`);
    expect(error.message).toMatch(message);
    for (const secret of [TOKEN, "wrong-token-77", SECRET]) expect(error.message).not.toContain(secret);
  });

  test("a token that can only read: a warning naming authToken, and pull only", async () => {
    const access = await cachix({ name: "closed", authToken: "read-only" }).prepareRead("/nix/store", NEVER);
    expect(access.canPush).toBe(false);
    expect(access.netrc).toHaveLength(1);
    expect(log.of("warning")).toEqual([
      expect.stringMatching(/'authToken' can only read Cachix cache 'closed'/),
    ]);
  });

  test("a signing key without a token: a warning (Cachix takes uploads only with a token), and pull only", async () => {
    const access = await cachix({ name: "selfie", signingKey: SECRET }).prepareRead("/nix/store", NEVER);
    expect(access.canPush).toBe(false);
    expect(log.of("warning")).toEqual([expect.stringMatching(/`authToken` is empty/)]);
  });

  test("the cache's own key, in Cachix's bare form or Nix's name:base64 form, is accepted", async () => {
    for (const signingKey of [SECRET, `any-name-1:${SECRET}`]) {
      const access = await cachix({ name: "selfie", authToken: TOKEN, signingKey }).prepareRead(
        "/nix/store",
        NEVER,
      );
      expect(access.canPush).toBe(true);
    }
  });

  test("an API that keeps failing is cache trouble (a warning in setup), after retries", async () => {
    server.injectFault({ on: "api", path: /\/cache\/open$/, status: 503, times: 3 });
    const before = server.requests.length;
    const error = await rejection(cachix({ name: "open" }).prepareRead("/nix/store", NEVER));
    expect(error).toBeInstanceOf(CacheError);
    expect(error.message).toMatch(/HTTP 503/);
    expect(server.requests.slice(before).filter((r) => r.status === 503)).toHaveLength(3);
  });

  test("a store other than /nix/store is refused", async () => {
    const error = await rejection(cachix({ name: "open" }).prepareRead("/gnu/store", NEVER));
    expect(error).toBeInstanceOf(CacheError);
  });
});

let counter = 0;

interface Staged {
  readonly nar: StagedNar;
  readonly narInfo: string;
  readonly hashPart: string;
  readonly storePath: string;
}

/**
 * A staged path as the push pipeline hands it over. `exactSize` pads the zstd file with a skippable frame (which
 * decoders skip) to exactly that many bytes.
 */
function stage(
  options: {
    bytes?: number;
    references?: string[];
    deriver?: string;
    exactSize?: number;
    signedBy?: SigningKey;
  } = {},
): Staged {
  const hashPart = encodeNixBase32(randomBytes(20));
  const storePath = `/nix/store/${hashPart}-unit-${counter++}`;
  const nar = fileNar(randomBytes(options.bytes ?? 300));
  let file = zstdCompressSync(nar);
  if (options.exactSize !== undefined) {
    const header = Buffer.alloc(8);
    header.writeUInt32LE(0x184d2a50, 0);
    header.writeUInt32LE(options.exactSize - file.length - 8, 4);
    file = Buffer.concat([file, header, Buffer.alloc(options.exactSize - file.length - 8)]);
  }
  const fileHash = createHash("sha256").update(file).digest();
  const filePath = path.join(scratch, `${hashPart}.nar.zst`);
  writeFileSync(filePath, file);
  const narHash = createHash("sha256").update(nar).digest();
  const references = options.references ?? [];
  // Signed as the push pipeline signs every narinfo it hands to a backend.
  const fingerprint = narInfoFingerprint(storePath, narHash, nar.length, references);
  const narInfo = renderNarInfo({
    storePath,
    url: `nar/${encodeNixBase32(fileHash)}.nar.zst`,
    compression: "zstd",
    fileHash,
    fileSize: file.length,
    narHash,
    narSize: nar.length,
    references,
    deriver: options.deriver,
    sigs: options.signedBy === undefined ? [] : [signFingerprint(fingerprint, options.signedBy)],
  });
  return {
    nar: { file: filePath, url: `nar/${encodeNixBase32(fileHash)}.nar.zst`, fileSize: file.length },
    narInfo,
    hashPart,
    storePath,
  };
}

const signal = () => new AbortController().signal;

async function push(cache: CachixCache, staged: Staged): Promise<void> {
  await cache.putNar(staged.nar, signal());
  await cache.putNarInfo(staged.hashPart, staged.narInfo, signal());
}

const served = async (name: string, hashPart: string) => {
  const response = await fetch(`${server.cache(name).uri}/${hashPart}.narinfo`);
  return response.status === 200 ? response.text() : undefined;
};

/** The narinfo's own StorePath line: what the cache serves under a hash part is that path's narinfo. */
const storePathLine = (storePath: string) =>
  new RegExp(`^StorePath: ${storePath.replace(/[.+]/g, "\\$&")}$`, "m");

describe("push", () => {
  test("findCached asks in one batched query and returns the hashes the cache has", async () => {
    const cache = cachix({ name: "open", authToken: TOKEN });
    const present = stage();
    await push(cache, present);
    const absent = stage().hashPart;
    const before = server.requests.length;
    expect(await cache.findCached([present.hashPart, absent], NEVER)).toEqual(new Set([present.hashPart]));
    const queries = server.requests.slice(before);
    expect(queries.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /api/v1/cache/open/narinfo"]);
  });

  test("more than 32768 hashes go in several queries", async () => {
    const hashes = Array.from({ length: 40_000 }, () => encodeNixBase32(randomBytes(20)));
    const before = server.requests.length;
    expect(await cachix({ name: "open", authToken: TOKEN }).findCached(hashes, NEVER)).toEqual(new Set());
    const queries = server.requests.slice(before).filter((r) => r.path.endsWith("/narinfo"));
    expect(queries).toHaveLength(2);
  });

  test("a managed cache: cSig null, exact field formats, and the narinfo served with the cache's signature", async () => {
    const referenced = stage();
    const staged = stage({
      references: [referenced.storePath, "/nix/store/00000000000000000000000000000000-zz"],
      deriver: `/nix/store/${"1".repeat(32)}-unit.drv`,
    });
    const cache = cachix({ name: "open", authToken: TOKEN });
    await push(cache, staged);
    const create = server.record.accepted.at(-1);
    expect(create).toMatchObject({
      cStoreHash: staged.hashPart,
      cStoreSuffix: path.basename(staged.storePath).slice(33),
      cNarHash: expect.stringMatching(/^sha256:[0-9a-df-np-sv-z]{52}$/),
      cFileHash: createHash("sha256").update(readFileSync(staged.nar.file)).digest("hex"),
      cFileSize: staged.nar.fileSize,
      cReferences: [`00000000000000000000000000000000-zz`, path.basename(referenced.storePath)].sort(),
      cDeriver: `${"1".repeat(32)}-unit.drv`,
      cSig: null,
    });
    expect(Object.keys(create ?? {})).toEqual([
      "cStoreHash",
      "cStoreSuffix",
      "cNarHash",
      "cNarSize",
      "cFileHash",
      "cFileSize",
      "cReferences",
      "cDeriver",
      "cSig",
    ]);
    expect(await served("open", staged.hashPart)).toMatch(/^Sig: open\.cachix\.org-1:/m);
  });

  test("a self-signed cache: cSig made locally verifies at the service; no deriver is unknown-deriver", async () => {
    const staged = stage({ signedBy: signingKeyFromBareBase64("selfie.cachix.org-1", SECRET) });
    await push(cachix({ name: "selfie", authToken: TOKEN, signingKey: SECRET }), staged);
    const create = server.record.accepted.at(-1);
    expect(create?.cDeriver).toBe("unknown-deriver");
    expect(create?.cSig).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(await served("selfie", staged.hashPart)).toContain(`Sig: selfie.cachix.org-1:${create?.cSig}\n`);
  });

  test("parts of the configured size, streamed; a size that is an exact multiple ends with an empty part", async () => {
    const partSize = 5 * 2 ** 20;
    const cache = cachix({ name: "open", authToken: TOKEN }, { ...FAST, partSize, partConcurrency: 2 });
    for (const [staged, sizes] of [
      [stage({ bytes: 11 * 2 ** 20 }), undefined],
      [stage({ exactSize: 2 * partSize }), [partSize, partSize, 0]],
    ] as const) {
      const before = server.requests.length;
      await push(cache, staged);
      const puts = server.requests.slice(before).filter((r) => r.method === "PUT");
      const expected = sizes ?? [partSize, partSize, staged.nar.fileSize - 2 * partSize];
      expect(puts.map((r) => r.bytes).sort((a, b) => b - a)).toEqual(expected);
      expect(await served("open", staged.hashPart)).toMatch(storePathLine(staged.storePath));
    }
  });

  test("429 and 5xx on every kind of call are retried, honouring Retry-After", async () => {
    for (const rule of [
      { on: "api", path: /\/multipart-nar$/, status: 503 },
      { on: "api", path: /\/multipart-nar\/[^/]+$/, status: 429, retryAfter: "0" },
      { on: "object-store", status: 500 },
      { on: "api", path: /\/complete$/, status: 502 },
    ] as const) {
      server.injectFault({ ...rule, times: 2 });
    }
    const staged = stage();
    const before = server.requests.length;
    await push(cachix({ name: "open", authToken: TOKEN }), staged);
    expect(await served("open", staged.hashPart)).toMatch(storePathLine(staged.storePath));
    const failed = server.requests.slice(before).filter((r) => r.status !== 200);
    expect(failed.map((r) => r.status)).toEqual([503, 503, 429, 429, 500, 500, 502, 502]);
  });

  test("a part that fails for good: the upload is aborted, nothing is published, the token is not in the error", async () => {
    server.injectFault({ on: "object-store", status: 500, times: Number.POSITIVE_INFINITY });
    const staged = stage();
    const cache = cachix({ name: "open", authToken: TOKEN });
    const aborted = server.record.aborted.length;
    try {
      const error = await rejection(cache.putNar(staged.nar, signal()));
      expect(error).toBeInstanceOf(CacheError);
      expect(error.message).toMatch(/part upload: HTTP 500/);
      expect(error.message).not.toContain(TOKEN);
    } finally {
      server.clearFaults();
    }
    expect(server.record.aborted.length).toBe(aborted + 1);
    expect(await rejection(cache.putNarInfo(staged.hashPart, staged.narInfo, signal()))).toBeInstanceOf(
      CacheError,
    );
    expect(await served("open", staged.hashPart)).toBeUndefined();
    expect(await cache.findCached([staged.hashPart], NEVER)).toEqual(new Set());
  });

  test("a narinfo the service refuses: the upload is aborted", async () => {
    // A key the cache does not list (setup would have refused it): the service rejects the signature.
    const other = `x-1:${otherSecret()}`;
    const cache = cachix({ name: "selfie", authToken: TOKEN, signingKey: other });
    const staged = stage({ signedBy: parseSigningKey(other) });
    const aborted = server.record.aborted.length;
    await cache.putNar(staged.nar, signal());
    const error = await rejection(cache.putNarInfo(staged.hashPart, staged.narInfo, signal()));
    expect(error.message).toMatch(/HTTP 400.*cSig/);
    expect(server.record.aborted.length).toBe(aborted + 1);
    expect(await served("selfie", staged.hashPart)).toBeUndefined();
  });

  test("close() aborts uploads whose narinfo never came; byte-identical NARs of two paths both publish", async () => {
    const cache = cachix({ name: "open", authToken: TOKEN });
    const left = stage();
    await cache.putNar(left.nar, signal());
    const first = stage();
    const twin = { ...stage(), nar: first.nar };
    const twinInfo = twin.narInfo.replace(/^(URL|FileHash|FileSize|NarHash|NarSize): .*$/gm, (line) => {
      const key = line.slice(0, line.indexOf(":"));
      return first.narInfo.split("\n").find((l) => l.startsWith(`${key}:`)) ?? line;
    });
    await cache.putNar(first.nar, signal());
    await cache.putNar(first.nar, signal());
    await cache.putNarInfo(first.hashPart, first.narInfo, signal());
    await cache.putNarInfo(twin.hashPart, twinInfo, signal());
    expect(await served("open", first.hashPart)).toMatch(storePathLine(first.storePath));
    // The twin is served as itself, with the one NAR both share.
    const servedTwin = await served("open", twin.hashPart);
    expect(servedTwin).toMatch(storePathLine(twin.storePath));
    const urlOf = (text: string | undefined) => /^URL: (.*)$/m.exec(text ?? "")?.[1];
    expect(urlOf(servedTwin)).toBe(urlOf(await served("open", first.hashPart)));
    const aborted = server.record.aborted.length;
    await cache.close({ pushing: true, published: new Set() }, NEVER);
    expect(server.record.aborted.length).toBe(aborted + 1);
    expect(await served("open", left.hashPart)).toBeUndefined();
  });

  test("openForPush needs a token", async () => {
    expect(await rejection(cachix({ name: "open" }).openForPush("/nix/store"))).toBeInstanceOf(CacheError);
    await cachix({ name: "open", authToken: TOKEN }).openForPush("/nix/store");
  });
});

/** A key pair that no stand-in cache lists. */
function otherSecret(): string {
  return Buffer.from(nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(9)).secretKey).toString("base64");
}
