// Many writers on one lease, through the production build over HTTP on PostgreSQL (issue 10):
// every payment answers 201, lands exactly once, in order, and moves the balance by its amount;
// duplicates in flight with one Idempotency-Key get one answer and append once.
// Run by `npm run test:contention`, which builds, seeds and starts the server this talks to.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Burst, burst, percentile, type Reply, request, signIn, statusCounts } from './client';

const BASE_URL = process.env.LEASEBOOK_HTTP_BASE_URL ?? '';
const REPORT_FILE = process.env.LEASEBOOK_HTTP_REPORT;
const PASSWORD = 'leasebook-demo';

interface Lease {
  leaseId: string;
  balanceCents: number;
  version: number;
  status: string;
}

interface StoredEvent {
  version: number;
  eventType: string;
  data: { paymentId?: string; amountCents?: number };
}

interface Payment {
  leaseId: string;
  amountCents: number;
  reply: Reply;
}

interface ScenarioReport {
  name: string;
  requests: number;
  statuses: Record<number, number>;
  connections: number;
  wallMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const reports: ScenarioReport[] = [];
let manager = '';
let tenant = '';

function report(name: string, result: Burst): void {
  const ms = result.replies.map((r) => r.ms);
  reports.push({
    name,
    requests: result.replies.length,
    statuses: statusCounts(result.replies),
    connections: result.connections,
    wallMs: Math.round(result.wallMs),
    p50Ms: Math.round(percentile(ms, 50)),
    p99Ms: Math.round(percentile(ms, 99)),
    maxMs: Math.round(Math.max(...ms)),
  });
}

async function getLease(leaseId: string, cookie = manager): Promise<Lease> {
  const reply = await request(BASE_URL, 'GET', `/api/v1/leases/${leaseId}`, { cookie });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as Lease;
}

/** The whole stream, page by page (the endpoint returns at most 1,000 events a call). */
async function eventsOf(leaseId: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (;;) {
    const from = (events.at(-1)?.version ?? 0) + 1;
    const reply = await request(BASE_URL, 'GET', `/api/v1/leases/${leaseId}/events?fromVersion=${from}`, {
      cookie: manager,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const page = reply.body.events as StoredEvent[];
    events.push(...page);
    if (page.length < 1000) return events;
  }
}

/** A manager records a check; the amount is small (the rules take anything up to 12 months' rent). */
function pay(leaseId: string, amountCents: number, agent: http.Agent) {
  return request(BASE_URL, 'POST', `/api/v1/leases/${leaseId}/payments`, {
    cookie: manager,
    agent,
    headers: { 'idempotency-key': randomUUID() },
    body: { amountCents, method: 'check', reference: `contention ${amountCents}` },
  });
}

/** What a burst of payments on some leases must leave behind, per lease, as soft assertions. */
class PaymentChecks {
  private readonly before: Map<string, Lease>;
  private readonly after = new Map<string, Lease>();
  private readonly events = new Map<string, StoredEvent[]>();

  /** `before`: each lease as read just before the burst. */
  constructor(
    readonly payments: Payment[],
    before: Lease[],
  ) {
    this.before = new Map(before.map((lease) => [lease.leaseId, lease]));
  }

  leaseIds(): string[] {
    return [...new Set(this.payments.map((p) => p.leaseId))];
  }

  async readAfter(): Promise<void> {
    for (const leaseId of this.leaseIds()) {
      this.after.set(leaseId, await getLease(leaseId));
      this.events.set(leaseId, await eventsOf(leaseId));
    }
  }

  private on(leaseId: string) {
    const before = this.before.get(leaseId);
    const after = this.after.get(leaseId);
    const events = this.events.get(leaseId);
    if (!before || !after || !events) throw new Error(`lease ${leaseId} was not read before and after`);
    return { before, after, events, payments: this.payments.filter((p) => p.leaseId === leaseId) };
  }

  allCreated(): void {
    expect(statusCounts(this.payments.map((p) => p.reply))).toEqual({ 201: this.payments.length });
    for (const p of this.payments) {
      expect.soft(p.reply.body?.leaseId).toBe(p.leaseId);
      expect.soft(p.reply.body?.paymentId).toEqual(expect.any(String));
    }
  }

  balancesExact(): void {
    for (const leaseId of this.leaseIds()) {
      const { before, after, payments } = this.on(leaseId);
      const sum = payments.reduce((total, p) => total + p.amountCents, 0);
      expect.soft(after.balanceCents, `balance of lease ${leaseId}`).toBe(before.balanceCents - sum);
    }
  }

  versionsContiguous(): void {
    for (const leaseId of this.leaseIds()) {
      const { after, events } = this.on(leaseId);
      const versions = events.map((e) => e.version);
      expect.soft(versions, `versions of lease ${leaseId}`).toEqual(versions.map((_, i) => i + 1));
      // The read model caught up with the stream before the last 201 went out.
      expect.soft(after.version, `read-model version of lease ${leaseId}`).toBe(versions.length);
    }
  }

  eachPaymentOnce(): void {
    for (const leaseId of this.leaseIds()) {
      const { before, events, payments } = this.on(leaseId);
      const received = events
        .filter((e) => e.version > before.version && e.eventType === 'PaymentReceived')
        .map((e) => ({ paymentId: e.data.paymentId, amountCents: e.data.amountCents }));
      const answered = payments.map((p) => ({
        paymentId: p.reply.body?.paymentId as string | undefined,
        amountCents: p.amountCents,
      }));
      const byId = (a: { paymentId?: string }, b: { paymentId?: string }) =>
        String(a.paymentId).localeCompare(String(b.paymentId));
      expect
        .soft(received.sort(byId), `PaymentReceived events on lease ${leaseId}`)
        .toEqual(answered.sort(byId));
    }
  }
}

let activeLeases: Lease[] = [];
let tenantLease: Lease;

beforeAll(async () => {
  if (!BASE_URL)
    throw new Error('LEASEBOOK_HTTP_BASE_URL is not set: run this through npm run test:contention');
  manager = await signIn(BASE_URL, 'manager@example.com', PASSWORD);
  tenant = await signIn(BASE_URL, 'tenant@example.com', PASSWORD);
  const mine = await request(BASE_URL, 'GET', '/api/v1/leases?status=active', { cookie: tenant });
  expect(mine.status, JSON.stringify(mine.body)).toBe(200);
  const own = (mine.body.leases as Lease[])[0];
  if (!own) throw new Error('the demo tenant has no active lease');
  tenantLease = own;
  // The first page (up to 100) is plenty: the demo portfolio has about 30 leases.
  const all = await request(BASE_URL, 'GET', '/api/v1/leases?status=active', { cookie: manager });
  expect(all.status, JSON.stringify(all.body)).toBe(200);
  activeLeases = (all.body.leases as Lease[]).filter((l) => l.leaseId !== tenantLease.leaseId);
  if (activeLeases.length < 9)
    throw new Error(`the demo portfolio has ${activeLeases.length} other active leases`);
});

afterAll(() => {
  if (REPORT_FILE) fs.writeFileSync(REPORT_FILE, `${JSON.stringify(reports, null, 2)}\n`);
});

describe("A: 25 concurrent payments on one lease (the demo tenant's)", () => {
  let checks: PaymentChecks;

  beforeAll(async () => {
    const lease = await getLease(tenantLease.leaseId);
    const amounts = Array.from({ length: 25 }, (_, i) => 101 + i);
    const result = await burst(amounts.length, (i, agent) => pay(lease.leaseId, amounts[i] ?? 0, agent));
    report('A: 25 payments, 1 lease', result);
    checks = new PaymentChecks(
      result.replies.map((reply, i) => ({ leaseId: lease.leaseId, amountCents: amounts[i] ?? 0, reply })),
      [lease],
    );
    await checks.readAfter();
  });

  it('sends the 25 requests on 25 connections at once', () => {
    expect(reports.find((r) => r.name.startsWith('A'))?.connections).toBe(25);
  });
  it('answers 201 to every one', () => checks.allCreated());
  it('lowers the balance by exactly their sum', () => checks.balancesExact());
  it('leaves the versions contiguous from 1', () => checks.versionsContiguous());
  it('appends one PaymentReceived per returned paymentId, each exactly once', () => checks.eachPaymentOnce());
  it('shows the tenant the new balance', async () => {
    const afterByManager = await getLease(tenantLease.leaseId);
    expect((await getLease(tenantLease.leaseId, tenant)).balanceCents).toBe(afterByManager.balanceCents);
  });
});

describe('B: 100 concurrent payments over 8 leases', () => {
  let checks: PaymentChecks;

  beforeAll(async () => {
    const leases = await Promise.all(activeLeases.slice(0, 8).map((l) => getLease(l.leaseId)));
    const plan = Array.from({ length: 100 }, (_, i) => ({
      lease: leases[i % leases.length] as Lease,
      amountCents: 201 + i,
    }));
    const result = await burst(plan.length, (i, agent) =>
      pay(plan[i]?.lease.leaseId ?? '', plan[i]?.amountCents ?? 0, agent),
    );
    report('B: 100 payments, 8 leases', result);
    checks = new PaymentChecks(
      result.replies.map((reply, i) => ({
        leaseId: plan[i]?.lease.leaseId ?? '',
        amountCents: plan[i]?.amountCents ?? 0,
        reply,
      })),
      leases,
    );
    await checks.readAfter();
  });

  it('sends the 100 requests on 100 connections at once', () => {
    expect(reports.find((r) => r.name.startsWith('B'))?.connections).toBe(100);
  });
  it('answers 201 to every one', () => checks.allCreated());
  it("lowers each lease's balance by exactly the sum paid on it", () => checks.balancesExact());
  it('leaves every stream contiguous from 1', () => checks.versionsContiguous());
  it('appends one PaymentReceived per returned paymentId on its lease, each exactly once', () =>
    checks.eachPaymentOnce());
});

describe('C: one Idempotency-Key sent 10 times at once', () => {
  const key = randomUUID();
  const body = { amountCents: 777, method: 'check', reference: 'contention duplicate' };
  let lease: Lease;
  let replies: Reply[];

  beforeAll(async () => {
    lease = await getLease((activeLeases[8] as Lease).leaseId);
    const result = await burst(10, (_, agent) =>
      request(BASE_URL, 'POST', `/api/v1/leases/${lease.leaseId}/payments`, {
        cookie: manager,
        agent,
        headers: { 'idempotency-key': key },
        body,
      }),
    );
    report('C: 10 duplicates, 1 key', result);
    replies = result.replies;
  });

  it('answers every duplicate 201 with the same paymentId and the same body', () => {
    expect(statusCounts(replies)).toEqual({ 201: 10 });
    const first = replies[0]?.body;
    expect(first?.paymentId).toEqual(expect.any(String));
    for (const reply of replies) expect.soft(reply.body).toEqual(first);
  });

  it('appends exactly one PaymentReceived and moves the balance once', async () => {
    const events = await eventsOf(lease.leaseId);
    const received = events.filter((e) => e.version > lease.version && e.eventType === 'PaymentReceived');
    expect(received.map((e) => e.data.paymentId)).toEqual([replies[0]?.body?.paymentId]);
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    expect((await getLease(lease.leaseId)).balanceCents).toBe(lease.balanceCents - body.amountCents);
  });

  it('refuses the same key with another body: 409 idempotency_key_reused', async () => {
    const reply = await request(BASE_URL, 'POST', `/api/v1/leases/${lease.leaseId}/payments`, {
      cookie: manager,
      headers: { 'idempotency-key': key },
      body: { ...body, amountCents: body.amountCents + 1 },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(409);
    expect(reply.body?.error?.code).toBe('idempotency_key_reused');
  });
});

describe('D: the manager analytics show each payment at once while 8 other clients keep reading them', () => {
  interface Analytics {
    delinquency: { currentCents: number; totalCents: number };
  }
  // What is open as of today over the whole portfolio: a rent payment on a lease that owes pays
  // open charges, so it falls by exactly the amount.
  const openCents = (a: Analytics) => a.delinquency.currentCents + a.delinquency.totalCents;
  const today = new Date().toISOString().slice(0, 10);
  const path = `/api/v1/analytics/manager?from=${today.slice(0, 4)}-01-01&to=${today}`;
  const analytics = async (): Promise<Analytics> => {
    const reply = await request(BASE_URL, 'GET', path, { cookie: manager });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body as Analytics;
  };
  const rounds: { before: number; after: number }[] = [];
  const readerStatuses: number[] = [];

  beforeAll(async () => {
    const owing = (await Promise.all(activeLeases.map((l) => getLease(l.leaseId)))).find(
      (l) => l.balanceCents >= 10_000,
    );
    if (!owing) throw new Error('no active demo lease owes 100.00 or more');
    const agent = new http.Agent({ keepAlive: true });
    let reading = true;
    // Other managers' dashboards: the same question again and again, so the read cache is full
    // (and shared with the writer's next read) whenever the read models stand still.
    const readers = Array.from({ length: 8 }, async () => {
      while (reading) {
        const reply = await request(BASE_URL, 'GET', path, { cookie: manager, agent });
        readerStatuses.push(reply.status);
      }
    });
    try {
      for (let round = 0; round < 12; round++) {
        const before = openCents(await analytics());
        const paid = await pay(owing.leaseId, 100, agent);
        expect(paid.status, JSON.stringify(paid.body)).toBe(201);
        rounds.push({ before, after: openCents(await analytics()) });
        // Let the runner catch up and the readers cache the new answer before the next write.
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
    } finally {
      reading = false;
      await Promise.all(readers);
      agent.destroy();
    }
  }, 120_000);

  it('lowers what is open by exactly each payment, read right after its 201', () => {
    expect(rounds).toHaveLength(12);
    for (const { before, after } of rounds) expect.soft(before - after).toBe(100);
  });

  it('answers the concurrent readers 200 throughout', () => {
    expect(readerStatuses.length).toBeGreaterThan(12);
    expect(readerStatuses.filter((status) => status !== 200)).toEqual([]);
  });
});
