// NixStore against the real Nix of the tests' world: the bulk queries post relies on, with .drv files kept apart.
import { basename } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatSha256Nix32 } from "../../src/lib/hash.js";
import type { CommandRunner } from "../../src/nix/command.js";
import { listStorePaths, NixStore, parseNixVersion } from "../../src/nix/store.js";
import { buildClosure, type Closure, closurePaths } from "../helpers/nix/closures.js";
import { createNixEnv, nixCommandRunner, run } from "../helpers/nix/env.js";
import { deleteStorePaths } from "../helpers/nix/store.js";
import { world } from "../helpers/nix/world.js";

const nixEnv = createNixEnv();
const calls: string[][] = [];
/** What each call printed on stderr: Nix warns there about flags and commands it deprecates. */
const stderrs: string[] = [];
const runNix = nixCommandRunner(nixEnv);
const runner: CommandRunner = async (program, args) => {
  calls.push([program, ...args]);
  const result = await runNix(program, args);
  stderrs.push(result.stderr);
  return result;
};
const store = new NixStore(runner, "/nix/store");
let closure: Closure;

beforeAll(async () => {
  closure = await buildClosure(nixEnv, { count: 3, label: "store", selfReference: true });
  // Asked once, as in setup; the counts of calls below are of the questions themselves.
  await store.version();
});
afterAll(async () => {
  await deleteStorePaths(nixEnv, closurePaths(closure));
  nixEnv.cleanup();
});

describe("NixStore", () => {
  it("reports Nix's version", async () => {
    expect(await store.version()).toMatch(/^2\.\d+/);
  });

  it("asks each question with the command and flags this Nix wants: no deprecation warning", async () => {
    stderrs.length = 0;
    const settings = await store.showConfig();
    expect(settings["narinfo-cache-negative-ttl"]).toBe(3600);
    await store.pathInfo([closure.top], { recursive: true });
    await store.pathInfo([closure.drvPaths[0] ?? ""]);
    // The local store trusts its user; Nix before 2.15 cannot say.
    expect(await store.trustsUser()).toBe(world.name === "host" ? undefined : true);
    expect(stderrs.filter((text) => /deprecat|will become an error/i.test(text))).toEqual([]);
  });

  it("lists the store's entries, built paths and .drv files included, but no .links", async () => {
    // Read in this process, as setup and post read it: in a newer Nix's world, its store is elsewhere here.
    const names = (await listStorePaths(world.hostPath(store.storeDir))).map((path) => basename(path));
    for (const path of [...closure.outPaths, ...closure.drvPaths]) expect(names).toContain(basename(path));
    expect(names).not.toContain(".links");
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
    // The failed bulk call (every version fails `--recursive` on an invalid path), the validity check, then the
    // closure of what is valid.
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

describe("NixStore's commands, by the version of Nix", () => {
  /** A Nix of `version` that answers every question; records what it was asked. */
  function nixOf(version: string, trusted?: unknown) {
    const asked: string[] = [];
    const run: CommandRunner = async (program, args) => {
      asked.push([program, ...args].join(" "));
      if (program === "nix-store") return { exitCode: 0, stdout: `nix-store (Nix) ${version}\n`, stderr: "" };
      if (args.includes("path-info")) return { exitCode: 0, stdout: "[]", stderr: "" };
      if (args.includes("store")) return { exitCode: 0, stdout: JSON.stringify({ trusted }), stderr: "" };
      return { exitCode: 0, stdout: "{}", stderr: "" };
    };
    return { asked, store: new NixStore(run, "/nix/store") };
  }

  it.each([
    ["2.8.0", "show-config --json", undefined, "path-info --json --recursive"],
    ["2.17.1", "show-config --json", "store ping --json", "path-info --json --recursive"],
    ["2.26.3", "config show --json", "store info --json", "path-info --json --recursive"],
    ["2.34.8", "config show --json", "store info --json", "path-info --json --json-format 1 --recursive"],
  ])("Nix %s: %s, %s, %s", async (version, config, trust, pathInfo) => {
    const { asked, store } = nixOf(version, 1);
    await store.showConfig();
    expect(await store.trustsUser()).toBe(trust === undefined ? undefined : true);
    await store.pathInfo(["/nix/store/00000000000000000000000000000000-x"], { recursive: true });
    const nixCommand = "nix --extra-experimental-features nix-command";
    expect(asked).toEqual([
      "nix-store --version",
      `${nixCommand} ${config}`,
      ...(trust === undefined ? [] : [`${nixCommand} ${trust}`]),
      `${nixCommand} --option substituters  ${pathInfo} /nix/store/00000000000000000000000000000000-x`,
    ]);
  });

  it.each([
    [1, true],
    [0, false],
    [true, true],
    [false, false],
    [undefined, undefined],
  ])(
    "reads the daemon's trust as 2.26 (1, 0) and 2.34 (true, false) print it: %s",
    async (printed, trusted) => {
      expect(await nixOf("2.34.8", printed).store.trustsUser()).toBe(trusted);
    },
  );

  it.each([
    ["nix-store (Nix) 2.8.0", "2.8.0"],
    ["nix (Nix) 2.34.8", "2.34.8"],
    ["nix (Determinate Nix 3.6.2) 2.29.0", "2.29.0"],
    ["nix-store (Lix, like Nix) 2.91.1", "2.18.0"],
  ])("takes '%s' for the commands of Nix %s", (printed, version) => {
    expect(parseNixVersion(printed)).toBe(version);
  });
});
