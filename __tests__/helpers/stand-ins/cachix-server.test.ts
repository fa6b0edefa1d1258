/**
 * The Cachix stand-in must be trusted before it judges our client: it answers the reference exchange (cachix-api.md
 * §6, whose signatures came from real Nix) as documented, enforces the auth rules, and rejects each deliberately
 * wrong request a buggy client could send.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { commandEnv, createNixEnv, type NixEnv, run, runOk } from "../nix/env.js";
import { deleteStorePaths, freshStore } from "../nix/store.js";
import { call, fileNar, type RawPath, signPath, type Tamper, upload } from "./cachix/raw-client.js";
import { type CachixStandIn, startCachixStandIn } from "./cachix-server.js";

// cachix-api.md §6: the demo cache's self-generated key (seed 00 01 … 1f) and a path with its signature from Nix.
const DEMO_SECRET = Buffer.from(
  "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8DoQe/884Qvh1w3RjnS8CZZ+TWMJulDV8d3IZkElUxuA==",
  "base64",
);
const DEMO_PUBLIC = "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=";
const HELLO: RawPath = {
  storeHash: "xrabnx1r49hn890prhx86h6iyn19p976",
  suffix: "hello.txt",
  nar: fileNar("Hello, world!\n"),
};
const HELLO_SIG = "3gF5PyvbzXTCEHhmrgX/ehacTGqY/LvGgjjQP2WelRI4g1mLl885qd0yGDXPe+r2d3lRyovT6UB7/ozgYgPaBw==";
const IMPOSTOR = Buffer.from(
  (await import("tweetnacl")).default.sign.keyPair.fromSeed(new Uint8Array(32).fill(7)).secretKey,
);

let server: CachixStandIn;
beforeAll(async () => {
  server = await startCachixStandIn({
    caches: [
      { name: "demo", isPublic: true, signing: "self", publicKey: DEMO_PUBLIC },
      { name: "managed", isPublic: true, signing: "managed" },
      { name: "secret", isPublic: false, signing: "managed" },
      { name: "fresh", isPublic: true, signing: "self" },
    ],
    tokens: [
      { token: "T", grants: { demo: "Write", managed: "Write", secret: "Write" } },
      { token: "reader", grants: { secret: "Read", demo: "Read" } },
      { token: "owner", grants: { fresh: "Admin" } },
    ],
  });
});
afterAll(() => server?.stop());

const get = (path: string, token?: string) => call(server.url, "GET", path, { token });
const served = (cache: string, hash: string) => fetch(`${server.cache(cache).uri}/${hash}.narinfo`);

/** A new path of `bytes` random bytes, with its own store hash. */
function randomPath(bytes = 64, references: string[] = []): RawPath {
  const alphabet = "0123456789abcdfghijklmnpqrsvwxyz";
  const storeHash = [...randomBytes(32)].map((b) => alphabet[b % 32]).join("");
  return { storeHash, suffix: "random", nar: fileNar(randomBytes(bytes)), references };
}

