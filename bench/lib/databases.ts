// Throwaway databases for one bench run: a fresh database on the PostgreSQL server (created and
// dropped here) or a PGlite data directory under the system's temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { type Database, type OpenOptions, openDatabase } from '../../server/db/client';
import { migrateDatabase } from '../../server/db/migrate';

export type BenchKind = 'postgres' | 'pglite';

export const serverUrl = (): string =>
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Throwaway {
  /** URL of the new database (postgres only). */
  url?: string;
  location: string;
  options: OpenOptions;
  drop(): Promise<void>;
}

const cleanups = new Set<() => Promise<void>>();

/** Drops everything still alive (on exit paths, including Ctrl-C). */
export async function dropAll(): Promise<void> {
  for (const cleanup of [...cleanups]) await cleanup().catch(() => {});
}

export async function createThrowaway(kind: BenchKind, label: string, poolMax = 10): Promise<Throwaway> {
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `leasebook-bench-${label}-`));
    const drop = async () => {
      cleanups.delete(drop);
      fs.rmSync(dir, { recursive: true, force: true });
    };
    cleanups.add(drop);
    return { location: dir, options: { kind: 'pglite', dataDir: path.join(dir, 'pglite') }, drop };
  }
  const base = serverUrl();
  const name = `leasebook_bench_${label}_${Date.now()}_${process.pid}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  const drop = async () => {
    cleanups.delete(drop);
    const dropper = postgres(base, { max: 1, onnotice: () => {} });
    try {
      await dropper.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await dropper.end();
    }
  };
  cleanups.add(drop);
  return {
    url: url.toString(),
    location: name,
    options: { kind: 'postgres', url: url.toString(), poolMax },
    drop,
  };
}

/** Opens and migrates a throwaway database. */
export async function openMigrated(throwaway: Throwaway): Promise<Database> {
  const database = await openDatabase(throwaway.options);
  await migrateDatabase(database, throwaway.options);
  return database;
}
