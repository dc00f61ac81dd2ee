// append(): versions, optimistic concurrency, idempotent command ids, refusal of bad input.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '@/server/db/client';
import {
  CommandIdReusedError,
  ConcurrencyError,
  createEventStore,
  type EventStore,
  EventStoreInputError,
} from '@/server/eventstore';
import { freshDatabase, type TestDatabase } from '../support/db';
import { newStreamId, systemMetadata, thing, things } from '../support/fixtures';

let database: TestDatabase;
let store: EventStore;

beforeAll(async () => {
  database = await freshDatabase(60);
  store = createEventStore(database.db);
});
afterAll(() => database.close());

const countEvents = async (streamId: string) =>
  Number(
    (
      await rows<{ n: string }>(
        database.db,
        sql`SELECT count(*) AS n FROM events WHERE stream_id = ${streamId}`,
      )
    )[0]?.n,
  );

describe('append', () => {
  it('stores events with consecutive versions and reads them back in order', async () => {
    const streamId = newStreamId();
    const first = await store.append(streamId, things(2), { expectedVersion: 0, metadata: systemMetadata });
    const second = await store.append(streamId, things(3, 3), {
      expectedVersion: 2,
      metadata: systemMetadata,
    });
    expect(first).toMatchObject({ previousVersion: 0, version: 2, duplicate: false });
    expect(second.events.map((e) => e.version)).toEqual([3, 4, 5]);
    const read = await store.readStream(streamId);
    expect(read.map((e) => [e.version, (e.data as { n: number }).n])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
    expect(read[0]).toMatchObject({ streamType: 'test', eventType: 'ThingHappened', schemaVersion: 1 });
    expect(read[0]?.metadata).toMatchObject(systemMetadata);
  });

  it('raises ConcurrencyError carrying both versions on a stale expectedVersion', async () => {
    const streamId = newStreamId();
    await store.append(streamId, things(2), { expectedVersion: 0, metadata: systemMetadata });
    const error = await store
      .append(streamId, [thing(9)], { expectedVersion: 1, metadata: systemMetadata })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ streamId, expectedVersion: 1, actualVersion: 2 });
    expect(await countEvents(streamId)).toBe(2);
  });

  it('refuses a non-zero expectedVersion for a stream that does not exist, creating nothing', async () => {
    const streamId = newStreamId();
    const error = await store
      .append(streamId, [thing(1)], { expectedVersion: 3, metadata: systemMetadata })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ConcurrencyError', expectedVersion: 3, actualVersion: 0 });
    const streams = await rows(database.db, sql`SELECT 1 FROM streams WHERE stream_id = ${streamId}`);
    expect(streams).toHaveLength(0);
  });

  it('lets exactly one of 50 concurrent appends with the same expectedVersion win', async () => {
    const streamId = newStreamId();
    await store.append(streamId, things(1), { expectedVersion: 0, metadata: systemMetadata });
    // Each contender gets its own connection on the server (the pool holds 60).
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        store.append(streamId, [thing(100 + i), thing(200 + i)], {
          expectedVersion: 1,
          metadata: systemMetadata,
        }),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const reason of lost) {
      expect(reason).toBeInstanceOf(ConcurrencyError);
      expect(reason).toMatchObject({ streamId, expectedVersion: 1, actualVersion: 3 });
    }
    const versions = (await store.readStream(streamId)).map((e) => e.version);
    expect(versions).toEqual([1, 2, 3]);
  });

  it('records a command id once: 10 concurrent duplicates append one set of events', async () => {
    const streamId = newStreamId();
    const commandId = `cmd-${streamId}`;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        store.append(streamId, things(2), { expectedVersion: 'any', commandId, metadata: systemMetadata }),
      ),
    );
    expect(await countEvents(streamId)).toBe(2);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    // The first append also hands back the stored events (for its after-commit step); a duplicate
    // answers with the same result, without them.
    const { stored: _stored, ...first } = results.find((r) => !r.duplicate) ?? {};
    for (const { stored: _none, ...result } of results) {
      expect({ ...result, duplicate: false }).toEqual(first);
    }
    const read = await store.readStream(streamId);
    expect(read.every((e) => e.metadata.commandId === commandId)).toBe(true);
  });

  it('returns the first result for a replayed command id even with a stale expectedVersion', async () => {
    const streamId = newStreamId();
    const options = { expectedVersion: 0, commandId: `cmd-${streamId}`, metadata: systemMetadata };
    const first = await store.append(streamId, [thing(1)], options);
    const again = await store.append(streamId, [thing(1)], options);
    const { stored: _stored, ...firstResult } = first;
    expect(again).toEqual({ ...firstResult, duplicate: true });
    expect(await countEvents(streamId)).toBe(1);
  });

  it('refuses a command id reused for a different request with a distinct error', async () => {
    const streamId = newStreamId();
    const commandId = `cmd-${streamId}`;
    await store.append(streamId, [thing(1)], { expectedVersion: 0, commandId, metadata: systemMetadata });
    const otherBody = await store
      .append(streamId, [thing(2)], { expectedVersion: 1, commandId, metadata: systemMetadata })
      .catch((e: unknown) => e);
    expect(otherBody).toBeInstanceOf(CommandIdReusedError);
    const otherStream = await store
      .append(newStreamId(), [thing(1)], { expectedVersion: 0, commandId, metadata: systemMetadata })
      .catch((e: unknown) => e);
    expect(otherStream).toBeInstanceOf(CommandIdReusedError);
    expect(await countEvents(streamId)).toBe(1);
  });

  it('extends the hash chain across appends', async () => {
    const streamId = newStreamId();
    await store.append(streamId, things(3), { expectedVersion: 0, metadata: systemMetadata });
    await store.append(streamId, things(2, 4), { expectedVersion: 3, metadata: systemMetadata });
    const hashes = (await store.readStream(streamId)).map((e) => e.hash);
    expect(new Set(hashes).size).toBe(5);
    expect(hashes.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    expect(await store.verifyStream(streamId)).toEqual({ streamId, events: 5, valid: true });
  });
});

