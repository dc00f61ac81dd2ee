// The database misbehaving under the production server, on a PRIVATE PostgreSQL cluster
// (./cluster.ts: initdb into a temp dir, its own port, removed afterwards):
// - a restart of PostgreSQL during load: requests fail fast with 503 in the documented error
//   shape (none hangs past the statement timeout), the app recovers without a restart, and every
//   payment acknowledged with 201 is in the event store (resent with its key: the same payment);
// - a projection handler failing on one event (a CHECK constraint added to its read table, the
//   poison row, removed afterwards): only that projection is degraded, health says so (the error
//   for admins only), commands go on, and it catches up alone after the fix;
// - an idle-in-transaction connection holding a projection's lock is cut by
//   idle_in_transaction_session_timeout (set by server/db/client.ts), and projections wait no
//   longer than that.

import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Reply, request } from '../http/client';
import { PrivateCluster } from './cluster';
import { figure, ROOT, Server, signIn, sleep } from './harness';

const STATEMENT_TIMEOUT_MS = 5_000;
const IDLE_TX_TIMEOUT_MS = 3_000;
/** How often the server's background catch-up runs (CATCH_UP_EVERY_MS in server/startup.ts). */
const CATCH_UP_TICK_MS = 1_000;
/**
 * While PostgreSQL restarts every failure is a 503 in the error shape, and none waits past the
 * statement timeout plus a connect attempt (server/db/client.ts caps postgres.js's reconnect
 * backoff at 0.5 s: its default grew to 20 s, and a 503 once took 24 s).
 */
const FAILURE_BOUND_MS = STATEMENT_TIMEOUT_MS + 5_000;
const cluster = new PrivateCluster();
let server: Server;
let dbUrl = '';
let manager = '';
let admin = '';
let tenant = '';
let leases: string[] = [];

