// Every registered read model, over the fixed portfolio: a rebuild from event 0 (alone or all
// together, blue/green) gives the same rows, indexes and constraints as the live tables, readers see
// the old tables until the swap, and replaying every event into each handler twice changes nothing.

import { randomUUID } from 'node:crypto';
import { getTableName, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandEnvelope } from '@/server/commands/handle';
import { changeLease, type LeaseChange } from '@/server/commands/lease';
import { rows } from '@/server/db/client';
import { allProjections } from '@/server/projections/registry';
import { createProjectionRunner } from '@/server/projections/runner';
import { buildDataset, ids, TODAY } from '../support/read-models-dataset';
import { aProperty, freshRuntime } from '../support/runtime';

let runtime: Awaited<ReturnType<typeof freshRuntime>>;

/** Every read table of every registered projection (so a new read model is covered by itself). */
const TABLES = allProjections.flatMap((projection) => projection.tables.map((table) => getTableName(table)));

/**
 * Every read table's rows as JSON text, sorted (jsonb text is canonical); updated_at is
 * bookkeeping (the time of the write), not content.
 */
async function dump(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) {
    const found = await rows<{ row: string }>(
      runtime.database.db,
      sql`SELECT (to_jsonb(t) - 'updated_at')::text AS row FROM ${sql.raw(table)} t ORDER BY 1`,
    );
    out[table] = found.map((r) => r.row);
  }
  return out;
}

/** The read tables' indexes and constraints by name and definition: a rebuild keeps them all. */
async function shapes(): Promise<string[]> {
  const found = await rows<{ shape: string }>(
    runtime.database.db,
    sql`SELECT c.relname || ': ' || i.relname || ' ' || pg_get_indexdef(i.oid) AS shape
        FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relname IN (${sql.join(
          TABLES.map((t) => sql`${t}`),
          sql`, `,
        )})
        UNION ALL
        SELECT c.relname || ': ' || k.conname || ' ' || pg_get_constraintdef(k.oid) FROM pg_constraint k
        JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relname IN (${sql.join(
          TABLES.map((t) => sql`${t}`),
          sql`, `,
        )})
        ORDER BY 1`,
  );
  return found.map((r) => r.shape);
}

beforeAll(async () => {
  runtime = await freshRuntime();
  const { leases } = await buildDataset(runtime);
  // Every ledger item kind besides the dataset's rent, late fees, payments and reversal: a manual
  // charge part paid then waived, a credit that pays what is open.
  const manager: CommandEnvelope = {
    actor: { userId: ids.managerA, role: 'manager' },
    correlationId: 'rebuild-extras',
    source: 'seed',
    now: new Date(`${TODAY}T13:00:00.000Z`),
    backdate: true,
  };
  const chargeId = randomUUID();
  const steps: LeaseChange[] = [
    {
      type: 'PostCharge',
      chargeId,
      kind: 'utility',
      // Text the bulk insert's array literals must quote and escape (and one that looks like NULL).
      description: 'Water, "hot" {meter 2} \\ back-billed',
      amountCents: 12_345,
      dueDate: TODAY,
    },
    {
      type: 'ReceivePayment',
      paymentId: randomUUID(),
      amountCents: 5_000,
      paymentDate: TODAY,
      method: 'card',
      actorRole: 'manager',
    },
    { type: 'WaiveCharge', chargeId, reason: 'NULL' },
    { type: 'GrantCredit', creditId: randomUUID(), amountCents: 30_000, reason: 'Concession' },
  ];
  for (const command of steps) await changeLease(runtime, leases.l2, command, manager);
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
    for (const table of TABLES) expect(live[table]?.length, table).toBeGreaterThan(0);
  });

  it.each(allProjections.map((p) => p.name))(
    '%s: a rebuild from event 0 equals the live tables',
    async (name) => {
      const live = await dump();
      await runtime.runner.rebuild(name);
      expect(await dump()).toEqual(live);
    },
  );

  it('in many small batches (each read ahead while the one before folds) equals the live tables', async () => {
    const live = await dump();
    const phases: string[] = [];
    const small = createProjectionRunner(runtime.store, allProjections, { rebuildEventsPerBatch: 7 });
    const folded = await small.rebuildMany(undefined, (progress) => phases.push(progress.phase));
    expect(folded).toBeGreaterThan(7 * 10);
    // One progress report per batch: the log went through many of them.
    expect(phases.filter((phase) => phase === 'building').length).toBeGreaterThan(5);
    expect(await dump()).toEqual(live);
  });

  it('all at once, blue/green: readers see the old tables until the swap, and the new ones hold what was written meanwhile', async () => {
    const live = await dump();
    const indexes = await shapes();
    const phases: string[] = [];
    const rebuilding = runtime.runner.rebuildMany(undefined, (progress) => phases.push(progress.phase));
    // Between the rebuild's transactions (PGlite has one connection; PostgreSQL runs them side by
    // side) the live tables are whole and unchanged, and a command still writes to them.
    let readsDuringBuild = 0;
    while (!phases.includes('catching-up') && !phases.includes('done')) {
      expect(await dump()).toEqual(live);
      readsDuringBuild += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const { propertyId } = await aProperty(runtime);
    const withProperty = await dump();
    expect(withProperty).not.toEqual(live);
    const folded = await rebuilding;
    expect(readsDuringBuild).toBeGreaterThan(0);
    expect(phases.at(-1)).toBe('done');
    expect(folded).toBeGreaterThan(0);
    await runtime.runner.settle();
    const after = await dump();
    expect(after).toEqual(withProperty);
    expect(JSON.stringify(after.rm_properties)).toContain(propertyId);
    expect(await shapes()).toEqual(indexes);
    // Nothing is left of the rebuild's schema, and every projection is caught up and ok.
    const leftovers = await rows<{ n: number }>(
      runtime.database.db,
      sql`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE 'lb_rebuild_%'`,
    );
    expect(leftovers[0]?.n).toBe(0);
    for (const health of await runtime.runner.health()) {
      expect(health).toMatchObject({ status: 'ok', lagEvents: 0 });
    }
  });

  it('a rebuild that fails leaves the live tables as they were', async () => {
    const live = await dump();
    const broken = {
      ...allProjections.find((p) => p.name === 'maintenance'),
    } as (typeof allProjections)[number];
    const failing = createProjectionRunner(runtime.store, [
      {
        ...broken,
        bulk: () => ({
          stream() {
            throw new Error('bulk writer bug');
          },
        }),
      },
    ]);
    await expect(failing.rebuild('maintenance')).rejects.toThrow('bulk writer bug');
    expect(await dump()).toEqual(live);
    const leftovers = await rows<{ n: number }>(
      runtime.database.db,
      sql`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE 'lb_rebuild_%'`,
    );
    expect(leftovers[0]?.n).toBe(0);
  });

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
