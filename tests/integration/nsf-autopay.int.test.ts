// A reversed autopay payment (DESIGN.md): the reversal for NSF posts the NSF fee, later billing
// runs do not take autopay again for that period, and the tenant's dashboard and the manager's
// lease ledger both carry the reversal so the pages can say why.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as tenantDashboard } from '@/app/api/v1/dashboard/tenant/route';
import { POST as reverse } from '@/app/api/v1/leases/[leaseId]/payments/[paymentId]/reversal/route';
import { runBilling } from '@/server/commands/billing';
import type { CommandEnvelope } from '@/server/commands/handle';
import { changeLease, createLease } from '@/server/commands/lease';
import { leaseStreamId } from '@/server/domain/lease';
import { addDays } from '@/server/domain/shared/dates';
import { getLeaseLedger } from '@/server/queries/leases';
import { apiWorld, call, closeWorld, countEvents, today, type World } from './api-helpers';

let world: World;
beforeAll(async () => {
  world = await apiWorld();
});
afterAll(() => closeWorld(world));

const nextMonthStart = () => {
  const [year = 0, month = 1] = today.split('-').map(Number);
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  return `${next}-01`;
};
const at = (day: string) => new Date(`${day}T12:00:00.000Z`);

describe('a reversed autopay payment', () => {
  it('posts the NSF fee, is not retried for its period, and both pages are told', async () => {
    const start = nextMonthStart();
    const envelope = (actor: World['manager'], now: Date): CommandEnvelope => ({
      actor: { userId: actor.id, role: actor.role, name: actor.name },
      correlationId: randomUUID(),
      source: 'seed',
      now,
    });
    const { leaseId } = await createLease(
      world.runtime,
      {
        tenantId: world.tenant.id,
        propertyId: world.own.propertyId,
        unitId: world.own.unitB,
        startDate: start,
        endDate: addDays(start, 364),
        monthlyRentCents: 100_000,
        dueDay: 1,
        graceDays: 5,
        lateFeeCents: 2_500,
        securityDepositCents: 0,
        nsfFeeCents: 3_500,
      },
      envelope(world.manager, new Date()),
    );
    await changeLease(
      world.runtime,
      leaseId,
      { type: 'EnrolAutopay', method: 'ach' },
      envelope(world.tenant, new Date()),
    );
    const first = await runBilling(world.runtime, { asOf: start, now: at(start) });
    expect(first.status).toBe('done');
    const reader = { userId: world.manager.id, role: 'manager' as const };
    const paid = await getLeaseLedger(world.runtime.database.db, reader, leaseId, { today: start });
    const autopay = paid?.entries.find((e) => e.type === 'payment');
    expect(autopay?.amountCents).toBe(-100_000);

    const reversed = await call(reverse, '/r', {
      as: world.manager,
      params: { leaseId, paymentId: autopay?.ref as string },
      body: { reason: 'NSF' },
    });
    expect(reversed.status).toBe(201);
    expect(reversed.body.events.map((e: { eventType: string }) => e.eventType)).toEqual([
      'PaymentReversed',
      'ChargePosted',
    ]);

    const later = addDays(start, 10);
    const before = await countEvents(world, leaseStreamId(leaseId), 'PaymentReceived');
    const second = await runBilling(world.runtime, { asOf: later, now: at(later) });
    expect(second.status === 'done' && second.report.failures).toEqual([]);
    expect(await countEvents(world, leaseStreamId(leaseId), 'PaymentReceived')).toBe(before);
    expect(await countEvents(world, leaseStreamId(leaseId), 'LateFeeAssessed')).toBe(1);

    const expected = {
      paymentId: autopay?.ref,
      amountCents: 100_000,
      paymentDate: start,
      period: start.slice(0, 7),
    };
    const ledger = await getLeaseLedger(world.runtime.database.db, reader, leaseId, { today: later });
    expect(ledger?.autopayReversals).toEqual([expected]);
    expect(ledger?.balanceCents).toBe(100_000 + 3_500 + 2_500);
    const dashboard = await call(tenantDashboard, '/d', { as: world.tenant });
    expect(dashboard.status).toBe(200);
    const card = dashboard.body.leases.find((l: { leaseId: string }) => l.leaseId === leaseId);
    expect(card.autopayReversals).toEqual([expected]);
    const otherCard = dashboard.body.leases.find((l: { leaseId: string }) => l.leaseId === world.own.leaseId);
    expect(otherCard.autopayReversals).toEqual([]);
  });
});
