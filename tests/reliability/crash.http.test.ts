// kill -9 of the production server during 500 keyed payments from 16 concurrent clients, on
// PostgreSQL (a fresh seeded database from scripts/test-reliability.ts) and on PGlite (embedded:
// no DATABASE_URL, LEASEBOOK_DATA_DIR a new directory, seeded with the demo portfolio at first
// start). After the restart every request is sent again with its key: each key maps to exactly one
// payment, every 201 seen before the crash is in the event store with the same paymentId, each
// lease's balance equals the fold of its events (GET /state) and the opening balance minus what
// was paid, the projections catch up on their own (health lag 0), and `npm run
// projections:rebuild` leaves every read table (rm_*) exactly as the live ones were.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { type Reply, request } from '../http/client';
import {
  figure,
  readTables,
  rebuildProjections,
  Server,
  type Store,
  signIn,
  sleep,
  tempDir,
} from './harness';

const PAYMENTS = 500;
const CLIENTS = 16;
const KILL_AFTER_201 = 150;

interface Sent {
  key: string;
  leaseId: string;
  amountCents: number;
  reply?: Reply;
  error?: string;
}

const pgUrl = process.env.LEASEBOOK_REL_PG_URL ?? '';
const pgliteDir = tempDir('crash-pglite');
const stores: [string, Store][] = [
  ['PostgreSQL', { kind: 'postgres', url: pgUrl }],
  ['PGlite', { kind: 'pglite', dataDir: `${pgliteDir}/pglite` }],
];
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill()));
  fs.rmSync(pgliteDir, { recursive: true, force: true });
});

async function waitForCatchUp(server: Server, admin: string): Promise<number> {
  const started = performance.now();
  for (;;) {
    const health = await request(server.url, 'GET', '/api/v1/health', { cookie: admin });
    const projections = (health.body?.projections ?? []) as {
      name: string;
      lagEvents: number;
      status: string;
    }[];
    if (
      health.status === 200 &&
      projections.length > 0 &&
      projections.every((p) => p.lagEvents === 0 && p.status === 'ok')
    ) {
      return performance.now() - started;
    }
    if (performance.now() - started > 60_000)
      throw new Error(`projections did not catch up: ${JSON.stringify(health.body)}`);
    await sleep(200);
  }
}

async function allEvents(server: Server, cookie: string, leaseId: string) {
  const events: { eventType: string; data: Record<string, unknown> }[] = [];
  for (let from = 1; ; ) {
    const page = await request(
      server.url,
      'GET',
      `/api/v1/leases/${leaseId}/events?fromVersion=${from}&limit=500`,
      { cookie },
    );
    expect(page.status).toBe(200);
    const batch = page.body.events as { version: number; eventType: string; data: Record<string, unknown> }[];
    events.push(...batch);
    if (batch.length < 500) return events;
    from = (batch.at(-1)?.version ?? 0) + 1;
  }
}

