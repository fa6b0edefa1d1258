import { describe, expect, it } from "vitest";
import { pusherEnvironment } from "../../src/push/pusher-process.js";

describe("pusherEnvironment", () => {
  it("withholds inputs, tokens, NODE_OPTIONS and setup's step files, and keeps what Nix and the runner need", () => {
    const env = pusherEnvironment({
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
    });
    expect(env).toEqual({
      PATH: "/usr/bin",
      HOME: "/home/runner",
      RUNNER_TEMP: "/tmp/runner",
      // The runner ends the job's processes by it, should post never run.
      RUNNER_TRACKING_ID: "github_1",
      NIX_REMOTE: "daemon",
    });
  });
});
