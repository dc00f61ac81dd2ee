// The admin console's endpoints (issue 15): admins only; projections with a background rebuild and
// its progress; billing runs in the history; notifications, throughput, database; users created
// and disabled (a disabled account cannot sign in and its tokens stop working). And observability:
// the request's correlation id (accepted from X-Request-Id) in the answer and in event metadata,
// and /api/metrics parsed by a real Prometheus text parser with the new series present and sane,
// including every metric the alert rules in docs/operations.md name.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import parsePrometheusTextFormat, { type MetricFamily } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as metricsRoute } from '@/app/api/metrics/route';
import { GET as billingRuns } from '@/app/api/v1/admin/billing-runs/route';
import { GET as database } from '@/app/api/v1/admin/database/route';
import { GET as notifications } from '@/app/api/v1/admin/notifications/route';
import { POST as rebuild } from '@/app/api/v1/admin/projections/[name]/rebuild/route';
import { GET as projections } from '@/app/api/v1/admin/projections/route';
import { GET as throughput } from '@/app/api/v1/admin/throughput/route';
import { POST as disable } from '@/app/api/v1/admin/users/[userId]/disable/route';
import { POST as createUser, GET as listUsers } from '@/app/api/v1/admin/users/route';
import { POST as runBilling } from '@/app/api/v1/billing/run/route';
import { POST as pay } from '@/app/api/v1/leases/[leaseId]/payments/route';
import { GET as me } from '@/app/api/v1/me/route';
import { POST as apiRebuild } from '@/app/api/v1/projections/[name]/rebuild/route';
import { GET as apiProjections } from '@/app/api/v1/projections/route';
import { POST as signIn } from '@/app/api/v1/session/route';
import { rows } from '@/server/db/client';
import { apiWorld, call, closeWorld, PASSWORD, type World } from './api-helpers';

let world: World;
beforeAll(async () => {
  world = await apiWorld();
});
afterAll(() => closeWorld(world));

const ADMIN_GETS = [
  [projections, '/admin/projections'],
  [apiProjections, '/projections'],
  [billingRuns, '/admin/billing-runs'],
  [notifications, '/admin/notifications'],
  [throughput, '/admin/throughput'],
  [database, '/admin/database'],
  [listUsers, '/admin/users'],
] as const;

