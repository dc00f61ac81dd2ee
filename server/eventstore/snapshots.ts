// Snapshots: a stream's folded state every N events, so loading reads the snapshot plus a short
// tail. A snapshot written with another state schema version is ignored.
import 'server-only';
import { sql } from 'drizzle-orm';
import { type Executor, rows } from '../db/client';
import { assertJsonValue } from './canonical';
import { readStream } from './read';
import type { StoredEvent } from './types';
import type { UpcasterRegistry } from './upcasters';

/** What the store needs to fold a stream: the pure half of a decider. */
export interface Folder<S> {
  initialState: S;
  evolve(state: S, event: StoredEvent): S;
  /** Bump when the state's shape changes: older snapshots are then ignored. */
  stateSchemaVersion: number;
}

export interface Loaded<S> {
  state: S;
  version: number;
  /** The snapshot version the fold started from (0 when none was used). */
  snapshotVersion: number;
}

export async function loadSnapshot<S>(
  executor: Executor,
  streamId: string,
  stateSchemaVersion: number,
  maxVersion?: number,
): Promise<{ version: number; state: S } | undefined> {
  const bound = maxVersion === undefined ? sql`` : sql`AND version <= ${maxVersion}`;
  const [row] = await rows<{ version: number; state: string }>(
    executor,
    sql`SELECT version, state::text AS state FROM snapshots
        WHERE stream_id = ${streamId} AND state_schema_version = ${stateSchemaVersion} ${bound}
        ORDER BY version DESC LIMIT 1`,
  );
  return row ? { version: Number(row.version), state: JSON.parse(row.state) as S } : undefined;
}

export async function saveSnapshot(
  executor: Executor,
  streamId: string,
  version: number,
  stateSchemaVersion: number,
  state: unknown,
): Promise<void> {
  const json = JSON.stringify(assertJsonValue(state, 'snapshot state'));
  await executor.execute(
    sql`INSERT INTO snapshots (stream_id, version, state_schema_version, state)
        VALUES (${streamId}, ${version}, ${stateSchemaVersion}, ${json}::jsonb)
        ON CONFLICT (stream_id, version) DO UPDATE
          SET state = excluded.state, state_schema_version = excluded.state_schema_version
          WHERE snapshots.state_schema_version <> excluded.state_schema_version`,
  );
}

/** Latest snapshot (if its schema matches) + the events after it, folded. */
export async function loadStream<S>(
  executor: Executor,
  registry: UpcasterRegistry,
  streamId: string,
  folder: Folder<S>,
  options: { toVersion?: number; useSnapshots?: boolean } = {},
): Promise<Loaded<S>> {
  const snapshot =
    options.useSnapshots === false
      ? undefined
      : await loadSnapshot<S>(executor, streamId, folder.stateSchemaVersion, options.toVersion);
  let state = snapshot?.state ?? folder.initialState;
  let version = snapshot?.version ?? 0;
  const tail = await readStream(executor, registry, streamId, {
    fromVersion: version + 1,
    toVersion: options.toVersion,
  });
  for (const event of tail) {
    state = folder.evolve(state, event);
    version = event.version;
  }
  return { state, version, snapshotVersion: snapshot?.version ?? 0 };
}

/** True when an append from `before` to `after` crossed a multiple of `every`. */
export function snapshotDue(before: number, after: number, every: number): boolean {
  return Math.floor(after / every) > Math.floor(before / every);
}
