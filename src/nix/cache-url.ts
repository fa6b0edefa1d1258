/**
 * A binary cache URL as every Nix reads it from its `substituters`: the same location in 2.8 and in newer versions,
 * and one entry of the list. The URL text is checked before a URL parser sees it, because WHATWG's parser drops
 * tabs and line breaks and turns `\` into `/` without a word; the path afterwards, because Nix 2.8 takes
 * percent-encoding literally (`%20` names a directory called `%20`) while newer Nix decodes it, Nix's URL grammar
 * accepts fewer characters than WHATWG leaves unencoded, and Nix 2.34 re-encodes some that 2.8 keeps.
 */
import { describeCharacter, findCharacter, isControl } from "../lib/characters.js";
import { listEntryProblem } from "./config.js";

/** Why `text` cannot be a cache URL as typed, before parsing; undefined when it can. */
export function urlTextProblem(text: string): string | undefined {
  const bad = findCharacter(text, (code) => isControl(code) || code === 0x20 || code === 0x5c);
  if (bad === undefined) return undefined;
  const c = bad.char;
  const why =
    c === "\\"
      ? "which URL parsers read as '/'"
      : c === " "
        ? "which ends the URL where Nix reads it"
        : "which URL parsers drop or refuse";
  return `it holds ${describeCharacter(c)} at character ${bad.index + 1}, ${why}`;
}

const PATH_RULE = "use a path of letters, digits and - . _ ~ : @ /";

/** Why the parsed `url` (file:, http: or https:) does not name one location for every Nix; undefined when it does. */
export function urlPathProblem(text: string, url: URL): string | undefined {
  if (url.protocol === "file:" && !/^file:\/\/\/(?!\/)/i.test(text)) {
    return "a file:// URL needs an absolute directory, as in file:///srv/cache";
  }
  const encoded = /%([0-9A-Fa-f]{2})/.exec(url.pathname);
  if (encoded !== null) {
    const decoded = String.fromCharCode(Number.parseInt(encoded[1] ?? "", 16));
    return (
      `its path holds ${encoded[0]} (${describeCharacter(decoded)}, or a character the URL parser encoded): ` +
      `Nix 2.8 reads percent-encoding as it stands and newer Nix decodes it, so they would look in different places; ${PATH_RULE}`
    );
  }
  // What every Nix keeps as typed: 2.8 takes RFC 3986's pchar, and 2.34 percent-encodes its sub-delims (! $ & ' ( )
  // * + , ; =) when it reads them, which changes the URL's text and, for a server, may change its meaning.
  const odd = /[^A-Za-z0-9\-._~:@/]/.exec(url.pathname);
  if (odd !== null)
    return `its path holds ${describeCharacter(odd[0])}, which not every Nix reads as it stands; ${PATH_RULE}`;
  if (url.protocol === "file:" && url.pathname.replace(/\/+$/, "") === "") {
    return "a file:// URL needs a directory other than /, as in file:///srv/cache";
  }
  const problem = listEntryProblem(substituterUrl(url));
  return problem === undefined ? undefined : `Nix would not read it as one substituter: ${problem}`;
}

/** The URL as it is written into `substituters`, without trailing slashes (file:// as a plain path). */
export function substituterUrl(url: URL): string {
  const path = url.pathname.replace(/\/+$/, "");
  return url.protocol === "file:" ? `file://${path}` : `${url.origin}${path}`;
}

/**
 * `text` as an http(s):// or file:// cache URL that every Nix reads alike; throws with the problem otherwise. For
 * URLs that come from elsewhere than the inputs (a cache service's answer), whose checks say which input is wrong.
 */
export function parseCacheUrl(text: string, protocols: readonly string[]): URL {
  const before = urlTextProblem(text);
  if (before !== undefined) throw new Error(`'${JSON.stringify(text).slice(1, -1)}' ${before}`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`'${text}' is not a URL`);
  }
  if (!protocols.includes(url.protocol)) throw new Error(`'${text}' is not a ${protocols.join(" or ")} URL`);
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    throw new Error(`'${text}' has credentials, a query or a fragment`);
  }
  const problem = urlPathProblem(text, url);
  if (problem !== undefined) throw new Error(`'${text}': ${problem}`);
  return url;
}
