// Two production app processes on one PostgreSQL database, driven at once (issue 15): payments,
// notices, maintenance and billing through both, read-your-writes on each, no duplicate events or
// read-model rows, one billing run at a time across processes, and a projection rebuild by a third
// process while both serve traffic leaving every read model equal to the events.
// Run by `npm run test:multi`, which seeds the database and starts both servers.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Reply, request, signIn } from '../http/client';

const A = process.env.LEASEBOOK_MULTI_A ?? '';
const B = process.env.LEASEBOOK_MULTI_B ?? '';
const DATABASE_URL = process.env.LEASEBOOK_MULTI_DATABASE_URL ?? '';
const PASSWORD = 'leasebook-demo';
const SERVERS = () => [A, B] as const;

interface Lease {
  leaseId: string;
  balanceCents: number;
  version: number;
  status: string;
}

/** Sessions per server: each process is signed in to separately, like two browsers. */
const cookies: Record<string, { manager: string; tenant: string; admin: string }> = {};
let sql: postgres.Sql;
let leases: Lease[] = [];

beforeAll(async () => {
  if (!A || !B || !DATABASE_URL) throw new Error('run through npm run test:multi');
  sql = postgres(DATABASE_URL, { max: 2, onnotice: () => {} });
  for (const base of SERVERS()) {
    cookies[base] = {
      manager: await signIn(base, 'manager@example.com', PASSWORD),
      tenant: await signIn(base, 'tenant@example.com', PASSWORD),
      admin: await signIn(base, 'admin@example.com', PASSWORD),
    };
  }
  const listed = await request(A, 'GET', '/api/v1/leases?status=active&limit=20', {
    cookie: cookies[A]?.manager,
  });
  leases = (listed.body.leases as Lease[]).slice(0, 8);
  if (leases.length < 8) throw new Error(`only ${leases.length} active leases in the demo portfolio`);
});
afterAll(() => sql?.end());

const as = (base: string, who: 'manager' | 'tenant' | 'admin') => cookies[base]?.[who] ?? '';

async function leaseOn(base: string, leaseId: string): Promise<Lease> {
  const reply = await request(base, 'GET', `/api/v1/leases/${leaseId}`, { cookie: as(base, 'manager') });
  expect(reply.status).toBe(200);
  return reply.body as Lease;
}

function pay(base: string, leaseId: string, amountCents: number, agent?: http.Agent, key = randomUUID()) {
  return request(base, 'POST', `/api/v1/leases/${leaseId}/payments`, {
    cookie: as(base, 'manager'),
    agent,
    headers: { 'idempotency-key': key },
    body: { amountCents, method: 'check', reference: `multi ${key.slice(0, 8)}` },
  });
}

async function noDuplicates(): Promise<void> {
  const duplicates = await sql`
    SELECT stream_id, event_type, data->>'period' AS period, count(*)::int AS n FROM events
    WHERE event_type = 'LateFeeAssessed' GROUP BY 1, 2, 3 HAVING count(*) > 1
    UNION ALL
    SELECT stream_id, event_type, data->>'paymentId', count(*)::int FROM events
    WHERE event_type = 'PaymentReceived' GROUP BY 1, 2, 3 HAVING count(*) > 1`;
  expect(duplicates, 'duplicate events').toEqual([]);
  const versions = await sql`
    SELECT stream_id FROM events GROUP BY stream_id HAVING max(version) <> count(*)`;
  expect(versions, 'streams whose versions are not contiguous').toEqual([]);
  const rows = await sql`
    SELECT (SELECT count(*) FROM rm_payments)::int AS payments,
           (SELECT count(DISTINCT payment_id) FROM rm_payments)::int AS distinct_payments,
           (SELECT count(*) FROM rm_leases)::int AS leases,
           (SELECT count(*) FROM streams WHERE stream_type = 'lease')::int AS lease_streams`;
  expect(rows[0]?.payments).toBe(rows[0]?.distinct_payments);
  expect(rows[0]?.leases).toBe(rows[0]?.lease_streams);
}

