// The read side's queries over a small fixed portfolio (tests/support/read-models-dataset.ts):
// analytics against hand-computed figures, property search, the tenant dashboard, the lease
// list and ledger, and scope (a reader sees only what is theirs).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEmbedded, rows } from '@/server/db/client';
import { getLease, getLeaseLedger, listLeases } from '@/server/queries/leases';
import {
  agingFromLeaseRows,
  agingFromLedgerRows,
  getManagerAnalytics,
} from '@/server/queries/manager-analytics';
import { getProperty, searchProperties } from '@/server/queries/properties';
import type { Reader } from '@/server/queries/scope';
import { getTenantDashboard } from '@/server/queries/tenant-dashboard';
import { buildDataset, type Dataset, ids, TODAY } from '../support/read-models-dataset';
import { freshRuntime } from '../support/runtime';

let runtime: Awaited<ReturnType<typeof freshRuntime>>;
let data: Dataset;
const db = () => runtime.database.db;

const managerA: Reader = { userId: ids.managerA, role: 'manager' };
const managerB: Reader = { userId: ids.managerB, role: 'manager' };
const tess: Reader = { userId: ids.tess, role: 'tenant' };
const uma: Reader = { userId: ids.uma, role: 'tenant' };
const auditor: Reader = { userId: ids.auditor, role: 'auditor' };
const today = { today: TODAY };

beforeAll(async () => {
  runtime = await freshRuntime();
  data = await buildDataset(runtime);
  await runtime.runner.settle();
});
afterAll(() => runtime.database.close());

