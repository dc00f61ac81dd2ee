// The blue/green bulk rebuild. New copies of the projections' read tables are built in a schema of
// their own while the live tables keep serving (and keep being written by commands and the
// runner); when the copies have caught up they take the live tables' place in one transaction, so a
// reader sees the old model or the new one, never a half-built one.
//
// Building: one pass over the log for every projection rebuilt together, stream by stream (whole
// streams of the transactions below a commit horizon taken at the start), each stream folded in
// memory with its aggregate's own evolve. A projection with a bulk writer hands back the rows the
// stream ends with, written many per statement; one without replays the stream's events through
// `statementsFor` (pipelined) or `handle`. Every projection today is keyed per stream or sums
// commutative deltas, so stream order gives the same tables as log order. Then the copies catch up
// in log order from the horizon through the runner's own per-stream claims, and again inside the
// swap transaction, which holds the projections' locks and blocks new claims for its short while.
import 'server-only';
import { getTableColumns, getTableName, is, SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { rows, type Tx } from '../db/client';
import { projectionParkedStreams, projectionStreams } from '../db/schema';
import { deciders, streamTypeOfEvent } from '../domain/registry';
import {
  comparePositions,
  type EventStore,
  encodeCursor,
  type LogPosition,
  type ProjectedEvent,
  type StoredEvent,
} from '../eventstore';
import { streamHeads } from '../eventstore/queries';
import { lockProjection } from './checkpoints';
import { follows, handles } from './follows';
import { projectionIo } from './io';
import type { BulkRows, BulkWriter, Projection, ProjectionIo } from './types';

export interface RebuildProgress {
  /** Events folded so far (the build pass, then the catch-up). */
  done: number;
  /** Events below the horizon when the rebuild started (more may come during it). */
  total: number;
  phase: 'building' | 'indexing' | 'catching-up' | 'swapping' | 'done';
}

export interface RebuildDeps {
  store: EventStore;
  /** The runner's batch step: applies events through the per-stream claims (rebuild tables via search_path). */
  apply(tx: Tx, projection: Projection, events: readonly StoredEvent[]): Promise<void>;
  onProgress?: (progress: RebuildProgress) => void;
  /** Events per build transaction (default EVENTS_PER_BATCH); tests make it small to get many batches. */
  eventsPerBatch?: number;
}

/** How many events one build transaction folds at most (whole streams, so a long stream goes alone). */
const EVENTS_PER_BATCH = 5_000;
const STREAMS_PER_BATCH = 1_000;
/** Rows per INSERT (one parameter per column, whatever the count). */
const ROWS_PER_STATEMENT = 5_000;
const CATCH_UP_PAGE = 2_000;
/** A rebuild schema left by a crashed rebuild is dropped by the next rebuild after this long. */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;
const SCHEMA_PREFIX = 'lb_rebuild_';

const ident = (name: string): SQL => sql.raw(`"${name.replaceAll('"', '""')}"`);

/** Rebuilds the projections together; answers how many events the new tables folded. */
export async function rebuildBlueGreen(
  deps: RebuildDeps,
  projections: readonly Projection[],
): Promise<number> {
  const { store } = deps;
  const db = store.db;
  const [{ live } = { live: 'public' }] = await rows<{ live: string }>(
    db,
    sql`SELECT current_schema() AS live`,
  );
  await dropStaleSchemas(deps);
  const schema = `${SCHEMA_PREFIX}${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const tables = projections.flatMap((projection) =>
    projection.tables.map((table) => ({ table, name: getTableName(table), bulk: Boolean(projection.bulk) })),
  );
  const inRebuild = sql.raw(`SET LOCAL search_path TO "${schema}", "${live}"`);
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`CREATE SCHEMA ${ident(schema)}`);
      for (const { name, bulk } of tables) {
        await tx.execute(
          sql`CREATE TABLE ${ident(schema)}.${ident(name)} (LIKE ${ident(live)}.${ident(name)}
                INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING IDENTITY)`,
        );
        // Statements replayed per event may need their unique indexes (ON CONFLICT); bulk rows do not.
        if (!bulk) await copyIndexes(tx, live, schema, name);
      }
      for (const name of [getTableName(projectionStreams), getTableName(projectionParkedStreams)]) {
        await tx.execute(
          sql`CREATE TABLE ${ident(schema)}.${ident(name)} (LIKE ${ident(live)}.${ident(name)} INCLUDING ALL)`,
        );
      }
    });

    await analyzeLogIfStale(deps);
    const [{ horizon } = { horizon: '0' }] = await rows<{ horizon: string }>(
      db,
      sql`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon`,
    );
    const streamTypes = followedStreamTypes(projections);
    const streams = (await streamHeads(db)).filter(
      (stream) => streamTypes === null || streamTypes.includes(stream.streamType),
    );
    // Property streams first: a handler that joins a property row then finds it (none does today).
    streams.sort(
      (a, b) =>
        Number(b.streamType === 'property') - Number(a.streamType === 'property') ||
        (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0),
    );
    const progress: RebuildProgress = {
      done: 0,
      total: streams.reduce((sum, stream) => sum + Number(stream.version), 0),
      phase: 'building',
    };
    const report = () => deps.onProgress?.({ ...progress });
    report();

    const writers = new Map(projections.flatMap((p) => (p.bulk ? [[p.name, p.bulk()] as const] : [])));
    let position: LogPosition = { txId: '0', globalPosition: 0 };
    // The next batch's events are read on another connection while this one folds and writes
    // (PostgreSQL reads while Node folds); the log below the horizon no longer changes. Writing
    // a batch while the next folds as well was slower on 2 cores (84.9 and 85.0 s against 91.1
    // and 66.1 s, alternated) and is not done.
    const read = (batch: readonly { streamId: string }[]) =>
      store.readStreamsToFold(
        batch.map((stream) => stream.streamId),
        horizon,
      );
    const all = [...batches(streams, deps.eventsPerBatch ?? EVENTS_PER_BATCH)];
    let next = all[0] ? read(all[0]) : null;
    for (let b = 0; b < all.length; b++) {
      const current = next as Promise<ProjectedEvent[]>;
      const following = all[b + 1];
      // Caught here so an error while this batch is written does not leave it unhandled.
      next = following ? read(following) : null;
      next?.catch(() => undefined);
      const events = await current;
      await db.transaction(async (tx) => {
        await tx.execute(inRebuild);
        const out = new RowBuffer();
        const claims: (typeof projectionStreams.$inferInsert)[] = [];
        const replays: SQL[] = [];
        for (const stream of groupByStream(events)) {
          const last = stream[stream.length - 1] as ProjectedEvent;
          for (const event of stream) {
            if (comparePositions(event, position) > 0)
              position = { txId: event.txId, globalPosition: event.globalPosition };
          }
          const followers = projections.filter((p) => follows(p, last.streamType));
          const state = await foldStream(stream, followers, writers, replays, tx, projectionIo(store, tx));
          for (const projection of followers) {
            claims.push({ projection: projection.name, streamId: last.streamId, version: last.version });
            const writer = writers.get(projection.name);
            if (writer) out.add(writer.stream(stream, state));
          }
          progress.done += stream.length;
        }
        for (let i = 0; i < replays.length; i += 500)
          await Promise.all(replays.slice(i, i + 500).map((statement) => tx.execute(statement)));
        out.add([{ table: projectionStreams, rows: claims }]);
        await out.flush(tx);
      });
      report();
    }
    await db.transaction(async (tx) => {
      await tx.execute(inRebuild);
      const out = new RowBuffer();
      for (const writer of writers.values()) out.add(writer.finish?.() ?? []);
      await out.flush(tx);
      for (const writer of writers.values())
        for (const statement of writer.after?.() ?? []) await tx.execute(statement);
    });

    progress.phase = 'indexing';
    report();
    await db.transaction(async (tx) => {
      for (const { name, bulk } of tables) if (bulk) await copyIndexes(tx, live, schema, name);
    });
    // VACUUM (outside a transaction) sets the visibility map, so the analytics' covering indexes
    // answer by index-only scans from the first query, and ANALYZE gives the planner the new sizes.
    for (const { name } of tables) await db.execute(sql`VACUUM (ANALYZE) ${ident(schema)}.${ident(name)}`);

    progress.phase = 'catching-up';
    report();
    // Events committed while the tables were built: in log order, through the claims.
    for (;;) {
      const page = await db.transaction(async (tx) => {
        await tx.execute(inRebuild);
        return catchUp(deps, tx, projections, position);
      });
      position = page.position;
      progress.done += page.applied;
      report();
      if (page.applied < CATCH_UP_PAGE) break;
    }

    progress.phase = 'swapping';
    report();
    await db.transaction(async (tx) => {
      for (const name of projections.map((p) => p.name).sort()) await lockProjection(tx, name);
      // No claim is written while the swap runs, so no command applies to a table being replaced.
      await tx.execute(sql`LOCK TABLE ${ident(live)}.projection_streams IN EXCLUSIVE MODE`);
      await tx.execute(inRebuild);
      for (;;) {
        const page = await catchUp(deps, tx, projections, position);
        position = page.position;
        progress.done += page.applied;
        if (page.applied < CATCH_UP_PAGE) break;
      }
      progress.done += await applyWhatLiveHolds(deps, tx, projections, live, schema);
      await tx.execute(sql.raw(`SET LOCAL search_path TO "${live}"`));
      for (const { name } of tables) {
        await tx.execute(sql`DROP TABLE ${ident(live)}.${ident(name)}`);
        await tx.execute(sql`ALTER TABLE ${ident(schema)}.${ident(name)} SET SCHEMA ${ident(live)}`);
      }
      const names = sql.join(
        projections.map((p) => sql`${p.name}`),
        sql`, `,
      );
      for (const claimTable of [getTableName(projectionStreams), getTableName(projectionParkedStreams)]) {
        await tx.execute(sql`DELETE FROM ${ident(live)}.${ident(claimTable)} WHERE projection IN (${names})`);
        await tx.execute(
          sql`INSERT INTO ${ident(live)}.${ident(claimTable)} SELECT * FROM ${ident(schema)}.${ident(claimTable)}`,
        );
      }
      for (const projection of projections) {
        await tx.execute(
          sql`INSERT INTO projection_checkpoints (name, tx_id, global_position, events_processed, status)
              VALUES (${projection.name}, ${position.txId}::xid8, ${position.globalPosition}, ${progress.done}, 'ok')
              ON CONFLICT (name) DO UPDATE SET tx_id = excluded.tx_id, global_position = excluded.global_position,
                events_processed = excluded.events_processed, status = 'ok', last_error = NULL,
                failed_tx_id = NULL, failed_position = NULL, updated_at = now()`,
        );
      }
      await tx.execute(sql`DROP SCHEMA ${ident(schema)} CASCADE`);
    });
    progress.phase = 'done';
    report();
    return progress.done;
  } catch (error) {
    await db.execute(sql`DROP SCHEMA IF EXISTS ${ident(schema)} CASCADE`).catch(() => undefined);
    throw error;
  }
}

/** Folds one whole stream; replays its events into projections that have no bulk writer. */
async function foldStream(
  stream: readonly ProjectedEvent[],
  followers: readonly Projection[],
  writers: ReadonlyMap<string, BulkWriter>,
  replays: SQL[],
  tx: Tx,
  io: ProjectionIo,
): Promise<unknown> {
  const first = stream[0] as ProjectedEvent;
  const decider = (
    deciders as Record<string, { initialState: unknown; evolve: (s: unknown, e: unknown) => unknown }>
  )[first.streamType];
  let state = decider?.initialState;
  for (const [index, event] of stream.entries()) {
    if (event.version !== index + 1) {
      // A later version committed below the horizon before an earlier one did: try again later.
      throw new Error(`Rebuild: ${event.streamId} has a gap before version ${event.version}; run it again.`);
    }
    const before = state;
    const own = decider !== undefined && streamTypeOfEvent(event.eventType) === event.streamType;
    if (own) state = decider.evolve(state, { type: event.eventType, data: event.data });
    for (const projection of followers) {
      if (!handles(projection, event.eventType)) continue;
      const writer = writers.get(projection.name);
      if (writer) {
        if (own) writer.event?.(event, state, before);
        continue;
      }
      if (projection.statementsFor && own) replays.push(...projection.statementsFor(event, state, before));
      else await projection.handle(tx, event, io);
    }
  }
  return state;
}

/**
 * Events a command's after-commit step applied to the live tables that the catch-up could not see
 * yet: the log shows a transaction only once every older one has ended, so one that committed
 * behind a transaction still running is in the live tables (its claim says so) but not in the
 * page. Read by stream and version from the claims the live side holds beyond the new ones, and
 * applied to the new tables, so they hold at least what the live ones hold when they replace
 * them (the runner skips these events later by their claims). Found by test:multi: a payment
 * answered 201 was missing from the rebuilt rm_leases until the runner's next pass.
 */
async function applyWhatLiveHolds(
  deps: RebuildDeps,
  tx: Tx,
  projections: readonly Projection[],
  live: string,
  schema: string,
): Promise<number> {
  let applied = 0;
  for (const projection of projections) {
    const behind = await rows<{ stream_id: string; from_version: number; to_version: number }>(
      tx,
      sql`SELECT l.stream_id, coalesce(n.version, 0) AS from_version, l.version AS to_version
          FROM ${ident(live)}.projection_streams l
          LEFT JOIN ${ident(schema)}.projection_streams n
            ON n.projection = l.projection AND n.stream_id = l.stream_id
          WHERE l.projection = ${projection.name} AND l.version > coalesce(n.version, 0)`,
    );
    for (const stream of behind) {
      const events = await deps.store.readStream(
        stream.stream_id,
        { fromVersion: Number(stream.from_version) + 1, toVersion: Number(stream.to_version) },
        tx,
      );
      await deps.apply(tx, projection, events);
      applied += events.length;
    }
  }
  return applied;
}

/** Applies one page of the log after `position` to every projection's new tables. */
async function catchUp(
  deps: RebuildDeps,
  tx: Tx,
  projections: readonly Projection[],
  position: LogPosition,
): Promise<{ applied: number; position: LogPosition }> {
  const page = await deps.store.readAll({ after: encodeCursor(position), limit: CATCH_UP_PAGE }, tx);
  for (const projection of projections) await deps.apply(tx, projection, page.events);
  const last = page.events[page.events.length - 1];
  return {
    applied: page.events.length,
    position: last ? { txId: last.txId, globalPosition: last.globalPosition } : position,
  };
}

/** Rows gathered per table, written many per statement. */
class RowBuffer {
  private readonly byTable = new Map<PgTable, Record<string, unknown>[]>();

  add(sets: readonly BulkRows[]): void {
    for (const { table, rows: more } of sets) {
      if (more.length === 0) continue;
      const list = this.byTable.get(table);
      if (list) for (const row of more) list.push(row);
      else this.byTable.set(table, [...more]);
    }
  }

  async flush(tx: Tx): Promise<void> {
    for (const [table, list] of this.byTable) {
      for (let i = 0; i < list.length; i += ROWS_PER_STATEMENT)
        await tx.execute(unnestInsert(table, list.slice(i, i + ROWS_PER_STATEMENT)));
    }
    this.byTable.clear();
  }
}

/**
 * One INSERT for many rows with one parameter per column: each column's values as a text array,
 * cast to the column's type by `unnest` (building a VALUES list through the query builder cost
 * more CPU than the database spent on the rows). The columns are those any row sets.
 */
function unnestInsert(table: PgTable, list: readonly Record<string, unknown>[]): SQL {
  const columns = getTableColumns(table);
  const present = new Set<string>();
  for (const row of list) for (const key of Object.keys(row)) present.add(key);
  const keys = [...present].filter((key) => columns[key] !== undefined);
  const names = keys.map((key) => ident((columns[key] as PgColumn).name));
  const arrays = keys.map((key) => {
    const column = columns[key] as PgColumn;
    if (column.getSQLType() === 'jsonb') {
      // A JSON value in a text array is escaped twice (JSON, then the array literal) and parsed
      // twice; in one JSON document it is parsed once (in a trial sending whole rows as JSON,
      // rm_leases' states took 5.2 s to build and insert instead of 9.1 s on the 10k data).
      // JSON null stands for SQL NULL here, as the text arrays' NULL does.
      const values = list.map((row) =>
        row[key] === undefined && !is(column.default, SQL) ? (column.default ?? null) : (row[key] ?? null),
      );
      return sql`(SELECT array_agg(nullif(j.value, 'null'::jsonb) ORDER BY j.n)
        FROM jsonb_array_elements(${JSON.stringify(values)}::jsonb) WITH ORDINALITY AS j(value, n))`;
    }
    const values = list.map((row) => {
      // A column a row leaves out takes its default, as in an INSERT naming only the others.
      const value = row[key] === undefined && !is(column.default, SQL) ? column.default : row[key];
      return value === null || value === undefined ? null : String(column.mapToDriverValue(value));
    });
    return sql`${textArray(values)}::text[]`;
  });
  const casts = keys.map((key, index) => sql.raw(`c${index}::${(columns[key] as PgColumn).getSQLType()}`));
  return sql`INSERT INTO ${ident(getTableName(table))} (${sql.join(names, sql`, `)})
      SELECT ${sql.join(casts, sql`, `)} FROM unnest(${sql.join(arrays, sql`, `)})
        AS u(${sql.raw(keys.map((_, index) => `c${index}`).join(', '))})`;
}

/** What an array element may hold unquoted: no quote, backslash, brace, comma or space. */
const BARE = /^[A-Za-z0-9_.:+-]+$/;

/** A PostgreSQL array literal of text (or NULL) elements (most values, numbers and ids, go bare). */
function textArray(values: readonly (string | null)[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as string | null;
    if (i > 0) literal += ',';
    if (value === null) literal += 'NULL';
    else if (BARE.test(value) && !(value.length === 4 && value.toUpperCase() === 'NULL')) literal += value;
    else literal += `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  }
  return `${literal}}`;
}

