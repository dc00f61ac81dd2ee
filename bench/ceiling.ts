// The machine's ceiling: one-row JSONB INSERT transactions (autocommit) into a scratch table, at 1
// and 8 connections for a fixed duration, through postgres.js directly (and pgbench when it is on
// PATH). On PGlite, "8 connections" is 8 concurrent callers on its one connection.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import type { Database } from '../server/db/client';

const run = promisify(execFile);
const PAYLOAD = { amountCents: 150_000, period: '2026-11', dueDate: '2026-11-01', prorated: false };
const CREATE = 'CREATE TABLE IF NOT EXISTS bench_ceiling (id bigserial PRIMARY KEY, data jsonb NOT NULL)';
const INSERT = 'INSERT INTO bench_ceiling (data) VALUES ($1::jsonb)';

/** Runs `workers` closed loops of `once` for `seconds`; returns completed operations per second. */
async function closedLoop(workers: number, seconds: number, once: () => Promise<unknown>): Promise<number> {
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < until) {
        await once();
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/** postgres.js against the server: a pool of exactly `connections`, all opened before timing. */
export async function ceilingPostgres(url: string, connections: number, seconds: number): Promise<number> {
  const sql = postgres(url, { max: connections, onnotice: () => {} });
  try {
    await sql.unsafe(CREATE);
    const json = JSON.stringify(PAYLOAD);
    await Promise.all(Array.from({ length: connections * 4 }, () => sql.unsafe(INSERT, [json])));
    return await closedLoop(connections, seconds, () => sql.unsafe(INSERT, [json]));
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** PGlite: the one connection under the app's Drizzle handle, used raw. */
export async function ceilingPglite(database: Database, callers: number, seconds: number): Promise<number> {
  const client = (
    database.db as unknown as { $client: { query(q: string, p?: unknown[]): Promise<unknown> } }
  ).$client;
  await client.query(CREATE);
  const json = JSON.stringify(PAYLOAD);
  for (let i = 0; i < 50; i++) await client.query(INSERT, [json]);
  return closedLoop(callers, seconds, () => client.query(INSERT, [json]));
}

export async function pgbenchAvailable(): Promise<boolean> {
  try {
    await run('pgbench', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** pgbench with a one-statement custom script; tps without the initial connection time. */
export async function ceilingPgbench(url: string, connections: number, seconds: number): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasebook-pgbench-'));
  const script = path.join(dir, 'insert.sql');
  // A space after each colon: pgbench reads `:name` as a variable.
  const literal = JSON.stringify(PAYLOAD).replaceAll('":', '": ').replaceAll("'", "''");
  fs.writeFileSync(script, `INSERT INTO bench_ceiling (data) VALUES ('${literal}'::jsonb);\n`);
  try {
    const threads = String(Math.min(connections, os.cpus().length));
    const { stdout } = await run(
      'pgbench',
      [
        '-n',
        '-M',
        'prepared',
        '-f',
        script,
        '-c',
        String(connections),
        '-j',
        threads,
        '-T',
        String(Math.max(1, Math.round(seconds))),
        url,
      ],
      { maxBuffer: 1 << 20 },
    );
    const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    if (!match?.[1]) throw new Error(`pgbench printed no tps:\n${stdout}`);
    return Number(match[1]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
