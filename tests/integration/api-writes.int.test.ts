// Every write endpoint: happy path, roles (own vs other → 404, wrong role → 403), idempotency
// replay and conflict, and read-your-writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETE as cancelAutopay, POST as enrolAutopay } from '@/app/api/v1/leases/[leaseId]/autopay/route';
import { POST as reverse } from '@/app/api/v1/leases/[leaseId]/payments/[paymentId]/reversal/route';
import { POST as pay } from '@/app/api/v1/leases/[leaseId]/payments/route';
import { POST as renew } from '@/app/api/v1/leases/[leaseId]/renewal/route';
import { GET as leaseState } from '@/app/api/v1/leases/[leaseId]/state/route';
import { POST as terminate } from '@/app/api/v1/leases/[leaseId]/termination/route';
import { POST as createLease } from '@/app/api/v1/leases/route';
import { POST as cancelRequest } from '@/app/api/v1/maintenance-requests/[id]/cancel/route';
import { POST as completeRequest } from '@/app/api/v1/maintenance-requests/[id]/complete/route';
import { POST as rateRequest } from '@/app/api/v1/maintenance-requests/[id]/rating/route';
import { POST as scheduleRequest } from '@/app/api/v1/maintenance-requests/[id]/schedule/route';
import { POST as fileRequest } from '@/app/api/v1/maintenance-requests/route';
import { POST as postNotice } from '@/app/api/v1/properties/[propertyId]/notices/route';
import { POST as registerProperty } from '@/app/api/v1/properties/route';
import { leaseStreamId } from '@/server/domain/lease';
import { propertyStreamId } from '@/server/domain/property';
import { apiWorld, call, closeWorld, countEvents, today, type World } from './api-helpers';

let world: World;
beforeAll(async () => {
  world = await apiWorld();
});
afterAll(() => closeWorld(world));

const nextYear = Number(today.slice(0, 4)) + 1;
let keySeq = 0;
const key = () => `key-${Date.now()}-${keySeq++}`;
const unknownId = '00000000-0000-4000-8000-0000000000ff';

