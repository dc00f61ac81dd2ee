// Per-stream claims: which version of each stream every projection has applied. The command's
// after-commit step and the background runner both claim before they apply, in one statement that
// locks the rows, moves them forward and reads back what was applied before — so whoever gets
// there first applies an event, and the other skips it.
import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, rows } from '../db/client';

export interface Claim {
  projection: string;
  streamId: string;
  /** The version applied before this claim (0 for a stream the projection never saw). */
  previousVersion: number;
}

const textArray = (values: readonly string[]): string =>
  `{${values.map((v) => JSON.stringify(v)).join(',')}}`;
const intArray = (values: readonly number[]): string => `{${values.join(',')}}`;

/**
 * Claims `streamId` up to `version` for each projection (in name order, so concurrent claims lock
 * rows in one order and cannot deadlock). Rows come back as `projection, previous_version`.
 */
export function claimStreamSql(projections: readonly string[], streamId: string, version: number): SQL {
  const names = [...projections].sort();
  return sql`INSERT INTO projection_streams AS p (projection, stream_id, version)
    SELECT name, ${streamId}, ${version} FROM unnest(${textArray(names)}::text[]) WITH ORDINALITY AS n(name, i)
    ORDER BY i
    ON CONFLICT (projection, stream_id) DO UPDATE
      SET previous_version = p.version, version = greatest(p.version, excluded.version)
    RETURNING projection, stream_id, previous_version`;
}

/** Claims many streams for one projection (a runner batch), each up to its own version. */
export async function claimStreams(
  tx: Executor,
  projection: string,
  versions: ReadonlyMap<string, number>,
): Promise<Map<string, number>> {
  if (versions.size === 0) return new Map();
  const streamIds = [...versions.keys()].sort();
  const found = await rows<{ stream_id: string; previous_version: number }>(
    tx,
    sql`INSERT INTO projection_streams AS p (projection, stream_id, version)
        SELECT ${projection}, s, v
        FROM unnest(${textArray(streamIds)}::text[], ${intArray(streamIds.map((id) => versions.get(id) ?? 0))}::int[])
          WITH ORDINALITY AS x(s, v, i)
        ORDER BY i
        ON CONFLICT (projection, stream_id) DO UPDATE
          SET previous_version = p.version, version = greatest(p.version, excluded.version)
        RETURNING stream_id, previous_version`,
  );
  return new Map(found.map((row) => [row.stream_id, Number(row.previous_version)]));
}

/** Parses what `claimStreamSql` returned. */
export function claimsOf(found: readonly Record<string, unknown>[]): Claim[] {
  return found.map((row) => ({
    projection: String(row.projection),
    streamId: String(row.stream_id),
    previousVersion: Number(row.previous_version),
  }));
}

/** The version of the stream the projection has applied (0 if none). */
export async function appliedVersion(tx: Executor, projection: string, streamId: string): Promise<number> {
  const [found] = await rows<{ version: number }>(
    tx,
    sql`SELECT version FROM projection_streams WHERE projection = ${projection} AND stream_id = ${streamId}`,
  );
  return Number(found?.version ?? 0);
}
