// Security deposits over the API: POST /leases/:id/payments with purpose deposit (held apart from
// the balance, refused above the deposit still due), reversing one, and
// POST /leases/:id/deposit-settlement once the lease is over (deductions, then the balance, the
// rest refunded), with the deposit figures in GET /state, GET /ledger and the manager's analytics.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as analytics } from '@/app/api/v1/analytics/manager/route';
import { GET as dashboard } from '@/app/api/v1/dashboard/tenant/route';
import { POST as settle } from '@/app/api/v1/leases/[leaseId]/deposit-settlement/route';
import { GET as ledger } from '@/app/api/v1/leases/[leaseId]/ledger/route';
import { POST as reverse } from '@/app/api/v1/leases/[leaseId]/payments/[paymentId]/reversal/route';
import { POST as pay } from '@/app/api/v1/leases/[leaseId]/payments/route';
import { GET as leaseState } from '@/app/api/v1/leases/[leaseId]/state/route';
import type { CommandEnvelope } from '@/server/commands/handle';
import { changeLease, createLease } from '@/server/commands/lease';
import { addDays } from '@/server/domain/shared/dates';
import { auditTimelinePage } from '@/server/queries/audit-timeline';
import { apiWorld, call, closeWorld, countEvents, type TestUser, today, type World } from './api-helpers';

let world: World;
/** A lease of world.tenant on the second unit that ended 20 days ago: 1,000.00 deposit held, rent owed. */
let ended: string;
let endedDepositPayment: string;
let owedBeforeSettlement: number;

const envelope = (user: TestUser, now?: Date): CommandEnvelope => ({
  actor: { userId: user.id, role: user.role, name: user.name },
  correlationId: randomUUID(),
  source: 'api',
  ...(now ? { now } : {}),
});

beforeAll(async () => {
  world = await apiWorld();
  const start = addDays(today, -120);
  const { leaseId } = await createLease(
    world.runtime,
    {
      tenantId: world.tenant.id,
      propertyId: world.own.propertyId,
      unitId: world.own.unitB,
      startDate: start,
      endDate: addDays(today, -20),
      monthlyRentCents: 100_000,
      dueDay: 1,
      graceDays: 5,
      lateFeeCents: 0,
      securityDepositCents: 100_000,
    },
    envelope(world.manager),
  );
  ended = leaseId;
  // While the lease was live: the deposit by check on its first day.
  endedDepositPayment = randomUUID();
  await changeLease(
    world.runtime,
    ended,
    {
      type: 'ReceivePayment',
      paymentId: endedDepositPayment,
      amountCents: 100_000,
      method: 'check',
      actorRole: 'manager',
      purpose: 'deposit',
    },
    envelope(world.manager, new Date(`${start}T12:00:00Z`)),
  );
  await changeLease(world.runtime, ended, { type: 'PostDueItems', asOf: today }, envelope(world.admin));
  const state = await call(leaseState, '/s', { as: world.manager, params: { leaseId: ended } });
  owedBeforeSettlement = state.body.state.balanceCents;
});
afterAll(() => closeWorld(world));

const own = () => ({ leaseId: world.own.leaseId });
const settlement = {
  deductions: [
    { description: 'Carpet cleaning', amountCents: 25_000 },
    { description: 'Broken blind', amountCents: 5_000 },
  ],
  refundMethod: 'check',
};