describe('manager analytics (manager A, 2027-01-01..2027-06-30, today 2027-06-15)', () => {
  const analytics = () =>
    getManagerAnalytics(db(), managerA, { from: '2027-01-01', to: '2027-06-30', ...today });

  it('counts properties and units, and physical occupancy as of today', async () => {
    const a = await analytics();
    expect(a.asOf).toBe(TODAY);
    expect(a.totals).toEqual({ properties: 2, units: 3 });
    // 1A (L1) and 2A (L2) are let on 06-15; 1B's lease (L4) ended in 2026.
    expect(a.occupancy).toMatchObject({ leasedUnits: 2, units: 3, physical: 0.6667 });
  });

  it('charged vs collected per month, per property, collection rate and economic occupancy', async () => {
    const a = await analytics();
    // Charges by due date: L1 rent 1,500 each month; L1 fees Feb (02-07, after the reversal),
    // Mar (03-07), Apr (04-07), Jun (06-07); L2 822.58 (03-15), 1,500 Apr-Jun, fees May, Jun.
    // Collected per month = allocated to that month's charges (rent first, oldest first), less
    // what reversals recorded in the month took back:
    //   L1: Jan 01-03 1,500 -> Jan rent. Feb 02-02 1,500 -> Feb rent (stays in February: the
    //   reversal on 06-10 is booked in June). Mar 03-03 1,000 -> Mar rent. Apr 04-02 1,500 -> Mar
    //   rent 500 + Apr rent 1,000. May 05-05 2,150 -> Apr rent 500, May rent 1,500, Mar fee 50,
    //   Apr fee 50, 50 credit -> Jun rent 50 on 06-01. Reversal 06-10: -1,500 in June.
    //   L2: 03-15 822.58 -> Mar; 04-01 1,500 -> Apr; 06-03 1,000 -> May rent.
    // Jan 1,500; Feb 1,500; Mar 1,000+500+50+822.58 = 2,372.58; Apr 1,000+500+50+1,500 = 3,050;
    // May 1,500+1,000 = 2,500; Jun 50 - 1,500 = -1,450.
    expect(
      a.months.map(({ month, chargedCents, collectedCents, reversedCents }) => ({
        month,
        chargedCents,
        collectedCents,
        reversedCents,
      })),
    ).toEqual([
      { month: '2027-01', chargedCents: 150_000, collectedCents: 150_000, reversedCents: 0 },
      { month: '2027-02', chargedCents: 155_000, collectedCents: 150_000, reversedCents: 0 },
      { month: '2027-03', chargedCents: 150_000 + 5_000 + 82_258, collectedCents: 237_258, reversedCents: 0 },
      {
        month: '2027-04',
        chargedCents: 150_000 + 5_000 + 150_000,
        collectedCents: 305_000,
        reversedCents: 0,
      },
      {
        month: '2027-05',
        chargedCents: 150_000 + 150_000 + 5_000,
        collectedCents: 250_000,
        reversedCents: 0,
      },
      {
        month: '2027-06',
        chargedCents: 150_000 + 5_000 + 150_000 + 5_000,
        collectedCents: 5_000 - 150_000,
        reversedCents: 150_000,
      },
    ]);
    // Collection rate: of everything due in the range, what payments have paid of it so far:
    // L1 paid 1,500 (Jan) + 0 (Feb, reversed) + 1,500 (Mar) + 50 + 1,500 (Apr) + 50 + 1,500 (May)
    // + 50 (Jun) = 6,150; L2 822.58 + 1,500 + 1,000 = 3,322.58. Not capped.
    const charged = 6 * 150_000 + 4 * 5_000 + 82_258 + 3 * 150_000 + 2 * 5_000;
    const collected = 615_000 + 332_258;
    expect(charged).toBe(1_462_258);
    expect(collected).toBe(947_258);
    // 947,258 / 1,462,258 = 0.647805...
    expect(a.collection).toEqual({ chargedCents: charged, collectedCents: collected, rate: 0.6478 });
    // GPR: (1,500 + 2,000 + 1,000) x 6 whole months.
    expect(a.occupancy.grossPotentialRentCents).toBe(2_700_000);
    // Economic: rent charged for periods in the range, no credits or waivers: L1 6 x 1,500 +
    // L2 822.58 + 3 x 1,500 = 14,322.58; / 27,000 = 0.530466...
    expect(a.occupancy.economicRentCents).toBe(1_432_258);
    expect(a.occupancy.economic).toBe(0.5305);
    const byName = Object.fromEntries(a.properties.map((p) => [p.name, p]));
    expect(byName['Maple Court']).toMatchObject({
      units: 2,
      leasedUnits: 1,
      chargedCents: 920_000,
      collectedCents: 615_000,
      openMaintenance: 1,
      averageRating: 4,
      ratings: 1,
    });
    expect(byName['Birch House']).toMatchObject({
      units: 1,
      leasedUnits: 1,
      chargedCents: 542_258,
      collectedCents: 332_258,
      openMaintenance: 0,
      averageRating: 2,
      ratings: 1,
    });
  });

  it('prorates gross potential rent by days for a partial range', async () => {
    const a = await getManagerAnalytics(db(), managerA, { from: '2027-03-15', to: '2027-04-30', ...today });
    // 4,500.00 x 17/31 = 2,467.74 (half-up), + 4,500.00 for April.
    expect(a.occupancy.grossPotentialRentCents).toBe(246_774 + 450_000);
  });

  it('ages open items oldest first, by days past due on 06-15', async () => {
    const a = await analytics();
    // L1: Feb rent 1,500 (134 days) and fee 50 (128) reopened by the reversal -> 91+;
    //     June rent 1,450 after 50 of May's credit (14 days, grace ended 06-06) and fee 50 (8) -> 1-30.
    // L2: May rent 500 left after June's 1,000 (45 days) and fee 50 (39) -> 31-60;
    //     June rent 1,500 (14) and fee 50 (8) -> 1-30. Nothing open is not yet past due.
    expect(a.delinquency).toMatchObject({
      currentCents: 0,
      days1to30: 145_000 + 5_000 + 150_000 + 5_000,
      days31to60: 50_000 + 5_000,
      days61to90: 0,
      days91plus: 150_000 + 5_000,
      totalCents: 515_000,
    });
    expect(a.delinquency.leases).toEqual([
      expect.objectContaining({
        leaseId: data.leases.l1,
        tenantName: 'Tess Tenant',
        unitLabel: '1A',
        oldestDueDate: '2027-02-01',
        days1to30: 150_000,
        days91plus: 155_000,
        totalCents: 305_000,
      }),
      expect.objectContaining({
        leaseId: data.leases.l2,
        oldestDueDate: '2027-05-01',
        days1to30: 155_000,
        days31to60: 55_000,
        totalCents: 210_000,
      }),
    ]);
  });

  it("ages today from the owing leases' rows exactly as from the ledger rows", async () => {
    for (const manager of [ids.managerA, ids.managerB]) {
      const fast = await agingFromLeaseRows(db(), manager, TODAY);
      if (fast === 'dated after asOf') throw new Error('expected rows');
      // Either order: the answer sorts its list.
      const byLease = (a: { lease_id: string }, b: { lease_id: string }) =>
        a.lease_id < b.lease_id ? -1 : 1;
      expect(fast.sort(byLease)).toEqual((await agingFromLedgerRows(db(), manager, TODAY)).sort(byLease));
    }
    // An earlier day has allocations dated after it: the ledger rows answer for it.
    expect(await agingFromLeaseRows(db(), ids.managerA, '2027-04-30')).toBe('dated after asOf');
  });

  it('ages as of an earlier end of range with what stood by then (closed months never change)', async () => {
    // As of 04-30, with the allocations dated by then: the Feb payment still stood (reversed only
    // on 06-10), so Feb rent was paid, and Feb's fee was posted only on 06-15. Rent is paid first:
    // April's 1,500 paid March's last 500 and 1,000 of April. Open: L1 April rent 500 (29 days)
    // + April fee 50 (23) -> 1-30; March fee 50 (54) -> 31-60. L2 had nothing open then.
    const a = await getManagerAnalytics(db(), managerA, { from: '2027-04-01', to: '2027-04-30', ...today });
    expect(a.delinquency).toMatchObject({
      currentCents: 0,
      days1to30: 50_000 + 5_000,
      days31to60: 5_000,
      days61to90: 0,
      days91plus: 0,
      totalCents: 60_000,
    });
    expect(a.delinquency.leases.map((l) => l.leaseId)).toEqual([data.leases.l1]);
  });

  it('takes the collection rate of whole months from the rollup and of partial ones from the rows, the same as the rows', async () => {
    // The rollup's due-month columns are sums of the item and allocation rows: any range, aligned
    // to months or not, gives what summing the rows of its days gives.
    const ranges = [
      ['2027-01-01', '2027-06-30'],
      ['2027-02-10', '2027-05-20'],
      ['2027-03-01', '2027-03-31'],
      ['2027-03-02', '2027-03-30'],
      ['2027-01-15', '2027-02-28'],
      ['2026-12-01', '2027-12-31'],
    ] as const;
    for (const [from, to] of ranges) {
      const a = await getManagerAnalytics(db(), managerA, { from, to, ...today });
      const [sums] = await rows<{ charged: number; collected: number }>(
        db(),
        sql`SELECT
              (SELECT coalesce(sum(i.amount_cents), 0) FROM rm_ledger_items i JOIN rm_properties p USING (property_id)
                WHERE p.manager_id = ${ids.managerA} AND i.due_date BETWEEN ${from}::date AND ${to}::date
                  AND i.kind IN ('rent', 'late_fee', 'fee', 'utility', 'damage', 'nsf_fee', 'recurring', 'other')
                  AND i.waived_on IS NULL)::bigint AS charged,
              (SELECT coalesce(sum(x.amount_cents), 0) FROM rm_allocations x JOIN rm_properties p USING (property_id)
                WHERE p.manager_id = ${ids.managerA} AND x.item_due_date BETWEEN ${from}::date AND ${to}::date
                  AND x.item_kind IN ('rent', 'late_fee', 'fee', 'utility', 'damage', 'nsf_fee', 'recurring', 'other')
                  AND x.source_kind <> 'credit')::bigint AS collected`,
      );
      expect(a.collection, `${from}..${to}`).toMatchObject({
        chargedCents: Number(sums?.charged),
        collectedCents: Number(sums?.collected),
      });
    }
  });

  it('knows which database answers (the aging and expiration statements take their form from it)', async () => {
    const embedded = runtime.database.kind === 'pglite';
    expect(isEmbedded(db())).toBe(embedded);
    expect(await db().transaction(async (tx) => isEmbedded(tx))).toBe(embedded);
  });

  it('lists open maintenance, expirations within 90 days and satisfaction', async () => {
    const a = await analytics();
    expect(a.maintenance).toEqual({ open: 1, byPriority: { high: 1 } });
    // Every field, exactly (PGlite sends them as one JSON value, the server as rows).
    expect(a.expirations).toEqual([
      {
        leaseId: data.leases.l2,
        tenantId: ids.uma,
        tenantName: 'Uma Renter',
        propertyId: data.birch,
        unitLabel: '2A',
        endDate: '2027-08-10',
        daysLeft: 15 + 31 + 10,
      },
    ]);
    // Later: the lease past its end date is gone, the one ending on 2027-12-31 is within 90 days.
    const later = await getManagerAnalytics(db(), managerA, {
      from: '2027-01-01',
      to: '2027-06-30',
      today: '2027-10-15',
    });
    expect(later.expirations.map((e) => e.leaseId)).toEqual([data.leases.l1]);
    expect(a.satisfaction).toEqual({ averageRating: 3, ratings: 2 });
  });

  it("shows manager B only B's portfolio", async () => {
    const b = await getManagerAnalytics(db(), managerB, { from: '2027-01-01', to: '2027-06-30', ...today });
    expect(b.totals).toEqual({ properties: 1, units: 2 });
    expect(b.collection).toEqual({ chargedCents: 6 * 180_000, collectedCents: 6 * 180_000, rate: 1 });
    expect(b.delinquency.totalCents).toBe(0);
    expect(b.satisfaction).toEqual({ averageRating: 5, ratings: 1 });
  });
});

