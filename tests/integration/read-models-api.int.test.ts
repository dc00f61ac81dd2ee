// The read endpoints through their route handlers: roles, scope (404 for what is not yours),
// query validation, and the read models' figures as JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as analyticsRoute } from '@/app/api/v1/analytics/manager/route';
import { GET as dashboardRoute } from '@/app/api/v1/dashboard/tenant/route';
import { GET as leaseRoute } from '@/app/api/v1/leases/[leaseId]/route';
import { GET as leasesRoute } from '@/app/api/v1/leases/route';
import { GET as propertyRoute } from '@/app/api/v1/properties/[propertyId]/route';
import { GET as propertiesRoute } from '@/app/api/v1/properties/route';
import { createApiToken } from '@/server/auth/sessions';
import { setRuntimeForTests } from '@/server/runtime';
import { buildDataset, type Dataset, ids } from '../support/read-models-dataset';
import { freshRuntime } from '../support/runtime';
import { call } from './api-helpers';

let runtime: Awaited<ReturnType<typeof freshRuntime>>;
let data: Dataset;
const as: Record<'managerA' | 'managerB' | 'tess' | 'uma' | 'auditor', { token: string }> = {
  managerA: { token: '' },
  managerB: { token: '' },
  tess: { token: '' },
  uma: { token: '' },
  auditor: { token: '' },
};

beforeAll(async () => {
  runtime = await freshRuntime();
  setRuntimeForTests(runtime);
  data = await buildDataset(runtime);
  for (const who of Object.keys(as) as (keyof typeof as)[]) {
    as[who] = { token: (await createApiToken(runtime.database.db, ids[who], 'tests')).token };
  }
});
afterAll(async () => {
  setRuntimeForTests(undefined);
  await runtime.database.close();
});

const leaseIdsOf = (body: { leases: { leaseId: string }[] }) => body.leases.map((l) => l.leaseId).sort();

describe('GET /leases', () => {
  it('lists what each role may see', async () => {
    const tess = await call(leasesRoute, '/leases', { as: as.tess });
    expect(tess.status).toBe(200);
    expect(leaseIdsOf(tess.body)).toEqual([data.leases.l1]);
    expect(tess.body.leases[0]).toMatchObject({
      tenantName: 'Tess Tenant',
      unitLabel: '1A',
      address: { line1: '12 Maple St', city: 'Portland' },
      balanceCents: 305_000,
    });
    const b = await call(leasesRoute, '/leases', { as: as.managerB });
    expect(leaseIdsOf(b.body)).toEqual([data.leases.l3]);
    const all = await call(leasesRoute, '/leases', { as: as.auditor });
    expect(all.body.leases).toHaveLength(4);
  });

  it('filters by status and q; empty values mean no filter', async () => {
    const found = await call(leasesRoute, '/leases?status=&q=birch', { as: as.managerA });
    expect(leaseIdsOf(found.body)).toEqual([data.leases.l2]);
    // L3 has a termination recorded, effective 2027-07-31: on notice until then.
    const notice = await call(leasesRoute, '/leases?status=notice', { as: as.auditor });
    expect(leaseIdsOf(notice.body)).toEqual([data.leases.l3]);
    expect(notice.body.leases[0].status).toBe('notice');
    const terminated = await call(leasesRoute, '/leases?status=terminated', { as: as.auditor });
    expect(leaseIdsOf(terminated.body)).toEqual([]);
    const future = await call(leasesRoute, '/leases?status=future', { as: as.auditor });
    expect(future.status).toBe(200);
  });

  it('pages with limit and cursor: every lease once, newest start first, next null on the last page', async () => {
    const all = await call(leasesRoute, '/leases', { as: as.auditor });
    expect(all.body.next).toBeNull();
    const expected = all.body.leases.map((l: { leaseId: string }) => l.leaseId);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/leases?limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await call(leasesRoute, url, { as: as.auditor });
      expect(page.status).toBe(200);
      expect(page.body.leases).toHaveLength(1);
      seen.push(page.body.leases[0].leaseId);
      cursor = page.body.next;
      pages += 1;
    } while (cursor && pages < 20);
    expect(seen).toEqual(expected);
    const starts = all.body.leases.map((l: { startDate: string }) => l.startDate);
    expect(starts).toEqual([...starts].sort().reverse());
  });

  it('filters by property in SQL, within the reader scope', async () => {
    const own = await call(leasesRoute, `/leases?propertyId=${data.maple}`, { as: as.managerA });
    expect(own.status).toBe(200);
    expect(own.body.leases.length).toBeGreaterThan(0);
    expect(own.body.leases.every((l: { propertyId: string }) => l.propertyId === data.maple)).toBe(true);
    const other = await call(leasesRoute, `/leases?propertyId=${data.maple}`, { as: as.managerB });
    expect(other.body).toEqual({ leases: [], next: null });
  });

  it('refuses a limit out of 1–500 and a cursor it did not issue, with 400 on the field', async () => {
    for (const limit of ['0', '501', '1.5', 'ten']) {
      const res = await call(leasesRoute, `/leases?limit=${limit}`, { as: as.auditor });
      expect(res.status, limit).toBe(400);
      expect(res.body.error.field).toBe('limit');
    }
    const forged = Buffer.from(JSON.stringify(["2027-01-01'; DROP TABLE events;--", 'x'])).toString(
      'base64url',
    );
    for (const cursor of ['not-a-cursor', forged, Buffer.from('[1,2]').toString('base64url')]) {
      const res = await call(leasesRoute, `/leases?cursor=${cursor}`, { as: as.auditor });
      expect(res.status, cursor).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_input', field: 'cursor' });
    }
    const props = await call(propertiesRoute, '/properties?cursor=zzz', { as: as.auditor });
    expect(props.status).toBe(400);
  });

  it('refuses anonymous callers, bad tokens, unknown params and bad values', async () => {
    expect((await call(leasesRoute, '/leases')).status).toBe(401);
    expect((await call(leasesRoute, '/leases', { as: { token: 'lb_nope' } })).status).toBe(401);
    const unknown = await call(leasesRoute, '/leases?sort=name', { as: as.tess });
    expect(unknown.status).toBe(400);
    const bad = await call(leasesRoute, '/leases?status=open', { as: as.tess });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_input', field: 'status' });
  });
});

