// Creates or drops a database on the PostgreSQL server (used by CI for a fresh database per run).
//   tsx scripts/pg-database.ts create|drop <name> [--server postgres://...]
import { parseArgs } from 'node:util';
import postgres from 'postgres';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { server: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' } },
});
const [action, name] = positionals;
if ((action !== 'create' && action !== 'drop') || !name || !/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
  console.error('usage: tsx scripts/pg-database.ts create|drop <name> [--server URL]');
  process.exit(2);
}
const admin = postgres(values.server, { max: 1, onnotice: () => {} });
try {
  if (action === 'create') await admin.unsafe(`CREATE DATABASE "${name}"`);
  else await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
} finally {
  await admin.end();
}
