// Sign-in, sessions, API tokens, invites and the wrapper's refusals (401/403/400/413).

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as acceptInvite } from '@/app/api/v1/invites/[token]/route';
import { POST as pay } from '@/app/api/v1/leases/[leaseId]/payments/route';
import { POST as createLease } from '@/app/api/v1/leases/route';
import { GET as me } from '@/app/api/v1/me/route';
import { POST as registerProperty } from '@/app/api/v1/properties/route';
import { POST as signIn, DELETE as signOut } from '@/app/api/v1/session/route';
import { POST as invite } from '@/app/api/v1/tenants/route';
import { POST as createToken } from '@/app/api/v1/tokens/route';
import { hashSecret } from '@/server/auth/sessions';
import { sessions } from '@/server/auth/tables';
import { leaseStreamId } from '@/server/domain/lease';
import { route } from '@/server/http/route';
import { apiWorld, call, closeWorld, countEvents, PASSWORD, today, type World } from './api-helpers';

// Every log line, to check that refusals never log at error level and failures do.
const logged = vi.hoisted(() => [] as { level: string; bindings: Record<string, unknown> }[]);
vi.mock('@/server/log', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/server/log')>();
  const make = (bindings: Record<string, unknown>): unknown => {
    const at = (level: string) => () => {
      logged.push({ level, bindings });
    };
    return {
      child: (more: Record<string, unknown>) => make({ ...bindings, ...more }),
      trace: at('trace'),
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      fatal: at('fatal'),
    };
  };
  return { ...actual, logger: (module?: string) => make({ module }) };
});

let world: World;
beforeAll(async () => {
  world = await apiWorld();
});
afterAll(() => closeWorld(world));

const cookieOf = (headers: Headers) => /leasebook_session=([^;]*)/.exec(headers.get('set-cookie') ?? '')?.[1];

