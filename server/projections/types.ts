// What a projection is: a name, the events it handles, and handlers that write read tables.
import type { Tx } from '../db/client';
import type { StoredEvent } from '../eventstore';

export interface Projection {
  name: string;
  /** Event types the handler wants; others only move the checkpoint. Absent = every event. */
  eventTypes?: readonly string[];
  /** Applies one event inside the batch's transaction. Must be idempotent: a replay changes nothing. */
  handle(tx: Tx, event: StoredEvent): Promise<void>;
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
  updatedAt: string;
}
