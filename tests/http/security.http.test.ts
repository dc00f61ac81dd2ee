// Issue 13 against the production build (`next start`, what users run): security headers and the
// page CSP nonce, cross-origin and content-type refusals, the session cookie's attributes, NUL
// bytes, malformed cookies and what /health tells anonymous callers. Every sign-in here names its
// own X-Forwarded-For, so the per-address throttle never touches the other suites' sign-ins.
import { describe, expect, it } from 'vitest';

const BASE_URL = process.env.LEASEBOOK_HTTP_BASE_URL ?? '';
const PASSWORD = 'leasebook-demo';
let seq = 0;
const address = () => `198.18.${Math.floor(Math.random() * 250)}.${seq++ % 250}`;

async function signIn(email: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${BASE_URL}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address(), ...headers },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return { res, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
}

const property = {
  name: 'Http Security Court',
  address: { line1: '9 Elm St', city: 'Salem', state: 'OR', postalCode: '97301' },
  units: [{ label: '1', marketRentCents: 100_000 }],
};

describe('security headers', () => {
  it('a page has a nonce CSP its own scripts carry, frame-ancestors none, nosniff, Referrer-Policy, Permissions-Policy', async () => {
    const res = await fetch(`${BASE_URL}/signin`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('permissions-policy')).toContain('camera=()');
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // A fresh nonce per request.
    const again = await fetch(`${BASE_URL}/signin`);
    expect(again.headers.get('content-security-policy')).not.toContain(nonce as string);
  });

  it('an API answer is nosniff with a deny-all CSP', async () => {
    const res = await fetch(`${BASE_URL}/api/v1/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

describe('cookie-authenticated writes', () => {
  it('from another origin: 403 cross_origin; as text/plain: 415; a bearer call needs neither', async () => {
    const { cookie } = await signIn('manager@example.com');
    const post = (headers: Record<string, string>, body = JSON.stringify(property)) =>
      fetch(`${BASE_URL}/api/v1/properties`, { method: 'POST', headers: { cookie, ...headers }, body });

    const cross = await post({ 'content-type': 'application/json', origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect(((await cross.json()) as { error: { code: string } }).error.code).toBe('cross_origin');
    const site = await post({ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' });
    expect(site.status).toBe(403);
    const text = await post({ 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const same = await post({
      'content-type': 'application/json',
      origin: BASE_URL,
      'sec-fetch-site': 'same-origin',
    });
    expect(same.status).toBe(201);

    const token = await fetch(`${BASE_URL}/api/v1/tokens`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'http suite', expiresInDays: 1 }),
    });
    expect(token.status).toBe(201);
    const { token: secret } = (await token.json()) as { token: string };
    const bearer = await fetch(`${BASE_URL}/api/v1/properties`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${secret}`,
        'content-type': 'text/plain',
        origin: 'https://evil.example',
      },
      body: JSON.stringify({ ...property, name: 'Bearer Court' }),
    });
    expect(bearer.status).toBe(201);
  });
});

describe('the session cookie', () => {
  it('plain http to loopback: HttpOnly, SameSite=Lax, no Secure; another host: Secure with the __Host- prefix', async () => {
    const local = await signIn('auditor@example.com');
    expect(local.res.status).toBe(200);
    expect(local.res.headers.get('set-cookie')).toMatch(
      /^leasebook_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax/,
    );
    expect(local.res.headers.get('set-cookie')).not.toMatch(/Secure/);
    const remote = await signIn('auditor@example.com', { 'x-forwarded-host': 'leasebook.example.com' });
    expect(remote.res.headers.get('set-cookie')).toMatch(
      /^__Host-leasebook_session=[\w-]{43};.*HttpOnly;.*Secure/,
    );
  });
});

describe('bad input', () => {
  it('a NUL byte or half a surrogate pair is a 400 and a malformed session cookie is signed out, never a 500', async () => {
    const { cookie } = await signIn('manager@example.com');
    const nul = await fetch(`${BASE_URL}/api/v1/tenants`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Nul\u0000Person', email: 'nul@example.com' }),
    });
    expect(nul.status).toBe(400);
    // Half of a surrogate pair is valid JSON but not Unicode: PostgreSQL cannot store it as it was.
    for (const raw of [
      '{"name":"Half\\ud800","email":"half@example.com"}',
      '{"name":"ok","email":"k@example.com","\\udc00":1}',
    ]) {
      const half = await fetch(`${BASE_URL}/api/v1/tenants`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: raw,
      });
      expect(half.status).toBe(400);
      const error = ((await half.json()) as { error: { code: string; message: string } }).error;
      expect(error).toMatchObject({ code: 'invalid_input' });
      expect(error.message).toContain('valid Unicode');
    }
    for (const bad of ['leasebook_session=%E0%A4%A', `leasebook_session=${'%'.repeat(300)}`]) {
      const res = await fetch(`${BASE_URL}/api/v1/me`, { headers: { cookie: bad } });
      expect(res.status).toBe(401);
      const page = await fetch(`${BASE_URL}/signin`, { headers: { cookie: bad } });
      expect(page.status).toBe(200);
    }
  });
});

describe('GET /health', () => {
  it('tells an anonymous caller only status, database and each projection and subscriber name, lag and status', async () => {
    const res = await fetch(`${BASE_URL}/api/v1/health`);
    const body = (await res.json()) as {
      projections: Record<string, unknown>[];
      subscribers: Record<string, unknown>[];
    };
    expect(Object.keys(body).sort()).toEqual(['database', 'projections', 'status', 'subscribers']);
    expect(body.subscribers.length).toBeGreaterThan(0);
    for (const reader of [...body.projections, ...body.subscribers]) {
      expect(Object.keys(reader).sort()).toEqual(['lagEvents', 'name', 'status']);
    }
  });
});
