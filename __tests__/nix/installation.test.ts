import { describe, expect, it } from "vitest";
import { classifyInstallation, type InstallationFacts } from "../../src/nix/installation.js";

const facts = (overrides: Partial<InstallationFacts>): InstallationFacts => ({
  userName: "runner",
  groups: ["runner", "docker"],
  storeUri: "",
  stateDirWritable: false,
  daemonSocketExists: true,
  trustedUsers: ["root"],
  ...overrides,
});

describe("classifyInstallation", () => {
  it.each([
    [
      "root on a single-user install",
      { userName: "root", stateDirWritable: true, daemonSocketExists: false },
    ],
    ["the user who owns the store", { stateDirWritable: true, daemonSocketExists: false }],
    [
      "root beside a running daemon (Nix opens the store itself)",
      { userName: "root", stateDirWritable: true },
    ],
    ["an explicit local store", { storeUri: "local" }],
  ])("%s is single-user", (_what, overrides) => {
    expect(classifyInstallation(facts(overrides)).kind).toBe("single-user");
  });

  it.each([
    ["by name", ["root", "runner"]],
    ["by group", ["root", "@docker"]],
    ["by wildcard", ["*"]],
  ])("a daemon that trusts the user %s", (_how, trustedUsers) => {
    expect(classifyInstallation(facts({ trustedUsers })).kind).toBe("daemon-trusted");
  });

  it("goes through the daemon when NIX_REMOTE says so, even with a writable state directory", () => {
    const result = classifyInstallation(facts({ storeUri: "daemon", stateDirWritable: true }));
    expect(result).toEqual({
      kind: "daemon-untrusted",
      reason: "'runner' is not in the daemon's trusted-users (root)",
    });
    expect(classifyInstallation(facts({ storeUri: "unix:///run/nix.sock" })).kind).toBe("daemon-untrusted");
  });

  it("does not count a group the user is not in", () => {
    expect(classifyInstallation(facts({ trustedUsers: ["@wheel"] })).kind).toBe("daemon-untrusted");
  });
});
