/** Finding and naming the characters a value must not hold (without control characters in regular expressions). */

/** A C0 control character or DEL. */
export function isControl(code: number): boolean {
  return code < 0x20 || code === 0x7f;
}

/** The first character of `text` for whose code `unwanted` is true, with its index; undefined when there is none. */
export function findCharacter(
  text: string,
  unwanted: (code: number) => boolean,
): { readonly char: string; readonly index: number } | undefined {
  for (let index = 0; index < text.length; index++) {
    if (unwanted(text.charCodeAt(index))) return { char: text.charAt(index), index };
  }
  return undefined;
}

/** `c` for a message: printable characters quoted, others by name and code point. */
export function describeCharacter(c: string): string {
  const names: Record<string, string> = {
    "\t": "a tab",
    "\n": "a line feed",
    "\r": "a carriage return",
    " ": "a space",
    "\u007f": "a DEL character",
  };
  const code = c.codePointAt(0) ?? 0;
  const point = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  const name = names[c];
  if (name !== undefined) return `${name} (${point})`;
  return isControl(code) || (code >= 0x80 && code <= 0x9f) ? `a control character (${point})` : `'${c}'`;
}
