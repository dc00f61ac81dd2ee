// What a subscriber is: a consumer of the committed log with its own checkpoint, run in the
// background only (never inside a request). Unlike a projection it takes a whole batch, so it can
// pipeline I/O (the event bus publishes a batch and then waits for the acknowledgements).
import type { Tx } from '../../db/client';
import type { StoredEvent } from '../../eventstore';
import type { ProjectionIo } from '../../projections/types';

export interface Subscriber {
  /** Unique among subscribers; its checkpoint row is `subscriber:<name>`. */
  name: string;
  /**
   * Where a subscriber that has never run starts: `end` reacts only to what happens from now on
   * (no emails for a year of seeded history), `beginning` replays the whole log (the event bus).
   */
  startAt: 'beginning' | 'end';
  /** Reads the read models, so it never runs ahead of the projections. */
  afterProjections: boolean;
  /**
   * Handles a batch inside the transaction that then moves the checkpoint. Throwing rolls the
   * batch back; the subscriber is marked failing and retried later from the same place.
   */
  handleBatch(tx: Tx, events: readonly StoredEvent[], io: ProjectionIo): Promise<void>;
}

export type SubscriberStatus = 'ok' | 'failing' | 'rebuilding';

export interface SubscriberHealth {
  name: string;
  status: SubscriberStatus;
  position: string;
  globalPosition: number;
  lagEvents: number;
  eventsProcessed: number;
  lastError: string | null;
  updatedAt: string;
}
