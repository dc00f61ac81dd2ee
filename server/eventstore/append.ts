// append(): the only way events enter the store. One call of the `leasebook_append` database
// function (drizzle/0007) locks or creates the stream row, checks the version, inserts the events,
// moves the head and records the command id with its reply; the hash chain is computed here.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Executor, rows } from '../db/client';
import { assertJsonValue, canonicalJson, chainHash, type JsonValue, sha256Hex } from './canonical';
import { encodeCursor } from './cursor';
import { CommandIdReusedError, ConcurrencyError, EventStoreInputError, isConcurrencyError } from './errors';
import {
  assertEventType,
  type EventMetadata,
  EventMetadataSchema,
  type NewEvent,
  type StoredEvent,
  streamTypeOf,
} from './types';
import type { UpcasterRegistry } from './upcasters';

const MAX_EVENTS_PER_APPEND = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface PreparedEvent {
  eventId: string;
  eventType: string;
  schemaVersion: number;
  data: JsonValue;
  metadata: JsonValue;
}

/** The HTTP response recorded with a command id and replayed to a duplicate request. */
export interface StoredReply {
  status: number;
  body: unknown;
}

/** Where a stream stands: what the next append must extend (see `load`, which returns it). */
export interface StreamHead {
  version: number;
  /** Hash of the last event ('' for a new stream). */
  lastHash: string;
  /** When the last event was recorded (ISO 8601); appends never record earlier. */
  lastRecordedAt: string;
}

export const NEW_STREAM: StreamHead = {
  version: 0,
  lastHash: '',
  lastRecordedAt: '1970-01-01T00:00:00.000Z',
};

export interface AppendOptions {
  /** The version the caller loaded (0 for a new stream), or 'any' to skip the check. */
  expectedVersion: number | 'any';
  /** The head the caller loaded with the stream: saves reading it again (one round trip). */
  head?: StreamHead;
  /** Idempotency key: a second append with the same id returns the first result. */
  commandId?: string;
  /** Hash of the request behind the command; defaults to a hash of the events appended. */
  requestHash?: string;
  /** With a command id: the HTTP response to record beside it, replayed to a duplicate. */
  reply?: StoredReply;
  metadata: EventMetadata;
  /**
   * Only for history brought in from elsewhere (source `seed` or `import`): the time the events
   * were originally recorded. Never earlier than the stream's last event.
   */
  recordedAt?: string;
}

export interface AppendResult {
  streamId: string;
  previousVersion: number;
  version: number;
  events: { eventId: string; eventType: string; version: number; globalPosition: number }[];
  /** Global log position of the last event. */
  cursor: string;
  /** True when the command id was already recorded and nothing was appended. */
  duplicate: boolean;
  /** For a duplicate: the reply recorded with the command id, if one was. */
  reply?: StoredReply;
  /** The events as stored (absent for a duplicate): what the after-commit projection applies. */
  stored?: StoredEvent[];
}

export interface PreparedAppend {
  streamId: string;
  streamType: string;
  events: PreparedEvent[];
  expectedVersion: number | 'any';
  head: StreamHead | undefined;
  commandId: string | undefined;
  requestHash: string;
  reply: StoredReply | undefined;
  recordedAt: string | undefined;
}

/** How often an 'any' append re-reads the head when another writer got in between. */
const ANY_VERSION_ATTEMPTS = 10;

/**
 * Appends `events` to `streamId`: validation first (bad input never reaches the database), then
 * one call of the `leasebook_append` database function, which is the whole transaction.
 */
export async function append(
  executor: Executor,
  registry: UpcasterRegistry,
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions,
): Promise<AppendResult> {
  const prepared = prepare(registry, streamId, events, options);
  for (let attempt = 1; ; attempt++) {
    try {
      return await appendInTransaction(executor, prepared);
    } catch (error) {
      // 'any' means "wherever the stream is": only a head that moved meanwhile lands here.
      if (prepared.expectedVersion !== 'any' || !isConcurrencyError(error) || attempt >= ANY_VERSION_ATTEMPTS)
        throw error;
      prepared.head = undefined;
    }
  }
}

