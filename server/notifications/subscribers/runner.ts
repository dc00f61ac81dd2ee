// The subscriber runner: feeds the committed log (commit-safe order, as projections read it) to
// each subscriber in batches. A batch is one transaction holding the subscriber's advisory lock:
// read the checkpoint, hand the events over, move the checkpoint. Several app processes can run
// it; a crash loses nothing (the batch is handled again, so side effects outside the database must
// be idempotent, like the event bus's message ids). Checkpoints share the projections' table and
// lock helpers under the name `subscriber:<name>`.
import 'server-only';
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client';
import {
  comparePositions,
  decodeCursor,
  type EventStore,
  encodeCursor,
  type LogPosition,
  type StoredEvent,
} from '../../eventstore';
import { recentCursor } from '../../eventstore/queries';
import { logger } from '../../log';
import {
  lockProjection,
  markFailing,
  moveCheckpoint,
  projectionHealth,
  readCheckpoint,
} from '../../projections/checkpoints';
import { projectionIo } from '../../projections/io';
import type { Subscriber, SubscriberHealth } from './types';

const checkpointName = (subscriber: string): string => `subscriber:${subscriber}`;

export interface SubscriberRunnerOptions {
  batchSize?: number;
  /** A failing subscriber is retried at most this often. */
  retryFailingAfterMs?: number;
  /** The lowest position every projection has reached; `afterProjections` subscribers stop there. */
  projectionsHorizon?: () => Promise<LogPosition>;
  onBatch?: (info: { subscriber: string; events: number; seconds: number; failed: boolean }) => void;
}

export function createSubscriberRunner(
  store: EventStore,
  subscribers: readonly Subscriber[],
  options: SubscriberRunnerOptions = {},
) {
  const batchSize = options.batchSize ?? 200;
  const retryFailingAfterMs = options.retryFailingAfterMs ?? 5_000;
  const failedAt = new Map<string, number>();
  const log = logger('subscribers');
  let running: Promise<void> | null = null;
  /** Subscribers whose checkpoint row is known to exist (no need to look again). */
  const initialised = new Set<string>();

  /** A subscriber that has never run and starts at the end: its checkpoint is put there first. */
  async function initialise(subscriber: Subscriber): Promise<void> {
    if (initialised.has(subscriber.name)) return;
    await putCheckpoint(subscriber);
    initialised.add(subscriber.name);
  }

  async function putCheckpoint(subscriber: Subscriber): Promise<void> {
    const name = checkpointName(subscriber.name);
    const [found] = await rows(
      store.db,
      sql`SELECT 1 AS one FROM projection_checkpoints WHERE name = ${name}`,
    );
    if (found) return;
    await store.db.transaction(async (tx) => {
      await lockProjection(tx, name);
      const [again] = await rows(tx, sql`SELECT 1 AS one FROM projection_checkpoints WHERE name = ${name}`);
      if (again) return;
      await readCheckpoint(tx, name);
      if (subscriber.startAt === 'end') {
        const end = await recentCursor(tx, 0);
        if (end) await moveCheckpoint(tx, name, decodeCursor(end), 0);
      }
    });
  }

  /** One batch; answers how many events it moved past (0 = caught up). */
  async function runBatch(subscriber: Subscriber): Promise<number> {
    const name = checkpointName(subscriber.name);
    const started = performance.now();
    const horizon = subscriber.afterProjections ? await options.projectionsHorizon?.() : undefined;
    try {
      const moved = await store.db.transaction(async (tx) => {
        await lockProjection(tx, name);
        const checkpoint = await readCheckpoint(tx, name);
        const page = await store.readAll({ after: encodeCursor(checkpoint), limit: batchSize }, tx);
        const events = horizon
          ? page.events.filter((event) => comparePositions(position(event), horizon) <= 0)
          : page.events;
        const last = events[events.length - 1];
        if (!last) return 0;
        await subscriber.handleBatch(tx, events, projectionIo(store, tx));
        await moveCheckpoint(tx, name, position(last), events.length);
        return events.length;
      });
      options.onBatch?.({
        subscriber: subscriber.name,
        events: moved,
        seconds: since(started),
        failed: false,
      });
      return moved;
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await store.db.transaction(async (tx) => {
        await lockProjection(tx, name);
        const checkpoint = await readCheckpoint(tx, name);
        await markFailing(tx, name, checkpoint, reason);
      });
      log.error({ subscriber: subscriber.name, err: error }, 'subscriber batch failed; retrying later');
      failedAt.set(subscriber.name, performance.now());
      options.onBatch?.({ subscriber: subscriber.name, events: 0, seconds: since(started), failed: true });
      return 0;
    }
  }

  async function catchUpOnce(): Promise<void> {
    for (const subscriber of subscribers) {
      const lastFailure = failedAt.get(subscriber.name);
      if (lastFailure !== undefined && performance.now() - lastFailure < retryFailingAfterMs) continue;
      failedAt.delete(subscriber.name);
      await initialise(subscriber);
      while ((await runBatch(subscriber)) === batchSize) {
        if (failedAt.has(subscriber.name)) break;
      }
    }
  }

  /** Runs every subscriber up to the end of the committed log; concurrent calls share one run. */
  function catchUp(): Promise<void> {
    running ??= catchUpOnce().finally(() => {
      running = null;
    });
    return running;
  }

  /** Puts each subscriber's checkpoint in place (at the end of the log for `startAt: 'end'`). */
  async function initialiseAll(): Promise<void> {
    for (const subscriber of subscribers) await initialise(subscriber);
  }

  async function health(): Promise<SubscriberHealth[]> {
    const found = await projectionHealth(
      store.db,
      subscribers.map((s) => checkpointName(s.name)),
    );
    return found.map(
      ({ name, status, position: at, globalPosition, lagEvents, eventsProcessed, lastError, updatedAt }) => ({
        name: name.replace(/^subscriber:/, ''),
        status,
        position: at,
        globalPosition,
        lagEvents,
        eventsProcessed,
        lastError,
        updatedAt,
      }),
    );
  }

  return { subscribers, catchUp, initialiseAll, health };
}

export type SubscriberRunner = ReturnType<typeof createSubscriberRunner>;

const position = (event: StoredEvent): LogPosition => ({
  txId: event.txId,
  globalPosition: event.globalPosition,
});
const since = (started: number) => (performance.now() - started) / 1000;
