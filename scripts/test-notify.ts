// npm run test:notify: the notification specs (tests/notify) against the production build on
// PostgreSQL: makes a fresh database, seeds the demo portfolio, runs the specs (they start the app
// with `npm start`, which builds into .next-http when the sources changed), prints the measured
// figures and drops the database. Exits non-zero on any failure.
//   PG_SERVER_URL=postgres://postgres@127.0.0.1:5432/postgres npm run test:notify
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './lib/run';

const PG_SERVER_URL = process.env.PG_SERVER_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `leasebook_notify_${Date.now()}_${process.pid}`;
const databaseUrl = `${PG_SERVER_URL.replace(/\/[^/]*$/, '')}/${database}`;
const reportFile = path.join(os.tmpdir(), `${database}.json`);

const pgDatabase = (action: 'create' | 'drop') =>
  run('npx', ['tsx', 'scripts/pg-database.ts', action, database, '--server', PG_SERVER_URL]);

async function main(): Promise<number> {
  if ((await pgDatabase('create')) !== 0) return 1;
  try {
    const seeded = await run('npm', ['run', 'db:seed'], {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
    });
    if (seeded !== 0) return seeded;
    const code = await run('npx', ['vitest', 'run', '--config', 'vitest.notify.config.ts'], {
      ...process.env,
      LEASEBOOK_NOTIFY_DATABASE_URL: databaseUrl,
      LEASEBOOK_NOTIFY_REPORT: reportFile,
    });
    if (fs.existsSync(reportFile)) {
      console.log('\nmeasured:');
      for (const [key, value] of Object.entries(JSON.parse(fs.readFileSync(reportFile, 'utf8'))))
        console.log(`  ${key}: ${value}`);
      fs.rmSync(reportFile, { force: true });
    }
    return code;
  } finally {
    await pgDatabase('drop');
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:notify: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