describe("the reference exchange", () => {
  test("cache info, narinfo query, a signed multipart upload, and the narinfo then served", async () => {
    const info = await get("/api/v1/cache/demo", "T");
    expect(info.status).toBe(200);
    expect(JSON.parse(info.text)).toEqual({
      name: "demo",
      uri: server.cache("demo").uri,
      isPublic: true,
      publicSigningKeys: [`demo.cachix.org-1:${DEMO_PUBLIC}`],
      githubUsername: "stand-in-owner",
      permission: "Write",
      preferredCompressionMethod: "ZSTD",
    });
    expect(HELLO.nar.length).toBe(128);
    expect(signPath(HELLO, DEMO_SECRET)).toBe(HELLO_SIG);
    const other = randomPath().storeHash;
    const query = { token: "T", json: [HELLO.storeHash, other] };
    const before = await call(server.url, "POST", "/api/v1/cache/demo/narinfo", query);
    expect(JSON.parse(before.text).sort()).toEqual([HELLO.storeHash, other].sort());

    const done = await upload(server.url, "demo", "T", HELLO, HELLO_SIG);
    expect(done.status, done.text).toBe(200);
    expect(done.text).toBe("");
    const create = server.record.accepted.at(-1);
    expect(create?.cNarHash).toBe("sha256:1kky6dc5n4sjgmxja7hnbzc718hf0anqj3qc3l9w9gwcifd3fjaq");
    const response = await served("demo", HELLO.storeHash);
    expect(await response.text()).toBe(
      [
        "StorePath: /nix/store/xrabnx1r49hn890prhx86h6iyn19p976-hello.txt",
        `URL: nar/${create?.cFileHash}.nar.zst`,
        "Compression: zstd",
        `FileHash: sha256:${create?.cFileHash}`,
        `FileSize: ${create?.cFileSize}`,
        "NarHash: sha256:1kky6dc5n4sjgmxja7hnbzc718hf0anqj3qc3l9w9gwcifd3fjaq",
        "NarSize: 128",
        `Sig: demo.cachix.org-1:${HELLO_SIG}`,
        "",
      ].join("\n"),
    );
    const nar = await fetch(`${server.cache("demo").uri}/nar/${create?.cFileHash}.nar.zst`);
    expect((await nar.arrayBuffer()).byteLength).toBe(create?.cFileSize);
    const after = await call(server.url, "POST", "/api/v1/cache/demo/narinfo", query);
    expect(JSON.parse(after.text)).toEqual([other]);
    // The part went to the object store, not the API host, and without the API token.
    const puts = server.requests.filter((r) => r.method === "PUT");
    expect(puts.length).toBeGreaterThan(0);
    expect(puts.every((r) => r.on === "object-store" && !r.authorized)).toBe(true);
  });

  test("a managed cache signs with its own key, which its cache info publishes", async () => {
    const path = randomPath(100, [HELLO_BASENAME]);
    expect((await upload(server.url, "managed", "T", path, null)).status).toBe(200);
    const text = await (await served("managed", path.storeHash)).text();
    expect(text).toMatch(new RegExp(`^References: ${HELLO_BASENAME}$`, "m"));
    const [key] = JSON.parse((await get("/api/v1/cache/managed")).text).publicSigningKeys as string[];
    const sig = /^Sig: managed\.cachix\.org-1:(.+)$/m.exec(text)?.[1] ?? "";
    const nacl = (await import("tweetnacl")).default;
    const { fingerprint, nix32, sha256 } = await import("./cachix/nix-format.js");
    const message = fingerprint(
      `/nix/store/${path.storeHash}-random`,
      `sha256:${nix32(sha256(path.nar))}`,
      path.nar.length,
      [HELLO_BASENAME],
    );
    expect(key).toMatch(/^managed\.cachix\.org-1:/);
    const publicKey = Buffer.from(key?.split(":")[1] ?? "", "base64");
    expect(nacl.sign.detached.verify(Buffer.from(message), Buffer.from(sig, "base64"), publicKey)).toBe(true);
  });

  test("parts of at least 5 MiB are joined in order; a smaller part that is not the last is refused", async () => {
    const big = randomPath(11 * 1024 * 1024);
    const done = await upload(server.url, "managed", "T", big, null);
    expect(done.status, done.text).toBe(200);
    expect(done.putStatuses).toHaveLength(3);
    const small = await upload(
      server.url,
      "managed",
      "T",
      randomPath(3 * 1024 * 1024),
      null,
      {},
      1024 * 1024,
    );
    expect(small.status).toBe(400);
    expect(small.text).toMatch(/EntityTooSmall/);
  });
});

const HELLO_BASENAME = `${HELLO.storeHash}-${HELLO.suffix}`;