beforeAll(async () => {
  await cluster.create();
  const admin0 = postgres(cluster.serverUrl, { max: 1, onnotice: () => {} });
  await admin0.unsafe('CREATE DATABASE leasebook_rel');
  await admin0.end();
  dbUrl = cluster.url('leasebook_rel');
  const seeded = spawnSync('npm', ['run', 'db:seed'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: dbUrl, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (seeded.status !== 0) throw new Error(`seed failed: ${seeded.stdout}${seeded.stderr}`);
  server = new Server(
    { kind: 'postgres', url: dbUrl },
    {
      DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: String(IDLE_TX_TIMEOUT_MS),
    },
  );
  await server.start();
  manager = await signIn(server.url, 'manager@example.com');
  admin = await signIn(server.url, 'admin@example.com');
  tenant = await signIn(server.url, 'tenant@example.com');
  const listed = await request(server.url, 'GET', '/api/v1/leases?status=active&limit=8', {
    cookie: manager,
  });
  leases = (listed.body.leases as { leaseId: string }[]).map((l) => l.leaseId);
  expect(leases.length).toBeGreaterThanOrEqual(4);
});

afterAll(async () => {
  await server?.kill();
  cluster.remove();
});

const isErrorShape = (body: unknown) => {
  const e = (body as { error?: Record<string, unknown> } | undefined)?.error;
  return (
    !!e &&
    typeof e.code === 'string' &&
    typeof e.message === 'string' &&
    Object.keys(body as object).length === 1
  );
};

interface Sent {
  key: string;
  leaseId: string;
  amountCents: number;
  reply?: Reply;
  error?: string;
}

describe('PostgreSQL restart during load', () => {
  it('answers 503 fast while it is down, recovers without an app restart, loses nothing acknowledged', async () => {
    const sent: Sent[] = [];
    const reads: Reply[] = [];
    let stop = false;
    let downAt = 0;
    let upAt = 0;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const pay = (s: Sent, a: http.Agent) =>
      request(server.url, 'POST', `/api/v1/leases/${s.leaseId}/payments`, {
        cookie: manager,
        agent: a,
        headers: { 'idempotency-key': s.key },
        body: { amountCents: s.amountCents, method: 'check' },
      });
    const writer = async (c: number) => {
      for (let i = 0; !stop; i++) {
        const s: Sent = {
          key: randomUUID(),
          leaseId: leases[(c + i) % leases.length] as string,
          amountCents: 100 + c,
        };
        sent.push(s);
        try {
          s.reply = await pay(s, agent);
        } catch (error) {
          s.error = String(error);
        }
        if (s.reply?.status === 503) await sleep(100);
      }
    };
    const reader = async (c: number) => {
      while (!stop) {
        const path = c % 2 ? `/api/v1/leases/${leases[0]}` : '/api/v1/leases?limit=20';
        reads.push(
          await request(server.url, 'GET', path, { cookie: manager, agent }).catch(
            (e) => ({ status: -1, body: String(e), ms: 0 }) as unknown as Reply,
          ),
        );
        await sleep(20);
      }
    };
    const load = [
      ...Array.from({ length: 6 }, (_, c) => writer(c)),
      ...Array.from({ length: 4 }, (_, c) => reader(c)),
    ];
    while (sent.filter((s) => s.reply?.status === 201).length < 40) await sleep(20);
    const beforeRestart = sent.length;
    downAt = performance.now();
    cluster.stop('fast');
    await sleep(4_000);
    cluster.start();
    upAt = performance.now();
    // Recovered: new payments are acknowledged again, by the same app process.
    const recoveredFrom = sent.length;
    const deadline = performance.now() + 60_000;
    while (sent.slice(recoveredFrom).filter((s) => s.reply?.status === 201).length < 40) {
      if (performance.now() > deadline) throw new Error('the app did not recover after PostgreSQL came back');
      await sleep(50);
    }
    const recoveredAt = performance.now();
    stop = true;
    await Promise.all(load);
    agent.destroy();

    const replies = [...sent.map((s) => s.reply).filter((r): r is Reply => !!r), ...reads];
    const failed = replies.filter((r) => r.status !== 200 && r.status !== 201);
    const statuses: Record<number, number> = {};
    for (const r of replies) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    expect(
      sent.filter((s) => s.error),
      'a request without an answer',
    ).toEqual([]);
    for (const r of failed) {
      expect.soft(r.status, JSON.stringify(r.body)).toBe(503);
      expect.soft(isErrorShape(r.body), JSON.stringify(r.body)).toBe(true);
      expect.soft(r.ms, 'a failure slower than the statement timeout').toBeLessThan(FAILURE_BOUND_MS);
    }
    expect(failed.length, 'the outage was seen').toBeGreaterThan(0);
    expect(server.alive()).toBe(true);

    // Nothing acknowledged is lost: every 201 is in the event store, and a resend is the same payment.
    const acknowledged = sent.filter((s) => s.reply?.status === 201);
    const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
    const stored = new Set(
      (
        await sql<
          { id: string }[]
        >`SELECT data->>'paymentId' AS id FROM events WHERE event_type = 'PaymentReceived'`
      ).map((r) => r.id),
    );
    await sql.end();
    for (const s of acknowledged) expect.soft(stored.has(s.reply?.body.paymentId), s.key).toBe(true);
    const replay = new http.Agent({ keepAlive: true, maxSockets: 16 });
    // A client honours 503 + Retry-After: a pooled connection the restart broke answers 503 once
    // when it is next used, then the pool replaces it.
    const resend = async (s: (typeof sent)[number]) => {
      for (let attempt = 1; ; attempt++) {
        const reply = await pay(s, replay);
        if (reply.status !== 503 || attempt === 5) return reply;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    };
    const again = await Promise.all(sent.map(resend));
    replay.destroy();
    sent.forEach((s, i) => {
      expect.soft(again[i]?.status, s.key).toBe(201);
      if (s.reply?.status === 201) expect.soft(again[i]?.body.paymentId, s.key).toBe(s.reply.body.paymentId);
    });
    const maxFailMs = Math.max(...failed.map((r) => r.ms));
    figure(
      `PostgreSQL restart: ${sent.length + reads.length} requests (${sent.length} keyed payments, ${beforeRestart} before the stop), ` +
        `1 database restart injected (down ${((upAt - downAt) / 1000).toFixed(1)} s), statuses ${JSON.stringify(statuses)}, ` +
        `slowest failure ${maxFailMs.toFixed(0)} ms (statement timeout ${STATEMENT_TIMEOUT_MS} ms), recovered ` +
        `${((recoveredAt - upAt) / 1000).toFixed(1)} s after it was back, ${acknowledged.length} acknowledged payments all stored, ` +
        `${sent.length} keys resent`,
    );
  });
});

async function health(cookie?: string) {
  const reply = await request(server.url, 'GET', '/api/v1/health', cookie ? { cookie } : {});
  return reply.body as {
    status: string;
    projections: {
      name: string;
      status: string;
      lagEvents: number;
      lastError?: string;
      parked?: unknown[];
    }[];
  };
}

describe('a projection handler failing on one event', () => {
  it('degrades only that projection, health says so (details for admins), commands go on, it catches up after the fix', async () => {
    const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
    // The poison: the maintenance read table refuses this one description (as a bug or a value it
    // cannot hold would); the event itself is valid and is stored.
    await sql.unsafe('ALTER TABLE rm_maintenance DROP CONSTRAINT IF EXISTS rel_poison');
    await sql.unsafe(
      `ALTER TABLE rm_maintenance ADD CONSTRAINT rel_poison CHECK (description NOT LIKE '%rel-poison%') NOT VALID`,
    );
    const tenantLease = (await request(server.url, 'GET', '/api/v1/leases', { cookie: tenant })).body
      .leases[0].leaseId;
    const filed = await request(server.url, 'POST', '/api/v1/maintenance-requests', {
      cookie: tenant,
      body: {
        leaseId: tenantLease,
        category: 'plumbing',
        priority: 'normal',
        description: 'Leak rel-poison under the sink',
      },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBeLessThan(500);
    // Wait for the maintenance projection itself (the overall status is also degraded while a
    // subscriber is behind, as it may be right after the restart test above).
    const poisoned = (h: typeof seen) =>
      h.projections.some((p) => p.name === 'maintenance' && p.status !== 'ok');
    let seen = await health(admin);
    for (let i = 0; i < 100 && !poisoned(seen); i++) {
      await sleep(200);
      seen = await health(admin);
    }
    expect(seen.status).toBe('degraded');
    const bad = seen.projections.filter((p) => p.status !== 'ok');
    expect(
      bad.map((p) => p.name),
      JSON.stringify(seen),
    ).toEqual(['maintenance']);
    expect(JSON.stringify(bad[0])).toMatch(/rm_maintenance/);
    // Anonymous callers see that it is degraded, never the error text.
    const anonymous = await health();
    expect(anonymous.status).toBe('degraded');
    expect(JSON.stringify(anonymous)).not.toMatch(/rm_maintenance|rel-poison|lastError|params/);
    // Commands go on: payments, and other maintenance requests' own streams.
    const paid = await request(server.url, 'POST', `/api/v1/leases/${leases[1]}/payments`, {
      cookie: manager,
      headers: { 'idempotency-key': randomUUID() },
      body: { amountCents: 123, method: 'check' },
    });
    expect(paid.status).toBe(201);
    const other = await request(server.url, 'POST', '/api/v1/maintenance-requests', {
      cookie: tenant,
      body: {
        leaseId: tenantLease,
        category: 'electrical',
        priority: 'low',
        description: 'Flickering hall light',
      },
    });
    expect(other.status).toBe(201);
    // The fix: the constraint goes; the parked stream is retried on its own (within a minute).
    await sql.unsafe('ALTER TABLE rm_maintenance DROP CONSTRAINT rel_poison');
    const fixedAt = performance.now();
    for (;;) {
      seen = await health(admin);
      if (seen.status === 'ok' && seen.projections.every((p) => p.status === 'ok' && p.lagEvents === 0))
        break;
      if (performance.now() - fixedAt > 90_000) throw new Error(`did not catch up: ${JSON.stringify(seen)}`);
      await sleep(500);
    }
    const caughtUpMs = performance.now() - fixedAt;
    const rows =
      await sql`SELECT count(*)::int AS n FROM rm_maintenance WHERE description LIKE '%rel-poison%'`;
    expect(rows[0]?.n).toBe(1);
    await sql.end();
    figure(
      `poison event: 1 failing handler injected (CHECK constraint on rm_maintenance), only "maintenance" degraded, ` +
        `commands answered 201 meanwhile, caught up ${(caughtUpMs / 1000).toFixed(1)} s after the fix`,
    );
  });
});

/** Fails with `label` instead of hanging the test when `work` does not settle within `ms`. */
const within = <T>(ms: number, label: string, work: Promise<T>): Promise<T> =>
  Promise.race([work, sleep(ms).then(() => Promise.reject(new Error(`${label}: no answer in ${ms} ms`)))]);

describe('an idle-in-transaction connection', () => {
  it('holding a projection lock is cut by its timeout; projections wait no longer than that', async () => {
    // A connection opened the way the app opens them (server/db/client.ts sets the timeout).
    const { openDatabase } = await import('@/server/db/client');
    const database = await openDatabase({
      kind: 'postgres',
      url: dbUrl,
      poolMax: 2,
      idleInTransactionTimeoutMs: IDLE_TX_TIMEOUT_MS,
    });
    const names = (await health(admin)).projections.map((p) => p.name);
    expect(names.length).toBeGreaterThan(0);
    const reserved = await within(10_000, 'reserve', database.reserve?.() ?? Promise.resolve(undefined));
    if (!reserved) throw new Error('no reserve on PostgreSQL');
    const [me] = await within(
      10_000,
      'pid',
      reserved.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'),
    );
    const lockerPid = Number(me?.pid);
    await within(10_000, 'BEGIN', reserved.query('BEGIN'));
    for (const name of names) {
      const lock = `SELECT pg_advisory_xact_lock(hashtext('leasebook.projection'), hashtext($1))`;
      await within(10_000, `lock ${name}`, reserved.query(lock, [name]));
    }
    const lockedAt = performance.now();
    // A write now: its projections need those locks.
    const paid = await within(
      30_000,
      'the payment',
      request(server.url, 'POST', `/api/v1/leases/${leases[2]}/payments`, {
        cookie: manager,
        headers: { 'idempotency-key': randomUUID() },
        body: { amountCents: 321, method: 'check' },
      }),
    );
    expect(paid.status).toBe(201);
    // postgres.js never answers on a connection the server cut: ask the server, alongside, when
    // the locker's backend is gone. (The payment's own after-commit step may catch the read tables
    // up before the cut: it claims streams, not these locks; the checkpoints wait for the locks.)
    const watcher = postgres(dbUrl, { max: 1, onnotice: () => {} });
    let cutAt = 0;
    const watching = (async () => {
      while (performance.now() - lockedAt < IDLE_TX_TIMEOUT_MS + 20_000) {
        const left = await watcher`SELECT 1 FROM pg_stat_activity WHERE pid = ${lockerPid}`;
        if (left.length === 0) {
          cutAt = performance.now() - lockedAt;
          return;
        }
        await sleep(50);
      }
    })();
    let caughtUp = 0;
    for (;;) {
      const seen = await health(admin);
      if (seen.projections.every((p) => p.lagEvents === 0)) {
        caughtUp = performance.now() - lockedAt;
        break;
      }
      if (performance.now() - lockedAt > 30_000) throw new Error(`still stalled: ${JSON.stringify(seen)}`);
      await sleep(100);
    }
    await watching;
    await watcher.end();
    reserved.release();
    await within(10_000, 'close', database.close()).catch(() => {});
    // Cut by idle_in_transaction_session_timeout (its backend gone), not by anything later.
    expect(cutAt, 'the locker was never cut').toBeGreaterThan(0);
    expect(cutAt).toBeGreaterThanOrEqual(IDLE_TX_TIMEOUT_MS - 100);
    expect(cutAt).toBeLessThan(IDLE_TX_TIMEOUT_MS + 3_000);
    // Once the locks are free, the next catch-up tick (every second, server/startup.ts) gets them
    // and its statements finish within the statement timeout, so they wait no longer than that. (CI once
    // took 3.3 s from the cut, on a loaded machine; a stuck projection never gets there in 30 s.)
    expect(caughtUp - cutAt).toBeLessThan(CATCH_UP_TICK_MS + STATEMENT_TIMEOUT_MS);
    figure(
      `idle in transaction: a connection holding ${names.length} projection locks cut after ${IDLE_TX_TIMEOUT_MS} ms ` +
        `(SQLSTATE 25P03, gone ${(cutAt / 1000).toFixed(1)} s after the lock); the payment answered in ${paid.ms.toFixed(0)} ms and projections caught up ${(caughtUp / 1000).toFixed(1)} s after the lock`,
    );
  });
});