/** Validates everything before any SQL runs: bad input never reaches the database. */
export function prepare(
  registry: UpcasterRegistry,
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions,
): PreparedAppend {
  const streamType = streamTypeOf(streamId);
  const prepared = prepareEvents(registry, events, options);
  const { expectedVersion, commandId } = options;
  if (expectedVersion !== 'any' && !(Number.isSafeInteger(expectedVersion) && expectedVersion >= 0)) {
    throw new EventStoreInputError(
      'invalid_expected_version',
      `expectedVersion must be an integer of 0 or more (or "any"), got ${JSON.stringify(expectedVersion)}.`,
    );
  }
  if (
    commandId !== undefined &&
    (typeof commandId !== 'string' || commandId.length < 1 || commandId.length > 255)
  ) {
    throw new EventStoreInputError('invalid_metadata', 'commandId must be 1 to 255 characters.');
  }
  if (options.reply !== undefined && commandId === undefined) {
    throw new EventStoreInputError('invalid_metadata', 'A reply is recorded with a command id only.');
  }
  const requestHash =
    options.requestHash ??
    sha256Hex(
      canonicalJson({
        streamId,
        events: prepared.map((e) => ({ type: e.eventType, schemaVersion: e.schemaVersion, data: e.data })),
      }),
    );

  let recordedAt: string | undefined;
  if (options.recordedAt !== undefined) {
    if (options.metadata.source !== 'seed' && options.metadata.source !== 'import') {
      throw new EventStoreInputError(
        'invalid_metadata',
        'Only seeded or imported history may set recordedAt.',
      );
    }
    const at = new Date(options.recordedAt);
    if (Number.isNaN(at.getTime()))
      throw new EventStoreInputError('invalid_metadata', 'recordedAt is not a time.');
    recordedAt = at.toISOString();
  }
  return {
    streamId,
    streamType,
    events: prepared,
    expectedVersion,
    head: options.head,
    commandId,
    requestHash,
    reply: options.reply === undefined ? undefined : assertReply(options.reply),
    recordedAt,
  };
}

function assertReply(reply: StoredReply): StoredReply {
  if (!Number.isInteger(reply.status) || reply.status < 200 || reply.status > 299) {
    throw new EventStoreInputError('invalid_metadata', 'Only a 2xx reply is recorded with a command.');
  }
  return { status: reply.status, body: assertJsonValue(reply.body ?? null, 'reply.body') };
}

/** The stream's head (version 0 and no hash for a stream that does not exist yet). */
async function readHead(executor: Executor, streamId: string): Promise<StreamHead> {
  const [row] = await rows<{ version: number; last_hash: string; last_recorded_at: string }>(
    executor,
    sql`SELECT version, last_hash, ${RECORDED_AT_TEXT} AS last_recorded_at FROM streams WHERE stream_id = ${streamId}`,
  );
  return row
    ? { version: Number(row.version), lastHash: row.last_hash, lastRecordedAt: row.last_recorded_at }
    : NEW_STREAM;
}

