import { NIX_BASE32_ALPHABET } from "./nix-base32.js";

/** The store directory every Nix uses unless it was built or configured otherwise. */
export const DEFAULT_STORE_DIR = "/nix/store";

/** A store path split into the parts Nix names. */
export interface StorePath {
  /** `<storeDir>/<basename>` */
  full: string;
  /** `<hashPart>-<name>` */
  basename: string;
  /** The 32 nix32 characters that key the path in a binary cache (`<hashPart>.narinfo`). */
  hashPart: string;
  name: string;
}

const HASH_PART_LENGTH = 32;
// Nix caps names so that the whole basename fits in a 255-byte file name with room for suffixes.
const MAX_NAME_LENGTH = 211;
const BASENAME = new RegExp(`^[${NIX_BASE32_ALPHABET}]{${HASH_PART_LENGTH}}-[A-Za-z0-9+\\-._?=]+$`);

function basenameProblem(basename: string): string | undefined {
  if (!BASENAME.test(basename)) {
    return "expected <32 nix32 characters>-<name> with a name made of A-Z a-z 0-9 + - . _ ? =";
  }
  const name = basename.slice(HASH_PART_LENGTH + 1);
  if (name.startsWith(".")) return "the name must not start with '.'";
  if (name.length > MAX_NAME_LENGTH) return `the name is longer than ${MAX_NAME_LENGTH} characters`;
  return undefined;
}

/** Whether a directory entry of the store is a store path (and not `.links`, a lock file, …). */
export function isStorePathBasename(basename: string): boolean {
  return basenameProblem(basename) === undefined;
}

/** Parses `<storeDir>/<hash>-<name>`; throws on anything else, including paths inside a store path. */
export function parseStorePath(path: string, storeDir = DEFAULT_STORE_DIR): StorePath {
  const prefix = `${storeDir}/`;
  if (!path.startsWith(prefix)) {
    throw new Error(`${JSON.stringify(path)} is not a store path: it is not directly in ${storeDir}`);
  }
  const basename = path.slice(prefix.length);
  const problem = basename.includes("/") ? "it lies inside a store path" : basenameProblem(basename);
  if (problem !== undefined) {
    throw new Error(`${JSON.stringify(path)} is not a store path: ${problem}`);
  }
  return {
    full: path,
    basename,
    hashPart: basename.slice(0, HASH_PART_LENGTH),
    name: basename.slice(HASH_PART_LENGTH + 1),
  };
}

/** The hash part of a full store path or a bare basename; throws if it is neither. */
export function hashPartOf(pathOrBasename: string): string {
  const basename = pathOrBasename.slice(pathOrBasename.lastIndexOf("/") + 1);
  const problem = basenameProblem(basename);
  if (problem !== undefined) {
    throw new Error(`${JSON.stringify(pathOrBasename)} is not a store path: ${problem}`);
  }
  return basename.slice(0, HASH_PART_LENGTH);
}
