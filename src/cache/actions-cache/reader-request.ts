/** What setup pipes to the read server (see read-server.ts and reader.ts): all it serves, and how it checks callers. */
import { decodeBase64, encodeBase64 } from "../../lib/hash.js";
import { type SigningKey, signingKeyFromSeed } from "../../lib/signing.js";
import { type CacheIndex, decodeIndex, encodeIndex } from "./cache-index.js";
import type { ReadServerOptions } from "./read-server.js";

export interface ReaderRequest {
  readonly kind: "actions-cache";
  /** The audited index (encodeIndex, base64). */
  readonly index: string;
  readonly storeDir: string;
  /** For its log. */
  readonly paths: number;
  readonly packUrls: readonly (readonly [string, string])[];
  readonly prefix: string;
  readonly authorization: string;
  /** The job's key, when the cache has none of the user's: name and seed (base64). */
  readonly jobKey?: { readonly name: string; readonly seed: string };
  /** Where the keys of packs found evicted during the job are written, a line each, for post. */
  readonly goneFile: string;
}

export function encodeReaderRequest(options: {
  index: CacheIndex;
  packUrls: ReadonlyMap<string, string>;
  prefix: string;
  authorization: string;
  jobKey?: SigningKey;
  goneFile: string;
}): ReaderRequest {
  return {
    kind: "actions-cache",
    index: encodeBase64(encodeIndex(options.index, Date.now())),
    storeDir: options.index.storeDir,
    paths: options.index.paths.size,
    packUrls: [...options.packUrls],
    prefix: options.prefix,
    authorization: options.authorization,
    goneFile: options.goneFile,
    jobKey:
      options.jobKey === undefined
        ? undefined
        : { name: options.jobKey.name, seed: encodeBase64(options.jobKey.secretKey.subarray(0, 32)) },
  };
}

export function decodeReaderRequest(request: ReaderRequest): Omit<ReadServerOptions, "log"> {
  const { index } = decodeIndex(Buffer.from(decodeBase64(request.index)), request.storeDir);
  return {
    index,
    packUrls: new Map(request.packUrls),
    prefix: request.prefix,
    authorization: request.authorization,
    jobKey:
      request.jobKey === undefined
        ? undefined
        : signingKeyFromSeed(request.jobKey.name, decodeBase64(request.jobKey.seed)),
  };
}
