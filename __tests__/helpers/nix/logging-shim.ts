/** A PATH shim that logs every call of a Nix tool, then runs the real one (found on the PATH by which()). */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { removeTree } from "../remove-tree.js";

/** One call of a Nix tool, as the shim logged it. */
interface NixCall {
  readonly tool: string;
  readonly args: readonly string[];
}

export interface NixShim {
  /** Put this first on PATH. */
  readonly dir: string;
  /** Every call logged so far, oldest first. */
  calls(): NixCall[];
  cleanup(): void;
}

const NIX_TOOLS = [
  "nix",
  "nix-store",
  "nix-build",
  "nix-instantiate",
  "nix-env",
  "nix-hash",
  "nix-shell",
  "nix-channel",
  "nix-collect-garbage",
  "nix-copy-closure",
  "nix-prefetch-url",
  "nix-daemon",
];

/**
 * A directory of wrappers named like the Nix tools: each records its argv, then execs the real tool found on the
 * PATH the tests were started with (argv[0] keeps the tool's name: Nix's multi-call binary dispatches on it). Each
 * call writes its own log file, so concurrent calls cannot interleave their records.
 */
export function createNixShim(): NixShim {
  const root = mkdtempSync(path.join(tmpdir(), "nbca-shim-"));
  const dir = path.join(root, "bin");
  const logDir = path.join(root, "calls");
  mkdirSync(dir);
  mkdirSync(logDir);
  const bash = which("bash");
  if (!bash) throw new Error("bash not found on PATH");
  let found = 0;
  for (const tool of NIX_TOOLS) {
    const real = which(tool);
    if (!real) continue;
    found++;
    const script = `#!${bash}
# Logs this call, then runs the real ${tool}.
printf '%s\\0' ${shellQuote(tool)} "$@" > ${shellQuote(logDir)}/"$(date +%s%N)-$$"
exec ${shellQuote(real)} "$@"
`;
    const file = path.join(dir, tool);
    writeFileSync(file, script);
    chmodSync(file, 0o755);
  }
  if (found === 0) throw new Error("no Nix tool found on PATH");
  return {
    dir,
    calls: () =>
      readdirSync(logDir)
        .sort(byTimestampName)
        .map((name) => {
          const fields = readFileSync(path.join(logDir, name), "utf8").split("\0");
          fields.pop(); // the record ends with a NUL
          const [tool = "", ...args] = fields;
          return { tool, args };
        }),
    cleanup: () => removeTree(root),
  };
}

/** Orders `<nanoseconds>-<pid>` names by time (numerically: the digit counts could differ). */
function byTimestampName(a: string, b: string): number {
  const ta = BigInt(a.split("-")[0] ?? "0");
  const tb = BigInt(b.split("-")[0] ?? "0");
  return ta < tb ? -1 : ta > tb ? 1 : a.localeCompare(b);
}

/** The first executable named `name` on the test process's PATH. */
export function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir === "") continue;
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
