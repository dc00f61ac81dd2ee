// The ledger read rows (rm_ledger_items, rm_allocations, rm_property_months) and the manager
// analytics built on them, over one small portfolio with every case a manager would dispute:
// a partial payment, a late fee waived, a prepayment, a credit, a reversal after its month closed,
// a charge not yet due, a vacant unit and a deposit. Every figure is worked out by hand below.
//
// Manager C: Oak Row with units U1 (market 1,000.00) and U2 (market 1,200.00, vacant throughout).
// Lease X on U1, 2027-01-01..2027-12-31, rent 1,000.00 due the 1st, grace 5 days, late fee 50.00,
// deposit 500.00 (paid 01-01). "Today" is 2027-03-20; the range is 2027-01-01..2027-03-31.
//   01-01 Jan rent 1,000 posted.          01-03 pays 600 (partial: Jan rent 600).
//   01-10 Jan late fee 50 (due 01-07).    01-20 pays 400 (Jan rent paid).
//   01-25 the late fee is waived.         02-01 Feb rent 1,000; pays 2,000 (Feb rent + 1,000 credit).
//   03-01 Mar rent 1,000, paid by the prepaid credit (allocated on 03-01).
//   03-05 credit (concession) 200 granted: nothing open, so it is held.
//   03-10 the Feb payment is reversed (error): Feb rent and Mar rent reopen (-2,000 on 03-10);
//         the 200 credit then pays Feb rent 200.   03-15 a utility charge 75 due 03-25 posted.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '@/server/auth/users';
import { changeLease, createLease } from '@/server/commands/lease';
import { registerProperty } from '@/server/commands/property';
import { rows } from '@/server/db/client';
import { projectionIo } from '@/server/projections/io';
import { leasesProjection } from '@/server/projections/leases/projection';
import {
  agingFromLeaseRows,
  agingFromLedgerRows,
  getManagerAnalytics,
} from '@/server/queries/manager-analytics';
import type { Reader } from '@/server/queries/scope';
import { backdatedAs } from '../support/envelopes';
import { freshRuntime } from '../support/runtime';

let runtime: Awaited<ReturnType<typeof freshRuntime>>;
const db = () => runtime.database.db;
const managerId = '00000000-0000-4000-8000-0000000000c7';
const tenantId = '00000000-0000-4000-8000-0000000000c8';
const manager: Reader = { userId: managerId, role: 'manager' };
const TODAY = '2027-03-20';
let leaseId = '';
let febMonthBeforeReversal: unknown;

const as = backdatedAs({ managerId, tenantId }, 'ledger');

const analytics = (to = '2027-03-31', from = '2027-01-01') =>
  getManagerAnalytics(db(), manager, { from, to, today: TODAY });

