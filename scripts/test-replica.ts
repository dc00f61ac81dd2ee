// npm run test:replica: the read side on a real PostgreSQL streaming replica (issue 15). Makes and
// seeds a fresh database on the server at PG_SERVER_URL, takes a hot standby of that server with
// pg_basebackup on another port (run as root: the standby runs as the postgres user), starts the
// production app with DATABASE_READ_URL pointing at it, runs tests/replica/*.replica.test.ts, then
// removes the standby and the database. The server must accept replication connections from
// 127.0.0.1; when its pg_hba.conf has no such line the run adds one (marked) and takes it out again.
//   PG_SERVER_URL=postgres://postgres@127.0.0.1:5432/postgres npm run test:replica
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { AppServer, freePort, guardNextConfigEdits } from './lib/app-server';
import { ROOT, run } from './lib/run';

const PG_SERVER_URL = process.env.PG_SERVER_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DIST_DIR = '.next-http';
const HBA_MARK = '# leasebook test:replica';
const runId = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
const workDir = path.join(ROOT, '.data', 'replica', runId);
const database = `leasebook_replica_${Date.now()}_${process.pid}`;
const databaseUrl = `${PG_SERVER_URL.replace(/\/[^/]*$/, '')}/${database}`;
const server = new URL(PG_SERVER_URL);

const bindir = () => execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
const asPostgres = (command: string, args: string[]) =>
  execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8', stdio: 'pipe' });
const pgDatabase = (action: 'create' | 'drop') =>
  run('npx', ['tsx', 'scripts/pg-database.ts', action, database, '--server', PG_SERVER_URL]);

/** Lets 127.0.0.1 make replication connections; answers how to undo it (nothing if it was allowed). */
async function allowReplication(admin: postgres.Sql): Promise<() => Promise<void>> {
  const [{ hba_file: hbaFile } = { hba_file: '' }] = await admin`SHOW hba_file`;
  const text = fs.readFileSync(String(hbaFile), 'utf8');
  if (/^\s*host\s+replication\s+\S+\s+127\.0\.0\.1\/32/m.test(text)) return async () => {};
  fs.writeFileSync(
    String(hbaFile),
    `${text.trimEnd()}\nhost replication all 127.0.0.1/32 trust ${HBA_MARK}\n`,
  );
  await admin`SELECT pg_reload_conf()`;
  return async () => {
    const now = fs.readFileSync(String(hbaFile), 'utf8');
    fs.writeFileSync(
      String(hbaFile),
      `${now
        .split('\n')
        .filter((line) => !line.includes(HBA_MARK))
        .join('\n')}`,
    );
    await admin`SELECT pg_reload_conf()`;
  };
}

/** A hot standby of the server in `dir`, listening on `port`, started; answers how to remove it. */
function startStandby(dir: string, port: number): () => void {
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasebook-replica-'));
  execFileSync(
    'pg_basebackup',
    [
      '-h',
      server.hostname,
      '-p',
      server.port || '5432',
      '-U',
      decodeURIComponent(server.username || 'postgres'),
      '-D',
      dir,
      '-X',
      'stream',
      '-R',
      '-c',
      'fast',
    ],
    { stdio: 'inherit' },
  );
  // The Debian layout keeps the configuration outside the data directory: give the standby its own.
  fs.writeFileSync(
    path.join(dir, 'postgresql.conf'),
    [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${socketDir}'`,
      'hot_standby = on',
      'max_connections = 100',
      'hot_standby_feedback = on',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(dir, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
  fs.rmSync(path.join(dir, 'postmaster.pid'), { force: true });
  execFileSync('chown', ['-R', 'postgres:postgres', dir, socketDir]);
  fs.chmodSync(dir, 0o700);
  asPostgres(path.join(bindir(), 'pg_ctl'), [
    '-D',
    dir,
    '-l',
    path.join(socketDir, 'standby.log'),
    '-w',
    'start',
  ]);
  return () => {
    try {
      asPostgres(path.join(bindir(), 'pg_ctl'), ['-D', dir, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Already stopped (a test stops it to prove the fallback).
    }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(socketDir, { recursive: true, force: true });
  };
}

async function main(): Promise<number> {
  if (process.getuid?.() !== 0) {
    console.error('test:replica runs as root (it starts a standby cluster as the postgres user).');
    return 1;
  }
  fs.mkdirSync(workDir, { recursive: true });
  const admin = postgres(PG_SERVER_URL, { max: 1, onnotice: () => {} });
  const standbyDir = path.join(workDir, 'standby');
  const replicaPort = await freePort();
  const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/${database}`;
  const app = new AppServer(await freePort(), path.join(workDir, 'app.log'), {
    databaseUrl,
    distDir: DIST_DIR,
    name: 'app',
    env: { DATABASE_READ_URL: replicaUrl, READ_REPLICA_WAIT_MS: '300' },
  });
  const undoNextConfigEdits = guardNextConfigEdits(DIST_DIR);
  const cleanups: (() => unknown)[] = [];
  let code = 1;
  try {
    if ((await pgDatabase('create')) !== 0) throw new Error('could not create the database');
    cleanups.push(() => pgDatabase('drop'));
    const seedEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' };
    if ((await run('npm', ['run', 'db:seed'], seedEnv)) !== 0) throw new Error('the seed failed');
    cleanups.push(await allowReplication(admin));
    cleanups.push(startStandby(standbyDir, replicaPort));
    app.start();
    cleanups.push(() => app.stop());
    await app.waitUntilHealthy();
    undoNextConfigEdits();
    code = await run('npx', ['vitest', 'run', '--config', 'vitest.replica.config.ts'], {
      ...process.env,
      LEASEBOOK_REPLICA_APP: app.baseUrl,
      LEASEBOOK_REPLICA_URL: replicaUrl,
      LEASEBOOK_REPLICA_PRIMARY_URL: databaseUrl,
      LEASEBOOK_REPLICA_DIR: standbyDir,
      LEASEBOOK_REPLICA_PG_CTL: path.join(bindir(), 'pg_ctl'),
    });
  } catch (error) {
    console.error(`replica: ${error instanceof Error ? error.message : String(error)}`);
    code = 1;
  } finally {
    undoNextConfigEdits();
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`replica: clean-up: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    await admin.end();
  }
  if (code === 0) fs.rmSync(workDir, { recursive: true, force: true });
  else console.error(`replica: logs kept in ${path.relative(ROOT, workDir)}`);
  console.log(`replica: ${code === 0 ? 'passed' : 'FAILED'}`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`replica: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