describe("auth rules", () => {
  test.each([
    ["anonymous, public cache", "/api/v1/cache/demo", undefined, 200],
    ["an empty Bearer is anonymous", "/api/v1/cache/demo", "", 200],
    ["an unknown token is anonymous", "/api/v1/cache/managed", "nope", 200],
    ["anonymous, private cache", "/api/v1/cache/secret", undefined, 401],
    ["an unknown token, private cache", "/api/v1/cache/secret", "nope", 401],
    ["a read token, private cache", "/api/v1/cache/secret", "reader", 200],
    ["unknown cache", "/api/v1/cache/no-such-cache", "T", 404],
  ])("%s → %d", async (_what, path, token, status) => {
    expect((await get(path, token)).status).toBe(status);
  });

  test("permission reports what the caller holds; uploads need Write; the key endpoint needs Admin", async () => {
    const permission = async (cache: string, token?: string) =>
      JSON.parse((await get(`/api/v1/cache/${cache}`, token)).text).permission;
    expect(await permission("demo")).toBe("Read");
    expect(await permission("demo", "reader")).toBe("Read");
    expect(await permission("demo", "T")).toBe("Write");
    const create = (token?: string) =>
      call(server.url, "POST", "/api/v1/cache/demo/multipart-nar?compression=zst", { token });
    expect((await create()).status).toBe(401);
    expect((await create("reader")).status).toBe(403);
    expect((await create("T")).status).toBe(200);
    const key = { publicKey: DEMO_PUBLIC };
    expect(
      (await call(server.url, "POST", "/api/v1/cache/fresh/key", { token: "T", json: key })).status,
    ).toBe(403);
    expect((await get("/api/v1/cache/fresh")).text).toContain('"publicSigningKeys":[]');
    expect(
      (await call(server.url, "POST", "/api/v1/cache/fresh/key", { token: "owner", json: key })).status,
    ).toBe(200);
    expect(JSON.parse((await get("/api/v1/cache/fresh")).text).publicSigningKeys).toEqual([
      `fresh.cachix.org-1:${DEMO_PUBLIC}`,
    ]);
    const again = await call(server.url, "POST", "/api/v1/cache/fresh/key", { token: "owner", json: key });
    expect(again.status).toBe(400);
    expect(again.text).toMatch(/already exists/);
  });

  test("a private cache's host serves only Basic credentials carrying a token of the cache (as netrc sends)", async () => {
    const uri = server.cache("secret").uri;
    expect(new URL(uri).hostname).not.toBe("127.0.0.1");
    const basic = (password: string) => ({
      authorization: `Basic ${Buffer.from(`:${password}`).toString("base64")}`,
    });
    expect((await fetch(`${uri}/nix-cache-info`)).status).toBe(401);
    expect((await fetch(`${uri}/nix-cache-info`, { headers: basic("nope") })).status).toBe(401);
    const ok = await fetch(`${uri}/nix-cache-info`, { headers: basic("reader") });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("StoreDir: /nix/store\nWantMassQuery: 1\nPriority: 41\n");
  });
});

