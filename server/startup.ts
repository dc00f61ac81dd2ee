// What an app process does once at start (called from instrumentation.ts): open and migrate the
// database, seed the demo portfolio into a brand-new embedded database, run the projections now
// and every few seconds, start the notification subscribers (server/notifications), run the daily
// billing (at start, then whenever a property's local date changes) and the hourly clean-up
// (expired sessions, invites, tokens, idempotency replies).
// A process that cannot open its database exits with the reason instead of answering every
// request with a 500; a failed seed or billing run is logged and the app serves what is there.
import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { runCleanup } from './cleanup';
import { runBilling } from './commands/billing';
import { appDatabaseOptions, openDatabase } from './db/client';
import { lockDataDir } from './db/data-dir-lock';
import { migrateDatabase } from './db/migrate';
import { localDate, maxDate, todayUtc } from './domain/shared/dates';
import { env } from './env';
import { background, drain, isDraining, pending } from './lifecycle';
import { logger } from './log';
import { startNotificationLoops } from './notifications/service';
import { propertyTimeZones } from './queries/properties';
import { createRuntime, getRuntime, type Runtime } from './runtime';
import { isDatabaseEmpty, type SeedProgress, seedDemoData } from './seed';

const CATCH_UP_EVERY_MS = 1_000;
const BILLING_CHECK_EVERY_MS = 5 * 60_000;
const CLEANUP_FIRST_AFTER_MS = 60_000;
const CLEANUP_EVERY_MS = 60 * 60_000;

export async function startServerProcess(): Promise<void> {
  const log = logger('startup');
  let runtime: Runtime;
  try {
    await seedNewDataDir();
    runtime = await getRuntime();
  } catch (error) {
    log.fatal({ err: error }, 'cannot open the database; exiting');
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`\nLeasebook cannot start: ${reason}\n\n`);
    process.exit(1);
  }
  log.info({ database: runtime.database.kind, location: runtime.database.location }, 'database ready');

  // API.md: only a fresh embedded database is seeded on its own; a DATABASE_URL one never is,
  // and neither is one whose install said SEED_DEMO=false (a real install: npm run users:create-admin).
  if (runtime.database.kind === 'pglite' && env().SEED_DEMO === 'true') await seedIfEmpty(runtime);

  let catchingUp = false;
  const catchUp = () => {
    if (catchingUp || isDraining()) return;
    catchingUp = true;
    background(runtime.runner.catchUp())
      .catch((error: unknown) => {
        log.error({ err: error }, 'projection catch-up failed; retrying on the next tick');
      })
      .finally(() => {
        catchingUp = false;
      });
  };
  // Not awaited: a long backlog must not hold the server back; requests read what is there.
  catchUp();
  const timers = [setInterval(catchUp, CATCH_UP_EVERY_MS).unref()];

  // Subscribers of the committed log (notifications, webhooks, event bus) and their senders.
  const stops: (() => Promise<void>)[] = [];
  if (env().SUBSCRIBERS === 'on') {
    await startNotificationLoops(runtime).then(
      (stop) => stops.push(stop),
      (error: unknown) =>
        log.error({ err: error }, 'notifications did not start; the app serves without them'),
    );
  } else log.info('subscribers are off in this process (SUBSCRIBERS=off)');

  if (env().BILLING_SCHEDULE === 'daily') timers.push(scheduleDailyBilling(runtime));
  else log.info('daily billing is off (BILLING_SCHEDULE=off); run it with npm run billing');
  if (env().CLEANUP_SCHEDULE === 'hourly') timers.push(...scheduleCleanup(runtime));

  // `npm start` sets NEXT_MANUAL_SIG_HANDLE, so the signals are ours to handle (without it, plain
  // `next start` closes its HTTP server and exits on its own).
  if (process.env.NEXT_MANUAL_SIG_HANDLE) handleShutdown(runtime, timers, stops);
}

/** How long a SIGTERM waits for accepted requests and background work before exiting anyway. */
const SHUTDOWN_GRACE_MS = 25_000;

/**
 * SIGTERM/SIGINT: stop taking requests (new ones get 503 `shutting_down` and `Connection: close`),
 * stop the timers, let accepted requests, the running projection batch and billing item finish
 * (the billing run stops between leases), close the pool, exit 0. A second signal exits at once.
 */
function handleShutdown(
  runtime: Runtime,
  timers: readonly NodeJS.Timeout[],
  stops: readonly (() => Promise<void>)[],
): void {
  const log = logger('shutdown');
  let started = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (started) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    started = true;
    for (const timer of timers) clearInterval(timer);
    log.info({ signal, ...pending() }, 'shutting down: finishing accepted requests and background work');
    const clean = await drain(SHUTDOWN_GRACE_MS);
    if (!clean) log.warn(pending(), 'shutdown grace period over; exiting with work still running');
    // The notification loops: their timers, the SMTP transport and the NATS connection.
    await Promise.all(stops.map((stop) => stop().catch(() => {})));
    try {
      await runtime.database.close();
    } catch (error) {
      log.warn({ err: error }, 'closing the database failed');
    }
    log.info({ clean }, 'shut down');
    process.exit(clean ? 0 : 1);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, (s) => void shutdown(s));
}

