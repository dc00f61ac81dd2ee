// A renewal may not double-lease a unit (issue 11, bug 1): lease A runs 2027 (to 11-30), lease B is
// signed for 2028 on the same unit, renewing A to 2028-06-30 is refused with unit_unavailable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, CommandEnvelope } from '@/server/commands/handle';
import { uuidFromSeed } from '@/server/commands/ids';
import { changeLease, createLease } from '@/server/commands/lease';
import { registerProperty } from '@/server/commands/property';
import { leaseStreamId } from '@/server/domain/lease';
import { createRuntime, type Runtime } from '@/server/runtime';
import { freshDatabase, type TestDatabase } from '../support/db';

const manager: Actor = { userId: uuidFromSeed('renewal-test:manager'), role: 'manager', name: 'Manager' };
const tenant = uuidFromSeed('renewal-test:tenant');
let counter = 0;
const envelope = (day: string, commandId?: string): CommandEnvelope => {
  counter += 1;
  return {
    actor: manager,
    correlationId: `renewal-test-${counter}`,
    source: 'api',
    commandId: commandId ?? `renewal-test:${counter}`,
    now: new Date(`${day}T12:00:00Z`),
  };
};

let database: TestDatabase;
let runtime: Runtime;
let leaseA: string;
let unitId: string;
let propertyId: string;

const terms = (startDate: string, endDate: string) => ({
  tenantId: tenant,
  propertyId,
  unitId,
  startDate,
  endDate,
  monthlyRentCents: 150_000,
  dueDay: 1,
  graceDays: 5,
  lateFeeCents: 5_000,
  securityDepositCents: 0,
});

beforeAll(async () => {
  database = await freshDatabase();
  runtime = createRuntime(database);
  const property = await registerProperty(
    runtime,
    {
      name: 'Renewal Test Building',
      address: { line1: '3 Test Street', city: 'Testville', state: 'CA', postalCode: '90001' },
      managerId: manager.userId as string,
      units: [{ label: '1', marketRentCents: 150_000 }],
    },
    envelope('2026-11-01'),
  );
  propertyId = property.propertyId;
  unitId = (property.state?.status === 'none' ? undefined : property.state?.units[0]?.unitId) as string;
  leaseA = (await createLease(runtime, terms('2027-01-01', '2027-11-30'), envelope('2026-11-02'))).leaseId;
  await createLease(runtime, terms('2028-01-01', '2028-12-31'), envelope('2026-11-03'));
});
afterAll(() => database?.close());

const renew = (newEndDate: string, commandId?: string) =>
  changeLease(
    runtime,
    leaseA,
    { type: 'RenewLease', newEndDate, monthlyRentCents: 160_000 },
    envelope('2027-06-01', commandId),
  );

describe('renewing over another lease of the unit', () => {
  it('is refused with unit_unavailable when the new end date overlaps lease B', async () => {
    await expect(renew('2028-06-30')).rejects.toMatchObject({
      code: 'unit_unavailable',
      field: 'newEndDate',
    });
    await expect(renew('2028-01-01')).rejects.toMatchObject({ code: 'unit_unavailable' });
    const types = (await runtime.store.readStream(leaseStreamId(leaseA))).map((event) => event.eventType);
    expect(types).not.toContain('LeaseRenewed');
  });

  it('is accepted up to the day before lease B starts; a retry of the same key is its first result', async () => {
    const first = await renew('2027-12-31', 'renewal-test:key');
    expect(first).toMatchObject({ duplicate: false, events: [{ eventType: 'LeaseRenewed' }] });
    const retry = await renew('2027-12-31', 'renewal-test:key');
    expect(retry).toMatchObject({ duplicate: true, events: [{ eventType: 'LeaseRenewed' }] });
    // Now A ends the day before B starts: any further extension overlaps B.
    await expect(renew('2028-01-01')).rejects.toMatchObject({ code: 'unit_unavailable' });
  });
});
