// What a projection is: a name, the events it handles, and handlers that write read tables.
import type { SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/client';
import type { Folder, ProjectedEvent, ReadStreamOptions, StoredEvent } from '../eventstore';

/** What a handler may read besides its own tables: the event store, inside the batch's transaction. */
export interface ProjectionIo {
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** The stream's state at `toVersion`: from its latest snapshot at or below it, plus the events after. */
  loadState<S>(streamId: string, folder: Folder<S>, toVersion: number): Promise<S>;
}

/** Rows for one read table, written many per statement by the bulk rebuild. */
export interface BulkRows {
  table: PgTable;
  rows: Record<string, unknown>[];
}

/** Typed constructor of BulkRows: the rows must be the table's own insert model. */
export function bulkRows<T extends PgTable>(table: T, rows: T['$inferInsert'][]): BulkRows {
  return { table, rows };
}

/**
 * The bulk rebuild of a projection (rebuild.ts): given each stream's events and its state folded in
 * memory, the rows the read tables end with, without a statement per event. One writer per rebuild,
 * so it may sum across streams and hand the totals over in `finish`.
 */
export interface BulkWriter {
  /** Told each event of the stream as it is folded, with the states right after and before it. */
  event?(event: ProjectedEvent, stateAfter: unknown, stateBefore: unknown): void;
  /** The rows one whole stream ends with: `events` from version 1 up, `state` the fold of them. */
  stream(events: readonly ProjectedEvent[], state: unknown): BulkRows[];
  /** Rows summed across streams, written once every stream is done. */
  finish?(): BulkRows[];
  /**
   * Set-based statements run on the new tables once every row is in (the rebuild's schema first
   * on the search path, so a name resolves to a table rebuilt alongside, else to the live one).
   */
  after?(): SQL[];
}

export interface Projection {
  name: string;
  /**
   * The read tables the projection owns (and only it writes). A rebuild builds new copies of them
   * beside the live ones and swaps them in when it has caught up (rebuild.ts).
   */
  tables: readonly PgTable[];
  /** The fast rebuild path; without it the rebuild replays each event through statementsFor or handle. */
  bulk?: () => BulkWriter;
  /** Event types the handler wants; others only move the checkpoint. Absent = every event. */
  eventTypes?: readonly string[];
  /**
   * Applies one event inside the batch's transaction. The runner calls it at most once per stream
   * version (projection_streams), so it may count and sum; it may read what it needs.
   */
  handle(tx: Tx, event: ProjectedEvent, io: ProjectionIo): Promise<void>;
  /**
   * The fast path of a command's after-commit step: the statements that apply `event`, given the
   * aggregate's state right before and right after it, with no reads, so the step sends them all at once. Optional:
   * without it the step calls `handle`.
   */
  statementsFor?(event: ProjectedEvent, stateAfter: unknown, stateBefore: unknown): SQL[];
  /** Empties the read tables (tests; the rebuild builds new tables instead). */
  reset(tx: Tx): Promise<void>;
}

export type ProjectionStatus = 'ok' | 'failing' | 'rebuilding';

export interface ProjectionHealth {
  name: string;
  status: ProjectionStatus;
  /** Opaque cursor of the last event applied. */
  position: string;
  globalPosition: number;
  eventsProcessed: number;
  /** Committed events not yet applied. */
  lagEvents: number;
  lastError: string | null;
  failedPosition: number | null;
  /** Streams set aside after a poison event (parked.ts): the projection goes on without them. */
  parkedStreams: number;
  updatedAt: string;
}
