// Re-verifies a stream's hash chain from the stored rows (before any upcasting).
import 'server-only';
import { sql } from 'drizzle-orm';
import { type Executor, rows } from '../db/client';
import { chainHash, type JsonValue } from './canonical';
import { EVENT_COLUMNS, type EventRowText } from './read';
import { streamTypeOf } from './types';

export interface VerifyResult {
  streamId: string;
  events: number;
  valid: boolean;
  /** The first version whose stored hash, or position in the chain, does not check out. */
  firstInvalidVersion?: number;
}

export async function verifyStream(executor: Executor, streamId: string): Promise<VerifyResult> {
  streamTypeOf(streamId);
  const found = await rows<EventRowText & Record<string, unknown>>(
    executor,
    sql`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ${streamId} ORDER BY version`,
  );
  const [head] = await rows<{ version: number; last_hash: string }>(
    executor,
    sql`SELECT version, last_hash FROM streams WHERE stream_id = ${streamId}`,
  );
  let previousHash = '';
  for (const [index, row] of found.entries()) {
    const version = Number(row.version);
    const expected = chainHash(previousHash, {
      streamId: row.stream_id,
      version,
      eventId: row.event_id,
      eventType: row.event_type,
      schemaVersion: Number(row.schema_version),
      data: JSON.parse(row.data) as JsonValue,
      metadata: JSON.parse(row.metadata) as JsonValue,
      recordedAt: row.recorded_at,
    });
    if (version !== index + 1 || expected !== row.hash) {
      return { streamId, events: found.length, valid: false, firstInvalidVersion: index + 1 };
    }
    previousHash = row.hash;
  }
  // The stream row holds the chain's head: a removed tail event shows up here.
  const headVersion = head ? Number(head.version) : 0;
  if (headVersion !== found.length || (head && head.last_hash !== previousHash)) {
    return { streamId, events: found.length, valid: false, firstInvalidVersion: found.length + 1 };
  }
  return { streamId, events: found.length, valid: true };
}
