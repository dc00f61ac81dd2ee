// Reading events: one stream by version or recorded time, or the global log in commit-safe order.
import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, rows } from '../db/client';
import type { JsonValue } from './canonical';
import { decodeCursor, encodeCursor } from './cursor';
import { EventStoreInputError } from './errors';
import { type EventMetadata, type ProjectedEvent, type StoredEvent, streamTypeOf } from './types';
import type { UpcasterRegistry } from './upcasters';

export interface EventRowText {
  global_position: string | number;
  stream_id: string;
  stream_type: string;
  version: number;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
  tx_id: string;
  hash: string;
}

/** Columns selected as text, so both drivers hand back the same values. */
export const EVENT_COLUMNS =
  sql.raw(`global_position, stream_id, stream_type, version, event_id::text AS event_id,
  event_type, schema_version, data::text AS data, metadata::text AS metadata,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at,
  tx_id::text AS tx_id, hash`);

export function toStoredEvent(row: EventRowText, registry: UpcasterRegistry): StoredEvent {
  const storedSchemaVersion = Number(row.schema_version);
  const upcast = registry.upcast(row.event_type, storedSchemaVersion, JSON.parse(row.data));
  const globalPosition = Number(row.global_position);
  return {
    globalPosition,
    streamId: row.stream_id,
    streamType: row.stream_type,
    version: Number(row.version),
    eventId: row.event_id,
    eventType: row.event_type,
    schemaVersion: upcast.schemaVersion,
    storedSchemaVersion,
    data: upcast.data as JsonValue,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    recordedAt: row.recorded_at,
    txId: row.tx_id,
    hash: row.hash,
    cursor: encodeCursor({ txId: row.tx_id, globalPosition }),
  };
}

export interface ReadStreamOptions {
  fromVersion?: number;
  toVersion?: number;
  /** Only events recorded at or before this instant (ISO 8601). */
  asOf?: string | Date;
  limit?: number;
}

export async function readStream(
  executor: Executor,
  registry: UpcasterRegistry,
  streamId: string,
  options: ReadStreamOptions = {},
): Promise<StoredEvent[]> {
  streamTypeOf(streamId);
  const from = checkVersion(options.fromVersion, 'fromVersion') ?? 1;
  const to = checkVersion(options.toVersion, 'toVersion');
  const conditions: SQL[] = [sql`stream_id = ${streamId}`, sql`version >= ${from}`];
  if (to !== undefined) conditions.push(sql`version <= ${to}`);
  if (options.asOf !== undefined)
    conditions.push(sql`recorded_at <= ${toInstant(options.asOf)}::timestamptz`);
  const limit = options.limit === undefined ? undefined : checkLimit(options.limit, 100_000);
  const select = (where: readonly SQL[]) =>
    rows<EventRowText & Record<string, unknown>>(
      executor,
      sql`SELECT ${EVENT_COLUMNS} FROM events WHERE ${sql.join([...where], sql` AND `)}
          ORDER BY version ${limit === undefined ? sql`` : sql`LIMIT ${limit}`}`,
    );
  // A page of a long stream: versions are dense (append numbers them 1, 2, 3, …), so the next
  // `limit` events are the window [from, from + limit - 1]. Bounded on both sides the server
  // reads only those; with `version >= from` alone it took the later versions of a 10,000-event
  // stream for about 99 rows, read all of them by a bitmap scan and sorted them (63 ms a page of
  // the export). A short window (the stream's end, or a gap) is read again unbounded, so the
  // answer is the same in every case. Not with `asOf`: recording times need not follow versions.
  const windowEnd = limit === undefined ? undefined : from + limit - 1;
  if (windowEnd !== undefined && options.asOf === undefined && (to === undefined || windowEnd < to)) {
    const window = await select([...conditions, sql`version <= ${windowEnd}`]);
    if (window.length === limit) return window.map((row) => toStoredEvent(row, registry));
  }
  const found = await select(conditions);
  return found.map((row) => toStoredEvent(row, registry));
}

/** The columns a fold needs (ProjectedEvent), as text like EVENT_COLUMNS. */
const FOLD_COLUMNS = sql.raw(`global_position, stream_id, stream_type, version, event_type,
  schema_version, data::text AS data,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at, tx_id::text AS tx_id`);