beforeAll(async () => {
  runtime = await freshRuntime();
  await insertUser(db(), { id: managerId, email: 'mc@example.com', name: 'Casey C', role: 'manager' });
  await insertUser(db(), { id: tenantId, email: 'xena@example.com', name: 'Xena Tenant', role: 'tenant' });
  const property = await registerProperty(
    runtime,
    {
      name: 'Oak Row',
      address: { line1: '5 Oak Row', city: 'Boise', state: 'ID', postalCode: '83702' },
      managerId,
      units: [
        { label: 'U1', marketRentCents: 100_000 },
        { label: 'U2', marketRentCents: 120_000 },
      ],
    },
    as('manager', '2026-12-01'),
  );
  if (property.state?.status !== 'registered') throw new Error('property not registered');
  const [u1] = property.state.units;
  leaseId = (
    await createLease(
      runtime,
      {
        tenantId,
        propertyId: property.propertyId,
        unitId: u1?.unitId ?? '',
        startDate: '2027-01-01',
        endDate: '2027-12-31',
        monthlyRentCents: 100_000,
        dueDay: 1,
        graceDays: 5,
        lateFeeCents: 5_000,
        securityDepositCents: 50_000,
      },
      as('manager', '2026-12-15'),
    )
  ).leaseId;
  const bill = (asOf: string) =>
    changeLease(runtime, leaseId, { type: 'PostDueItems', asOf }, as('system', asOf));
  const pay = async (date: string, amountCents: number, purpose: 'rent' | 'deposit' = 'rent') => {
    const paymentId = crypto.randomUUID();
    await changeLease(
      runtime,
      leaseId,
      {
        type: 'ReceivePayment',
        paymentId,
        amountCents,
        paymentDate: date,
        method: 'check',
        actorRole: 'manager',
        purpose,
      },
      as('manager', date),
    );
    return paymentId;
  };
  await bill('2027-01-01');
  await pay('2027-01-01', 50_000, 'deposit');
  await pay('2027-01-03', 60_000);
  await bill('2027-01-10');
  await pay('2027-01-20', 40_000);
  const [fee] = await rows<{ item_id: string }>(
    db(),
    sql`SELECT item_id FROM rm_ledger_items WHERE lease_id = ${leaseId} AND kind = 'late_fee'`,
  );
  await changeLease(
    runtime,
    leaseId,
    { type: 'WaiveCharge', chargeId: fee?.item_id ?? '', reason: 'First time' },
    as('manager', '2027-01-25'),
  );
  await bill('2027-02-01');
  const feb = await pay('2027-02-01', 200_000);
  await bill('2027-03-01');
  await changeLease(
    runtime,
    leaseId,
    { type: 'GrantCredit', creditId: crypto.randomUUID(), amountCents: 20_000, reason: 'Noise concession' },
    as('manager', '2027-03-05'),
  );
  febMonthBeforeReversal = (await analytics()).months.find((m) => m.month === '2027-02');
  await changeLease(
    runtime,
    leaseId,
    { type: 'ReversePayment', paymentId: feb, reason: 'error' },
    as('manager', '2027-03-10'),
  );
  await changeLease(
    runtime,
    leaseId,
    {
      type: 'PostCharge',
      chargeId: crypto.randomUUID(),
      kind: 'utility',
      description: 'Water',
      amountCents: 7_500,
      dueDate: '2027-03-25',
    },
    as('manager', '2027-03-15'),
  );
  await runtime.runner.settle();
});
afterAll(() => runtime.database.close());

