/**
 * What setup writes for Nix, judged by the job's own Nix. For every input whose value reaches NIX_CONFIG or netrc,
 * a table of values holding each C0 control character, DEL, space, '#', '=', '"' and '\' — as they are and
 * percent-encoded — goes through the inputs and setup as the action runs them. Each value is either refused with an
 * error naming its input (nothing written), or Nix reads back exactly what was meant: its configuration
 * (`show-config --json`; `config show --json` from 2.20) holds exactly the intended entries, and for netrc values
 * curl, through `nix-prefetch-url`, sends exactly the intended credentials to a server that wants them.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseInputs } from "../src/action/inputs.js";
import { createCache } from "../src/cache/create-cache.js";
import { InputError } from "../src/lib/errors.js";
import type { INPUT_NAMES } from "../src/lib/input-names.js";
import type { CommandRunner } from "../src/nix/command.js";
import { NixStore } from "../src/nix/store.js";
import { runSetup } from "../src/setup/run-setup.js";
import { RecordingLog, RecordingRunnerFiles } from "./helpers/fakes/ports.js";
import { createNixEnv, type NixEnv, nixCommandRunner, run } from "./helpers/nix/env.js";
import { world } from "./helpers/nix/world.js";
import { removeTree } from "./helpers/remove-tree.js";

const keys = path.join(import.meta.dirname, "fixtures/keys");
const [PUBLIC_NAME, PUBLIC_BASE64] = readFileSync(path.join(keys, "test-cache-1.pk"), "utf8").split(":");
const SECRET_BASE64 = readFileSync(path.join(keys, "test-cache-1.sk"), "utf8").split(":")[1];
const PUBLIC = `${PUBLIC_NAME}:${PUBLIC_BASE64}`;

/** The characters of the table, each also percent-encoded. */
const SPECIAL = [
  ...Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)),
  "\u007f",
  " ",
  "#",
  "=",
  '"',
  "\\",
];
const VARIANTS = [
  // Punctuation every reader keeps as it stands: each input must take it.
  { label: "-._~", text: "-._~" },
  ...SPECIAL.flatMap((c) => [
    { label: JSON.stringify(c), text: c },
    { label: percentEncoded(c), text: percentEncoded(c) },
  ]),
];

function percentEncoded(c: string): string {
  return `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
}

type Given = Partial<Record<keyof typeof INPUT_NAMES, string>>;

/** What a value was meant to become: entries of Nix's settings, and the credentials curl must send. */
interface Intended {
  readonly substituter: string;
  readonly trustedKey: string;
  /** Basic credentials (`login:password`) the server wants, for a cache with a token. */
  readonly credentials?: string;
}

interface Case {
  readonly input: keyof typeof INPUT_NAMES;
  readonly label: string;
  readonly given: Given;
  readonly intended: Intended;
}

let nix: NixEnv;
let scratch: string;
let server: Server;
let origin: string;
/** Per path prefix (`/case-<n>/`), the Authorization header the server wants; none: any request is fine. */
const wanted = new Map<string, string>();

beforeAll(async () => {
  nix = createNixEnv();
  scratch = mkdtempSync(path.join(tmpdir(), "nbca-setup-config-"));
  // A cache server that has nothing yet (404), and wants the case's credentials where it has any.
  server = createServer((request, response) => {
    const prefix = /^\/case-\d+\//.exec(request.url ?? "")?.[0] ?? "";
    const expected = wanted.get(prefix);
    if (expected !== undefined && request.headers.authorization !== expected)
      return response.writeHead(401).end();
    if (request.url?.endsWith("/probe")) return response.end("the credentials were right\n");
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  nix?.cleanup();
  if (scratch) removeTree(scratch);
});

/** Every case of the table: the value of one input with one special character in it. */
function cases(): Case[] {
  const all: Case[] = [];
  const fileCache = `file://${scratch}/cache`;
  // Each cache with credentials has a path of its own on the server, which wants that case's credentials there.
  let caches = 0;
  const newHttpCache = () => `${origin}/case-${caches++}`;
  for (const { label, text } of VARIANTS) {
    const httpCache = newHttpCache();
    const plain = { substituter: fileCache, trustedKey: PUBLIC };
    const add = (input: Case["input"], given: Given, intended: Intended) =>
      all.push({ input, label, given: { skipPush: "true", ...given }, intended });
    add(
      "cacheUrl",
      { cacheUrl: `${fileCache}/a${text}b`, publicKey: PUBLIC },
      { ...plain, substituter: `${fileCache}/a${text}b` },
    );
    add(
      "cacheUrl",
      { cacheUrl: `${httpCache}/a${text}b`, publicKey: PUBLIC },
      { ...plain, substituter: `${httpCache}/a${text}b` },
    );
    const keyName = `k${text}x`;
    add(
      "publicKey",
      { cacheUrl: fileCache, publicKey: `${keyName}:${PUBLIC_BASE64}` },
      {
        ...plain,
        trustedKey: `${keyName}:${PUBLIC_BASE64}`,
      },
    );
    add(
      "signingKey",
      { cacheUrl: fileCache, signingKey: `${keyName}:${SECRET_BASE64}` },
      {
        ...plain,
        trustedKey: `${keyName}:${PUBLIC_BASE64}`,
      },
    );
    for (const token of [`t${text}k`, `${text}tk`]) {
      const tokenCache = newHttpCache();
      add(
        "authToken",
        { cacheUrl: tokenCache, publicKey: PUBLIC, authToken: token },
        {
          substituter: tokenCache,
          trustedKey: PUBLIC,
          credentials: `:${token}`,
        },
      );
    }
    add(
      "authUser",
      { cacheUrl: httpCache, publicKey: PUBLIC, authToken: "tok", authUser: `u${text}x` },
      {
        substituter: httpCache,
        trustedKey: PUBLIC,
        credentials: `u${text}x:tok`,
      },
    );
  }
  return all;
}

