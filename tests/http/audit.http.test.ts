// The auditor's long-stream reads against the production build (`next start`, what users run):
// verify and export read a stream a window at a time (500 events an export page, 1,000 a verify
// chunk), so a lease with more events than both must still come back whole, in order, and valid.
// The lease is this file's own (a tenant, property and lease made here), written by concurrent
// clients; every sign-in names its own X-Forwarded-For so the throttle leaves other suites alone.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { request } from './client';

const BASE_URL = process.env.LEASEBOOK_HTTP_BASE_URL ?? '';
const PASSWORD = 'leasebook-demo';
/** More than two export pages and one verify chunk. */
const CREDITS = 1_050;

let manager = '';
let auditor = '';
let leaseId = '';

async function signIn(email: string, from: string): Promise<string> {
  const reply = await request(BASE_URL, 'POST', '/api/v1/session', {
    headers: { 'x-forwarded-for': from },
    body: { email, password: PASSWORD },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return (reply.setCookie[0] ?? '').split(';')[0] ?? '';
}

async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
  const reply = await request(BASE_URL, 'POST', path, {
    cookie: manager,
    headers: { 'idempotency-key': randomUUID() },
    body,
  });
  expect(reply.status, `${path}: ${JSON.stringify(reply.body)}`).toBe(201);
  return reply.body;
}

beforeAll(async () => {
  manager = await signIn('manager@example.com', '198.19.7.1');
  auditor = await signIn('auditor@example.com', '198.19.7.2');
  const tenant = await post('/api/v1/tenants', {
    name: 'Long Stream Tenant',
    email: `long-stream-${randomUUID().slice(0, 8)}@example.com`,
  });
  const property = await post('/api/v1/properties', {
    name: 'Long Stream Court',
    address: { line1: '1 Ledger Way', city: 'Salem', state: 'OR', postalCode: '97301' },
    units: [{ label: 'L1', marketRentCents: 100_000 }],
  });
  const page = await request(BASE_URL, 'GET', `/api/v1/properties/${property.propertyId}`, {
    cookie: manager,
  });
  const unitId = page.body.units[0].unitId as string;
  const lease = await post('/api/v1/leases', {
    propertyId: property.propertyId,
    unitId,
    tenantId: tenant.tenantId,
    startDate: '2026-12-01',
    endDate: '2027-11-30',
    monthlyRentCents: 100_000,
    dueDay: 1,
    graceDays: 5,
    lateFeeCents: 5_000,
    securityDepositCents: 0,
  });
  leaseId = lease.leaseId as string;
  // Eight clients at a time, one cent each: every credit is its own event on the lease.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  for (let done = 0; done < CREDITS; done += 8) {
    const replies = await Promise.all(
      Array.from({ length: Math.min(8, CREDITS - done) }, (_, i) =>
        request(BASE_URL, 'POST', `/api/v1/leases/${leaseId}/credits`, {
          cookie: manager,
          agent,
          headers: { 'idempotency-key': randomUUID() },
          body: { amountCents: 1, reason: `goodwill ${done + i}` },
        }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 201));
  }
  agent.destroy();
}, 300_000);

describe('a lease longer than one window', () => {
  it('verifies every event of the chain', async () => {
    const lease = await request(BASE_URL, 'GET', `/api/v1/leases/${leaseId}`, { cookie: auditor });
    const version = lease.body.version as number;
    expect(version).toBeGreaterThan(CREDITS);
    const verify = await request(BASE_URL, 'GET', `/api/v1/leases/${leaseId}/verify`, { cookie: auditor });
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ streamId: `lease-${leaseId}`, events: version, valid: true });
  });

  it('exports every event once, in order, as JSON and as CSV', async () => {
    const lease = await request(BASE_URL, 'GET', `/api/v1/leases/${leaseId}`, { cookie: auditor });
    const version = lease.body.version as number;
    const versions = Array.from({ length: version }, (_, i) => i + 1);
    const json = await fetch(`${BASE_URL}/api/v1/leases/${leaseId}/export?format=json`, {
      headers: { cookie: auditor },
    });
    expect(json.status).toBe(200);
    const body = (await json.json()) as { leaseId: string; events: { version: number; eventType: string }[] };
    expect(body.leaseId).toBe(leaseId);
    expect(body.events.map((e) => e.version)).toEqual(versions);
    expect(body.events.filter((e) => e.eventType === 'CreditGranted').length).toBe(CREDITS);
    const csv = await fetch(`${BASE_URL}/api/v1/leases/${leaseId}/export?format=csv`, {
      headers: { cookie: auditor },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    // Cells hold no line breaks here (reasons are one line), so a line is a row.
    const lines = (await csv.text()).split('\r\n').filter((line) => line !== '');
    expect(lines[0]?.startsWith('version,eventType,')).toBe(true);
    expect(lines.slice(1).map((line) => Number(line.split(',')[0]))).toEqual(versions);
  });
});
