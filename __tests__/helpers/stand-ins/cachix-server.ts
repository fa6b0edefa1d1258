/**
 * A Cachix stand-in, written from ../shared/reference/cachix-api.md (not from our client): the API host, an
 * object store for presigned part uploads on another origin, and one binary-cache host per cache that serves what
 * was pushed as a plain Nix binary cache, so real Nix substitutes from it with the keys from the cache info.
 *
 * netrc matches host names only, so each private cache listens on its own loopback address (127.0.0.2, .3, …);
 * public caches, the API and the object store listen on 127.0.0.1, each on its own port.
 */
import type { Server } from "node:http";
import { type ApiRecord, apiHandler } from "./cachix/api.js";
import { Accounts, type CacheAccount, type CacheSpec, type TokenSpec } from "./cachix/caches.js";
import {
  close,
  type FaultRule,
  HttpError,
  type LoggedRequest,
  listen,
  origin,
  type Reply,
  type Traffic,
} from "./cachix/http-util.js";
import { STORE_DIR } from "./cachix/nix-format.js";
import { ObjectStore } from "./cachix/object-store.js";

export type { Permission } from "./cachix/caches.js";
export type { NarInfoCreate } from "./cachix/narinfo-create.js";
export type { CacheSpec, FaultRule, LoggedRequest, TokenSpec };

export interface CachixStandInOptions {
  readonly caches: readonly CacheSpec[];
  readonly tokens: readonly TokenSpec[];
}

export interface CachixStandIn {
  /** The API host: what the action's `cachixHost` input points at. */
  readonly url: string;
  /** The object store's origin, where presigned part URLs point. */
  readonly objectStoreUrl: string;
  /** Every request, oldest first. */
  readonly requests: readonly LoggedRequest[];
  /** What `complete` accepted and which uploads were aborted. */
  readonly record: ApiRecord;
  cache(name: string): CacheAccount;
  /** Makes the next `rule.times` matching requests fail. */
  injectFault(rule: FaultRule): void;
  /** Drops every injected fault, spent or not. */
  clearFaults(): void;
  stop(): Promise<void>;
}

const CACHE_INFO = `StoreDir: ${STORE_DIR}\nWantMassQuery: 1\nPriority: 41\n`;

export async function startCachixStandIn(options: CachixStandInOptions): Promise<CachixStandIn> {
  const accounts = new Accounts(options.caches, options.tokens);
  const traffic: Traffic = { requests: [], faults: [] };
  const record: ApiRecord = { accepted: [], aborted: [] };
  const objectStore = new ObjectStore();
  const servers: Server[] = [];
  try {
    const storeServer = await listen("127.0.0.1", "object-store", traffic, (request, url, body) =>
      objectStore.put(request, url, body),
    );
    servers.push(storeServer);
    objectStore.origin = origin(storeServer, "127.0.0.1");
    const api = await listen("127.0.0.1", "api", traffic, apiHandler(accounts, objectStore, record));
    servers.push(api);

    let nextPrivate = 2;
    for (const cache of accounts.caches.values()) {
      const host = cache.spec.isPublic ? "127.0.0.1" : `127.0.0.${nextPrivate++}`;
      const server = await listen(host, "cache", traffic, async (request, url) =>
        serveCache(accounts, cache, request.method ?? "GET", request.headers.authorization, url),
      );
      servers.push(server);
      cache.uri = origin(server, host);
    }
    return {
      url: origin(api, "127.0.0.1"),
      objectStoreUrl: objectStore.origin,
      requests: traffic.requests,
      record,
      cache(name) {
        const cache = accounts.caches.get(name);
        if (cache === undefined) throw new Error(`no stand-in cache ${name}`);
        return cache;
      },
      injectFault: (rule) => traffic.faults.push({ ...rule }),
      clearFaults: () => {
        traffic.faults.length = 0;
      },
      stop: async () => {
        await Promise.all(servers.map(close));
      },
    };
  } catch (error) {
    await Promise.all(servers.map(close));
    throw error;
  }
}

/** A cache's own host: a plain binary cache; a private one answers only to Basic credentials with a token. */
async function serveCache(
  accounts: Accounts,
  cache: CacheAccount,
  method: string,
  authorization: string | undefined,
  url: URL,
): Promise<Reply> {
  if (method !== "GET" && method !== "HEAD") throw new HttpError(405, "Method not allowed");
  if (!accounts.mayReadHost(cache, authorization)) {
    return { status: 401, headers: { "www-authenticate": 'Basic realm="cachix"' }, body: "Unauthorized" };
  }
  const path = url.pathname;
  if (path === "/nix-cache-info") {
    return { status: 200, headers: { "content-type": "text/x-nix-cache-info" }, body: CACHE_INFO };
  }
  const narinfo = /^\/([0-9a-z]{32})\.narinfo$/.exec(path);
  if (narinfo !== null) {
    const text = cache.narinfos.get(narinfo[1] ?? "");
    if (text !== undefined)
      return { status: 200, headers: { "content-type": "text/x-nix-narinfo" }, body: text };
  }
  const nar = cache.nars.get(path.slice(1));
  if (nar !== undefined)
    return { status: 200, headers: { "content-type": "application/x-nix-nar" }, body: nar };
  throw new HttpError(404, "Not found");
}
