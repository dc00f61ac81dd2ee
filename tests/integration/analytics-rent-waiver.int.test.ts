// Economic occupancy's "less waivers of rent" (DESIGN.md, manager analytics). The v2 decider
// refuses to waive rent (a credit lowers it instead), so a rent waiver can only come from history
// written before that rule: an imported `ChargeWaived` of a rent charge. The figures it touches,
// worked out by hand, on the live tables and again after a rebuild.
//
// Manager W: Elm Court with one unit, E1 (market 1,000.00). Lease on E1, 2027-01-01..2027-12-31,
// rent 1,000.00 due the 1st, grace 5 days, no late fee. "Today" is 2027-03-20; the range is
// 2027-01-01..2027-03-31.
//   01-01, 02-01, 03-01 rent 1,000 posted.   01-02 pays 1,000 (Jan rent).
//   03-02 the February rent is waived (imported, recorded that day): nothing was paid of it.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '@/server/auth/users';
import { changeLease, createLease } from '@/server/commands/lease';
import { registerProperty } from '@/server/commands/property';
import { rows } from '@/server/db/client';
import { getManagerAnalytics } from '@/server/queries/manager-analytics';
import type { Reader } from '@/server/queries/scope';
import { backdatedAs } from '../support/envelopes';
import { freshRuntime } from '../support/runtime';

let runtime: Awaited<ReturnType<typeof freshRuntime>>;
const db = () => runtime.database.db;
const managerId = '00000000-0000-4000-8000-0000000000d1';
const tenantId = '00000000-0000-4000-8000-0000000000d2';
const manager: Reader = { userId: managerId, role: 'manager' };
const TODAY = '2027-03-20';
let leaseId = '';
let febRentId = '';
let refusal: unknown;
let afterRefusal: unknown;

const as = backdatedAs({ managerId, tenantId }, 'waiver');

const analytics = () =>
  getManagerAnalytics(db(), manager, { from: '2027-01-01', to: '2027-03-31', today: TODAY });

beforeAll(async () => {
  runtime = await freshRuntime();
  await insertUser(db(), { id: managerId, email: 'mw@example.com', name: 'Wren W', role: 'manager' });
  await insertUser(db(), { id: tenantId, email: 'yuri@example.com', name: 'Yuri Tenant', role: 'tenant' });
  const property = await registerProperty(
    runtime,
    {
      name: 'Elm Court',
      address: { line1: '9 Elm Court', city: 'Boise', state: 'ID', postalCode: '83702' },
      managerId,
      units: [{ label: 'E1', marketRentCents: 100_000 }],
    },
    as('manager', '2026-12-01'),
  );
  if (property.state?.status !== 'registered') throw new Error('property not registered');
  leaseId = (
    await createLease(
      runtime,
      {
        tenantId,
        propertyId: property.propertyId,
        unitId: property.state.units[0]?.unitId ?? '',
        startDate: '2027-01-01',
        endDate: '2027-12-31',
        monthlyRentCents: 100_000,
        dueDay: 1,
        graceDays: 5,
        lateFeeCents: 0,
        securityDepositCents: 0,
      },
      as('manager', '2026-12-15'),
    )
  ).leaseId;
  const bill = (asOf: string) =>
    changeLease(runtime, leaseId, { type: 'PostDueItems', asOf }, as('system', asOf));
  await bill('2027-01-01');
  await changeLease(
    runtime,
    leaseId,
    {
      type: 'ReceivePayment',
      paymentId: randomUUID(),
      amountCents: 100_000,
      paymentDate: '2027-01-02',
      method: 'check',
      actorRole: 'manager',
      purpose: 'rent',
    },
    as('manager', '2027-01-02'),
  );
  await bill('2027-02-01');
  await bill('2027-03-01');
  await runtime.runner.settle();
  const [feb] = await rows<{ item_id: string }>(
    db(),
    sql`SELECT item_id FROM rm_ledger_items WHERE lease_id = ${leaseId} AND kind = 'rent' AND period = '2027-02'`,
  );
  febRentId = feb?.item_id ?? '';
  // Today's rule: rent is not waived.
  refusal = await changeLease(
    runtime,
    leaseId,
    { type: 'WaiveCharge', chargeId: febRentId, reason: 'Storm damage' },
    as('manager', '2027-03-02'),
  ).catch((error: unknown) => error);
  await runtime.runner.settle();
  afterRefusal = await febRent();
  // History from before it, brought in as it was written.
  await runtime.store.append(
    `lease-${leaseId}`,
    [
      {
        type: 'ChargeWaived',
        data: {
          chargeId: febRentId,
          reason: 'Storm damage',
          waivedOn: '2027-03-02',
          amountCents: 100_000,
          paidCents: 0,
        },
      },
    ],
    {
      expectedVersion: 'any',
      metadata: {
        actor: { userId: managerId, role: 'manager' },
        correlationId: 'waiver-import',
        causationId: null,
        source: 'import',
      },
      recordedAt: '2027-03-02T12:00:00.000Z',
    },
  );
  await runtime.runner.settle();
});
afterAll(() => runtime.database.close());

const febRent = async () => {
  const [item] = await rows<{ waived_on: string | null; open_cents: number }>(
    db(),
    sql`SELECT waived_on::text AS waived_on, open_cents::int AS open_cents FROM rm_ledger_items WHERE item_id = ${febRentId}`,
  );
  return item;
};

/** Every figure the waiver touches, by hand. */
async function expectHandFigures(): Promise<void> {
  const a = await analytics();
  // GPR: 1,000 x 3 whole months = 3,000.00. Rent charged for Jan-Mar 3,000 less the 1,000 of rent
  // waived in March = 2,000; 2,000 / 3,000 = 0.6667.
  expect(a.occupancy).toMatchObject({
    units: 1,
    leasedUnits: 1,
    grossPotentialRentCents: 300_000,
    economicRentCents: 200_000,
    economic: 0.6667,
  });
  // Due in the range and not waived: Jan and Mar rent, 2,000; paid: Jan 1,000.
  expect(a.collection).toEqual({ chargedCents: 200_000, collectedCents: 100_000, rate: 0.5 });
  // February keeps the rent it charged (a closed month never changes); the waiver is March's.
  expect(a.months.map((m) => [m.month, m.rentChargedCents, m.collectedCents, m.waivedCents])).toEqual([
    ['2027-01', 100_000, 100_000, 0],
    ['2027-02', 100_000, 0, 0],
    ['2027-03', 100_000, 0, 100_000],
  ]);
  // Only March's rent is open (due 03-01, 19 days before today): February's is not arrears.
  expect(a.delinquency.leases).toEqual([
    expect.objectContaining({ leaseId, oldestDueDate: '2027-03-01', totalCents: 100_000 }),
  ]);
}

describe('a rent waiver from before the v2 rule', () => {
  it('is refused as a command today, and changes nothing', async () => {
    expect(refusal).toMatchObject({ code: 'charge_not_waivable' });
    expect(afterRefusal).toEqual({ waived_on: null, open_cents: 100_000 });
    // The imported event is what waived it.
    expect(await febRent()).toEqual({ waived_on: '2027-03-02', open_cents: 0 });
  });

  it('imported, lowers economic occupancy in the month it was waived (hand-computed)', async () => {
    await expectHandFigures();
  });

  it('gives the same figures after a rebuild of the read models', async () => {
    await runtime.runner.rebuildMany();
    await expectHandFigures();
  });
});
