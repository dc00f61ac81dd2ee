// Append throughput, next to the machine's raw single-row INSERT rate measured in the same run,
// on the embedded database (PGlite on disk) and on the PostgreSQL server.
//   npm run bench -- [--events 2000] [--streams 8] [--only pglite|postgres]
// The server comes from BENCH_DATABASE_URL or DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres);
// a throwaway database is created there and dropped afterwards.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { type Database, type OpenOptions, openDatabase } from '../server/db/client';
import { migrateDatabase } from '../server/db/migrate';
import { createEventStore, type EventMetadata } from '../server/eventstore';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '2000' },
    streams: { type: 'string', default: '8' },
    only: { type: 'string' },
  },
});
const total = Number(values.events);
const parallel = Number(values.streams);
const metadata: EventMetadata = {
  actor: { userId: null, role: 'system' },
  correlationId: 'bench',
  causationId: null,
  source: 'system',
};
const payload = { amountCents: 150_000, period: '2026-11', dueDate: '2026-11-01', prorated: false };

interface Row {
  database: string;
  measure: string;
  operations: number;
  seconds: number;
}

async function timed(run: () => Promise<number>): Promise<{ operations: number; seconds: number }> {
  const started = performance.now();
  const operations = await run();
  return { operations, seconds: (performance.now() - started) / 1000 };
}

async function bench(label: string, database: Database, rawInsertPool: Database): Promise<Row[]> {
  const store = createEventStore(database.db);
  const results: Row[] = [];
  await rawInsertPool.db.execute(
    sql`CREATE TABLE IF NOT EXISTS bench_raw (id bigserial primary key, data jsonb)`,
  );
  // Warm up connections and plans.
  for (let i = 0; i < 50; i++)
    await rawInsertPool.db.execute(sql`INSERT INTO bench_raw (data) VALUES ('{}'::jsonb)`);
  await store.append(`bench-${randomUUID()}`, [{ type: 'Warmup', data: payload }], {
    expectedVersion: 0,
    metadata,
  });

  const raw = await timed(async () => {
    const json = JSON.stringify(payload);
    for (let i = 0; i < total; i++) {
      await rawInsertPool.db.execute(sql`INSERT INTO bench_raw (data) VALUES (${json}::jsonb)`);
    }
    return total;
  });
  results.push({ database: label, measure: 'raw single-row INSERT (autocommit, 1 connection)', ...raw });

  const single = await timed(async () => {
    const streamId = `bench-${randomUUID()}`;
    for (let version = 0; version < total; version++) {
      await store.append(streamId, [{ type: 'RentCharged', data: payload }], {
        expectedVersion: version,
        metadata,
      });
    }
    return total;
  });
  results.push({ database: label, measure: 'append, 1 event per append, 1 stream', ...single });

  const fanned = await timed(async () => {
    const perStream = Math.ceil(total / parallel);
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        const streamId = `bench-${randomUUID()}`;
        for (let version = 0; version < perStream; version++) {
          await store.append(streamId, [{ type: 'RentCharged', data: payload }], {
            expectedVersion: version,
            metadata,
          });
        }
      }),
    );
    return perStream * parallel;
  });
  results.push({
    database: label,
    measure: `append, 1 event per append, ${parallel} streams in parallel`,
    ...fanned,
  });

  const batched = await timed(async () => {
    const streamId = `bench-${randomUUID()}`;
    const batch = 10;
    for (let version = 0; version < total; version += batch) {
      const events = Array.from({ length: batch }, () => ({ type: 'RentCharged', data: payload }));
      await store.append(streamId, events, { expectedVersion: version, metadata });
    }
    return total;
  });
  results.push({ database: label, measure: 'append, 10 events per append, 1 stream', ...batched });
  return results;
}

async function benchPglite(): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasebook-bench-'));
  const options: OpenOptions = { kind: 'pglite', dataDir: path.join(dir, 'pglite') };
  const database = await openDatabase(options);
  try {
    await migrateDatabase(database, options);
    // PGlite has a single connection: the raw inserts share it.
    return await bench('PGlite (disk)', database, database);
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres(): Promise<Row[]> {
  const serverUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `leasebook_bench_${Date.now()}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const options: OpenOptions = { kind: 'postgres', url: url.toString(), poolMax: Math.max(parallel, 8) };
  const database = await openDatabase(options);
  const rawPool = await openDatabase({ ...options, poolMax: 1 });
  try {
    await migrateDatabase(database, options);
    return await bench('PostgreSQL 15 (server)', database, rawPool);
  } finally {
    await rawPool.close();
    await database.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

const rows: Row[] = [];
if (values.only !== 'postgres') rows.push(...(await benchPglite()));
if (values.only !== 'pglite') rows.push(...(await benchPostgres()));

console.log(
  `\nAppend throughput (${total} events per measure, ${os.cpus().length} cores, node ${process.version})\n`,
);
const rawRate = new Map<string, number>();
for (const row of rows) {
  const rate = row.operations / row.seconds;
  if (row.measure.startsWith('raw')) rawRate.set(row.database, rate);
  const ratio = rate / (rawRate.get(row.database) ?? rate);
  console.log(
    `${row.database.padEnd(24)} ${row.measure.padEnd(52)} ${rate.toFixed(0).padStart(7)} /s   ${ratio.toFixed(2)}× raw`,
  );
}
