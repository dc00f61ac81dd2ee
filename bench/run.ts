// npm run bench: the benchmark suite, every figure measured side by side in one run.
//   npm run bench -- [--quick] [--only postgres|pglite] [--scale-pg URL] [--scale-pglite DIR]
// Ceiling (1-row JSONB INSERT at 1 and 8 connections, postgres.js and pgbench), the payment
// command in process (1 / 8 / 64 leases, 25 at once on one lease), aggregate load (10 / 1,000 /
// 10,000-event lease streams, with and without snapshots), and HTTP with autocannon against
// `next start` (PostgreSQL only). PostgreSQL comes from BENCH_DATABASE_URL or DATABASE_URL
// (default postgres://postgres@127.0.0.1:5432/postgres); every database is a throwaway.
// With --scale-pg / --scale-pglite (data made by `npm run bench:data`), then the read-side scenarios
// on that data (`npm run bench:scale`: queries on both databases, rebuild, HTTP, EXPLAIN).
// Exit 0 when every scenario ran (targets missed or not), 1 when one crashed.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { createRuntime, type Runtime } from '../server/runtime';
import { buildStream, timeLoad } from './aggregate-load';
import { ceilingPgbench, ceilingPglite, ceilingPostgres, pgbenchAvailable } from './ceiling';
import { aPropertyWithLeases } from './command-path';
import { type HttpBench, type HttpSample, type HttpScenario, startHttpBench } from './http';
import { type BenchKind, createThrowaway, dropAll, openMigrated, serverUrl } from './lib/databases';
import { ROOT } from './lib/processes';
import { median, pushTo } from './lib/stats';
import { type PaymentSample, paymentBursts, paymentErrorMessages, paymentsPerLease } from './payments';
import {
  type DatabaseResults,
  httpFigure,
  type LoadFigure,
  paymentFigure,
  type Results,
  table,
  targetsOf,
  targetsTable,
} from './report';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'scale-pg': { type: 'string' },
    'scale-pglite': { type: 'string' },
  },
});
if (values.only && values.only !== 'postgres' && values.only !== 'pglite') {
  console.error(
    'usage: npm run bench -- [--quick] [--only postgres|pglite] [--scale-pg URL] [--scale-pglite DIR]',
  );
  process.exit(2);
}
const quick = values.quick ?? false;
const settings = quick
  ? { repeats: 1, ceilingSeconds: 2, paymentSeconds: 2, httpSeconds: 3, streams: [10, 1_000] }
  : { repeats: 3, ceilingSeconds: 5, paymentSeconds: 5, httpSeconds: 10, streams: [10, 1_000, 10_000] };
const POOL_MAX = 10; // the app's DB_POOL_MAX default
const kinds: BenchKind[] = values.only ? [values.only as BenchKind] : ['postgres', 'pglite'];
const crashed: Results['crashed'] = [];
const startedAt = performance.now();

const log = (message: string) =>
  console.log(`[bench ${((performance.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${message}`);

/** Runs one scenario; a crash is recorded (and fails the run) but the other scenarios go on. */
async function scenario<T>(name: string, body: () => Promise<T>): Promise<T | undefined> {
  try {
    return await body();
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    crashed.push({ scenario: name, error: message.slice(0, 2000) });
    console.error(`\n!!! scenario "${name}" crashed: ${message}\n`);
    return undefined;
  }
}