describe('manager analytics by the ledger rows (hand-computed)', () => {
  it('collection rate by allocation: arrears lower it, the waived fee and the credit do not count', async () => {
    const a = await analytics();
    // Due in the range, not waived: Jan, Feb, Mar rent 3 x 1,000 + water 75 = 3,075.00.
    // Paid by payments so far: Jan rent 600 + 400 = 1,000; Feb rent +1,000 -1,000 (reversed);
    // Mar rent +1,000 (prepaid credit) -1,000 (reversed). The 200 credit is a concession: no
    // collection. 1,000 / 3,075 = 0.325203...
    expect(a.collection).toEqual({ chargedCents: 307_500, collectedCents: 100_000, rate: 0.3252 });
  });

  it('GPR over every unit and day, economic occupancy net of credits, physical with the vacancy', async () => {
    const a = await analytics();
    // GPR: (1,000 + 1,200) x 3 whole months = 6,600.00. Rent charged for Jan-Mar 3,000 less the
    // 200 credit (the waived fee is not rent) = 2,800; 2,800 / 6,600 = 0.424242...
    expect(a.occupancy).toMatchObject({
      units: 2,
      leasedUnits: 1,
      physical: 0.5,
      grossPotentialRentCents: 660_000,
      economicRentCents: 280_000,
      economic: 0.4242,
    });
    expect(a.deposits).toEqual({ heldCents: 50_000, leases: 1 });
  });

  it('months from the rollup: the reversal is booked in March, February never changes', async () => {
    const a = await analytics();
    // Jan: charged rent 1,000 + fee 50 = 1,050, collected 1,000, the fee waived in January (50).
    // Feb: charged 1,000, collected 1,000 (the payment allocated to Feb rent on 02-01).
    // Mar: charged rent 1,000 + water 75 = 1,075; collected +1,000 (prepaid credit to Mar rent)
    //      less the 2,000 the reversal took back on 03-10 = -1,000; credits 200.
    expect(a.months).toEqual([
      expect.objectContaining({
        month: '2027-01',
        chargedCents: 105_000,
        collectedCents: 100_000,
        reversedCents: 0,
        lateFeesCents: 5_000,
        waivedCents: 5_000,
        creditsCents: 0,
      }),
      expect.objectContaining({
        month: '2027-02',
        chargedCents: 100_000,
        collectedCents: 100_000,
        reversedCents: 0,
        waivedCents: 0,
      }),
      expect.objectContaining({
        month: '2027-03',
        chargedCents: 107_500,
        collectedCents: -100_000,
        reversedCents: 200_000,
        creditsCents: 20_000,
      }),
    ]);
    expect(a.months[1]).toEqual(febMonthBeforeReversal);
    // The month figures add up to the collection figure: 1,000 + 1,000 - 1,000 = 1,000.
    expect(a.months.reduce((sum, m) => sum + m.collectedCents, 0)).toBe(a.collection.collectedCents);
    expect(a.properties).toEqual([
      expect.objectContaining({
        name: 'Oak Row',
        chargedCents: 312_500,
        collectedCents: 100_000,
        depositsHeldCents: 50_000,
      }),
    ]);
  });

  it('ages past-due items 1-30/31-60 and keeps the charge not yet due apart as current', async () => {
    const a = await analytics();
    // As of 03-20: Feb rent 1,000 - 200 credit = 800 open, 47 days past due -> 31-60; Mar rent
    // 1,000 open, 19 days (grace ended 03-06) -> 1-30; water 75 due 03-25 -> current.
    expect(a.delinquency).toMatchObject({
      currentCents: 7_500,
      days1to30: 100_000,
      days31to60: 80_000,
      days61to90: 0,
      days91plus: 0,
      totalCents: 180_000,
    });
    expect(a.delinquency.leases).toEqual([
      expect.objectContaining({
        leaseId,
        tenantName: 'Xena Tenant',
        unitLabel: 'U1',
        oldestDueDate: '2027-02-01',
        currentCents: 7_500,
        totalCents: 180_000,
      }),
    ]);
  });

  it('ages an earlier date with what stood then: rent in grace is current, the waived fee gone', async () => {
    // As of 01-05 (range January only, to 01-05): Jan rent 1,000 - 600 paid 01-03 = 400 open,
    // still in grace (due 01-01 + 5 days) -> current; nothing is past due.
    const early = await analytics('2027-01-05');
    expect(early.delinquency).toMatchObject({ currentCents: 40_000, days1to30: 0, totalCents: 0 });
    expect(early.delinquency.leases).toEqual([]);
    // As of 02-15: everything posted by then was paid (the reversal came later) or waived.
    const feb = await analytics('2027-02-15');
    expect(feb.delinquency).toMatchObject({ currentCents: 0, totalCents: 0 });
  });
});