describe('POST /leases/:leaseId/payments with purpose deposit', () => {
  it('holds the payment apart: the deposit held grows, the balance does not move', async () => {
    const before = await call(ledger, '/l', { as: world.tenant, params: own() });
    const res = await call(pay, '/p', {
      as: world.tenant,
      key: 'deposit-1',
      params: own(),
      body: { amountCents: 100_000, method: 'card', purpose: 'deposit' },
    });
    expect(res.status).toBe(201);
    expect(res.body.events.map((e: { eventType: string }) => e.eventType)).toEqual(['PaymentReceived']);
    const after = await call(ledger, '/l', { as: world.tenant, params: own() });
    expect(after.body).toMatchObject({
      balanceCents: before.body.balanceCents,
      depositRequiredCents: 150_000,
      depositHeldCents: 100_000,
    });
    expect(after.body.items).toEqual(before.body.items);
    const state = await call(leaseState, '/s', { as: world.tenant, params: own() });
    expect(state.body.state).toMatchObject({ depositRequiredCents: 150_000, depositHeldCents: 100_000 });
    expect(state.body.state.depositSettlement).toBeUndefined();
  });

  it('is refused above the deposit still due (422 deposit_exceeded) and appends nothing', async () => {
    const streamId = `lease-${world.own.leaseId}`;
    const events = await countEvents(world, streamId);
    const res = await call(pay, '/p', {
      as: world.tenant,
      key: 'deposit-too-much',
      params: own(),
      body: { amountCents: 50_001, method: 'card', purpose: 'deposit' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'deposit_exceeded', field: 'amountCents' });
    expect(res.body.error.message).toContain('$500.00');
    expect(await countEvents(world, streamId)).toBe(events);
  });

  it('takes the rest of the deposit; a tenant pays by card or ACH only', async () => {
    const check = await call(pay, '/p', {
      as: world.tenant,
      key: 'deposit-check',
      params: own(),
      body: { amountCents: 50_000, method: 'check', purpose: 'deposit' },
    });
    expect(check.status).toBe(422);
    expect(check.body.error.code).toBe('method_not_allowed');
    const rest = await call(pay, '/p', {
      as: world.manager,
      key: 'deposit-rest',
      params: own(),
      body: { amountCents: 50_000, method: 'money_order', purpose: 'deposit', paymentDate: today },
    });
    expect(rest.status).toBe(201);
    const after = await call(ledger, '/l', { as: world.manager, params: own() });
    expect(after.body.depositHeldCents).toBe(150_000);
  });

  it('refuses an unknown purpose and unknown fields (400)', async () => {
    for (const body of [
      { amountCents: 100, method: 'card', purpose: 'bond' },
      { amountCents: 100, method: 'card', purpose: 'deposit', depositFor: 'x' },
    ]) {
      const res = await call(pay, '/p', { as: world.tenant, key: randomUUID(), params: own(), body });
      expect(res.status).toBe(400);
    }
  });

  it('a reversal of a deposit payment lowers the deposit held, not the balance', async () => {
    const paid = await call(pay, '/p', {
      as: world.manager,
      key: 'deposit-other-lease',
      params: { leaseId: world.other.leaseId },
      body: { amountCents: 40_000, method: 'check', purpose: 'deposit' },
    });
    expect(paid.status).toBe(404); // not world.manager's lease: as if it did not exist
    const before = await call(ledger, '/l', { as: world.manager2, params: { leaseId: world.other.leaseId } });
    const own2 = await call(pay, '/p', {
      as: world.manager2,
      key: 'deposit-2',
      params: { leaseId: world.other.leaseId },
      body: { amountCents: 40_000, method: 'check', purpose: 'deposit' },
    });
    expect(own2.status).toBe(201);
    const reversed = await call(reverse, '/r', {
      as: world.manager2,
      params: { leaseId: world.other.leaseId, paymentId: own2.body.paymentId },
      body: { reason: 'NSF' },
    });
    expect(reversed.status).toBe(201);
    const after = await call(ledger, '/l', { as: world.manager2, params: { leaseId: world.other.leaseId } });
    expect(after.body).toMatchObject({ depositHeldCents: 0, balanceCents: before.body.balanceCents });
  });
});

describe('POST /leases/:leaseId/deposit-settlement', () => {
  it('is refused while the lease is live (422 lease_still_active)', async () => {
    const res = await call(settle, '/d', { as: world.manager, params: own(), body: settlement });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('lease_still_active');
  });

  it('refuses bad input (400) and changes nothing', async () => {
    const streamId = `lease-${ended}`;
    const events = await countEvents(world, streamId);
    for (const body of [
      {},
      { deductions: [] },
      { deductions: [], refundMethod: 'cash' },
      { deductions: [{ description: 'Paint', amountCents: -5 }], refundMethod: 'check' },
      { deductions: [{ description: 'Paint', amountCents: 10.5 }], refundMethod: 'check' },
      { deductions: [{ description: '', amountCents: 500 }], refundMethod: 'check' },
      { deductions: [{ description: 'Paint', amountCents: 500, kind: 'damage' }], refundMethod: 'check' },
      { deductions: [], refundMethod: 'ach', refundedCents: 1 },
    ]) {
      const res = await call(settle, '/d', { as: world.manager, params: { leaseId: ended }, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
    const malformed = await call(settle, '/d', {
      as: world.manager,
      params: { leaseId: 'nope' },
      body: settlement,
    });
    expect(malformed.status).toBe(400);
    expect(await countEvents(world, streamId)).toBe(events);
  });

  it('is the manager’s: 401 signed out, 403 for the tenant and the auditor, 404 for another manager or no lease', async () => {
    const params = { leaseId: ended };
    expect((await call(settle, '/d', { params, body: settlement })).status).toBe(401);
    expect((await call(settle, '/d', { as: world.tenant, params, body: settlement })).status).toBe(403);
    expect((await call(settle, '/d', { as: world.auditor, params, body: settlement })).status).toBe(403);
    const other = await call(settle, '/d', { as: world.manager2, params, body: settlement });
    expect(other.status).toBe(404);
    const unknown = await call(settle, '/d', {
      as: world.manager,
      params: { leaseId: randomUUID() },
      body: settlement,
    });
    expect(unknown.status).toBe(404);
  });

  it('applies the deposit to the deductions, then the balance, refunds the rest, and is replayed by its key', async () => {
    expect(owedBeforeSettlement).toBeGreaterThan(0);
    const res = await call(settle, '/d', {
      as: world.manager,
      key: 'settle-ended',
      params: { leaseId: ended },
      body: settlement,
    });
    expect(res.status).toBe(201);
    const toBalance = Math.min(100_000 - 30_000, owedBeforeSettlement);
    expect(res.body).toEqual({
      appliedToDeductionsCents: 30_000,
      appliedToBalanceCents: toBalance,
      refundedCents: 100_000 - 30_000 - toBalance,
      owedCents: owedBeforeSettlement - toBalance,
    });
    const replay = await call(settle, '/d', {
      as: world.manager,
      key: 'settle-ended',
      params: { leaseId: ended },
      body: settlement,
    });
    expect(replay).toMatchObject({ status: 201, body: res.body });
    expect(await countEvents(world, `lease-${ended}`, 'DepositSettled')).toBe(1);
    const reused = await call(settle, '/d', {
      as: world.manager,
      key: 'settle-ended',
      params: { leaseId: ended },
      body: { ...settlement, refundMethod: 'ach' },
    });
    expect(reused.status).toBe(409);
  });

  it('shows the settlement in the ledger and the state: deduction items, the deposit applied, nothing held', async () => {
    const res = await call(ledger, '/l', { as: world.tenant, params: { leaseId: ended } });
    expect(res.status).toBe(200);
    const deposit = res.body.items.filter((item: { kind: string }) => item.kind === 'deposit');
    const toBalance = Math.min(70_000, owedBeforeSettlement);
    expect(deposit).toEqual([
      expect.objectContaining({
        description: 'Deposit deduction: Carpet cleaning',
        amountCents: 25_000,
        paidCents: 25_000,
        postedOn: today,
      }),
      expect.objectContaining({
        description: 'Deposit deduction: Broken blind',
        amountCents: 5_000,
        paidCents: 5_000,
      }),
      expect.objectContaining({ amountCents: -(30_000 + toBalance), postedOn: today }),
    ]);
    expect(res.body).toMatchObject({ depositRequiredCents: 100_000, depositHeldCents: 0 });
    expect(res.body.items.at(-1).balanceAfterCents).toBe(res.body.balanceCents);
    expect(res.body.balanceCents).toBe(owedBeforeSettlement - toBalance);
    const state = await call(leaseState, '/s', { as: world.auditor, params: { leaseId: ended } });
    expect(state.body.state).toMatchObject({
      status: 'ended',
      depositRequiredCents: 100_000,
      depositHeldCents: 0,
      depositSettlement: {
        settledOn: today,
        heldCents: 100_000,
        deductionsCents: 30_000,
        appliedToDeductionsCents: 30_000,
        appliedToBalanceCents: toBalance,
        refundedCents: 100_000 - 30_000 - toBalance,
        refundMethod: 'check',
      },
    });
  });

  it('is done once (422 deposit_already_settled); its deposit payment can no longer be reversed', async () => {
    const again = await call(settle, '/d', {
      as: world.manager,
      params: { leaseId: ended },
      body: settlement,
    });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('deposit_already_settled');
    const reversal = await call(reverse, '/r', {
      as: world.manager,
      params: { leaseId: ended, paymentId: endedDepositPayment },
      body: { reason: 'error' },
    });
    expect(reversal.status).toBe(422);
    expect(reversal.body.error.code).toBe('deposit_already_settled');
  });

  it('manager analytics show the deposits held per property', async () => {
    const res = await call(analytics, `/a?from=${addDays(today, -30)}&to=${today}`, { as: world.manager });
    expect(res.status).toBe(200);
    // The active lease holds its 1,500.00; the ended one was settled.
    expect(res.body.deposits).toEqual({ heldCents: 150_000, leases: 1 });
    expect(res.body.properties).toEqual([
      expect.objectContaining({ propertyId: world.own.propertyId, depositsHeldCents: 150_000 }),
    ]);
  });

  it('the audit timeline shows what each event did to the deposit held', async () => {
    const page = await auditTimelinePage(world.runtime, ended);
    if (!page) throw new Error('no timeline');
    const paid = page.events.find((e) => e.eventType === 'PaymentReceived');
    expect(paid?.data).toMatchObject({ purpose: 'deposit', amountCents: 100_000 });
    expect(paid?.change.before).toMatchObject({ depositHeldCents: 0 });
    expect(paid?.change.after).toMatchObject({ depositHeldCents: 100_000, balanceCents: 0 });
    const settled = page.events.find((e) => e.eventType === 'DepositSettled');
    expect(settled?.change.before.depositHeldCents).toBe(100_000);
    expect(settled?.change.after.depositHeldCents).toBe(0);
    expect(settled?.change.after.balanceCents).toBe(
      owedBeforeSettlement - Math.min(70_000, owedBeforeSettlement),
    );
  });

  it('a settlement that leaves money owed keeps the lease on the tenant’s dashboard, with its deposit', async () => {
    const res = await call(dashboard, '/dashboard/tenant', { as: world.tenant });
    expect(res.status).toBe(200);
    const toBalance = Math.min(70_000, owedBeforeSettlement);
    const shown = res.body.leases.find((l: { leaseId: string }) => l.leaseId === ended);
    expect(shown).toMatchObject({
      closedOn: addDays(today, -20),
      balanceCents: owedBeforeSettlement - toBalance,
      deposit: {
        requiredCents: 100_000,
        heldCents: 0,
        dueCents: 0,
        settlement: { refundedCents: 100_000 - 30_000 - toBalance, refundMethod: 'check' },
      },
    });
    const live = res.body.leases.find((l: { leaseId: string }) => l.leaseId === world.own.leaseId);
    expect(live.deposit).toMatchObject({
      requiredCents: 150_000,
      heldCents: 150_000,
      dueCents: 0,
      settlement: null,
    });
    const deposits = res.body.recentPayments.filter((p: { purpose: string }) => p.purpose === 'deposit');
    expect(deposits.map((p: { amountCents: number }) => p.amountCents).sort()).toEqual(
      [100_000, 100_000, 50_000].sort(),
    );
  });
});
