// NixStore against the real Nix of this machine: the bulk queries post relies on, with .drv files kept apart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatSha256Nix32 } from "../../src/lib/hash.js";
import type { CommandRunner } from "../../src/nix/command.js";
import { listStorePaths, NixStore } from "../../src/nix/store.js";
import {
  buildClosure,
  type Closure,
  closurePaths,
  createNixEnv,
  deleteStorePaths,
  nixCommandRunner,
  run,
} from "../helpers/nix-env.js";

const nixEnv = createNixEnv();
const calls: string[][] = [];
const runNix = nixCommandRunner(nixEnv);
const runner: CommandRunner = (program, args) => {
  calls.push([program, ...args]);
  return runNix(program, args);
};
const store = new NixStore(runner, "/nix/store");
let closure: Closure;

beforeAll(async () => {
  closure = await buildClosure(nixEnv, { count: 3, label: "store", selfReference: true });
});
afterAll(async () => {
  await deleteStorePaths(nixEnv, closurePaths(closure));
  nixEnv.cleanup();
});

describe("NixStore", () => {
  it("reports Nix's version", async () => {
    expect(await store.version()).toMatch(/^2\.\d+/);
  });

  it("lists the store's entries, built paths and .drv files included, but no .links", async () => {
    const paths = await listStorePaths(store.storeDir);
    for (const path of [...closure.outPaths, ...closure.drvPaths]) expect(paths).toContain(path);
    expect(paths.some((path) => path.endsWith("/.links"))).toBe(false);
  });

  it("keeps only valid paths, in one call", async () => {
    calls.length = 0;
    const bogus = "/nix/store/00000000000000000000000000000000-never-built";
    expect(await store.filterValid([closure.top, bogus, ...closure.drvPaths])).toEqual([
      closure.top,
      ...closure.drvPaths,
    ]);
    expect(calls).toHaveLength(1);
  });

  it("describes whole closures in one call; a .drv root means the file itself, not its outputs", async () => {
    calls.length = 0;
    const outputs = await store.pathInfo([closure.top], { recursive: true });
    expect(calls).toHaveLength(1);
    expect([...outputs.keys()].sort()).toEqual([...closure.outPaths].sort());
    const drvClosure = [
      ...(await store.pathInfo([closure.drvPaths.at(-1) ?? ""], { recursive: true })).keys(),
    ];
    expect(drvClosure).toEqual(expect.arrayContaining([...closure.drvPaths]));
    expect(drvClosure.some((path) => closure.outPaths.includes(path))).toBe(false);
  });

  it("gives the closures of the valid paths in one call, asking validity first only when needed", async () => {
    const [base, middle] = closure.outPaths as [string, string, string];
    calls.length = 0;
    const all = await store.closureOfValid([middle]);
    expect(calls.map((call) => call[0])).toEqual(["nix"]);
    expect([...all.keys()].sort()).toEqual([base, middle].sort());

    calls.length = 0;
    const bogus = "/nix/store/00000000000000000000000000000000-never-built";
    const some = await store.closureOfValid([bogus, middle]);
    // The failed bulk call, the validity check, then the closure of what is valid.
    expect(calls.map((call) => call[0])).toEqual(["nix", "nix-store", "nix"]);
    expect([...some.keys()].sort()).toEqual([base, middle].sort());

    // A path that may still be in the making: validity first, never a realising call on it.
    calls.length = 0;
    const careful = await store.closureOfValid([bogus, middle], { mayBeInvalid: true });
    expect(calls.map((call) => call[0])).toEqual(["nix-store", "nix"]);
    expect(calls[1]).not.toContain(bogus);
    expect([...careful.keys()].sort()).toEqual([base, middle].sort());
  });

  it("describes outputs and .drv files in bulk, as Nix records them", async () => {
    calls.length = 0;
    const infos = await store.pathInfo([...closure.outPaths, ...closure.drvPaths]);
    expect(calls).toHaveLength(2);
    expect([...infos.keys()].sort()).toEqual([...closure.outPaths, ...closure.drvPaths].sort());
    const top = infos.get(closure.top);
    const narHash = (await run("nix-store", ["-q", "--hash", closure.top], nixEnv.env)).stdout.trim();
    const narSize = (await run("nix-store", ["-q", "--size", closure.top], nixEnv.env)).stdout.trim();
    expect(top?.narSize).toBe(Number(narSize));
    expect(formatSha256Nix32(top?.narHash ?? new Uint8Array(32))).toBe(narHash);
    expect(top?.references).toEqual(expect.arrayContaining([closure.top, closure.outPaths.at(-2)]));
    expect(top?.deriver).toBe(closure.drvPaths.at(-1));
    const drv = infos.get(closure.drvPaths[0] ?? "");
    expect(drv?.ca).toMatch(/^text:sha256:[0-9a-z]{52}$/);
  });
});
