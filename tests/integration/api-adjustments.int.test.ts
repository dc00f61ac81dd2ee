// Adjustments through the HTTP API (API.md): POST /charges, POST /charges/:chargeId/waiver,
// POST /credits, POST and DELETE /recurring-charges, the NSF fee a reversal posts, and what the
// ledger endpoint shows of each. Every refusal changes nothing; only the lease's manager may adjust.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as waive } from '@/app/api/v1/leases/[leaseId]/charges/[chargeId]/waiver/route';
import { POST as postCharge } from '@/app/api/v1/leases/[leaseId]/charges/route';
import { POST as grantCredit } from '@/app/api/v1/leases/[leaseId]/credits/route';
import { GET as events } from '@/app/api/v1/leases/[leaseId]/events/route';
import { GET as ledger } from '@/app/api/v1/leases/[leaseId]/ledger/route';
import { POST as reverse } from '@/app/api/v1/leases/[leaseId]/payments/[paymentId]/reversal/route';
import { POST as pay } from '@/app/api/v1/leases/[leaseId]/payments/route';
import { DELETE as removeRecurring } from '@/app/api/v1/leases/[leaseId]/recurring-charges/[recurringId]/route';
import { POST as addRecurring } from '@/app/api/v1/leases/[leaseId]/recurring-charges/route';
import { POST as createLease } from '@/app/api/v1/leases/route';
import { runBilling } from '@/server/commands/billing';
import { leaseStreamId } from '@/server/domain/lease';
import { getLeaseLedger } from '@/server/queries/leases';
import { apiWorld, call, closeWorld, countEvents, today, type World } from './api-helpers';

let world: World;
beforeAll(async () => {
  world = await apiWorld();
});
afterAll(() => closeWorld(world));

const own = () => ({ leaseId: world.own.leaseId });
const stream = () => leaseStreamId(world.own.leaseId);
const readLedger = async () => {
  const res = await call(ledger, '/ledger', { as: world.manager, params: own() });
  expect(res.status).toBe(200);
  return res.body;
};
const damage = { kind: 'damage', description: 'Broken window', amountCents: 7_500, dueDate: today };
const period = today.slice(0, 7);
const RENT = 150_000;