describe('bad input is refused before anything is written', () => {
  const cases: [string, () => Promise<unknown>, string][] = [
    [
      'an empty event list',
      () => store.append(newStreamId(), [], { expectedVersion: 0, metadata: systemMetadata }),
      'no_events',
    ],
    [
      'an invalid stream id',
      () => store.append('not a stream', things(1), { expectedVersion: 0, metadata: systemMetadata }),
      'invalid_stream_id',
    ],
    [
      'expectedVersion below 0',
      () => store.append(newStreamId(), things(1), { expectedVersion: -1, metadata: systemMetadata }),
      'invalid_expected_version',
    ],
    [
      'a fractional expectedVersion',
      () => store.append(newStreamId(), things(1), { expectedVersion: 1.5, metadata: systemMetadata }),
      'invalid_expected_version',
    ],
    [
      'a bigint in data',
      () =>
        store.append(newStreamId(), [thing(1, { big: 10n })], {
          expectedVersion: 0,
          metadata: systemMetadata,
        }),
      'not_serialisable',
    ],
    [
      'NaN in data',
      () =>
        store.append(newStreamId(), [thing(1, { x: Number.NaN })], {
          expectedVersion: 0,
          metadata: systemMetadata,
        }),
      'not_serialisable',
    ],
    [
      'a function in data',
      () =>
        store.append(newStreamId(), [thing(1, { f: () => 1 })], {
          expectedVersion: 0,
          metadata: systemMetadata,
        }),
      'not_serialisable',
    ],
    [
      'a Date in data',
      () =>
        store.append(newStreamId(), [thing(1, { at: new Date() })], {
          expectedVersion: 0,
          metadata: systemMetadata,
        }),
      'not_serialisable',
    ],
    [
      'a NUL character',
      () =>
        store.append(newStreamId(), [thing(1, { s: 'a\u0000b' })], {
          expectedVersion: 0,
          metadata: systemMetadata,
        }),
      'not_serialisable',
    ],
    [
      'half of a surrogate pair',
      () =>
        store.append(newStreamId(), [thing(1, { s: 'a\ud800b' })], {
          expectedVersion: 0,
          metadata: systemMetadata,
        }),
      'not_serialisable',
    ],
    [
      'half of a surrogate pair in a key',
      () =>
        store.append(newStreamId(), [thing(1, { '\udc00': 1 })], {
          expectedVersion: 0,
          metadata: systemMetadata,
        }),
      'not_serialisable',
    ],
    [
      'a lower-case event type',
      () =>
        store.append(newStreamId(), [{ type: 'thing', data: {} }], {
          expectedVersion: 0,
          metadata: systemMetadata,
        }),
      'invalid_event',
    ],
    [
      'data that is not an object',
      () =>
        store.append(newStreamId(), [{ type: 'Thing', data: [1] }], {
          expectedVersion: 0,
          metadata: systemMetadata,
        }),
      'invalid_event',
    ],
    [
      'metadata without an actor',
      () =>
        store.append(newStreamId(), things(1), {
          expectedVersion: 0,
          metadata: { ...systemMetadata, actor: undefined } as never,
        }),
      'invalid_metadata',
    ],
  ];

  it.each(cases)('%s', async (_name, attempt, code) => {
    const before = await rows<{ n: string }>(database.db, sql`SELECT count(*) AS n FROM events`);
    const error = await attempt().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventStoreInputError);
    expect(error).toMatchObject({ code });
    const after = await rows<{ n: string }>(database.db, sql`SELECT count(*) AS n FROM events`);
    expect(after).toEqual(before);
  });

  it('refuses a cyclic structure', async () => {
    const cyclic: Record<string, unknown> = { n: 1 };
    cyclic.self = cyclic;
    const error = await store
      .append(newStreamId(), [{ type: 'Thing', data: cyclic }], {
        expectedVersion: 0,
        metadata: systemMetadata,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'not_serialisable' });
  });
});
