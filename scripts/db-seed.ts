// npm run db:seed: migrates the configured database and writes the deterministic demo portfolio
// into it (API.md "Demo data"). The only way demo data reaches a DATABASE_URL database.
// Refuses (exit 1) when the demo accounts already exist.
import { SingleBar } from 'cli-progress';
import { appDatabaseOptions, openDatabase } from '../server/db/client';
import { migrateDatabase } from '../server/db/migrate';
import { isIsoDate } from '../server/domain/shared/dates';
import { createRuntime } from '../server/runtime';
import { AlreadySeededError, type SeedProgress, seedDemoData } from '../server/seed';

const USAGE = 'Usage: npm run db:seed [-- --today YYYY-MM-DD]';

function parseArgs(argv: string[]): { today?: string } | string {
  const args = argv.filter((arg) => arg !== '--');
  if (args.length === 0) return {};
  const [flag, value] = args[0]?.includes('=')
    ? (args[0].split('=', 2) as [string, string])
    : [args[0], args[1]];
  const rest = args[0]?.includes('=') ? args.slice(1) : args.slice(2);
  if (flag !== '--today' || value === undefined || rest.length > 0) return USAGE;
  if (!isIsoDate(value)) return `--today must be a real calendar date written YYYY-MM-DD, got "${value}".`;
  return { today: value };
}

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2));
  if (typeof parsed === 'string') {
    console.error(parsed);
    return 2;
  }
  const options = appDatabaseOptions();
  const database = await openDatabase(options);
  try {
    await migrateDatabase(database, options);
    const runtime = createRuntime(database);
    console.log(`Seeding the demo portfolio into the ${database.kind} database at ${database.location}`);
    const bar = new SingleBar({
      format: 'history {bar} {value}/{total} days | {day} | {duration_formatted}',
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
    });
    let phase: SeedProgress['phase'] | undefined;
    const report = await seedDemoData(runtime, {
      ...parsed,
      onProgress: (progress) => {
        if (progress.phase !== phase) {
          if (phase === 'history') bar.stop();
          phase = progress.phase;
          if (phase === 'history') bar.start(progress.total, 0, { day: '' });
          else if (phase !== 'done') console.log(`  ${phase}…`);
        }
        if (phase === 'history') bar.update(progress.done, { day: progress.day ?? '' });
      },
    });
    if (phase === 'history') bar.stop();
    console.log(
      `Seeded ${report.users} users, ${report.properties} properties, ${report.units} units, ` +
        `${report.leases} leases, ${report.payments} payments, ${report.maintenanceRequests} maintenance requests, ` +
        `${report.notices} notices: ${report.events} events from ${report.from} to ${report.today} ` +
        `in ${(report.durationMs / 1000).toFixed(1)} s.`,
    );
    console.log(
      `  ${report.billingRuns} billing runs; ${report.importedV1Events} events at schema v1 (import).`,
    );
    for (const [type, n] of Object.entries(report.eventsByType)) console.log(`  ${type.padEnd(26)} ${n}`);
    console.log('Sign in with manager@example.com, tenant@example.com, tenant2@example.com,');
    console.log('auditor@example.com or admin@example.com; the password is "leasebook-demo".');
    if (report.billingFailures.length > 0) {
      console.error(`${report.billingFailures.length} billing failures while seeding:`);
      for (const f of report.billingFailures)
        console.error(`  ${f.asOf} lease ${f.leaseId}: ${f.code} ${f.message}`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof AlreadySeededError) {
      console.error(`db:seed: ${error.message} Nothing was written.`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`db:seed failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
