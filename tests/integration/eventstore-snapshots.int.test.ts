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
});
