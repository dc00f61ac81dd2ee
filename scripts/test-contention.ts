// npm run test:contention: concurrent payments (and a graceful shutdown under load) against the
// production build on PostgreSQL.
// Makes a fresh database, seeds the demo portfolio, starts the app the way `npm start` does (which
// builds into NEXT_DIST_DIR=.next-http when the sources changed), runs tests/http/*.http.test.ts
// against it, then stops the server and drops the database. Exits non-zero on any failure.
//   PG_SERVER_URL=postgres://postgres@127.0.0.1:5432/postgres npm run test:contention
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { ROOT, run } from './lib/run';

const PG_SERVER_URL = process.env.PG_SERVER_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DIST_DIR = '.next-http';
/** A cold `next build` on two shared cores can take minutes; a warm start takes seconds. */
const START_TIMEOUT_MS = 600_000;
const STOP_TIMEOUT_MS = 10_000;

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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/**
 * `next build` adds its dist dir's type globs to tsconfig.json when they are missing (rewriting the
 * whole file in its own format) and points next-env.d.ts at them. Undo exactly that edit and nothing
 * else, so a run leaves the work tree as it found it and the next run's source hash (tsconfig.json is
 * a source) still matches its build. A no-op once tsconfig.json lists the .next-http globs itself.
 */
function guardNextConfigEdits(): () => void {
  const files = ['tsconfig.json', 'next-env.d.ts'].map((name) => path.join(ROOT, name));
  const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);
  const [tsconfig, nextEnv] = files.map(read);
  const parse = (text: string | undefined) => {
    try {
      return text === undefined ? undefined : (JSON.parse(text) as { include?: string[] });
    } catch {
      return undefined; // Comments or a half-saved edit: not something to second-guess.
    }
  };
  return () => {
    const [tsconfigFile = '', nextEnvFile = ''] = files;
    const now = read(tsconfigFile);
    const before = parse(tsconfig);
    if (tsconfig !== undefined && now !== tsconfig && before) {
      const globs = [`${DIST_DIR}/types/**/*.ts`, `${DIST_DIR}/dev/types/**/*.ts`];
      const include = [...(before.include ?? []), ...globs.filter((g) => !before.include?.includes(g))];
      if (isDeepStrictEqual(parse(now), { ...before, include })) fs.writeFileSync(tsconfigFile, tsconfig);
    }
    const env = read(nextEnvFile);
    if (nextEnv !== undefined && env !== nextEnv && env?.includes(`./${DIST_DIR}/types/`)) {
      fs.writeFileSync(nextEnvFile, nextEnv);
    }
  };
}

function pgDatabase(action: 'create' | 'drop'): Promise<number> {
  return run('npx', ['tsx', 'scripts/pg-database.ts', action, database, '--server', PG_SERVER_URL]);
}

/** The app server: `npm start` in its own process group, so stopping it stops next too. */
class AppServer {
  private child: ChildProcess | undefined;
  private log: fs.WriteStream | undefined;
  private echo = true;
  exited: number | null = null;
  builtIn: string | undefined;

  constructor(
    readonly port: number,
    readonly logFile: string,
  ) {}

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  start(): void {
    this.log = fs.createWriteStream(this.logFile);
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      BILLING_SCHEDULE: 'off',
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: '1',
    };
    this.child = spawn('npm', ['start'], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        this.log?.write(chunk);
        const text = chunk.toString('utf8');
        this.builtIn ??= /leasebook: built in ([\d.]+ s)/.exec(text)?.[1];
        // The build's progress is worth seeing; once serving, the request log goes to the file only.
        if (this.echo) process.stdout.write(text.replace(/^(?=.)/gm, '  [server] '));
      });
    }
    this.child.once('exit', (code, signal) => {
      this.exited = code ?? (signal ? 128 : 1);
    });
  }

  async waitUntilHealthy(): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.exited !== null) throw new Error(`the server exited (code ${this.exited}) before answering`);
      const status = await fetch(`${this.baseUrl}/api/v1/health`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) {
        this.echo = false;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`the server did not answer /api/v1/health within ${seconds(START_TIMEOUT_MS)}`);
  }

  private groupAlive(): boolean {
    const pid = this.child?.pid;
    if (pid === undefined) return false;
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  /** SIGTERM to the server's process group, SIGKILL if it is still there after a grace period. */
  async stop(): Promise<'stopped' | 'killed' | 'not running'> {
    const pid = this.child?.pid;
    if (pid === undefined || !this.groupAlive()) return 'not running';
    process.kill(-pid, 'SIGTERM');
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (Date.now() < deadline && this.groupAlive()) await new Promise((r) => setTimeout(r, 100));
    let outcome: 'stopped' | 'killed' = 'stopped';
    if (this.groupAlive()) {
      process.kill(-pid, 'SIGKILL');
      outcome = 'killed';
    }
    await new Promise<void>((resolve) => (this.log ? this.log.end(resolve) : resolve()));
    return outcome;
  }

  unexpectedErrors(): number {
    if (!fs.existsSync(this.logFile)) return 0;
    return fs
      .readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter((l) => l.includes('unexpected error')).length;
  }
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
  const server = new AppServer(await freePort(), path.join(workDir, 'server.log'));
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

  const undoNextConfigEdits = guardNextConfigEdits();
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