describe("a wrong client is refused, and nothing is served", () => {
  // [what, tamper, the status of the part PUT (undefined: accepted), what `complete` says]
  const cases: [string, Tamper, number | undefined, RegExp][] = [
    ["a Content-MD5 that does not match the part", { contentMD5: () => EMPTY_MD5 }, 403, /InvalidPart/],
    [
      "a Content-MD5 of another body",
      { contentMD5: () => EMPTY_MD5, presignMD5: () => EMPTY_MD5 },
      400,
      /InvalidPart/,
    ],
    [
      "an Authorization header on the presigned PUT",
      { putHeaders: { authorization: "Bearer T" } },
      400,
      /InvalidPart/,
    ],
    [
      "an ETag other than the PUT's",
      { parts: (p) => p.map((x) => ({ ...x, eTag: x.eTag.replace(/"/g, "") })) },
      undefined,
      /InvalidPart/,
    ],
    ["parts: null", { parts: () => null }, undefined, /parts/],
    ["an SRI NAR hash", { create: (c) => ({ ...c, cNarHash: sri(c.cNarHash) }) }, undefined, /cNarHash/],
    [
      "a hex NAR hash",
      { create: (c) => ({ ...c, cNarHash: `sha256:${hexOf(c.cNarHash)}` }) },
      undefined,
      /cNarHash/,
    ],
    [
      "a prefixed file hash",
      { create: (c) => ({ ...c, cFileHash: `sha256:${c.cFileHash}` }) },
      undefined,
      /cFileHash/,
    ],
    [
      "unsorted references",
      { create: (c) => ({ ...c, cReferences: [...(c.cReferences as string[])].reverse() }) },
      undefined,
      /sorted/,
    ],
    [
      "full reference paths",
      { create: (c) => ({ ...c, cReferences: (c.cReferences as string[]).map((r) => `/nix/store/${r}`) }) },
      undefined,
      /reference/,
    ],
    ["an empty deriver", { create: (c) => ({ ...c, cDeriver: "" }) }, undefined, /cDeriver/],
    [
      "a wrong NAR size",
      { create: (c) => ({ ...c, cNarSize: Number(c.cNarSize) + 8 }) },
      undefined,
      /cNarSize/,
    ],
    [
      "a signature by another key",
      { create: (c) => ({ ...c, cSig: signPath(TWO_REFS, IMPOSTOR) }) },
      undefined,
      /cSig/,
    ],
    [
      "no signature for a self-signed cache",
      { create: (c) => ({ ...c, cSig: null }) },
      undefined,
      /No signature found/,
    ],
  ];
  test.each(cases)("%s", async (_what, tamper, putStatus, message) => {
    const path = { ...TWO_REFS, storeHash: randomPath().storeHash };
    const result = await upload(server.url, "demo", "T", path, signPath(path, DEMO_SECRET), tamper);
    expect(result.putStatuses).toEqual([putStatus ?? 200]);
    expect(result.status).toBe(400);
    expect(result.text).toMatch(message);
    expect((await served("demo", path.storeHash)).status).toBe(404);
    const abort = `/api/v1/cache/demo/multipart-nar/${result.narId}/abort?uploadId=${result.uploadId}`;
    expect((await call(server.url, "POST", abort, { token: "T" })).status).toBe(200);
    expect(server.record.aborted).toContain(result.narId);
  });

  test("the same upload without tampering is accepted (the cases above fail for their one reason)", async () => {
    const path = { ...TWO_REFS, storeHash: randomPath().storeHash };
    const result = await upload(server.url, "demo", "T", path, signPath(path, DEMO_SECRET));
    expect(result.status, result.text).toBe(200);
    expect((await served("demo", path.storeHash)).status).toBe(200);
  });
});

const TWO_REFS: RawPath = {
  ...randomPath(200),
  references: [HELLO_BASENAME, `${"0".repeat(32)}-zero`].sort(),
};
const sri = (hash: unknown) => {
  const { decodeNixBase32 } = NIX32;
  return `sha256-${Buffer.from(decodeNixBase32(String(hash).slice(7))).toString("base64")}`;
};
const hexOf = (hash: unknown) => Buffer.from(NIX32.decodeNixBase32(String(hash).slice(7))).toString("hex");
/** The MD5 of no bytes. */
const EMPTY_MD5 = "1B2M2Y8AsgTpgAmY7PhCfg==";
const NIX32 = await import("../../../src/lib/nix-base32.js");

describe("injected faults", () => {
  test("a 429 with Retry-After is answered the given number of times, then service resumes", async () => {
    server.injectFault({
      on: "api",
      method: "GET",
      path: /\/cache\/demo$/,
      status: 429,
      retryAfter: "1",
      times: 1,
    });
    const first = await get("/api/v1/cache/demo");
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("1");
    expect((await get("/api/v1/cache/demo")).status).toBe(200);
  });
});

describe("real Nix", () => {
  let nix: NixEnv;
  let added = "";
  beforeAll(() => {
    nix = createNixEnv();
  });
  afterAll(async () => {
    if (added !== "") await deleteStorePaths(nix, [added]);
    nix?.cleanup();
  });

  test("substitutes a raw upload from a private managed cache with netrc credentials, and not without", async () => {
    const file = path.join(nix.root, "stand-in-proof.txt");
    writeFileSync(file, `stand-in proof ${randomBytes(8).toString("hex")}\n`);
    added = (await runOk("nix-store", ["--add", file], nix.env)).trim();
    const nar = execFileSync("nix-store", ["--dump", added], { env: commandEnv(nix.env) });
    const [storeHash = "", suffix = ""] = path.basename(added).split(/-(.*)/s);
    expect((await upload(server.url, "secret", "T", { storeHash, suffix, nar }, null)).status).toBe(200);
    const info = JSON.parse((await get("/api/v1/cache/secret", "reader")).text);
    const netrc = path.join(nix.root, "netrc");
    writeFileSync(netrc, `machine ${new URL(info.uri).hostname} password reader\n`);

    const realise = async (options: string[]) => {
      const store = freshStore();
      try {
        const args = ["--store", store.dir, "-r", added, "--max-jobs", "0"];
        const trust = [
          "--option",
          "substituters",
          info.uri,
          "--option",
          "trusted-public-keys",
          info.publicSigningKeys.join(" "),
        ];
        const result = await run("nix-store", [...args, ...trust, ...options], nix.env);
        return { result, present: store.has(added) };
      } finally {
        store.cleanup();
      }
    };
    const without = await realise([]);
    expect(without.result.exitCode).not.toBe(0);
    expect(without.present).toBe(false);
    const withNetrc = await realise(["--option", "netrc-file", netrc]);
    expect(withNetrc.result.exitCode, withNetrc.result.stderr).toBe(0);
    expect(withNetrc.present).toBe(true);
  });
});
