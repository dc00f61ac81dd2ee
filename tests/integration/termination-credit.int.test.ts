// Issue 11, rules that change: a termination inside a month already charged in full credits the
// unused days back (CreditGranted, caused by the termination) through the command path; the
// leases read model, the stream stats and the lease API read it; the lease is `notice` until its
// effective date and `terminated` after it; a renewal's rent starts with the new term.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, CommandEnvelope } from '@/server/commands/handle';
import { uuidFromSeed } from '@/server/commands/ids';
import { changeLease, createLease } from '@/server/commands/lease';
import { registerProperty } from '@/server/commands/property';
import { leaseStreamId } from '@/server/domain/lease';
import { getStreamTypeStats } from '@/server/projections/stream-stats/query';
import { getLease, getLeaseLedger, listLeases } from '@/server/queries/leases';
import { createRuntime, type Runtime } from '@/server/runtime';
import { freshDatabase, type TestDatabase } from '../support/db';

const manager: Actor = { userId: uuidFromSeed('credit-test:manager'), role: 'manager', name: 'Manager' };
const tenant = uuidFromSeed('credit-test:tenant');
const reader = { userId: manager.userId as string, role: 'manager' as const };
let counter = 0;
const envelope = (day: string): CommandEnvelope => {
  counter += 1;
  return {
    actor: manager,
    correlationId: `credit-test-${counter}`,
    source: 'api',
    commandId: `credit-test:${counter}`,
    now: new Date(`${day}T12:00:00Z`),
  };
};

let database: TestDatabase;
let runtime: Runtime;
let leaseId: string;
let renewedId: string;

beforeAll(async () => {
  database = await freshDatabase();
  runtime = createRuntime(database);
  const property = await registerProperty(
    runtime,
    {
      name: 'Credit Test Building',
      address: { line1: '5 Test Street', city: 'Testville', state: 'CA', postalCode: '90001' },
      managerId: manager.userId as string,
      units: [
        { label: '1', marketRentCents: 150_000 },
        { label: '2', marketRentCents: 150_000 },
      ],
    },
    envelope('2027-01-01'),
  );
  const units = property.state?.status === 'none' ? [] : (property.state?.units ?? []);
  const terms = (unitId: string, endDate: string) => ({
    tenantId: tenant,
    propertyId: property.propertyId,
    unitId,
    startDate: '2027-03-01',
    endDate,
    monthlyRentCents: 150_000,
    dueDay: 1,
    graceDays: 5,
    lateFeeCents: 5_000,
    securityDepositCents: 0,
  });
  leaseId = (
    await createLease(runtime, terms(units[0]?.unitId as string, '2027-12-31'), envelope('2027-02-01'))
  ).leaseId;
  renewedId = (
    await createLease(runtime, terms(units[1]?.unitId as string, '2027-08-10'), envelope('2027-02-01'))
  ).leaseId;
});
afterAll(() => database?.close());

describe('termination inside a month already charged', () => {
  it('given May charged and paid, when terminated effective 05-20, credits 11/31 back, caused by it', async () => {
    const billing = { ...envelope('2027-05-01'), actor: { userId: null, role: 'system' as const } };
    await changeLease(runtime, leaseId, { type: 'PostDueItems', asOf: '2027-05-01' }, billing);
    await changeLease(
      runtime,
      leaseId,
      {
        type: 'ReceivePayment',
        paymentId: crypto.randomUUID(),
        amountCents: 450_000,
        paymentDate: '2027-05-01',
        method: 'check',
        actorRole: 'manager',
      },
      envelope('2027-05-01'),
    );
    const result = await changeLease(
      runtime,
      leaseId,
      { type: 'TerminateLease', effectiveDate: '2027-05-20', reason: 'Moving abroad' },
      envelope('2027-05-10'),
    );
    expect(result.events.map((event) => event.eventType)).toEqual(['LeaseTerminated', 'CreditGranted']);
    const stream = await runtime.store.readStream(leaseStreamId(leaseId));
    const termination = stream.find((event) => event.eventType === 'LeaseTerminated');
    const credit = stream.find((event) => event.eventType === 'CreditGranted');
    expect(credit?.data).toMatchObject({ amountCents: 53_226 });
    expect(credit?.metadata.causationId).toBe(termination?.eventId);
  });

  it('the read model holds the credit; the lease reads notice until 05-20 and terminated after', async () => {
    const onNotice = await getLease(database.db, reader, leaseId, { today: '2027-05-20' });
    expect(onNotice).toMatchObject({ status: 'notice', balanceCents: -53_226 });
    const after = await getLease(database.db, reader, leaseId, { today: '2027-05-21' });
    expect(after?.status).toBe('terminated');
    const listed = await listLeases(database.db, reader, { status: 'notice', today: '2027-05-15' });
    expect(listed.leases.map((lease) => lease.leaseId)).toEqual([leaseId]);
    const other = await getLease(database.db, reader, renewedId, { today: '2027-02-15' });
    expect(other?.status).toBe('future');
  });

  it('the ledger lists the credit, so its running balance ends at the lease balance', async () => {
    const ledger = await getLeaseLedger(database.db, reader, leaseId, { today: '2027-05-21' });
    const credit = ledger?.entries.find((entry) => entry.type === 'credit');
    expect(credit).toMatchObject({ date: '2027-05-20', amountCents: -53_226 });
    expect(ledger?.entries.at(-1)?.balanceCents).toBe(ledger?.balanceCents);
  });

  it('the stream stats count the credit like any event', async () => {
    const stats = await getStreamTypeStats(database.db);
    const stream = await runtime.store.readStream(leaseStreamId(leaseId));
    const other = await runtime.store.readStream(leaseStreamId(renewedId));
    expect(stats.find((row) => row.streamType === 'lease')?.events).toBe(stream.length + other.length);
  });

  it('a renewal recorded in May starts its rent with the new term (September), not June', async () => {
    const renewal = await changeLease(
      runtime,
      renewedId,
      { type: 'RenewLease', newEndDate: '2028-08-10', monthlyRentCents: 160_000 },
      envelope('2027-05-10'),
    );
    expect(renewal.events.map((event) => event.eventType)).toEqual(['LeaseRenewed']);
    const stream = await runtime.store.readStream(leaseStreamId(renewedId));
    expect(stream.at(-1)?.data).toMatchObject({ effectivePeriod: '2027-09' });
  });
});
