// The billing run against a real database, on one hand-built lease billed over several dates:
// charges posted once, re-runs append nothing, the late fee on day grace+1 (naming its charge),
// autopay once per period, and two runs at once never double-post.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BillingReport, runBilling } from '@/server/commands/billing';
import type { Actor, CommandEnvelope } from '@/server/commands/handle';
import { uuidFromSeed } from '@/server/commands/ids';
import { changeLease, createLease, paymentIdFor } from '@/server/commands/lease';
import { registerProperty } from '@/server/commands/property';
import { rows } from '@/server/db/client';
import { leaseStreamId } from '@/server/domain/lease';
import type { StoredEvent } from '@/server/eventstore';
import { createRuntime, type Runtime } from '@/server/runtime';
import { freshDatabase, type TestDatabase } from '../support/db';

const manager: Actor = {
  userId: uuidFromSeed('billing-test:manager'),
  role: 'manager',
  name: 'Test Manager',
};
const tenant: Actor = { userId: uuidFromSeed('billing-test:tenant'), role: 'tenant', name: 'Test Tenant' };
const at = (day: string) => new Date(`${day}T12:00:00Z`);
let counter = 0;
const envelope = (actor: Actor, day: string): CommandEnvelope => {
  counter += 1;
  return {
    actor,
    correlationId: `billing-test-${counter}`,
    source: 'api',
    commandId: `billing-test:${counter}`,
    now: at(day),
  };
};

let database: TestDatabase;
let runtime: Runtime;
let leaseId: string;

beforeAll(async () => {
  database = await freshDatabase();
  runtime = createRuntime(database);
  const property = await registerProperty(
    runtime,
    {
      name: 'Billing Test Building',
      address: { line1: '1 Test Street', city: 'Testville', state: 'CA', postalCode: '90001' },
      managerId: manager.userId as string,
      units: [{ label: '1', marketRentCents: 150_000 }],
    },
    envelope(manager, '2025-12-01'),
  );
  const unitId = property.state?.status === 'none' ? undefined : property.state?.units[0]?.unitId;
  const created = await createLease(
    runtime,
    {
      tenantId: tenant.userId as string,
      propertyId: property.propertyId,
      unitId: unitId as string,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      monthlyRentCents: 150_000,
      dueDay: 15,
      graceDays: 5,
      lateFeeCents: 5_000,
      securityDepositCents: 150_000,
    },
    envelope(manager, '2025-12-10'),
  );
  leaseId = created.leaseId;
});
afterAll(() => database?.close());

const events = (): Promise<StoredEvent[]> => runtime.store.readStream(leaseStreamId(leaseId));
const ofType = async (type: string) => (await events()).filter((event) => event.eventType === type);

async function bill(asOf: string, rt: Runtime = runtime): Promise<BillingReport> {
  const outcome = await runBilling(rt, { asOf, now: at(asOf) });
  if (outcome.status !== 'done') throw new Error(`billing as of ${asOf} was busy`);
  return outcome.report;
}

