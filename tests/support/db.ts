// A fresh database for one test file: a copy of the migrated one prepared by global-setup.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { type Database, type OpenOptions, openDatabase } from '@/server/db/client';
import { withDatabase } from './global-setup';

export interface TestDatabase extends Database {
  options: OpenOptions;
  /** Another handle on the same database (PostgreSQL only: PGlite has one connection). */
  openAnother(poolMax?: number): Promise<Database>;
}

export async function freshDatabase(poolMax = 10): Promise<TestDatabase> {
  const config = inject('testDb');
  if (config.kind === 'pglite') {
    const options: OpenOptions = {
      kind: 'pglite',
      loadDataDir: new Blob([fs.readFileSync(config.dumpPath)]),
    };
    const database = await openDatabase(options);
    return {
      ...database,
      options,
      openAnother: () => Promise.reject(new Error('PGlite has a single connection.')),
    };
  }
  const name = `${config.template}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(config.url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${config.template}"`);
  } finally {
    await admin.end();
  }
  const options: OpenOptions = { kind: 'postgres', url: withDatabase(config.url, name), poolMax };
  const database = await openDatabase(options);
  return {
    ...database,
    options,
    openAnother: (max = 10) => openDatabase({ ...options, poolMax: max }),
  };
}
