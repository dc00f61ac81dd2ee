// Issue 13 #3, #8, #9: sign-in and invite throttling, API token expiry/list/revoke/cap, password
// change, sign out everywhere, the idle timeout, and the session cookie's attributes.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as acceptInvite } from '@/app/api/v1/invites/[token]/route';
import { POST as changePassword } from '@/app/api/v1/me/password/route';
import { GET as me } from '@/app/api/v1/me/route';
import { POST as signIn, DELETE as signOut } from '@/app/api/v1/session/route';
import { DELETE as signOutEverywhere } from '@/app/api/v1/sessions/route';
import { DELETE as revokeToken } from '@/app/api/v1/tokens/[tokenId]/route';
import { POST as createToken, GET as listTokens } from '@/app/api/v1/tokens/route';
import { hashPassword } from '@/server/auth/passwords';
import { createSession, MAX_LIVE_TOKENS, userOfSession } from '@/server/auth/sessions';
import { insertUser } from '@/server/auth/users';
import { apiWorld, call, closeWorld, PASSWORD, type World } from './api-helpers';

let world: World;
beforeAll(async () => {
  world = await apiWorld();
});
afterAll(() => closeWorld(world));

async function aUser(password = PASSWORD) {
  const id = randomUUID();
  const email = `person-${id.slice(0, 8)}@example.com`;
  await insertUser(world.runtime.database.db, {
    id,
    email,
    name: 'Pat Person',
    role: 'manager',
    passwordHash: await hashPassword(password),
  });
  return { id, email };
}

const cookieOf = (res: { headers: Headers }) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
const from = (address: string) => ({ 'x-forwarded-for': address });

