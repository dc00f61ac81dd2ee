// Every registered read model, over the fixed portfolio: a rebuild from event 0 gives the same
// rows as the live tables, and replaying every event into each handler twice changes nothing.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '@/server/db/client';
import { allProjections } from '@/server/projections/registry';
import { buildDataset } from '../support/read-models-dataset';
import { freshRuntime } from '../support/runtime';

let runtime: Awaited<ReturnType<typeof freshRuntime>>;

/** Each read table with its key; updated_at is bookkeeping (the time of the write), not content. */
const TABLES: Record<string, { select: string; key: string }> = {
  rm_stream_type_stats: { select: '*', key: 'stream_type' },
  rm_leases: { select: '* EXCEPT updated_at', key: 'lease_id' },
  rm_lease_payments: { select: '*', key: 'lease_id, seq' },
  rm_ledger_items: { select: '*', key: 'lease_id, item_id' },
  rm_allocations: { select: '*', key: 'lease_id, version, seq' },
  rm_property_months: { select: '*', key: 'property_id, month' },
  rm_properties: { select: '*', key: 'property_id' },
  rm_units: { select: '*', key: 'unit_id' },
  rm_notices: { select: '*', key: 'notice_id' },
  rm_payments: { select: '*', key: 'payment_id' },
  rm_maintenance: { select: '*', key: 'request_id' },
};

/** Every read table's rows as JSON text, ordered by key (jsonb text is canonical). */
async function dump(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [table, { select, key }] of Object.entries(TABLES)) {
    const json = select === '*' ? sql.raw(`to_jsonb(t)`) : sql.raw(`to_jsonb(t) - 'updated_at'`);
    const found = await rows<{ row: string }>(
      runtime.database.db,
      sql`SELECT (${json})::text AS row FROM ${sql.raw(table)} t ORDER BY ${sql.raw(key)}`,
    );
    out[table] = found.map((r) => r.row);
  }
  return out;
}

beforeAll(async () => {
  runtime = await freshRuntime();
  await buildDataset(runtime);
  await runtime.runner.settle();
});
afterAll(() => runtime.database.close());

describe('read models', () => {
  it('are all registered and caught up', async () => {
    expect(allProjections.map((p) => p.name)).toEqual(
      expect.arrayContaining(['leases', 'properties', 'payments', 'maintenance']),
    );
    for (const health of await runtime.runner.health()) {
      expect(health).toMatchObject({ status: 'ok', lagEvents: 0 });
    }
    const live = await dump();
    for (const table of Object.keys(TABLES)) expect(live[table]?.length, table).toBeGreaterThan(0);
  });

  it.each(allProjections.map((p) => p.name))(
    '%s: a rebuild from event 0 equals the live tables',
    async (name) => {
      const live = await dump();
      await runtime.runner.rebuild(name);
      expect(await dump()).toEqual(live);
    },
  );

  it.each(allProjections.map((p) => [p.name, p] as const))(
    '%s: replaying every event twice (through the per-stream claims) changes nothing',
    async (_name, projection) => {
      const live = await dump();
      const page = await runtime.store.readAll({ limit: 10_000 });
      for (let round = 0; round < 2; round++) {
        await runtime.runner.replay(projection.name, page.events);
      }
      expect(await dump()).toEqual(live);
    },
  );
});
