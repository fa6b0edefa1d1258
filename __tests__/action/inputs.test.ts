import { readFileSync } from "node:fs";
import { join } from "node:path";
import nacl from "tweetnacl";
import { describe, expect, it, test } from "vitest";
import { type InputReader, type Inputs, parseInputs } from "../../src/action/inputs.js";
import { InputError } from "../../src/lib/errors.js";
import type { INPUT_NAMES } from "../../src/lib/input-names.js";
import { formatPublicKey } from "../../src/lib/signing.js";

const keys = join(import.meta.dirname, "../fixtures/keys");
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

/** The key readers trust, as the file:// backend is given it. */
function publicKeyOf(inputs: Inputs): string | undefined {
  const key = inputs.cache.kind === "file" ? inputs.cache.publicKey : undefined;
  return key === undefined ? undefined : formatPublicKey(key);
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
    expect(inputs.cache.kind).toBe("file");
    expect(inputs.cache.kind === "file" && inputs.cache.url.href).toBe("file:///srv/nix-cache");
    expect(inputs.signingKey?.name).toBe("test-cache-1");
    expect(publicKeyOf(inputs)).toBe(PUBLIC);
    expect(inputs.upstreamKeys.map(formatPublicKey)).toEqual([UPSTREAM]);
    expect(inputs).toMatchObject({
      skipPush: false,
      strict: false,
      compressionLevel: 3,
      pushTimeoutMs: 1_800_000,
    });
  });

  it("chooses the backend by the inputs, and gives each only its own settings", () => {
    expect(parseInputs(reader({ cacheUrl: "https://cache.example/nix" })).cache).toEqual({
      kind: "http",
      url: new URL("https://cache.example/nix"),
      publicKey: undefined,
      authToken: undefined,
      authUser: undefined,
    });
    expect(parseInputs(reader({ name: "mycache", extraPullNames: "a b", skipPush: "true" })).cache).toEqual({
      kind: "cachix",
      name: "mycache",
      host: new URL("https://app.cachix.org"),
      extraPullNames: ["a", "b"],
      authToken: undefined,
      signedBy: undefined,
      push: false,
    });
    expect(parseInputs(reader({ cacheKey: "linux" })).cache).toEqual({
      kind: "actions-cache",
      key: "linux",
      sizeLimit: 4 * 2 ** 30,
      publicKey: undefined,
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
        name: "c",
        extraPullNames: "nix-community, another-cache\n third",
        pathsToPush: "/nix/store/a\n/nix/store/b  ./result",
        upstreamKeys: `${UPSTREAM}\n${PUBLIC}`,
      }),
    );
    expect(inputs.cache.kind === "cachix" && inputs.cache.extraPullNames).toEqual([
      "nix-community",
      "another-cache",
      "third",
    ]);
    expect(inputs.pathsToPush).toEqual(["/nix/store/a", "/nix/store/b", "./result"]);
    expect(inputs.upstreamKeys.map(formatPublicKey)).toEqual([UPSTREAM, PUBLIC]);
  });

  it("an s3:// cacheUrl gives the S3 backend its bucket, prefix, region and the job's AWS credentials", () => {
    const inputs = parseInputs(reader({ cacheUrl: "s3://my-cache/ci?region=eu-west-1" }), {
      AWS_ACCESS_KEY_ID: "AKIA-TEST",
      AWS_SECRET_ACCESS_KEY: "test-secret",
      AWS_SESSION_TOKEN: "test-token",
    });
    expect(inputs.cache).toEqual({
      kind: "s3",
      location: { bucket: "my-cache", prefix: "ci/", region: "eu-west-1", endpoint: undefined },
      credentials: { accessKeyId: "AKIA-TEST", secretAccessKey: "test-secret", sessionToken: "test-token" },
      credentialSource: "the environment",
      publicKey: undefined,
    });
    let error: unknown;
    try {
      parseInputs(reader({ cacheUrl: "s3://my-cache" }), { AWS_ACCESS_KEY_ID: "AKIA-ALONE" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect(String(error)).toMatch(/Input 'cacheUrl': its AWS credentials: .*must be given together/);
    expect(String(error)).not.toContain("AKIA-ALONE");
  });

  it.each([
    [{ cacheUrl: "file:///c", name: "x" }, "cacheUrl", /not both/],
    [{ cacheUrl: "not-a-url" }, "cacheUrl", /not a URL/],
    [{ cacheUrl: "not a url" }, "cacheUrl", /holds a space \(U\+0020\) at character 4/],
    [
      { cacheUrl: "ftp://bucket" },
      "cacheUrl",
      /unsupported scheme 'ftp:'; use file:\/\/, http:\/\/, https:\/\/, s3:\/\//,
    ],
    [{ cacheUrl: "s3://ab" }, "cacheUrl", /bucket name 'ab' must be 3 to 63/],
    [{ cacheUrl: "s3://my-cache?compression=xz" }, "cacheUrl", /'compression' is not one this action takes/],
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
    [{ name: "x", cachixHost: "https://app.cachix.org/?x=1" }, "cachixHost", /query/],
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
    expect(publicKeyOf(inputs)).toBe(PUBLIC);
  });
});

// cachix-api.md §6: a self-generated key (seed 00 01 … 1f), in Cachix's bare form, and its public half.
const CACHIX_SECRET =
  "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8DoQe/884Qvh1w3RjnS8CZZ+TWMJulDV8d3IZkElUxuA==";
const CACHIX_PUBLIC = "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=";
const TOKEN = "write-token-3f9a";

/** A key pair of another seed. */
function otherSecret(): string {
  return Buffer.from(nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(9)).secretKey).toString("base64");
}

