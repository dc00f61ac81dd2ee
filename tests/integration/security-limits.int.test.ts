// Issue 13 #1 and #11: the largest amounts the domain accepts fit every read model (no poison
// event), amounts past the limits and lease terms outside the window are refused, and nothing
// stops the read side.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as health } from '@/app/api/v1/health/route';
import { POST as pay } from '@/app/api/v1/leases/[leaseId]/payments/route';
import { GET as getLease } from '@/app/api/v1/leases/[leaseId]/route';
import { POST as createLease } from '@/app/api/v1/leases/route';
import { GET as getProperty } from '@/app/api/v1/properties/[propertyId]/route';
import { POST as registerProperty } from '@/app/api/v1/properties/route';
import { MAX_RENT_CENTS } from '@/server/domain/shared/money';
import { apiWorld, call, closeWorld, today, type World } from './api-helpers';

let world: World;
beforeAll(async () => {
  world = await apiWorld();
});
afterAll(() => closeWorld(world));

const address = { line1: '1 Big St', city: 'Austin', state: 'TX', postalCode: '73301' };
let seq = 0;
const key = () => `limits-${Date.now()}-${seq++}`;

async function bigProperty() {
  const res = await call(registerProperty, '/properties', {
    as: world.manager,
    body: { name: `Tower ${seq++}`, address, units: [{ label: 'PH', marketRentCents: MAX_RENT_CENTS }] },
  });
  expect(res.status).toBe(201);
  const property = await call(getProperty, `/properties/${res.body.propertyId}`, {
    as: world.manager,
    params: { propertyId: res.body.propertyId },
  });
  return { propertyId: res.body.propertyId as string, unitId: property.body.units[0].unitId as string };
}

const leaseBody = (propertyId: string, unitId: string, overrides: Record<string, unknown> = {}) => ({
  propertyId,
  unitId,
  tenantId: world.tenant.id,
  startDate: `${today.slice(0, 7)}-01`,
  endDate: `${Number(today.slice(0, 4)) + 1}-12-31`,
  monthlyRentCents: MAX_RENT_CENTS,
  dueDay: 1,
  graceDays: 5,
  lateFeeCents: 10_000_000_000,
  securityDepositCents: 10_000_000_000,
  ...overrides,
});

describe('the largest values the domain accepts', () => {
  it('a market rent and a monthly rent at the limit, and payments up to the credit cap, all reach the read models', async () => {
    const { propertyId, unitId } = await bigProperty();
    const created = await call(createLease, '/leases', {
      as: world.manager,
      body: leaseBody(propertyId, unitId),
    });
    expect(created.status).toBe(201);
    const { leaseId } = created.body;
    const property = await call(getProperty, `/properties/${propertyId}`, {
      as: world.manager,
      params: { propertyId },
    });
    expect(property.body.units[0].marketRentCents).toBe(MAX_RENT_CENTS);

    // The largest payment (12 months of rent), then as much credit as a lease may hold.
    const maxPayment = 12 * MAX_RENT_CENTS;
    const first = await call(pay, `/leases/${leaseId}/payments`, {
      as: world.manager,
      key: key(),
      params: { leaseId },
      body: { amountCents: maxPayment, method: 'check' },
    });
    expect(first.status).toBe(201);
    const lease = await call(getLease, `/leases/${leaseId}`, { as: world.manager, params: { leaseId } });
    const balance = lease.body.balanceCents as number;
    const room = balance + maxPayment; // what credit the cap still allows
    if (room > 0) {
      const topUp = await call(pay, `/leases/${leaseId}/payments`, {
        as: world.manager,
        key: key(),
        params: { leaseId },
        body: { amountCents: room, method: 'check' },
      });
      expect(topUp.status).toBe(201);
    }
    const capped = await call(pay, `/leases/${leaseId}/payments`, {
      as: world.manager,
      key: key(),
      params: { leaseId },
      body: { amountCents: 1, method: 'check' },
    });
    expect(capped.status).toBe(422);
    expect(capped.body.error.code).toBe('amount_too_large');
    const after = await call(getLease, `/leases/${leaseId}`, { as: world.manager, params: { leaseId } });
    expect(after.body.balanceCents).toBe(-maxPayment);

    const status = await call(health, '/health', { as: world.admin });
    expect(status.body.status).toBe('ok');
    for (const projection of status.body.projections) {
      expect(projection).toMatchObject({ status: 'ok', parkedStreams: 0, lastError: null });
    }
  });

  it('refuses a rent past the limit (422 invalid_rent) and changes nothing', async () => {
    const res = await call(registerProperty, '/properties', {
      as: world.manager,
      body: { name: 'Too dear', address, units: [{ label: 'X', marketRentCents: MAX_RENT_CENTS + 1 }] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'invalid_rent', field: 'marketRentCents' });
    const { propertyId, unitId } = await bigProperty();
    const lease = await call(createLease, '/leases', {
      as: world.manager,
      body: leaseBody(propertyId, unitId, { monthlyRentCents: 3_000_000_000 }),
    });
    expect(lease.status).toBe(422);
    expect(lease.body.error.code).toBe('invalid_rent');
  });

  it.each([
    ['a start before 2000', { startDate: '1999-12-31', endDate: '2001-01-01' }, 'startDate'],
    ['a term over 30 years', { startDate: '2020-01-01', endDate: '2050-01-02' }, 'endDate'],
  ])('refuses %s (422 invalid_lease_dates)', async (_label, dates, field) => {
    const { propertyId, unitId } = await bigProperty();
    const res = await call(createLease, '/leases', {
      as: world.manager,
      body: leaseBody(propertyId, unitId, { ...dates, monthlyRentCents: 100_000 }),
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'invalid_lease_dates', field });
  });
});