const RECORDED_AT_TEXT = sql.raw(
  `to_char(last_recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
);

/**
 * One append through the database function, on any executor: the database (the statement is its
 * own transaction) or a transaction the caller holds open (tests use that to delay a commit).
 */
export async function appendInTransaction(executor: Executor, append: PreparedAppend): Promise<AppendResult> {
  const { streamId, streamType, commandId, requestHash } = append;
  const head = append.head ?? (await readHead(executor, streamId));
  const expectedVersion = append.expectedVersion === 'any' ? head.version : append.expectedVersion;
  if (expectedVersion !== head.version) {
    // The caller's own view is already stale: no need to ask the database. A duplicate command
    // still gets its first answer, so ask anyway when there is a command id.
    if (commandId === undefined) throw new ConcurrencyError(streamId, expectedVersion, head.version);
  }
  // Millisecond precision, as stored; never before the stream's last event.
  const now = append.recordedAt ?? new Date().toISOString();
  // biome-ignore lint/complexity/useMathMinMax: ISO timestamps compare as strings; Math.max would make NaN of them.
  const recordedAt = now > head.lastRecordedAt ? now : head.lastRecordedAt;

  let previousHash = head.lastHash;
  const stored = append.events.map((event, index) => {
    const version = expectedVersion + index + 1;
    const metadata = commandId === undefined ? event.metadata : { ...(event.metadata as object), commandId };
    const hash = chainHash(previousHash, {
      streamId,
      version,
      eventId: event.eventId,
      eventType: event.eventType,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata,
      recordedAt,
    });
    previousHash = hash;
    return { ...event, metadata, version, hash };
  });
  const last = stored[stored.length - 1] as (typeof stored)[number];
  const pending = {
    streamId,
    previousVersion: expectedVersion,
    version: last.version,
    events: stored.map((e) => ({ eventId: e.eventId, eventType: e.eventType, version: e.version })),
  };
  const [row] = await rows<FunctionRow>(
    executor,
    sql`SELECT outcome, current_version, positions::text AS positions, tx_id, stored_result::text AS stored_result,
          stored_reply::text AS stored_reply
        FROM leasebook_append(${streamId}, ${streamType}, ${expectedVersion}::integer, ${head.lastHash},
          ${recordedAt}::timestamptz, ${JSON.stringify(stored)}::jsonb, ${commandId ?? null}, ${requestHash},
          ${JSON.stringify(pending)}::jsonb, ${append.reply === undefined ? null : JSON.stringify(append.reply)}::jsonb)`,
  );
  if (!row) throw new Error('leasebook_append returned nothing.');
  switch (row.outcome) {
    case 'appended': {
      const positions = parseBigintArray(row.positions);
      if (positions.length !== stored.length || row.tx_id === null)
        throw new Error('Append returned no positions.');
      const txId = row.tx_id;
      const result = fromStored({ ...pending, positions, txId }, false);
      result.stored = stored.map((event, index) => {
        const globalPosition = positions[index] as number;
        return {
          globalPosition,
          streamId,
          streamType,
          version: event.version,
          eventId: event.eventId,
          eventType: event.eventType,
          schemaVersion: event.schemaVersion,
          storedSchemaVersion: event.schemaVersion,
          data: event.data,
          metadata: event.metadata as EventMetadata,
          recordedAt,
          txId,
          hash: event.hash,
          cursor: encodeCursor({ txId, globalPosition }),
        };
      });
      return result;
    }
    case 'duplicate':
      return fromStored(JSON.parse(row.stored_result ?? '{}') as StoredResult, true, row.stored_reply);
    case 'reused':
      throw new CommandIdReusedError(commandId as string);
    case 'conflict':
      throw new ConcurrencyError(streamId, expectedVersion, Number(row.current_version));
    default:
      throw new Error(`leasebook_append answered ${row.outcome}.`);
  }
}

interface FunctionRow {
  outcome: 'appended' | 'duplicate' | 'reused' | 'conflict';
  current_version: number;
  positions: string | null;
  tx_id: string | null;
  stored_result: string | null;
  stored_reply: string | null;
  [key: string]: unknown;
}

/** What processed_commands holds: the result without positions, plus the positions and tx id. */
type StoredResult = Omit<AppendResult, 'events' | 'cursor' | 'duplicate'> & {
  events: { eventId: string; eventType: string; version: number; globalPosition?: number }[];
  positions?: number[];
  txId?: string;
  /** Rows written before the append became a database function kept the whole result. */
  cursor?: string;
};

function fromStored(stored: StoredResult, duplicate: boolean, replyText?: string | null): AppendResult {
  const events = stored.events.map((event, index) => ({
    eventId: event.eventId,
    eventType: event.eventType,
    version: event.version,
    globalPosition: Number(stored.positions?.[index] ?? event.globalPosition ?? 0),
  }));
  const lastPosition = events[events.length - 1]?.globalPosition ?? 0;
  const cursor = stored.cursor ?? encodeCursor({ txId: stored.txId ?? '0', globalPosition: lastPosition });
  const result: AppendResult = {
    streamId: stored.streamId,
    previousVersion: stored.previousVersion,
    version: stored.version,
    events,
    cursor,
    duplicate,
  };
  if (replyText) result.reply = JSON.parse(replyText) as StoredReply;
  return result;
}

/** `{1,2,3}` (a bigint[] as text, which both drivers hand back alike) → numbers. */
function parseBigintArray(text: string | null): number[] {
  if (!text || text === '{}') return [];
  return text.slice(1, -1).split(',').map(Number);
}

/**
 * A command id's first result, or undefined when the id is new. Throws when the id was used for a
 * different request. Asked only when a decision failed (a duplicate may have committed meanwhile).
 */
export async function findCommand(
  executor: Executor,
  commandId: string,
  requestHash: string,
): Promise<AppendResult | undefined> {
  const [seen] = await rows<{ request_hash: string; result: string; reply: string | null }>(
    executor,
    sql`SELECT request_hash, result::text AS result, reply::text AS reply FROM processed_commands
        WHERE command_id = ${commandId}`,
  );
  if (!seen) return undefined;
  if (seen.request_hash !== requestHash) throw new CommandIdReusedError(commandId);
  return fromStored(JSON.parse(seen.result) as StoredResult, true, seen.reply);
}

/**
 * Records a reply for a command id that appended nothing of its own (a billing run over many
 * streams, a command the state made a no-op): the first reply wins and is returned.
 */
export async function recordReply(
  executor: Executor,
  commandId: string,
  requestHash: string,
  reply: StoredReply,
): Promise<StoredReply> {
  const checked = assertReply(reply);
  // A row the command's own append wrote (with a stream) was guarded by the command's hash; a
  // reply-only row is guarded by this request hash.
  const [row] = await rows<{ request_hash: string; stream_id: string | null; reply: string }>(
    executor,
    sql`INSERT INTO processed_commands AS c (command_id, stream_id, request_hash, result, reply)
        VALUES (${commandId}, NULL, ${requestHash}, '{}'::jsonb, ${JSON.stringify(checked)}::jsonb)
        ON CONFLICT (command_id) DO UPDATE SET reply = coalesce(c.reply, excluded.reply)
        RETURNING c.request_hash, c.stream_id, c.reply::text AS reply`,
  );
  if (!row) throw new Error(`Command ${commandId} vanished while recording its reply.`);
  if (row.stream_id === null && row.request_hash !== requestHash) throw new CommandIdReusedError(commandId);
  return JSON.parse(row.reply) as StoredReply;
}

function prepareEvents(registry: UpcasterRegistry, events: readonly NewEvent[], options: AppendOptions) {
  if (!Array.isArray(events) || events.length === 0) {
    throw new EventStoreInputError('no_events', 'An append needs at least one event.');
  }
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new EventStoreInputError('no_events', `At most ${MAX_EVENTS_PER_APPEND} events per append.`);
  }
  return events.map((event, index): PreparedEvent => {
    assertEventType(event?.type);
    const schemaVersion = event.schemaVersion ?? registry.currentVersion(event.type);
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
      throw new EventStoreInputError(
        'invalid_event',
        `events[${index}].schemaVersion must be a positive integer.`,
      );
    }
    if (event.eventId !== undefined && !UUID.test(String(event.eventId))) {
      throw new EventStoreInputError('invalid_event', `events[${index}].eventId must be a UUID.`);
    }
    const data = assertJsonValue(event.data, `events[${index}].data`);
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new EventStoreInputError('invalid_event', `events[${index}].data must be a JSON object.`);
    }
    const parsed = EventMetadataSchema.safeParse({ ...options.metadata, ...event.metadata });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new EventStoreInputError(
        'invalid_metadata',
        `events[${index}].metadata.${issue?.path.join('.')}: ${issue?.message}`,
      );
    }
    return {
      eventId: event.eventId ?? randomUUID(),
      eventType: event.type,
      schemaVersion,
      data,
      metadata: assertJsonValue(parsed.data, `events[${index}].metadata`),
    };
  });
}
