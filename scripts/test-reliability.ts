// npm run test:reliability: hostile tests with real processes and real databases (issue 13).
// 1. In-process (tests/reliability/*.inproc.test.ts, on PGlite): fast-check fuzzing of every route
//    handler, the authorisation matrix, SQL metacharacters in every search and filter.
// 2. Over HTTP against the production build (`next start`, built into .next-http when the sources
//    changed, as test:contention does), tests/reliability/*.http.test.ts: kill -9 during keyed
//    payments on PostgreSQL (a fresh seeded database) and on PGlite, a restart of a private
//    PostgreSQL cluster under load (initdb into a temp dir, removed afterwards), a failing
//    projection, an idle-in-transaction connection, 64 connections of mixed load for 30 s.
// Then prints every "reliability figure" line the suites printed (docs/reliability.md quotes them).
//   PG_SERVER_URL=postgres://postgres@127.0.0.1:5432/postgres npm run test:reliability [-- inproc|http [files…]]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AppServer, freePort, guardNextConfigEdits } from './lib/app-server';
import { ROOT, run } from './lib/run';

const PG_SERVER_URL = process.env.PG_SERVER_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DIST_DIR = '.next-http';
const runId = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
const workDir = path.join(ROOT, '.data', 'reliability', runId);
const database = `leasebook_rel_${Date.now()}_${process.pid}`;
const databaseUrl = `${PG_SERVER_URL.replace(/\/[^/]*$/, '')}/${database}`;

const pgDatabase = (action: 'create' | 'drop') =>
  run('npx', ['tsx', 'scripts/pg-database.ts', action, database, '--server', PG_SERVER_URL]);

/** Runs a command, echoing and keeping its output. */
function capture(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        output += chunk;
        process.stdout.write(chunk);
      });
    }
    child.once('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** `inproc` or `http` runs one part only; more arguments are test files for vitest. */
const [only, ...files] = process.argv.slice(2).filter((arg) => arg !== '--');

async function main(): Promise<number> {
  const started = performance.now();
  fs.mkdirSync(workDir, { recursive: true });
  const figures: string[] = [];
  const collect = (output: string) => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the terminal colours vitest adds
    for (const line of output.replace(/\u001b\[[0-9;]*m/g, '').split('\n')) {
      const at = line.indexOf('reliability figure: ');
      if (at >= 0) figures.push(line.slice(at + 'reliability figure: '.length).trim());
    }
  };
  let code = 0;
  let created = false;
  const undoNextConfigEdits = guardNextConfigEdits(DIST_DIR);
  try {
    if (only !== 'http') {
      console.log('\nreliability: in-process fuzzing, authorisation matrix and injection (PGlite)');
      const inproc = await capture(
        'npx',
        ['vitest', 'run', '--config', 'vitest.reliability.config.ts', '--project', 'inproc', ...files],
        {
          ...process.env,
          DATABASE_URL: '',
        },
      );
      collect(inproc.output);
      if (inproc.code !== 0) code = 1;
    }
    if (only !== 'inproc') {
      console.log('\nreliability: a fresh PostgreSQL database, seeded; the production build');
      if ((await pgDatabase('create')) !== 0) throw new Error('could not create the database');
      created = true;
      const seedEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' };
      if ((await run('npm', ['run', 'db:seed'], seedEnv)) !== 0) throw new Error('the seed failed');
      // The first start builds into .next-http when the sources changed; the tests then start their own.
      const builder = new AppServer(await freePort(), path.join(workDir, 'build.log'), {
        databaseUrl,
        distDir: DIST_DIR,
        name: 'build',
      });
      builder.start();
      await builder.waitUntilHealthy();
      await builder.stop();
      undoNextConfigEdits();

      console.log('\nreliability: over HTTP against next start');
      const httpRun = await capture(
        'npx',
        ['vitest', 'run', '--config', 'vitest.reliability.config.ts', '--project', 'http', ...files],
        {
          ...process.env,
          PG_SERVER_URL,
          LEASEBOOK_REL_PG_URL: databaseUrl,
          LEASEBOOK_REL_DIST_DIR: DIST_DIR,
        },
      );
      collect(httpRun.output);
      if (httpRun.code !== 0) code = 1;
    }
  } catch (error) {
    console.error(`reliability: ${error instanceof Error ? error.message : String(error)}`);
    code = 1;
  } finally {
    undoNextConfigEdits();
    if (created && (await pgDatabase('drop')) !== 0) console.error(`reliability: could not drop ${database}`);
  }
  console.log('\nreliability figures (docs/reliability.md):');
  for (const line of figures) console.log(`  - ${line}`);
  console.log(
    `reliability: ${code === 0 ? 'passed' : 'FAILED'} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  fs.rmSync(workDir, { recursive: true, force: true });
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`reliability: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
