// An in-memory BinaryCache that records every call in order, for tests of the push pipeline's guarantees.
import { readFile } from "node:fs/promises";
import type { BinaryCache, ReadAccess, StagedNar } from "../../../src/cache/cache.js";

export type CacheEvent = { kind: "nar"; url: string } | { kind: "narinfo"; hashPart: string };

export class MemoryCache implements BinaryCache<never> {
  readonly description = "memory://test";
  readonly nars = new Map<string, Buffer>();
  readonly narInfos = new Map<string, string>();
  readonly events: CacheEvent[] = [];
  findCachedCalls = 0;
  /** Hash parts whose narinfo upload should fail. */
  readonly failNarInfo = new Set<string>();

  closed = 0;

  async prepareRead(): Promise<ReadAccess> {
    return { substituters: [{ url: this.description, publicKeys: [] }], netrc: [], canPush: true };
  }
  async openForPush(): Promise<void> {}
  async close(): Promise<void> {
    this.closed++;
  }

  async findCached(hashParts: readonly string[]): Promise<Set<string>> {
    this.findCachedCalls++;
    return new Set(hashParts.filter((hashPart) => this.narInfos.has(hashPart)));
  }

  async putNar(nar: StagedNar): Promise<void> {
    this.nars.set(nar.url, await readFile(nar.file));
    this.events.push({ kind: "nar", url: nar.url });
  }

  async putNarInfo(hashPart: string, narInfo: string): Promise<void> {
    if (this.failNarInfo.has(hashPart)) throw new Error(`refused ${hashPart}.narinfo`);
    this.narInfos.set(hashPart, narInfo);
    this.events.push({ kind: "narinfo", hashPart });
  }
}