describe.each(stores)('kill -9 during keyed payments on %s', (label, store) => {
  it('loses and doubles nothing; projections catch up; a rebuild equals the live read tables', async () => {
    if (store.kind === 'postgres' && !store.url) throw new Error('run through npm run test:reliability');
    const server = new Server(store);
    servers.push(server);
    await server.start();
    const manager = await signIn(server.url, 'manager@example.com');
    const listed = await request(server.url, 'GET', '/api/v1/leases?status=active&limit=8', {
      cookie: manager,
    });
    const leases = (listed.body.leases as { leaseId: string }[]).slice(0, 8);
    expect(leases).toHaveLength(8);
    const opening = new Map<string, number>();
    for (const l of leases) {
      const one = await request(server.url, 'GET', `/api/v1/leases/${l.leaseId}`, { cookie: manager });
      opening.set(l.leaseId, one.body.balanceCents as number);
    }
    const sent: Sent[] = Array.from({ length: PAYMENTS }, (_, i) => ({
      key: randomUUID(),
      leaseId: (leases[i % leases.length] as { leaseId: string }).leaseId,
      amountCents: 100 + (i % 37),
    }));
    const pay = (s: Sent, agent: http.Agent) =>
      request(server.url, 'POST', `/api/v1/leases/${s.leaseId}/payments`, {
        cookie: manager,
        agent,
        headers: { 'idempotency-key': s.key },
        body: { amountCents: s.amountCents, method: 'check', reference: `crash ${s.key.slice(0, 8)}` },
      });
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    let next = 0;
    const client = async () => {
      while (next < sent.length) {
        const s = sent[next++] as Sent;
        try {
          s.reply = await pay(s, agent);
        } catch (error) {
          s.error = (error as NodeJS.ErrnoException).code ?? String(error);
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);
    while (sent.filter((s) => s.reply?.status === 201).length < KILL_AFTER_201) await sleep(5);
    await server.kill();
    await Promise.all(clients);
    agent.destroy();
    const before201 = sent.filter((s) => s.reply?.status === 201);
    const unanswered = sent.filter((s) => !s.reply);
    for (const s of sent.filter((x) => x.reply)) expect.soft(s.reply?.status, s.key).toBe(201);

    await server.start();
    const admin = await signIn(server.url, 'admin@example.com');
    const auditor = await signIn(server.url, 'auditor@example.com');
    const again = await Promise.all(
      (() => {
        const replay = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
        return sent.map((s) => pay(s, replay));
      })(),
    );
    again.forEach((reply, i) => {
      const s = sent[i] as Sent;
      expect.soft(reply.status, `${s.key} after restart`).toBe(201);
      if (s.reply?.status === 201) expect.soft(reply.body.paymentId, s.key).toBe(s.reply.body.paymentId);
    });
    const ids = again.map((r) => r.body.paymentId as string);
    expect(new Set(ids).size, 'one payment per key').toBe(PAYMENTS);

    // The event store: every payment id exactly once, the 201s seen before the crash among them.
    let paymentEvents = 0;
    for (const { leaseId } of leases) {
      const events = await allEvents(server, auditor, leaseId);
      const paid = events
        .filter((e) => e.eventType === 'PaymentReceived')
        .map((e) => String(e.data.paymentId));
      const mine = new Set(sent.filter((s) => s.leaseId === leaseId).map((_, i) => i));
      const expectedIds = sent
        .map((s, i) => (s.leaseId === leaseId ? ids[i] : undefined))
        .filter(Boolean) as string[];
      expect(mine.size).toBeGreaterThan(0);
      for (const id of expectedIds) expect.soft(paid.filter((p) => p === id).length, id).toBe(1);
      paymentEvents += expectedIds.length;
      // Balance: the read model, the fold of the events, and the opening balance minus what was paid.
      const folded = await request(server.url, 'GET', `/api/v1/leases/${leaseId}/state`, { cookie: manager });
      const live = await request(server.url, 'GET', `/api/v1/leases/${leaseId}`, { cookie: manager });
      const paidCents = sent.filter((s) => s.leaseId === leaseId).reduce((n, s) => n + s.amountCents, 0);
      expect
        .soft(folded.body.state.balanceCents, `${leaseId} fold`)
        .toBe((opening.get(leaseId) ?? 0) - paidCents);
      expect.soft(live.body.balanceCents, `${leaseId} read model`).toBe(folded.body.state.balanceCents);
    }
    const catchUpMs = await waitForCatchUp(server, admin);
    expect(server.unexpectedErrors()).toEqual([]);
    await server.stop();

    const liveTables = await readTables(store);
    const rebuilt = await rebuildProjections(store);
    expect(rebuilt.code, rebuilt.output.slice(-2000)).toBe(0);
    const rebuiltTables = await readTables(store);
    expect(Object.keys(rebuiltTables).length).toBeGreaterThan(3);
    for (const table of Object.keys(liveTables))
      expect.soft(rebuiltTables[table], table).toEqual(liveTables[table]);
    const rows = Object.values(liveTables).reduce((n, t) => n + t.length, 0);
    figure(
      `kill -9 on ${label}: ${PAYMENTS} keyed payments from ${CLIENTS} clients, 1 crash injected after ` +
        `${before201.length}×201 (${unanswered.length} unanswered), ${PAYMENTS} keys resent and checked ` +
        `(${new Set(ids).size} distinct payments, ${paymentEvents} PaymentReceived events), projections caught up ` +
        `in ${(catchUpMs / 1000).toFixed(1)} s, rebuild equal on ${Object.keys(liveTables).length} read tables (${rows} rows)`,
    );
  });
});