describe('property search', () => {
  const names = async (reader: Reader, search: Parameters<typeof searchProperties>[2]) =>
    (await searchProperties(db(), reader, { ...search, ...today })).properties.map((p) => p.name);

  it('searches name and address words (prefixes) with full-text search', async () => {
    expect(await names(auditor, { q: 'portland' })).toEqual(['Cedar Lofts', 'Maple Court']);
    expect(await names(auditor, { q: 'map' })).toEqual(['Maple Court']);
    expect(await names(auditor, { q: 'Birch Ave' })).toEqual(['Birch House']);
    expect(await names(auditor, { q: '97205' })).toEqual(['Cedar Lofts']);
    expect(await names(auditor, { q: "maple & 'x' | !" })).toEqual([]);
  });

  it('filters by city, vacancy and rent range, within the manager portfolio', async () => {
    expect(await names(managerA, { q: 'portland' })).toEqual(['Maple Court']);
    expect(await names(managerA, { city: 'SEATTLE' })).toEqual(['Birch House']);
    expect(await names(managerA, { vacant: true })).toEqual(['Maple Court']);
    expect(await names(managerA, { vacant: false })).toEqual(['Birch House']);
    expect(await names(managerA, { minRentCents: 190_000, maxRentCents: 250_000 })).toEqual(['Maple Court']);
    expect(await names(managerA, { maxRentCents: 110_000 })).toEqual(['Birch House']);
    // 1A (1,500) is let, so no vacant unit lies between 1,000 and 1,600.
    expect(await names(managerA, { vacant: true, minRentCents: 100_000, maxRentCents: 160_000 })).toEqual([]);
    expect(await names(tess, {})).toEqual([]);
  });

  it('summarises units, vacancies and rents', async () => {
    const {
      properties: [maple],
    } = await searchProperties(db(), managerA, { q: 'maple', ...today });
    expect(maple).toEqual({
      propertyId: data.maple,
      name: 'Maple Court',
      address: { line1: '12 Maple St', city: 'Portland', state: 'OR', postalCode: '97201' },
      city: 'Portland',
      managerId: ids.managerA,
      units: 2,
      vacantUnits: 1,
      minRentCents: 150_000,
      maxRentCents: 200_000,
    });
  });

  it('reads one property with its units and who occupies them; 404 for another manager', async () => {
    const maple = await getProperty(db(), managerA, data.maple, today);
    expect(maple?.units).toEqual([
      {
        unitId: data.units['1A'],
        label: '1A',
        marketRentCents: 150_000,
        occupied: true,
        currentLeaseId: data.leases.l1,
      },
      {
        unitId: data.units['1B'],
        label: '1B',
        marketRentCents: 200_000,
        occupied: false,
        currentLeaseId: null,
      },
    ]);
    expect(await getProperty(db(), managerB, data.maple, today)).toBeNull();
    expect(await getProperty(db(), tess, data.maple, today)).toBeNull();
    expect(await getProperty(db(), auditor, data.maple, today)).not.toBeNull();
  });
});

