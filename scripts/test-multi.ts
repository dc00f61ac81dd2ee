// npm run test:multi: two production app processes on one PostgreSQL database (issue 15). Makes a
// fresh database, seeds the demo portfolio, starts two servers with `npm start` on their own ports
// (both with the daily billing on, so they race for it at start), runs tests/multi/*.multi.test.ts
// against both at once, then stops them and drops the database. Exits non-zero on any failure.
//   PG_SERVER_URL=postgres://postgres@127.0.0.1:5432/postgres npm run test:multi
import fs from 'node:fs';
import path from 'node:path';
import { AppServer, freePort, guardNextConfigEdits } from './lib/app-server';
import { ROOT, run } from './lib/run';

const PG_SERVER_URL = process.env.PG_SERVER_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
/** The same build as the contention test: built once when the sources change. */
const DIST_DIR = '.next-http';
const runId = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
const workDir = path.join(ROOT, '.data', 'multi', runId);
const database = `leasebook_multi_${Date.now()}_${process.pid}`;
const databaseUrl = `${PG_SERVER_URL.replace(/\/[^/]*$/, '')}/${database}`;

const pgDatabase = (action: 'create' | 'drop') =>
  run('npx', ['tsx', 'scripts/pg-database.ts', action, database, '--server', PG_SERVER_URL]);

async function main(): Promise<number> {
  fs.mkdirSync(workDir, { recursive: true });
  const serverOptions = (name: string) => ({
    databaseUrl,
    distDir: DIST_DIR,
    name,
    env: { BILLING_SCHEDULE: 'daily' },
  });
  const a = new AppServer(await freePort(), path.join(workDir, 'a.log'), serverOptions('a'));
  const b = new AppServer(await freePort(), path.join(workDir, 'b.log'), serverOptions('b'));
  const undoNextConfigEdits = guardNextConfigEdits(DIST_DIR);
  let created = false;
  let code = 1;
  const stop = async () => {
    undoNextConfigEdits();
    await Promise.all([a.stop(), b.stop()]);
    if (created && (await pgDatabase('drop')) !== 0) console.error(`multi: could not drop ${database}`);
    created = false;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stop().finally(() => process.exit(130)));
  }
  try {
    if ((await pgDatabase('create')) !== 0) throw new Error('could not create the database');
    created = true;
    const seedEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' };
    if ((await run('npm', ['run', 'db:seed'], seedEnv)) !== 0) throw new Error('the seed failed');
    // The first start builds when the sources changed; the second reuses that build.
    a.start();
    await a.waitUntilHealthy();
    b.start();
    await b.waitUntilHealthy();
    undoNextConfigEdits();
    code = await run('npx', ['vitest', 'run', '--config', 'vitest.multi.config.ts'], {
      ...process.env,
      LEASEBOOK_MULTI_A: a.baseUrl,
      LEASEBOOK_MULTI_B: b.baseUrl,
      LEASEBOOK_MULTI_DATABASE_URL: databaseUrl,
    });
    const unexpected = a.unexpectedErrors() + b.unexpectedErrors();
    console.log(`multi: ${unexpected} "unexpected error" lines in the two servers' logs`);
    if (unexpected > 0) code = 1;
  } catch (error) {
    console.error(`multi: ${error instanceof Error ? error.message : String(error)}`);
    code = 1;
  } finally {
    await stop();
  }
  if (code === 0) fs.rmSync(workDir, { recursive: true, force: true });
  else console.error(`multi: logs kept in ${path.relative(ROOT, workDir)}`);
  console.log(`multi: ${code === 0 ? 'passed' : 'FAILED'}`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`multi: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
