/**
 * The stand-in's three surfaces: the v2 Twirp JSON methods, the legacy v1 REST routes, and Azure-style blob
 * transfers (authorised by the URL's `sig`, not by the runtime token). Each returns a status and a JSON body.
 */
import type { IncomingMessage } from "node:http";
import type { CacheEntry, EntryStore } from "./entries.js";
import { blockListIds, type Scopes } from "./protocol.js";

export type Reply = readonly [status: number, body: unknown];

export function twirpCall(
  store: EntryStore,
  method: string,
  input: Record<string, unknown>,
  scopes: Scopes,
  blobUrl: (entry: CacheEntry) => string,
): Reply {
  const key = String(input.key ?? "");
  const version = String(input.version ?? "");
  switch (method) {
    case "GetCacheEntryDownloadURL": {
      const restoreKeys = Array.isArray(input.restore_keys) ? input.restore_keys.map(String) : [];
      const entry = store.lookup(key, restoreKeys, version, scopes.read);
      if (entry === undefined) return [200, { ok: false, signed_download_url: "", matched_key: "" }];
      return [200, { ok: true, signed_download_url: blobUrl(entry), matched_key: entry.key }];
    }
    case "CreateCacheEntry": {
      const entry = store.reserve(key, version, scopes.write, 0);
      if (entry === undefined) return [200, { ok: false, signed_upload_url: "", message: "" }];
      return [200, { ok: true, signed_upload_url: blobUrl(entry) }];
    }
    case "FinalizeCacheEntryUpload": {
      const entry = store.pending((e) => e.key === key && e.version === version, scopes.write);
      const uploaded = entry?.data;
      if (entry === undefined || uploaded === undefined || uploaded.length !== Number(input.size_bytes)) {
        return [
          200,
          { ok: false, entry_id: "0", message: "no upload of that size for this key and version" },
        ];
      }
      store.finalize(entry, uploaded);
      return [200, { ok: true, entry_id: String(entry.id) }];
    }
    default:
      return [404, { code: "bad_route", msg: `no method ${method}` }];
  }
}

export function v1Call(
  store: EntryStore,
  route: string,
  request: IncomingMessage,
  url: URL,
  body: Buffer,
  scopes: Scopes,
  blobUrl: (entry: CacheEntry) => string,
): Reply {
  const id = Number(/(\d+)$/.exec(url.pathname)?.[1]);
  const entry = store.pending((e) => e.id === id, scopes.write);
  switch (route) {
    case "GET cache": {
      const [key = "", ...restoreKeys] = (url.searchParams.get("keys") ?? "").split(",");
      const found = store.lookup(key, restoreKeys, url.searchParams.get("version") ?? "", scopes.read);
      if (found === undefined) return [204, undefined];
      return [200, { cacheKey: found.key, scope: found.scope, archiveLocation: blobUrl(found) }];
    }
    case "POST caches": {
      const input = JSON.parse(body.toString("utf8"));
      const reserved = store.reserve(
        String(input.key),
        String(input.version),
        scopes.write,
        Number(input.cacheSize),
      );
      if (reserved === undefined) return [409, { message: `Cache already exists. Scope: ${scopes.write}` }];
      return [201, { cacheId: reserved.id }];
    }
    case "PATCH caches/:id": {
      const range = /^bytes (\d+)-(\d+)\/\*$/.exec(request.headers["content-range"] ?? "");
      if (entry === undefined || range === null || Number(range[2]) - Number(range[1]) + 1 !== body.length) {
        return [400, { message: "bad chunk" }];
      }
      entry.blocks.set(range[1] ?? "0", body);
      return [204, undefined];
    }
    case "POST caches/:id": {
      const chunks = [...(entry?.blocks ?? new Map<string, Buffer>())].sort(
        ([a], [b]) => Number(a) - Number(b),
      );
      const data = Buffer.concat(chunks.map(([, chunk]) => chunk));
      if (entry === undefined || data.length !== Number(JSON.parse(body.toString("utf8")).size)) {
        return [400, { message: "size does not match the uploaded chunks" }];
      }
      store.finalize(entry, data);
      return [204, undefined];
    }
    default:
      return [404, { message: `no route ${route}` }];
  }
}

/** The status of a blob request; a GET of a finalized entry is answered with its bytes by the caller. */
export function blobCall(
  store: EntryStore,
  id: number,
  request: IncomingMessage,
  url: URL,
  body: Buffer,
): number {
  const entry = store.entries.find((e) => e.id === id);
  if (entry === undefined && store.evicted.has(id)) return 404;
  if (entry === undefined || url.searchParams.get("sig") !== entry.sig) return 403;
  if (request.method === "GET") return entry.finalized ? 200 : 404;
  if (request.method !== "PUT" || entry.finalized) return 405;
  const comp = url.searchParams.get("comp");
  if (comp === "block") entry.blocks.set(url.searchParams.get("blockid") ?? "", body);
  else if (comp === "blocklist") {
    const parts = blockListIds(body.toString("utf8")).map((blockId) => entry.blocks.get(blockId));
    if (parts.some((part) => part === undefined)) return 400;
    entry.data = Buffer.concat(parts as Buffer[]);
  } else if (request.headers["x-ms-blob-type"] === "BlockBlob") entry.data = body;
  else return 400;
  return 201;
}
