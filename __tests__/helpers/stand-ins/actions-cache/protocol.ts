/** Wire details of the Actions cache service stand-in: runtime tokens, bodies, replies, block lists. */
import type { IncomingMessage, ServerResponse } from "node:http";

export const TWIRP_PREFIX = "/twirp/github.actions.results.api.v1.CacheService/";

/** One request to the stand-in: a Twirp method, a v1 route (`v1 GET cache`) or a blob transfer (`blob PUT`). */
export interface LoggedCall {
  readonly api: "twirp" | "v1" | "blob";
  readonly name: string;
  readonly status: number;
  /** Blob bytes that went up (a PUT's body) or down (a GET's answer). */
  readonly bytes?: number;
}

/** What a run's token allows: the refs it reads, in lookup order, and the one it writes. */
export interface Scopes {
  readonly read: readonly string[];
  readonly write?: string;
}

export interface TokenScope {
  readonly ref: string;
  readonly write: boolean;
}

const READ = 1;
const WRITE = 2;

/**
 * A runtime token shaped like the runner's: a JWT whose `ac` claim is a JSON list of `{Scope, Permission}` (1 read,
 * 2 write, 3 both). The stand-in does not check the signature, as a service behind the real token issuer would
 * not need to be told apart from it in these tests.
 */
export function runtimeToken(scopes: readonly TokenScope[]): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const ac = scopes.map((s) => ({ Scope: s.ref, Permission: s.write ? READ | WRITE : READ }));
  return `${part({ alg: "none", typ: "JWT" })}.${part({ ac: JSON.stringify(ac), repository_id: "1" })}.x`;
}

/** The scopes of a `Bearer <jwt>` header, or undefined when it is missing or malformed (401). */
export function tokenScopes(authorization: string | undefined): Scopes | undefined {
  const token = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1];
  const payload = token?.split(".")[1];
  if (payload === undefined) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const ac: { Scope: string; Permission: number }[] = JSON.parse(claims.ac);
    return {
      read: ac.filter((s) => (s.Permission & READ) !== 0).map((s) => s.Scope),
      write: ac.find((s) => (s.Permission & WRITE) !== 0)?.Scope,
    };
  } catch {
    return undefined;
  }
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A JSON reply (Twirp errors are `{code, msg}`), or an empty one when `body` is undefined. */
export function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (body === undefined) {
    response.writeHead(status, headers);
    response.end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

/** The block ids of an Azure `<BlockList>` body, in order (`Latest`, `Committed` and `Uncommitted` alike). */
export function blockListIds(xml: string): string[] {
  return [...xml.matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)].map((match) => match[2] ?? "");
}