describe('GET /leases/:leaseId', () => {
  const get = (leaseId: string, who: { token: string }) =>
    call(leaseRoute, `/leases/${leaseId}`, { as: who, params: { leaseId } });

  it('answers the lease to its tenant, manager and auditors; 404 to anyone else, like an unknown id', async () => {
    const own = await get(data.leases.l1, as.tess);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      leaseId: data.leases.l1,
      tenantId: ids.tess,
      monthlyRentCents: 150_000,
    });
    expect((await get(data.leases.l1, as.managerA)).status).toBe(200);
    expect((await get(data.leases.l1, as.auditor)).status).toBe(200);
    const other = await get(data.leases.l1, as.uma);
    const unknown = await get(crypto.randomUUID(), as.uma);
    expect(other.status).toBe(404);
    expect(other.body).toEqual(unknown.body);
    expect((await get(data.leases.l1, as.managerB)).status).toBe(404);
    expect((await get('not-a-uuid', as.tess)).status).toBe(400);
  });
});

describe('GET /properties and /properties/:propertyId', () => {
  it('searches the manager portfolio; tenants are refused', async () => {
    const found = await call(propertiesRoute, '/properties?q=portland&minRentCents=190000', {
      as: as.managerA,
    });
    expect(found.status).toBe(200);
    expect(found.body.properties).toEqual([
      expect.objectContaining({ propertyId: data.maple, units: 2, managerId: ids.managerA }),
    ]);
    expect((await call(propertiesRoute, '/properties', { as: as.tess })).status).toBe(403);
    const bad = await call(propertiesRoute, '/properties?vacant=maybe', { as: as.managerA });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('vacant');
    const inverted = await call(propertiesRoute, '/properties?minRentCents=5&maxRentCents=1', {
      as: as.auditor,
    });
    expect(inverted.status).toBe(400);
  });

  it('pages the property search by name', async () => {
    const all = await call(propertiesRoute, '/properties', { as: as.auditor });
    const names = all.body.properties.map((p: { name: string }) => p.name);
    expect(names.length).toBeGreaterThanOrEqual(2);
    const first = await call(propertiesRoute, '/properties?limit=1', { as: as.auditor });
    expect(first.body.properties.map((p: { name: string }) => p.name)).toEqual([names[0]]);
    const second = await call(propertiesRoute, `/properties?limit=1&cursor=${first.body.next}`, {
      as: as.auditor,
    });
    expect(second.body.properties.map((p: { name: string }) => p.name)).toEqual([names[1]]);
  });

  it("reads one property; another manager's is a 404", async () => {
    const get = (who: { token: string }) =>
      call(propertyRoute, `/properties/${data.maple}`, { as: who, params: { propertyId: data.maple } });
    const own = await get(as.managerA);
    expect(own.status).toBe(200);
    expect(own.body.units.map((u: { label: string }) => u.label)).toEqual(['1A', '1B']);
    expect((await get(as.auditor)).status).toBe(200);
    expect((await get(as.managerB)).status).toBe(404);
    expect((await get(as.tess)).status).toBe(403);
  });
});

describe('GET /dashboard/tenant', () => {
  it("is the signed-in tenant's dashboard; other roles are refused", async () => {
    const d = await call(dashboardRoute, '/dashboard/tenant', { as: as.tess });
    expect(d.status).toBe(200);
    expect(d.body.leases.map((l: { leaseId: string }) => l.leaseId)).toEqual([data.leases.l1]);
    expect(d.body.recentPayments).toHaveLength(5);
    expect((await call(dashboardRoute, '/dashboard/tenant', { as: as.managerA })).status).toBe(403);
  });
});

describe('GET /analytics/manager', () => {
  it("gives the manager's figures over the range", async () => {
    const a = await call(analyticsRoute, '/analytics/manager?from=2027-01-01&to=2027-06-30', {
      as: as.managerA,
    });
    expect(a.status).toBe(200);
    expect(a.body.collection).toMatchObject({ chargedCents: 1_462_258, collectedCents: 947_258 });
    expect(a.body.totals).toEqual({ properties: 2, units: 3 });
    const b = await call(analyticsRoute, '/analytics/manager', { as: as.managerB });
    expect(b.status).toBe(200);
    expect(b.body.totals).toEqual({ properties: 1, units: 2 });
  });

  it('refuses other roles and bad ranges', async () => {
    expect((await call(analyticsRoute, '/analytics/manager', { as: as.auditor })).status).toBe(403);
    const inverted = await call(analyticsRoute, '/analytics/manager?from=2027-06-30&to=2027-01-01', {
      as: as.managerA,
    });
    expect(inverted.status).toBe(400);
    expect(inverted.body.error.field).toBe('from');
    const notADate = await call(analyticsRoute, '/analytics/manager?from=2027-02-30', { as: as.managerA });
    expect(notADate.status).toBe(400);
  });
});
