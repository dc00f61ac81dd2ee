// npm run audit:verify -- --lease <leaseId> | --all: recomputes hash chains from the stored rows and
// exits non-zero when any chain is broken, printing each broken stream and its first bad version.
import { pathToFileURL } from 'node:url';
import { SingleBar } from 'cli-progress';
import { appDatabaseOptions, openDatabase } from '../server/db/client';
import { migrateDatabase } from '../server/db/migrate';
import { leaseStreamId } from '../server/domain/lease';
import type { EventStore, VerifyResult } from '../server/eventstore';
import { streamHeads } from '../server/eventstore/queries';
import { createRuntime } from '../server/runtime';

export type VerifyTarget = { lease: string } | { all: true };

export interface VerifyReport {
  streams: number;
  events: number;
  broken: VerifyResult[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `--lease <id>` or `--all` (a leading `--` from npm is ignored); null for anything else. */
export function parseArgs(argv: readonly string[]): VerifyTarget | null {
  const args = argv.filter((arg) => arg !== '--');
  if (args.length === 1 && args[0] === '--all') return { all: true };
  if (args.length === 2 && args[0] === '--lease' && UUID.test(args[1] ?? '')) return { lease: args[1] ?? '' };
  return null;
}

/** Verifies one lease or every stream; `onProgress(done, total)` after each stream. */
export async function auditVerify(
  store: EventStore,
  target: VerifyTarget,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<VerifyReport> {
  const streamIds =
    'lease' in target
      ? [leaseStreamId(target.lease)]
      : (await streamHeads(store.db)).map((head) => head.streamId);
  const report: VerifyReport = { streams: streamIds.length, events: 0, broken: [] };
  for (const [index, streamId] of streamIds.entries()) {
    const result = await store.verifyStream(streamId);
    report.events += result.events;
    if (!result.valid) report.broken.push(result);
    onProgress(index + 1, streamIds.length);
  }
  return report;
}

/** The lines the CLI prints for a report. */
export function describeReport(report: VerifyReport): string[] {
  const lines = report.broken.map(
    (result) => `BROKEN ${result.streamId}: chain broken at version ${result.firstInvalidVersion}`,
  );
  lines.push(
    report.broken.length === 0
      ? `Verified: ${report.streams} stream(s), ${report.events} events, every chain intact.`
      : `${report.broken.length} of ${report.streams} stream(s) broken; ${report.events} events checked.`,
  );
  return lines;
}

async function main(): Promise<number> {
  const target = parseArgs(process.argv.slice(2));
  if (!target) {
    console.error('Usage: npm run audit:verify -- --lease <leaseId>\n       npm run audit:verify -- --all');
    return 2;
  }
  const options = appDatabaseOptions();
  const database = await openDatabase(options);
  try {
    await migrateDatabase(database, options);
    const { store } = createRuntime(database);
    let bar: SingleBar | undefined;
    if ('all' in target && process.stdout.isTTY) {
      bar = new SingleBar({
        format: 'verify {bar} {value}/{total} streams | {percentage}% | {duration_formatted}',
        barCompleteChar: '█',
        barIncompleteChar: '░',
        hideCursor: true,
      });
    }
    const report = await auditVerify(store, target, (done, total) => {
      if (!bar) return;
      if (done === 1) bar.start(total, 0);
      bar.update(done);
    });
    bar?.stop();
    if (report.streams === 0 || ('lease' in target && report.events === 0)) {
      console.error('No events found for that lease.');
      return 1;
    }
    for (const line of describeReport(report)) console.log(line);
    return report.broken.length === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`audit:verify failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
