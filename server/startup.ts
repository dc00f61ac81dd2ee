// What an app process does once at start (called from instrumentation.ts): open and migrate the
// database, seed the demo portfolio into a brand-new embedded database, run the projections now
// and every few seconds, and run the daily billing (at start, then whenever the UTC date changes).
// A process that cannot open its database exits with the reason instead of answering every
// request with a 500; a failed seed or billing run is logged and the app serves what is there.
import 'server-only';
import { runBilling } from './commands/billing';
import { isDatabaseEmpty, type SeedProgress, seedDemoData } from './db/seed';
import { todayUtc } from './domain/shared/dates';
import { env } from './env';
import { logger } from './log';
import { getRuntime, type Runtime } from './runtime';

const CATCH_UP_EVERY_MS = 2_000;
const BILLING_CHECK_EVERY_MS = 10 * 60_000;

export async function startServerProcess(): Promise<void> {
  const log = logger('startup');
  let runtime: Runtime;
  try {
    runtime = await getRuntime();
  } catch (error) {
    log.fatal({ err: error }, 'cannot open the database; exiting');
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`\nLeasebook cannot start: ${reason}\n\n`);
    process.exit(1);
  }
  log.info({ database: runtime.database.kind, location: runtime.database.location }, 'database ready');

  // API.md: only a fresh embedded database is seeded on its own; a DATABASE_URL one never is.
  if (runtime.database.kind === 'pglite') await seedIfEmpty(runtime);

  const catchUp = () => {
    runtime.runner.catchUp().catch((error: unknown) => {
      log.error({ err: error }, 'projection catch-up failed; retrying on the next tick');
    });
  };
  // Not awaited: a long backlog must not hold the server back; requests read what is there.
  catchUp();
  setInterval(catchUp, CATCH_UP_EVERY_MS).unref();

  if (env().BILLING_SCHEDULE === 'daily') scheduleDailyBilling(runtime);
  else log.info('daily billing is off (BILLING_SCHEDULE=off); run it with npm run billing');
}

async function seedIfEmpty(runtime: Runtime): Promise<void> {
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
    log.info({ ...summary, eventsByType, billingFailures: billingFailures.length }, 'demo portfolio seeded');
  } catch (error) {
    log.error({ err: error }, 'seeding the demo portfolio failed; the app starts with what was written');
  }
}

/** Billing as of today at start, then again whenever the UTC date has moved on. */
function scheduleDailyBilling(runtime: Runtime): void {
  const log = logger('billing-schedule');
  let billedFor: string | undefined;
  let running = false;
  const tick = async () => {
    const today = todayUtc(new Date());
    if (running || billedFor === today) return;
    running = true;
    try {
      const outcome = await runBilling(runtime, { asOf: today });
      if (outcome.status === 'busy') {
        log.info({ asOf: today }, 'another billing run is under way; checking again later');
        return;
      }
      billedFor = today;
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
  setInterval(() => void tick(), BILLING_CHECK_EVERY_MS).unref();
}
