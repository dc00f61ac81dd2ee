// Issue 11 pages, through the API's doors: withdrawing a notice (tenants stop seeing it), changing
// a property's name and address (read models follow), adding a unit, the tenant directory and
// resending an invite (the old link stops working). Each with its refusals: another manager's
// property or tenant is a 404, a tenant is a 403, bad input a 400, and a refusal appends nothing.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as dashboard } from '@/app/api/v1/dashboard/tenant/route';
import { POST as acceptInvite } from '@/app/api/v1/invites/[token]/route';
import { GET as listLeases } from '@/app/api/v1/leases/route';
import { POST as changeDetails } from '@/app/api/v1/properties/[propertyId]/details/route';
import { POST as withdraw } from '@/app/api/v1/properties/[propertyId]/notices/[noticeId]/withdrawal/route';
import { POST as postNotice } from '@/app/api/v1/properties/[propertyId]/notices/route';
import { GET as getProperty } from '@/app/api/v1/properties/[propertyId]/route';
import { POST as addUnit } from '@/app/api/v1/properties/[propertyId]/units/route';
import { GET as searchProperties } from '@/app/api/v1/properties/route';
import { POST as resend } from '@/app/api/v1/tenants/[tenantId]/invite/route';
import { GET as directory, POST as invite } from '@/app/api/v1/tenants/route';
import { propertyStreamId } from '@/server/domain/property';
import { listPropertyNotices } from '@/server/queries/properties';
import { getRentRoll } from '@/server/queries/rent-roll';
import { apiWorld, call, closeWorld, countEvents, today, type World } from './api-helpers';

let world: World;
beforeAll(async () => {
  world = await apiWorld();
});
afterAll(() => closeWorld(world));

let seq = 0;
const key = () => `pages-${Date.now()}-${seq++}`;
const unknownId = '00000000-0000-4000-8000-0000000000ee';
const nextYear = Number(today.slice(0, 4)) + 1;
const managerReader = () => ({ userId: world.manager.id, role: 'manager' as const });
const events = (propertyId = world.own.propertyId) => countEvents(world, propertyStreamId(propertyId));

async function aNotice(title: string, as = world.manager, propertyId = world.own.propertyId) {
  const res = await call(postNotice, '/n', {
    as,
    params: { propertyId },
    body: { title, body: 'Details inside.', expiresOn: `${nextYear}-01-01` },
  });
  expect(res.status).toBe(201);
  return res.body.noticeId as string;
}

const tenantNotices = async () =>
  (
    (await call(dashboard, '/dashboard/tenant', { as: world.tenant })).body.notices as { title: string }[]
  ).map((n) => n.title);

