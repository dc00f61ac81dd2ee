// Snapshots: a stream's folded state every N events, so loading reads the snapshot plus a short
// tail. A snapshot written with another state schema version is ignored.
import 'server-only';
import { sql } from 'drizzle-orm';
import { type Executor, rows } from '../db/client';
import { NEW_STREAM, type StreamHead } from './append';
import { assertJsonValue } from './canonical';
import { type EventRowText, readStream, toStoredEvent } from './read';
import type { SnapshotCache } from './snapshot-cache';
import { type StoredEvent, streamTypeOf } from './types';
import type { UpcasterRegistry } from './upcasters';

/** What the store needs to fold a stream: the pure half of a decider. */
export interface Folder<S> {
  initialState: S;
  evolve(state: S, event: StoredEvent): S;
  /** Folds a whole tail at once; loads use it when present. */
  fold?(state: S, events: readonly StoredEvent[]): S;
  /** Bump when the state's shape changes: older snapshots are then ignored. */
  stateSchemaVersion: number;
}

export interface Loaded<S> {
  state: S;
  version: number;
  /** What the next append extends (pass it as `head` to append). */
  head: StreamHead;
  /** The snapshot version the fold started from (0 when none was used). */
  snapshotVersion: number;
}

async function loadSnapshot<S>(
  executor: Executor,
  streamId: string,
  stateSchemaVersion: number,
  maxVersion: number | undefined,
  cache: SnapshotCache | undefined,
): Promise<{ version: number; state: S } | undefined> {
  const bound = maxVersion === undefined ? sql`` : sql`AND version <= ${maxVersion}`;
  // A state the cache holds is not sent again: only its version comes back.
  const known = cache?.bestVersion(streamId, stateSchemaVersion, maxVersion) ?? -1;
  // The cast outside the LIMIT: `state::text` in the sorted select list turned every candidate's
  // state into text before the sort (98 snapshots of a 10,000-event lease: 0.5 s); here only the
  // one row kept is.
  const [row] = await rows<{ version: number; state: string | null }>(
    executor,
    sql`SELECT s.version, CASE WHEN s.version = ${known} THEN NULL ELSE s.state::text END AS state FROM (
          SELECT version, state FROM snapshots
          WHERE stream_id = ${streamId} AND state_schema_version = ${stateSchemaVersion} ${bound}
          ORDER BY version DESC LIMIT 1) s`,
  );
  if (!row) return undefined;
  const version = Number(row.version);
  if (row.state === null) {
    const state = cache?.get<S>(streamId, stateSchemaVersion, version);
    // Evicted between the look-up and the reply: read it again, whole.
    return state === undefined
      ? loadSnapshot(executor, streamId, stateSchemaVersion, maxVersion, undefined)
      : { version, state };
  }
  return { version, state: parseSnapshot<S>(cache, streamId, stateSchemaVersion, version, row.state) };
}