describe('aging from the lease rows', () => {
  it("holds each owing lease's open charges: due date, last day in grace (rent) or due date, amount", async () => {
    const [lease] = await rows<Record<string, unknown>>(
      db(),
      sql`SELECT open_due_dates::text, open_grace_ends::text, open_amounts_cents::text, open_charges_cents
          FROM rm_leases WHERE lease_id = ${leaseId}`,
    );
    // Feb rent 800 open (grace 5 days: current through 02-06), Mar rent 1,000 (through 03-06),
    // water 75 due 03-25 (no grace). The waived fee and the paid deposit are not there.
    expect(lease).toMatchObject({
      open_due_dates: '{2027-02-01,2027-03-01,2027-03-25}',
      open_grace_ends: '{2027-02-06,2027-03-06,2027-03-25}',
      open_amounts_cents: '{80000,100000,7500}',
    });
    expect(Number(lease?.open_charges_cents)).toBe(187_500);
  });

  it('ages exactly as the ledger rows do on a day with nothing dated after it', async () => {
    for (const asOf of [TODAY, '2027-03-15', '2027-03-25', '2027-06-30']) {
      const fast = await agingFromLeaseRows(db(), managerId, asOf);
      expect(fast).not.toBe('dated after asOf');
      expect(fast).toEqual(await agingFromLedgerRows(db(), managerId, asOf));
    }
    const fast = await agingFromLeaseRows(db(), managerId, '2027-03-25');
    if (fast === 'dated after asOf') throw new Error('expected rows');
    // 03-25: water is due that day (current), Mar rent 24 days past due, Feb rent 52.
    expect(fast).toEqual([
      expect.objectContaining({
        oldest_due_date: '2027-02-01',
        current_cents: 7_500,
        days1to30: 100_000,
        days31to60: 80_000,
      }),
    ]);
  });

  it('refuses a day with allocations, waivers or open charges dated after it (the ledger rows answer)', async () => {
    // 03-14: the water charge (open) was posted on 03-15. 03-09: the reversal's rows are dated
    // 03-10. 01-24: the fee was waived on 01-25.
    for (const asOf of ['2027-03-14', '2027-03-09', '2027-01-24']) {
      expect(await agingFromLeaseRows(db(), managerId, asOf)).toBe('dated after asOf');
    }
    // What the page shows for a range ending then comes from the ledger rows (as above).
    const early = await analytics('2027-03-14');
    expect(early.delinquency).toMatchObject({ currentCents: 0, days1to30: 100_000, days31to60: 80_000 });
  });

  it('migration 0028 fills the columns from the ledger rows exactly as the projection writes them', async () => {
    const migration = readFileSync('drizzle/0028_lease_open_charges.sql', 'utf8')
      .split('--> statement-breakpoint')
      .map((part) => part.trim())
      .find((part) => part.includes('UPDATE "rm_leases"'));
    if (migration === undefined) throw new Error('no UPDATE in migration 0028');
    const columns = sql`lease_id::text, open_due_dates::text, open_grace_ends::text,
      open_amounts_cents::text, open_charges_cents::text`;
    const live = await rows(db(), sql`SELECT ${columns} FROM rm_leases ORDER BY lease_id`);
    class Rollback extends Error {}
    let filled: unknown[] = [];
    await db()
      .transaction(async (tx) => {
        await tx.execute(sql`UPDATE rm_leases SET open_due_dates = '{}', open_grace_ends = '{}',
          open_amounts_cents = '{}', open_charges_cents = 0`);
        await tx.execute(sql.raw(migration));
        filled = await rows(tx, sql`SELECT ${columns} FROM rm_leases ORDER BY lease_id`);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    expect(live.length).toBe(1);
    expect(filled).toEqual(live);
  });
});

describe('the ledger read rows', () => {
  const TABLES = {
    rm_ledger_items: 'lease_id, item_id',
    rm_allocations: 'lease_id, version, seq',
    rm_property_months: 'property_id, month',
    rm_leases: 'lease_id',
  };
  const dump = async (executor = db()) => {
    const out: Record<string, string[]> = {};
    for (const [table, key] of Object.entries(TABLES)) {
      const found = await rows<{ row: string }>(
        executor,
        sql`SELECT (to_jsonb(t) - 'updated_at')::text AS row FROM ${sql.raw(table)} t ORDER BY ${sql.raw(key)}`,
      );
      out[table] = found.map((r) => r.row);
    }
    return out;
  };

  it('the lease row carries what lists show, and no query needs its state', async () => {
    const [lease] = await rows<Record<string, unknown>>(
      db(),
      sql`SELECT tenant_name, tenant_email, property_name, unit_label, next_due_date::text, next_due_cents,
            autopay_enabled, balance_cents, grace_days FROM rm_leases WHERE lease_id = ${leaseId}`,
    );
    // Balance: 3,075 charged - 1,000 paid - 200 credit = 1,875, oldest open item Feb rent.
    expect(lease).toMatchObject({
      tenant_name: 'Xena Tenant',
      tenant_email: 'xena@example.com',
      property_name: 'Oak Row',
      unit_label: 'U1',
      next_due_date: '2027-02-01',
      autopay_enabled: false,
      grace_days: 5,
    });
    expect(Number(lease?.next_due_cents)).toBe(187_500);
    expect(Number(lease?.balance_cents)).toBe(187_500);
    const [found] = await rows<{ n: number }>(
      db(),
      sql`SELECT count(*)::int AS n FROM rm_leases WHERE search @@ to_tsquery('simple', 'xena:* & oak:*')`,
    );
    expect(Number(found?.n)).toBe(1);
  });

  it('the rollup equals a recomputation from the ledger rows', async () => {
    const recomputed = await rows<Record<string, number | string>>(
      db(),
      sql`WITH charges AS (
            SELECT property_id, to_char(due_date, 'YYYY-MM') AS month, sum(amount_cents) AS charged,
              sum(amount_cents) FILTER (WHERE kind = 'rent') AS rent
            FROM rm_ledger_items WHERE kind NOT IN ('credit', 'deposit_credit', 'deposit') GROUP BY 1, 2),
          waived AS (
            SELECT property_id, to_char(waived_on, 'YYYY-MM') AS month, sum(amount_cents) AS waived
            FROM rm_ledger_items WHERE waived_on IS NOT NULL AND kind <> 'deposit' GROUP BY 1, 2),
          credits AS (
            SELECT property_id, to_char(due_date, 'YYYY-MM') AS month, sum(amount_cents) AS credits
            FROM rm_ledger_items WHERE kind = 'credit' GROUP BY 1, 2),
          money AS (
            SELECT property_id,
              to_char(CASE WHEN cause = 'allocation' AND amount_cents > 0 THEN item_due_date ELSE allocated_on END, 'YYYY-MM') AS month,
              sum(amount_cents) FILTER (WHERE cause <> 'reversal') AS collected,
              -sum(amount_cents) FILTER (WHERE cause = 'reversal') AS reversed
            FROM rm_allocations WHERE source_kind <> 'credit' AND item_kind <> 'deposit' GROUP BY 1, 2),
          months AS (SELECT property_id, month FROM charges UNION SELECT property_id, month FROM waived
            UNION SELECT property_id, month FROM credits UNION SELECT property_id, month FROM money)
        SELECT m.month, coalesce(c.charged, 0)::bigint AS charged, coalesce(c.rent, 0)::bigint AS rent,
          coalesce(mo.collected, 0)::bigint AS collected, coalesce(mo.reversed, 0)::bigint AS reversed,
          coalesce(w.waived, 0)::bigint AS waived, coalesce(cr.credits, 0)::bigint AS credits
        FROM months m
        LEFT JOIN charges c USING (property_id, month) LEFT JOIN waived w USING (property_id, month)
        LEFT JOIN credits cr USING (property_id, month) LEFT JOIN money mo USING (property_id, month)
        ORDER BY m.month`,
    );
    const rollup = await rows<Record<string, number | string>>(
      db(),
      sql`SELECT month, charged_cents AS charged, rent_charged_cents AS rent, collected_cents AS collected,
            reversed_cents AS reversed, waived_cents AS waived, credits_cents AS credits
          FROM rm_property_months
          WHERE charged_cents <> 0 OR collected_cents <> 0 OR reversed_cents <> 0 OR waived_cents <> 0 OR credits_cents <> 0
          ORDER BY month`,
    );
    const norm = (list: Record<string, number | string>[]) =>
      list.map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'month' ? v : Number(v)])),
      );
    expect(norm(rollup)).toEqual(norm(recomputed));
    expect(rollup.length).toBe(3);
  });

  it('replaying every event through handle writes exactly what the after-commit statementsFor path wrote', async () => {
    const live = await dump();
    expect(live.rm_allocations?.length).toBeGreaterThan(5);
    const events = await runtime.store.readStream(`lease-${leaseId}`);
    class Rollback extends Error {}
    let replayed: Record<string, string[]> = {};
    await db()
      .transaction(async (tx) => {
        await leasesProjection.reset(tx);
        const io = projectionIo(runtime.store, tx);
        for (const event of events) await leasesProjection.handle(tx, event, io);
        replayed = await dump(tx);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    expect(replayed).toEqual(live);
  });
});