describe('POST /properties/:propertyId/notices/:noticeId/withdrawal', () => {
  const withdrawAs = (
    noticeId: string,
    body: unknown,
    as = world.manager,
    propertyId = world.own.propertyId,
  ) => call(withdraw, '/w', { as, params: { propertyId, noticeId }, body, key: key() });

  it('withdraws a notice: 201, the tenant stops seeing it, the manager still lists it as withdrawn', async () => {
    const noticeId = await aNotice('Boiler service');
    const kept = await aNotice('Bins on Monday');
    expect(await tenantNotices()).toEqual(expect.arrayContaining(['Boiler service', 'Bins on Monday']));

    const res = await withdrawAs(noticeId, { reason: 'Posted to the wrong building' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ propertyId: world.own.propertyId, noticeId, version: expect.any(Number) });

    const titles = await tenantNotices();
    expect(titles).not.toContain('Boiler service');
    expect(titles).toContain('Bins on Monday');
    const listed = await listPropertyNotices(
      world.runtime.database.db,
      managerReader(),
      world.own.propertyId,
    );
    expect(listed.find((n) => n.noticeId === noticeId)).toMatchObject({
      visibility: 'withdrawn',
      withdrawnOn: today,
      withdrawnReason: 'Posted to the wrong building',
    });
    expect(listed.find((n) => n.noticeId === kept)).toMatchObject({ visibility: 'shown', withdrawnOn: null });
  });

  it('refuses a second withdrawal (422) and an unknown notice (404), appending nothing', async () => {
    const noticeId = await aNotice('Window cleaning');
    expect((await withdrawAs(noticeId, {})).status).toBe(201);
    const before = await events();
    const again = await withdrawAs(noticeId, {});
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('notice_already_withdrawn');
    const unknown = await withdrawAs(unknownId, {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('notice_not_found');
    expect(await events()).toBe(before);
  });

  it("another manager's property is a 404 like an unknown one; a tenant is a 403; bad input a 400", async () => {
    const noticeId = await aNotice('Fire drill');
    const before = await events();
    const other = await withdrawAs(noticeId, {}, world.manager2);
    const unknownProperty = await withdrawAs(noticeId, {}, world.manager2, unknownId);
    expect(other.status).toBe(404);
    expect(unknownProperty.status).toBe(404);
    expect((await withdrawAs(noticeId, {}, world.tenant)).status).toBe(403);
    const extra = await withdrawAs(noticeId, { reason: 'x', hidden: true });
    expect(extra.status).toBe(400);
    expect(extra.body.error.field).toBe('hidden');
    expect((await withdrawAs(noticeId, { reason: 'x'.repeat(501) })).status).toBe(400);
    const badId = await call(withdraw, '/w', {
      as: world.manager,
      params: { propertyId: world.own.propertyId, noticeId: 'not-a-uuid' },
      body: {},
    });
    expect(badId.status).toBe(400);
    expect(await events()).toBe(before);
    expect(await tenantNotices()).toContain('Fire drill');
  });

  it('replays the first answer for the same Idempotency-Key', async () => {
    const noticeId = await aNotice('Lift repair');
    const k = key();
    const params = { propertyId: world.own.propertyId, noticeId };
    const first = await call(withdraw, '/w', { as: world.manager, params, body: {}, key: k });
    const replay = await call(withdraw, '/w', { as: world.manager, params, body: {}, key: k });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
  });
});

describe('POST /properties/:propertyId/details', () => {
  const address = { line1: '1 Birch Avenue', city: 'Salem', state: 'OR', postalCode: '97301' };
  const change = (body: unknown, as = world.manager, propertyId = world.own.propertyId) =>
    call(changeDetails, '/d', { as, params: { propertyId }, body, key: key() });

  it('renames and moves the property: the property, the search and the lease list follow', async () => {
    const res = await change({ name: 'Birch House', address });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      propertyId: world.own.propertyId,
      version: expect.any(Number),
      changed: true,
    });
    const property = await call(getProperty, '/p', {
      as: world.manager,
      params: { propertyId: world.own.propertyId },
    });
    expect(property.body).toMatchObject({ name: 'Birch House', address });
    const found = await call(searchProperties, '/properties?q=birch', { as: world.manager });
    expect(found.body.properties.map((p: { propertyId: string }) => p.propertyId)).toContain(
      world.own.propertyId,
    );
    const leases = await call(listLeases, '/leases', { as: world.manager });
    const lease = leases.body.leases.find((l: { leaseId: string }) => l.leaseId === world.own.leaseId);
    expect(lease.address).toEqual(address);
  });

  it('records nothing when the name and address are unchanged (changed: false)', async () => {
    await change({ name: 'Birch House', address });
    const before = await events();
    const res = await change({ name: ' Birch House ', address });
    expect(res.status).toBe(200);
    expect(res.body.changed).toBe(false);
    expect(await events()).toBe(before);
  });

  it('refuses bad input with the form’s own messages (400), another manager (404), a tenant (403)', async () => {
    const before = await events();
    const blank = await change({ name: '  ', address });
    expect(blank.status).toBe(400);
    expect(blank.body.error).toMatchObject({ field: 'name', message: 'name: Enter the property name.' });
    const noCity = await change({ name: 'X', address: { ...address, city: '' } });
    expect(noCity.body.error).toMatchObject({
      field: 'address.city',
      message: 'address.city: Enter the city.',
    });
    expect((await change({ name: 'X', address: { ...address, country: 'US' } })).status).toBe(400);
    expect((await change({ name: 'X', address }, world.manager2)).status).toBe(404);
    expect((await change({ name: 'X', address }, world.tenant)).status).toBe(403);
    expect(await events()).toBe(before);
  });
});