describe('two app processes on one database', () => {
  it('payments through both at once: all 201, each once, balances exact, read-your-writes on each', async () => {
    const before = await Promise.all(leases.map((l) => leaseOn(A, l.leaseId)));
    const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
    const sent = Array.from({ length: 80 }, (_, i) => ({
      base: i % 2 === 0 ? A : B,
      leaseId: (leases[i % leases.length] as Lease).leaseId,
      amountCents: 100 + i,
    }));
    const replies = await Promise.all(sent.map((s) => pay(s.base, s.leaseId, s.amountCents, agent)));
    agent.destroy();
    expect(replies.map((r) => r.status)).toEqual(sent.map(() => 201));
    for (const lease of before) {
      const paid = sent.filter((s) => s.leaseId === lease.leaseId).reduce((n, s) => n + s.amountCents, 0);
      for (const base of SERVERS()) {
        expect((await leaseOn(base, lease.leaseId)).balanceCents).toBe(lease.balanceCents - paid);
      }
    }
    // Read-your-writes on each process, and on the other one right after.
    for (const [writer, reader] of [
      [A, B],
      [B, A],
    ] as const) {
      const lease = leases[0] as Lease;
      const reply = await pay(writer, lease.leaseId, 111);
      expect(reply.status).toBe(201);
      for (const base of [writer, reader]) {
        expect((await leaseOn(base, lease.leaseId)).version).toBeGreaterThanOrEqual(reply.body.version);
      }
    }
    await noDuplicates();
  });

  it('one Idempotency-Key sent to both processes at once pays once, and both answer the same', async () => {
    const lease = leases[1] as Lease;
    const key = randomUUID();
    const agent = new http.Agent({ keepAlive: false });
    const replies: Reply[] = await Promise.all(
      Array.from({ length: 10 }, (_, i) => pay(i % 2 ? A : B, lease.leaseId, 4_321, agent, key)),
    );
    agent.destroy();
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 201));
    expect(new Set(replies.map((r) => r.body.paymentId)).size).toBe(1);
    const [row] = await sql`
      SELECT count(*)::int AS n FROM events
      WHERE event_type = 'PaymentReceived' AND data->>'paymentId' = ${replies[0]?.body.paymentId}`;
    expect(row?.n).toBe(1);
  });

  it('a notice posted on one process shows on the tenant dashboard of the other at once', async () => {
    const mine = await request(B, 'GET', '/api/v1/leases', { cookie: as(B, 'tenant') });
    const propertyId = mine.body.leases[0].propertyId as string;
    const title = `Boiler service ${randomUUID().slice(0, 6)}`;
    const posted = await request(A, 'POST', `/api/v1/properties/${propertyId}/notices`, {
      cookie: as(A, 'manager'),
      body: { title, body: 'The boiler is serviced on Friday morning.' },
    });
    expect(posted.status).toBe(201);
    const dashboard = await request(B, 'GET', '/api/v1/dashboard/tenant', { cookie: as(B, 'tenant') });
    expect(dashboard.body.notices.map((n: { title: string }) => n.title)).toContain(title);
  });

  it("a payment on one process shows in the other's manager analytics at once, though it kept them", async () => {
    // What is open as of today over the portfolio falls by exactly a rent payment on a lease that
    // owes. Each process keeps analytics while the read models stand still (read-cache.ts): the
    // reader has to notice the other process's write, not serve what it kept.
    const today = new Date().toISOString().slice(0, 10);
    const path = `/api/v1/analytics/manager?from=${today.slice(0, 4)}-01-01&to=${today}`;
    const open = async (base: string) => {
      const reply = await request(base, 'GET', path, { cookie: as(base, 'manager') });
      expect(reply.status).toBe(200);
      return (reply.body.delinquency.currentCents + reply.body.delinquency.totalCents) as number;
    };
    const owing = (await Promise.all(leases.map((l) => leaseOn(A, l.leaseId)))).find(
      (l) => l.balanceCents >= 10_000,
    );
    if (!owing) throw new Error('no active demo lease owes 100.00 or more');
    for (const [writer, reader] of [
      [A, B],
      [B, A],
      [A, B],
    ] as const) {
      // Let the runners catch up, then read twice on the reader: the second answer is a kept one.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await open(reader);
      const before = await open(reader);
      expect((await pay(writer, owing.leaseId, 100)).status).toBe(201);
      expect(before - (await open(reader))).toBe(100);
    }
  });

  it('maintenance filed on one process and scheduled on the other', async () => {
    const mine = await request(A, 'GET', '/api/v1/leases', { cookie: as(A, 'tenant') });
    const leaseId = mine.body.leases[0].leaseId as string;
    const filed = await request(B, 'POST', '/api/v1/maintenance-requests', {
      cookie: as(B, 'tenant'),
      body: { leaseId, category: 'plumbing', priority: 'normal', description: 'The kitchen tap drips.' },
    });
    expect(filed.status).toBe(201);
    const scheduled = await request(
      A,
      'POST',
      `/api/v1/maintenance-requests/${filed.body.requestId}/schedule`,
      {
        cookie: as(A, 'manager'),
        body: { scheduledFor: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10) },
      },
    );
    expect(scheduled.status).toBe(201);
    const dashboard = await request(B, 'GET', '/api/v1/dashboard/tenant', { cookie: as(B, 'tenant') });
    const shown = dashboard.body.maintenance.find(
      (m: { requestId: string }) => m.requestId === filed.body.requestId,
    );
    expect(shown?.status).toBe('scheduled');
  });

  it('billing run on both at once: one runs, the other is told it is busy or finds nothing to post', async () => {
    const asOf = new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10);
    const run = (base: string) =>
      request(base, 'POST', '/api/v1/billing/run', { cookie: as(base, 'admin'), body: { asOf } });
    const replies = await Promise.all([run(A), run(B)]);
    const statuses = replies.map((r) => r.status).sort();
    expect([
      [200, 409],
      [200, 200],
    ]).toContainEqual(statuses);
    const done = replies.filter((r) => r.status === 200);
    const changed = done.map((r) => r.body.leasesChanged as number).sort((x, y) => y - x);
    expect(changed[0]).toBeGreaterThan(0);
    if (changed.length === 2) expect(changed[1]).toBe(0);
    for (const r of replies.filter((x) => x.status === 409))
      expect(r.body.error.code).toBe('billing_run_in_progress');
    // Both processes started with the daily billing on: exactly one daily run per key across them.
    const dailyRuns = () => sql`
      SELECT daily_key, count(*) FILTER (WHERE status = 'done')::int AS done FROM billing_runs
      WHERE trigger = 'daily' GROUP BY daily_key`;
    let daily = await dailyRuns();
    for (let i = 0; i < 60 && (daily.length === 0 || daily.some((row) => row.done === 0)); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      daily = await dailyRuns();
    }
    expect(daily.length).toBeGreaterThan(0);
    for (const row of daily) expect(row.done, String(row.daily_key)).toBe(1);
    const again = await run(B);
    expect(again.status).toBe(200);
    expect(again.body.leasesChanged).toBe(0);
    const rent = await sql`
      SELECT stream_id, data->>'period' AS period, data->>'dueDate' AS due, data->>'amountCents' AS cents,
        count(*)::int AS n FROM events
      WHERE event_type = 'RentCharged' GROUP BY 1, 2, 3, 4 HAVING count(*) > 1`;
    expect(rent, 'a period charged twice').toEqual([]);
    await noDuplicates();
  });

  it('a rebuild of the leases read model by a third process while both serve leaves it equal to the events', async () => {
    const rebuild = new Promise<number>((resolve) => {
      const child = spawn('npm', ['run', 'projections:rebuild', '--', 'leases'], {
        env: { ...process.env, DATABASE_URL, LOG_LEVEL: 'warn' },
        stdio: 'ignore',
      });
      child.once('exit', (code) => resolve(code ?? 1));
    });
    // Traffic on both processes for as long as the rebuild runs.
    let rebuilding = true;
    void rebuild.then(() => (rebuilding = false));
    const statuses: number[] = [];
    const traffic = async (base: string, offset: number) => {
      for (let i = 0; rebuilding && i < 400; i += 1) {
        const lease = leases[(i + offset) % leases.length] as Lease;
        statuses.push((await pay(base, lease.leaseId, 50 + offset)).status);
      }
    };
    await Promise.all([traffic(A, 0), traffic(B, 3), traffic(A, 5), traffic(B, 7)]);
    expect(await rebuild).toBe(0);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 201)).toBe(true);
    // Afterwards, on both processes, every lease's read model agrees with a fold of its events.
    for (const lease of leases) {
      for (const base of SERVERS()) {
        const listed = await leaseOn(base, lease.leaseId);
        const folded = await request(base, 'GET', `/api/v1/leases/${lease.leaseId}/state`, {
          cookie: as(base, 'manager'),
        });
        expect(folded.status).toBe(200);
        expect(listed.balanceCents, `${base} ${lease.leaseId}`).toBe(folded.body.state.balanceCents);
        expect(listed.version).toBe(folded.body.version);
      }
    }
    await noDuplicates();
  });
});
