// The bench's only contact with the command layer: set up a property with leases through the real
// command path, and pay rent through the same use case the API calls.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../server/auth/policy';
import type { CommandEnvelope } from '../server/commands/handle';
import { changeLease, createLease } from '../server/commands/lease';
import { payRent as payRentUseCase } from '../server/commands/payments';
import { registerProperty } from '../server/commands/property';
import type { Runtime } from '../server/runtime';

const manager: Actor = {
  userId: '00000000-0000-4000-8000-00000000b001',
  role: 'manager',
  name: 'Bench Manager',
};
const tenantId = '00000000-0000-4000-8000-00000000b002';

const envelopeOf = (commandId?: string): CommandEnvelope => ({
  actor: manager,
  correlationId: randomUUID(),
  source: 'api',
  ...(commandId ? { commandId } : {}),
});

/** One manager payment of `amountCents` by check, under a unique API-like idempotency key. */
export async function payRent(runtime: Runtime, leaseId: string, amountCents: number): Promise<void> {
  const envelope = envelopeOf(
    `http:${manager.userId}:POST /api/v1/leases/${leaseId}/payments:${randomUUID()}`,
  );
  await payRentUseCase(runtime, manager, { leaseId, amountCents, method: 'check' }, envelope);
}

/** A property with `count` units, one active lease on each (this month's rent posted). */
export async function aPropertyWithLeases(runtime: Runtime, count: number): Promise<string[]> {
  const { propertyId, state } = await registerProperty(
    runtime,
    {
      name: `Bench Court ${randomUUID().slice(0, 8)}`,
      address: { line1: '1 Bench St', city: 'Portland', state: 'OR', postalCode: '97201' },
      managerId: manager.userId,
      units: Array.from({ length: count }, (_, i) => ({ label: `U${i + 1}`, marketRentCents: 150_000 })),
    },
    envelopeOf(),
  );
  if (state?.status !== 'registered') throw new Error('bench: property not registered');
  const today = new Date().toISOString().slice(0, 10);
  const start = `${today.slice(0, 7)}-01`;
  const end = `${Number(today.slice(0, 4)) + 2}-12-31`;
  const leaseIds: string[] = [];
  for (const unit of state.units) {
    const { leaseId } = await createLease(
      runtime,
      {
        tenantId,
        propertyId,
        unitId: unit.unitId,
        startDate: start,
        endDate: end,
        monthlyRentCents: 150_000,
        dueDay: 1,
        graceDays: 5,
        lateFeeCents: 5_000,
        securityDepositCents: 150_000,
      },
      envelopeOf(),
    );
    await changeLease(runtime, leaseId, { type: 'PostDueItems', asOf: start }, envelopeOf());
    leaseIds.push(leaseId);
  }
  return leaseIds;
}