/** JSON.parse of a snapshot's state, kept by the cache when it is large. */
function parseSnapshot<S>(
  cache: SnapshotCache | undefined,
  streamId: string,
  schema: number,
  version: number,
  text: string,
): S {
  const state = JSON.parse(text) as S;
  return cache ? cache.put(streamId, schema, version, state, text.length) : state;
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

/**
 * Latest snapshot (if its schema matches) + the events after it, folded. The current load (no
 * `toVersion`) is one statement: the head, the snapshot and the tail come back together, so they
 * agree with each other and the next append can extend the head without reading it again.
 */
export async function loadStream<S>(
  executor: Executor,
  registry: UpcasterRegistry,
  streamId: string,
  folder: Folder<S>,
  options: LoadOptions = {},
): Promise<Loaded<S>> {
  if (options.toVersion !== undefined) return loadUpTo(executor, registry, streamId, folder, options);
  streamTypeOf(streamId);
  const schema = options.useSnapshots === false ? -1 : folder.stateSchemaVersion;
  const cache = options.useSnapshots === false ? undefined : options.cache;
  const known = cache?.bestVersion(streamId, schema) ?? -1;
  const [row] = await rows<LoadRow>(
    executor,
    sql`WITH snap AS (
          SELECT version, state FROM snapshots
          WHERE stream_id = ${streamId} AND state_schema_version = ${schema}
          ORDER BY version DESC LIMIT 1
        )
        SELECT s.version AS head_version, s.last_hash,
          to_char(s.last_recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_recorded_at,
          (SELECT version FROM snap) AS snapshot_version,
          (SELECT CASE WHEN version = ${known} THEN NULL ELSE state::text END FROM snap) AS snapshot_state,
          (SELECT coalesce(json_agg(json_build_object(${TAIL_FIELDS}) ORDER BY e.version), '[]')::text
             FROM events e
             WHERE e.stream_id = ${streamId} AND e.version > coalesce((SELECT version FROM snap), 0)) AS tail
        FROM (SELECT 1) AS one
        LEFT JOIN streams s ON s.stream_id = ${streamId}`,
  );
  if (!row || row.head_version === null) {
    return { state: folder.initialState, version: 0, snapshotVersion: 0, head: NEW_STREAM };
  }
  const snapshotVersion = row.snapshot_version === null ? 0 : Number(row.snapshot_version);
  let state: S = folder.initialState;
  if (row.snapshot_state !== null) {
    state = parseSnapshot(cache, streamId, schema, snapshotVersion, row.snapshot_state);
  } else if (snapshotVersion > 0) {
    const cached = cache?.get<S>(streamId, schema, snapshotVersion);
    // Evicted between the look-up and the reply: load again without the cache.
    if (cached === undefined)
      return loadStream(executor, registry, streamId, folder, { ...options, cache: undefined });
    state = cached;
  }
  const tail = (JSON.parse(row.tail) as EventRowText[]).map((tailRow) => toStoredEvent(tailRow, registry));
  state = foldTail(folder, state, tail);
  const version = tail[tail.length - 1]?.version ?? snapshotVersion;
  const head: StreamHead = {
    version: Number(row.head_version),
    lastHash: row.last_hash ?? '',
    lastRecordedAt: row.last_recorded_at ?? NEW_STREAM.lastRecordedAt,
  };
  if (version !== head.version) {
    throw new Error(`Stream ${streamId} folded to version ${version} but its head is at ${head.version}.`);
  }
  return { state, version, snapshotVersion, head };
}

export interface LoadOptions {
  toVersion?: number;
  /** false: fold from version 1 (verification, tests). */
  useSnapshots?: boolean;
  /** Parsed states of large snapshots (the store's own): not read or parsed again. */
  cache?: SnapshotCache;
}

interface LoadRow {
  head_version: number | null;
  last_hash: string | null;
  last_recorded_at: string | null;
  snapshot_version: number | null;
  snapshot_state: string | null;
  tail: string;
  [key: string]: unknown;
}

/** The tail's events as JSON objects with the columns (and text forms) `toStoredEvent` reads. */
const TAIL_FIELDS = sql.raw(`'global_position', e.global_position::text, 'stream_id', e.stream_id,
  'stream_type', e.stream_type, 'version', e.version, 'event_id', e.event_id::text, 'event_type', e.event_type,
  'schema_version', e.schema_version, 'data', e.data::text, 'metadata', e.metadata::text,
  'recorded_at', to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'tx_id', e.tx_id::text, 'hash', e.hash`);

/** A past version (time travel): the nearest snapshot at or below it, then the events up to it. */
async function loadUpTo<S>(
  executor: Executor,
  registry: UpcasterRegistry,
  streamId: string,
  folder: Folder<S>,
  options: LoadOptions,
): Promise<Loaded<S>> {
  const snapshot =
    options.useSnapshots === false
      ? undefined
      : await loadSnapshot<S>(
          executor,
          streamId,
          folder.stateSchemaVersion,
          options.toVersion,
          options.cache,
        );
  let state = snapshot?.state ?? folder.initialState;
  let version = snapshot?.version ?? 0;
  const tail = await readStream(executor, registry, streamId, {
    fromVersion: version + 1,
    toVersion: options.toVersion,
  });
  state = foldTail(folder, state, tail);
  const last = tail[tail.length - 1];
  if (last) version = last.version;
  const head: StreamHead = last
    ? { version, lastHash: last.hash, lastRecordedAt: last.recordedAt }
    : NEW_STREAM;
  return { state, version, snapshotVersion: snapshot?.version ?? 0, head };
}

function foldTail<S>(folder: Folder<S>, state: S, events: readonly StoredEvent[]): S {
  return folder.fold ? folder.fold(state, events) : events.reduce((s, e) => folder.evolve(s, e), state);
}

/** True when an append from `before` to `after` crossed a multiple of `every`. */
export function snapshotDue(before: number, after: number, every: number): boolean {
  return Math.floor(after / every) > Math.floor(before / every);
}
