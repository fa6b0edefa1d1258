/**
 * A binary cache URL as every Nix reads it from its `substituters`: the same location in 2.8 and in newer versions,
 * and one entry of the list. The URL text is checked before a URL parser sees it, because WHATWG's parser drops
 * tabs and line breaks and turns `\` into `/` without a word. The host must come out of the parser as it was typed
 * (the parser rewrites some, such as `0x7f.1` or full-width dots, and netrc matches host names as text). The path
 * must too, and in the characters every Nix keeps: Nix 2.8 takes percent-encoding literally (`%20` names a
 * directory called `%20`) while newer Nix decodes it, and Nix 2.34 re-encodes characters that 2.8 keeps.
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

/**
 * `text` as a cache URL of one of `protocols` (`file:`, `http:`, `https:`) that every Nix reads alike; throws an
 * Error saying what is wrong otherwise (no value in it is secret).
 */
export function parseCacheUrl(text: string, protocols: readonly string[]): URL {
  const typed = urlTextProblem(text);
  if (typed !== undefined) throw new Error(typed);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error("is not a URL; expected file:///path or http(s)://host/path");
  }
  if (!protocols.includes(url.protocol)) {
    const schemes = protocols.map((protocol) => `${protocol}//`).join(", ");
    throw new Error(`unsupported scheme '${url.protocol}'; use ${schemes}`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new Error("must not contain credentials; pass them in `authToken`");
  }
  if (url.search !== "" || url.hash !== "")
    throw new Error("must not contain a query or fragment ('?' or '#')");
  const problem = url.protocol === "file:" ? fileProblem(text, url) : hostProblem(text, url);
  if (problem !== undefined) throw new Error(problem);
  const pathProblem = urlPathProblem(url);
  if (pathProblem !== undefined) throw new Error(pathProblem);
  return url;
}

function fileProblem(text: string, url: URL): string | undefined {
  if (!/^file:\/\/\/(?!\/)/i.test(text) || url.pathname.replace(/\/+$/, "") === "") {
    return "a file:// URL needs an absolute directory, as in file:///srv/cache";
  }
  return undefined;
}

/**
 * Why the host of an http(s) `url` is not one every reader takes as typed: DNS names of letters, digits and '-'
 * (no trailing dot), dotted IPv4 or bracketed IPv6, and what the URL parser made of it must be what was typed.
 */
function hostProblem(text: string, url: URL): string | undefined {
  const typed = /^[a-z][a-z0-9+.-]*:\/\/(\[[^\]]*\]|[^/:?#]*)/i.exec(text)?.[1] ?? "";
  const host = url.hostname;
  if (host.startsWith("["))
    return /^\[[0-9a-f:.]+\]$/.test(host) ? undefined : `its host ${host} is not an IPv6 address`;
  const label = "[a-z0-9](?:[a-z0-9-]*[a-z0-9])?";
  const named = new RegExp(`^${label}(?:\\.${label})*$`).test(host);
  const ipv4 = /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
  if ((!named && !ipv4) || typed.toLowerCase() !== host) {
    return `its host '${typed}' is not a plain host name (letters, digits, '-' and '.') or IP address`;
  }
  return undefined;
}

/** Why the path of a parsed `url` does not name one location for every Nix; undefined when it does. */
export function urlPathProblem(url: URL): string | undefined {
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
  if (odd !== null) {
    return `its path holds ${describeCharacter(odd[0])}, which not every Nix reads as it stands; ${PATH_RULE}`;
  }
  const problem = listEntryProblem(substituterUrl(url));
  return problem === undefined ? undefined : `Nix would not read it as one substituter: ${problem}`;
}

/** The URL as it is written into `substituters`, without trailing slashes (file:// as a plain path). */
export function substituterUrl(url: URL): string {
  const path = url.pathname.replace(/\/+$/, "");
  return url.protocol === "file:" ? `file://${path}` : `${url.origin}${path}`;
}
