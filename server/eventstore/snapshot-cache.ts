// Parsed snapshot states kept in memory, so a long stream's snapshot is read and parsed once, not
// on every load. A snapshot is the fold of events 1..version of one stream under one state schema
// version, and events never change, so (stream, schema, version) names one state forever: the
// cache needs no invalidation, only a bound. Only large states are kept (a 10,000-event lease's
// state is 2.6 MB of JSON, 30 ms to turn to text and parse; a demo lease's is 2 kB), least
// recently used first out once the budget (bytes of JSON) is spent. States are frozen when kept:
// a fold that mutated its input would throw instead of corrupting every later load.
import 'server-only';

export interface SnapshotCacheOptions {
  /** Bytes of JSON text kept at most (default 32 MB); 0 turns the cache off. */
  budgetBytes?: number;
  /** Only states of at least this many bytes of JSON are kept (default 64 kB). */
  minBytes?: number;
}

interface Entry {
  version: number;
  state: unknown;
  bytes: number;
}

export class SnapshotCache {
  readonly budgetBytes: number;
  readonly minBytes: number;
  /** key `${schema}:${streamId}` → entries by version; Map order is recency (oldest first). */
  private readonly streams = new Map<string, Map<number, Entry>>();
  private usedBytes = 0;
  hits = 0;
  misses = 0;

  constructor(options: SnapshotCacheOptions = {}) {
    this.budgetBytes = options.budgetBytes ?? 32 * 1024 * 1024;
    this.minBytes = options.minBytes ?? 64 * 1024;
  }

  get bytes(): number {
    return this.usedBytes;
  }

  /** The highest cached version of the stream at or below `maxVersion`, if any (no state). */
  bestVersion(streamId: string, schema: number, maxVersion = Number.POSITIVE_INFINITY): number | undefined {
    const entries = this.streams.get(keyOf(streamId, schema));
    let best: number | undefined;
    for (const version of entries?.keys() ?? []) {
      if (version <= maxVersion && (best === undefined || version > best)) best = version;
    }
    return best;
  }

  get<S>(streamId: string, schema: number, version: number): S | undefined {
    const key = keyOf(streamId, schema);
    const entries = this.streams.get(key);
    const entry = entries?.get(version);
    if (!entries || !entry) {
      this.misses += 1;
      return undefined;
    }
    this.hits += 1;
    // Most recently used: to the end of both maps.
    entries.delete(version);
    entries.set(version, entry);
    this.streams.delete(key);
    this.streams.set(key, entries);
    return entry.state as S;
  }

  /** Keeps `state` (frozen) when it is large enough; returns the state to use from now on. */
  put<S>(streamId: string, schema: number, version: number, state: S, bytes: number): S {
    if (this.budgetBytes <= 0 || bytes < this.minBytes || bytes > this.budgetBytes) return state;
    const key = keyOf(streamId, schema);
    const entries = this.streams.get(key) ?? new Map<number, Entry>();
    const old = entries.get(version);
    if (old) return old.state as S;
    deepFreeze(state);
    entries.set(version, { version, state, bytes });
    this.streams.delete(key);
    this.streams.set(key, entries);
    this.usedBytes += bytes;
    this.evict();
    return state;
  }

  private evict(): void {
    while (this.usedBytes > this.budgetBytes) {
      const [key, entries] = this.streams.entries().next().value as [string, Map<number, Entry>];
      const [version, entry] = entries.entries().next().value as [number, Entry];
      entries.delete(version);
      if (entries.size === 0) this.streams.delete(key);
      this.usedBytes -= entry.bytes;
    }
  }
}

const keyOf = (streamId: string, schema: number) => `${schema}:${streamId}`;

/** Freezes a value and everything it holds (also used by the read cache for kept answers). */
export function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
