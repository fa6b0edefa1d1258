/** The API host's routes (`/api/v1/…`, cachix-api.md §2), each with the permission the service demands. */
import type { IncomingMessage } from "node:http";
import type { Accounts } from "./caches.js";
import { HttpError, json, noContent, parseJsonBody, type Reply } from "./http-util.js";
import {
  decodeNarInfoCreate,
  type NarInfoCreate,
  narUrl,
  renderServedNarInfo,
  verifyUpload,
} from "./narinfo-create.js";
import { STORE_HASH } from "./nix-format.js";
import type { ObjectStore } from "./object-store.js";

export interface ApiRecord {
  /** Every narInfoCreate that `complete` accepted, in order. */
  readonly accepted: NarInfoCreate[];
  /** narIds of aborted uploads. */
  readonly aborted: string[];
}

export function apiHandler(accounts: Accounts, store: ObjectStore, record: ApiRecord) {
  return async (request: IncomingMessage, url: URL, body: Buffer): Promise<Reply> => {
    const auth = request.headers.authorization;
    const method = request.method ?? "GET";
    const match = /^\/api\/v1\/cache\/([^/]+)((?:\/[^/]+)*)$/.exec(url.pathname);
    if (match === null) throw new HttpError(404, "Not found");
    const name = decodeURIComponent(match[1] ?? "");
    const rest = match[2] ?? "";
    const expect = (wanted: string) => {
      if (method !== wanted) throw new HttpError(405, "Method not allowed");
    };

    if (rest === "") {
      expect("GET");
      const { cache, permission } = accounts.permission(name, auth);
      return json({
        name,
        uri: cache.uri,
        isPublic: cache.spec.isPublic,
        publicSigningKeys: cache.publicSigningKeys,
        githubUsername: "stand-in-owner",
        permission,
        preferredCompressionMethod: cache.spec.preferredCompressionMethod ?? "ZSTD",
      });
    }
    if (rest === "/narinfo") {
      expect("POST");
      const cache = accounts.require(name, auth, "Read");
      const hashes = parseJsonBody(request, body);
      if (
        !Array.isArray(hashes) ||
        hashes.some((hash) => typeof hash !== "string" || !STORE_HASH.test(hash))
      ) {
        throw new HttpError(400, "Error in $: expected an array of 32-character store path hashes");
      }
      return json((hashes as string[]).filter((hash) => !cache.narinfos.has(hash)));
    }
    const narinfo = /^\/([^/]+)\.narinfo$/.exec(rest);
    if (narinfo !== null) {
      expect("HEAD");
      const cache = accounts.require(name, auth, "Read");
      return { status: cache.narinfos.has(narinfo[1] ?? "") ? 200 : 404, body: "" };
    }
    if (rest === "/key") {
      expect("POST");
      const cache = accounts.require(name, auth, "Admin");
      const { publicKey } = (parseJsonBody(request, body) ?? {}) as { publicKey?: unknown };
      const key = typeof publicKey === "string" ? Buffer.from(publicKey, "base64") : Buffer.alloc(0);
      if (key.length !== 32 || key.toString("base64") !== publicKey) {
        throw new HttpError(400, "publicKey must be the base64 of a 32-byte Ed25519 public key");
      }
      if (cache.publicKey !== undefined) {
        throw new HttpError(
          400,
          "Public signing key already exists. It's currently not possible to override or add multiple signing keys.",
        );
      }
      cache.publicKey = new Uint8Array(key);
      return noContent;
    }
    if (rest === "/multipart-nar") {
      expect("POST");
      accounts.require(name, auth, "Write");
      const compression = url.searchParams.get("compression");
      if (compression !== "zst" && compression !== "xz") {
        throw new HttpError(400, "Error parsing query parameter compression failed: expected zst or xz");
      }
      const upload = store.create(name, compression);
      return json({ narId: upload.narId, uploadId: upload.uploadId });
    }
    const multipart = /^\/multipart-nar\/([^/]+)(\/complete|\/abort)?$/.exec(rest);
    if (multipart === null) throw new HttpError(404, "Not found");
    expect("POST");
    const cache = accounts.require(name, auth, "Write");
    const upload = store.open(name, multipart[1] ?? "", url.searchParams.get("uploadId"));
    switch (multipart[2]) {
      case undefined: {
        const partNumber = Number(url.searchParams.get("partNumber"));
        if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) {
          throw new HttpError(400, "partNumber must be a whole number from 1 to 10000");
        }
        const { contentMD5 } = (parseJsonBody(request, body) ?? {}) as { contentMD5?: unknown };
        if (
          typeof contentMD5 !== "string" ||
          Buffer.from(contentMD5, "base64").toString("base64") !== contentMD5 ||
          contentMD5.length !== 24
        ) {
          throw new HttpError(400, "contentMD5 must be the padded base64 of a 16-byte MD5 digest");
        }
        return json({ uploadUrl: store.presign(upload, partNumber, contentMD5) });
      }
      case "/complete": {
        const { parts, narInfoCreate } = (parseJsonBody(request, body) ?? {}) as Record<string, unknown>;
        const file = store.assemble(upload, parts);
        const create = decodeNarInfoCreate(narInfoCreate);
        const sig = verifyUpload(cache, create, upload.compression, file);
        cache.nars.set(narUrl(create.cFileHash), file);
        cache.narinfos.set(create.cStoreHash, renderServedNarInfo(create, sig));
        upload.state = "completed";
        record.accepted.push(create);
        return noContent;
      }
      default:
        upload.state = "aborted";
        record.aborted.push(upload.narId);
        return noContent;
    }
  };
}