describe('POST /leases/:leaseId/payments', () => {
  const payTenant = (leaseId: string, body: unknown, k = key(), as = world.tenant) =>
    call(pay, `/leases/${leaseId}/payments`, { as, key: k, params: { leaseId }, body });

  it('a tenant pays their own lease by card: 201 with the payment and its events', async () => {
    const res = await payTenant(world.own.leaseId, { amountCents: 10_000, method: 'card' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      paymentId: expect.any(String),
      leaseId: world.own.leaseId,
      version: expect.any(Number),
      events: [{ eventId: expect.any(String), eventType: 'PaymentReceived', version: res.body.version }],
    });
  });

  it('read-your-writes: the state right after a payment shows the new balance', async () => {
    const before = await call(leaseState, '/state', {
      as: world.tenant,
      params: { leaseId: world.own.leaseId },
    });
    const res = await payTenant(world.own.leaseId, { amountCents: 2_500, method: 'ach' });
    expect(res.status).toBe(201);
    const after = await call(leaseState, '/state', {
      as: world.tenant,
      params: { leaseId: world.own.leaseId },
    });
    expect(after.body.state.balanceCents).toBe(before.body.state.balanceCents - 2_500);
    expect(after.body.version).toBe(res.body.version);
  });

  it("another tenant's lease and an unknown lease look the same: 404", async () => {
    const other = await payTenant(world.other.leaseId, { amountCents: 100, method: 'card' });
    const unknown = await payTenant(unknownId, { amountCents: 100, method: 'card' });
    expect(other.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(other.body).toEqual(unknown.body);
    expect(await countEvents(world, leaseStreamId(world.other.leaseId), 'PaymentReceived')).toBe(0);
  });

  it('a tenant pays by card or ACH, today only (422); a manager records cash on an earlier date', async () => {
    const cash = await payTenant(world.own.leaseId, { amountCents: 100, method: 'cash' });
    expect(cash.status).toBe(422);
    expect(cash.body.error).toMatchObject({ code: 'method_not_allowed', field: 'method' });
    const backdated = await payTenant(world.own.leaseId, {
      amountCents: 100,
      method: 'card',
      paymentDate: `${today.slice(0, 7)}-01` === today ? '2000-01-01' : `${today.slice(0, 7)}-01`,
    });
    expect(backdated.status).toBe(422);
    const manager = await payTenant(
      world.own.leaseId,
      { amountCents: 100, method: 'cash', paymentDate: `${today.slice(0, 7)}-01` },
      key(),
      world.manager,
    );
    expect(manager.status).toBe(201);
  });

  it('a manager of another portfolio gets 404; an admin 403', async () => {
    const res = await payTenant(
      world.other.leaseId,
      { amountCents: 100, method: 'cash' },
      key(),
      world.manager,
    );
    expect(res.status).toBe(404);
    const admin = await payTenant(
      world.own.leaseId,
      { amountCents: 100, method: 'cash' },
      key(),
      world.admin,
    );
    expect(admin.status).toBe(403);
  });

  it('the same key and body replays the first response and appends one payment', async () => {
    const k = key();
    const body = { amountCents: 1_234, method: 'card' };
    const before = await countEvents(world, leaseStreamId(world.own.leaseId), 'PaymentReceived');
    const first = await payTenant(world.own.leaseId, body, k);
    const second = await payTenant(world.own.leaseId, body, k);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(await countEvents(world, leaseStreamId(world.own.leaseId), 'PaymentReceived')).toBe(before + 1);
  });

  it('concurrent duplicates get the first response too', async () => {
    const k = key();
    const body = { amountCents: 777, method: 'card' };
    const before = await countEvents(world, leaseStreamId(world.own.leaseId), 'PaymentReceived');
    const results = await Promise.all([1, 2, 3].map(() => payTenant(world.own.leaseId, body, k)));
    for (const r of results) {
      expect(r.status).toBe(201);
      expect(r.body).toEqual(results[0]?.body);
    }
    expect(await countEvents(world, leaseStreamId(world.own.leaseId), 'PaymentReceived')).toBe(before + 1);
  });

  it('the same key with another body is a 409 idempotency_key_reused', async () => {
    const k = key();
    expect((await payTenant(world.own.leaseId, { amountCents: 500, method: 'card' }, k)).status).toBe(201);
    const res = await payTenant(world.own.leaseId, { amountCents: 501, method: 'card' }, k);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('idempotency_key_reused');
  });

  it('takes an Idempotency-Key of 255 characters', async () => {
    const k = `${key()}-`.padEnd(255, 'k');
    const body = { amountCents: 5, method: 'card' };
    const first = await payTenant(world.own.leaseId, body, k);
    expect(first.status).toBe(201);
    expect((await payTenant(world.own.leaseId, body, k)).body).toEqual(first.body);
  });

  it('refuses an Idempotency-Key over 255 characters or with control characters', async () => {
    const long = await payTenant(world.own.leaseId, { amountCents: 5, method: 'card' }, 'k'.repeat(256));
    expect(long.status).toBe(400);
    expect(long.body.error.field).toBe('Idempotency-Key');
    const tab = await payTenant(world.own.leaseId, { amountCents: 5, method: 'card' }, 'a\tb');
    expect(tab.status).toBe(400);
  });
});

describe('manager lease writes', () => {
  it('reverses a payment (201); a tenant may not (403)', async () => {
    const paid = await call(pay, '/p', {
      as: world.manager,
      key: key(),
      params: { leaseId: world.own.leaseId },
      body: { amountCents: 3_000, method: 'check', paymentDate: today },
    });
    const params = { leaseId: world.own.leaseId, paymentId: paid.body.paymentId };
    const byTenant = await call(reverse, '/r', { as: world.tenant, params, body: { reason: 'NSF' } });
    expect(byTenant.status).toBe(403);
    const res = await call(reverse, '/r', { as: world.manager, params, body: { reason: 'NSF' } });
    expect(res.status).toBe(201);
    expect(res.body.events.map((e: { eventType: string }) => e.eventType)).toContain('PaymentReversed');
    const again = await call(reverse, '/r', { as: world.manager, params, body: { reason: 'NSF' } });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('payment_already_reversed');
  });

  it('creates, renews and terminates a lease; another manager gets 404; bad dates 422', async () => {
    const terms = {
      propertyId: world.own.propertyId,
      unitId: world.own.unitB,
      tenantId: world.tenant2.id,
      startDate: `${nextYear}-01-01`,
      endDate: `${nextYear}-12-31`,
      monthlyRentCents: 180_000,
      dueDay: 1,
      graceDays: 5,
      lateFeeCents: 5_000,
      securityDepositCents: 180_000,
    };
    const otherManager = await call(createLease, '/leases', { as: world.manager2, body: terms });
    expect(otherManager.status).toBe(404);
    const unknownTenant = await call(createLease, '/leases', {
      as: world.manager,
      body: { ...terms, tenantId: unknownId },
    });
    expect(unknownTenant.status).toBe(404);
    expect(unknownTenant.body.error.field).toBe('tenantId');
    const badDates = await call(createLease, '/leases', {
      as: world.manager,
      body: { ...terms, endDate: `${nextYear - 1}-01-01` },
    });
    expect(badDates.status).toBe(422);

    const created = await call(createLease, '/leases', { as: world.manager, body: terms, key: key() });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ leaseId: expect.any(String), version: 1 });
    const params = { leaseId: created.body.leaseId };

    const renewedByOther = await call(renew, '/renewal', {
      as: world.manager2,
      params,
      body: { newEndDate: `${nextYear + 1}-12-31`, monthlyRentCents: 190_000 },
    });
    expect(renewedByOther.status).toBe(404);
    const renewed = await call(renew, '/renewal', {
      as: world.manager,
      params,
      body: { newEndDate: `${nextYear + 1}-12-31`, monthlyRentCents: 190_000 },
    });
    expect(renewed.status).toBe(201);
    expect(renewed.body.events[0].eventType).toBe('LeaseRenewed');

    const terminated = await call(terminate, '/termination', {
      as: world.manager,
      params,
      body: { effectiveDate: `${nextYear}-06-30`, reason: 'Moving abroad' },
    });
    expect(terminated.status).toBe(201);
    expect(terminated.body.events[0].eventType).toBe('LeaseTerminated');
    const afterTermination = await call(renew, '/renewal', {
      as: world.manager,
      params,
      body: { newEndDate: `${nextYear + 2}-12-31`, monthlyRentCents: 190_000 },
    });
    expect(afterTermination.status).toBe(422);
    expect(afterTermination.body.error.code).toBe('lease_not_active');
  });
});

