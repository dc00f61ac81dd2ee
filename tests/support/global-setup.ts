// Prepares one migrated database per test run; every test file then starts from a copy of it:
// a PGlite data-dir dump (embedded) or a template database (PostgreSQL server, DATABASE_URL).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: { kind: 'pglite'; dumpPath: string } | { kind: 'postgres'; url: string; template: string };
  }
}

const migrationsFolder = path.join(process.cwd(), 'drizzle');

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `leasebook_tpl_${process.pid}_${Date.now()}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${template}"`);
    const templateUrl = withDatabase(url, template);
    const client = postgres(templateUrl, { max: 1, onnotice: () => {} });
    await migratePostgres(drizzlePostgres(client), { migrationsFolder });
    await client.end();
    project.provide('testDb', { kind: 'postgres', url, template });
    return async () => {
      // Drop the template and every database copied from it.
      const copies = await admin<{ datname: string }[]>`
        SELECT datname FROM pg_database WHERE datname LIKE ${`${template}%`}`;
      for (const { datname } of copies)
        await admin.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasebook-test-'));
  const dumpPath = path.join(dir, 'migrated.tar.gz');
  const pglite = new PGlite();
  await migratePglite(drizzlePglite(pglite), { migrationsFolder });
  const dump = await pglite.dumpDataDir('gzip');
  fs.writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide('testDb', { kind: 'pglite', dumpPath });
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