describe('session', () => {
  it('signs in with the right password: 200, the user, an httpOnly SameSite cookie', async () => {
    const res = await call(signIn, '/session', { body: { email: world.tenant.email, password: PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: { id: world.tenant.id, name: world.tenant.name, email: world.tenant.email, role: 'tenant' },
    });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^leasebook_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).toContain(`Max-Age=${30 * 24 * 3600}`);
    expect(setCookie).not.toContain('Secure');
    expect(res.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a wrong password or an unknown email with 401', async () => {
    const wrong = await call(signIn, '/session', {
      body: { email: world.tenant.email, password: 'nope-nope-nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    const unknown = await call(signIn, '/session', {
      body: { email: 'nobody@example.com', password: PASSWORD },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('set-cookie')).toBeNull();
  });

  it('sets Secure over https', async () => {
    const res = await call(signIn, '/session', {
      body: { email: world.tenant.email, password: PASSWORD },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it('the cookie signs the browser in; signing in again rotates it; signing out ends it', async () => {
    const first = cookieOf(
      (await call(signIn, '/session', { body: { email: world.manager.email, password: PASSWORD } })).headers,
    );
    const cookie = { cookie: `leasebook_session=${first}` };
    const who = await call(me, '/me', { headers: cookie });
    expect(who.status).toBe(200);
    expect(who.body.user).toMatchObject({ id: world.manager.id, role: 'manager' });

    const again = await call(signIn, '/session', {
      body: { email: world.manager.email, password: PASSWORD },
      headers: cookie,
    });
    const second = cookieOf(again.headers);
    expect(second).not.toBe(first);
    expect((await call(me, '/me', { headers: cookie })).status).toBe(401);
    const secondCookie = { cookie: `leasebook_session=${second}` };
    expect((await call(me, '/me', { headers: secondCookie })).status).toBe(200);

    const out = await call(signOut, '/session', { method: 'DELETE', headers: secondCookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await call(me, '/me', { headers: secondCookie })).status).toBe(401);
  });

  it('an expired session is signed out', async () => {
    const token = cookieOf(
      (await call(signIn, '/session', { body: { email: world.auditor.email, password: PASSWORD } })).headers,
    );
    const headers = { cookie: `leasebook_session=${token}` };
    expect((await call(me, '/me', { headers })).status).toBe(200);
    await world.runtime.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where(eq(sessions.id, hashSecret(token ?? '')));
    expect((await call(me, '/me', { headers })).status).toBe(401);
  });

  it('anonymous callers get 401 on signed-in routes', async () => {
    const res = await call(me, '/me');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
  });
});

describe('API tokens', () => {
  it('creates a token shown once that works as a Bearer token', async () => {
    const res = await call(createToken, '/tokens', { as: world.auditor, body: { name: 'laptop' } });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^lb_[A-Za-z0-9_-]{43}$/);
    const who = await call(me, '/me', { as: { token: res.body.token } });
    expect(who.body.user.id).toBe(world.auditor.id);
  });

  it('a bad or unknown token is a 401, also on public routes', async () => {
    expect((await call(me, '/me', { as: { token: 'lb_unknown' } })).status).toBe(401);
    expect((await call(me, '/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
    const signInWithBadToken = await call(signIn, '/session', {
      as: { token: 'lb_unknown' },
      body: { email: world.tenant.email, password: PASSWORD },
    });
    expect(signInWithBadToken.status).toBe(401);
    expect(signInWithBadToken.body.error.code).toBe('invalid_token');
  });
});

describe('tenant invites', () => {
  it('a manager invites a tenant, who sets a password once and signs in', async () => {
    const email = `new-${Date.now()}@example.com`;
    const res = await call(invite, '/tenants', { as: world.manager, body: { name: 'Nia New', email } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ tenantId: expect.any(String), inviteToken: expect.any(String) });
    const { inviteToken, tenantId } = res.body;

    const noPassword = await call(signIn, '/session', { body: { email, password: 'anything-at-all' } });
    expect(noPassword.status).toBe(401);

    const short = await call(acceptInvite, '/invites/x', {
      params: { token: inviteToken },
      body: { password: 'too-short' },
    });
    expect(short.status).toBe(400);
    expect(short.body.error.field).toBe('password');

    const accepted = await call(acceptInvite, '/invites/x', {
      params: { token: inviteToken },
      body: { password: 'a long enough password' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ id: tenantId, role: 'tenant', email });

    const reused = await call(acceptInvite, '/invites/x', {
      params: { token: inviteToken },
      body: { password: 'another long password' },
    });
    expect(reused.status).toBe(404);
    const signedIn = await call(signIn, '/session', { body: { email, password: 'a long enough password' } });
    expect(signedIn.status).toBe(200);
  });

  it('409 email_taken for an existing email; only managers invite', async () => {
    const taken = await call(invite, '/tenants', {
      as: world.manager,
      body: { name: 'Again', email: world.tenant.email.toUpperCase() },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('email_taken');
    const byTenant = await call(invite, '/tenants', {
      as: world.tenant,
      body: { name: 'X', email: 'x@example.com' },
    });
    expect(byTenant.status).toBe(403);
    expect(byTenant.body.error.code).toBe('forbidden');
  });
});

describe('bad input', () => {
  let eventsBefore: number;
  beforeAll(async () => {
    logged.length = 0;
    eventsBefore = await countEvents(world, leaseStreamId(world.own.leaseId));
  });

  const payment = { amountCents: 1000, method: 'card' };
  const payAs = (extra: Parameters<typeof call>[2]) =>
    call(pay, '/leases/x/payments', {
      as: world.tenant,
      key: `bad-${Math.random()}`,
      params: { leaseId: world.own.leaseId },
      ...extra,
    });

  it('names the field of a validation error', async () => {
    const res = await payAs({ body: { ...payment, amountCents: 'ten' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_input', field: 'amountCents' });
    const nested = await call(registerProperty, '/properties', {
      as: world.manager,
      body: {
        name: 'X',
        address: { line1: 'a', city: 'b', state: 'c', postalCode: 'd' },
        units: [{ label: 'A', marketRentCents: -1 }],
      },
    });
    expect(nested.status).toBe(400);
    expect(nested.body.error.field).toBe('units.0.marketRentCents');
  });

  it('refuses unknown fields, also nested', async () => {
    const res = await payAs({ body: { ...payment, tip: 5 } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_input', field: 'tip' });
    const nested = await call(registerProperty, '/properties', {
      as: world.manager,
      body: {
        name: 'X',
        address: { line1: 'a', city: 'b', state: 'c', postalCode: 'd', country: 'US' },
        units: [{ label: 'A', marketRentCents: 100 }],
      },
    });
    expect(nested.body.error.field).toBe('address.country');
  });

  it('malformed JSON is a 400 invalid_json', async () => {
    const res = await payAs({ raw: '{"amountCents": 10,' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('a body over 64 KB is a 413, by header or by bytes', async () => {
    const big = JSON.stringify({ ...payment, reference: 'x'.repeat(70_000) });
    const res = await payAs({ raw: big });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    // Refused on the declared length alone, before reading anything.
    const declared = await payAs({ raw: JSON.stringify(payment), headers: { 'content-length': '70000' } });
    expect(declared.status).toBe(413);
    // A request whose declared length lies: the bytes are counted as they arrive.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new Uint8Array(8_192).fill(32));
        controller.close();
      },
    });
    const request = new Request(`http://localhost/api/v1/leases/${world.own.leaseId}/payments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.tenant.token}`, 'idempotency-key': 'stream' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    const streamed = await pay(request, { params: Promise.resolve({ leaseId: world.own.leaseId }) });
    expect(streamed.status).toBe(413);
  });

  it('a malformed id in the path is a 400 naming it', async () => {
    const res = await call(pay, '/leases/nope/payments', {
      as: world.tenant,
      key: 'k',
      params: { leaseId: 'not-a-uuid' },
      body: payment,
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_input', field: 'leaseId' });
  });

  it('a payment without an Idempotency-Key is a 400 idempotency_key_required', async () => {
    const res = await call(pay, '/leases/x/payments', {
      as: world.tenant,
      params: { leaseId: world.own.leaseId },
      body: { ...payment, paymentDate: today },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('idempotency_key_required');
  });

  it('an auditor writing is a 403; a tenant creating a lease too', async () => {
    const auditor = await payAs({ as: world.auditor, body: payment });
    expect(auditor.status).toBe(403);
    const tenant = await call(createLease, '/leases', { as: world.tenant, body: {} });
    expect(tenant.status).toBe(403);
  });

  it('appended nothing, and logged those refusals at info, never at error level', async () => {
    expect(await countEvents(world, leaseStreamId(world.own.leaseId))).toBe(eventsBefore);
    expect(logged.some((l) => l.level === 'info')).toBe(true);
    expect(logged.filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
  });
});

describe('unexpected failures', () => {
  it('are a 500 with a reference to the correlation id, logged at error level with it', async () => {
    logged.length = 0;
    const failing = route({ auth: 'public' }, async () => {
      throw new Error('database exploded');
    });
    const res = await call(failing, '/boom');
    expect(res.status).toBe(500);
    const correlationId = res.headers.get('x-correlation-id');
    expect(res.body).toEqual({
      error: { code: 'internal_error', message: `Something went wrong. Reference: ${correlationId}` },
    });
    expect(res.text).not.toContain('exploded');
    expect(logged).toContainEqual({ level: 'error', bindings: expect.objectContaining({ correlationId }) });
  });
});
