// Questions about the store other than "read a stream" and "read the global log": counts, stream
// heads, events by id, a stream's summary. The event tables are sealed (only server/eventstore
// touches them, `npm run check` enforces it), so every other module asks here.
import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, rows } from '../db/client';
import { encodeCursor, type LogPosition } from './cursor';
import { EventStoreInputError } from './errors';
import { COMMITTED } from './read';

const UTC_ISO = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

const list = (values: readonly string[], cast = ''): SQL =>
  sql.join(
    values.map((value) => sql`${value}${sql.raw(cast)}`),
    sql`, `,
  );

/** Where an event sits: enough to link to it. */
export interface EventRef {
  eventId: string;
  streamId: string;
  version: number;
  eventType: string;
}

type EventRefRow = {
  event_id: string;
  stream_id: string;
  version: number | string;
  event_type: string;
};

const toRef = (row: EventRefRow): EventRef => ({
  eventId: row.event_id,
  streamId: row.stream_id,
  version: Number(row.version),
  eventType: row.event_type,
});

/** True once any event has been recorded. */
export async function hasEvents(executor: Executor): Promise<boolean> {
  const found = await rows(executor, sql`SELECT 1 AS one FROM events LIMIT 1`);
  return found.length > 0;
}

/** Events recorded, in all or after a position of the commit order (e.g. a projection's lag). */
export async function countEvents(
  executor: Executor,
  options: { after?: LogPosition } = {},
): Promise<number> {
  const after = options.after
    ? sql`WHERE (tx_id, global_position) > (${options.after.txId}::xid8, ${options.after.globalPosition}::bigint)`
    : sql``;
  const [row] = await rows<{ n: string | number }>(executor, sql`SELECT count(*) AS n FROM events ${after}`);
  return Number(row?.n ?? 0);
}

/**
 * An SQL expression: true when any event sits after the position (two SQL values, an xid8 and a
 * bigint) in the commit order, else NULL. One index probe; other modules put it in their own
 * statement (a projection's "anything left to do"). A transaction still running is not seen.
 * In index order with LIMIT 1: as EXISTS the planner scans the table for the row it expects soon,
 * and when there is none (the usual answer) reads all of it (360 ms at 1M events).
 */
export const eventsAfterSql = (txId: SQL, globalPosition: SQL): SQL =>
  sql`(SELECT true FROM events WHERE (tx_id, global_position) > (${txId}, ${globalPosition})
        ORDER BY tx_id, global_position LIMIT 1)`;

/** How many events of each type, optionally only those written by the given sources. */
export async function eventCountsByType(
  executor: Executor,
  options: { sources?: readonly string[] } = {},
): Promise<Record<string, number>> {
  const where = options.sources?.length
    ? sql`WHERE metadata->>'source' IN (${list(options.sources)})`
    : sql``;
  const found = await rows<{ event_type: string; n: string | number }>(
    executor,
    sql`SELECT event_type, count(*) AS n FROM events ${where} GROUP BY event_type ORDER BY event_type`,
  );
  return Object.fromEntries(found.map((row) => [row.event_type, Number(row.n)]));
}

/** The streams holding an event of this type stored at this schema version (before upcasting). */
export async function streamsWithStoredVersion(
  executor: Executor,
  eventType: string,
  schemaVersion: number,
): Promise<string[]> {
  const found = await rows<{ stream_id: string }>(
    executor,
    sql`SELECT DISTINCT stream_id FROM events
        WHERE event_type = ${eventType} AND schema_version = ${schemaVersion} ORDER BY stream_id`,
  );
  return found.map((row) => row.stream_id);
}

export interface StoredStream {
  streamId: string;
  streamType: string;
  version: number;
}

/** Every stream with at least one event and its current version, by stream id. */
export async function streamHeads(
  executor: Executor,
  options: { streamType?: string } = {},
): Promise<StoredStream[]> {
  const ofType = options.streamType === undefined ? sql`` : sql`AND stream_type = ${options.streamType}`;
  const found = await rows<{ stream_id: string; stream_type: string; version: number | string }>(
    executor,
    sql`SELECT stream_id, stream_type, version FROM streams WHERE version > 0 ${ofType} ORDER BY stream_id`,
  );
  return found.map((row) => ({
    streamId: row.stream_id,
    streamType: row.stream_type,
    version: Number(row.version),
  }));
}

