// npm run billing [-- --as-of YYYY-MM-DD]: posts every charge, late fee and autopay payment due
// on or before the date (default today, UTC) for every lease, with a progress bar. Idempotent: a
// second run as of the same date posts nothing. Exit codes: 0 done, 1 a lease failed or another
// run is under way, 2 bad arguments.
import { SingleBar } from 'cli-progress';
import { runBilling } from '../server/commands/billing';
import { appDatabaseOptions, openDatabase } from '../server/db/client';
import { migrateDatabase } from '../server/db/migrate';
import { isIsoDate, todayUtc } from '../server/domain/shared/dates';
import { createRuntime } from '../server/runtime';

const USAGE = 'Usage: npm run billing [-- --as-of YYYY-MM-DD]   (default: today, UTC)';

function parseArgs(argv: string[]): { asOf: string } | { error: string } {
  const args = argv.filter((arg) => arg !== '--');
  let asOf: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--help' || arg === '-h') return { error: USAGE };
    if (arg.startsWith('--as-of=')) asOf = arg.slice('--as-of='.length);
    else if (arg === '--as-of') {
      asOf = args[i + 1];
      i += 1;
      if (asOf === undefined) return { error: `--as-of needs a date.\n${USAGE}` };
    } else return { error: `Unknown argument "${arg}".\n${USAGE}` };
  }
  if (asOf === undefined) return { asOf: todayUtc(new Date()) };
  if (!isIsoDate(asOf)) {
    return { error: `--as-of must be a real calendar date written YYYY-MM-DD, got "${asOf}".` };
  }
  return { asOf };
}

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2));
  if ('error' in parsed) {
    console.error(parsed.error);
    return 2;
  }
  const options = appDatabaseOptions();
  const database = await openDatabase(options);
  try {
    await migrateDatabase(database, options);
    const runtime = createRuntime(database);
    console.log(`Billing as of ${parsed.asOf} on the ${database.kind} database at ${database.location}`);
    const bar = new SingleBar({
      format: 'leases {bar} {value}/{total} | {percentage}% | {duration_formatted}',
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
    });
    let started = false;
    const outcome = await runBilling(runtime, {
      asOf: parsed.asOf,
      trigger: 'cli',
      onProgress: (done, total) => {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      },
    });
    if (started) bar.stop();
    if (outcome.status !== 'done') {
      console.error(
        'Another billing run is under way (in the app or another terminal); try again when it has finished.',
      );
      return 1;
    }
    const { report } = outcome;
    console.log(`Billed ${report.leases} leases as of ${report.asOf}: ${report.leasesChanged} changed.`);
    const types = Object.entries(report.eventsByType);
    if (types.length === 0) console.log('  Nothing was due that was not posted already.');
    for (const [type, n] of types) console.log(`  ${type.padEnd(26)} ${n}`);
    if (report.failures.length > 0) {
      console.error(`${report.failures.length} leases could not be billed:`);
      for (const f of report.failures) console.error(`  lease ${f.leaseId}: ${f.code}: ${f.message}`);
      return 1;
    }
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`billing failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
