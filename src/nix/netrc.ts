/**
 * netrc files, as curl (and so Nix) reads them: whitespace-separated tokens, `machine <host>` starting an entry,
 * `default` a catch-all, `login`/`password`/`account` inside an entry, and `macdef` swallowing lines up to a blank
 * line. Merging keeps every other machine's entry, so a user's existing credentials keep working.
 */
import type { NetrcEntry } from "../cache/cache.js";

/** `existing` with the entries for our machines replaced by `ours`; other entries and `default` kept as they were. */
export function mergeNetrc(existing: string, ours: readonly NetrcEntry[]): string {
  const replaced = new Set(ours.map((entry) => entry.machine));
  const kept = splitBlocks(existing).filter(
    (block) => block.machine === undefined || !replaced.has(block.machine),
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
  readonly text: string;
}

/** Splits a netrc into its entries, keeping each entry's original text. */
function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const tokenPattern = /\S+/g;
  let current: { machine?: string; isDefault: boolean; start: number } | undefined;
  const close = (end: number) => {
    if (current !== undefined) {
      const { machine, isDefault, start } = current;
      blocks.push({ machine, isDefault, text: text.slice(start, end) });
    } else if (end > 0) {
      blocks.push({ isDefault: false, text: text.slice(0, end) });
    }
  };
  for (let match = tokenPattern.exec(text); match !== null; match = tokenPattern.exec(text)) {
    const token = match[0];
    if (token === "machine" || token === "default") {
      close(match.index);
      const machine = token === "machine" ? tokenPattern.exec(text)?.[0] : undefined;
      current = { machine, isDefault: token === "default", start: match.index };
    } else if (token === "macdef") {
      // A macro runs to the next blank line; its body is not tokens.
      const end = text.indexOf("\n\n", match.index);
      tokenPattern.lastIndex = end === -1 ? text.length : end;
    }
  }
  close(text.length);
  return blocks;
}
