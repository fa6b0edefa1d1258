/**
 * netrc files, as curl (and so Nix) reads them: whitespace-separated tokens, `machine <host>` starting an entry,
 * `default` a catch-all, `login`/`password`/`account` inside an entry, and `macdef` swallowing lines up to a blank
 * line. Merging keeps every other machine's entry, so a user's existing credentials keep working.
 */
import type { NetrcEntry } from "../cache/cache.js";

/** The entries of a netrc file, `default` excluded (it is kept as text by mergeNetrc). */
export function parseNetrc(text: string): NetrcEntry[] {
  const entries: NetrcEntry[] = [];
  for (const block of splitBlocks(text)) {
    if (block.machine === undefined) continue;
    const fields = fieldsOf(block.tokens);
    entries.push({ machine: block.machine, login: fields.login, password: fields.password ?? "" });
  }
  return entries;
}

/** `existing` with the entries for our machines replaced by `ours`; other entries and `default` kept as they were. */
export function mergeNetrc(existing: string, ours: readonly NetrcEntry[]): string {
  const replaced = new Set(ours.map((entry) => entry.machine));
  const kept = splitBlocks(existing).filter(
    (block) => block.machine === undefined || !replaced.has(block.machine),
  );
  // curl stops at `default`, so it must stay last: our entries go before it.
  const defaults = kept.filter((block) => block.isDefault);
  const others = kept.filter((block) => !block.isDefault && block.text.trim() !== "");
  const parts = [
    ...others.map((block) => block.text.trim()),
    ...ours.map(renderEntry),
    ...defaults.map((b) => b.text.trim()),
  ];
  return parts.length === 0 ? "" : `${parts.join("\n")}\n`;
}

function renderEntry(entry: NetrcEntry): string {
  for (const value of [entry.machine, entry.login, entry.password]) {
    // A token with white space would split into two; netrc has no quoting that curl 7 understands everywhere.
    if (value !== undefined && /\s/.test(value)) throw new Error("netrc values cannot contain white space");
  }
  const login = entry.login === undefined ? "" : `\nlogin ${entry.login}`;
  return `machine ${entry.machine}${login}\npassword ${entry.password}`;
}

interface Block {
  readonly machine?: string;
  readonly isDefault: boolean;
  readonly tokens: string[];
  readonly text: string;
}

/** Splits a netrc into its entries, keeping each entry's original text. */
function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const tokenPattern = /\S+/g;
  let current: { machine?: string; isDefault: boolean; tokens: string[]; start: number } | undefined;
  const leading = 0;
  const close = (end: number) => {
    if (current !== undefined) {
      const { machine, isDefault, tokens, start } = current;
      blocks.push({ machine, isDefault, tokens, text: text.slice(start, end) });
    } else if (end > leading) {
      blocks.push({ isDefault: false, tokens: [], text: text.slice(leading, end) });
    }
  };
  for (let match = tokenPattern.exec(text); match !== null; match = tokenPattern.exec(text)) {
    const token = match[0];
    if (token === "machine" || token === "default") {
      close(match.index);
      const machine = token === "machine" ? tokenPattern.exec(text)?.[0] : undefined;
      current = { machine, isDefault: token === "default", tokens: [], start: match.index };
    } else if (token === "macdef") {
      // A macro runs to the next blank line; its body is not tokens.
      const end = text.indexOf("\n\n", match.index);
      tokenPattern.lastIndex = end === -1 ? text.length : end;
    } else {
      current?.tokens.push(token);
    }
  }
  close(text.length);
  return blocks;
}

function fieldsOf(tokens: readonly string[]): { login?: string; password?: string } {
  const fields: { login?: string; password?: string } = {};
  for (let i = 0; i < tokens.length - 1; i += 2) {
    const key = tokens[i];
    if (key === "login" || key === "password") fields[key] = tokens[i + 1];
  }
  return fields;
}
