/**
 * The upkeep command on a binary cache real Nix wrote (`nix copy --to file://`), with the ages of its files set by
 * hand, and leftovers of killed pushes beside them; afterwards real Nix must still substitute what was kept.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3Client } from "../../src/cache/s3/s3-client.js";
import { runGcCommand } from "../../src/upkeep/gc-command.js";
import { startFaultProxy } from "../helpers/http/fault-proxy.js";
import { expectSubstitutes, generateKeyPair, type KeyPair, nixCopyTo } from "../helpers/nix/binary-cache.js";
import { buildClosure, type Closure, closurePaths } from "../helpers/nix/closures.js";
import { createNixEnv, type NixEnv } from "../helpers/nix/env.js";
import { deleteStorePaths } from "../helpers/nix/store.js";
import { removeTree } from "../helpers/remove-tree.js";
import { startMoto } from "../helpers/s3/moto.js";
import { startVerifiedS3rver } from "../helpers/s3/s3rver.js";

const DAY = 24 * 60 * 60 * 1000;
let nix: NixEnv;
let keys: KeyPair;
let chain: Closure;
let other: Closure;
let scratch: string;

beforeAll(async () => {
  nix = createNixEnv();
  keys = await generateKeyPair(nix, "gc-test-1");
  chain = await buildClosure(nix, { count: 2, label: "gc-chain" });
  other = await buildClosure(nix, { count: 1, label: "gc-other" });
  scratch = mkdtempSync(path.join(tmpdir(), "nbca-gc-"));
}, 120_000);
afterAll(async () => {
  if (chain) await deleteStorePaths(nix, [...closurePaths(chain), ...closurePaths(other)].reverse());
  nix?.cleanup();
  if (scratch) removeTree(scratch);
});

async function gc(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runGcCommand(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: { HOME: scratch },
  });
  return { code, out, err };
}

const hash = (storePath: string) => path.basename(storePath).slice(0, 32);
const ago = (file: string, ms: number) =>
  utimesSync(file, new Date(Date.now() - ms), new Date(Date.now() - ms));

describe("gc", () => {
  it("removes old paths referrers first, leftovers once a day old, never what it does not know; Nix reads the rest", async () => {
    const cache = path.join(scratch, "cache");
    await nixCopyTo(nix, `file://${cache}`, keys.secretKeyFile, [chain.top, other.top]);
    for (const out of chain.outPaths) ago(path.join(cache, `${hash(out)}.narinfo`), 10 * DAY);
    mkdirSync(path.join(cache, "log"), { recursive: true });
    const leftovers = {
      oldTemporary: "abc.narinfo.123.k3j2.tmp",
      newTemporary: "nar/def.nar.zst.456.zz9.tmp",
      oldOrphan: "nar/0000000000000000000000000000000000000000000000000000.nar.zst",
      newOrphan: "nar/1111111111111111111111111111111111111111111111111111.nar.zst",
      unknown: ["log/some.drv", "abc.ls", "notes.txt"],
    };
    for (const name of [
      leftovers.oldTemporary,
      leftovers.newTemporary,
      leftovers.oldOrphan,
      leftovers.newOrphan,
      ...leftovers.unknown,
    ]) {
      writeFileSync(path.join(cache, name), "x");
      ago(path.join(cache, name), 3 * DAY);
    }
    ago(path.join(cache, leftovers.newTemporary), 60_000);
    ago(path.join(cache, leftovers.newOrphan), 60_000);
    const listed = () => readdirSync(cache, { recursive: true }).map(String).sort();
    const before = listed();

    const dry = await gc(`file://${cache}`, "--older-than", "7", "--dry-run");
    expect(dry.code, dry.err.join("\n")).toBe(0);
    expect(listed()).toEqual(before);
    const [top, lib] = [chain.top, chain.outPaths[0] ?? ""];
    expect(dry.out).toEqual([
      `would remove ${hash(top)}.narinfo`,
      `would remove ${hash(lib)}.narinfo`,
      `would remove ${leftovers.oldOrphan}`,
      `would remove ${leftovers.oldTemporary}`,
    ]);

    const run = await gc(`file://${cache}`, "--older-than", "7");
    expect(run.code, run.err.join("\n")).toBe(0);
    const after = listed();
    expect(before.filter((name) => !after.includes(name)).sort()).toEqual(
      [`${hash(top)}.narinfo`, `${hash(lib)}.narinfo`, leftovers.oldOrphan, leftovers.oldTemporary].sort(),
    );
    for (const name of [...leftovers.unknown, leftovers.newTemporary, leftovers.newOrphan])
      expect(after).toContain(name);
    // The chain's NARs are a minute old: a push may be about to name them again; a later run takes them.
    await expectSubstitutes(nix, `file://${cache}`, [other.top], keys.publicKey);
  });

  it("refuses what it cannot clean up, saying how to call it", async () => {
    expect((await gc()).code).toBe(2);
    expect((await gc("s3://my-bucket", "--dry-run")).err.join("\n")).toMatch(/no AWS credentials/);
    expect((await gc("file:///x", "--older-than", "soon")).err.join("\n")).toMatch(
      /days above 0, got 'soon'/,
    );
    expect((await gc("file:///x", "--max-size", "lots")).err.join("\n")).toMatch(/20G or 500M/);
    const missing = await gc(`file://${scratch}/nothing-here`);
    expect(missing.code).toBe(1);
  });

  /** An S3 server with signatures checked, a key for it, and where in it the cache lives. */
  const servers = [
    {
      name: "moto, the bucket's root",
      prefix: "",
      start: async () => {
        const moto = await startMoto(["gc-bucket"]);
        return { ...moto, key: { accessKeyId: moto.accessKeyId, secretAccessKey: moto.secretAccessKey } };
      },
    },
    {
      // moto refuses a signed ListObjectsV2 `prefix=` holding '/', so a prefix is checked on s3rver.
      name: "s3rver behind a verifying front, below a prefix, with session keys",
      prefix: "team/ci/",
      start: async () => {
        const s3rver = await startVerifiedS3rver(["gc-bucket"]);
        return { ...s3rver, key: s3rver.session };
      },
    },
  ];

  it.each(servers)(
    "an s3:// cache ($name): the oldest paths beyond a size go with their referrers, leftovers a day old go, unknown objects stay",
    async ({ prefix, start }) => {
      const server = await start();
      try {
        const dir = path.join(scratch, `s3-source-${prefix.length}`);
        await nixCopyTo(nix, `file://${dir}`, keys.secretKeyFile, [chain.top]);
        const location = { bucket: "gc-bucket", region: "us-east-1", endpoint: new URL(server.endpoint) };
        const s3 = new S3Client({ ...location, prefix }, () => server.key);
        // Below another prefix (for the bucket's root: in a folder the cache's layout does not have): never touched.
        const outside = new S3Client({ ...location, prefix: "elsewhere/" }, () => server.key);
        const never = new AbortController().signal;
        await outside.put("x.narinfo.9.ab.tmp", "x", "text/plain", never);
        const upload = async (from: string) => {
          for (const name of readdirSync(from, { recursive: true }).map(String)) {
            const file = path.join(from, name);
            if (statSync(file).isFile())
              await s3.putFile(
                name,
                file,
                statSync(file).size,
                { contentType: "application/octet-stream" },
                never,
              );
          }
        };
        await upload(dir);
        // A second, later path: what the size limit keeps.
        await new Promise((resolve) => setTimeout(resolve, 1100));
        const later = path.join(scratch, `s3-later-${prefix.length}`);
        await nixCopyTo(nix, `file://${later}`, keys.secretKeyFile, [other.top]);
        await upload(later);
        for (const name of [
          "nar/2222222222222222222222222222222222222222222222222222.nar.zst",
          "x.narinfo.9.ab.tmp",
          "notes.txt",
        ]) {
          await s3.put(name, "x", "text/plain", never);
        }
        const env: Record<string, string> = {
          HOME: scratch,
          AWS_ACCESS_KEY_ID: server.key.accessKeyId,
          AWS_SECRET_ACCESS_KEY: server.key.secretAccessKey,
        };
        if ("sessionToken" in server.key) env.AWS_SESSION_TOKEN = server.key.sessionToken;
        const otherInfo = `${hash(other.top)}.narinfo`;
        // Room for the later path alone (its narinfo and its NAR): the older chain must go.
        const otherNar = /^URL: (.*)$/m.exec(readFileSync(path.join(later, otherInfo), "utf8"))?.[1];
        const sizes = new Map((await s3.list(never)).map((o) => [o.key, o.size]));
        const room = (sizes.get(otherInfo) ?? 0) + (sizes.get(otherNar ?? "") ?? 0);
        const out: string[] = [];
        const err: string[] = [];
        const code = await runGcCommand(
          [`s3://gc-bucket/${prefix}?endpoint=${server.endpoint}`, "--max-size", String(room)],
          {
            out: (l) => out.push(l),
            err: (l) => err.push(l),
            env,
            now: () => Date.now() + 2 * DAY,
          },
        );
        expect(code, err.join("\n")).toBe(0);
        const left = (await s3.list(never)).map((o) => o.key).sort();
        expect(left).toContain(otherInfo);
        expect(left).toContain("notes.txt");
        expect(left).toContain("nix-cache-info");
        for (const out of chain.outPaths) expect(left).not.toContain(`${hash(out)}.narinfo`);
        expect(left).not.toContain("x.narinfo.9.ab.tmp");
        expect(left).not.toContain("nar/2222222222222222222222222222222222222222222222222222.nar.zst");
        expect(out.indexOf(`removed ${hash(chain.top)}.narinfo`)).toBeLessThan(
          out.indexOf(`removed ${hash(chain.outPaths[0] ?? "")}.narinfo`),
        );
        const whole = new S3Client({ ...location, prefix: "" }, () => server.key);
        const kept = (await whole.list(never)).filter((o) => o.key.startsWith("elsewhere/"));
        expect(kept.map((o) => o.key)).toEqual(["elsewhere/x.narinfo.9.ab.tmp"]);
      } finally {
        await server.stop();
      }
    },
    120_000,
  );
  it("s3://: a NAR pushed again while gc runs (the same ETag, since its key and bytes name its content) is kept", async () => {
    const server = await startVerifiedS3rver(["race"]);
    const proxy = await startFaultProxy(server.endpoint);
    try {
      const dir = path.join(scratch, "race-source");
      await nixCopyTo(nix, `file://${dir}`, keys.secretKeyFile, [other.top]);
      const s3 = new S3Client(
        { bucket: "race", prefix: "", region: "us-east-1", endpoint: new URL(server.endpoint) },
        () => server,
      );
      const never = new AbortController().signal;
      const names = readdirSync(dir, { recursive: true }).map(String);
      for (const name of names.filter((n) => statSync(path.join(dir, n)).isFile())) {
        const file = path.join(dir, name);
        await s3.putFile(name, file, statSync(file).size, { contentType: "application/octet-stream" }, never);
      }
      const info = `${hash(other.top)}.narinfo`;
      const nar = /^URL: (.*)$/m.exec(readFileSync(path.join(dir, info), "utf8"))?.[1] ?? "";
      // Last-Modified counts seconds: the push again must come in a later one.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      let pushedAgain: Promise<void> | undefined;
      proxy.plan = {
        // gc removes the narinfo first; while its answer is held back, a push finds the path missing and sends the
        // NAR again, as it does, before its narinfo.
        match: (method, p) => method === "DELETE" && p.endsWith(info),
        faults: ["slow"],
        slowMs: 1500,
        onRequest: (method, p) => {
          if (method === "DELETE" && p.endsWith(info)) {
            const file = path.join(dir, nar);
            pushedAgain = s3.putFile(
              nar,
              file,
              statSync(file).size,
              { contentType: "application/x-nix-nar" },
              never,
            );
          }
        },
      };
      const out: string[] = [];
      const err: string[] = [];
      const code = await runGcCommand([`s3://race?endpoint=${proxy.origin}`, "--older-than", "1"], {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
        env: {
          HOME: scratch,
          AWS_ACCESS_KEY_ID: server.accessKeyId,
          AWS_SECRET_ACCESS_KEY: server.secretAccessKey,
        },
        now: () => Date.now() + 2 * DAY,
      });
      expect(code, err.join("\n")).toBe(0);
      await pushedAgain;
      expect(out).toContain(`removed ${info}`);
      expect(out).toContain(`kept ${nar}: it changed since it was listed (a push in progress)`);
      expect(await s3.exists(nar, never)).toBe(true);
    } finally {
      await proxy.close();
      await server.stop();
    }
  }, 60_000);
});
