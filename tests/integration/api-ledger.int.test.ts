// GET /leases/:leaseId/ledger: the items in posting order with a running balance that ends at the
// lease's balance; the same access as GET /leases/:leaseId (another tenant's or manager's lease 404).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as ledger } from '@/app/api/v1/leases/[leaseId]/ledger/route';
import { POST as reverse } from '@/app/api/v1/leases/[leaseId]/payments/[paymentId]/reversal/route';
import { POST as pay } from '@/app/api/v1/leases/[leaseId]/payments/route';
import { apiWorld, call, closeWorld, today, type World } from './api-helpers';

let world: World;
let tenantPayment: string;
let checkPayment: string;
beforeAll(async () => {
  world = await apiWorld();
  const params = { leaseId: world.own.leaseId };
  const byTenant = await call(pay, '/p', {
    as: world.tenant,
    key: 'ledger-tenant',
    params,
    body: { amountCents: 50_000, method: 'card' },
  });
  expect(byTenant.status).toBe(201);
  tenantPayment = byTenant.body.paymentId;
  const byManager = await call(pay, '/p', {
    as: world.manager,
    key: 'ledger-check',
    params,
    body: { amountCents: 30_000, method: 'check', paymentDate: today },
  });
  expect(byManager.status).toBe(201);
  checkPayment = byManager.body.paymentId;
  const reversed = await call(reverse, '/r', {
    as: world.manager,
    params: { ...params, paymentId: checkPayment },
    body: { reason: 'NSF' },
  });
  expect(reversed.status).toBe(201);
});
afterAll(() => closeWorld(world));

const own = () => ({ leaseId: world.own.leaseId });

describe('GET /leases/:leaseId/ledger', () => {
  it('lists the items in posting order with a running balance that ends at balanceCents', async () => {
    const res = await call(ledger, '/ledger', { as: world.tenant, params: own() });
    expect(res.status).toBe(200);
    const start = `${today.slice(0, 7)}-01`;
    const period = today.slice(0, 7);
    expect(res.body).toEqual({
      items: [
        {
          itemId: expect.any(String),
          kind: 'rent',
          description: `Rent ${period}`,
          period,
          dueDate: start,
          postedOn: start,
          amountCents: 150_000,
          paidCents: 50_000,
          waived: false,
          balanceAfterCents: 150_000,
        },
        {
          itemId: tenantPayment,
          kind: 'payment',
          description: 'Payment (card)',
          dueDate: today,
          postedOn: today,
          amountCents: -50_000,
          paidCents: 0,
          waived: false,
          balanceAfterCents: 100_000,
        },
        {
          itemId: checkPayment,
          kind: 'payment',
          description: 'Payment (check)',
          dueDate: today,
          postedOn: today,
          amountCents: -30_000,
          paidCents: 0,
          waived: false,
          balanceAfterCents: 70_000,
        },
        {
          itemId: checkPayment,
          kind: 'reversal',
          description: 'Payment reversed (NSF)',
          dueDate: expect.any(String),
          postedOn: expect.any(String),
          amountCents: 30_000,
          paidCents: 0,
          waived: false,
          balanceAfterCents: 100_000,
        },
      ],
      balanceCents: 100_000,
      depositRequiredCents: 150_000,
      depositHeldCents: 0,
    });
    const items = res.body.items as { postedOn: string; balanceAfterCents: number }[];
    const postedOn = items.map((i) => i.postedOn);
    expect(postedOn).toEqual([...postedOn].sort());
    expect(items.at(-1)?.balanceAfterCents).toBe(res.body.balanceCents);
  });

  it('the running balance ends at the balance of GET /leases/:leaseId for the other lease too', async () => {
    const res = await call(ledger, '/ledger', {
      as: world.tenant2,
      params: { leaseId: world.other.leaseId },
    });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { kind: string }) => i.kind)).toEqual(['rent']);
    expect(res.body.items.at(-1).balanceAfterCents).toBe(res.body.balanceCents);
    expect(res.body.balanceCents).toBe(150_000);
  });

  it('the same access as the lease: its tenant, its manager, auditors; 404 for the others', async () => {
    for (const as of [world.tenant, world.manager, world.auditor]) {
      const res = await call(ledger, '/ledger', { as, params: own() });
      expect(res.status, as.role).toBe(200);
      expect(res.body.balanceCents).toBe(100_000);
    }
    const otherTenant = await call(ledger, '/ledger', { as: world.tenant2, params: own() });
    expect(otherTenant.status).toBe(404);
    expect(otherTenant.body.error.code).toBeDefined();
    expect((await call(ledger, '/ledger', { as: world.manager2, params: own() })).status).toBe(404);
    const unknown = await call(ledger, '/ledger', {
      as: world.auditor,
      params: { leaseId: crypto.randomUUID() },
    });
    expect(unknown.status).toBe(404);
    expect((await call(ledger, '/ledger', { params: own() })).status).toBe(401);
  });

  it('a malformed id is a 400', async () => {
    const res = await call(ledger, '/ledger', { as: world.tenant, params: { leaseId: 'not-a-uuid' } });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('leaseId');
  });
});