/** The live table's constraints and indexes, under their own names, on the new copy. */
async function copyIndexes(tx: Tx, live: string, schema: string, name: string): Promise<void> {
  const qualified = `"${live}"."${name}"`;
  const constraints = await rows<{ name: string; definition: string }>(
    tx,
    sql`SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
        WHERE conrelid = ${qualified}::regclass AND contype IN ('p', 'u', 'c', 'x') ORDER BY contype, conname`,
  );
  for (const constraint of constraints) {
    await tx.execute(
      sql`ALTER TABLE ${ident(schema)}.${ident(name)} ADD CONSTRAINT ${ident(constraint.name)} ${sql.raw(constraint.definition)}`,
    );
  }
  const indexes = await rows<{ definition: string }>(
    tx,
    sql`SELECT pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
        WHERE i.indrelid = ${qualified}::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
  );
  for (const { definition } of indexes) {
    // pg_get_indexdef names the table schema-qualified, and only where it is indexed: "ON public.t USING".
    const moved = definition.replace(/ ON (ONLY )?\S+ USING /, ` ON $1"${schema}"."${name}" USING `);
    await tx.execute(sql.raw(moved));
  }
}

/**
 * The build reads the log by stream, through `events_stream_version_uq`. On a log with no planner
 * statistics (just loaded, autovacuum not yet there) PostgreSQL guessed a sequential scan of the
 * whole table for every batch: reading took 36 s of a 90 s rebuild of 1,000,000 events, 18 s
 * after an ANALYZE (0.8 s). So the rebuild analyzes the log when a tenth of it is new since the last one.
 */
async function analyzeLogIfStale(deps: RebuildDeps): Promise<void> {
  const [stats] = await rows<{ changed: string | number; analyzed: boolean }>(
    deps.store.db,
    sql`SELECT n_mod_since_analyze AS changed,
          (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL) AS analyzed
        FROM pg_stat_user_tables WHERE relid = 'events'::regclass`,
  );
  if (!stats) return;
  const [{ estimate } = { estimate: 0 }] = await rows<{ estimate: number }>(
    deps.store.db,
    sql`SELECT greatest(reltuples, 0)::float8 AS estimate FROM pg_class WHERE oid = 'events'::regclass`,
  );
  const changed = Number(stats.changed);
  if (changed >= 1_000 && (!stats.analyzed || changed > Number(estimate) / 10))
    await deps.store.db.execute(sql`ANALYZE events`);
}

async function dropStaleSchemas(deps: RebuildDeps): Promise<void> {
  const found = await rows<{ name: string }>(
    deps.store.db,
    sql`SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE ${`${SCHEMA_PREFIX}%`}`,
  );
  for (const { name } of found) {
    const started = Number(name.slice(SCHEMA_PREFIX.length).split('_')[0]);
    if (Number.isFinite(started) && Date.now() - started > STALE_AFTER_MS)
      await deps.store.db.execute(sql`DROP SCHEMA IF EXISTS ${ident(name)} CASCADE`);
  }
}

/** Streams in groups of whole streams, about `eventsPerBatch` events each. */
function* batches<T extends { version: number }>(
  streams: readonly T[],
  eventsPerBatch: number,
): Generator<T[]> {
  let batch: T[] = [];
  let events = 0;
  for (const stream of streams) {
    if (
      batch.length > 0 &&
      (events + Number(stream.version) > eventsPerBatch || batch.length >= STREAMS_PER_BATCH)
    ) {
      yield batch;
      batch = [];
      events = 0;
    }
    batch.push(stream);
    events += Number(stream.version);
  }
  if (batch.length > 0) yield batch;
}

function* groupByStream(events: readonly ProjectedEvent[]): Generator<ProjectedEvent[]> {
  let group: ProjectedEvent[] = [];
  for (const event of events) {
    if (group.length > 0 && group[0]?.streamId !== event.streamId) {
      yield group;
      group = [];
    }
    group.push(event);
  }
  if (group.length > 0) yield group;
}

/** The stream types the projections follow; null when one of them takes every event. */
function followedStreamTypes(projections: readonly Projection[]): string[] | null {
  const types = new Set<string>();
  for (const projection of projections) {
    if (!projection.eventTypes) return null;
    for (const eventType of projection.eventTypes) {
      const type = streamTypeOfEvent(eventType);
      if (type) types.add(type);
    }
  }
  return [...types];
}