describe('tenant dashboard', () => {
  it("shows Tess's lease, what is due next, autopay, payments, open requests and current notices", async () => {
    const d = await getTenantDashboard(db(), tess, today);
    expect(d.leases).toEqual([
      expect.objectContaining({
        leaseId: data.leases.l1,
        propertyName: 'Maple Court',
        unitLabel: '1A',
        monthlyRentCents: 150_000,
        balanceCents: 305_000,
        nextPaymentDue: { date: '2027-02-01', amountCents: 305_000 },
        autopay: { enabled: true, method: 'ach', capCents: 200_000, nextDate: '2027-07-01' },
      }),
    ]);
    expect(d.recentPayments.map((p) => [p.date, p.amountCents, p.reversed])).toEqual([
      ['2027-05-05', 215_000, false],
      ['2027-04-02', 150_000, false],
      ['2027-03-03', 100_000, false],
      ['2027-02-02', 150_000, true],
      ['2027-01-03', 150_000, false],
    ]);
    expect(d.recentPayments[3]).toMatchObject({
      paymentId: data.payments.l1Feb,
      reversalReason: 'NSF',
      method: 'ach',
    });
    expect(d.maintenance.map((m) => [m.requestId, m.status])).toEqual([[data.requests.fridge, 'requested']]);
    expect(d.notices.map((n) => n.title)).toEqual(['Water shut-off']);
  });

  it("shows Uma only her active lease (L4 ended) and Birch House's notice", async () => {
    const d = await getTenantDashboard(db(), uma, today);
    expect(d.leases.map((l) => l.leaseId)).toEqual([data.leases.l2]);
    expect(d.leases[0]?.nextPaymentDue).toEqual({ date: '2027-05-01', amountCents: 210_000 });
    expect(d.leases[0]?.autopay.enabled).toBe(false);
    expect(d.maintenance).toEqual([]);
    expect(d.notices.map((n) => n.title)).toEqual(['Welcome']);
  });
});

