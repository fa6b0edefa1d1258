// The push's signer: the signing thread's real bundle must sign byte for byte like the main thread, requests and
// replies must pair up across threads, and trouble with a thread must cost speed, never a signature.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { narInfoFingerprint } from "../../src/lib/narinfo.js";
import { parsePublicKey, parseSigningKey, signFingerprint, verifySignature } from "../../src/lib/signing.js";
import { inProcessSigner, startSigner } from "../../src/signer/signer.js";
import { DIST_DIR } from "../helpers/runner.js";

const keys = join(import.meta.dirname, "../fixtures/keys");
const key = parseSigningKey(readFileSync(join(keys, "test-cache-1.sk"), "utf8"));
const publicKey = parsePublicKey(readFileSync(join(keys, "test-cache-1.pk"), "utf8"));
const fakeThread = join(import.meta.dirname, "../helpers/fakes/sign-thread.mjs");
const realThread = join(DIST_DIR, "signer", "index.js");

const fingerprints = Array.from({ length: 64 }, (_, i) =>
  narInfoFingerprint(
    `/nix/store/${String(i).padStart(32, "0")}-path-${i}`,
    new Uint8Array(32).fill(i),
    1000 + i,
    [],
  ),
);

describe("startSigner", () => {
  it("signs on the bundled signing thread exactly as on the main thread", async () => {
    const reasons: string[] = [];
    const signer = startSigner(key, {
      script: realThread,
      threads: 2,
      signatures: fingerprints.length,
      onFallback: (reason) => reasons.push(reason),
    });
    expect(signer.threads).toBe(2);
    const sigs = await Promise.all(fingerprints.map((fingerprint) => signer.sign(fingerprint)));
    expect(signer.threads).toBe(2);
    await signer.close();
    expect(reasons).toEqual([]);
    expect(sigs).toEqual(fingerprints.map((fingerprint) => signFingerprint(fingerprint, key)));
    for (const [i, sig] of sigs.entries()) {
      expect(verifySignature(fingerprints[i] as string, sig, [publicKey])).toBe(true);
    }
  });

  it("pairs each reply with its request, spread over the threads", async () => {
    const signer = startSigner(
      { ...key, name: "echo" },
      { script: fakeThread, threads: 3, signatures: fingerprints.length },
    );
    const sigs = await Promise.all(fingerprints.map((fingerprint) => signer.sign(fingerprint)));
    await signer.close();
    const threads = new Set<string>();
    for (const [i, sig] of sigs.entries()) {
      const match = /^echo:(thread-\d+):(.*)$/s.exec(sig);
      expect(match?.[2]).toBe(fingerprints[i]);
      threads.add(match?.[1] ?? "");
    }
    expect(threads.size).toBe(3);
  });

  it("signs in process when there is little to sign, without starting a thread", async () => {
    const reasons: string[] = [];
    const signer = startSigner(
      { ...key, name: "echo" },
      { script: fakeThread, threads: 2, signatures: 3, onFallback: (reason) => reasons.push(reason) },
    );
    const fingerprint = fingerprints[0] as string;
    expect(await signer.sign(fingerprint)).toBe(signFingerprint(fingerprint, { ...key, name: "echo" }));
    await signer.close();
    expect(reasons).toEqual([]);
  });

  it("goes on in process, saying why, when the thread's script is missing", async () => {
    const reasons: string[] = [];
    const script = join(DIST_DIR, "no-such-signer", "index.js");
    const signer = startSigner(key, {
      script,
      threads: 2,
      signatures: fingerprints.length,
      onFallback: (reason) => reasons.push(reason),
    });
    const sigs = await Promise.all(fingerprints.map((fingerprint) => signer.sign(fingerprint)));
    await signer.close();
    expect(reasons).toEqual([`${script} is missing`]);
    expect(sigs).toEqual(fingerprints.map((fingerprint) => signFingerprint(fingerprint, key)));
  });

  it("finishes every signature in process when a thread fails midway", async () => {
    const reasons: string[] = [];
    const crashKey = { ...key, name: "crash" };
    const signer = startSigner(crashKey, {
      script: fakeThread,
      threads: 1,
      signatures: fingerprints.length,
      onFallback: (reason) => reasons.push(reason),
    });
    const sigs = await Promise.all(fingerprints.map((fingerprint) => signer.sign(fingerprint)));
    const later = await signer.sign("1;after the crash");
    await signer.close();
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/a signing thread failed: fake thread crashed/);
    // Each is for its own fingerprint: from the thread (at most the three it answered) or made in process.
    const fromThread = sigs.filter((sig, i) => sig.replace(/^crash:thread-\d+:/, "") === fingerprints[i]);
    expect(fromThread.length).toBeLessThanOrEqual(3);
    sigs.forEach((sig, i) => {
      if (!fromThread.includes(sig)) expect(sig).toBe(signFingerprint(fingerprints[i] as string, crashKey));
    });
    expect(later).toBe(signFingerprint("1;after the crash", crashKey));
  });

  it("goes on in process when a signing thread cannot even start", async () => {
    const reasons: string[] = [];
    // A relative path without ./ makes the Worker constructor throw at once (the file exists: the tests' cwd).
    const signer = startSigner(key, {
      script: "package.json",
      threads: 2,
      signatures: fingerprints.length,
      onFallback: (reason) => reasons.push(reason),
    });
    expect(signer.threads).toBe(0);
    const sigs = await Promise.all(fingerprints.map((fingerprint) => signer.sign(fingerprint)));
    await signer.close();
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/a signing thread could not start/);
    expect(sigs).toEqual(fingerprints.map((fingerprint) => signFingerprint(fingerprint, key)));
  });

  it("refuses to sign once closed", async () => {
    const signer = startSigner(key, { script: realThread, threads: 1, signatures: fingerprints.length });
    await signer.close();
    await expect(signer.sign(fingerprints[0] as string)).rejects.toThrow(/closed/);
  });
});

describe("inProcessSigner", () => {
  it("signs in the order asked, one per turn of the event loop, so that I/O goes on meanwhile", async () => {
    const signer = inProcessSigner(key);
    const events: string[] = [];
    const sigs = fingerprints.slice(0, 6).map((fingerprint, i) =>
      signer.sign(fingerprint).then((sig) => {
        events.push(`sig ${i}`);
        return sig;
      }),
    );
    setImmediate(() => events.push("io"));
    expect(await Promise.all(sigs)).toEqual(
      fingerprints.slice(0, 6).map((fingerprint) => signFingerprint(fingerprint, key)),
    );
    expect(events.filter((event) => event.startsWith("sig"))).toEqual(
      [0, 1, 2, 3, 4, 5].map((i) => `sig ${i}`),
    );
    expect(events.indexOf("io")).toBeLessThan(events.indexOf("sig 5"));
  });
});
