/** A binary cache in a local directory (file://), e.g. a shared disk on self-hosted runners. */
import { createReadStream, createWriteStream, mkdirSync, renameSync } from "node:fs";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { checkCacheStoreDir, renderCacheInfo } from "../../lib/cache-info.js";
import { CacheError, describeError } from "../../lib/errors.js";
import { formatPublicKey } from "../../lib/signing.js";
import { substituterUrl } from "../../nix/cache-url.js";
import type { BinaryCache, ReadAccess, StagedNar } from "../cache.js";
import { temporaryPath, writeAtomically } from "./atomic-files.js";
import type { FileCacheSettings } from "./settings.js";

export class FileCache implements BinaryCache<never> {
  readonly description: string;
  private readonly root: string;
  private readonly publicKeys: readonly string[];

  constructor(settings: Omit<FileCacheSettings, "kind">) {
    this.root = fileURLToPath(settings.url).replace(/\/+$/, "");
    this.description = substituterUrl(settings.url);
    this.publicKeys = settings.publicKey === undefined ? [] : [formatPublicKey(settings.publicKey)];
  }

  // Local files: the signals have nothing to end.
  async prepareRead(storeDir: string, _signal?: AbortSignal): Promise<ReadAccess> {
    await this.checkStoreDir(storeDir);
    return {
      substituters: [{ url: this.description, publicKeys: this.publicKeys }],
      netrc: [],
      canPush: true,
    };
  }

  /** Whether the cache has a nix-cache-info yet; throws when it is for another store. */
  private async checkStoreDir(storeDir: string): Promise<boolean> {
    // A cache that does not exist yet is fine: the first job to push creates it.
    const cacheInfo = await this.readCacheInfo();
    checkCacheStoreDir(this.description, cacheInfo, storeDir);
    return cacheInfo !== undefined;
  }

  async openForPush(storeDir: string, _signal?: AbortSignal): Promise<void> {
    const hasCacheInfo = await this.checkStoreDir(storeDir);
    try {
      await mkdir(join(this.root, "nar"), { recursive: true });
      if (!hasCacheInfo) {
        writeAtomically(join(this.root, "nix-cache-info"), renderCacheInfo(storeDir));
      }
    } catch (error) {
      throw new CacheError(`cannot write to ${this.description}: ${describeError(error)}`, {
        cause: error,
      });
    }
  }

  async findCached(hashParts: readonly string[], _signal?: AbortSignal): Promise<Set<string>> {
    const wanted = new Set(hashParts);
    const found = new Set<string>();
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return found;
      throw new CacheError(`cannot list ${this.description}: ${describeError(error)}`, { cause: error });
    }
    for (const name of names) {
      const hashPart = name.endsWith(".narinfo") ? name.slice(0, -".narinfo".length) : undefined;
      if (hashPart !== undefined && wanted.has(hashPart)) found.add(hashPart);
    }
    return found;
  }

  async putNar(nar: StagedNar, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const target = join(this.root, nar.url);
    const temporary = temporaryPath(target);
    try {
      // openForPush made nar/; only a cache emptied since then needs it again.
      await moveFile(nar.file, target, temporary, signal).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
        mkdirSync(dirname(target), { recursive: true });
        await moveFile(nar.file, target, temporary, signal);
      });
    } catch (error) {
      await rm(temporary, { force: true });
      throw new CacheError(`cannot write ${nar.url} to ${this.description}: ${describeError(error)}`, {
        cause: error,
      });
    }
  }

  async putNarInfo(hashPart: string, narInfo: string, signal?: AbortSignal): Promise<void> {
    // After a stop nothing more is published, however quick a local write would be.
    signal?.throwIfAborted();
    try {
      writeAtomically(join(this.root, `${hashPart}.narinfo`), narInfo);
    } catch (error) {
      throw new CacheError(
        `cannot write ${hashPart}.narinfo to ${this.description}: ${describeError(error)}`,
        { cause: error },
      );
    }
  }

  async close(): Promise<void> {}

  /** The cache's nix-cache-info, or undefined when it has none yet. */
  private async readCacheInfo(): Promise<string | undefined> {
    try {
      return await readFile(join(this.root, "nix-cache-info"), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new CacheError(`cannot read ${this.description}: ${describeError(error)}`, { cause: error });
    }
  }
}

/**
 * Moves the staged file in one rename when it is on the same disk (synchronous: one metadata update costs less than
 * a round trip through libuv's thread pool); otherwise copies it beside the target first, as a stream that `signal`
 * ends (a NAR to another disk can take seconds; the caller removes the temporary file).
 */
async function moveFile(
  source: string,
  target: string,
  temporary: string,
  signal?: AbortSignal,
): Promise<void> {
  try {
    renameSync(source, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    await pipeline(createReadStream(source, { highWaterMark: 1024 * 1024 }), createWriteStream(temporary), {
      signal,
    });
    renameSync(temporary, target);
  }
}