describe('POST /properties/:propertyId/units', () => {
  const add = (body: unknown, as = world.manager, propertyId = world.own.propertyId) =>
    call(addUnit, '/u', { as, params: { propertyId }, body, key: key() });

  it('adds a vacant unit with its market rent', async () => {
    const res = await add({ label: '2C', marketRentCents: 175_050 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      propertyId: world.own.propertyId,
      unitId: expect.any(String),
      version: expect.any(Number),
    });
    const property = await call(getProperty, '/p', {
      as: world.manager,
      params: { propertyId: world.own.propertyId },
    });
    expect(property.body.units).toContainEqual({
      unitId: res.body.unitId,
      label: '2C',
      marketRentCents: 175_050,
      occupied: false,
      currentLeaseId: null,
    });
    // The rent roll lists it, vacant, under the property's current name.
    const roll = await getRentRoll(world.runtime.database.db, managerReader());
    expect(roll.find((row) => row.unitId === res.body.unitId)).toMatchObject({
      propertyId: world.own.propertyId,
      propertyName: property.body.name,
      unitLabel: '2C',
      marketRentCents: 175_050,
      leaseId: null,
    });
  });

  it('refuses a label the property has (422), amounts out of range in dollars (400), others (404/403)', async () => {
    const before = await events();
    const taken = await add({ label: ' 1a ', marketRentCents: 100_000 });
    expect(taken.status).toBe(422);
    expect(taken.body.error).toMatchObject({ code: 'unit_label_taken', field: 'label' });
    const huge = await add({ label: '9Z', marketRentCents: 10_000_000_001 });
    expect(huge.status).toBe(400);
    expect(huge.body.error.message).toBe('marketRentCents: Enter at most $100,000,000.00.');
    const zero = await add({ label: '9Z', marketRentCents: 0 });
    expect(zero.body.error.message).toBe('marketRentCents: Enter more than $0.00.');
    expect((await add({ label: '', marketRentCents: 1 })).body.error.message).toBe(
      'label: Enter the unit label.',
    );
    expect((await add({ label: '9Z', marketRentCents: 100_000 }, world.manager2)).status).toBe(404);
    expect((await add({ label: '9Z', marketRentCents: 100_000 }, world.tenant)).status).toBe(403);
    expect(await events()).toBe(before);
  });
});