describe('POST /leases/:leaseId/charges', () => {
  it('201 {chargeId, version}; the ledger lists it with its kind and the balance rises by it', async () => {
    const res = await call(postCharge, '/c', { as: world.manager, params: own(), body: damage });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      chargeId: expect.any(String),
      leaseId: world.own.leaseId,
      version: expect.any(Number),
    });
    expect(res.body.events.map((e: { eventType: string }) => e.eventType)).toEqual(['ChargePosted']);
    const body = await readLedger();
    const item = body.items.find((i: { itemId: string }) => i.itemId === res.body.chargeId);
    expect(item).toMatchObject({
      kind: 'damage',
      description: 'Broken window',
      period,
      dueDate: today,
      amountCents: 7_500,
      paidCents: 0,
      waived: false,
    });
    expect(body.balanceCents).toBe(RENT + 7_500);
    expect(body.items.at(-1).balanceAfterCents).toBe(body.balanceCents);
  });

  it('replays the first answer for the same Idempotency-Key and appends nothing; another body is a 409', async () => {
    const before = await countEvents(world, stream());
    const body = { ...damage, kind: 'utility', description: 'Water, November' };
    const first = await call(postCharge, '/c', { as: world.manager, params: own(), body, key: 'water-nov' });
    const again = await call(postCharge, '/c', { as: world.manager, params: own(), body, key: 'water-nov' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await countEvents(world, stream())).toBe(before + 1);
    const other = await call(postCharge, '/c', {
      as: world.manager,
      params: own(),
      body: { ...body, amountCents: 1 },
      key: 'water-nov',
    });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_key_reused');
  });

  it('400 for bad input (unknown field, unknown kind, rent as a kind, fractional cents, bad date, bad id)', async () => {
    const before = await countEvents(world, stream());
    for (const body of [
      { ...damage, extra: true },
      { ...damage, kind: 'parking' },
      { ...damage, kind: 'rent' },
      { ...damage, kind: 'nsf_fee' },
      { ...damage, amountCents: 10.5 },
      { ...damage, dueDate: '2026-02-30' },
      { ...damage, description: '' },
    ]) {
      const res = await call(postCharge, '/c', { as: world.manager, params: own(), body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
    const badId = await call(postCharge, '/c', {
      as: world.manager,
      params: { leaseId: 'nope' },
      body: damage,
    });
    expect(badId.status).toBe(400);
    expect(await countEvents(world, stream())).toBe(before);
  });

  it('422 for a rule: over 12 months of rent, due before the lease starts', async () => {
    const big = await call(postCharge, '/c', {
      as: world.manager,
      params: own(),
      body: { ...damage, amountCents: 12 * RENT + 1 },
    });
    expect(big.status).toBe(422);
    expect(big.body.error).toMatchObject({ code: 'amount_too_large', field: 'amountCents' });
    const early = await call(postCharge, '/c', {
      as: world.manager,
      params: own(),
      body: { ...damage, dueDate: '2000-01-01' },
    });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('invalid_due_date');
  });

  it('403 for a tenant or an auditor, 404 for another manager’s lease or an unknown one, 401 signed out', async () => {
    expect((await call(postCharge, '/c', { as: world.tenant, params: own(), body: damage })).status).toBe(
      403,
    );
    expect((await call(postCharge, '/c', { as: world.auditor, params: own(), body: damage })).status).toBe(
      403,
    );
    const other = await call(postCharge, '/c', { as: world.manager2, params: own(), body: damage });
    expect(other.status).toBe(404);
    const unknown = await call(postCharge, '/c', {
      as: world.manager,
      params: { leaseId: '00000000-0000-4000-8000-000000000999' },
      body: damage,
    });
    expect(unknown.status).toBe(404);
    expect((await call(postCharge, '/c', { params: own(), body: damage })).status).toBe(401);
  });
});

describe('POST /leases/:leaseId/charges/:chargeId/waiver', () => {
  it('waives an open charge: 201, the item is waived, a waiver line takes it off, balance falls by it', async () => {
    const posted = await call(postCharge, '/c', {
      as: world.manager,
      params: own(),
      body: { ...damage, kind: 'fee', description: 'Key replacement', amountCents: 2_000 },
    });
    const before = (await readLedger()).balanceCents;
    const chargeId = posted.body.chargeId;
    const res = await call(waive, '/w', {
      as: world.manager,
      params: { ...own(), chargeId },
      body: { reason: 'Found the key' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ chargeId, version: expect.any(Number) });
    const body = await readLedger();
    expect(body.balanceCents).toBe(before - 2_000);
    const lines = body.items.filter((i: { itemId: string }) => i.itemId === chargeId);
    expect(lines).toEqual([
      expect.objectContaining({ kind: 'fee', amountCents: 2_000, paidCents: 0, waived: true }),
      expect.objectContaining({
        kind: 'fee',
        amountCents: -2_000,
        waived: true,
        postedOn: today,
        description: 'Waived: Key replacement (Found the key)',
      }),
    ]);
    // The auditor sees the manager and the reason in the event.
    const stored = await call(events, '/e', { as: world.auditor, params: own() });
    const waived = stored.body.events.find((e: { eventType: string }) => e.eventType === 'ChargeWaived');
    expect(waived.data).toMatchObject({
      chargeId,
      reason: 'Found the key',
      amountCents: 2_000,
      paidCents: 0,
    });
    expect(waived.metadata.actor).toMatchObject({ userId: world.manager.id, role: 'manager' });

    const again = await call(waive, '/w', {
      as: world.manager,
      params: { ...own(), chargeId },
      body: { reason: 'Twice' },
    });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('charge_already_waived');
  });

  it('a charge due later is posted today and its waiver comes after it, in the API and on the page', async () => {
    const due = `${Number(today.slice(0, 4)) + 1}-06-15`;
    const posted = await call(postCharge, '/c', {
      as: world.manager,
      params: own(),
      body: { ...damage, kind: 'other', description: 'Storage unit', amountCents: 1_000, dueDate: due },
    });
    const chargeId = posted.body.chargeId;
    await call(waive, '/w', {
      as: world.manager,
      params: { ...own(), chargeId },
      body: { reason: 'Not used' },
    });
    const items = (await readLedger()).items;
    const at = items.findIndex((i: { itemId: string; waived: boolean }) => i.itemId === chargeId);
    expect(items[at]).toMatchObject({ kind: 'other', dueDate: due, postedOn: today, waived: true });
    const waiverAt = items.findIndex(
      (i: { itemId: string; amountCents: number }) => i.itemId === chargeId && i.amountCents < 0,
    );
    expect(waiverAt).toBeGreaterThan(at);
    expect(items[waiverAt]).toMatchObject({ amountCents: -1_000, postedOn: today, waived: true });
    const reader = { userId: world.manager.id, role: 'manager' as const };
    const page = await getLeaseLedger(world.runtime.database.db, reader, world.own.leaseId);
    const entries = page?.entries.filter((e) => e.ref === chargeId) ?? [];
    expect(entries.map((e) => [e.date, e.waiver])).toEqual([
      [due, false],
      [due, true],
    ]);
  });

  it('what was paid of a partly paid charge becomes credit, applied by the usual order', async () => {
    // A fresh lease on unit 1B with nothing else owed, so the payment goes to the charge.
    const created = await call(createLease, '/l', {
      as: world.manager,
      body: {
        propertyId: world.own.propertyId,
        unitId: world.own.unitB,
        tenantId: world.tenant.id,
        startDate: today,
        endDate: `${Number(today.slice(0, 4)) + 1}-06-30`,
        monthlyRentCents: 100_000,
        dueDay: 1,
        graceDays: 5,
        lateFeeCents: 2_500,
        securityDepositCents: 0,
      },
    });
    expect(created.status).toBe(201);
    const params = { leaseId: created.body.leaseId };
    const charge = await call(postCharge, '/c', {
      as: world.manager,
      params,
      body: { ...damage, amountCents: 10_000 },
    });
    const paid = await call(pay, '/p', {
      as: world.manager,
      params,
      key: 'partly',
      body: { amountCents: 4_000, method: 'cash', paymentDate: today },
    });
    expect(paid.status).toBe(201);
    const res = await call(waive, '/w', {
      as: world.manager,
      params: { ...params, chargeId: charge.body.chargeId },
      body: { reason: 'Pre-existing damage' },
    });
    expect(res.status).toBe(201);
    const body = (await call(ledger, '/ledger', { as: world.manager, params })).body;
    // Nothing owed; the 40.00 paid is credit (negative balance).
    expect(body.balanceCents).toBe(-4_000);
    expect(body.items.at(-1).balanceAfterCents).toBe(-4_000);
  });

  it('404 for an unknown charge, 422 for rent (not waivable), 400 for a bad id or body, 403 tenant', async () => {
    const unknown = await call(waive, '/w', {
      as: world.manager,
      params: { ...own(), chargeId: '00000000-0000-4000-8000-000000000777' },
      body: { reason: 'x' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('charge_not_found');
    const rent = (await readLedger()).items.find((i: { kind: string }) => i.kind === 'rent');
    const refused = await call(waive, '/w', {
      as: world.manager,
      params: { ...own(), chargeId: rent.itemId },
      body: { reason: 'x' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('charge_not_waivable');
    const badId = await call(waive, '/w', {
      as: world.manager,
      params: { ...own(), chargeId: 'x' },
      body: { reason: 'x' },
    });
    expect(badId.status).toBe(400);
    const noReason = await call(waive, '/w', {
      as: world.manager,
      params: { ...own(), chargeId: rent.itemId },
      body: { reason: 'x', more: 1 },
    });
    expect(noReason.status).toBe(400);
    const tenant = await call(waive, '/w', {
      as: world.tenant,
      params: { ...own(), chargeId: rent.itemId },
      body: { reason: 'x' },
    });
    expect(tenant.status).toBe(403);
  });
});

describe('POST /leases/:leaseId/credits', () => {
  it('201 {creditId, version}; a credit line dated today lowers the balance', async () => {
    const before = (await readLedger()).balanceCents;
    const res = await call(grantCredit, '/cr', {
      as: world.manager,
      params: own(),
      body: { amountCents: 5_000, reason: 'Elevator out of service' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ creditId: expect.any(String), version: expect.any(Number) });
    const body = await readLedger();
    expect(body.balanceCents).toBe(before - 5_000);
    expect(body.items.find((i: { itemId: string }) => i.itemId === res.body.creditId)).toMatchObject({
      kind: 'credit',
      description: 'Credit: Elevator out of service',
      postedOn: today,
      amountCents: -5_000,
    });
  });

  it('400 for bad input, 422 over 12 months of rent, 403 for a tenant', async () => {
    for (const body of [
      { amountCents: 5_000 },
      { amountCents: 0, reason: 'x' },
      { amountCents: 1, reason: 'x', y: 1 },
    ]) {
      expect((await call(grantCredit, '/cr', { as: world.manager, params: own(), body })).status).toBe(400);
    }
    const big = await call(grantCredit, '/cr', {
      as: world.manager,
      params: own(),
      body: { amountCents: 12 * RENT + 1, reason: 'Too much' },
    });
    expect(big.status).toBe(422);
    expect(big.body.error.code).toBe('amount_too_large');
    expect(
      (
        await call(grantCredit, '/cr', {
          as: world.tenant,
          params: own(),
          body: { amountCents: 1, reason: 'x' },
        })
      ).status,
    ).toBe(403);
  });
});

describe('recurring charges', () => {
  it('POST 201 {recurringId}; billing charges it with the rent as kind recurring; running it twice posts nothing', async () => {
    const res = await call(addRecurring, '/rc', {
      as: world.manager,
      params: own(),
      body: { description: 'Parking space 4', amountCents: 6_000, fromPeriod: period },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ recurringId: expect.any(String), version: expect.any(Number) });
    const first = await runBilling(world.runtime, { asOf: today });
    expect(first.status).toBe('done');
    const body = await readLedger();
    const lines = body.items.filter((i: { kind: string }) => i.kind === 'recurring');
    expect(lines).toEqual([
      expect.objectContaining({
        kind: 'recurring',
        description: `Parking space 4 ${period}`,
        period,
        amountCents: 6_000,
        waived: false,
      }),
    ]);
    const eventsBefore = await countEvents(world, stream());
    const second = await runBilling(world.runtime, { asOf: today });
    expect(second.status === 'done' && second.report.failures).toEqual([]);
    expect(await countEvents(world, stream())).toBe(eventsBefore);

    const removed = await call(removeRecurring, '/rc', {
      method: 'DELETE',
      as: world.manager,
      params: { ...own(), recurringId: res.body.recurringId },
    });
    expect(removed.status).toBe(200);
    expect(removed.body.recurringId).toBe(res.body.recurringId);
    const twice = await call(removeRecurring, '/rc', {
      method: 'DELETE',
      as: world.manager,
      params: { ...own(), recurringId: res.body.recurringId },
    });
    expect(twice.status).toBe(422);
    expect(twice.body.error.code).toBe('recurring_charge_already_removed');
  });

  it('404 unknown, 422 over one month of rent or outside the lease, 400 bad period or field, 403 tenant', async () => {
    const unknown = await call(removeRecurring, '/rc', {
      method: 'DELETE',
      as: world.manager,
      params: { ...own(), recurringId: '00000000-0000-4000-8000-000000000555' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('recurring_charge_not_found');
    const add = (body: unknown, as = world.manager) => call(addRecurring, '/rc', { as, params: own(), body });
    const big = await add({ description: 'Garage', amountCents: RENT + 1, fromPeriod: period });
    expect(big.status).toBe(422);
    expect(big.body.error.code).toBe('amount_too_large');
    const before = await add({ description: 'Garage', amountCents: 100, fromPeriod: '2000-01' });
    expect(before.status).toBe(422);
    expect(before.body.error.code).toBe('invalid_recurring_period');
    expect((await add({ description: 'Garage', amountCents: 100, fromPeriod: '2026-13' })).status).toBe(400);
    expect((await add({ description: 'Garage', amountCents: 100, fromPeriod: period, x: 1 })).status).toBe(
      400,
    );
    expect(
      (await add({ description: 'Garage', amountCents: 100, fromPeriod: period }, world.tenant)).status,
    ).toBe(403);
  });
});

describe('the NSF fee', () => {
  it('POST /leases takes nsfFeeCents; a reversal for NSF posts the fee, caused by the reversal', async () => {
    const created = await call(createLease, '/l', {
      as: world.manager2,
      body: {
        propertyId: world.other.propertyId,
        unitId: world.other.unitB,
        tenantId: world.tenant2.id,
        startDate: today,
        endDate: `${Number(today.slice(0, 4)) + 1}-06-30`,
        monthlyRentCents: 120_000,
        dueDay: 1,
        graceDays: 5,
        lateFeeCents: 2_500,
        securityDepositCents: 0,
        nsfFeeCents: 3_500,
      },
    });
    expect(created.status).toBe(201);
    const params = { leaseId: created.body.leaseId };
    const paid = await call(pay, '/p', {
      as: world.tenant2,
      params,
      key: 'nsf-pay',
      body: { amountCents: 20_000, method: 'ach' },
    });
    expect(paid.status).toBe(201);
    const reversed = await call(reverse, '/r', {
      as: world.manager2,
      params: { ...params, paymentId: paid.body.paymentId },
      body: { reason: 'NSF' },
    });
    expect(reversed.status).toBe(201);
    expect(reversed.body.events.map((e: { eventType: string }) => e.eventType)).toEqual([
      'PaymentReversed',
      'ChargePosted',
    ]);
    const stored = (await call(events, '/e', { as: world.auditor, params })).body.events;
    const reversal = stored.find((e: { eventType: string }) => e.eventType === 'PaymentReversed');
    const fee = stored.find((e: { eventType: string }) => e.eventType === 'ChargePosted');
    expect(fee.data).toMatchObject({ kind: 'nsf_fee', amountCents: 3_500, paymentId: paid.body.paymentId });
    expect(fee.metadata.causationId).toBe(reversal.eventId);
    const body = (await call(ledger, '/ledger', { as: world.tenant2, params })).body;
    expect(body.items.find((i: { kind: string }) => i.kind === 'nsf_fee')).toMatchObject({
      amountCents: 3_500,
      dueDate: today,
      waived: false,
    });
    expect(body.balanceCents).toBe(3_500);
    expect(body.items.at(-1).balanceAfterCents).toBe(3_500);
  });

  it('400 for a negative or fractional nsfFeeCents', async () => {
    const res = await call(createLease, '/l', {
      as: world.manager,
      body: {
        propertyId: world.own.propertyId,
        unitId: world.own.unitB,
        tenantId: world.tenant.id,
        startDate: '2030-01-01',
        endDate: '2030-06-30',
        monthlyRentCents: 100_000,
        dueDay: 1,
        graceDays: 5,
        lateFeeCents: 0,
        securityDepositCents: 0,
        nsfFeeCents: -1,
      },
    });
    expect(res.status).toBe(400);
  });
});
