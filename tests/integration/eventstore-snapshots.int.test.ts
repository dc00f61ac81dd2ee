// Snapshots are a cache: loading with them equals folding every event; stale shapes are ignored.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '@/server/db/client';
import { createEventStore, type EventStore, type Folder } from '@/server/eventstore';
import { freshDatabase, type TestDatabase } from '../support/db';
import { newStreamId, systemMetadata, things } from '../support/fixtures';

let database: TestDatabase;
let store: EventStore;

interface Tally {
  count: number;
  sum: number;
  last: number;
}
const tally: Folder<Tally> = {
  initialState: { count: 0, sum: 0, last: 0 },
  stateSchemaVersion: 2,
  evolve: (state, event) => {
    const n = (event.data as { n: number }).n;
    return { count: state.count + 1, sum: state.sum + n, last: n };
  },
};

beforeAll(async () => {
  database = await freshDatabase();
  store = createEventStore(database.db, { snapshotEvery: 10 });
});
afterAll(() => database.close());

/** Appends in chunks the way the command path does, snapshotting when a multiple of N is crossed. */
async function appendWithSnapshots(streamId: string, total: number, chunk: number) {
  let version = 0;
  let state = tally.initialState;
  while (version < total) {
    const events = things(Math.min(chunk, total - version), version + 1);
    const result = await store.append(streamId, events, {
      expectedVersion: version,
      metadata: systemMetadata,
    });
    for (const event of events) state = tally.evolve(state, { data: event.data } as never);
    await store.snapshotIfDue(streamId, tally, result.previousVersion, result.version, state);
    version = result.version;
  }
}

describe('snapshots', () => {
  it('are taken every N events, and loading from one equals folding every event', async () => {
    const streamId = newStreamId();
    await appendWithSnapshots(streamId, 47, 3);
    const taken = await rows<{ version: number }>(
      database.db,
      sql`SELECT version FROM snapshots WHERE stream_id = ${streamId} ORDER BY version`,
    );
    expect(taken.map((r) => Number(r.version))).toEqual([12, 21, 30, 42]);
    const fast = await store.load(streamId, tally);
    const full = await store.load(streamId, tally, { useSnapshots: false });
    expect(fast.snapshotVersion).toBe(42);
    expect(full.snapshotVersion).toBe(0);
    expect(fast).toMatchObject({ state: full.state, version: 47 });
    expect(full.state).toEqual({ count: 47, sum: (47 * 48) / 2, last: 47 });
  });

  it('load up to a version uses only snapshots at or before it', async () => {
    const streamId = newStreamId();
    await appendWithSnapshots(streamId, 25, 5);
    const at15 = await store.load(streamId, tally, { toVersion: 15 });
    expect(at15).toMatchObject({
      state: { count: 15, sum: 120, last: 15 },
      version: 15,
      snapshotVersion: 10,
    });
  });

  it('ignores a snapshot written with another state schema version', async () => {
    const streamId = newStreamId();
    await appendWithSnapshots(streamId, 8, 8);
    // An old release's snapshot: another shape, and wrong numbers if it were trusted.
    await database.db.execute(
      sql`INSERT INTO snapshots (stream_id, version, state_schema_version, state)
          VALUES (${streamId}, 5, 1, '{"total": 999}'::jsonb)`,
    );
    const loaded = await store.load(streamId, tally);
    expect(loaded).toMatchObject({ state: { count: 8, sum: 36, last: 8 }, version: 8, snapshotVersion: 0 });
  });

  it('kept parsed in memory: a later load reads no state again and folds the same', async () => {
    const cached = createEventStore(database.db, {
      snapshotEvery: 10,
      snapshotCache: { minBytes: 0, budgetBytes: 10_000 },
    });
    const streamId = newStreamId();
    await appendWithSnapshots(streamId, 35, 5);
    const cache = cached.snapshotCache;
    const first = await cached.load(streamId, tally);
    expect(cache.misses).toBe(0);
    expect(cache.bestVersion(streamId, tally.stateSchemaVersion)).toBe(30);
    const second = await cached.load(streamId, tally);
    expect(cache.hits).toBe(1);
    expect(second).toEqual(first);
    expect(second.state).toEqual({ count: 35, sum: (35 * 36) / 2, last: 35 });
    // A past version uses the cached snapshot at or below it, or reads and keeps the one it needs.
    expect((await cached.load(streamId, tally, { toVersion: 33 })).state.count).toBe(33);
    expect(cache.hits).toBe(2);
    expect(await cached.load(streamId, tally, { toVersion: 15 })).toMatchObject({
      state: { count: 15, sum: 120, last: 15 },
      snapshotVersion: 10,
    });
    expect(cache.bestVersion(streamId, tally.stateSchemaVersion, 29)).toBe(10);
    // A newer snapshot than the cached one is read (the cache never hides later events).
    await appendWithSnapshots2(cached, streamId, 35, 42);
    expect((await cached.load(streamId, tally)).state).toEqual({ count: 42, sum: (42 * 43) / 2, last: 42 });
    expect(cache.bestVersion(streamId, tally.stateSchemaVersion)).toBe(42);
    // Cached states are frozen: a folder that wrote to its input would throw, not corrupt loads.
    expect(Object.isFrozen(cache.get(streamId, tally.stateSchemaVersion, 30))).toBe(true);
  });

  it('cache stays within its budget and a cached snapshot deleted meanwhile is not needed', async () => {
    const cached = createEventStore(database.db, {
      snapshotEvery: 10,
      snapshotCache: { minBytes: 0, budgetBytes: 100 },
    });
    const streams = [newStreamId(), newStreamId(), newStreamId()];
    for (const streamId of streams) await appendWithSnapshots(streamId, 25, 5);
    for (const streamId of streams) await cached.load(streamId, tally);
    expect(cached.snapshotCache.bytes).toBeLessThanOrEqual(100);
    const [oldest] = streams as [string];
    expect(cached.snapshotCache.bestVersion(oldest, tally.stateSchemaVersion)).toBeUndefined();
    const latest = streams[2] as string;
    await database.db.execute(sql`DELETE FROM snapshots WHERE stream_id = ${latest}`);
    expect((await cached.load(latest, tally)).state).toEqual({ count: 25, sum: 325, last: 25 });
  });
});

/** Appends events from+1..to with another store (the cached one), snapshotting as it goes. */
async function appendWithSnapshots2(target: EventStore, streamId: string, from: number, to: number) {
  let state = (await target.load(streamId, tally)).state;
  const events = things(to - from, from + 1);
  const result = await target.append(streamId, events, { expectedVersion: from, metadata: systemMetadata });
  for (const event of events) state = tally.evolve(state, { data: event.data } as never);
  await target.snapshotIfDue(streamId, tally, result.previousVersion, result.version, state);
}
