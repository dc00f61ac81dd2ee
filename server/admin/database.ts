// Database gauges for /api/metrics: the app's connections to the primary by state (pg_stat_activity:
// every process of the app on this database), and this process's pool size.
import 'server-only';
import { sql } from 'drizzle-orm';
import { rows } from '../db/client';
import { env } from '../env';
import type { DatabaseGauges } from '../metrics';
import type { Runtime } from '../runtime';

export async function databaseGauges(runtime: Runtime): Promise<DatabaseGauges> {
  if (runtime.database.kind === 'pglite') return { poolMax: 1, connections: [] };
  const found = await rows<{ application_name: string; state: string | null; n: number | string }>(
    runtime.database.db,
    sql`SELECT application_name, state, count(*) AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'leasebook'
        GROUP BY 1, 2`,
  );
  return {
    poolMax: env().DB_POOL_MAX,
    connections: found
      .filter((r) => r.state !== null)
      .map((r) => ({
        pool: 'primary',
        state: String(r.state)
          .replace(/ \(aborted\)$/, '')
          .replace(/ /g, '_'),
        count: Number(r.n),
      })),
  };
}
