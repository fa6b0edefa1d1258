import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { narInfoFingerprint, parseNarInfo } from "../../src/lib/narinfo.js";
import type { PathInfo } from "../../src/lib/path-info.js";
import { parsePublicKey, parseSigningKey, signFingerprint, verifySignature } from "../../src/lib/signing.js";
import { hashPartOf as hashPart } from "../../src/lib/store-path.js";
import { type PathOutcome, pushPaths, topologicalOrder } from "../../src/push/push-paths.js";
import type { StagedPath } from "../../src/push/stage-nar.js";
import { MemoryCache } from "../helpers/fakes/memory-cache.js";

const keys = join(import.meta.dirname, "../fixtures/keys");
const signingKey = parseSigningKey(readFileSync(join(keys, "test-cache-1.sk"), "utf8"));
const publicKey = parsePublicKey(readFileSync(join(keys, "test-cache-1.pk"), "utf8"));

/** A store path whose hash part is made from `name`, so tests can name paths freely. */
function storePath(name: string): string {
  const hash = createHash("sha256")
    .update(name)
    .digest("hex")
    .replace(/[eotu]/g, "0")
    .slice(0, 32);
  return `/nix/store/${hash}-${name}`;
}

function info(name: string, references: string[] = [], sigs: string[] = []): PathInfo {
  const path = storePath(name);
  return {
    path,
    narHash: createHash("sha256").update(path).digest(),
    narSize: 100 + name.length,
    references: references.map(storePath),
    sigs,
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "push-paths-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Stages a tiny fake NAR after `delays[name]` ms (default 0), or fails for names in `failing`. */
function fakeStage(delays: Record<string, number> = {}, failing: string[] = []) {
  return async (path: PathInfo, signal: AbortSignal): Promise<StagedPath> => {
    const name = path.path.slice(44);
    await sleep(delays[name] ?? 0, undefined, { signal });
    if (failing.includes(name)) throw new Error(`${name} does not match the NAR hash Nix recorded`);
    const file = join(dir, `${name}.zst`);
    await writeFile(file, `compressed ${name}`);
    const fileHash = createHash("sha256").update(`compressed ${name}`).digest();
    return { file, url: `nar/${name}.nar.zst`, fileSize: 11 + name.length, fileHash };
  };
}

function options(cache: MemoryCache, overrides: Partial<Parameters<typeof pushPaths>[1]> = {}) {
  return {
    cache,
    sign: (fingerprint: string) => signFingerprint(fingerprint, signingKey),
    available: new Set<string>(),
    stage: fakeStage(),
    concurrency: 4,
    deadline: new AbortController().signal,
    ...overrides,
  };
}

describe("pushPaths", () => {
  it("publishes a narinfo only after its NAR and all its references' narinfos, even when references stage slowest", async () => {
    const cache = new MemoryCache();
    const paths = [info("app", ["lib", "app"]), info("lib", ["base"]), info("base"), info("doc")];
    // The deepest reference is the slowest to stage, so a careless pipeline would publish app and lib first.
    const outcomes = await pushPaths(paths, options(cache, { stage: fakeStage({ base: 60, lib: 30 }) }));
    expect(outcomes.size).toBe(paths.length);
    expect([...outcomes.values()].every((outcome) => outcome.status === "pushed")).toBe(true);
    const position = (kind: string, key: string) => {
      const at = cache.events.findIndex(
        (event) => event.kind === kind && ("url" in event ? event.url : event.hashPart) === key,
      );
      expect(at, `${kind} ${key} was written`).toBeGreaterThanOrEqual(0);
      return at;
    };
    for (const path of paths) {
      const name = path.path.slice(44);
      expect(position("nar", `nar/${name}.nar.zst`)).toBeLessThan(position("narinfo", hashPart(path.path)));
      for (const reference of path.references.filter((ref) => ref !== path.path)) {
        expect(position("narinfo", hashPart(reference))).toBeLessThan(
          position("narinfo", hashPart(path.path)),
        );
      }
    }
  });

  it("writes narinfos that carry the path's fields and a signature that verifies, keeping existing signatures", async () => {
    const cache = new MemoryCache();
    const existing = `other-cache-1:${Buffer.alloc(64, 7).toString("base64")}`;
    const app = info("app", ["app"], [existing]);
    await pushPaths([app], options(cache));
    const narInfo = parseNarInfo(cache.narInfos.get(hashPart(app.path)) ?? "");
    expect(narInfo.storePath).toBe(app.path);
    expect(narInfo.url).toBe("nar/app.nar.zst");
    expect(narInfo.compression).toBe("zstd");
    expect(narInfo.fileSize).toBe(14);
    expect(Buffer.from(narInfo.narHash).equals(Buffer.from(app.narHash))).toBe(true);
    expect(narInfo.references).toEqual([app.path]);
    const ours = narInfo.sigs.find((sig) => sig.startsWith("test-cache-1:")) ?? "";
    expect(narInfo.sigs).toEqual([existing, ours].sort());
    expect(
      verifySignature(narInfoFingerprint(app.path, app.narHash, app.narSize, app.references), ours, [
        publicKey,
      ]),
    ).toBe(true);
  });

  it("signs each path as it is published, after its NAR is stored, references first", async () => {
    const cache = new MemoryCache();
    const asked: { path: string; narStored: boolean }[] = [];
    const paths = [info("top", ["mid"]), info("mid", ["low"]), info("low")];
    await pushPaths(
      paths,
      options(cache, {
        sign: (fingerprint) => {
          const path = fingerprint.split(";")[1] ?? "";
          const url = `nar/${path.slice(44)}.nar.zst`;
          asked.push({
            path,
            narStored: cache.events.some((event) => event.kind === "nar" && event.url === url),
          });
          return signFingerprint(fingerprint, signingKey);
        },
      }),
    );
    expect(asked).toEqual(["low", "mid", "top"].map((name) => ({ path: storePath(name), narStored: true })));
    expect(cache.narInfos.size).toBe(3);
  });

  it("leaves out a path whose signature could not be made, and what refers to it", async () => {
    const cache = new MemoryCache();
    const paths = [info("unsigned"), info("above", ["unsigned"]), info("fine")];
    const outcomes = await pushPaths(
      paths,
      options(cache, {
        sign: (fingerprint) => {
          if (fingerprint.includes("-unsigned;")) throw new Error("the signer broke");
          return signFingerprint(fingerprint, signingKey);
        },
      }),
    );
    expect(outcomes.get(storePath("unsigned"))).toEqual({ status: "failed", reason: "the signer broke" });
    expect(outcomes.get(storePath("above"))?.status).toBe("dependency-failed");
    expect(outcomes.get(storePath("fine"))?.status).toBe("pushed");
    expect([...cache.narInfos.keys()]).toEqual([hashPart(storePath("fine"))]);
  });

  it("leaves out a path whose NAR fails, and everything that refers to it, but pushes the rest", async () => {
    const cache = new MemoryCache();
    const paths = [info("bad"), info("uses-bad", ["bad"]), info("top", ["uses-bad"]), info("fine")];
    const seen: [string, PathOutcome][] = [];
    const outcomes = await pushPaths(
      paths,
      options(cache, {
        stage: fakeStage({}, ["bad"]),
        onOutcome: (path, outcome) => seen.push([path, outcome]),
      }),
    );
    expect(outcomes.get(storePath("bad"))).toMatchObject({
      status: "failed",
      reason: expect.stringMatching(/NAR hash/),
    });
    expect(outcomes.get(storePath("uses-bad"))?.status).toBe("dependency-failed");
    expect(outcomes.get(storePath("top"))?.status).toBe("dependency-failed");
    expect(outcomes.get(storePath("fine"))?.status).toBe("pushed");
    expect([...cache.narInfos.keys()]).toEqual([hashPart(storePath("fine"))]);
    expect(cache.nars.has("nar/bad.nar.zst")).toBe(false);
    expect(seen).toHaveLength(4);
  });

  it("does not publish a path whose reference's narinfo could not be written", async () => {
    const cache = new MemoryCache();
    cache.failNarInfo.add(hashPart(storePath("lib")));
    const outcomes = await pushPaths([info("lib"), info("app", ["lib"])], options(cache));
    expect(outcomes.get(storePath("lib"))).toMatchObject({
      status: "failed",
      reason: expect.stringMatching(/refused/),
    });
    expect(outcomes.get(storePath("app"))?.status).toBe("dependency-failed");
    expect(cache.narInfos.size).toBe(0);
  });

  it("treats references that are upstream or already cached as present", async () => {
    const cache = new MemoryCache();
    const outcomes = await pushPaths(
      [info("app", ["glibc", "cached-lib"])],
      options(cache, { available: new Set([storePath("glibc"), storePath("cached-lib")]) }),
    );
    expect(outcomes.get(storePath("app"))?.status).toBe("pushed");
  });

  it("refuses to publish a path whose reference is neither pushed nor available", async () => {
    const cache = new MemoryCache();
    const outcomes = await pushPaths([info("app", ["missing"])], options(cache));
    expect(outcomes.get(storePath("app"))).toMatchObject({ status: "dependency-failed" });
    expect(cache.events).toEqual([]);
  });

  it("stops cleanly at the deadline: nothing half-published, the rest reported as timed out", async () => {
    const cache = new MemoryCache();
    const deadline = new AbortController();
    const paths = [info("quick"), info("slow"), info("after-slow", ["slow"]), info("late")];
    setTimeout(() => deadline.abort(), 50);
    const outcomes = await pushPaths(
      paths,
      options(cache, { concurrency: 1, deadline: deadline.signal, stage: fakeStage({ slow: 5_000 }) }),
    );
    expect(outcomes.get(storePath("quick"))?.status).toBe("pushed");
    expect(outcomes.get(storePath("slow"))?.status).toBe("timed-out");
    expect(outcomes.get(storePath("late"))?.status).toBe("timed-out");
    expect(["timed-out", "dependency-failed"]).toContain(outcomes.get(storePath("after-slow"))?.status);
    expect([...cache.narInfos.keys()]).toEqual([hashPart(storePath("quick"))]);
  });
});

describe("topologicalOrder", () => {
  it("puts references first and survives a chain deeper than the call stack", () => {
    const chain: PathInfo[] = [];
    for (let i = 0; i < 20_000; i++) chain.push(info(`p${i}`, i === 0 ? [] : [`p${i - 1}`]));
    const reversed = [...chain].reverse();
    const order = topologicalOrder(reversed, new Map(chain.map((path) => [path.path, path])));
    expect(order.map((path) => path.path)).toEqual(chain.map((path) => path.path));
  });
});
