// What a projection is: a name, the events it handles, and handlers that write read tables.
import type { SQL } from 'drizzle-orm';
import type { Tx } from '../db/client';
import type { ReadStreamOptions, StoredEvent } from '../eventstore';

/** What a handler may read besides its own tables: the event store, inside the batch's transaction. */
export interface ProjectionIo {
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
}

export interface Projection {
  name: string;
  /** Event types the handler wants; others only move the checkpoint. Absent = every event. */
  eventTypes?: readonly string[];
  /**
   * Applies one event inside the batch's transaction. The runner calls it at most once per stream
   * version (projection_streams), so it may count and sum; it may read what it needs.
   */
  handle(tx: Tx, event: StoredEvent, io: ProjectionIo): Promise<void>;
  /**
   * The fast path of a command's after-commit step: the statements that apply `event`, given the
   * aggregate's state right before and right after it, with no reads, so the step sends them all at once. Optional:
   * without it the step calls `handle`.
   */
  statementsFor?(event: StoredEvent, stateAfter: unknown, stateBefore: unknown): SQL[];
  /** Empties the read tables before a rebuild. */
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
