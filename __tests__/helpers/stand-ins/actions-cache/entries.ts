/** The stand-in's cache entries: reserved, uploaded, then made visible by a finalize (v2) or commit (v1). */
import { randomBytes } from "node:crypto";

export interface CacheEntry {
  readonly id: number;
  readonly key: string;
  readonly version: string;
  /** The ref whose runs wrote it; runs read the scopes their token lists. */
  readonly scope: string;
  /** Bumped on finalize: the newest entry wins a prefix match. */
  created: number;
  finalized: boolean;
  /** Bytes announced at reservation (v1) or finalize (v2). */
  size: number;
  data?: Buffer;
  /** The secret part of the entry's blob URL. */
  readonly sig: string;
  /** Uploaded parts not yet put together: Azure blocks by id, v1 chunks by offset. */
  readonly blocks: Map<string, Buffer>;
  /** When a lookup last matched it (or it was finalized): what least-recently-used eviction goes by. */
  lastUsed: number;
}

export class EntryStore {
  readonly entries: CacheEntry[] = [];
  /** Ids of entries evicted: their blob URLs answer 404 (BlobNotFound), as storage does once a blob is deleted. */
  readonly evicted = new Set<number>();
  /** The most all finalized entries may hold (the repository's quota); beyond it the least recently used go. */
  sizeCapBytes = Number.POSITIVE_INFINITY;
  private clock = 0;
  /** Ids are never reused, evicted entries' included (their blob URLs must keep answering 404). */
  private lastId = 0;

  /** Removes the matching entries at once, as GitHub's eviction does (between jobs or during one). */
  evict(match: (entry: CacheEntry) => boolean): CacheEntry[] {
    const gone = this.entries.filter(match);
    for (const entry of gone) {
      this.entries.splice(this.entries.indexOf(entry), 1);
      this.evicted.add(entry.id);
    }
    return gone;
  }

  /**
   * The service's matching, scope by scope in the token's order: the exact key, then the newest entry whose key
   * starts with the key, then the same for each restore key; the version always has to match.
   */
  lookup(key: string, restoreKeys: readonly string[], version: string, scopes: readonly string[]) {
    for (const scope of scopes) {
      const candidates = this.entries.filter(
        (e) => e.finalized && e.scope === scope && e.version === version,
      );
      const exact = candidates.find((e) => e.key === key);
      if (exact !== undefined) return this.used(exact);
      for (const prefix of [key, ...restoreKeys]) {
        const newest = candidates
          .filter((e) => e.key.startsWith(prefix))
          .sort((a, b) => b.created - a.created)[0];
        if (newest !== undefined) return this.used(newest);
      }
    }
    return undefined;
  }

  private used(entry: CacheEntry): CacheEntry {
    entry.lastUsed = ++this.clock;
    return entry;
  }

  /** A new entry, unless this scope already has one (done or under way) with this key and version. */
  reserve(key: string, version: string, scope: string | undefined, size: number): CacheEntry | undefined {
    if (scope === undefined || key === "" || version === "") return undefined;
    if (this.entries.some((e) => e.key === key && e.version === version && e.scope === scope))
      return undefined;
    const entry: CacheEntry = {
      id: ++this.lastId,
      key,
      version,
      scope,
      created: 0,
      finalized: false,
      size,
      sig: randomBytes(12).toString("hex"),
      blocks: new Map(),
      lastUsed: 0,
    };
    this.entries.push(entry);
    return entry;
  }

  /** An entry still being uploaded by a run that writes `scope`. */
  pending(match: (entry: CacheEntry) => boolean, scope: string | undefined): CacheEntry | undefined {
    return this.entries.find((e) => !e.finalized && e.scope === scope && match(e));
  }

  finalize(entry: CacheEntry, data: Buffer): void {
    entry.data = data;
    entry.size = data.length;
    entry.finalized = true;
    entry.created = ++this.clock;
    entry.lastUsed = entry.created;
    entry.blocks.clear();
    // GitHub evicts hourly; here at once, so that a test sees the cap's effect in the next job.
    const finalized = () => this.entries.filter((e) => e.finalized);
    const total = () => finalized().reduce((sum, e) => sum + e.size, 0);
    while (total() > this.sizeCapBytes) {
      const oldest = finalized().sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (oldest === undefined) break;
      this.evict((e) => e === oldest);
    }
  }
}
