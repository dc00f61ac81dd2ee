// Reading: stream ranges, time travel, the commit-safe global log, upcasting on every read.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '@/server/db/client';
import {
  type AppendResult,
  createEventStore,
  type EventStore,
  EventStoreInputError,
  type StoredEvent,
  UpcasterRegistry,
} from '@/server/eventstore';
import { appendInTransaction, prepare } from '@/server/eventstore/append';
import { streamSummary } from '@/server/eventstore/queries';
import { freshDatabase, type TestDatabase } from '../support/db';
import { newStreamId, systemMetadata, thing, things } from '../support/fixtures';

let database: TestDatabase;
let store: EventStore;
const registry = new UpcasterRegistry([
  // v1 stored a price in dollars; v2 in integer cents.
  {
    eventType: 'PriceSet',
    fromVersion: 1,
    toVersion: 2,
    upcast: (data) => {
      const { dollars, ...rest } = data as { dollars: number };
      return { ...rest, cents: Math.round(dollars * 100) };
    },
  },
]);

beforeAll(async () => {
  database = await freshDatabase();
  store = createEventStore(database.db, { upcasters: registry });
});
afterAll(() => database.close());

/**
 * Waits until an appended event is past the commit horizon. The horizon is cluster-wide: on a
 * shared server another database's open transaction (a parallel test file) holds it back a moment.
 */
