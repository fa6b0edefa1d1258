import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { type INPUT_NAMES, type InputReader, parseInputs } from "../src/inputs.js";
import { formatPublicKey } from "../src/lib/signing.js";

const keys = join(import.meta.dirname, "fixtures/keys");
const key = (file: string) => readFileSync(join(keys, file), "utf8");
const SECRET = key("test-cache-1.sk");
const PUBLIC = key("test-cache-1.pk");
const UPSTREAM = "cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY=";

/** Inputs as the runner sets them: action.yml defaults, then what the workflow gives. */
function reader(given: Partial<Record<keyof typeof INPUT_NAMES, string>>): InputReader {
  const defaults: Record<string, string> = {
    cachixHost: "https://app.cachix.org",
    skipPush: "false",
    skipAddingSubstituter: "false",
    upstreamKeys: UPSTREAM,
    compressionLevel: "3",
    pushTimeout: "30",
    strict: "false",
    cacheSizeLimit: "4G",
  };
  const values: Record<string, string> = { ...defaults, ...given };
  return (name) => values[name] ?? "";
}

function inputError(given: Parameters<typeof reader>[0]): InputError {
  try {
    parseInputs(reader(given));
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("parseInputs", () => {
  it("reads a file:// cache with a signing key, deriving the public key", () => {
    const inputs = parseInputs(reader({ cacheUrl: "file:///srv/nix-cache", signingKey: SECRET }));
    expect(inputs.target).toMatchObject({ kind: "url" });
    expect(inputs.target.kind === "url" && inputs.target.url.href).toBe("file:///srv/nix-cache");
    expect(inputs.signingKey?.name).toBe("test-cache-1");
    expect(inputs.publicKey && formatPublicKey(inputs.publicKey)).toBe(PUBLIC);
    expect(inputs.upstreamKeys.map(formatPublicKey)).toEqual([UPSTREAM]);
    expect(inputs).toMatchObject({
      skipPush: false,
      strict: false,
      compressionLevel: 3,
      pushTimeoutMs: 1_800_000,
    });
  });

  it("chooses Cachix for `name` and the Actions cache for neither", () => {
    expect(parseInputs(reader({ name: "mycache" })).target).toMatchObject({
      kind: "cachix",
      name: "mycache",
    });
    expect(parseInputs(reader({ cacheKey: "linux" })).target).toEqual({
      kind: "actions-cache",
      key: "linux",
      sizeLimit: 4 * 2 ** 30,
    });
  });

  it("accepts Cachix's bare base64 signing key only with `name`, naming it <name>.cachix.org-1", () => {
    const bare = SECRET.slice(SECRET.indexOf(":") + 1);
    expect(parseInputs(reader({ name: "mycache", signingKey: bare })).signingKey?.name).toBe(
      "mycache.cachix.org-1",
    );
    expect(inputError({ cacheUrl: "file:///c", signingKey: bare }).input).toBe("signingKey");
  });

  it("splits lists on whitespace (and commas for extraPullNames)", () => {
    const inputs = parseInputs(
      reader({
        cacheUrl: "file:///c",
        extraPullNames: "nix-community, another-cache\n third",
        pathsToPush: "/nix/store/a\n/nix/store/b  ./result",
        upstreamKeys: `${UPSTREAM}\n${PUBLIC}`,
      }),
    );
    expect(inputs.extraPullNames).toEqual(["nix-community", "another-cache", "third"]);
    expect(inputs.pathsToPush).toEqual(["/nix/store/a", "/nix/store/b", "./result"]);
    expect(inputs.upstreamKeys.map(formatPublicKey)).toEqual([UPSTREAM, PUBLIC]);
  });

  it.each([
    [{ cacheUrl: "file:///c", name: "x" }, "cacheUrl", /not both/],
    [{ cacheUrl: "not-a-url" }, "cacheUrl", /not a URL/],
    [{ cacheUrl: "not a url" }, "cacheUrl", /holds a space \(U\+0020\) at character 4/],
    [{ cacheUrl: "s3://bucket" }, "cacheUrl", /unsupported scheme 's3:'/],
    [{ cacheUrl: "https://user:pw@cache.example" }, "cacheUrl", /credentials/],
    [{ cacheUrl: "file://host/c" }, "cacheUrl", /absolute directory/],
    [{ name: "my cache" }, "name", /not a Cachix cache name/],
    [{ cacheUrl: "file:///c", skipPush: "yes" }, "skipPush", /true or false, got 'yes'/],
    [{ cacheUrl: "file:///c", strict: "1" }, "strict", /true or false/],
    [{ cacheUrl: "file:///c", compressionLevel: "22" }, "compressionLevel", /1 to 19, got '22'/],
    [{ cacheUrl: "file:///c", pushTimeout: "0" }, "pushTimeout", /minutes above 0/],
    [{ cacheUrl: "file:///c", pushTimeout: "soon" }, "pushTimeout", /minutes above 0.*got 'soon'/],
    [{ cacheUrl: "file:///c", pushFilter: "(unclosed" }, "pushFilter", /regular expression/],
    [{ cacheUrl: "file:///c", upstreamKeys: "no-colon" }, "upstreamKeys", /./],
    [{ cacheSizeLimit: "lots" }, "cacheSizeLimit", /4G or 500M/],
    [{ name: "x", cachixHost: "ftp://cachix" }, "cachixHost", /http/],
  ])("rejects %j naming %s", (given, input, message) => {
    const error = inputError(given);
    expect(error.input).toBe(input);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`'${input}'`);
  });

  it("rejects a malformed signing key without echoing any of it", () => {
    for (const bad of ["test-cache-1:c2hvcnQ=", SECRET.slice(0, -8), `${SECRET}extra`, "no-colon-here"]) {
      const error = inputError({ cacheUrl: "file:///c", signingKey: bad });
      expect(error.input).toBe("signingKey");
      const body = bad.slice(bad.indexOf(":") + 1);
      expect(error.message).not.toContain(body.slice(0, 12));
    }
  });

  it("rejects a public key that does not belong to the signing key, by bytes and by name", () => {
    const other = key("impostor.pk");
    expect(inputError({ cacheUrl: "file:///c", signingKey: SECRET, publicKey: other }).input).toBe(
      "publicKey",
    );
    const renamed = PUBLIC.replace("test-cache-1", "test-cache-2");
    expect(inputError({ cacheUrl: "file:///c", signingKey: SECRET, publicKey: renamed }).input).toBe(
      "publicKey",
    );
    const error = inputError({ cacheUrl: "file:///c", signingKey: SECRET, publicKey: other });
    expect(error.message).not.toContain(SECRET.slice(13, 30));
  });

  it("takes pushTimeout in minutes, fractions allowed", () => {
    expect(parseInputs(reader({ cacheUrl: "file:///c", pushTimeout: "0.5" })).pushTimeoutMs).toBe(30_000);
  });

  it("keeps a given public key when there is no signing key (read-only jobs)", () => {
    const inputs = parseInputs(reader({ cacheUrl: "file:///c", publicKey: PUBLIC }));
    expect(inputs.signingKey).toBeUndefined();
    expect(inputs.publicKey && formatPublicKey(inputs.publicKey)).toBe(PUBLIC);
  });
});
