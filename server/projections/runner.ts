// The projection runner: applies the global log to read tables in batches. Each batch is one
// transaction holding the projection's advisory lock, so any number of processes can run it and
// a crash loses nothing. A failing handler stops its projection at that event, never the command.
// It also owns the command's after-commit step (`applyCommitted`): the command's own events go to
// the read models in one transaction before the command returns. Both paths claim each stream
// version first (stream-claims.ts), so every event is applied exactly once whoever comes first.
import 'server-only';
import { type Executor, rows, type Tx } from '../db/client';
import {
  comparePositions,
  decodeCursor,
  type EventStore,
  encodeCursor,
  type LogPosition,
  type StoredEvent,
} from '../eventstore';
import { logger, scrubSqlParams } from '../log';
import { lockProjection, markFailing, moveCheckpoint, projectionHealth, readCheckpoint } from './checkpoints';
import { follows, handles } from './follows';
import { projectionIo } from './io';
import {
  isPoison,
  listParked,
  parkedAmong,
  parkedDue,
  parkedForStreamSql,
  parkStream,
  retryFailed,
  unpark,
} from './parked';
import { type RebuildProgress, rebuildBlueGreen } from './rebuild';
import { appliedVersion, claimStreamSql, claimStreams, claimsOf } from './stream-claims';
import type { Projection, ProjectionHealth, ProjectionIo } from './types';

export interface RunnerOptions {
  batchSize?: number;
  /** Longest wait in waitFor() before answering "not yet". */
  waitMs?: number;
  /** A projection whose handler failed is retried by catchUp() at most this often. */
  retryFailingAfterMs?: number;
  /** A parked stream (parked.ts) is retried by catchUp() at most this often. */
  retryParkedAfterMs?: number;
  /** Events per build transaction of a rebuild (rebuild.ts; tests make it small). */
  rebuildEventsPerBatch?: number;
  onBatch?: (info: { projection: string; events: number; seconds: number; failed: boolean }) => void;
}

export interface BatchOutcome {
  applied: number;
  /** The batch was full: more events may be waiting. */
  more: boolean;
  failed: boolean;
}

class HandlerFailed extends Error {
  constructor(
    readonly index: number,
    readonly event: StoredEvent,
    readonly reason: unknown,
  ) {
    super(
      `Projection handler failed at ${event.eventType} #${event.globalPosition}: ${describeError(reason)}`,
    );
  }
}

/** What is stored as a projection's last error: never the SQL parameters (a row's values). */
function describeError(reason: unknown): string {
  return scrubSqlParams(reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason));
}

const toPosition = (event: StoredEvent): LogPosition => ({
  txId: event.txId,
  globalPosition: event.globalPosition,
});

