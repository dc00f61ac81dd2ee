// Issue 11, bugs 6, 7, 8b and 8f on the read side: the receipt of an imported v1 payment, a lease
// that ended or was terminated owing money, autopay's next date after a period is paid, and the
// rent roll with its vacant units. Manager C's leases below are apart from the shared dataset's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/server/commands/handle';
import { changeLease, createLease } from '@/server/commands/lease';
import { registerProperty } from '@/server/commands/property';
import { getReceipt } from '@/server/queries/receipts';
import { getRentRoll } from '@/server/queries/rent-roll';
import type { Reader } from '@/server/queries/scope';
import { getTenantDashboard } from '@/server/queries/tenant-dashboard';
import { appendV1Payment } from '@/server/seed/import-v1';
import type { SeedLease } from '@/server/seed/portfolio';
import { backdated, SYSTEM } from '../support/envelopes';
import { buildDataset, type Dataset, ids, TODAY } from '../support/read-models-dataset';
import { freshRuntime } from '../support/runtime';

let runtime: Awaited<ReturnType<typeof freshRuntime>>;
let data: Dataset;
const db = () => runtime.database.db;

const managerC = '00000000-0000-4000-8000-0000000000d1';
const wes = '00000000-0000-4000-8000-000000000004';
const wesReader: Reader = { userId: wes, role: 'tenant' };
const at = (date: string) => new Date(`${date}T12:00:00.000Z`);
const as = (actor: Actor) => (date: string) => backdated(actor, date, 'tenant-pages');
const manager = as({ userId: managerC, role: 'manager' });
const system = as(SYSTEM);

let leases: Record<'imported' | 'ended' | 'terminated' | 'autopay', string>;
let v1PaymentId: string;

beforeAll(async () => {
  runtime = await freshRuntime();
  data = await buildDataset(runtime);
  const property = await registerProperty(
    runtime,
    {
      name: 'Elm Yard',
      address: { line1: '5 Elm St', city: 'Boise', state: 'ID', postalCode: '83702' },
      managerId: managerC,
      units: ['E1', 'E2', 'E3', 'E4'].map((label) => ({ label, marketRentCents: 100_000 })),
    },
    manager('2026-12-01'),
  );
  if (property.state?.status !== 'registered') throw new Error('property not registered');
  const units = property.state.units.map((u) => u.unitId);
  const lease = async (unitId: string | undefined, startDate: string, endDate: string) =>
    (
      await createLease(
        runtime,
        {
          tenantId: wes,
          propertyId: property.propertyId,
          unitId: unitId ?? '',
          startDate,
          endDate,
          monthlyRentCents: 100_000,
          dueDay: 1,
          graceDays: 5,
          lateFeeCents: 5_000,
          securityDepositCents: 0,
        },
        manager('2026-12-15'),
      )
    ).leaseId;
  leases = {
    imported: await lease(units[0], '2027-01-01', '2027-12-31'),
    ended: await lease(units[1], '2027-01-01', '2027-03-31'),
    terminated: await lease(units[2], '2027-01-01', '2027-12-31'),
    autopay: await lease(units[3], '2027-01-01', '2027-12-31'),
  };
  const bill = (leaseId: string, asOf: string) =>
    changeLease(runtime, leaseId, { type: 'PostDueItems', asOf }, system(asOf));
  const pay = (leaseId: string, date: string, amountCents: number) =>
    changeLease(
      runtime,
      leaseId,
      {
        type: 'ReceivePayment',
        paymentId: crypto.randomUUID(),
        amountCents,
        paymentDate: date,
        method: 'check',
        actorRole: 'manager',
      },
      manager(date),
    );

  // Imported: January's rent paid in full by a payment the previous system recorded (v1).
  await bill(leases.imported, '2027-01-01');
  await appendV1Payment(
    runtime,
    { leaseId: leases.imported, index: 900 } as SeedLease,
    '2027-01-02',
    at('2027-01-02'),
    'tenant-pages-v1',
  );
  const [v1] = (await runtime.store.readStream(`lease-${leases.imported}`)).filter(
    (event) => event.eventType === 'PaymentReceived',
  );
  if (!v1) throw new Error('no v1 payment appended');
  v1PaymentId = (v1.data as { paymentId: string }).paymentId;

  // Ended on 03-31: January paid, February and March not (fees 02-07 and 03-07): owes 2,100.00.
  await bill(leases.ended, '2027-01-01');
  await pay(leases.ended, '2027-01-01', 100_000);
  await bill(leases.ended, '2027-02-01');
  await bill(leases.ended, '2027-03-01');
  await bill(leases.ended, '2027-03-31');

  // Terminated effective 04-30 after April's rent went unpaid: owes 1,050.00.
  for (const month of ['01', '02', '03']) {
    await bill(leases.terminated, `2027-${month}-01`);
    await pay(leases.terminated, `2027-${month}-01`, 100_000);
  }
  await bill(leases.terminated, '2027-04-01');
  await bill(leases.terminated, '2027-04-10');
  await changeLease(
    runtime,
    leases.terminated,
    { type: 'TerminateLease', effectiveDate: '2027-04-30', reason: 'Moved out' },
    manager('2027-04-15'),
  );

  // Autopay: June paid by hand before autopay is enrolled, so autopay has nothing to take on 06-01.
  for (const month of ['01', '02', '03', '04', '05', '06']) {
    await bill(leases.autopay, `2027-${month}-01`);
    await pay(leases.autopay, `2027-${month}-01`, 100_000);
  }
  await changeLease(
    runtime,
    leases.autopay,
    { type: 'EnrolAutopay', method: 'ach' },
    as({ userId: wes, role: 'tenant' })('2027-05-20'),
  );
  await runtime.runner.settle();
});
afterAll(() => runtime.database.close());

