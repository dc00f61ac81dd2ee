// npm run db:migrate: applies the SQL migrations under drizzle/ to the configured database.
import { appDatabaseOptions, openDatabase } from '../server/db/client';
import { migrateDatabase } from '../server/db/migrate';

async function main(): Promise<void> {
  const options = appDatabaseOptions();
  const database = await openDatabase(options);
  try {
    const started = performance.now();
    await migrateDatabase(database, options);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Migrated the ${database.kind} database at ${database.location} (${seconds} s).`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
