/** The stand-in's accounts: caches with their keys and contents, tokens with their permissions. */
import nacl from "tweetnacl";
import { HttpError } from "./http-util.js";

export type Permission = "Read" | "Write" | "Admin";

export interface CacheSpec {
  readonly name: string;
  readonly isPublic: boolean;
  /**
   * "managed": the service holds the secret key and signs every pushed path itself (`cSig` must be null).
   * "self": the owner signs; the service only checks `cSig` against the public key registered with POST …/key.
   */
  readonly signing: "managed" | "self";
  /** For "self": base64 of the registered 32-byte public key; absent until one is registered. */
  readonly publicKey?: string;
  readonly preferredCompressionMethod?: "ZSTD" | "XZ";
}

/** A token and what it may do: a personal token usually holds Admin on the owner's caches, a cache token one grant. */
export interface TokenSpec {
  readonly token: string;
  readonly grants: Readonly<Record<string, Permission>>;
}

export class CacheAccount {
  readonly keyName: string;
  /** Set for managed caches: the service's own key. */
  readonly managedKey?: nacl.SignKeyPair;
  publicKey?: Uint8Array;
  /** Hash part → narinfo text, as the cache host serves it. */
  readonly narinfos = new Map<string, string>();
  /** `nar/<hex>.nar.zst` → compressed bytes. */
  readonly nars = new Map<string, Buffer>();
  /** Filled in once the cache's host listens. */
  uri = "";

  constructor(readonly spec: CacheSpec) {
    this.keyName = `${spec.name}.cachix.org-1`;
    if (spec.signing === "managed") {
      this.managedKey = nacl.sign.keyPair();
      this.publicKey = this.managedKey.publicKey;
    } else if (spec.publicKey !== undefined) {
      this.publicKey = new Uint8Array(Buffer.from(spec.publicKey, "base64"));
    }
  }

  get publicSigningKeys(): string[] {
    return this.publicKey === undefined
      ? []
      : [`${this.keyName}:${Buffer.from(this.publicKey).toString("base64")}`];
  }
}

const RANK: Record<Permission, number> = { Read: 1, Write: 2, Admin: 3 };

/** The 401 text the real service sends (through Cloudflare, as plain text). */
function unauthorized(name: string): HttpError {
  return new HttpError(
    401,
    `Binary cache ${name} doesn't exist or you're not authorized to access. Please check the name for typos ` +
      "and/or provide an auth token. Contact support on https://cachix.org if you're stuck!",
  );
}

export class Accounts {
  readonly caches = new Map<string, CacheAccount>();
  private readonly tokens = new Map<string, TokenSpec>();

  constructor(caches: readonly CacheSpec[], tokens: readonly TokenSpec[]) {
    for (const spec of caches) this.caches.set(spec.name, new CacheAccount(spec));
    for (const token of tokens) this.tokens.set(token.token, token);
  }

  /**
   * The caller's permission on cache `name`, or an error: 404 for an unknown cache, 401 for a private cache the
   * caller cannot read. A missing, empty or unknown Bearer token is anonymous: it may read public caches only.
   */
  permission(
    name: string,
    authorization: string | undefined,
  ): { cache: CacheAccount; permission: Permission } {
    const cache = this.caches.get(name);
    if (cache === undefined) throw new HttpError(404, `Binary cache ${name} does not exist.`);
    const bearer = /^Bearer (.*)$/.exec(authorization ?? "")?.[1] ?? "";
    const granted = this.tokens.get(bearer)?.grants[name];
    if (granted !== undefined) return { cache, permission: granted };
    if (cache.spec.isPublic) return { cache, permission: "Read" };
    throw unauthorized(name);
  }

  /** Like permission(), but 401 (anonymous) or 403 (a token without the grant) unless it reaches `needed`. */
  require(name: string, authorization: string | undefined, needed: Permission): CacheAccount {
    const { cache, permission } = this.permission(name, authorization);
    if (RANK[permission] >= RANK[needed]) return cache;
    const bearer = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
    if (bearer === undefined || !this.tokens.has(bearer)) throw unauthorized(name);
    throw new HttpError(403, `This token has ${permission} access to ${name}; ${needed} is needed.`);
  }

  /** For a cache host: whether HTTP Basic credentials (password = token, as Nix sends from netrc) may read it. */
  mayReadHost(cache: CacheAccount, authorization: string | undefined): boolean {
    if (cache.spec.isPublic) return true;
    const basic = /^Basic (.+)$/.exec(authorization ?? "")?.[1];
    if (basic === undefined) return false;
    const decoded = Buffer.from(basic, "base64").toString("utf8");
    const password = decoded.slice(decoded.indexOf(":") + 1);
    return this.tokens.get(password)?.grants[cache.spec.name] !== undefined;
  }
}