describe('the receipt of an imported v1 payment (bug 6)', () => {
  it('shows what it paid from the ledger, no credit, and the balance after', async () => {
    const receipt = await getReceipt(runtime, wesReader, v1PaymentId);
    expect(receipt).toMatchObject({
      amountCents: 100_000,
      allocations: [{ kind: 'rent', period: '2027-01', amountCents: 100_000 }],
      creditCents: 0,
      balanceAfterCents: 0,
    });
  });
});

describe('a lease that ended or was terminated owing money (bug 7)', () => {
  it('stays on the dashboard with its balance until it is paid', async () => {
    const dashboard = await getTenantDashboard(db(), wesReader, { today: TODAY });
    const byId = Object.fromEntries(dashboard.leases.map((l) => [l.leaseId, l]));
    expect(byId[leases.ended]).toMatchObject({
      balanceCents: 210_000,
      closedOn: '2027-03-31',
      // Bug 8d: what is past due is told apart, with the late fees in it.
      pastDue: { amountCents: 210_000, lateFeesCents: 10_000, since: '2027-02-01' },
    });
    expect(byId[leases.terminated]).toMatchObject({ balanceCents: 105_000, closedOn: '2027-04-30' });
    expect(byId[leases.imported]).toBeDefined();
  });

  it('leaves it off once nothing is owed', async () => {
    await changeLease(
      runtime,
      leases.ended,
      {
        type: 'ReceivePayment',
        paymentId: crypto.randomUUID(),
        amountCents: 210_000,
        paymentDate: TODAY,
        method: 'check',
        actorRole: 'manager',
      },
      manager(TODAY),
    );
    const dashboard = await getTenantDashboard(db(), wesReader, { today: TODAY });
    expect(dashboard.leases.map((l) => l.leaseId)).not.toContain(leases.ended);
  });

  it('still hides an ended lease that owed nothing', async () => {
    const uma = await getTenantDashboard(db(), { userId: ids.uma, role: 'tenant' }, { today: TODAY });
    expect(uma.leases.map((l) => l.leaseId)).toEqual([data.leases.l2]);
  });
});

describe("autopay's next date (bug 8b)", () => {
  it('skips a period that is already paid', async () => {
    const dashboard = await getTenantDashboard(db(), wesReader, { today: '2027-06-01' });
    const lease = dashboard.leases.find((l) => l.leaseId === leases.autopay);
    expect(lease?.autopay).toMatchObject({ enabled: true, nextDate: '2027-07-01' });
  });
});

describe('the rent roll (bug 8f)', () => {
  it('lists every unit of the portfolio, the vacant ones with empty lease fields', async () => {
    const roll = await getRentRoll(db(), { userId: ids.managerA, role: 'manager' }, { today: TODAY });
    expect(
      roll.map((r) => [r.propertyName, r.unitLabel, r.marketRentCents, r.leaseId, r.tenantName]),
    ).toEqual([
      ['Birch House', '2A', 100_000, data.leases.l2, 'Uma Renter'],
      ['Maple Court', '1A', 150_000, data.leases.l1, 'Tess Tenant'],
      ['Maple Court', '1B', 200_000, null, null],
    ]);
    const vacant = roll.find((r) => r.unitLabel === '1B');
    expect(vacant).toMatchObject({
      startDate: null,
      endDate: null,
      monthlyRentCents: null,
      balanceCents: null,
      nextDueDate: null,
    });
  });

  it('is scoped to the manager', async () => {
    const roll = await getRentRoll(db(), { userId: ids.managerB, role: 'manager' }, { today: TODAY });
    expect(roll.map((r) => r.unitLabel)).toEqual(['3A', '3B']);
  });
});
