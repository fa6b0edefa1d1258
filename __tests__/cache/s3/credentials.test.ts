import { describe, expect, it } from "vitest";
import { findCredentials } from "../../../src/cache/s3/credentials.js";

const files =
  (map: Record<string, string>) =>
  (path: string): string | undefined =>
    map[path];

describe("AWS credentials", () => {
  it("come from the environment first, with the session token of OIDC", () => {
    const found = findCredentials({
      env: {
        AWS_ACCESS_KEY_ID: "AKIA1",
        AWS_SECRET_ACCESS_KEY: "s3cret",
        AWS_SESSION_TOKEN: "tok",
        HOME: "/h",
      },
      readFile: files({
        "/h/.aws/credentials": "[default]\naws_access_key_id = OTHER\naws_secret_access_key = x\n",
      }),
    });
    expect(found).toEqual({
      credentials: { accessKeyId: "AKIA1", secretAccessKey: "s3cret", sessionToken: "tok" },
      source: "the environment",
    });
  });

  it("else from a profile's static keys in the shared files", () => {
    const readFile = files({
      "/h/.aws/credentials":
        "# comment\n[default]\naws_access_key_id=D\naws_secret_access_key=dd\n\n[ci]\naws_access_key_id = C\naws_secret_access_key = cc\naws_session_token = t\n",
      "/h/.aws/config": "[profile cfg]\naws_access_key_id = F\naws_secret_access_key = ff\n",
    });
    expect(findCredentials({ env: { HOME: "/h" }, readFile })?.credentials.accessKeyId).toBe("D");
    expect(findCredentials({ env: { HOME: "/h", AWS_PROFILE: "ci" }, readFile })?.credentials).toEqual({
      accessKeyId: "C",
      secretAccessKey: "cc",
      sessionToken: "t",
    });
    expect(findCredentials({ env: { HOME: "/h" }, readFile, profile: "cfg" })?.source).toBe(
      "profile 'cfg' in /h/.aws/config",
    );
  });

  it("none at all is no error (a public bucket is read without them); a named profile without keys is", () => {
    expect(findCredentials({ env: { HOME: "/h" }, readFile: files({}) })).toBeUndefined();
    expect(() => findCredentials({ env: { HOME: "/h" }, readFile: files({}), profile: "gone" })).toThrow(
      /profile 'gone' has no keys/,
    );
  });

  it("refuses profiles that run a program or sign in through SSO, naming the setting and never a value", () => {
    for (const setting of [
      "credential_process = /bin/get-secret",
      "sso_start_url = https://x",
      "role_arn = arn:aws:iam::1:role/r",
    ]) {
      const readFile = files({ "/h/.aws/config": `[profile p]\n${setting}\n` });
      expect(() => findCredentials({ env: { HOME: "/h" }, readFile, profile: "p" })).toThrow(
        new RegExp(`uses ${setting.split(" ")[0]}, which this action does not run or follow`),
      );
    }
  });

  it("half a key pair is refused, without quoting either half", () => {
    const error = (() => {
      try {
        findCredentials({ env: { AWS_ACCESS_KEY_ID: "AKIA-ONLY" }, readFile: files({}) });
      } catch (caught) {
        return String(caught);
      }
      return "";
    })();
    expect(error).toMatch(/must be given together/);
    expect(error).not.toContain("AKIA-ONLY");
  });
});