async function benchDatabase(kind: BenchKind): Promise<DatabaseResults> {
  const label = kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
  const throwaway = await createThrowaway(kind, 'cmd', POOL_MAX);
  const database = await openMigrated(throwaway);
  const results: DatabaseResults = { label, ceiling: {}, ceiling8: Number.NaN, payments: {}, loads: [] };
  try {
    const runtime: Runtime = createRuntime(database);
    log(`${label}: setting up 74 leases through the command path (${throwaway.location})`);
    const leases = await scenario(`${label} setup`, () => aPropertyWithLeases(runtime, 1 + 8 + 64 + 1));
    const withPgbench = kind === 'postgres' && (await pgbenchAvailable());
    if (kind === 'postgres' && !withPgbench) log('pgbench is not on PATH: postgres.js ceiling only');

    // Samples per "method|connections".
    const ceilings: Record<string, number[]> = {};
    const record = (method: string, connections: number, tps: number | undefined) => {
      if (tps !== undefined) pushTo(ceilings, `${method}|${connections}`, tps);
    };
    const payments: Record<string, PaymentSample[]> = {};
    const recordPayment = (key: string, sample: PaymentSample | undefined) => {
      if (sample) pushTo(payments, key, sample);
    };
    const s = settings.ceilingSeconds;
    const p = settings.paymentSeconds;
    if (leases) {
      // Warm-up: plans, pools, caches.
      await scenario(`${label} warm-up`, () => paymentsPerLease(runtime, leases.slice(1, 9), 0.5));
    }
    // Interleaved repeats, so that the machine's noise falls on every figure alike.
    for (let repeat = 1; repeat <= settings.repeats; repeat++) {
      log(`${label}: repeat ${repeat}/${settings.repeats}: ceiling`);
      for (const connections of [1, 8]) {
        const name = `${label} ceiling ${connections}`;
        if (kind === 'postgres') {
          const url = throwaway.url as string;
          record(
            'postgres.js',
            connections,
            await scenario(name, () => ceilingPostgres(url, connections, s)),
          );
          if (withPgbench)
            record(
              'pgbench',
              connections,
              await scenario(`${name} pgbench`, () => ceilingPgbench(url, connections, s)),
            );
        } else {
          record(
            'PGlite raw',
            connections,
            await scenario(name, () => ceilingPglite(database, connections, s)),
          );
        }
      }
      if (!leases) continue;
      log(`${label}: repeat ${repeat}/${settings.repeats}: payments`);
      recordPayment(
        'leases-1',
        await scenario(`${label} payments 1`, () => paymentsPerLease(runtime, leases.slice(0, 1), p)),
      );
      recordPayment(
        'leases-8',
        await scenario(`${label} payments 8`, () => paymentsPerLease(runtime, leases.slice(1, 9), p)),
      );
      recordPayment(
        'leases-64',
        await scenario(`${label} payments 64`, () => paymentsPerLease(runtime, leases.slice(9, 73), p)),
      );
      recordPayment(
        'one-lease-25',
        await scenario(`${label} payments 25 on one lease`, () =>
          paymentBursts(runtime, leases[73] as string, 25, p),
        ),
      );
    }
    for (const [key, samples] of Object.entries(ceilings)) {
      const [method = key, connections] = key.split('|');
      results.ceiling[method] = { ...results.ceiling[method], [Number(connections)]: median(samples) };
    }
    results.ceiling8 = Math.max(...Object.values(results.ceiling).map((levels) => levels[8] ?? Number.NaN));
    for (const [key, samples] of Object.entries(payments)) results.payments[key] = paymentFigure(samples);

    log(`${label}: aggregate load (${settings.streams.join(' / ')} events)`);
    await scenario(`${label} aggregate load`, async () => {
      for (const events of settings.streams) {
        const t0 = performance.now();
        // A stream this short never gets a snapshot (SNAPSHOT_EVERY is 100).
        const streamId = await buildStream(runtime, events, events >= 100);
        log(
          `${label}:   built the ${events}-event stream in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
        );
        for (const useSnapshots of [true, false]) {
          const slow = events >= 10_000 && !useSnapshots;
          const timed = await timeLoad(runtime, streamId, useSnapshots, {
            min: quick || slow ? 3 : 5,
            max: quick ? 10 : 50,
            budgetMs: quick ? 1_500 : 5_000,
          });
          if (timed.version !== events)
            throw new Error(`loaded version ${timed.version}, expected ${events}`);
          const figure: LoadFigure = {
            events,
            useSnapshots,
            snapshotVersion: timed.snapshotVersion,
            ms: timed.ms,
            loads: timed.repeats,
          };
          results.loads.push(figure);
        }
      }
    });
    return results;
  } finally {
    await database.close();
    await throwaway.drop();
  }
}

async function benchHttp(): Promise<Results['http']> {
  const logFile = path.join(os.tmpdir(), `leasebook-bench-next-${process.pid}.log`);
  log(
    `HTTP: seeding a throwaway database and starting next start (build into .next-bench when needed; log ${logFile})`,
  );
  const bench: HttpBench | undefined = await scenario('HTTP start', () => startHttpBench(logFile));
  if (!bench) return undefined;
  const samples: Partial<Record<HttpScenario, HttpSample[]>> = {};
  try {
    log(`HTTP: up at ${bench.url}`);
    for (let repeat = 1; repeat <= settings.repeats; repeat++) {
      for (const name of ['payments-1-lease', 'payments-8-leases', 'me'] as const) {
        log(`HTTP: repeat ${repeat}/${settings.repeats}: ${name}, ${settings.httpSeconds} s`);
        const sample = await scenario(`HTTP ${name}`, () => bench.run(name, settings.httpSeconds));
        if (sample) pushTo(samples, name, sample);
      }
    }
  } finally {
    await bench.stop();
  }
  const http: NonNullable<Results['http']> = {};
  for (const [name, list] of Object.entries(samples)) http[name] = httpFigure(list);
  return http;
}

async function postgresVersion(): Promise<string | undefined> {
  const sql = postgres(serverUrl(), { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ server_version: string }[]>`SHOW server_version`;
    return row?.server_version;
  } catch {
    return undefined;
  } finally {
    await sql.end();
  }
}

/** The commit measured, `+dirty` with uncommitted changes (unknown outside a git checkout). */
function gitCommit(): string | undefined {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain') ? '+dirty' : ''}`;
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void dropAll().finally(() => process.exit(130));
    });
  }
  const results: Results = {
    date: new Date().toISOString(),
    quick,
    machine: { cpus: os.cpus().length, node: process.version, commit: gitCommit() },
    settings: { ...settings, poolMax: POOL_MAX, only: values.only ?? 'both' },
    databases: {},
    targets: [],
    crashed,
  };
  if (kinds.includes('postgres')) results.machine.postgres = await postgresVersion();
  for (const kind of kinds) {
    const db = await scenario(`${kind}`, () => benchDatabase(kind));
    if (db) results.databases[kind] = db;
  }
  if (kinds.includes('postgres')) results.http = await benchHttp();
  results.targets = targetsOf(results);

  const file = path.join(
    ROOT,
    'bench',
    'results',
    quick ? 'quick-latest.json' : `${results.date.slice(0, 10)}.json`,
  );
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);

  const total = ((performance.now() - startedAt) / 1000).toFixed(0);
  console.log(
    `\n## npm run bench${quick ? ' --quick' : ''}: ${results.date.slice(0, 10)}, ${results.machine.cpus} cores, node ${results.machine.node}` +
      `${results.machine.postgres ? `, PostgreSQL ${results.machine.postgres}` : ''}, ${total} s\n`,
  );
  console.log(
    `Each figure is the median of ${settings.repeats} interleaved repeat(s); payments ${settings.paymentSeconds} s, ` +
      `ceiling ${settings.ceilingSeconds} s, HTTP ${settings.httpSeconds} s per repeat; pool ${POOL_MAX}. ` +
      "Ratio: payments vs the run's best 8-connection ceiling, loads vs the shortest stream, HTTP payments vs /me.\n",
  );
  console.log(table(results));
  console.log(`\n${targetsTable(results.targets)}\n`);
  if (paymentErrorMessages().size > 0) {
    console.log('Payment command errors (first message of each code):');
    for (const [code, message] of paymentErrorMessages()) console.log(`  ${code}: ${message}`);
  }
  const non2xx = Object.entries(results.http ?? {}).filter(([, f]) => f.non2xx + f.errors + f.timeouts > 0);
  for (const [name, f] of non2xx)
    console.log(
      `!!! HTTP ${name}: ${f.non2xx} non-2xx responses, ${f.errors} errors, ${f.timeouts} timeouts`,
    );
  console.log(`Results: ${path.relative(ROOT, file)}`);
  if (values['scale-pg'] || values['scale-pglite']) {
    // The read side on prepared data: bench/scale/run.ts in its own process (its own runtime and pools).
    const args = [
      '--import',
      'tsx',
      '--conditions=react-server',
      'bench/scale/run.ts',
      ...(values['scale-pg'] ? ['--pg', values['scale-pg'], '--rebuild', '--http', '--explain', '4'] : []),
      ...(values['scale-pglite'] ? ['--pglite', values['scale-pglite']] : []),
      ...(quick ? ['--quick'] : []),
    ];
    console.log(`\n## The read side on the bench data (node ${args.slice(3).join(' ')})\n`);
    const scale = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    if (scale.status !== 0)
      crashed.push({ scenario: 'scale', error: `bench:scale exited with ${scale.status}` });
  }
  if (crashed.length > 0) {
    console.error(`\n${crashed.length} scenario(s) crashed: ${crashed.map((c) => c.scenario).join(', ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error(error);
    await dropAll();
    process.exit(1);
  },
);
