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

/** Rows checked per round trip: memory stays flat whatever the stream's length. */
const VERIFY_CHUNK = 1000;

export async function verifyStream(
  executor: Executor,
  streamId: string,
  options: { chunk?: number } = {},
): Promise<VerifyResult> {
  streamTypeOf(streamId);
  const chunk = options.chunk ?? VERIFY_CHUNK;
  const [head] = await rows<{ version: number; last_hash: string }>(
    executor,
    sql`SELECT version, last_hash FROM streams WHERE stream_id = ${streamId}`,
  );
  let previousHash = '';
  let checked = 0;
  const page = (after: number, upTo?: number) =>
    rows<EventRowText & Record<string, unknown>>(
      executor,
      sql`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ${streamId} AND version > ${after}
          ${upTo === undefined ? sql`` : sql`AND version <= ${upTo}`} ORDER BY version LIMIT ${chunk}`,
    );
  // Keyset pages by version: each chunk continues after the last version checked. Versions are
  // dense, so a chunk is the window (checked, checked + chunk]: bounded on both sides the server
  // reads only it (read.ts, readStream, says why). A short window is read again unbounded, so a
  // missing event is found where it was before.
  for (;;) {
    let found = await page(checked, checked + chunk);
    if (found.length < chunk) found = await page(checked);
    for (const row of found) {
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
      if (version !== checked + 1 || expected !== row.hash) {
        const events = await countOf(executor, streamId);
        return { streamId, events, valid: false, firstInvalidVersion: checked + 1 };
      }
      previousHash = row.hash;
      checked = version;
    }
    if (found.length < chunk) break;
  }
  // The stream row holds the chain's head: a removed tail event shows up here.
  const headVersion = head ? Number(head.version) : 0;
  if (headVersion !== checked || (head && head.last_hash !== previousHash)) {
    return { streamId, events: checked, valid: false, firstInvalidVersion: checked + 1 };
  }
  return { streamId, events: checked, valid: true };
}

async function countOf(executor: Executor, streamId: string): Promise<number> {
  const [row] = await rows<{ n: string | number }>(
    executor,
    sql`SELECT count(*) AS n FROM events WHERE stream_id = ${streamId}`,
  );
  return Number(row?.n ?? 0);
}