/**
 * Setup's Nix and helpers for the cases: Nix's settings and the user's groups are asked once, as they are the same
 * for every case; what setup writes from them is what is judged.
 */
function setupPorts() {
  const runner = nixCommandRunner(nix);
  const answers = new Map<string, ReturnType<CommandRunner>>();
  const once: CommandRunner = (program, args) => {
    const key = [program, ...args].join(" ");
    if (!answers.has(key)) answers.set(key, runner(program, args));
    return answers.get(key) as ReturnType<CommandRunner>;
  };
  return { run: once, nix: new NixStore(once, "/nix/store") };
}

/** Runs the inputs and setup for one case; returns the NIX_CONFIG it exported, or the InputError it refused with. */
async function setUp(
  testCase: Case,
  ports: ReturnType<typeof setupPorts>,
): Promise<{ nixConfig?: string; refused?: InputError }> {
  let inputs: ReturnType<typeof parseInputs>;
  try {
    inputs = parseInputs((name) => testCase.given[name] ?? "");
  } catch (error) {
    if (error instanceof InputError) return { refused: error };
    throw error;
  }
  const runner = new RecordingRunnerFiles();
  const log = new RecordingLog();
  const tempDir = mkdtempSync(path.join(scratch, "temp-"));
  const env = { ...nix.env };
  await runSetup({
    config: inputs,
    nix: ports.nix,
    run: ports.run,
    openCache: () => createCache(inputs.cache, { tempDir, env, log }),
    log,
    runner,
    saveState: () => {},
    env,
    tempDir,
  });
  expect(log.of("warning"), `${testCase.input} ${testCase.label}`).toEqual([]);
  return { nixConfig: runner.exported.get("NIX_CONFIG") };
}

/** Nix's settings, by name, as the job's Nix reads them with `nixConfig` as NIX_CONFIG. */
async function nixSettings(nixConfig?: string): Promise<Record<string, unknown>> {
  const command = world.name === "host" ? ["show-config"] : ["config", "show"];
  const env = nixConfig === undefined ? nix.env : { ...nix.env, NIX_CONFIG: nixConfig };
  const shown = await run("nix", ["--extra-experimental-features", "nix-command", ...command, "--json"], env);
  expect(shown.exitCode, shown.stderr).toBe(0);
  const settings = JSON.parse(shown.stdout) as Record<string, { value: unknown }>;
  return Object.fromEntries(Object.entries(settings).map(([name, setting]) => [name, setting.value]));
}

/** Runs `work` on each item, a few at a time: each case is one Nix process. */
async function eachConcurrently<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await work(item);
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

describe("every value that reaches Nix's configuration or netrc", () => {
  it("is refused naming its input, or read back by Nix as exactly what was meant", async () => {
    const ports = setupPorts();
    const baseline = await nixSettings();
    const accepted: { testCase: Case; nixConfig: string; index: number }[] = [];
    const all = cases();
    for (const [index, testCase] of all.entries()) {
      const where = `${testCase.input} with ${testCase.label}`;
      const outcome = await setUp(testCase, ports);
      if (outcome.refused !== undefined) {
        expect(outcome.refused.input, `${where}: ${outcome.refused.message}`).toBe(testCase.input);
        for (const secret of [testCase.given.authToken, testCase.given.signingKey, SECRET_BASE64]) {
          if (secret !== undefined && testCase.input !== "cacheUrl") {
            expect(outcome.refused.message, where).not.toContain(secret);
          }
        }
        continue;
      }
      expect(outcome.nixConfig, where).toBeDefined();
      accepted.push({ testCase, nixConfig: outcome.nixConfig ?? "", index });
    }

    await eachConcurrently(accepted, async ({ testCase, nixConfig }) => {
      const where = `${testCase.input} with ${testCase.label}`;
      const settings = await nixSettings(nixConfig);
      const netrcFile = /^netrc-file = (.*)$/m.exec(nixConfig)?.[1];
      const expected = {
        ...baseline,
        substituters: [...(baseline.substituters as string[]), testCase.intended.substituter],
        "trusted-public-keys": [
          ...(baseline["trusted-public-keys"] as string[]),
          testCase.intended.trustedKey,
        ],
        "narinfo-cache-negative-ttl": 0,
        ...(netrcFile === undefined ? {} : { "netrc-file": netrcFile }),
      };
      expect(settings, where).toEqual(expected);
      if (testCase.intended.credentials === undefined) return;
      // curl reads the netrc setup wrote, and sends exactly the credentials meant.
      const prefix = `${new URL(testCase.intended.substituter).pathname}/`;
      wanted.set(prefix, `Basic ${Buffer.from(testCase.intended.credentials).toString("base64")}`);
      const fetched = await run("nix-prefetch-url", [`${testCase.intended.substituter}/probe`], {
        ...nix.env,
        NIX_CONFIG: nixConfig,
      });
      expect(fetched.exitCode, `${where}: ${fetched.stderr}`).toBe(0);
    });

    // The table is what it claims: each input had values refused and values accepted.
    const inputs = new Set(all.map((testCase) => testCase.input));
    for (const input of inputs) {
      const acceptedOf = accepted.filter(({ testCase }) => testCase.input === input).length;
      expect(acceptedOf, `${input}: accepted values`).toBeGreaterThan(0);
      expect(acceptedOf, `${input}: refused values`).toBeLessThan(
        all.filter((c) => c.input === input).length,
      );
    }
  });
});
