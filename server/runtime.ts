// The app's wiring: one database, migrated; one event store with the domain's upcasters; one
// projection runner. Built once per process (kept on globalThis across Next.js bundle layers).
import 'server-only';
import { appDatabaseOptions, type Database, getDatabase } from './db/client';
import { migrateDatabase } from './db/migrate';
import { allUpcasters as appUpcasters } from './domain/registry';
import { env } from './env';
import {
  createEventStore,
  createStreamWriters,
  type EventStore,
  type StreamWriters,
  UpcasterRegistry,
} from './eventstore';
import { recordProjectionBatch } from './metrics';
import { allProjections } from './projections/registry';
import { createProjectionRunner, type ProjectionRunner } from './projections/runner';
import type { Projection } from './projections/types';

export interface Runtime {
  database: Database;
  store: EventStore;
  runner: ProjectionRunner;
  /** This process's writers per stream (queues and last-written states); see commands/handle.ts. */
  streams: StreamWriters;
  /** The time zone of a property registered without one (`DEFAULT_TIME_ZONE`). */
  defaultTimeZone: string;
}

export function createRuntime(
  database: Database,
  options: {
    projections?: readonly Projection[];
    snapshotEvery?: number;
    retryFailingAfterMs?: number;
    defaultTimeZone?: string;
  } = {},
): Runtime {
  const e = env();
  const store = createEventStore(database.db, {
    upcasters: new UpcasterRegistry(appUpcasters),
    snapshotEvery: options.snapshotEvery ?? e.SNAPSHOT_EVERY,
    snapshotCache: { budgetBytes: e.SNAPSHOT_CACHE_MB * 1024 * 1024 },
  });
  const runner = createProjectionRunner(store, options.projections ?? allProjections, {
    batchSize: e.PROJECTION_BATCH_SIZE,
    waitMs: e.PROJECTION_WAIT_MS,
    retryFailingAfterMs: options.retryFailingAfterMs,
    onBatch: recordProjectionBatch,
  });
  return {
    database,
    store,
    runner,
    streams: createStreamWriters(),
    defaultTimeZone: options.defaultTimeZone ?? e.DEFAULT_TIME_ZONE,
  };
}

const RUNTIME = Symbol.for('leasebook.runtime');
type Holder = { [RUNTIME]?: Promise<Runtime> };

/** The process's runtime: opens and migrates the database on first use. */
export function getRuntime(): Promise<Runtime> {
  const holder = globalThis as Holder;
  if (!holder[RUNTIME]) {
    holder[RUNTIME] = (async () => {
      const database = await getDatabase();
      await migrateDatabase(database, appDatabaseOptions());
      return createRuntime(database);
    })().catch((error: unknown) => {
      delete holder[RUNTIME];
      throw error;
    });
  }
  return holder[RUNTIME];
}

/** Tests only: route handlers (which call getRuntime) run against this runtime. */
export function setRuntimeForTests(runtime: Runtime | undefined): void {
  const holder = globalThis as Holder;
  if (runtime) holder[RUNTIME] = Promise.resolve(runtime);
  else delete holder[RUNTIME];
}
