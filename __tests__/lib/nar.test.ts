import { createHash } from "node:crypto";
import { chmod, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpNar, type NarEntryStat, type NarFileSystem } from "../../src/lib/nar.js";
import { nodeNarFileSystem } from "../../src/nix/store-files.js";
import { FIXTURES, loadPathFacts } from "../helpers/fixtures.js";
import { runNix } from "../helpers/nix/offline-cli.js";

const facts = loadPathFacts();
const CHUNK = 64 * 1024;
let scratch = "";

async function collect(source: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return chunks;
}

/** Dumps with our serializer, keeping every chunk before joining them (so reused buffers would show). */
async function ourDump(target: string, fs: NarFileSystem = nodeNarFileSystem): Promise<Buffer> {
  return Buffer.concat(await collect(dumpNar(target, fs)));
}

/** Makes the fixture store paths valid here by substituting them from a copy of the fixture cache. */
async function ensureFixturePathsInStore(): Promise<void> {
  const invalid = (
    await runNix(["nix-store", "--check-validity", "--print-invalid", ...facts.map((f) => f.path)])
  )
    .toString()
    .split("\n")
    .filter((line) => line !== "");
  if (invalid.length === 0) return;
  // A file:// store creates directories in its root, so read a copy rather than the fixtures themselves.
  const cache = path.join(scratch, "fixture-cache");
  await cp(path.join(FIXTURES, "closure", "cache"), cache, { recursive: true });
  const publicKey = (await readFile(path.join(FIXTURES, "keys", "test-cache-1.pk"), "utf8")).trim();
  const copy = ["nix", "copy", "--from", `file://${cache}`, "--option", "trusted-public-keys", publicKey];
  const drvs = invalid.filter((p) => p.endsWith(".drv"));
  const outputs = invalid.filter((p) => !p.endsWith(".drv"));
  if (outputs.length > 0) await runNix([...copy, ...outputs]);
  if (drvs.length > 0) await runNix([...copy, "--derivation", ...drvs]);
}

/** A directory that exercises every rule of the format, next to what nix-store --dump makes of it. */
async function makeTree(root: string): Promise<void> {
  await mkdir(path.join(root, "bin"), { recursive: true });
  await mkdir(path.join(root, "empty-dir"));
  await mkdir(path.join(root, "order"));
  for (const name of ["B", "_u", "a", "a-b", "a.b", "é", "\u{e000}", "😀"]) {
    await writeFile(path.join(root, "order", name), `${name}\n`);
  }
  await writeFile(Buffer.from(`${root}/order/n\xff`, "latin1"), "not UTF-8\n");
  await writeFile(path.join(root, "bin", "hello"), "#!/bin/sh\necho hi\n", { mode: 0o755 });
  await writeFile(path.join(root, "bin", "group-x"), "x", { mode: 0o654 });
  await writeFile(path.join(root, "bin", "owner-x"), "x", { mode: 0o744 });
  await chmod(path.join(root, "bin", "group-x"), 0o654);
  await writeFile(path.join(root, "empty-file"), "");
  await symlink("bin/hello", path.join(root, "relative-link"));
  await symlink("/nonexistent/target", path.join(root, "dangling-link"));
  await symlink("bin", path.join(root, "dir-link"));
  await symlink(Buffer.from("f\xff\xfe", "latin1"), Buffer.from(`${root}/raw-link`));
  const big = Buffer.alloc(3 * 1024 * 1024 + 5);
  for (let offset = 0; offset < big.length; offset += 64) {
    createHash("sha512").update(String(offset)).digest().copy(big, offset);
  }
  await writeFile(path.join(root, "big"), big);
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "nar-test-"));
  await ensureFixturePathsInStore();
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("dumpNar over the fixture store paths", () => {
  it.each(facts.map((f) => [path.posix.basename(f.path), f] as const))(
    "gives the NAR that nix copy stored for %s",
    async (_name, f) => {
      const expected = await readFile(
        path.join(FIXTURES, "closure", "cache", "nar", `${f.narHash.slice(7)}.nar`),
      );
      const nar = await ourDump(f.path);
      expect(nar.length).toBe(f.narSize);
      expect(nar.equals(expected)).toBe(true);
    },
  );
});