describe('admin endpoints', () => {
  it('refuse anonymous callers (401) and every other role (403)', async () => {
    for (const [handler, path] of ADMIN_GETS) {
      expect((await call(handler, path)).status, path).toBe(401);
      for (const who of [world.manager, world.tenant, world.auditor]) {
        const reply = await call(handler, path, { as: who });
        expect(reply.status, `${path} as ${who.role}`).toBe(403);
      }
      expect((await call(handler, path, { as: world.admin })).status, path).toBe(200);
    }
    const refused = await call(rebuild, '/admin/projections/leases/rebuild', {
      method: 'POST',
      as: world.manager,
      params: { name: 'leases' },
    });
    expect(refused.status).toBe(403);
    const made = await call(createUser, '/admin/users', {
      as: world.manager,
      body: {
        email: `x-${randomUUID()}@example.com`,
        name: 'X',
        role: 'manager',
        password: 'long enough pass',
      },
    });
    expect(made.status).toBe(403);
  });

  it("answers on API.md's paths too: GET /projections and POST /projections/:name/rebuild", async () => {
    await world.runtime.runner.settle(5_000);
    const refused = await call(apiRebuild, '/projections/stream-stats/rebuild', {
      method: 'POST',
      as: world.tenant,
      params: { name: 'stream-stats' },
    });
    expect(refused.status).toBe(403);
    const started = await call(apiRebuild, '/projections/stream-stats/rebuild', {
      method: 'POST',
      as: world.admin,
      params: { name: 'stream-stats' },
    });
    expect(started.status).toBe(202);
    let line: Record<string, unknown> | undefined;
    for (let i = 0; i < 200; i += 1) {
      const listed = await call(apiProjections, '/projections', { as: world.admin });
      expect(listed.status).toBe(200);
      line = listed.body.projections.find((p: { name: string }) => p.name === 'stream-stats');
      if ((line?.rebuild as { status?: string } | null)?.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(Object.keys(line ?? {})).toEqual(
      expect.arrayContaining(['name', 'position', 'lagEvents', 'status', 'lastError', 'rebuild']),
    );
    expect(line?.rebuild).toMatchObject({
      status: 'done',
      processed: expect.any(Number),
      total: expect.any(Number),
    });
    expect((line?.rebuild as { processed?: number } | undefined)?.processed).toBeGreaterThan(0);
  });

  it('lists projections and subscribers; a rebuild answers 202 at once and its progress reaches done', async () => {
    await world.runtime.runner.settle(5_000);
    const listed = await call(projections, '/admin/projections', { as: world.admin });
    const names = listed.body.projections.map((p: { name: string }) => p.name);
    expect(names).toContain('leases');
    expect(listed.body.projections.some((p: { kind: string }) => p.kind === 'subscriber')).toBe(true);
    const leases = listed.body.projections.find((p: { name: string }) => p.name === 'leases');
    expect(leases).toMatchObject({ kind: 'projection', status: 'ok', lagEvents: 0 });
    expect(leases.position).toBeGreaterThan(0);

    const started = await call(rebuild, '/admin/projections/leases/rebuild', {
      method: 'POST',
      as: world.admin,
      params: { name: 'leases' },
    });
    expect(started.status).toBe(202);
    expect(started.body.rebuild).toMatchObject({ projection: 'leases', status: 'running', processed: 0 });
    expect(started.body.rebuild.total).toBeGreaterThan(0);
    let rebuildState: { status: string; processed: number; total: number } | undefined;
    for (let i = 0; i < 200; i += 1) {
      const now = await call(projections, '/admin/projections', { as: world.admin });
      rebuildState = now.body.projections.find((p: { name: string }) => p.name === 'leases').rebuild;
      if (rebuildState?.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(rebuildState?.status).toBe('done');
    expect(rebuildState?.processed).toBeGreaterThan(0);

    const unknown = await call(rebuild, '/admin/projections/nope/rebuild', {
      method: 'POST',
      as: world.admin,
      params: { name: 'nope' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown_projection');
    const bad = await call(rebuild, '/admin/projections/x/rebuild', {
      method: 'POST',
      as: world.admin,
      params: { name: 'DROP TABLE' },
    });
    expect(bad.status).toBe(400);
  });

  it('a billing run as of a date shows in the history with its report', async () => {
    const asOf = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const ran = await call(runBilling, '/billing/run', { as: world.admin, body: { asOf } });
    expect(ran.status).toBe(200);
    const history = await call(billingRuns, '/admin/billing-runs', { as: world.admin });
    const run = history.body.runs.find((r: { asOf: string }) => r.asOf === asOf);
    expect(run).toMatchObject({ trigger: 'api', status: 'done', leasesChanged: ran.body.leasesChanged });
    expect(run.leases).toBeGreaterThan(0);
    expect((await call(billingRuns, '/admin/billing-runs?limit=0', { as: world.admin })).status).toBe(400);
  });

  it('notifications, throughput and the database answer figures that match the tables', async () => {
    const n = await call(notifications, '/admin/notifications', { as: world.admin });
    expect(n.body.outbox).toEqual({
      pending: expect.any(Number),
      sent: expect.any(Number),
      failed: expect.any(Number),
    });
    expect(n.body.webhooks.pending).toBeGreaterThanOrEqual(0);
    const t = await call(throughput, '/admin/throughput', { as: world.admin });
    expect(t.body.minutes).toHaveLength(60);
    const db = await call(database, '/admin/database', { as: world.admin });
    const [counted] = await rows<{ n: number | string }>(
      world.runtime.database.db,
      sql`SELECT count(*) AS n FROM events`,
    );
    expect(db.body.events).toBe(Number(counted?.n));
    // Events written just now by this test world are all within the last hour.
    const lastHour = t.body.minutes.reduce((s: number, m: { events: number }) => s + m.events, 0);
    expect(lastHour).toBeGreaterThan(0);
    expect(lastHour).toBeLessThanOrEqual(db.body.events);
    expect(db.body.sizeBytes).toBeGreaterThan(0);
    expect(db.body.eventTypes.map((e: { eventType: string }) => e.eventType)).toContain('LeaseCreated');
  });

  it('creates a manager who can sign in; a disabled account cannot sign in and its token stops working', async () => {
    const email = `new-manager-${randomUUID().slice(0, 8)}@example.com`;
    const password = 'a first password';
    const made = await call(createUser, '/admin/users', {
      as: world.admin,
      body: { email, name: 'New Manager', role: 'manager', password },
    });
    expect(made.status).toBe(201);
    const again = await call(createUser, '/admin/users', {
      as: world.admin,
      body: { email: email.toUpperCase(), name: 'Twice', role: 'auditor', password },
    });
    expect(again.status).toBe(409);
    for (const body of [
      { email, name: 'X', role: 'admin', password },
      { email: 'not an email', name: 'X', role: 'manager', password },
      { email: `short-${email}`, name: 'X', role: 'manager', password: 'short' },
      { email: `extra-${email}`, name: 'X', role: 'manager', password, extra: 1 },
    ]) {
      expect((await call(createUser, '/admin/users', { as: world.admin, body })).status).toBe(400);
    }
    expect((await call(signIn, '/session', { body: { email, password } })).status).toBe(200);

    // The auditor has a live API token: disabling ends it at once.
    expect((await call(me, '/me', { as: world.auditor })).status).toBe(200);
    const off = await call(disable, `/admin/users/${world.auditor.id}/disable`, {
      as: world.admin,
      params: { userId: world.auditor.id },
      body: {},
    });
    expect(off.status).toBe(200);
    expect(off.body.disabled).toBe(true);
    expect((await call(me, '/me', { as: world.auditor })).status).toBe(401);
    const refused = await call(signIn, '/session', {
      body: { email: world.auditor.email, password: PASSWORD },
    });
    expect(refused.status).toBe(401);
    const listed = await call(listUsers, '/admin/users', { as: world.admin });
    expect(listed.body.users.find((u: { userId: string }) => u.userId === world.auditor.id).disabled).toBe(
      true,
    );
    // Enabled again: the password works again (the revoked token stays revoked).
    const on = await call(disable, `/admin/users/${world.auditor.id}/disable`, {
      as: world.admin,
      params: { userId: world.auditor.id },
      body: { disabled: false },
    });
    expect(on.body.disabled).toBe(false);
    expect(
      (await call(signIn, '/session', { body: { email: world.auditor.email, password: PASSWORD } })).status,
    ).toBe(200);
    expect((await call(me, '/me', { as: world.auditor })).status).toBe(401);

    const self = await call(disable, `/admin/users/${world.admin.id}/disable`, {
      as: world.admin,
      params: { userId: world.admin.id },
      body: {},
    });
    expect(self.status).toBe(409);
    const nobody = randomUUID();
    expect(
      (
        await call(disable, `/admin/users/${nobody}/disable`, {
          as: world.admin,
          params: { userId: nobody },
          body: {},
        })
      ).status,
    ).toBe(404);
  });
});

describe('correlation id', () => {
  it('accepts a valid X-Request-Id, echoes it, and writes it into the metadata of the events', async () => {
    const requestId = `req-${randomUUID()}`;
    const paid = await call(pay, `/leases/${world.own.leaseId}/payments`, {
      as: world.manager,
      params: { leaseId: world.own.leaseId },
      key: randomUUID(),
      headers: { 'x-request-id': requestId },
      body: { amountCents: 1_000, method: 'check' },
    });
    expect(paid.status).toBe(201);
    expect(paid.headers.get('x-request-id')).toBe(requestId);
    expect(paid.headers.get('x-correlation-id')).toBe(requestId);
    const [event] = await rows<{ correlation: string }>(
      world.runtime.database.db,
      sql`SELECT metadata->>'correlationId' AS correlation FROM events
          WHERE event_type = 'PaymentReceived' AND data->>'paymentId' = ${paid.body.paymentId}`,
    );
    expect(event?.correlation).toBe(requestId);
  });

  it('replaces an invalid one with a fresh uuid', async () => {
    for (const bad of ['short', 'has spaces in it', 'x'.repeat(200), 'semi;colon;value']) {
      const reply = await call(me, '/me', { as: world.tenant, headers: { 'x-request-id': bad } });
      expect(reply.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    const viaOther = await call(me, '/me', {
      as: world.tenant,
      headers: { 'correlation-id': 'trace-12345678' },
    });
    expect(viaOther.headers.get('x-correlation-id')).toBe('trace-12345678');
  });
});

// The text exposition format, line by line (https://prometheus.io/docs/instrumenting/exposition_formats/):
// what `promtool check metrics` refuses as unparsable. parse-prometheus-text-format reads the
// families (names, types, labels with escapes) but accepts any value and flattens a labelled
// histogram's buckets into one, so the sample grammar and each histogram series are checked here.
// Values as Prometheus reads them (Go's ParseFloat: Inf/NaN in any case; prom-client writes `Nan`).
const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
const VALUE =
  '(?:[-+]?(?:\\d+\\.?\\d*(?:[eE][-+]?\\d+)?|\\.\\d+(?:[eE][-+]?\\d+)?)|[-+]?(?:[iI][nN][fF](?:[iI][nN][iI][tT][yY])?)|[nN][aA][nN])';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL})(?:,(?:${LABEL}))*)?,?\\})? (${VALUE})(?: -?\\d+)?$`);

interface Sample {
  name: string;
  labels: string;
  value: number;
}

function strictSamples(text: string): Sample[] {
  const typed = new Map<string, string>();
  const helped = new Set<string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (meta) {
      const [, kind, name = '', rest = ''] = meta;
      expect(name, line).toMatch(new RegExp(`^${NAME}$`));
      if (kind === 'TYPE') {
        expect(typed.has(name), `TYPE twice: ${name}`).toBe(false);
        expect(['counter', 'gauge', 'histogram', 'summary', 'untyped']).toContain(rest);
        typed.set(name, rest);
      } else {
        expect(helped.has(name), `HELP twice: ${name}`).toBe(false);
        helped.add(name);
      }
      continue;
    }
    expect(line.startsWith('#') || SAMPLE.test(line), `not a sample line: ${line}`).toBe(true);
    const match = SAMPLE.exec(line);
    if (match) {
      const [, name = '', labels = '', value = ''] = match;
      const family = typed.has(name) ? name : name.replace(/_(bucket|count|sum)$/, '');
      expect(typed.has(family), `sample before its TYPE: ${line}`).toBe(true);
      samples.push({
        name,
        labels,
        value: /nan/i.test(value) ? Number.NaN : Number(value.replace(/inf(inity)?/i, 'Infinity')),
      });
    }
  }
  return samples;
}

/** A histogram's series with these labels: count, sum, buckets (cumulative, +Inf = count). */
function histogram(samples: Sample[], name: string, labels: string) {
  const without = (text: string) =>
    text
      .split(/,(?=[a-zA-Z_][a-zA-Z0-9_]*=")/)
      .filter((pair) => pair !== '' && !pair.startsWith('le='))
      .sort()
      .join(',');
  const wanted = without(labels);
  const of = (suffix: string) =>
    samples.filter((s) => s.name === `${name}_${suffix}` && without(s.labels) === wanted);
  const count = of('count')[0]?.value ?? Number.NaN;
  const sum = of('sum')[0]?.value ?? Number.NaN;
  const buckets = of('bucket').map((s) => s.value);
  return { count, sum, buckets };
}

describe('/api/metrics', () => {
  const scrape = async (): Promise<string> => {
    const scraped = await call(metricsRoute, '/metrics');
    expect(scraped.status).toBe(200);
    return scraped.text;
  };
  const families = async (): Promise<Map<string, MetricFamily>> =>
    new Map(parsePrometheusTextFormat(await scrape()).map((f) => [f.name, f]));

  it('parses as Prometheus text with HTTP, database, lag, backlog and process series after traffic', async () => {
    for (let i = 0; i < 3; i += 1) await call(me, '/me', { as: world.tenant });
    await call(me, '/me');
    await world.runtime.runner.settle(5_000);
    const text = await scrape();
    const samples = strictSamples(text);
    const parsed = new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f]));
    const requests = parsed.get('leasebook_http_requests_total');
    expect(requests?.type).toBe('COUNTER');
    const meOk = requests?.metrics.find(
      (m) => m.labels?.route === '/api/v1/me' && m.labels?.status === '200' && m.labels?.method === 'GET',
    );
    expect(Number(meOk?.value)).toBeGreaterThanOrEqual(3);
    expect(
      requests?.metrics.some((m) => m.labels?.route === '/api/v1/me' && m.labels?.status === '401'),
    ).toBe(true);
    // Route patterns, never raw paths (no ids in the label).
    for (const m of requests?.metrics ?? []) expect(m.labels?.route).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    expect(requests?.metrics.some((m) => m.labels?.route === '/api/v1/leases/{leaseId}/payments')).toBe(true);

    const latency = parsed.get('leasebook_http_request_duration_seconds');
    expect(latency?.type).toBe('HISTOGRAM');
    const meLatency = histogram(
      samples,
      'leasebook_http_request_duration_seconds',
      'method="GET",route="/api/v1/me",status="200"',
    );
    expect(meLatency.count).toBeGreaterThanOrEqual(3);
    expect(meLatency.sum).toBeGreaterThan(0);
    expect(meLatency.buckets.length).toBe(12);
    expect(meLatency.buckets).toEqual([...meLatency.buckets].sort((a, b) => a - b));
    expect(meLatency.buckets.at(-1)).toBe(meLatency.count);

    expect(Number(parsed.get('leasebook_db_pool_max')?.metrics[0]?.value)).toBeGreaterThanOrEqual(1);
    expect(parsed.get('leasebook_http_requests_in_flight')?.type).toBe('GAUGE');
    const lag = parsed.get('leasebook_projection_lag_events');
    expect(lag?.metrics.find((m) => m.labels?.projection === 'leases')?.value).toBe('0');
    expect(parsed.get('leasebook_projection_failing')?.metrics.every((m) => m.value === '0')).toBe(true);
    expect(parsed.get('leasebook_subscriber_lag_events')?.metrics.length).toBeGreaterThan(0);
    const backlog = parsed.get('leasebook_notification_backlog');
    expect(backlog?.metrics.map((m) => m.labels?.channel).sort()).toEqual(['email', 'webhook']);
    expect(Number(parsed.get('leasebook_process_resident_memory_bytes')?.metrics[0]?.value)).toBeGreaterThan(
      0,
    );
    expect(parsed.get('leasebook_nodejs_eventloop_lag_seconds')).toBeDefined();
  });

  it('every metric the alert rules in docs/operations.md name is exported', async () => {
    const doc = fs.readFileSync('docs/operations.md', 'utf8');
    const rules = /```yaml\n# leasebook-alerts\.yml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(rules, 'the alert rules block in docs/operations.md').toBeDefined();
    const named = new Set([...(rules ?? '').matchAll(/\bleasebook_[a-z_]+/g)].map((m) => m[0]));
    expect(named.size).toBeGreaterThan(3);
    const parsed = await families();
    for (const name of named) {
      const family = name.replace(/_(bucket|count|sum)$/, '');
      expect(parsed.has(family) || parsed.has(name), name).toBe(true);
    }
  });
});
