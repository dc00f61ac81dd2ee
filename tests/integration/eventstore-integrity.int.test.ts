// History cannot be rewritten: the database refuses it, and tampering is detected by the chain.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventStore, type EventStore } from '@/server/eventstore';
import { verifyStream } from '@/server/eventstore/verify';
import { freshDatabase, type TestDatabase } from '../support/db';
import { newStreamId, systemMetadata, things } from '../support/fixtures';

let database: TestDatabase;
let store: EventStore;

beforeAll(async () => {
  database = await freshDatabase();
  store = createEventStore(database.db);
});
afterAll(() => database.close());

/** Runs `change` with the append-only triggers off, as only an attacker with DDL rights could. */
async function tamper(change: ReturnType<typeof sql>) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE events DISABLE TRIGGER USER`);
    await tx.execute(change);
    await tx.execute(sql`ALTER TABLE events ENABLE TRIGGER USER`);
  });
}

describe('the events table is append-only', () => {
  it.each([
    ['UPDATE', sql`UPDATE events SET event_type = 'Rewritten'`],
    ['DELETE', sql`DELETE FROM events`],
    ['TRUNCATE', sql`TRUNCATE events`],
  ])('refuses %s', async (operation, statement) => {
    const streamId = newStreamId();
    await store.append(streamId, things(2), { expectedVersion: 0, metadata: systemMetadata });
    await expect(database.db.execute(statement)).rejects.toThrow();
    const error = await database.db.execute(statement).catch((e: { cause?: { message?: string } }) => e);
    expect(String((error as { cause?: { message?: string } }).cause?.message)).toContain(
      `append-only: ${operation} is not allowed`,
    );
    expect((await store.readStream(streamId)).map((e) => e.eventType)).toEqual([
      'ThingHappened',
      'ThingHappened',
    ]);
  });
});

describe('verifyStream', () => {
  it('names the version whose data was changed', async () => {
    const streamId = newStreamId();
    await store.append(streamId, things(5), { expectedVersion: 0, metadata: systemMetadata });
    expect(await store.verifyStream(streamId)).toEqual({ streamId, events: 5, valid: true });
    await tamper(
      sql`UPDATE events SET data = jsonb_set(data, '{n}', '42') WHERE stream_id = ${streamId} AND version = 3`,
    );
    expect(await store.verifyStream(streamId)).toEqual({
      streamId,
      events: 5,
      valid: false,
      firstInvalidVersion: 3,
    });
    expect((await store.readStream(streamId, { fromVersion: 3, toVersion: 3 }))[0]?.data).toEqual({ n: 42 });
  });

  it('notices a changed recorded time and a changed actor', async () => {
    const timeStream = newStreamId();
    const actorStream = newStreamId();
    await store.append(timeStream, things(3), { expectedVersion: 0, metadata: systemMetadata });
    await store.append(actorStream, things(3), { expectedVersion: 0, metadata: systemMetadata });
    await tamper(
      sql`UPDATE events SET recorded_at = recorded_at - interval '1 day' WHERE stream_id = ${timeStream} AND version = 2`,
    );
    await tamper(
      sql`UPDATE events SET metadata = jsonb_set(metadata, '{actor,role}', '"admin"')
          WHERE stream_id = ${actorStream} AND version = 1`,
    );
    expect(await store.verifyStream(timeStream)).toMatchObject({ valid: false, firstInvalidVersion: 2 });
    expect(await store.verifyStream(actorStream)).toMatchObject({ valid: false, firstInvalidVersion: 1 });
  });

  it('pages by version windows, and a window with events missing reads on to the next ones', async () => {
    // Pages are read as version windows (versions are dense); events removed behind the store's
    // back leave a short window, which is read again without its upper bound: the same pages and
    // the same verdict as reading `version >= from` alone.
    const streamId = newStreamId();
    await store.append(streamId, things(12), { expectedVersion: 0, metadata: systemMetadata });
    const pages = async () => {
      const seen: number[][] = [];
      for (let from = 1; ; ) {
        const page = await store.readStream(streamId, { fromVersion: from, limit: 4 });
        if (page.length === 0) return seen;
        seen.push(page.map((e) => e.version));
        from = (page[page.length - 1]?.version ?? from) + 1;
      }
    };
    expect(await pages()).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10, 11, 12],
    ]);
    await tamper(sql`DELETE FROM events WHERE stream_id = ${streamId} AND version BETWEEN 5 AND 8`);
    expect(await pages()).toEqual([
      [1, 2, 3, 4],
      [9, 10, 11, 12],
    ]);
    expect(await store.readStream(streamId, { fromVersion: 3, limit: 4 })).toHaveLength(4);
    // A whole verify chunk missing: found where it starts, every remaining event counted.
    expect(await verifyStream(database.db, streamId, { chunk: 4 })).toEqual({
      streamId,
      events: 8,
      valid: false,
      firstInvalidVersion: 5,
    });
  });

  it('notices a deleted last event', async () => {
    const streamId = newStreamId();
    await store.append(streamId, things(4), { expectedVersion: 0, metadata: systemMetadata });
    await tamper(sql`DELETE FROM events WHERE stream_id = ${streamId} AND version = 4`);
    expect(await store.verifyStream(streamId)).toEqual({
      streamId,
      events: 3,
      valid: false,
      firstInvalidVersion: 4,
    });
  });
});