describe('runBilling', () => {
  it('posts the first charge on the start date, once', async () => {
    expect((await bill('2025-12-31')).eventsByType).toEqual({});
    const report = await bill('2026-01-01');
    expect(report).toMatchObject({
      leases: 1,
      leasesChanged: 1,
      eventsByType: { RentCharged: 1 },
      failures: [],
    });
    const before = (await events()).length;
    expect(await bill('2026-01-01')).toMatchObject({ leasesChanged: 0, eventsByType: {} });
    expect(await bill('2026-01-03')).toMatchObject({ leasesChanged: 0, eventsByType: {} });
    expect((await events()).length).toBe(before);
  });

  it('assesses the late fee on day grace+1, not on the last day of grace, naming its charge', async () => {
    // January is due on the start date (01-01); grace 5 ends 01-06.
    expect((await bill('2026-01-06')).eventsByType).toEqual({});
    expect((await bill('2026-01-07')).eventsByType).toEqual({ LateFeeAssessed: 1 });
    const [charge] = await ofType('RentCharged');
    const [fee] = await ofType('LateFeeAssessed');
    expect(fee?.metadata.causationId).toBe(charge?.eventId);
    expect(fee?.data).toMatchObject({
      period: '2026-01',
      amountCents: 5_000,
      chargeId: (charge?.data as { chargeId?: string } | undefined)?.chargeId,
      rule: { rentDueDate: '2026-01-01', graceDays: 5, assessedAsOf: '2026-01-07' },
    });
    expect((await bill('2026-01-20')).eventsByType).toEqual({});
    expect(await ofType('LateFeeAssessed')).toHaveLength(1);
  });

  it('autopay pays once per period, on its due date, after enrolment', async () => {
    const pay = envelope(tenant, '2026-01-10');
    const payment = { paymentId: paymentIdFor(pay), amountCents: 155_000, method: 'card' as const };
    await changeLease(runtime, leaseId, { type: 'ReceivePayment', ...payment, actorRole: 'tenant' }, pay);
    await changeLease(
      runtime,
      leaseId,
      { type: 'EnrolAutopay', method: 'ach' },
      envelope(tenant, '2026-01-10'),
    );

    expect((await bill('2026-02-14')).eventsByType).toEqual({});
    expect((await bill('2026-02-15')).eventsByType).toEqual({
      RentCharged: 1,
      PaymentReceived: 1,
      MonthlyPaymentCompleted: 1,
    });
    for (const day of ['2026-02-16', '2026-02-20', '2026-02-21', '2026-03-14']) {
      expect((await bill(day)).eventsByType, day).toEqual({});
    }
    expect((await bill('2026-03-15')).eventsByType).toMatchObject({ RentCharged: 1, PaymentReceived: 1 });
    const autopaid = (await ofType('PaymentReceived'))
      .map((event) => event.data as { autopayPeriod?: string; amountCents: number; paymentDate: string })
      .filter((data) => data.autopayPeriod !== undefined);
    expect(autopaid).toEqual([
      expect.objectContaining({ autopayPeriod: '2026-02', amountCents: 150_000, paymentDate: '2026-02-15' }),
      expect.objectContaining({ autopayPeriod: '2026-03', amountCents: 150_000, paymentDate: '2026-03-15' }),
    ]);
    expect(await ofType('LateFeeAssessed')).toHaveLength(1);
  });

  it('two runs at once: one is busy or both finish, and nothing is posted twice', async () => {
    // On PostgreSQL the second run comes from another connection pool, like another process.
    const other = database.kind === 'postgres' ? await database.openAnother(4) : undefined;
    const second = other ? createRuntime(other) : runtime;
    try {
      const outcomes = await Promise.all([
        runBilling(runtime, { asOf: '2026-04-15', now: at('2026-04-15') }),
        runBilling(second, { asOf: '2026-04-15', now: at('2026-04-15') }),
      ]);
      expect(outcomes.some((outcome) => outcome.status === 'done')).toBe(true);
      const aprilCharges = (await ofType('RentCharged')).filter(
        (event) => (event.data as { period: string }).period === '2026-04',
      );
      const aprilAutopay = (await ofType('PaymentReceived')).filter(
        (event) => (event.data as { autopayPeriod?: string }).autopayPeriod === '2026-04',
      );
      expect(aprilCharges).toHaveLength(1);
      expect(aprilAutopay).toHaveLength(1);
      const done = outcomes.flatMap((outcome) => (outcome.status === 'done' ? [outcome.report] : []));
      expect(done.reduce((sum, report) => sum + (report.eventsByType.RentCharged ?? 0), 0)).toBe(1);
    } finally {
      await other?.close();
    }
  });

  it('keeps the stream verifiable and the ledger exact', async () => {
    expect(await runtime.store.verifyStream(leaseStreamId(leaseId))).toMatchObject({ valid: true });
    const [row] = await rows<{ balance_cents: number }>(
      database.db,
      sql`SELECT balance_cents FROM rm_leases WHERE lease_id = ${leaseId}`,
    );
    // Jan 1,500 + fee 50 - 1,550 paid; Feb, Mar, Apr charged and autopaid.
    expect(Number(row?.balance_cents)).toBe(0);
  });
});