describe('sign-in throttling', () => {
  it('10 failures for one account → 429 too_many_attempts with Retry-After, even with the right password', async () => {
    const user = await aUser();
    for (let i = 0; i < 10; i++) {
      const res = await call(signIn, '/session', {
        headers: from(`10.0.0.${i}`),
        body: { email: user.email, password: 'wrong password!' },
      });
      expect(res.status).toBe(401);
    }
    const res = await call(signIn, '/session', {
      headers: from('10.0.1.1'),
      body: { email: user.email, password: PASSWORD },
    });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('too_many_attempts');
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  });

  it('10 failures from one address → 429 for any account from there; others are not affected', async () => {
    const address = `192.0.2.${Math.floor(Math.random() * 200)}`;
    for (let i = 0; i < 10; i++) {
      await call(signIn, '/session', {
        headers: from(address),
        body: { email: `nobody-${i}@example.com`, password: 'guess guess guess' },
      });
    }
    const user = await aUser();
    const blocked = await call(signIn, '/session', {
      headers: from(address),
      body: { email: user.email, password: PASSWORD },
    });
    expect(blocked.status).toBe(429);
    const elsewhere = await call(signIn, '/session', {
      headers: from('198.51.100.7'),
      body: { email: user.email, password: PASSWORD },
    });
    expect(elsewhere.status).toBe(200);
  });

  it('invite acceptance: an unknown token costs no hashing and is throttled per address', async () => {
    const address = '203.0.113.9';
    const started = performance.now();
    for (let i = 0; i < 10; i++) {
      const res = await call(acceptInvite, `/invites/x${i}`, {
        headers: from(address),
        params: { token: `unknown-token-${i}` },
        body: { password: 'a long enough password' },
      });
      expect(res.status).toBe(404);
    }
    // Ten refusals cost less than ten argon2 hashes measured right now (the same machine load).
    const refusals = performance.now() - started;
    const hashing = performance.now();
    for (let i = 0; i < 10; i++) await hashPassword('a long enough password');
    expect(refusals).toBeLessThan(performance.now() - hashing);
    const res = await call(acceptInvite, '/invites/x', {
      headers: from(address),
      params: { token: 'unknown-token-x' },
      body: { password: 'a long enough password' },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('API tokens', () => {
  it('expire (expiresInDays 1–365, default 90), are listed without secrets and revoked', async () => {
    const made = await call(createToken, '/tokens', { as: world.auditor, body: { name: 'ci' } });
    expect(made.status).toBe(201);
    const days = (Date.parse(made.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    for (const expiresInDays of [0, 366, 1.5]) {
      const bad = await call(createToken, '/tokens', {
        as: world.auditor,
        body: { name: 'x', expiresInDays },
      });
      expect(bad.status).toBe(400);
    }
    const listed = await call(listTokens, '/tokens', { as: { token: made.body.token } });
    expect(listed.status).toBe(200);
    const entry = listed.body.tokens.find((t: { tokenId: string }) => t.tokenId === made.body.tokenId);
    expect(Object.keys(entry).sort()).toEqual(['createdAt', 'expiresAt', 'lastUsedAt', 'name', 'tokenId']);
    expect(listed.text).not.toContain(made.body.token);

    // Someone else's token is a 404 (ids cannot be probed); one's own is revoked.
    const foreign = await call(revokeToken, `/tokens/${made.body.tokenId}`, {
      method: 'DELETE',
      as: world.manager,
      params: { tokenId: made.body.tokenId },
    });
    expect(foreign.status).toBe(404);
    const revoked = await call(revokeToken, `/tokens/${made.body.tokenId}`, {
      method: 'DELETE',
      as: world.auditor,
      params: { tokenId: made.body.tokenId },
    });
    expect(revoked.status).toBe(200);
    expect((await call(me, '/me', { as: { token: made.body.token } })).status).toBe(401);
  });

  it(`caps live tokens per user at ${MAX_LIVE_TOKENS} (422 too_many_tokens)`, async () => {
    const user = await aUser();
    const session = await call(signIn, '/session', { body: { email: user.email, password: PASSWORD } });
    const cookie = cookieOf(session);
    for (let i = 0; i < MAX_LIVE_TOKENS; i++) {
      expect(
        (await call(createToken, '/tokens', { headers: { cookie }, body: { name: `t${i}` } })).status,
      ).toBe(201);
    }
    const over = await call(createToken, '/tokens', { headers: { cookie }, body: { name: 'one more' } });
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe('too_many_tokens');
  });
});

describe('POST /me/password and signing out', () => {
  it('changes the password, signs out every other session, revokes API tokens; sign-out keeps tokens', async () => {
    const user = await aUser();
    const signInAs = async () =>
      cookieOf(await call(signIn, '/session', { body: { email: user.email, password: PASSWORD } }));
    const here = await signInAs();
    const elsewhere = await signInAs();
    const token = (await call(createToken, '/tokens', { headers: { cookie: here }, body: { name: 'x' } }))
      .body.token as string;

    // Signing out one session leaves the API token working.
    const third = await signInAs();
    expect((await call(signOut, '/session', { method: 'DELETE', headers: { cookie: third } })).status).toBe(
      204,
    );
    expect((await call(me, '/me', { headers: { cookie: third } })).status).toBe(401);
    expect((await call(me, '/me', { as: { token } })).status).toBe(200);

    const wrong = await call(changePassword, '/me/password', {
      headers: { cookie: here },
      body: { currentPassword: 'not it at all', newPassword: 'a brand new password' },
    });
    expect(wrong.status).toBe(403);
    const short = await call(changePassword, '/me/password', {
      headers: { cookie: here },
      body: { currentPassword: PASSWORD, newPassword: 'short' },
    });
    expect(short.status).toBe(400);
    const changed = await call(changePassword, '/me/password', {
      headers: { cookie: here },
      body: { currentPassword: PASSWORD, newPassword: 'a brand new password' },
    });
    expect(changed.status).toBe(200);
    expect((await call(me, '/me', { headers: { cookie: here } })).status).toBe(200);
    expect((await call(me, '/me', { headers: { cookie: elsewhere } })).status).toBe(401);
    expect((await call(me, '/me', { as: { token } })).status).toBe(401);
    expect((await call(signIn, '/session', { body: { email: user.email, password: PASSWORD } })).status).toBe(
      401,
    );
    const again = await call(signIn, '/session', {
      body: { email: user.email, password: 'a brand new password' },
    });
    expect(again.status).toBe(200);

    // Sign out everywhere: every session ends, this one too.
    const out = await call(signOutEverywhere, '/sessions', { method: 'DELETE', headers: { cookie: here } });
    expect(out.status).toBe(204);
    expect((await call(me, '/me', { headers: { cookie: here } })).status).toBe(401);
    expect((await call(me, '/me', { headers: { cookie: cookieOf(again) } })).status).toBe(401);
  });

  it('a session ends after 30 idle minutes, before its absolute lifetime', async () => {
    const user = await aUser();
    const db = world.runtime.database.db;
    const start = new Date('2030-01-01T10:00:00Z');
    const { token } = await createSession(db, user.id, undefined, start);
    expect(await userOfSession(db, token, new Date('2030-01-01T10:29:00Z'))).not.toBeNull();
    expect(await userOfSession(db, token, new Date('2030-01-01T10:58:00Z'))).not.toBeNull();
    expect(await userOfSession(db, token, new Date('2030-01-01T11:29:00Z'))).toBeNull();
  });
});

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax; Secure with the __Host- prefix unless plain http to loopback', async () => {
    const user = await aUser();
    const local = await call(signIn, '/session', { body: { email: user.email, password: PASSWORD } });
    expect(local.headers.get('set-cookie')).toMatch(
      /^leasebook_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax/,
    );
    expect(local.headers.get('set-cookie')).not.toMatch(/Secure/);
    const remote = await call(signIn, '/session', {
      headers: { host: 'leasebook.example.com' },
      body: { email: user.email, password: PASSWORD },
    });
    expect(remote.headers.get('set-cookie')).toMatch(
      /^__Host-leasebook_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax;.*Secure/,
    );
    // A forged X-Forwarded-Proto: http cannot turn Secure off.
    const forged = await call(signIn, '/session', {
      headers: { host: 'leasebook.example.com', 'x-forwarded-proto': 'http' },
      body: { email: user.email, password: PASSWORD },
    });
    expect(forged.headers.get('set-cookie')).toMatch(/Secure/);
    expect((await call(me, '/me', { headers: { cookie: cookieOf(remote) } })).status).toBe(200);
  });
});
