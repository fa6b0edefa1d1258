import { describe, expect, it } from "vitest";
import { backgroundEnvironment } from "../../src/process/background.js";

describe("backgroundEnvironment", () => {
  it("passes only what Nix, TLS, proxies and the runner need: no input, token, secret of the step, NODE_OPTIONS or step file", () => {
    const env = backgroundEnvironment({
      PATH: "/usr/bin",
      HOME: "/home/runner",
      RUNNER_TEMP: "/tmp/runner",
      RUNNER_TRACKING_ID: "github_1",
      NIX_REMOTE: "daemon",
      INPUT_SIGNINGKEY: "cache-1:secret",
      INPUT_AUTHTOKEN: "token",
      STATE_nix_binary_cache: "{}",
      CACHIX_AUTH_TOKEN: "token",
      CACHIX_SIGNING_KEY: "key",
      ACTIONS_RUNTIME_TOKEN: "token",
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: "token",
      NODE_OPTIONS: "--inspect",
      GITHUB_STATE: "/tmp/state",
      GITHUB_OUTPUT: "/tmp/output",
      GITHUB_STEP_SUMMARY: "/tmp/summary",
      GITHUB_TOKEN: "token",
      AWS_SECRET_ACCESS_KEY: "a secret the workflow set on the step",
      LC_ALL: "C.UTF-8",
      HTTPS_PROXY: "http://proxy:3128",
    });
    expect(env).toEqual({
      PATH: "/usr/bin",
      HOME: "/home/runner",
      RUNNER_TEMP: "/tmp/runner",
      // The runner ends the job's processes by it, should post never run.
      RUNNER_TRACKING_ID: "github_1",
      NIX_REMOTE: "daemon",
      LC_ALL: "C.UTF-8",
      HTTPS_PROXY: "http://proxy:3128",
    });
  });
});
