// npm run bench:data -- --leases 10000 [--seed N] [--today YYYY-MM-DD] [--big-lease 10000]
//   [--no-projections]: the deterministic large portfolio (bench/data) into the configured database
// (DATABASE_URL, else the PGlite directory LEASEBOOK_DATA_DIR), then the read models through
// `npm run projections:rebuild` in a child process. Refuses a database that holds events or users.
// Writes a manifest the bench reads (bench/data/manifest.ts) and prints the totals.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { generatePortfolio } from '../bench/data/generate';
import { manifestPath, writeManifest } from '../bench/data/manifest';
import { appDatabaseOptions, openDatabase } from '../server/db/client';
import { migrateDatabase } from '../server/db/migrate';
import { isIsoDate } from '../server/domain/shared/dates';
import { createRuntime } from '../server/runtime';
import { isDatabaseEmpty } from '../server/seed';

const USAGE =
  'Usage: npm run bench:data -- [--leases N] [--seed N] [--today YYYY-MM-DD] [--big-lease EVENTS] [--no-projections]';

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: {
      leases: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '20261202' },
      today: { type: 'string', default: '2026-12-01' },
      'big-lease': { type: 'string', default: '10000' },
      'no-projections': { type: 'boolean', default: false },
    },
  });
  const leases = Number(values.leases);
  const seed = Number(values.seed);
  const bigLeaseEvents = Number(values['big-lease']);
  if (!Number.isInteger(leases) || leases < 1 || leases > 100_000)
    throw new Error(`--leases: 1 to 100000. ${USAGE}`);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed: a whole number. ${USAGE}`);
  if (!Number.isInteger(bigLeaseEvents) || bigLeaseEvents < 0)
    throw new Error(`--big-lease: events. ${USAGE}`);
  if (!isIsoDate(values.today)) throw new Error(`--today: YYYY-MM-DD. ${USAGE}`);
  return {
    leases,
    seed,
    today: values.today as string,
    bigLeaseEvents,
    projections: !values['no-projections'],
  };
}

async function main(): Promise<number> {
  const args = options();
  const openOptions = appDatabaseOptions();
  const database = await openDatabase(openOptions);
  const started = performance.now();
  let manifest: Parameters<typeof writeManifest>[1];
  try {
    await migrateDatabase(database, openOptions);
    const runtime = createRuntime(database);
    if (!(await isDatabaseEmpty(runtime))) {
      console.error(
        `bench:data: the ${database.kind} database at ${database.location} is not empty; nothing was written.`,
      );
      return 1;
    }
    console.log(
      `Writing ${args.leases} leases (seed ${args.seed}, today ${args.today}) into ${database.kind} ${database.location}`,
    );
    const bar = new SingleBar({
      format: 'leases {bar} {value}/{total} | {events} events | {eta_formatted} left | {duration_formatted}',
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
      etaBuffer: 200,
    });
    bar.start(args.leases, 0, { events: 0 });
    const made = await generatePortfolio(runtime, {
      ...args,
      onProgress: ({ leases, events }) => bar.update(leases, { events }),
    });
    bar.stop();
    manifest = { ...made, createdAt: new Date().toISOString() };
  } finally {
    await database.close();
  }
  const file = manifestPath(openOptions);
  writeManifest(file, manifest);
  if (args.projections) {
    const t0 = performance.now();
    const child = spawnSync('npx', ['tsx', '--conditions=react-server', 'scripts/projections-rebuild.ts'], {
      stdio: 'inherit',
    });
    if (child.status !== 0) {
      console.error('bench:data: the projections rebuild failed.');
      return 1;
    }
    manifest.projectionSeconds = Math.round((performance.now() - t0) / 100) / 10;
    writeManifest(file, manifest);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `bench:data: ${manifest.properties} properties, ${manifest.units} units, ${manifest.leases} leases, ` +
      `${manifest.events} events (${manifest.commands} commands) in ${seconds} s ` +
      `(events ${manifest.writeSeconds} s, read models ${manifest.projectionSeconds ?? '-'} s).`,
  );
  console.log(`  the ${manifest.bigLeaseEvents}-event lease: ${manifest.bigLeaseId}`);
  console.log(`  the big manager: ${manifest.bigManager.email} with ${manifest.bigManager.leases} leases`);
  console.log(`  refused commands: ${JSON.stringify(manifest.refusals)}`);
  console.log(`  manifest: ${file}; password "${manifest.password}"`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `bench:data failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
