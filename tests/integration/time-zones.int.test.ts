// Each property has an IANA time zone (DESIGN.md "The domain", API.md POST/GET /properties): it is
// validated and stored, shown on the property, copied onto its leases, and a lease's "today" (the
// default payment date, a tenant's only payment date, the page's "today") is the local date there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as pay } from '@/app/api/v1/leases/[leaseId]/payments/route';
import { POST as createLease } from '@/app/api/v1/leases/route';
import { GET as getProperty } from '@/app/api/v1/properties/[propertyId]/route';
import { POST as registerProperty } from '@/app/api/v1/properties/route';
import { localDate, todayUtc } from '@/server/domain/shared/dates';
import { getLeaseLedger } from '@/server/queries/leases';
import { propertyTimeZones } from '@/server/queries/properties';
import { apiWorld, call, closeWorld, type World } from './api-helpers';

let world: World;
beforeAll(async () => {
  world = await apiWorld();
});
afterAll(() => closeWorld(world));

/**
 * A zone whose date differs from UTC's right now, so a lease that used the UTC date would fail:
 * Kiritimati (UTC+14) is tomorrow from 10:00 UTC; Pago Pago (UTC-11) is yesterday until 11:00.
 */
function zoneOffUtc(): string {
  const now = new Date();
  return now.getUTCHours() >= 10 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
}

const property = (extra: Record<string, unknown> = {}) => ({
  name: 'Lagoon Court',
  address: { line1: '1 Lagoon Rd', city: 'London', state: 'KI', postalCode: '96911' },
  units: [{ label: 'A', marketRentCents: 100_000 }],
  ...extra,
});

describe('POST /properties timeZone', () => {
  it('stores a named zone in its canonical spelling and shows it on the property', async () => {
    const res = await call(registerProperty, '/properties', {
      as: world.manager,
      body: property({ timeZone: 'america/los_angeles' }),
    });
    expect(res.status).toBe(201);
    const shown = await call(getProperty, '/p', {
      as: world.manager,
      params: { propertyId: res.body.propertyId },
    });
    expect(shown.status).toBe(200);
    expect(shown.body.timeZone).toBe('America/Los_Angeles');
    expect(await propertyTimeZones(world.runtime.database.db)).toContain('America/Los_Angeles');
  });

  it('defaults to DEFAULT_TIME_ZONE (UTC here) without one', async () => {
    const res = await call(registerProperty, '/properties', { as: world.manager, body: property() });
    const shown = await call(getProperty, '/p', {
      as: world.manager,
      params: { propertyId: res.body.propertyId },
    });
    expect(shown.body.timeZone).toBe(world.runtime.defaultTimeZone);
  });

  it('refuses an unknown zone with 400 on the timeZone field, and registers nothing', async () => {
    const before = await propertyTimeZones(world.runtime.database.db);
    for (const timeZone of ['Mars/Olympus_Mons', '', 'UTC+3', 42]) {
      const res = await call(registerProperty, '/properties', {
        as: world.manager,
        body: property({ timeZone, name: `Nowhere ${String(timeZone)}` }),
      });
      expect(res.status, String(timeZone)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_input', field: 'timeZone' });
    }
    expect(await propertyTimeZones(world.runtime.database.db)).toEqual(before);
  });
});

describe("a lease's today is its property's local date", () => {
  it('dates a payment without paymentDate by the local date, and refuses the UTC date from a tenant', async () => {
    const timeZone = zoneOffUtc();
    const local = localDate(new Date(), timeZone);
    expect(local).not.toBe(todayUtc(new Date()));
    const registered = await call(registerProperty, '/properties', {
      as: world.manager,
      body: property({ timeZone, name: `Lagoon ${timeZone}` }),
    });
    const shown = await call(getProperty, '/p', {
      as: world.manager,
      params: { propertyId: registered.body.propertyId },
    });
    const unitId = shown.body.units[0].unitId as string;
    const lease = await call(createLease, '/leases', {
      as: world.manager,
      body: {
        propertyId: registered.body.propertyId,
        unitId,
        tenantId: world.tenant.id,
        startDate: `${local.slice(0, 7)}-01`,
        endDate: `${Number(local.slice(0, 4)) + 1}-12-31`,
        monthlyRentCents: 100_000,
        dueDay: 1,
        graceDays: 5,
        lateFeeCents: 5_000,
        securityDepositCents: 0,
      },
    });
    expect(lease.status).toBe(201);
    const leaseId = lease.body.leaseId as string;
    const paid = await call(pay, '/pay', {
      as: world.tenant,
      key: `tz-${leaseId}`,
      params: { leaseId },
      body: { amountCents: 1_000, method: 'card' },
    });
    expect(paid.status).toBe(201);
    const ledger = await getLeaseLedger(
      world.runtime.database.db,
      { userId: world.tenant.id, role: 'tenant' },
      leaseId,
    );
    expect(ledger?.today).toBe(local);
    expect(ledger?.entries.find((entry) => entry.type === 'payment')?.date).toBe(local);
    const utcDated = await call(pay, '/pay', {
      as: world.tenant,
      key: `tz-utc-${leaseId}`,
      params: { leaseId },
      body: { amountCents: 1_000, method: 'card', paymentDate: todayUtc(new Date()) },
    });
    expect(utcDated.status).toBe(422);
    expect(utcDated.body.error.code).toBe('invalid_payment_date');
  });
});
