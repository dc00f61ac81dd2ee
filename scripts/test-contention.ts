// npm run test:contention: concurrent payments (and a graceful shutdown under load) against the
// production build on PostgreSQL.
// Makes a fresh database, seeds the demo portfolio, starts the app the way `npm start` does (which
// builds into NEXT_DIST_DIR=.next-http when the sources changed), runs tests/http/*.http.test.ts
// against it, then stops the server and drops the database. Exits non-zero on any failure.
//   PG_SERVER_URL=postgres://postgres@127.0.0.1:5432/postgres npm run test:contention
import fs from 'node:fs';
import path from 'node:path';
import { AppServer, freePort, guardNextConfigEdits } from './lib/app-server';
import { ROOT, run } from './lib/run';

const PG_SERVER_URL = process.env.PG_SERVER_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DIST_DIR = '.next-http';

const runId = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
const workDir = path.join(ROOT, '.data', 'http', runId);
const database = `leasebook_http_${Date.now()}_${process.pid}`;
const databaseUrl = `${PG_SERVER_URL.replace(/\/[^/]*$/, '')}/${database}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface ScenarioReport {
  name: string;
  requests: number;
  statuses: Record<string, number>;
  connections: number;
  wallMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

interface VitestJson {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numTodoTests: number;
  success: boolean;
}

function pgDatabase(action: 'create' | 'drop'): Promise<number> {
  return run('npx', ['tsx', 'scripts/pg-database.ts', action, database, '--server', PG_SERVER_URL]);
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function printScenarios(scenarios: ScenarioReport[]): void {
  if (scenarios.length === 0) return;
  console.log(
    '\nscenario                     requests  connections  statuses            p50     p99     max    wall',
  );
  for (const s of scenarios) {
    const statuses = Object.entries(s.statuses)
      .map(([status, n]) => `${n}×${status}`)
      .join(' ');
    console.log(
      `${s.name.padEnd(28)} ${String(s.requests).padStart(8)}  ${String(s.connections).padStart(11)}  ` +
        `${statuses.padEnd(18)} ${`${s.p50Ms} ms`.padStart(7)} ${`${s.p99Ms} ms`.padStart(7)} ` +
        `${`${s.maxMs} ms`.padStart(7)} ${`${s.wallMs} ms`.padStart(7)}`,
    );
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  fs.mkdirSync(workDir, { recursive: true });
  const server = new AppServer(await freePort(), path.join(workDir, 'server.log'), {
    databaseUrl,
    distDir: DIST_DIR,
  });
  const vitestJson = path.join(workDir, 'vitest.json');
  const reportFile = path.join(workDir, 'scenarios.json');
  let created = false;
  let failedStep: string | undefined;
  const timings: string[] = [];
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const at = performance.now();
    console.log(`\ncontention: ${name}`);
    const result = await work();
    timings.push(`${name} ${seconds(performance.now() - at)}`);
    return result;
  };

  const undoNextConfigEdits = guardNextConfigEdits(DIST_DIR);
  const stop = async () => {
    undoNextConfigEdits();
    const outcome = await server.stop();
    if (outcome !== 'not running') console.log(`contention: server ${outcome}`);
    if (created && (await pgDatabase('drop')) !== 0) console.error(`contention: could not drop ${database}`);
    created = false;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stop().finally(() => process.exit(130)));
  }

  try {
    if ((await timed(`create database ${database}`, () => pgDatabase('create'))) !== 0) {
      failedStep = 'create the database';
    } else {
      created = true;
      const seedEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' };
      if ((await timed('seed the demo portfolio', () => run('npm', ['run', 'db:seed'], seedEnv))) !== 0) {
        failedStep = 'seed';
      }
    }
    if (!failedStep) {
      await timed(`build if stale (${DIST_DIR}) and start on port ${server.port}`, async () => {
        server.start();
        await server.waitUntilHealthy();
        undoNextConfigEdits();
      });
      const env = {
        ...process.env,
        LEASEBOOK_HTTP_BASE_URL: server.baseUrl,
        LEASEBOOK_HTTP_REPORT: reportFile,
        // The shutdown test starts a second app process of its own on the same database and build.
        LEASEBOOK_HTTP_DATABASE_URL: databaseUrl,
        LEASEBOOK_HTTP_DIST_DIR: DIST_DIR,
      };
      const code = await timed('run the HTTP scenarios', () =>
        run(
          'npx',
          [
            'vitest',
            'run',
            '--config',
            'vitest.http.config.ts',
            '--reporter=default',
            '--reporter=json',
            `--outputFile.json=${vitestJson}`,
          ],
          env,
        ),
      );
      if (code !== 0) failedStep = 'the scenarios';
    }
  } catch (error) {
    failedStep = error instanceof Error ? error.message : String(error);
  } finally {
    await stop();
  }

  const results = readJson<VitestJson>(vitestJson);
  const scenarios = readJson<ScenarioReport[]>(reportFile) ?? [];
  printScenarios(scenarios);
  console.log(`\nserver: ${server.unexpectedErrors()} "unexpected error" lines in its log`);
  if (server.builtIn) console.log(`next build: ${server.builtIn}`);
  console.log(`steps: ${timings.join('; ')}; total ${seconds(performance.now() - started)}`);
  const passed = results?.numPassedTests ?? 0;
  // Tests a failing hook kept from running count as failed, and so does a step that failed before
  // the tests ran: a broken run never reads "0 failed".
  const notRun = results && !results.success ? results.numTotalTests - passed - results.numTodoTests : 0;
  const failed = results ? Math.max(results.numFailedTests, notRun) : 1;
  const ok = failed === 0 && !failedStep;
  if (failedStep) console.error(`contention: FAILED at ${failedStep}`);
  if (ok) fs.rmSync(workDir, { recursive: true, force: true });
  else console.error(`contention: logs kept in ${path.relative(ROOT, workDir)}`);
  console.log(`${passed} passed, ${failed} failed`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`contention: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