describe("dumpNar against nix-store --dump", () => {
  let tree = "";
  beforeAll(async () => {
    tree = path.join(scratch, "tree");
    await makeTree(tree);
  });

  it("orders entries by bytes where a text sort would not", async () => {
    const names = await nodeNarFileSystem.readdir(Buffer.from(path.join(tree, "order")));
    const byText = names.map((n) => n.toString()).sort();
    const byBytes = [...names].sort(Buffer.compare).map((n) => n.toString());
    expect(byText).not.toEqual(byBytes);
  });

  it("matches a tree with every kind of entry, byte for byte", async () => {
    const [ours, nix] = [await ourDump(tree), await runNix(["nix-store", "--dump", tree])];
    expect(nix.length).toBeGreaterThan(3 * 1024 * 1024);
    expect(ours.length).toBe(nix.length);
    expect(ours.equals(nix)).toBe(true);
  });

  it.each(["empty-file", "empty-dir", "relative-link", "raw-link", "bin/hello", "bin/group-x", "big"])(
    "matches %s as the top-level node",
    async (entry) => {
      const target = path.join(tree, entry);
      expect((await ourDump(target)).equals(await runNix(["nix-store", "--dump", target]))).toBe(true);
    },
  );

  it("writes the documented sizes for an empty file and an empty directory", async () => {
    expect(await ourDump(path.join(tree, "empty-file"))).toHaveLength(112);
    expect(await ourDump(path.join(tree, "empty-dir"))).toHaveLength(96);
  });

  it("yields few chunks, at most 64 KiB each except file data passed through", async () => {
    const many = path.join(scratch, "many");
    await mkdir(many);
    for (let i = 0; i < 2000; i++) await writeFile(path.join(many, `f${i}`), `${i}`);
    const chunks = await collect(dumpNar(many, nodeNarFileSystem));
    const total = chunks.reduce((sum, c) => sum + c.length, 0);
    expect(chunks.length).toBeLessThanOrEqual(Math.ceil(total / CHUNK) + 1);
    expect(chunks.every((c) => c.length <= CHUNK)).toBe(true);
    expect(Buffer.concat(chunks).equals(await runNix(["nix-store", "--dump", many]))).toBe(true);
  });
});

describe("dumpNar failures", () => {
  const fakeFs = (stat: NarEntryStat, content: Uint8Array[] = []): NarFileSystem => ({
    lstat: async () => stat,
    readdir: async () => [],
    readlink: async () => Buffer.from(""),
    readFile: async function* () {
      yield* content;
    },
  });

  it("throws on sockets, FIFOs and devices", async () => {
    await expect(ourDump("/x", fakeFs({ type: "other" }))).rejects.toThrow(/unsupported type/);
  });

  it("throws when a file turns out shorter or longer than its size", async () => {
    const regular = { type: "regular", size: 4, executable: false } as const;
    await expect(ourDump("/x", fakeFs(regular, [Buffer.from("abc")]))).rejects.toThrow(/changed size/);
    await expect(ourDump("/x", fakeFs(regular, [Buffer.from("abcd"), Buffer.from("e")]))).rejects.toThrow(
      /changed size/,
    );
  });

  it("stops before passing on bytes beyond the announced size", async () => {
    const regular = { type: "regular", size: 4, executable: false } as const;
    const yielded: Uint8Array[] = [];
    const dump = async () => {
      for await (const chunk of dumpNar(
        "/x",
        fakeFs(regular, [Buffer.from("abcd"), Buffer.alloc(CHUNK * 2, 1)]),
      )) {
        yielded.push(chunk);
      }
    };
    await expect(dump()).rejects.toThrow(/changed size/);
    expect(yielded.reduce((sum, c) => sum + c.length, 0)).toBeLessThan(CHUNK);
  });

  it("throws on a directory entry no real directory can hold", async () => {
    const fs: NarFileSystem = { ...fakeFs({ type: "directory" }), readdir: async () => [Buffer.from("..")] };
    await expect(ourDump("/x", fs)).rejects.toThrow(/impossible name/);
  });

  it("notices, through the node file system, a file that grew or shrank since it was lstat'ed", async () => {
    const file = path.join(scratch, "sized");
    await writeFile(file, "12345678");
    // lstat says one size, the file holds another: as when a file changes between lstat and read.
    const sizedAs = (size: number): NarFileSystem => ({
      ...nodeNarFileSystem,
      lstat: async () => ({ type: "regular", size, executable: false }),
    });
    await expect(collect(dumpNar(file, sizedAs(7)))).rejects.toThrow(/changed size/);
    await expect(collect(dumpNar(file, sizedAs(9)))).rejects.toThrow(/changed size/);
    const whole = Buffer.concat(await collect(dumpNar(file, sizedAs(8))));
    expect(whole.includes(Buffer.from("12345678"))).toBe(true);
  });
});
