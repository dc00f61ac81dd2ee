// npm start: build the production app when the build is missing or older than the sources, then
// run `next start`, passing signals through and exiting with its code.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appDatabaseOptions, openDatabase } from '../server/db/client';
import { lockDataDir } from '../server/db/data-dir-lock';
import { env } from '../server/env';
import { demoAccountsLive } from '../server/seed/demo-status';
import { seedNewDataDir } from '../server/startup';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NEXT_BIN = createRequire(import.meta.url).resolve('next/dist/bin/next');
// NEXT_DIST_DIR lets two work trees' builds (e.g. parallel e2e runs) live side by side.
const DIST_DIR = path.join(ROOT, process.env.NEXT_DIST_DIR || '.next');
const BUILD_ID = path.join(DIST_DIR, 'BUILD_ID');
const HASH_FILE = path.join(DIST_DIR, 'leasebook-source-hash');
/** Everything a production build is made from. */
const SOURCES = [
  'app',
  'components',
  'server',
  'drizzle',
  'instrumentation.ts',
  'proxy.ts',
  'next.config.js',
  'postcss.config.mjs',
  'package-lock.json',
  'tsconfig.json',
];

function listFiles(relative: string): string[] {
  const absolute = path.join(ROOT, relative);
  if (!fs.existsSync(absolute)) return [];
  if (!fs.statSync(absolute).isDirectory()) return [relative];
  return fs
    .readdirSync(absolute, { withFileTypes: true })
    .flatMap((entry) => listFiles(path.join(relative, entry.name)));
}

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap(listFiles).sort()) {
    hash.update(`${file.split(path.sep).join('/')}\0`);
    hash.update(fs.readFileSync(path.join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function readIfExists(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;
}

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal ? (os.constants.signals[signal] ?? 1) : 1);
}

let child: ChildProcess | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (child && child.exitCode === null) child.kill(signal);
    else process.exit(exitCodeOf(null, signal));
  });
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, [NEXT_BIN, ...args], { cwd: ROOT, env, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(exitCodeOf(code, signal)));
  });
}

/**
 * Fails fast, before a build, when another process holds the embedded database (the server would
 * refuse it anyway, and a rebuild would pull .next out from under the running server).
 */
function checkDataDirFree(): void {
  const options = appDatabaseOptions();
  if (options.kind !== 'pglite' || !options.dataDir) return;
  lockDataDir(options.dataDir)();
}

/**
 * Will the server start with the demo accounts live? Yes for a new embedded database that is going
 * to be seeded; otherwise ask the database (a database without the users table has none).
 */
async function demoWillBeLive(): Promise<boolean> {
  const options = appDatabaseOptions();
  if (options.kind === 'pglite' && env().SEED_DEMO === 'true') {
    if (!options.dataDir || !fs.existsSync(path.resolve(options.dataDir))) return true;
  }
  const database = await openDatabase(options);
  try {
    return await demoAccountsLive(database.db);
  } finally {
    await database.close();
  }
}

async function main(): Promise<number> {
  const port = process.env.PORT ?? '3000';
  if (!/^\d{1,5}$/.test(port)) throw new Error(`PORT must be a port number, got "${port}".`);
  checkDataDirFree();

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  const hash = sourceHash();
  if (readIfExists(BUILD_ID) === undefined || readIfExists(HASH_FILE) !== hash) {
    console.log('leasebook: the production build is missing or older than the sources; running next build');
    const started = performance.now();
    const code = await run(['build'], childEnv);
    if (code !== 0) {
      console.error(`leasebook: next build failed (exit ${code})`);
      return code;
    }
    fs.writeFileSync(HASH_FILE, `${hash}\n`);
    console.log(`leasebook: built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  // A new embedded database is seeded here, before Next runs: a request Next serves before its
  // register() hook has run cannot then race the seed for the data directory's lock.
  await seedNewDataDir();

  const args = ['start', '--port', port];
  if (process.env.HOST) args.push('--hostname', process.env.HOST);
  else if (await demoWillBeLive()) {
    // API.md "Demo data": with the published demo password live, only this machine may connect.
    console.log('leasebook: demo accounts are live; listening on 127.0.0.1 only (set HOST to override)');
    args.push('--hostname', '127.0.0.1');
  }
  // The app handles SIGTERM itself (server/startup.ts): it drains requests and background work,
  // then closes the pool, instead of Next's immediate exit.
  return run(args, { ...childEnv, NEXT_MANUAL_SIG_HANDLE: 'true' });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`leasebook: cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
