// A runtime (store + runner with the app's projections) on a fresh test database, plus builders
// for the command envelopes the tests send.
import { randomUUID } from 'node:crypto';
import type { CommandEnvelope } from '@/server/commands/handle';
import { createLease } from '@/server/commands/lease';
import { registerProperty } from '@/server/commands/property';
import { createRuntime, type Runtime } from '@/server/runtime';
import { freshDatabase, type TestDatabase } from './db';

export async function freshRuntime(
  options: Parameters<typeof createRuntime>[1] = {},
): Promise<Runtime & { testDatabase: TestDatabase }> {
  const testDatabase = await freshDatabase(20);
  return { ...createRuntime(testDatabase, options), testDatabase };
}

export const managerId = '00000000-0000-4000-8000-00000000000a';
export const tenantId = '00000000-0000-4000-8000-00000000000b';

export const asManager = (extra: Partial<CommandEnvelope> = {}): CommandEnvelope => ({
  actor: { userId: managerId, role: 'manager', name: 'Morgan Manager' },
  correlationId: randomUUID(),
  source: 'api',
  ...extra,
});

export const asTenant = (extra: Partial<CommandEnvelope> = {}): CommandEnvelope => ({
  actor: { userId: tenantId, role: 'tenant', name: 'Terry Tenant' },
  correlationId: randomUUID(),
  source: 'web',
  ...extra,
});

/** A property with two units (rent 1,500.00 and 2,000.00). */
export async function aProperty(runtime: Runtime) {
  const { propertyId, state } = await registerProperty(
    runtime,
    {
      name: 'Maple Court',
      address: { line1: '12 Maple St', city: 'Portland', state: 'OR', postalCode: '97201' },
      managerId,
      units: [
        { label: '1A', marketRentCents: 150_000 },
        { label: '1B', marketRentCents: 200_000 },
      ],
    },
    asManager(),
  );
  if (state?.status !== 'registered') throw new Error('property not registered');
  const [unitA, unitB] = state.units;
  if (!unitA || !unitB) throw new Error('units missing');
  return { propertyId, unitA: unitA.unitId, unitB: unitB.unitId };
}

/**
 * A lease on a unit for 2027: rent 1,500.00 due the 1st, 5 grace days, late fee 50.00, no deposit
 * (any term can be overridden).
 */
export async function aLease(
  runtime: Runtime,
  unit: { propertyId: string; unitId: string },
  envelope: CommandEnvelope = asManager(),
  terms: Partial<Parameters<typeof createLease>[1]> = {},
): Promise<string> {
  const { leaseId } = await createLease(
    runtime,
    {
      tenantId,
      ...unit,
      startDate: '2027-01-01',
      endDate: '2027-12-31',
      monthlyRentCents: 150_000,
      dueDay: 1,
      graceDays: 5,
      lateFeeCents: 5_000,
      securityDepositCents: 0,
      ...terms,
    },
    envelope,
  );
  return leaseId;
}
