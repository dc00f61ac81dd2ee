// The event store through the API (events, verify, export, state as of, the feed), the billing
// run, the OpenAPI document and the metrics endpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as metricsRoute } from '@/app/api/metrics/route';
import { POST as runBilling } from '@/app/api/v1/billing/run/route';
import { GET as feed } from '@/app/api/v1/events/route';
import { GET as leaseEvents } from '@/app/api/v1/leases/[leaseId]/events/route';
import { GET as exportTimeline } from '@/app/api/v1/leases/[leaseId]/export/route';
import { POST as pay } from '@/app/api/v1/leases/[leaseId]/payments/route';
import { GET as leaseState } from '@/app/api/v1/leases/[leaseId]/state/route';
import { GET as verify } from '@/app/api/v1/leases/[leaseId]/verify/route';
import { GET as openapi } from '@/app/api/v1/openapi.json/route';
import { CSV_COLUMNS } from '@/server/queries/lease-history';
import { apiWorld, call, closeWorld, type World } from './api-helpers';

let world: World;
let paidVersion: number;
let beforePayment: string;
beforeAll(async () => {
  world = await apiWorld();
  beforePayment = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 5));
  const paid = await call(pay, '/p', {
    as: world.tenant,
    key: 'timeline-pay',
    params: { leaseId: world.own.leaseId },
    body: { amountCents: 50_000, method: 'card', reference: 'has, "quotes"' },
  });
  paidVersion = paid.body.version;
});
afterAll(() => closeWorld(world));

const own = () => ({ leaseId: world.own.leaseId });

describe('GET /leases/:leaseId/events', () => {
  it('lists the stream for its tenant, manager and auditors; 404 for others', async () => {
    const res = await call(leaseEvents, '/events', { as: world.tenant, params: own() });
    expect(res.status).toBe(200);
    const types = res.body.events.map((e: { eventType: string }) => e.eventType);
    expect(types).toEqual(['LeaseCreated', 'RentCharged', 'PaymentReceived']);
    expect(Object.keys(res.body.events[0]).sort()).toEqual(
      [
        'data',
        'eventId',
        'eventType',
        'globalPosition',
        'hash',
        'metadata',
        'recordedAt',
        'schemaVersion',
        'streamId',
        'version',
      ].sort(),
    );
    expect((await call(leaseEvents, '/events', { as: world.manager, params: own() })).status).toBe(200);
    expect((await call(leaseEvents, '/events', { as: world.auditor, params: own() })).status).toBe(200);
    expect((await call(leaseEvents, '/events', { as: world.tenant2, params: own() })).status).toBe(404);
    expect((await call(leaseEvents, '/events', { as: world.manager2, params: own() })).status).toBe(404);
    expect((await call(leaseEvents, '/events', { params: own() })).status).toBe(401);
  });

  it('pages with fromVersion and limit; rejects unknown query keys', async () => {
    const res = await call(leaseEvents, '/events?fromVersion=2&limit=1', {
      as: world.auditor,
      params: own(),
    });
    expect(res.body.events.map((e: { version: number }) => e.version)).toEqual([2]);
    const bad = await call(leaseEvents, '/events?from=2', { as: world.auditor, params: own() });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('from');
    const zero = await call(leaseEvents, '/events?limit=0', { as: world.auditor, params: own() });
    expect(zero.body.error.field).toBe('limit');
  });
});

describe('GET /leases/:leaseId/verify', () => {
  it('recomputes the chain for the manager and auditors; tenants 403; other manager 404', async () => {
    const res = await call(verify, '/verify', { as: world.auditor, params: own() });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ streamId: `lease-${world.own.leaseId}`, events: 3, valid: true });
    expect((await call(verify, '/verify', { as: world.manager, params: own() })).status).toBe(200);
    expect((await call(verify, '/verify', { as: world.tenant, params: own() })).status).toBe(403);
    expect((await call(verify, '/verify', { as: world.manager2, params: own() })).status).toBe(404);
  });
});