/** The clean-up job (cleanup.ts) a minute after start, then every hour; returns its timers. */
function scheduleCleanup(runtime: Runtime): NodeJS.Timeout[] {
  const log = logger('cleanup');
  const tick = async () => {
    if (isDraining()) return;
    try {
      const report = await background(runCleanup(runtime));
      log.info(report, 'clean-up done');
    } catch (error) {
      log.warn({ err: error }, 'clean-up failed; retrying on the next run');
    }
  };
  return [
    setTimeout(() => void tick(), CLEANUP_FIRST_AFTER_MS).unref(),
    setInterval(() => void tick(), CLEANUP_EVERY_MS).unref(),
  ];
}

/**
 * A brand-new embedded data directory is seeded aside (`<dir>.seeding`) and moved into place only
 * when the seed is complete: a process killed while seeding leaves no half-seeded database, and
 * the next start simply seeds again. `npm start` (scripts/start.ts) calls this before it starts
 * Next, in its own process, so no request can open the new directory while it is being seeded;
 * the server's own call then finds the directory there (it remains for a plain `next start`).
 */
export async function seedNewDataDir(): Promise<void> {
  const options = appDatabaseOptions();
  if (options.kind !== 'pglite' || !options.dataDir || env().SEED_DEMO !== 'true') return;
  const dir = path.resolve(options.dataDir);
  if (fs.existsSync(dir)) return;
  let release: () => void;
  try {
    release = lockDataDir(dir);
  } catch (error) {
    // A request of this very process opened the database first (Next may serve one before it
    // calls register()): it is open, migrated and empty, and seedIfEmpty seeds it in place.
    // (By name: the production bundle may hold two copies of the error class.)
    const locked = error as { name?: string; ownerPid?: number };
    if (locked.name === 'DataDirLockedError' && locked.ownerPid === process.pid) return;
    throw error;
  }
  const partial = `${dir}.seeding`;
  const log = logger('seed');
  try {
    fs.rmSync(partial, { recursive: true, force: true });
    fs.rmSync(`${partial}.lock`, { force: true });
    const seeding = { kind: 'pglite' as const, dataDir: partial };
    const database = await openDatabase(seeding);
    try {
      await migrateDatabase(database, seeding);
      await seedIfEmpty(createRuntime(database), { rethrow: true });
    } finally {
      await database.close();
    }
    fs.renameSync(partial, dir);
  } catch (error) {
    // Start on an empty database rather than not at all; the seed is retried on the next start.
    log.error({ err: error }, 'seeding a new embedded database failed');
    fs.rmSync(partial, { recursive: true, force: true });
  } finally {
    release();
  }
}

async function seedIfEmpty(runtime: Runtime, options: { rethrow?: boolean } = {}): Promise<void> {
  const log = logger('seed');
  try {
    if (!(await isDatabaseEmpty(runtime))) return;
    log.info('empty embedded database: seeding the demo portfolio (once; takes a little while)');
    let lastLogged = 0;
    const report = await seedDemoData(runtime, {
      onProgress: (progress: SeedProgress) => {
        if (progress.phase !== 'history') return;
        // About ten lines over the year of history.
        if (progress.done !== progress.total && progress.done - lastLogged < progress.total / 10) return;
        lastLogged = progress.done;
        log.info({ day: progress.day, done: progress.done, total: progress.total }, 'seeding history');
      },
    });
    const { eventsByType, billingFailures, ...summary } = report;
    await runtime.runner.catchUp();
    log.info({ ...summary, eventsByType, billingFailures: billingFailures.length }, 'demo portfolio seeded');
  } catch (error) {
    if (options.rethrow) throw error;
    log.error({ err: error }, 'seeding the demo portfolio failed; the app starts with what was written');
  }
}

/**
 * Billing at start, then again whenever the local date of any property's time zone has moved on.
 * The run is as of the latest of those dates (rent due there today is posted everywhere, which a
 * run ahead of a lease's clock may do); each lease's late fees and autopay go only up to its own
 * local today (the domain's rule), so no tenant is fined before their own day is over.
 */
function scheduleDailyBilling(runtime: Runtime): NodeJS.Timeout {
  const log = logger('billing-schedule');
  let billedFor: string | undefined;
  let running = false;
  const tick = async () => {
    if (running || isDraining()) return;
    running = true;
    const now = new Date();
    const zones = await propertyTimeZones(runtime.database.db).catch(() => ['UTC']);
    const dates = zones.map((zone) => `${zone}=${localDate(now, zone)}`).join(' ');
    const today = zones.map((zone) => localDate(now, zone)).reduce(maxDate, todayUtc(now));
    if (billedFor === dates) {
      running = false;
      return;
    }
    try {
      const outcome = await background(
        runBilling(runtime, { asOf: today, shouldStop: isDraining, trigger: 'daily', dailyKey: dates }),
      );
      if (outcome.status === 'busy') {
        log.info({ asOf: today }, 'another billing run is under way; checking again later');
        return;
      }
      if (outcome.status === 'already_done') {
        billedFor = dates;
        log.info({ asOf: today, runId: outcome.runId }, 'another process already ran the daily billing');
        return;
      }
      if (!outcome.report.stopped) billedFor = dates;
      const { failures, ...report } = outcome.report;
      log.info({ ...report, failures: failures.length }, 'daily billing done');
      for (const failure of failures) log.warn(failure, 'daily billing could not bill a lease');
    } catch (error) {
      log.error({ err: error, asOf: today }, 'daily billing failed; retrying on the next check');
    } finally {
      running = false;
    }
  };
  void tick();
  return setInterval(() => void tick(), BILLING_CHECK_EVERY_MS).unref();
}
