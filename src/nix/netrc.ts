/**
 * netrc files, as curl (and so Nix) reads them: tokens separated by white space, a token in double quotes may hold
 * anything (with `\"`, `\\`, `\n`, `\r`, `\t` escapes; curl 7.84 and later), `#` at the start of a token ends the line
 * (curl 8 only at the start of a line), `machine <host>` starts an entry, `default` is a catch-all,
 * `login`/`password`/`account` belong to an entry, and `macdef` swallows lines up to a blank line. Merging keeps
 * every other machine's entry, so a user's existing credentials keep working.
 */
import { findCharacter, isControl } from "../lib/characters.js";

/** Credentials Nix sends to a host (netrc), e.g. for a private cache. The password is a secret. */
export interface NetrcEntry {
  readonly machine: string;
  readonly login?: string;
  readonly password: string;
}

/** The netrc entry Nix (curl) uses for `url`: netrc matches the host name alone, no port, no IPv6 brackets. */
export function netrcEntryFor(url: URL, password: string, login?: string): NetrcEntry {
  return { machine: url.hostname.replace(/^\[(.*)\]$/, "$1"), login, password };
}

/** The header curl sends for a netrc entry: Basic `login` (empty without one), a colon, `password`. */
export function netrcAuthorization(entry: NetrcEntry): string {
  return `Basic ${Buffer.from(`${entry.login ?? ""}:${entry.password}`).toString("base64")}`;
}

/** curl 7.88 reads a netrc line into 4,096 bytes (curl 8: a token into 4,096): room for `password "…"`. */
const MAX_VALUE_BYTES = 4000;

/**
 * Why `value` cannot be written so that curl reads it back as itself; undefined when it can. Control characters
 * are refused: a secret holding one was saved wrongly, and curl 7 and 8 do not agree on all of them.
 */
export function netrcValueProblem(value: string): string | undefined {
  if (value === "") return "it is empty";
  if (findCharacter(value, isControl) !== undefined) {
    return "it holds a line break, tab or other control character; check how the secret was saved";
  }
  if (Buffer.byteLength(renderValue(value)) > MAX_VALUE_BYTES) {
    return `it is longer than curl reads from a netrc line (${MAX_VALUE_BYTES} bytes)`;
  }
  return undefined;
}

/**
 * A value as a netrc token: bare when it is plain printable ASCII, as every curl reads it; otherwise quoted, which
 * curl 7.84 and later read back exactly (spaces, `"`, `\`, a leading `#`, and UTF-8, which curl 8 ends a bare
 * token at).
 */
function renderValue(value: string): string {
  if (/^[\u0021-\u007e]+$/.test(value) && !/["\\#]/.test(value)) return value;
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** `existing` with the entries for our machines replaced by `ours`; other entries and `default` kept as they were. */
export function mergeNetrc(existing: string, ours: readonly NetrcEntry[]): string {
  // curl compares keywords and host names without regard to case.
  const replaced = new Set(ours.map((entry) => entry.machine.toLowerCase()));
  const kept = splitBlocks(existing).filter(
    (block) => block.machine === undefined || !replaced.has(block.machine.toLowerCase()),
  );
  // curl stops at `default`, so it must stay last: our entries go before it.
  const defaults = kept.filter((block) => block.isDefault);
  const others = kept.filter((block) => !block.isDefault && block.text.trim() !== "");
  const parts = [...others.map(tidy), ...ours.map(renderEntry), ...defaults.map(tidy)];
  return parts.length === 0 ? "" : `${parts.join("\n")}\n`;
}

/** An entry's text without surrounding white space, but for the blank line that must end a macro it holds. */
function tidy(block: Block): string {
  const text = block.text.trim();
  return /(^|\s)macdef\s/.test(text) ? `${text}\n` : text;
}

function renderEntry(entry: NetrcEntry): string {
  const values = { machine: entry.machine, login: entry.login, password: entry.password };
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    // Checked where the value came in, naming the input; this is the last line of defence and never shows it.
    const problem = netrcValueProblem(value);
    if (problem !== undefined) throw new Error(`refusing to write a netrc ${name}: ${problem}`);
  }
  const login = entry.login === undefined ? "" : `\nlogin ${renderValue(entry.login)}`;
  return `machine ${renderValue(entry.machine)}${login}\npassword ${renderValue(entry.password)}`;
}

interface Block {
  readonly machine?: string;
  readonly isDefault: boolean;
  readonly text: string;
}

/** Splits a netrc into its entries, keeping each entry's original text. */
function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: { machine?: string; isDefault: boolean; start: number } | undefined;
  const close = (end: number) => {
    if (current !== undefined) blocks.push({ ...current, text: text.slice(current.start, end) });
    else if (end > 0) blocks.push({ isDefault: false, text: text.slice(0, end) });
  };
  const tokens = netrcTokens(text);
  for (let token = tokens.next(); !token.done; token = tokens.next()) {
    const { start } = token.value;
    const keyword = token.value.value.toLowerCase();
    if (keyword === "machine" || keyword === "default") {
      close(start);
      const machine = keyword === "machine" ? tokens.next().value?.value : undefined;
      current = { machine, isDefault: keyword === "default", start };
    }
  }
  close(text.length);
  return blocks;
}

/** The tokens of a netrc with where each starts, read as curl reads them; a macro's body is skipped. */
function* netrcTokens(text: string): Generator<{ value: string; start: number }> {
  let at = 0;
  while (at < text.length) {
    const c = text[at] as string;
    if (/\s/.test(c)) {
      at++;
    } else if (c === "#") {
      at = lineEnd(text, at);
    } else if (c === '"') {
      let value = "";
      let end = at + 1;
      for (; end < text.length && text[end] !== '"'; end++) {
        let char = text[end] as string;
        if (char === "\\" && end + 1 < text.length) {
          char = text[++end] as string;
          char = ({ n: "\n", r: "\r", t: "\t" } as Record<string, string>)[char] ?? char;
        }
        value += char;
      }
      yield { value, start: at };
      at = end + 1;
    } else {
      const end = text.slice(at).search(/\s/);
      const value = end === -1 ? text.slice(at) : text.slice(at, at + end);
      yield { value, start: at };
      at += value.length;
      if (value.toLowerCase() === "macdef") {
        // A macro runs from the next line to the first blank line; its body is not tokens.
        const blank = text.indexOf("\n\n", at);
        at = blank === -1 ? text.length : blank + 2;
      }
    }
  }
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf("\n", from);
  return end === -1 ? text.length : end;
}