describe("credentials from the environment, as the cachix CLI takes them", () => {
  const env = { CACHIX_AUTH_TOKEN: ` ${TOKEN}\n`, CACHIX_SIGNING_KEY: CACHIX_SECRET };
  const read = (given: Record<string, string>) => (name: string) =>
    ({ cachixHost: "https://app.cachix.org", ...given })[name] ?? "";

  test("fill empty inputs for a Cachix cache; the key gets the cache's key name", () => {
    const inputs = parseInputs(read({ name: "selfie" }), env);
    expect(inputs.cache.kind === "cachix" && inputs.cache.authToken).toBe(TOKEN);
    expect(inputs.signingKey?.name).toBe("selfie.cachix.org-1");
    expect(Buffer.from(inputs.signingKey?.publicKey.key ?? []).toString("base64")).toBe(CACHIX_PUBLIC);
  });

  test("an input wins over the environment", () => {
    const inputs = parseInputs(
      read({ name: "selfie", authToken: "from-input", signingKey: otherSecret() }),
      env,
    );
    expect(inputs.cache.kind === "cachix" && inputs.cache.authToken).toBe("from-input");
    expect(Buffer.from(inputs.signingKey?.secretKey ?? []).toString("base64")).toBe(otherSecret());
  });

  test("mean nothing to other caches", () => {
    const inputs = parseInputs(read({ cacheUrl: "https://cache.example" }), env);
    expect(inputs.cache.kind === "http" && inputs.cache.authToken).toBeUndefined();
    expect(inputs.signingKey).toBeUndefined();
  });
});

describe("inputs for an HTTP cache", () => {
  const parse = (inputs: Record<string, string>) => () => parseInputs((name) => inputs[name] ?? "");

  it("rejects a token with a line break inside, never echoing it, and a token with no cache to use it for", () => {
    const secret = "abc\ndef";
    const error = (() => {
      try {
        parse({ cacheUrl: "https://cache.example", authToken: secret })();
      } catch (caught) {
        return caught as InputError;
      }
    })();
    expect(error?.input).toBe("authToken");
    expect(error?.message).not.toContain("abc");
    expect(parse({ cacheUrl: "https://cache.example", authToken: "a\tb" })).toThrow(/Input 'authToken'/);
    // A space is kept: the netrc quotes it (see __tests__/nix/netrc.test.ts, where curl reads it back).
    expect(parse({ cacheUrl: "https://cache.example", authToken: "a b" })().cache).toMatchObject({
      authToken: "a b",
    });
    expect(parse({ authToken: "token" })).toThrow(/Input 'authToken': .*give `cacheUrl`/);
    expect(parse({ cacheUrl: "https://cache.example", authToken: "t", authUser: "a:b" })).toThrow(
      /Input 'authUser'/,
    );
    expect(
      parse({ cacheUrl: "https://cache.example", authToken: "t", authUser: "ci" })().cache,
    ).toMatchObject({
      authToken: "t",
      authUser: "ci",
    });
  });
});
