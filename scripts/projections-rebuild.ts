// npm run projections:rebuild [name]: rebuilds a read model (or all of them, in one pass over the
// log) from event 0, blue/green and in bulk (server/projections/rebuild.ts), with a progress bar.
// Exits non-zero when the rebuild fails; the live read models are then unchanged.
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

    const total = await countEvents(database.db);
    const bar = new SingleBar({
      format: `${names.join(', ').slice(0, 40).padEnd(40)} {bar} {value}/{total} events | {phase} | {duration_formatted}`,
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
    });
    bar.start(total, 0, { phase: 'building' });
    const started = performance.now();
    // How long each phase took, printed at the end (where a slow rebuild spends its time).
    const phases: { phase: string; at: number }[] = [];
    try {
      // One pass over the log for all of them; live readers keep the old tables until the swap.
      const done = await runner.rebuildMany(names, (progress) => {
        // Events committed after the count was taken are rebuilt too.
        if (progress.done > bar.getTotal()) bar.setTotal(progress.done);
        bar.update(progress.done, { phase: progress.phase });
        if (phases[phases.length - 1]?.phase !== progress.phase)
          phases.push({ phase: progress.phase, at: performance.now() });
      });
      bar.stop();
      const seconds = (performance.now() - started) / 1000;
      const rate = numberFormat.format(Math.round(done / Math.max(seconds, 0.001)));
      console.log(
        `Rebuilt ${names.join(', ')}: ${numberFormat.format(done)} events in ${seconds.toFixed(1)} s (${rate} events/s).`,
      );
      const spans = phases
        .slice(0, -1)
        .map(({ phase, at }, i) => `${phase} ${(((phases[i + 1]?.at ?? at) - at) / 1000).toFixed(1)} s`);
      console.log(`Phases: ${spans.join(', ')}.`);
      return 0;
    } catch (error) {
      bar.stop();
      console.error(
        `Rebuild failed (the live read models are unchanged): ${error instanceof Error ? error.message : String(error)}`,
      );
      return 1;
    }
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