export function createProjectionRunner(
  store: EventStore,
  projections: readonly Projection[],
  options: RunnerOptions = {},
) {
  const batchSize = options.batchSize ?? 200;
  const waitMs = options.waitMs ?? 5_000;
  const retryFailingAfterMs = options.retryFailingAfterMs ?? 5_000;
  const retryParkedAfterMs = options.retryParkedAfterMs ?? 60_000;
  const byName = new Map(projections.map((p) => [p.name, p]));
  // When each projection last failed in this process: not retried on every command.
  const failedAt = new Map<string, number>();
  const log = logger('projections');
  let running: Promise<void> | null = null;
  let again = false;

  const ioFor = (tx: Executor): ProjectionIo => projectionIo(store, tx);

  /**
   * Applies the batch's events this projection has not applied yet (per-stream claims), skipping
   * the streams it parked (their claims stay where the poison event is, for the retry).
   */
  async function apply(tx: Tx, projection: Projection, events: readonly StoredEvent[]): Promise<void> {
    const streamIds = [
      ...new Set(events.filter((e) => follows(projection, e.streamType)).map((e) => e.streamId)),
    ];
    const parked = await parkedAmong(tx, projection.name, streamIds);
    // A parked stream's events before its poison event still apply; from it on they wait.
    const waits = (event: StoredEvent) => event.version >= (parked.get(event.streamId) ?? Infinity);
    const followed = events.filter((event) => follows(projection, event.streamType) && !waits(event));
    const upTo = new Map<string, number>();
    for (const event of followed)
      upTo.set(event.streamId, Math.max(upTo.get(event.streamId) ?? 0, event.version));
    const applied = await claimStreams(tx, projection.name, upTo);
    const io = ioFor(tx);
    for (const [index, event] of events.entries()) {
      if (waits(event)) continue;
      if ((applied.get(event.streamId) ?? Number.POSITIVE_INFINITY) >= event.version) continue;
      if (!handles(projection, event.eventType)) continue;
      try {
        await projection.handle(tx, event, io);
      } catch (reason) {
        throw new HandlerFailed(index, event, reason);
      }
    }
  }

  /** One batch: lock, read the checkpoint, apply, move the checkpoint — all in one transaction. */
  async function runBatch(projection: Projection, limit = batchSize): Promise<BatchOutcome> {
    const started = performance.now();
    try {
      const applied = await store.db.transaction(async (tx) => {
        await lockProjection(tx, projection.name);
        const checkpoint = await readCheckpoint(tx, projection.name);
        const page = await store.readAll({ after: encodeCursor(checkpoint), limit }, tx);
        const last = page.events[page.events.length - 1];
        // A rebuild stays "rebuilding" until it reaches the end of the log.
        const status =
          checkpoint.status === 'rebuilding' && page.events.length === limit ? 'rebuilding' : 'ok';
        if (!last) {
          if (checkpoint.status === 'rebuilding') await moveCheckpoint(tx, projection.name, checkpoint, 0);
          return 0;
        }
        await apply(tx, projection, page.events);
        await moveCheckpoint(tx, projection.name, toPosition(last), page.events.length, status);
        return page.events.length;
      });
      options.onBatch?.({
        projection: projection.name,
        events: applied,
        seconds: secondsSince(started),
        failed: false,
      });
      return { applied, more: applied === limit, failed: false };
    } catch (error) {
      if (!(error instanceof HandlerFailed)) throw error;
      if (isPoison(error.reason)) {
        // Set the stream aside for this projection and run the batch again without it: one bad
        // stream never holds back the others (docs/security.md, "Poison events").
        const { event } = error;
        await store.db.transaction(async (tx) => {
          await lockProjection(tx, projection.name);
          await parkStream(tx, projection.name, event, describeError(error.reason));
        });
        log.error(
          {
            projection: projection.name,
            streamId: event.streamId,
            globalPosition: event.globalPosition,
            err: error.reason,
          },
          'projection handler failed on an event; the stream is parked, the projection goes on',
        );
        options.onBatch?.({
          projection: projection.name,
          events: 0,
          seconds: secondsSince(started),
          failed: true,
        });
        return runBatch(projection, limit);
      }
      // A transient failure (the database went away): the batch rolled back whole; apply what came
      // before the bad event, then stop at it and retry later.
      if (error.index > 0) await runBatch(projection, error.index);
      await store.db.transaction(async (tx) => {
        await lockProjection(tx, projection.name);
        await markFailing(tx, projection.name, toPosition(error.event), describeError(error.reason));
      });
      log.error(
        { projection: projection.name, globalPosition: error.event.globalPosition, err: error.reason },
        'projection handler failed; the projection stops at this event',
      );
      failedAt.set(projection.name, performance.now());
      options.onBatch?.({
        projection: projection.name,
        events: 0,
        seconds: secondsSince(started),
        failed: true,
      });
      return { applied: error.index, more: false, failed: true };
    }
  }

  async function catchUpOnce(names?: readonly string[]): Promise<void> {
    for (const projection of select(names)) {
      const lastFailure = failedAt.get(projection.name);
      if (lastFailure !== undefined && performance.now() - lastFailure < retryFailingAfterMs) continue;
      failedAt.delete(projection.name);
      let failed = false;
      for (;;) {
        const outcome = await runBatch(projection);
        failed = outcome.failed;
        if (!outcome.more || outcome.failed) break;
      }
      if (!failed) await retryParked(projection);
    }
  }

  /**
   * Tries each parked stream that is due again: applies its events from where its claim stands,
   * in one transaction under the projection's lock; on success the stream is taken back.
   */
  async function retryParked(projection: Projection): Promise<void> {
    const due = await parkedDue(store.db, projection.name, retryParkedAfterMs);
    for (const parked of due) {
      try {
        await store.db.transaction(async (tx) => {
          await lockProjection(tx, projection.name);
          const applied = await appliedVersion(tx, projection.name, parked.streamId);
          const events = await store.readStream(parked.streamId, { fromVersion: applied + 1 }, tx);
          const io = ioFor(tx);
          for (const event of events) {
            if (handles(projection, event.eventType)) await projection.handle(tx, event, io);
          }
          const last = events[events.length - 1];
          if (last) await claimStreams(tx, projection.name, new Map([[parked.streamId, last.version]]));
          await unpark(tx, projection.name, parked.streamId);
        });
        log.info(
          { projection: projection.name, streamId: parked.streamId },
          'parked stream applied; taken back',
        );
      } catch (reason) {
        await store.db.transaction((tx) =>
          retryFailed(tx, projection.name, parked.streamId, describeError(reason)),
        );
      }
    }
  }

  function select(names?: readonly string[]): Projection[] {
    if (!names) return [...byName.values()];
    return names.map((name) => {
      const projection = byName.get(name);
      if (!projection)
        throw new Error(`Unknown projection "${name}". Known: ${[...byName.keys()].join(', ')}.`);
      return projection;
    });
  }

  /**
   * Brings every projection up to the end of the committed log. Calls made while a run is under
   * way share it, plus one more run, so no caller misses events committed before its call.
   */
  function catchUp(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await catchUpOnce();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  /**
   * Read-your-writes: runs the projections until every one has passed `cursor` (or is failing),
   * waiting at most `waitMs`. Answers which projections did not get there.
   */
  async function waitFor(
    cursor: string,
    timeoutMs = waitMs,
  ): Promise<{ reached: boolean; behind: string[] }> {
    const target = decodeCursor(cursor);
    const deadline = performance.now() + timeoutMs;
    let pause = 5;
    for (;;) {
      await catchUp();
      const health = await projectionHealth(store.db, [...byName.keys()]);
      const behind = health
        .filter((h) => h.status !== 'failing' && comparePositions(decodeCursor(h.position), target) < 0)
        .map((h) => h.name);
      if (behind.length === 0) return { reached: true, behind };
      if (performance.now() >= deadline) return { reached: false, behind };
      // An older transaction is still open, so our events are not yet past the commit horizon.
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 100);
    }
  }

  /**
   * The command's after-commit step: applies one stream's just-committed events (with the state
   * before them and after each, when the command has it) to every projection that follows the stream, in one
   * transaction. The fast path sends the claim and every projection's statements at once; when the
   * claim shows another writer's events are not applied yet (or a statement fails), it rolls back
   * and takes the careful path: claim first, fill the gap from the store, one savepoint per
   * projection, so a projection that fails on an event stays behind alone (the runner records it).
   * Answers whether every projection now includes the events.
   */
  async function applyCommitted(
    events: readonly StoredEvent[],
    states?: { before: unknown; after: readonly unknown[] },
  ): Promise<boolean> {
    const first = events[0];
    const last = events[events.length - 1];
    if (!first || !last) return true;
    const followers = projections.filter((projection) => follows(projection, first.streamType));
    if (followers.length === 0) return true;
    const names = followers.map((projection) => projection.name);
    const fast =
      states && followers.every((p) => p.statementsFor || !events.some((e) => handles(p, e.eventType)));
    if (fast) {
      try {
        await store.db.transaction(async (tx) => {
          const statements = [
            claimStreamSql(names, first.streamId, last.version),
            parkedForStreamSql(names, first.streamId),
          ];
          for (const projection of followers) {
            for (const [index, event] of events.entries()) {
              if (handles(projection, event.eventType))
                statements.push(
                  ...(projection.statementsFor?.(
                    event,
                    states.after[index],
                    index === 0 ? states.before : states.after[index - 1],
                  ) ?? []),
                );
            }
          }
          // Sent together: postgres.js pipelines the statements of one transaction.
          const [claimed, parked] = await Promise.all(statements.map((statement) => rows(tx, statement)));
          const behind = claimsOf(claimed ?? []).some((claim) => claim.previousVersion !== first.version - 1);
          // A parked stream's later events wait for its retry: the careful path skips them.
          if (behind || (parked?.length ?? 0) > 0) throw new NotInOrder();
        });
        return true;
      } catch (error) {
        if (!(error instanceof NotInOrder)) {
          log.warn(
            { err: error, streamId: first.streamId },
            'after-commit fast path failed; applying one by one',
          );
        }
      }
    }
    let complete = true;
    await store.db.transaction(async (tx) => {
      const io = ioFor(tx);
      for (const projection of followers) {
        try {
          await tx.transaction(async (savepoint) => {
            if ((await parkedAmong(savepoint, projection.name, [first.streamId])).size > 0) {
              complete = false;
              return;
            }
            const [claim] = claimsOf(
              await rows(savepoint, claimStreamSql([projection.name], first.streamId, last.version)),
            );
            const applied = claim?.previousVersion ?? 0;
            if (applied >= last.version) return;
            // Events of this stream committed before ours that this projection has not applied.
            const gap =
              applied < first.version - 1
                ? await store.readStream(
                    first.streamId,
                    { fromVersion: applied + 1, toVersion: first.version - 1 },
                    savepoint,
                  )
                : [];
            for (const event of [...gap, ...events]) {
              if (event.version > applied && handles(projection, event.eventType))
                await projection.handle(savepoint, event, io);
            }
          });
        } catch (error) {
          complete = false;
          log.warn(
            { err: error, projection: projection.name, streamId: first.streamId },
            'after-commit projection failed; the background runner will record it',
          );
        }
      }
    });
    return complete;
  }

  /**
   * Catches every projection up to the end of the committed log, waiting (at most `timeoutMs`)
   * while an older transaction elsewhere holds the commit horizon back. Answers whether it got there.
   */
  async function settle(timeoutMs = waitMs): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    let pause = 5;
    for (;;) {
      await catchUp();
      const health = await projectionHealth(store.db, [...byName.keys()]);
      if (health.every((h) => h.status === 'failing' || h.lagEvents === 0)) return true;
      if (performance.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 100);
    }
  }

  /** Rebuilds in this process now, by projection name (the admin console shows it). */
  const rebuilding = new Map<string, RebuildProgress>();

  /**
   * Rebuilds the named projections (default: all) together, blue/green and in bulk (rebuild.ts):
   * readers keep the old tables until the new ones have caught up. Answers the events folded.
   */
  async function rebuildMany(
    names?: readonly string[],
    onProgress?: (progress: RebuildProgress) => void,
  ): Promise<number> {
    const chosen = select(names);
    const busy = chosen.filter((projection) => rebuilding.has(projection.name));
    if (busy.length > 0)
      throw new Error(`A rebuild of ${busy.map((p) => p.name).join(', ')} is already running.`);
    for (const projection of chosen)
      rebuilding.set(projection.name, { done: 0, total: 0, phase: 'building' });
    try {
      return await rebuildBlueGreen(
        {
          store,
          apply,
          eventsPerBatch: options.rebuildEventsPerBatch,
          onProgress: (progress) => {
            for (const projection of chosen) rebuilding.set(projection.name, progress);
            onProgress?.(progress);
          },
        },
        chosen,
      );
    } finally {
      for (const projection of chosen) rebuilding.delete(projection.name);
      for (const projection of chosen) failedAt.delete(projection.name);
    }
  }

  /** Rebuilds one projection (see rebuildMany); `onProgress` hears the events folded so far. */
  function rebuild(name: string, onProgress?: (done: number) => void): Promise<number> {
    return rebuildMany([name], onProgress && ((progress) => onProgress(progress.done)));
  }

  /**
   * Applies already-seen events to one projection through the per-stream claims, as a batch does
   * (without moving the checkpoint): what a replay after a crash amounts to. Tests prove with it
   * that a replay changes nothing.
   */
  async function replay(name: string, events: readonly StoredEvent[]): Promise<void> {
    const projection = select([name])[0] as Projection;
    await store.db.transaction((tx) => apply(tx, projection, events));
  }

  return {
    projections,
    applyCommitted,
    replay,
    catchUp,
    settle,
    catchUpOnly: catchUpOnce,
    runBatch,
    waitFor,
    rebuild,
    rebuildMany,
    rebuilding: (): Map<string, RebuildProgress> => new Map(rebuilding),
    health: (): Promise<ProjectionHealth[]> => projectionHealth(store.db, [...byName.keys()]),
    parked: () => listParked(store.db, [...byName.keys()]),
  };
}

/** Thrown inside the fast path's transaction to roll it back: an earlier event is not applied yet. */
class NotInOrder extends Error {}

function secondsSince(started: number): number {
  return (performance.now() - started) / 1000;
}

export type ProjectionRunner = ReturnType<typeof createProjectionRunner>;