describe('autopay', () => {
  it('the tenant enrols (201) and cancels (200); others cannot', async () => {
    const params = { leaseId: world.own.leaseId };
    const other = await call(enrolAutopay, '/autopay', {
      as: world.tenant2,
      params,
      body: { method: 'card' },
    });
    expect(other.status).toBe(404);
    const manager = await call(enrolAutopay, '/autopay', {
      as: world.manager,
      params,
      body: { method: 'card' },
    });
    expect(manager.status).toBe(403);
    const enrolled = await call(enrolAutopay, '/autopay', {
      as: world.tenant,
      params,
      body: { method: 'ach', capCents: 200_000 },
    });
    expect(enrolled.status).toBe(201);
    const cancelled = await call(cancelAutopay, '/autopay', { method: 'DELETE', as: world.tenant, params });
    expect(cancelled.status).toBe(200);
    const again = await call(cancelAutopay, '/autopay', { method: 'DELETE', as: world.tenant, params });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('autopay_not_enrolled');
  });
});

describe('maintenance', () => {
  const file = (as = world.tenant, leaseId = world.own.leaseId) =>
    call(fileRequest, '/maintenance-requests', {
      as,
      key: key(),
      body: { leaseId, category: 'plumbing', priority: 'high', description: 'The kitchen tap drips.' },
    });

  it('a tenant files on their own lease only; a manager may not file', async () => {
    expect((await file(world.tenant, world.other.leaseId)).status).toBe(404);
    expect((await file(world.manager)).status).toBe(403);
    const res = await file();
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ requestId: expect.any(String) });
  });

  it('the manager schedules and completes; the tenant rates once; other manager 404; tenant cannot schedule', async () => {
    const { requestId } = (await file()).body;
    const params = { id: requestId };
    const when = `${nextYear}-01-15`;
    expect(
      (await call(scheduleRequest, '/s', { as: world.tenant, params, body: { scheduledFor: when } })).status,
    ).toBe(403);
    expect(
      (await call(scheduleRequest, '/s', { as: world.manager2, params, body: { scheduledFor: when } }))
        .status,
    ).toBe(404);
    const scheduled = await call(scheduleRequest, '/s', {
      as: world.manager,
      params,
      body: { scheduledFor: when },
    });
    expect(scheduled.status).toBe(201);
    const early = await call(rateRequest, '/r', { as: world.tenant, params, body: { rating: 5 } });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('maintenance_not_completed');
    const completed = await call(completeRequest, '/c', {
      as: world.manager,
      params,
      body: { resolution: 'Replaced the washer.' },
    });
    expect(completed.status).toBe(201);
    expect((await call(rateRequest, '/r', { as: world.tenant2, params, body: { rating: 5 } })).status).toBe(
      404,
    );
    const badRating = await call(rateRequest, '/r', { as: world.tenant, params, body: { rating: 6 } });
    expect(badRating.status).toBe(400);
    expect(badRating.body.error.field).toBe('rating');
    const rated = await call(rateRequest, '/r', {
      as: world.tenant,
      params,
      body: { rating: 4, comment: 'Quick.' },
    });
    expect(rated.status).toBe(201);
    expect((await call(rateRequest, '/r', { as: world.tenant, params, body: { rating: 4 } })).status).toBe(
      422,
    );
  });

  it('the manager cancels an open request', async () => {
    const { requestId } = (await file()).body;
    const res = await call(cancelRequest, '/c', {
      as: world.manager,
      params: { id: requestId },
      body: { reason: 'Duplicate request.' },
    });
    expect(res.status).toBe(201);
    const unknown = await call(cancelRequest, '/c', {
      as: world.manager,
      params: { id: unknownId },
      body: { reason: 'x' },
    });
    expect(unknown.status).toBe(404);
  });
});

