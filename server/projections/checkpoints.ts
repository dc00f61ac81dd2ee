// Checkpoints: where each projection stands in the global commit order, and whether it is healthy.
import 'server-only';
import { sql } from 'drizzle-orm';
import { type Executor, rows } from '../db/client';
import { encodeCursor, type LogPosition } from '../eventstore';
import { countEvents, eventsAfterSql } from '../eventstore/queries';
import type { ProjectionHealth, ProjectionStatus } from './types';

interface CheckpointRow {
  name: string;
  tx_id: string;
  global_position: string | number;
  events_processed: string | number;
  status: ProjectionStatus;
  last_error: string | null;
  failed_position: string | number | null;
  parked_streams: string | number;
  updated_at: string;
  [key: string]: unknown;
}

/** Serialises every batch of one projection, across processes, until the transaction ends. */
export async function lockProjection(tx: Executor, name: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('leasebook.projection'), hashtext(${name}))`);
}

export async function readCheckpoint(
  tx: Executor,
  name: string,
): Promise<LogPosition & { status: ProjectionStatus }> {
  await tx.execute(
    sql`INSERT INTO projection_checkpoints (name) VALUES (${name}) ON CONFLICT (name) DO NOTHING`,
  );
  const [row] = await rows<{ tx_id: string; global_position: string | number; status: ProjectionStatus }>(
    tx,
    sql`SELECT tx_id::text AS tx_id, global_position, status FROM projection_checkpoints WHERE name = ${name}`,
  );
  if (!row) throw new Error(`Checkpoint ${name} vanished.`);
  return { txId: row.tx_id, globalPosition: Number(row.global_position), status: row.status };
}

export async function moveCheckpoint(
  tx: Executor,
  name: string,
  position: LogPosition,
  processed: number,
  status: ProjectionStatus = 'ok',
): Promise<void> {
  await tx.execute(
    sql`UPDATE projection_checkpoints
        SET tx_id = ${position.txId}::xid8, global_position = ${position.globalPosition},
            events_processed = events_processed + ${processed}, status = ${status},
            last_error = NULL, failed_tx_id = NULL, failed_position = NULL, updated_at = now()
        WHERE name = ${name}`,
  );
}

export async function markFailing(
  tx: Executor,
  name: string,
  failedAt: LogPosition,
  error: string,
): Promise<void> {
  await tx.execute(
    sql`UPDATE projection_checkpoints
        SET status = 'failing', last_error = ${error.slice(0, 4000)},
            failed_tx_id = ${failedAt.txId}::xid8, failed_position = ${failedAt.globalPosition}, updated_at = now()
        WHERE name = ${name}`,
  );
}

/** Health of the named projections, with their lag in committed events. */
export async function projectionHealth(
  executor: Executor,
  names: readonly string[],
): Promise<ProjectionHealth[]> {
  if (names.length === 0) return [];
  const found = await rows<CheckpointRow>(
    executor,
    sql`SELECT n.name, coalesce(c.tx_id, '0'::xid8)::text AS tx_id, coalesce(c.global_position, 0) AS global_position,
          coalesce(c.events_processed, 0) AS events_processed, coalesce(c.status, 'ok') AS status,
          c.last_error, c.failed_position,
          (SELECT count(*) FROM projection_parked_streams ps WHERE ps.projection = n.name) AS parked_streams,
          to_char(coalesce(c.updated_at, now()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at
        FROM unnest(${`{${names.map((n) => JSON.stringify(n)).join(',')}}`}::text[]) AS n(name)
        LEFT JOIN projection_checkpoints c ON c.name = n.name
        ORDER BY n.name`,
  );
  // Lag: the committed events past each checkpoint, counted by the event store.
  const lags = await Promise.all(
    found.map((row) =>
      countEvents(executor, { after: { txId: row.tx_id, globalPosition: Number(row.global_position) } }),
    ),
  );
  return found.map((row, index) => ({
    name: row.name,
    status: row.status,
    position: encodeCursor({ txId: row.tx_id, globalPosition: Number(row.global_position) }),
    globalPosition: Number(row.global_position),
    eventsProcessed: Number(row.events_processed),
    lagEvents: lags[index] ?? 0,
    lastError: row.last_error,
    failedPosition: row.failed_position === null ? null : Number(row.failed_position),
    parkedStreams: Number(row.parked_streams),
    updatedAt: row.updated_at,
  }));
}

/**
 * A name for what the named projections' tables hold right now, or null while that can still
 * change without the checkpoints moving: an event after a checkpoint (the runner has not caught
 * up; the after-commit path may already have applied it), a projection rebuilding or failing, a
 * parked stream (taken back without a checkpoint move). Every batch and every rebuild swap moves
 * a checkpoint (position or updated_at), so two equal versions mean the same rows.
 */
export async function settledVersion(executor: Executor, names: readonly string[]): Promise<string | null> {
  // One statement: the checkpoints, each with its parked streams, and whether any event sits
  // after the earliest of them.
  const found = await rows<{
    name: string;
    tx_id: string;
    global_position: string | number;
    status: ProjectionStatus;
    updated_at: string;
    parked: string | number;
    pending: boolean | null;
  }>(
    executor,
    sql`WITH c AS (
          SELECT name, tx_id, global_position, status, updated_at FROM projection_checkpoints
          WHERE name IN (${sql.join(
            names.map((name) => sql`${name}`),
            sql`, `,
          )})),
        earliest AS (SELECT tx_id, global_position FROM c ORDER BY tx_id, global_position LIMIT 1)
        SELECT c.name, c.tx_id::text AS tx_id, c.global_position, c.status, c.updated_at::text AS updated_at,
          (SELECT count(*) FROM projection_parked_streams ps WHERE ps.projection = c.name) AS parked,
          ${eventsAfterSql(sql`(SELECT tx_id FROM earliest)`, sql`(SELECT global_position FROM earliest)`)} AS pending
        FROM c ORDER BY c.name`,
  );
  if (found.length !== names.length) return null;
  if (found.some((row) => row.status !== 'ok' || Number(row.parked) > 0 || row.pending === true)) return null;
  return found.map((row) => `${row.name}@${row.tx_id}/${row.global_position}/${row.updated_at}`).join(',');
}
