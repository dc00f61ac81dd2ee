// Re-running billing for a date the daily job already billed (issue 11, bug 5): command ids are
// per lease, kind and period, so the re-run posts only what is missing and fails nothing, whoever
// runs it and for whichever date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BillingReport, runBilling } from '@/server/commands/billing';
import type { Actor, CommandEnvelope } from '@/server/commands/handle';
import { uuidFromSeed } from '@/server/commands/ids';
import { changeLease, createLease, paymentIdFor } from '@/server/commands/lease';
import { registerProperty } from '@/server/commands/property';
import { leaseStreamId } from '@/server/domain/lease';
import { createRuntime, type Runtime } from '@/server/runtime';
import { freshDatabase, type TestDatabase } from '../support/db';

const manager: Actor = { userId: uuidFromSeed('rerun-test:manager'), role: 'manager', name: 'Manager' };
const tenant: Actor = { userId: uuidFromSeed('rerun-test:tenant'), role: 'tenant', name: 'Tenant' };
const admin: Actor = { userId: uuidFromSeed('rerun-test:admin'), role: 'admin', name: 'Admin' };
const at = (day: string) => new Date(`${day}T12:00:00Z`);
let counter = 0;
const envelope = (actor: Actor, day: string): CommandEnvelope => {
  counter += 1;
  return {
    actor,
    correlationId: `rerun-test-${counter}`,
    source: 'api',
    commandId: `rerun-test:${counter}`,
    now: at(day),
  };
};

let database: TestDatabase;
let runtime: Runtime;
let leaseIds: string[];

beforeAll(async () => {
  database = await freshDatabase();
  runtime = createRuntime(database);
  const property = await registerProperty(
    runtime,
    {
      name: 'Rerun Test Building',
      address: { line1: '2 Test Street', city: 'Testville', state: 'CA', postalCode: '90001' },
      managerId: manager.userId as string,
      units: [
        { label: '1', marketRentCents: 150_000 },
        { label: '2', marketRentCents: 120_000 },
      ],
    },
    envelope(manager, '2025-12-01'),
  );
  const units = property.state?.status === 'none' ? [] : (property.state?.units ?? []);
  leaseIds = [];
  for (const [n, unit] of units.entries()) {
    const created = await createLease(
      runtime,
      {
        tenantId: tenant.userId as string,
        propertyId: property.propertyId,
        unitId: unit.unitId,
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        monthlyRentCents: n === 0 ? 150_000 : 120_000,
        dueDay: 1,
        graceDays: 5,
        lateFeeCents: 5_000,
        securityDepositCents: 0,
      },
      envelope(manager, '2025-12-10'),
    );
    leaseIds.push(created.leaseId);
  }
});
afterAll(() => database?.close());

async function bill(asOf: string, actor?: Actor): Promise<BillingReport> {
  const outcome = await runBilling(runtime, { asOf, now: at(asOf), ...(actor ? { actor } : {}) });
  if (outcome.status !== 'done') throw new Error(`billing as of ${asOf} was busy`);
  return outcome.report;
}

const eventTypes = async (leaseId: string) =>
  (await runtime.store.readStream(leaseStreamId(leaseId))).map((event) => event.eventType);

describe('re-running billing for a date already billed', () => {
  it('posts only what became due since, and fails nothing, whoever runs it', async () => {
    const [first, second] = leaseIds as [string, string];
    expect(await bill('2026-01-01')).toMatchObject({ leasesChanged: 2, failures: [] });
    // The tenant of the first lease pays January on time; the daily job bills February.
    const pay = envelope(tenant, '2026-01-03');
    await changeLease(
      runtime,
      first,
      {
        type: 'ReceivePayment',
        paymentId: paymentIdFor(pay),
        amountCents: 150_000,
        method: 'ach',
        actorRole: 'tenant',
      },
      pay,
    );
    expect(await bill('2026-02-01')).toMatchObject({
      leasesChanged: 2,
      // The second lease's January was never paid: its fee fell due 01-07.
      eventsByType: { RentCharged: 2, LateFeeAssessed: 1 },
      failures: [],
    });
    // The same day, January's payment bounces: its late fee is now due as of 02-01.
    await changeLease(
      runtime,
      first,
      { type: 'ReversePayment', paymentId: paymentIdFor(pay), reason: 'NSF' },
      envelope(manager, '2026-02-01'),
    );

    // An admin re-runs 02-01: only the missing fee is posted, nothing fails.
    expect(await bill('2026-02-01', admin)).toEqual({
      asOf: '2026-02-01',
      leases: 2,
      leasesChanged: 1,
      eventsByType: { LateFeeAssessed: 1 },
      failures: [],
    });
    // The daily job's own re-run, and runs as of earlier dates, find nothing left to do.
    for (const [asOf, actor] of [
      ['2026-02-01', undefined],
      ['2026-02-01', admin],
      ['2026-01-15', admin],
      ['2026-01-01', undefined],
    ] as const) {
      expect(await bill(asOf, actor), `${asOf} ${actor?.role ?? 'system'}`).toMatchObject({
        leasesChanged: 0,
        eventsByType: {},
        failures: [],
      });
    }
    const fees = async (leaseId: string) =>
      (await eventTypes(leaseId)).filter((type) => type === 'LateFeeAssessed').length;
    expect(await fees(first)).toBe(1);
    expect(await fees(second)).toBe(1);
    expect(await runtime.store.verifyStream(leaseStreamId(first))).toMatchObject({ valid: true });
  });
});