describe('properties', () => {
  it('a manager registers a property they then manage; idempotently', async () => {
    const body = {
      name: 'Birch House',
      address: { line1: '1 Birch Rd', city: 'Salem', state: 'OR', postalCode: '97301' },
      units: [{ label: '1', marketRentCents: 120_000 }],
    };
    const k = key();
    const res = await call(registerProperty, '/properties', { as: world.manager, key: k, body });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ propertyId: expect.any(String) });
    const replay = await call(registerProperty, '/properties', { as: world.manager, key: k, body });
    expect(replay.body).toEqual(res.body);
    expect(await countEvents(world, propertyStreamId(res.body.propertyId))).toBe(1);
    expect((await call(registerProperty, '/properties', { as: world.auditor, body })).status).toBe(403);
  });

  it('notices: own property 201, another manager 404, tenant 403', async () => {
    const params = { propertyId: world.own.propertyId };
    const body = { title: 'Water off', body: 'Tuesday 9–11.', expiresOn: `${nextYear}-01-01` };
    expect((await call(postNotice, '/n', { as: world.manager2, params, body })).status).toBe(404);
    expect((await call(postNotice, '/n', { as: world.tenant, params, body })).status).toBe(403);
    const res = await call(postNotice, '/n', { as: world.manager, params, body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ propertyId: world.own.propertyId, noticeId: expect.any(String) });
  });
});
