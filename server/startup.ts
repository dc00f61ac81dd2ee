// What an app process does once at start (called from instrumentation.ts): open and migrate the
// database, then run the projections now and every few seconds. A process that cannot open its
// database exits with the reason instead of answering every request with a 500.
import 'server-only';
import { logger } from './log';
import { getRuntime } from './runtime';

const CATCH_UP_EVERY_MS = 2_000;

export async function startServerProcess(): Promise<void> {
  const log = logger('startup');
  let runtime: Awaited<ReturnType<typeof getRuntime>>;
  try {
    runtime = await getRuntime();
  } catch (error) {
    log.fatal({ err: error }, 'cannot open the database; exiting');
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`\nLeasebook cannot start: ${reason}\n\n`);
    process.exit(1);
  }
  log.info({ database: runtime.database.kind, location: runtime.database.location }, 'database ready');

  const catchUp = () => {
    runtime.runner.catchUp().catch((error: unknown) => {
      log.error({ err: error }, 'projection catch-up failed; retrying on the next tick');
    });
  };
  // Not awaited: a long backlog must not hold the server back; requests read what is there.
  catchUp();
  setInterval(catchUp, CATCH_UP_EVERY_MS).unref();
}
