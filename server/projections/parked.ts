// Parked streams: a poison event (one its handler can never apply: a value the read table cannot
// hold, a bug) sets its stream aside for that projection only. The projection skips the stream's
// later events and goes on with every other stream; the runner retries the stream now and then.
// A transient failure (connection lost, timeout, deadlock) parks nothing: the batch is retried.
import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, rows } from '../db/client';

export interface ParkedStream {
  projection: string;
  streamId: string;
  globalPosition: number;
  version: number;
  eventType: string;
  lastError: string;
  attempts: number;
  parkedAt: string;
}

const textArray = (values: readonly string[]): string =>
  `{${values.map((v) => JSON.stringify(v)).join(',')}}`;

/** SQLSTATE classes a retry can cure: connection, transaction rollback, resources, operator, system. */
const TRANSIENT_CLASSES = ['08', '40', '53', '57', '58', 'XX'];

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/**
 * Will retrying never help? A database error with a data, constraint or syntax SQLSTATE, or an
 * error thrown by the handler itself, is poison; a lost connection, a timeout or a deadlock is not.
 */
export function isPoison(error: unknown): boolean {
  const codes = codesOf(error);
  for (const code of codes) {
    if (/^[0-9A-Z]{5}$/.test(code)) {
      if (TRANSIENT_CLASSES.includes(code.slice(0, 2)) || code === '55P03') return false;
      continue;
    }
    // The driver's own codes (CONNECTION_CLOSED, ECONNRESET, ...) mean the database went away.
    if (/^(CONNECTION|E[A-Z]+$)/.test(code)) return false;
  }
  return true;
}

export async function parkStream(
  tx: Executor,
  projection: string,
  event: { streamId: string; globalPosition: number; version: number; eventType: string },
  error: string,
): Promise<void> {
  await tx.execute(
    sql`INSERT INTO projection_parked_streams (projection, stream_id, global_position, version, event_type, last_error)
        VALUES (${projection}, ${event.streamId}, ${event.globalPosition}, ${event.version}, ${event.eventType}, ${error.slice(0, 4000)})
        ON CONFLICT (projection, stream_id) DO NOTHING`,
  );
}

/** Which of these streams the projection has parked, each with the version of its poison event. */
export async function parkedAmong(
  tx: Executor,
  projection: string,
  streamIds: readonly string[],
): Promise<Map<string, number>> {
  if (streamIds.length === 0) return new Map();
  const found = await rows<{ stream_id: string; version: number }>(
    tx,
    sql`SELECT stream_id, version FROM projection_parked_streams
        WHERE projection = ${projection} AND stream_id = ANY(${textArray(streamIds)}::text[])`,
  );
  return new Map(found.map((row) => [row.stream_id, Number(row.version)]));
}

/** For the after-commit fast path: the projections (of `names`) that parked the stream. */
export function parkedForStreamSql(names: readonly string[], streamId: string): SQL {
  return sql`SELECT projection FROM projection_parked_streams
    WHERE stream_id = ${streamId} AND projection = ANY(${textArray(names)}::text[])`;
}

/** Parked streams due for a retry (last tried more than `afterMs` ago), oldest first. */
export async function parkedDue(
  tx: Executor,
  projection: string,
  afterMs: number,
  limit = 20,
): Promise<ParkedStream[]> {
  const found = await rows<Record<string, unknown>>(
    tx,
    sql`SELECT * FROM projection_parked_streams
        WHERE projection = ${projection} AND retried_at <= now() - make_interval(secs => ${afterMs / 1000})
        ORDER BY retried_at LIMIT ${limit}`,
  );
  return found.map(toParked);
}

export async function unpark(tx: Executor, projection: string, streamId: string): Promise<void> {
  await tx.execute(
    sql`DELETE FROM projection_parked_streams WHERE projection = ${projection} AND stream_id = ${streamId}`,
  );
}

export async function retryFailed(tx: Executor, projection: string, streamId: string, error: string) {
  await tx.execute(
    sql`UPDATE projection_parked_streams
        SET attempts = attempts + 1, retried_at = now(), last_error = ${error.slice(0, 4000)}
        WHERE projection = ${projection} AND stream_id = ${streamId}`,
  );
}

/** Every parked stream of the named projections (for health and the admin). */
export async function listParked(tx: Executor, names: readonly string[]): Promise<ParkedStream[]> {
  if (names.length === 0) return [];
  const found = await rows<Record<string, unknown>>(
    tx,
    sql`SELECT * FROM projection_parked_streams WHERE projection = ANY(${textArray(names)}::text[])
        ORDER BY projection, parked_at LIMIT 1000`,
  );
  return found.map(toParked);
}

function toParked(row: Record<string, unknown>): ParkedStream {
  return {
    projection: String(row.projection),
    streamId: String(row.stream_id),
    globalPosition: Number(row.global_position),
    version: Number(row.version),
    eventType: String(row.event_type),
    lastError: String(row.last_error),
    attempts: Number(row.attempts),
    parkedAt: row.parked_at instanceof Date ? row.parked_at.toISOString() : String(row.parked_at),
  };
}
