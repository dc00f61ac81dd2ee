// Applies the SQL migrations under drizzle/ (the same files on both databases).
import 'server-only';
import path from 'node:path';
import type { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Database, OpenOptions } from './client';

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'drizzle');
// Several app processes may start at once against one server: only one migrates at a time.
const MIGRATION_LOCK_KEY = 7_252_001;

export async function migrateDatabase(database: Database, options: OpenOptions): Promise<void> {
  if (options.kind === 'pglite') {
    // PGlite has one connection and serialises every query: no lock needed.
    await migratePglite(database.db as unknown as ReturnType<typeof drizzlePglite>, {
      migrationsFolder: MIGRATIONS_FOLDER,
    });
    return;
  }
  // A dedicated single connection, so the advisory lock and the migration share a session.
  const client = postgres(options.url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder: MIGRATIONS_FOLDER });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
