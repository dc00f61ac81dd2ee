// Retention of idempotency replies (the clean-up job, server/cleanup.ts). A command id recorded
// with a stream stays forever: it is the log's exactly-once guarantee (a command resent days later
// still appends nothing). Only what replays an HTTP response goes after REPLY_TTL: the `reply`
// column of those rows, and whole reply-only rows (a billing run's answer; the run is idempotent
// by itself). After that, the same Idempotency-Key gets the answer rebuilt from the stored result.
import 'server-only';
import { sql } from 'drizzle-orm';
import { type Executor, rows } from '../db/client';

const REPLY_TTL_MS = 24 * 60 * 60 * 1000;

export async function forgetOldReplies(
  executor: Executor,
  now = new Date(),
): Promise<{ cleared: number; deleted: number }> {
  const before = new Date(now.getTime() - REPLY_TTL_MS).toISOString();
  const deleted = await rows<{ n: number }>(
    executor,
    sql`WITH gone AS (DELETE FROM processed_commands WHERE stream_id IS NULL AND recorded_at < ${before} RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  const cleared = await rows<{ n: number }>(
    executor,
    sql`WITH done AS (UPDATE processed_commands SET reply = NULL
          WHERE reply IS NOT NULL AND stream_id IS NOT NULL AND recorded_at < ${before} RETURNING 1)
        SELECT count(*)::int AS n FROM done`,
  );
  return { cleared: Number(cleared[0]?.n ?? 0), deleted: Number(deleted[0]?.n ?? 0) };
}