/** The events with these ids (any stream), for links such as a causation id. */
export async function findEventsById(executor: Executor, eventIds: readonly string[]): Promise<EventRef[]> {
  const ids = [...new Set(eventIds)].filter((id) => UUID.test(id));
  if (ids.length === 0) return [];
  const found = await rows<EventRefRow>(
    executor,
    sql`SELECT event_id::text AS event_id, stream_id, version, event_type FROM events
        WHERE event_id IN (${list(ids, '::uuid')})`,
  );
  return found.map(toRef);
}

/** The first event of a type in a stream whose data field equals a value (e.g. a charge's id). */
export async function findEventByData(
  executor: Executor,
  query: { streamId: string; eventType: string; field: string; value: string },
): Promise<EventRef | null> {
  const [row] = await rows<EventRefRow>(
    executor,
    sql`SELECT event_id::text AS event_id, stream_id, version, event_type FROM events
        WHERE stream_id = ${query.streamId} AND event_type = ${query.eventType}
          AND data->>${query.field} = ${query.value}
        ORDER BY version LIMIT 1`,
  );
  return row ? toRef(row) : null;
}

export interface StreamSummary {
  events: number;
  firstRecordedAt: string;
  lastRecordedAt: string;
  /** Every event type in the stream, sorted. */
  eventTypes: string[];
}

/**
 * Count, time span and event types of one stream in one round trip, from its head row and its first
 * event (no scan of the stream: versions run 1..n, and the append keeps the types); null when it
 * has no events.
 */
export async function streamSummary(executor: Executor, streamId: string): Promise<StreamSummary | null> {
  const [row] = await rows<{
    n: string | number;
    first_at: string | null;
    last_at: string | null;
    types: string[] | null;
  }>(
    executor,
    sql`SELECT s.version AS n, ${UTC_ISO('e.recorded_at')} AS first_at, ${UTC_ISO('s.last_recorded_at')} AS last_at,
          s.event_types AS types
        FROM streams s LEFT JOIN events e ON e.stream_id = s.stream_id AND e.version = 1
        WHERE s.stream_id = ${streamId}`,
  );
  const events = Number(row?.n ?? 0);
  if (!row || events === 0 || !row.first_at || !row.last_at) return null;
  return {
    events,
    firstRecordedAt: row.first_at,
    lastRecordedAt: row.last_at,
    eventTypes: row.types ?? [],
  };
}

/** The last version of a stream recorded at or before `asOf` (0 when none was). */
export async function versionRecordedBy(
  executor: Executor,
  streamId: string,
  asOf: string | Date,
): Promise<number> {
  const at = asOf instanceof Date ? asOf : new Date(asOf);
  if (Number.isNaN(at.getTime()))
    throw new EventStoreInputError('invalid_range', 'asOf is not a valid time.');
  const [row] = await rows<{ version: number | string | null }>(
    executor,
    sql`SELECT max(version) AS version FROM events
        WHERE stream_id = ${streamId} AND recorded_at <= ${at.toISOString()}::timestamptz`,
  );
  return Number(row?.version ?? 0);
}

/**
 * A readAll cursor `back` committed events before the end of the commit-safe log (the start of the
 * log when it holds fewer), so a feed can open on recent activity and then follow new events.
 */
export async function recentCursor(executor: Executor, back: number): Promise<string> {
  if (!Number.isSafeInteger(back) || back < 0)
    throw new EventStoreInputError('invalid_range', 'back must be an integer of 0 or more.');
  const [row] = await rows<{ tx_id: string; global_position: string | number }>(
    executor,
    sql`SELECT tx_id::text AS tx_id, global_position FROM events WHERE ${COMMITTED}
        ORDER BY events.tx_id DESC, events.global_position DESC OFFSET ${back} LIMIT 1`,
  );
  return row ? encodeCursor({ txId: row.tx_id, globalPosition: Number(row.global_position) }) : '';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Events recorded per minute since `since` (epoch minute → count), for the admin console's chart. */
export async function eventsPerMinuteSince(executor: Executor, since: Date): Promise<Map<number, number>> {
  const found = await rows<{ minute: string | number; n: string | number }>(
    executor,
    sql`SELECT floor(extract(epoch FROM recorded_at) / 60)::bigint AS minute, count(*) AS n FROM events
        WHERE recorded_at >= ${since.toISOString()}::timestamptz GROUP BY 1`,
  );
  return new Map(found.map((row) => [Number(row.minute), Number(row.n)]));
}

/** How many streams there are. */
export async function countStreams(executor: Executor): Promise<number> {
  const [row] = await rows<{ n: string | number }>(executor, sql`SELECT count(*) AS n FROM streams`);
  return Number(row?.n ?? 0);
}
