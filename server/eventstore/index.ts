// The event store's public face: bind a database and an upcaster registry once, then append,
// read, verify and snapshot through one object.
import 'server-only';
import type { Db, Executor } from '../db/client';
import { type AppendOptions, append, findCommand, recordReply, type StoredReply } from './append';
import { type ReadAllOptions, type ReadStreamOptions, readAll, readStream, readStreamsToFold } from './read';
import { forgetOldReplies } from './retention';
import { SnapshotCache, type SnapshotCacheOptions } from './snapshot-cache';
import { type Folder, loadStream, saveSnapshot, snapshotDue } from './snapshots';
import type { NewEvent } from './types';
import { UpcasterRegistry } from './upcasters';
import { verifyStream } from './verify';

export type { AppendOptions, AppendResult, StoredReply } from './append';
export type { JsonValue } from './canonical';
export { comparePositions, decodeCursor, encodeCursor, type LogPosition } from './cursor';
export * from './errors';
export { folderOf } from './folder';
export type { ReadStreamOptions } from './read';
export type { Folder } from './snapshots';
export * from './types';
export { UpcasterRegistry } from './upcasters';
export type { VerifyResult } from './verify';
export { createStreamWriters, type StreamWriters } from './writers';

export interface EventStoreOptions {
  upcasters?: UpcasterRegistry;
  /** Take a snapshot every N events (default 100). */
  snapshotEvery?: number;
  /** The in-memory cache of large parsed snapshots (snapshot-cache.ts). */
  snapshotCache?: SnapshotCacheOptions;
}

export function createEventStore(db: Db, options: EventStoreOptions = {}) {
  const registry = options.upcasters ?? new UpcasterRegistry();
  const snapshotEvery = options.snapshotEvery ?? 100;
  const snapshotCache = new SnapshotCache(options.snapshotCache);
  return {
    db,
    registry,
    snapshotEvery,
    snapshotCache,
    append: (streamId: string, events: readonly NewEvent[], appendOptions: AppendOptions) =>
      append(db, registry, streamId, events, appendOptions),
    readStream: (streamId: string, readOptions?: ReadStreamOptions, executor: Executor = db) =>
      readStream(executor, registry, streamId, readOptions),
    /** Whole streams below a commit horizon, as projections see them (the rebuild's fold). */
    readStreamsToFold: (streamIds: readonly string[], beforeTxId: string, executor: Executor = db) =>
      readStreamsToFold(executor, registry, streamIds, beforeTxId),
    readAll: (readOptions?: ReadAllOptions, executor: Executor = db) =>
      readAll(executor, registry, readOptions),
    verifyStream: (streamId: string) => verifyStream(db, streamId),
    /** The first result of an already-processed command id (see append's idempotency). */
    findCommand: (commandId: string, requestHash: string) => findCommand(db, commandId, requestHash),
    /** Records the reply of a command that appended nothing itself; the first reply wins. */
    recordReply: (commandId: string, requestHash: string, reply: StoredReply) =>
      recordReply(db, commandId, requestHash, reply),
    /** The clean-up job: idempotency replies older than 24 hours (retention.ts). */
    forgetOldReplies: (now?: Date) => forgetOldReplies(db, now),
    load: <S>(
      streamId: string,
      folder: Folder<S>,
      loadOptions?: { toVersion?: number; useSnapshots?: boolean },
      executor: Executor = db,
    ) => loadStream(executor, registry, streamId, folder, { ...loadOptions, cache: snapshotCache }),
    /** Saves a snapshot when the last append crossed a multiple of `snapshotEvery`. */
    async snapshotIfDue<S>(
      streamId: string,
      folder: Folder<S>,
      previousVersion: number,
      version: number,
      state: S,
    ) {
      if (!snapshotDue(previousVersion, version, snapshotEvery)) return false;
      await saveSnapshot(db, streamId, version, folder.stateSchemaVersion, state);
      return true;
    },
  };
}

export type EventStore = ReturnType<typeof createEventStore>;