describe('GET /leases/:leaseId/export', () => {
  it('streams CSV with the documented columns as a download', async () => {
    const res = await call(exportTimeline, '/export?format=csv', { as: world.auditor, params: own() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="lease-${world.own.leaseId}.csv"`,
    );
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(/^3,PaymentReceived,/);
    expect(lines[3]).toContain(String.raw`""reference"":""has, \""quotes\""""`);
  });

  it('streams JSON that parses', async () => {
    const res = await call(exportTimeline, '/export', { as: world.manager, params: own() });
    expect(res.status).toBe(200);
    const doc = JSON.parse(res.text);
    expect(doc.leaseId).toBe(world.own.leaseId);
    expect(doc.events).toHaveLength(3);
    expect((await call(exportTimeline, '/export', { as: world.tenant, params: own() })).status).toBe(403);
    const bad = await call(exportTimeline, '/export?format=xml', { as: world.auditor, params: own() });
    expect(bad.body.error.field).toBe('format');
  });
});

describe('GET /leases/:leaseId/state', () => {
  it('folds now, as of a version, and as of a recorded time', async () => {
    const now = await call(leaseState, '/state', { as: world.tenant, params: own() });
    expect(now.status).toBe(200);
    expect(now.body).toEqual({
      leaseId: world.own.leaseId,
      version: paidVersion,
      asOf: expect.any(String),
      state: {
        status: 'active',
        balanceCents: 100_000,
        monthlyRentCents: 150_000,
        endDate: expect.any(String),
        depositRequiredCents: 150_000,
        depositHeldCents: 0,
        periods: [
          {
            period: expect.any(String),
            chargedCents: 150_000,
            paidCents: 50_000,
            lateFeeCents: 0,
            completed: false,
          },
        ],
      },
    });
    const v2 = await call(leaseState, '/state?version=2', { as: world.tenant, params: own() });
    expect(v2.body.version).toBe(2);
    expect(v2.body.state.balanceCents).toBe(150_000);
    const earlier = await call(leaseState, `/state?asOf=${encodeURIComponent(beforePayment)}`, {
      as: world.auditor,
      params: own(),
    });
    expect(earlier.body.version).toBe(2);
    expect(earlier.body.asOf).toBe(beforePayment);
    const beforeAll = await call(leaseState, '/state?asOf=2000-01-01T00:00:00Z', {
      as: world.auditor,
      params: own(),
    });
    expect(beforeAll.status).toBe(404);
    const bad = await call(leaseState, '/state?asOf=yesterday', { as: world.auditor, params: own() });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('asOf');
    expect((await call(leaseState, '/state', { as: world.tenant2, params: own() })).status).toBe(404);
  });
});

describe('GET /events (feed)', () => {
  it('pages the global log with an opaque cursor, for auditors and admins only', async () => {
    const first = await call(feed, '/events?limit=2', { as: world.auditor });
    expect(first.status).toBe(200);
    expect(first.body.events).toHaveLength(2);
    const second = await call(feed, `/events?limit=1000&after=${first.body.next}`, { as: world.admin });
    const positions = [...first.body.events, ...second.body.events].map(
      (e: { globalPosition: number }) => e.globalPosition,
    );
    expect(new Set(positions).size).toBe(positions.length);
    const end = await call(feed, `/events?after=${second.body.next}`, { as: world.admin });
    expect(end.body).toEqual({ events: [], next: second.body.next });
    expect((await call(feed, '/events', { as: world.manager })).status).toBe(403);
    expect((await call(feed, '/events', { as: world.tenant })).status).toBe(403);
    const bad = await call(feed, '/events?after=garbage', { as: world.auditor });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_cursor');
  });
});

describe('POST /billing/run', () => {
  it('admin only; returns the report; idempotent', async () => {
    const nextMonth = new Date();
    nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1, 1);
    const asOf = nextMonth.toISOString().slice(0, 10);
    expect((await call(runBilling, '/billing/run', { as: world.manager, body: { asOf } })).status).toBe(403);
    expect((await call(runBilling, '/billing/run', { as: world.auditor, body: { asOf } })).status).toBe(403);
    const res = await call(runBilling, '/billing/run', { as: world.admin, body: { asOf } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ asOf, leases: 2, leasesChanged: 2, failures: [] });
    expect(res.body.eventsByType.RentCharged).toBe(2);
    const again = await call(runBilling, '/billing/run', { as: world.admin, body: { asOf } });
    expect(again.body.leasesChanged).toBe(0);
    const bad = await call(runBilling, '/billing/run', { as: world.admin, body: { asOf: '2025-02-30' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('asOf');
  });
});

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document listing the paths', async () => {
    const res = await call(openapi, '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const path of [
      '/session',
      '/leases',
      '/leases/{leaseId}/payments',
      '/leases/{leaseId}/state',
      '/events',
      '/billing/run',
    ]) {
      expect(res.body.paths[path], path).toBeDefined();
    }
    const payment = res.body.paths['/leases/{leaseId}/payments'].post;
    expect(payment.requestBody.content['application/json'].schema.properties.method.enum).toContain('card');
    expect(payment.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    expect(payment.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', required: true }),
    );
  });
});

describe('GET /api/metrics', () => {
  it('exposes the command, event and projection metrics', async () => {
    // Commands apply their own events; the checkpoint (what lag counts from) is moved by the
    // background runner, which the app runs every second and the test runs here.
    await world.runtime.runner.settle();
    const res = await call(metricsRoute, '/metrics');
    expect(res.status).toBe(200);
    for (const name of [
      'leasebook_commands_total',
      'leasebook_command_duration_seconds',
      'leasebook_events_appended_total',
      'leasebook_projection_lag_events',
      'leasebook_projection_batch_duration_seconds',
    ]) {
      expect(res.text).toContain(name);
    }
    expect(res.text).toMatch(/leasebook_commands_total\{type="ReceivePayment",outcome="ok"\} \d+/);
    expect(res.text).toMatch(/leasebook_events_appended_total\{type="PaymentReceived"\} \d+/);
    expect(res.text).toMatch(/leasebook_projection_lag_events\{projection="leases"\} 0/);
  });
});