describe('lease list, one lease and the ledger', () => {
  const leaseIds = async (reader: Reader, filter: Parameters<typeof listLeases>[2] = {}) =>
    (await listLeases(db(), reader, { ...filter, ...today })).leases.map((l) => l.leaseId).sort();
  const sorted = (...values: string[]) => [...values].sort();

  it('scopes the list: tenant own, manager own portfolio, auditor all', async () => {
    expect(await leaseIds(tess)).toEqual([data.leases.l1]);
    expect(await leaseIds(uma)).toEqual(sorted(data.leases.l2, data.leases.l4));
    expect(await leaseIds(managerA)).toEqual(sorted(data.leases.l1, data.leases.l2, data.leases.l4));
    expect(await leaseIds(managerB)).toEqual([data.leases.l3]);
    expect(await leaseIds(auditor)).toEqual(sorted(...Object.values(data.leases)));
  });

  it('filters by status and by words of tenant, property, address and unit', async () => {
    expect(await leaseIds(auditor, { status: 'ended' })).toEqual([data.leases.l4]);
    // L3's termination (effective 07-31) was recorded on 06-15: on notice until then, terminated after.
    expect(await leaseIds(auditor, { status: 'notice' })).toEqual([data.leases.l3]);
    expect(await leaseIds(auditor, { status: 'terminated' })).toEqual([]);
    const later = async (status: 'notice' | 'terminated', day: string) =>
      (await listLeases(db(), auditor, { status, today: day })).leases.map((l) => l.leaseId);
    expect(await later('notice', '2027-07-31')).toEqual([data.leases.l3]);
    expect(await later('terminated', '2027-08-01')).toEqual([data.leases.l3]);
    expect(await leaseIds(auditor, { status: 'future' })).toEqual([]);
    expect(await leaseIds(auditor, { status: 'active' })).toEqual(sorted(data.leases.l1, data.leases.l2));
    expect(await leaseIds(managerA, { q: 'uma birch' })).toEqual([data.leases.l2]);
    expect(await leaseIds(managerA, { q: 'tess' })).toEqual([data.leases.l1]);
    expect(await leaseIds(managerA, { q: '1b' })).toEqual([data.leases.l4]);
    expect(await leaseIds(managerA, { q: '100%' })).toEqual([]);
  });

  it('reads one lease with the list fields; another tenant or manager gets nothing, like an unknown id', async () => {
    expect(await getLease(db(), tess, data.leases.l1, today)).toEqual({
      leaseId: data.leases.l1,
      tenantId: ids.tess,
      tenantName: 'Tess Tenant',
      propertyId: data.maple,
      propertyName: 'Maple Court',
      address: { line1: '12 Maple St', city: 'Portland', state: 'OR', postalCode: '97201' },
      unitLabel: '1A',
      status: 'active',
      startDate: '2027-01-01',
      endDate: '2027-12-31',
      monthlyRentCents: 150_000,
      balanceCents: 305_000,
      nextDueDate: '2027-02-01',
      version: expect.any(Number),
    });
    expect(await getLease(db(), uma, data.leases.l1, today)).toBeNull();
    expect(await getLease(db(), managerB, data.leases.l1, today)).toBeNull();
    expect(await getLease(db(), tess, crypto.randomUUID(), today)).toBeNull();
  });

  it('gives the ledger with a running balance that ends at the balance, and period statuses', async () => {
    const ledger = await getLeaseLedger(db(), tess, data.leases.l1, today);
    if (!ledger) throw new Error('no ledger');
    expect(ledger.entries).toHaveLength(6 + 4 + 5 + 1);
    expect(ledger.entries.at(-1)?.balanceCents).toBe(305_000);
    expect(ledger.balanceCents).toBe(305_000);
    const reversal = ledger.entries.find((e) => e.type === 'reversal');
    expect(reversal).toMatchObject({ date: '2027-06-10', amountCents: 150_000, ref: data.payments.l1Feb });
    expect(ledger.entries.slice(0, 3).map((e) => [e.date, e.type, e.amountCents, e.balanceCents])).toEqual([
      ['2027-01-01', 'rent', 150_000, 150_000],
      ['2027-01-03', 'payment', -150_000, 0],
      ['2027-02-01', 'rent', 150_000, 150_000],
    ]);
    expect(Object.fromEntries(ledger.periods.map((p) => [p.period, p.status]))).toEqual({
      '2027-01': 'paid',
      '2027-02': 'overdue',
      '2027-03': 'paid',
      '2027-04': 'paid',
      '2027-05': 'paid',
      '2027-06': 'partially_paid',
    });
    expect(await getLeaseLedger(db(), uma, data.leases.l1, today)).toBeNull();
  });
});
