// npm run projections:rebuild [name]: empties a read model (or all of them) and replays the whole
// event log into it, with a progress bar. Exits non-zero when a rebuild fails.
import { SingleBar } from 'cli-progress';
import { appDatabaseOptions, openDatabase } from '../server/db/client';
import { migrateDatabase } from '../server/db/migrate';
import { countEvents } from '../server/eventstore/queries';
import { createRuntime } from '../server/runtime';

const numberFormat = new Intl.NumberFormat('en-US');

async function main(): Promise<number> {
  const requested = process.argv.slice(2).filter((arg) => arg !== '--');
  if (requested.length > 1) {
    console.error('Usage: npm run projections:rebuild [projection-name]');
    return 2;
  }
  const options = appDatabaseOptions();
  const database = await openDatabase(options);
  try {
    await migrateDatabase(database, options);
    const { runner } = createRuntime(database);
    const known = runner.projections.map((p) => p.name);
    const names = requested.length === 1 ? requested : known;
    const unknown = names.filter((name) => !known.includes(name));
    if (unknown.length > 0) {
      console.error(`Unknown projection "${unknown.join('", "')}". Known projections: ${known.join(', ')}.`);
      return 2;
    }

    let failures = 0;
    for (const name of names) {
      const total = await countEvents(database.db);
      const bar = new SingleBar({
        format: `${name.padEnd(24)} {bar} {value}/{total} events | {percentage}% | {duration_formatted}`,
        barCompleteChar: '█',
        barIncompleteChar: '░',
        hideCursor: true,
      });
      bar.start(total, 0);
      const started = performance.now();
      try {
        const done = await runner.rebuild(name, (progress) => {
          // Events committed after the count was taken are rebuilt too.
          if (progress > bar.getTotal()) bar.setTotal(progress);
          bar.update(progress);
        });
        bar.stop();
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        console.log(`Rebuilt ${name}: ${numberFormat.format(done)} events in ${seconds} s.`);
      } catch (error) {
        bar.stop();
        failures += 1;
        console.error(`Rebuild of ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return failures === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`projections:rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