async function untilVisible(appended: AppendResult): Promise<void> {
  const last = appended.events[appended.events.length - 1];
  const deadline = Date.now() + 15_000;
  for (;;) {
    const page = await store.readAll({ limit: 10_000 });
    if (page.events.some((e) => e.eventId === last?.eventId)) return;
    if (Date.now() > deadline) throw new Error('The appended event never became visible.');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Follows the whole log from the start, page by page, like a projection does. */
async function followLog(
  from: string | null = null,
  limit = 3,
): Promise<{ events: StoredEvent[]; cursor: string | null }> {
  const events: StoredEvent[] = [];
  let cursor = from;
  for (;;) {
    const page = await store.readAll({ after: cursor, limit });
    events.push(...page.events);
    if (page.events.length === 0) return { events, cursor };
    cursor = page.next;
  }
}

describe('readStream', () => {
  it('reads a version range', async () => {
    const streamId = newStreamId();
    await store.append(streamId, things(6), { expectedVersion: 0, metadata: systemMetadata });
    const middle = await store.readStream(streamId, { fromVersion: 2, toVersion: 4 });
    expect(middle.map((e) => e.version)).toEqual([2, 3, 4]);
  });

  it('reads the stream as it was known at a recorded time', async () => {
    const streamId = newStreamId();
    await store.append(streamId, things(2), { expectedVersion: 0, metadata: systemMetadata });
    const [second] = await store.readStream(streamId, { fromVersion: 2 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.append(streamId, things(1, 3), { expectedVersion: 2, metadata: systemMetadata });
    const then = await store.readStream(streamId, { asOf: second?.recordedAt });
    expect(then.map((e) => e.version)).toEqual([1, 2]);
    expect((await store.readStream(streamId)).map((e) => e.version)).toEqual([1, 2, 3]);
  });

  it('refuses a negative version and an invalid time', async () => {
    await expect(store.readStream(newStreamId(), { fromVersion: -1 })).rejects.toBeInstanceOf(
      EventStoreInputError,
    );
    await expect(store.readStream(newStreamId(), { asOf: 'yesterday-ish' })).rejects.toMatchObject({
      code: 'invalid_range',
    });
  });
});

describe('streamSummary', () => {
  it('counts the stream and keeps its event types distinct and sorted across appends', async () => {
    const streamId = newStreamId();
    expect(await streamSummary(database.db, streamId)).toBeNull();
    await store.append(streamId, [{ type: 'Zed', data: {} }, thing(1), { type: 'Alpha', data: {} }], {
      expectedVersion: 0,
      metadata: systemMetadata,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.append(
      streamId,
      [
        { type: 'Alpha', data: {} },
        { type: 'Middle', data: {} },
      ],
      {
        expectedVersion: 3,
        metadata: systemMetadata,
      },
    );
    const events = await store.readStream(streamId);
    expect(await streamSummary(database.db, streamId)).toEqual({
      events: 5,
      firstRecordedAt: events[0]?.recordedAt,
      lastRecordedAt: events[4]?.recordedAt,
      eventTypes: ['Alpha', 'Middle', 'ThingHappened', 'Zed'],
    });
    // A refused append (wrong expected version) leaves the head alone.
    await expect(
      store.append(streamId, [{ type: 'Other', data: {} }], { expectedVersion: 1, metadata: systemMetadata }),
    ).rejects.toThrow();
    expect((await streamSummary(database.db, streamId))?.eventTypes).not.toContain('Other');
  });
});

describe('upcasting', () => {
  it('reads an event stored at schema v1 as v2 on every read path', async () => {
    const streamId = newStreamId('product');
    await store.append(streamId, [{ type: 'PriceSet', schemaVersion: 1, data: { dollars: 12.34 } }], {
      expectedVersion: 0,
      metadata: { ...systemMetadata, source: 'import' },
    });
    await untilVisible(
      await store.append(streamId, [{ type: 'PriceSet', data: { cents: 999 } }], {
        expectedVersion: 1,
        metadata: systemMetadata,
      }),
    );
    const [old, current] = await store.readStream(streamId);
    expect(old).toMatchObject({ schemaVersion: 2, storedSchemaVersion: 1, data: { cents: 1234 } });
    expect(current).toMatchObject({ schemaVersion: 2, storedSchemaVersion: 2, data: { cents: 999 } });
    const { events } = await followLog(null, 1000);
    const fromLog = events.filter((e) => e.streamId === streamId);
    expect(fromLog.map((e) => e.data)).toEqual([{ cents: 1234 }, { cents: 999 }]);
    // The stored row keeps what was written: history is never rewritten.
    const [raw] = await rows<{ data: string }>(
      database.db,
      sql`SELECT data::text AS data FROM events WHERE stream_id = ${streamId} AND version = 1`,
    );
    expect(JSON.parse(raw?.data ?? '{}')).toEqual({ dollars: 12.34 });
  });
});

describe('readAll', () => {
  it('pages through the log with an opaque cursor, each event once, in commit order', async () => {
    const a = newStreamId();
    const b = newStreamId();
    await store.append(a, things(2), { expectedVersion: 0, metadata: systemMetadata });
    await store.append(b, things(2), { expectedVersion: 0, metadata: systemMetadata });
    await untilVisible(await store.append(a, things(1, 3), { expectedVersion: 2, metadata: systemMetadata }));
    const { events } = await followLog(null, 2);
    const ours = events.filter((e) => e.streamId === a || e.streamId === b);
    expect(ours.map((e) => `${e.streamId === a ? 'a' : 'b'}${e.version}`)).toEqual([
      'a1',
      'a2',
      'b1',
      'b2',
      'a3',
    ]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    expect(events[0]?.cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses a cursor it did not hand out', async () => {
    await expect(store.readAll({ after: 'bm9wZQ' })).rejects.toMatchObject({ code: 'invalid_cursor' });
    await expect(store.readAll({ limit: 0 })).rejects.toMatchObject({ code: 'invalid_range' });
  });

  it('filters by event type and stream type', async () => {
    const streamId = newStreamId('filtered');
    await untilVisible(
      await store.append(streamId, [thing(1), { type: 'OtherThing', data: {} }], {
        expectedVersion: 0,
        metadata: systemMetadata,
      }),
    );
    const page = await store.readAll({ eventTypes: ['OtherThing'], streamTypes: ['filtered'], limit: 100 });
    expect(page.events.map((e) => [e.streamId, e.eventType])).toEqual([[streamId, 'OtherThing']]);
  });
});

// Two transactions interleaving needs two connections; PGlite has exactly one and runs every
// transaction to its end before the next, so the gap this guards against cannot arise there.
describe.skipIf(process.env.DATABASE_URL === undefined)('gap safety (two connections)', () => {
  async function scenario(outcome: 'commit' | 'rollback') {
    const other = await database.openAnother(2);
    try {
      const { cursor: start } = await followLog();
      const streamA = newStreamId('gap');
      const streamB = newStreamId('gap');
      let releaseA: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        releaseA = resolve;
      });
      let aStarted: () => void = () => {};
      const aInserted = new Promise<void>((resolve) => {
        aStarted = resolve;
      });
      const transactionA = other.db
        .transaction(async (tx) => {
          await appendInTransaction(
            tx,
            prepare(registry, streamA, things(2), { expectedVersion: 0, metadata: systemMetadata }),
          );
          aStarted();
          await gate;
          if (outcome === 'rollback') throw new Error('roll A back');
        })
        .catch((error: Error) => {
          if (error.message !== 'roll A back') throw error;
        });
      await aInserted;
      // B starts after A, so its events get higher positions, and commits first.
      const appendedB = await store.append(streamB, things(2), {
        expectedVersion: 0,
        metadata: systemMetadata,
      });
      const whileOpen = await followLog(start);
      expect(whileOpen.events.filter((e) => e.streamId === streamB)).toEqual([]);
      expect(whileOpen.events.filter((e) => e.streamId === streamA)).toEqual([]);

      releaseA();
      await transactionA;
      await untilVisible(appendedB);
      const after = await followLog(whileOpen.cursor);
      const seen = after.events.filter((e) => e.streamId === streamA || e.streamId === streamB);
      const expected = outcome === 'commit' ? ['A1', 'A2', 'B1', 'B2'] : ['B1', 'B2'];
      expect(seen.map((e) => `${e.streamId === streamA ? 'A' : 'B'}${e.version}`)).toEqual(expected);
      // Nothing shows up twice when following the log from the very start either.
      const all = await followLog(start, 1);
      expect(all.events.filter((e) => e.streamId === streamA || e.streamId === streamB)).toEqual(seen);
    } finally {
      await other.close();
    }
  }

  it('does not hand out B while an older transaction A is still open; A then B after A commits', () =>
    scenario('commit'));
  it('hands out B once A rolls back, and never A', () => scenario('rollback'));
});