describe('the tenant directory and resending an invite', () => {
  const inviteAs = async (name: string, as = world.manager) => {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}-${Date.now()}-${seq++}@example.com`;
    const res = await call(invite, '/tenants', { as, body: { name, email } });
    expect(res.status).toBe(201);
    return { ...(res.body as { tenantId: string; inviteToken: string }), email };
  };
  const resendAs = (tenantId: string, as = world.manager) =>
    call(resend, '/r', { as, params: { tenantId }, method: 'POST' });
  const accept = (token: string) =>
    call(acceptInvite, '/i', { params: { token }, body: { password: 'a long enough password' } });
  const list = (query: string, as = world.manager) => call(directory, `/tenants${query}`, { as });

  it('lists the manager’s tenants (leases and invites) with their status, searched in SQL', async () => {
    const invited = await inviteAs('Quinn Zephyr');
    const all = await list('');
    expect(all.status).toBe(200);
    const names = all.body.tenants.map((t: { name: string }) => t.name);
    expect(names).toEqual(expect.arrayContaining(['Quinn Zephyr', world.tenant.name]));
    expect(names).not.toContain(world.tenant2.name);
    expect(all.body.tenants.find((t: { tenantId: string }) => t.tenantId === invited.tenantId)).toMatchObject(
      {
        status: 'invited',
        email: invited.email,
        leases: [],
        inviteExpiresAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      },
    );
    expect(all.body.tenants.find((t: { tenantId: string }) => t.tenantId === world.tenant.id)).toMatchObject({
      status: 'active',
      inviteExpiresAt: null,
      leases: [{ leaseId: world.own.leaseId, status: 'active' }],
    });
    const byName = await list('?q=zeph');
    expect(byName.body.tenants.map((t: { tenantId: string }) => t.tenantId)).toEqual([invited.tenantId]);
    expect(byName.body.total).toBe(1);
    const byEmail = await list(`?q=${encodeURIComponent(invited.email.toUpperCase())}`);
    expect(byEmail.body.tenants.map((t: { tenantId: string }) => t.tenantId)).toEqual([invited.tenantId]);
    expect((await list('?q=%25')).body.tenants).toEqual([]); // a literal %, not a wildcard
    const paged = await list('?limit=1&offset=0');
    expect(paged.body.tenants).toHaveLength(1);
    expect(paged.body.total).toBeGreaterThanOrEqual(2);
    expect((await list('?limit=0')).status).toBe(400);
    expect((await list('', world.tenant)).status).toBe(403);
    expect((await list('', world.auditor)).status).toBe(403);
    // Another manager does not see this manager's invitee.
    const theirs = await list('?q=zeph', world.manager2);
    expect(theirs.body.tenants).toEqual([]);
  });

  it('an expired invite shows as expired; resending gives a new link and the old one stops working', async () => {
    const invited = await inviteAs('Rory Expired');
    await world.runtime.database.db.execute(
      sql`UPDATE invites SET expires_at = now() - interval '1 day' WHERE user_id = ${invited.tenantId}`,
    );
    const before = (await list('?q=rory')).body.tenants[0];
    expect(before).toMatchObject({ tenantId: invited.tenantId, status: 'expired' });

    const res = await resendAs(invited.tenantId);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      tenantId: invited.tenantId,
      inviteToken: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(res.body.inviteToken).not.toBe(invited.inviteToken);
    expect((await list('?q=rory')).body.tenants[0].status).toBe('invited');

    const second = await resendAs(invited.tenantId);
    expect(second.status).toBe(201);
    // Only the newest link works.
    expect((await accept(invited.inviteToken)).status).toBe(404);
    expect((await accept(res.body.inviteToken)).status).toBe(404);
    expect((await accept(second.body.inviteToken)).status).toBe(200);
    expect((await list('?q=rory')).body.tenants[0]).toMatchObject({
      status: 'pending',
      inviteExpiresAt: null,
    });

    const accepted = await resendAs(invited.tenantId);
    expect(accepted.status).toBe(409);
    expect(accepted.body.error.code).toBe('invite_already_accepted');
  });

  it("refuses another manager's tenant and an unknown one alike (404), a tenant (403), a bad id (400)", async () => {
    const invited = await inviteAs('Sam Private');
    const other = await resendAs(invited.tenantId, world.manager2);
    const unknown = await resendAs(unknownId, world.manager2);
    expect(other.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(other.body).toEqual(unknown.body);
    expect((await resendAs(invited.tenantId, world.tenant)).status).toBe(403);
    expect((await resendAs('nope')).status).toBe(400);
    // The refused resends left the first link working.
    expect((await accept(invited.inviteToken)).status).toBe(200);
  });

  it('a manager can resend to a tenant leasing in their property who never accepted', async () => {
    // world.tenant2 leases from manager2 and has a password: 409 for manager2, 404 for manager.
    expect((await resendAs(world.tenant2.id, world.manager2)).status).toBe(409);
    expect((await resendAs(world.tenant2.id, world.manager)).status).toBe(404);
  });
});
