/**
 * The key command: its keys are ones real Nix signs and verifies with, the Cachix form is what the action takes
 * for that cache, registration goes through the Cachix stand-in, and the bundle runs on its own under Node 24.
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseInputs } from "../src/action/inputs.js";
import { CachixCache } from "../src/cache/cachix/cachix-cache.js";
import { type KeyCommandIo, runKeyCommand } from "../src/keys/key-command.js";
import { parseSigningKey } from "../src/lib/signing.js";
import { NEVER, RecordingLog } from "./helpers/fakes/ports.js";
import { buildClosure, type Closure, closurePaths } from "./helpers/nix/closures.js";
import { createNixEnv, type NixEnv, run, runOk } from "./helpers/nix/env.js";
import { deleteStorePaths } from "./helpers/nix/store.js";
import { DIST_DIR, NODE24, spawnCollect } from "./helpers/runner.js";
import { type CachixStandIn, startCachixStandIn } from "./helpers/stand-ins/cachix-server.js";

const ADMIN_TOKEN = "personal-token-5d1e";

let server: CachixStandIn;
beforeAll(async () => {
  server = await startCachixStandIn({
    caches: [
      { name: "fresh", isPublic: true, signing: "self" },
      { name: "taken", isPublic: true, signing: "managed" },
    ],
    tokens: [{ token: ADMIN_TOKEN, grants: { fresh: "Admin", taken: "Admin" } }],
  });
});
afterAll(() => server?.stop());

async function keyCommand(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: KeyCommandIo = { env, out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await runKeyCommand(args, io);
  const field = (name: string) => out.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
  return { code, out, err: err.join("\n"), secret: field("secret-key"), public: field("public-key") };
}

describe("generate-keypair for a Cachix cache", () => {
  test("with an admin token: registers the public key, then prints a secret the action accepts for the cache", async () => {
    const result = await keyCommand(["generate-keypair", "fresh", "--host", server.url], {
      CACHIX_AUTH_TOKEN: ADMIN_TOKEN,
    });
    expect(result.code, result.err).toBe(0);
    expect(result.secret).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(server.cache("fresh").publicSigningKeys).toEqual([result.public]);
    expect(result.err).toMatch(/Registered/);
    expect(result.err).not.toContain(ADMIN_TOKEN);
    // setup takes it: the key's public half is the one the cache now lists.
    const given: Record<string, string> = {
      name: "fresh",
      cachixHost: server.url,
      authToken: ADMIN_TOKEN,
      signingKey: result.secret ?? "",
    };
    const inputs = parseInputs((name) => given[name] ?? "");
    if (inputs.cache.kind !== "cachix") throw new Error("not Cachix");
    const access = await new CachixCache(inputs.cache, new RecordingLog()).prepareRead("/nix/store", NEVER);
    expect(access.canPush).toBe(true);
  });

  test("a registration the service refuses: exit 1, and no secret is printed", async () => {
    const result = await keyCommand(["generate-keypair", "taken", "--host", server.url], {
      CACHIX_AUTH_TOKEN: ADMIN_TOKEN,
    });
    expect(result.code).toBe(1);
    expect(result.out).toEqual([]);
    expect(result.err).toMatch(/already exists/);
    expect(result.err).not.toContain(ADMIN_TOKEN);
  });

  test("without a token: the pair is printed and the command says it was not registered", async () => {
    const before = server.requests.length;
    const result = await keyCommand(["generate-keypair", "fresh", "--host", server.url]);
    expect(result.code).toBe(0);
    expect(result.public).toMatch(/^fresh\.cachix\.org-1:[A-Za-z0-9+/]{43}=$/);
    expect(result.err).toMatch(/NOT registered/);
    expect(server.requests.length).toBe(before);
  });

  test.each([[[]], [["--help"]]])("%j prints the usage", async (args) => {
    const result = await keyCommand(args);
    expect(result.code).toBe(0);
    expect(result.out.join("\n")).toMatch(/^Usage:/);
  });

  test.each([
    [["generate"]],
    [["generate-keypair"]],
    [["generate-keypair", "a", "b"]],
    [["generate-keypair", "bad_name!"]],
    [["generate-keypair", "c", "--host", "ftp://x"]],
    [["generate-keypair", "c", "--key-name", "k-1"]],
    [["generate-keypair", "--key-name", "has:colon"]],
    [["generate-keypair", "c", "--bogus"]],
  ])("bad usage %j: exit 2 and no key", async (args) => {
    const result = await keyCommand(args);
    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err).toMatch(/Usage:/);
  });
});

describe("generate-keypair --key-name, judged by real Nix", () => {
  let nix: NixEnv;
  let built: Closure | undefined;
  beforeAll(() => {
    nix = createNixEnv();
  });
  afterAll(async () => {
    if (built) await deleteStorePaths(nix, closurePaths(built));
    nix?.cleanup();
  });

  test("Nix signs a path with the secret and verifies it with the public key, and not with another", async () => {
    const result = await keyCommand(["generate-keypair", "--key-name", "cli-test-1"]);
    expect(result.code).toBe(0);
    const secret = result.secret ?? "";
    expect(parseSigningKey(secret).name).toBe("cli-test-1");
    const keyFile = path.join(nix.root, "cli-secret");
    writeFileSync(keyFile, secret);
    built = await buildClosure(nix, { count: 1, label: "keycmd" });
    const nixCommand = (args: string[]) =>
      run("nix", ["--extra-experimental-features", "nix-command", ...args], nix.env);
    await runOk(
      "nix",
      ["--extra-experimental-features", "nix-command", "store", "sign", "--key-file", keyFile, built.top],
      nix.env,
    );
    const verify = (key: string) =>
      nixCommand([
        "store",
        "verify",
        "--no-contents",
        "--sigs-needed",
        "1",
        "--option",
        "trusted-public-keys",
        key,
        built?.top ?? "",
      ]);
    const good = await verify(result.public ?? "");
    expect(good.exitCode, good.stderr).toBe(0);
    const other = await keyCommand(["generate-keypair", "--key-name", "cli-test-1"]);
    expect((await verify(other.public ?? "")).exitCode).not.toBe(0);
  });
});

describe("the bundle", () => {
  test("dist/cli/index.js runs on its own under Node 24", async () => {
    const script = path.join(DIST_DIR, "cli", "index.js");
    expect(existsSync(script), `${script}: add the cli entry to \`npm run bundle\``).toBe(true);
    const result = await spawnCollect(NODE24, [script, "generate-keypair", "--key-name", "bundle-1"], {
      env: { PATH: process.env.PATH ?? "" },
      timeoutMs: 30_000,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^secret-key: bundle-1:[A-Za-z0-9+/]{86}==\npublic-key: bundle-1:[A-Za-z0-9+/]{43}=\n$/,
    );
  });
});