type FoldRowText = Pick<
  EventRowText,
  | 'global_position'
  | 'stream_id'
  | 'stream_type'
  | 'version'
  | 'event_type'
  | 'schema_version'
  | 'data'
  | 'recorded_at'
  | 'tx_id'
>;

/**
 * Whole streams at once for a rebuild's fold, each in version order, streams in the order given:
 * only events of transactions below `beforeTxId` (a commit horizon the caller took), so the cut is
 * one moment; and only what a projection sees of them (no metadata, hash or ids: less for the
 * server to send and for Node to parse).
 */
export async function readStreamsToFold(
  executor: Executor,
  registry: UpcasterRegistry,
  streamIds: readonly string[],
  beforeTxId: string,
): Promise<ProjectedEvent[]> {
  if (streamIds.length === 0) return [];
  const found = await rows<FoldRowText & Record<string, unknown>>(
    executor,
    sql`SELECT ${FOLD_COLUMNS} FROM events
        WHERE stream_id IN (${list(streamIds)}) AND tx_id < ${beforeTxId}::xid8
        ORDER BY stream_id, version`,
  );
  return found.map((row) => {
    const upcast = registry.upcast(row.event_type, Number(row.schema_version), JSON.parse(row.data));
    return {
      globalPosition: Number(row.global_position),
      streamId: row.stream_id,
      streamType: row.stream_type,
      version: Number(row.version),
      eventType: row.event_type,
      schemaVersion: upcast.schemaVersion,
      data: upcast.data as JsonValue,
      recordedAt: row.recorded_at,
      txId: row.tx_id,
    };
  });
}

/** The commit horizon: only transactions older than every transaction still running. */
export const COMMITTED = sql`tx_id < pg_snapshot_xmin(pg_current_snapshot())`;

export interface ReadAllOptions {
  /** Opaque cursor from a previous page; absent = from the beginning. */
  after?: string | null;
  limit?: number;
  eventTypes?: readonly string[];
  streamTypes?: readonly string[];
}

export interface ReadAllPage {
  events: StoredEvent[];
  /** Cursor to continue from; equals `after` when nothing new was committed. */
  next: string;
}

/**
 * The global log in commit order. Only transactions older than every transaction still running
 * are visible (`tx_id < xmin`), so an event that commits late can never land behind a cursor.
 */
export async function readAll(
  executor: Executor,
  registry: UpcasterRegistry,
  options: ReadAllOptions = {},
): Promise<ReadAllPage> {
  const after = decodeCursor(options.after);
  const limit = checkLimit(options.limit ?? 500, 10_000);
  const conditions: SQL[] = [
    COMMITTED,
    sql`(tx_id, global_position) > (${after.txId}::xid8, ${after.globalPosition}::bigint)`,
  ];
  if (options.eventTypes?.length) conditions.push(sql`event_type IN (${list(options.eventTypes)})`);
  if (options.streamTypes?.length) conditions.push(sql`stream_type IN (${list(options.streamTypes)})`);
  // Qualified: a bare `tx_id` in ORDER BY means the `tx_id::text` output column (text order).
  const found = await rows<EventRowText & Record<string, unknown>>(
    executor,
    sql`SELECT ${EVENT_COLUMNS} FROM events WHERE ${sql.join(conditions, sql` AND `)}
        ORDER BY events.tx_id, events.global_position LIMIT ${limit}`,
  );
  const events = found.map((row) => toStoredEvent(row, registry));
  const last = events[events.length - 1];
  return { events, next: last ? last.cursor : encodeCursor(after) };
}

function list(values: readonly string[]): SQL {
  return sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );
}

function checkVersion(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new EventStoreInputError('invalid_range', `${name} must be an integer of 0 or more.`);
  }
  return value;
}

function checkLimit(value: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new EventStoreInputError('invalid_range', `limit must be an integer from 1 to ${max}.`);
  }
  return value;
}

function toInstant(value: string | Date): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new EventStoreInputError('invalid_range', 'asOf is not a valid time.');
  return date.toISOString();
}
