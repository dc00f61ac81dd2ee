// Graceful shutdown, on the production build over HTTP on PostgreSQL (issue 15): a second app
// process is started with `npm start` like a user would, loaded with keyed payments from 16
// clients, and sent SIGTERM (to npm, not to its process group: npm start must pass it on). Every
// request it accepted gets an answer (201, or 503 `shutting_down` once it drains), the whole
// process tree exits 0, and resending every request with its key to the other server shows each
// key paid exactly once, every 201 stored as answered, and the balances exact.
// Run by `npm run test:contention`, which passes the database and the build to start.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Reply, request, signIn } from './client';

const BASE_URL = process.env.LEASEBOOK_HTTP_BASE_URL ?? '';
const DATABASE_URL = process.env.LEASEBOOK_HTTP_DATABASE_URL ?? '';
const DIST_DIR = process.env.LEASEBOOK_HTTP_DIST_DIR ?? '.next-http';
const PASSWORD = 'leasebook-demo';
const CLIENTS = 16;

interface Lease {
  leaseId: string;
  balanceCents: number;
  version: number;
}

interface Sent {
  key: string;
  leaseId: string;
  amountCents: number;
  /** The answer, or the transport error when none came. */
  reply?: Reply;
  error?: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

let child: ChildProcess;
let childUrl = '';
let output = '';
let exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
let manager = '';

beforeAll(async () => {
  if (!BASE_URL || !DATABASE_URL) throw new Error('run through npm run test:contention');
  const port = await freePort();
  childUrl = `http://127.0.0.1:${port}`;
  // Its own process group, so the test can clean up whatever is left; the SIGTERM goes to npm only.
  child = spawn('npm', ['start'], {
    env: {
      ...process.env,
      DATABASE_URL,
      PORT: String(port),
      HOST: '127.0.0.1',
      BILLING_SCHEDULE: 'off',
      NEXT_DIST_DIR: DIST_DIR,
      LOG_LEVEL: 'info',
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) stream?.on('data', (c: Buffer) => (output += c));
  exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + 120_000;
  for (;;) {
    const status = await request(childUrl, 'GET', '/api/v1/health').then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) throw new Error(`the second server did not start:\n${output}`);
    await sleep(300);
  }
  manager = await signIn(childUrl, 'manager@example.com', PASSWORD);
});

afterAll(() => {
  if (child?.pid && groupAlive(child.pid)) process.kill(-child.pid, 'SIGKILL');
});

async function leaseOf(leaseId: string): Promise<Lease> {
  const reply = await request(BASE_URL, 'GET', `/api/v1/leases/${leaseId}`, { cookie: manager });
  expect(reply.status).toBe(200);
  return reply.body as Lease;
}

function pay(baseUrl: string, sent: Sent, agent: http.Agent) {
  return request(baseUrl, 'POST', `/api/v1/leases/${sent.leaseId}/payments`, {
    cookie: manager,
    agent,
    headers: { 'idempotency-key': sent.key },
    body: { amountCents: sent.amountCents, method: 'check', reference: `shutdown ${sent.key.slice(0, 8)}` },
  });
}

describe('SIGTERM under load', () => {
  it('answers every accepted request, exits 0 with its process tree, and loses nothing', async () => {
    const listed = await request(childUrl, 'GET', '/api/v1/leases?status=active&limit=8', {
      cookie: manager,
    });
    const leases = (listed.body.leases as Lease[]).slice(0, 8);
    expect(leases).toHaveLength(8);
    const before = await Promise.all(leases.map((l) => leaseOf(l.leaseId)));
    const sent: Sent[] = [];
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    let signalledAt = 0;
    /** A server that ignored the signal would keep answering 201: give up 30 s after it. */
    const overdue = () => signalledAt > 0 && performance.now() - signalledAt > 30_000;
    // Each client sends one payment after another until the server says it is going away (503, as a
    // client honouring Retry-After would) or is gone; then it stops.
    const client = async (c: number) => {
      for (let i = 0; !overdue(); i += 1) {
        const one: Sent = {
          key: randomUUID(),
          leaseId: (leases[(c + i) % leases.length] as Lease).leaseId,
          amountCents: 100 + c,
        };
        sent.push(one);
        try {
          one.reply = await pay(childUrl, one, agent);
        } catch (error) {
          one.error = (error as NodeJS.ErrnoException).code ?? String(error);
          return;
        }
        if (one.reply.status === 503) return;
        if (one.reply.status !== 201) return;
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
    while (sent.filter((s) => s.reply?.status === 201).length < 60) await sleep(20);
    const pid = child.pid as number;
    process.kill(pid, 'SIGTERM');
    signalledAt = performance.now();
    await Promise.all(clients);
    agent.destroy();
    const exited = await Promise.race([exit, sleep(40_000).then(() => null)]);

    expect(overdue(), 'the server kept answering 201 for 30 s after SIGTERM').toBe(false);
    expect(exited, `the server did not exit:\n${output.slice(-3000)}`).toEqual({ code: 0, signal: null });
    expect(groupAlive(pid), 'a process of the npm start tree is still running').toBe(false);
    expect(output).toMatch(/shutting down: finishing accepted requests/);
    expect(output).toMatch(/"clean":true/);

    const answered = sent.filter((s) => s.reply);
    const created = answered.filter((s) => s.reply?.status === 201);
    const refused = answered.filter((s) => s.reply?.status === 503);
    // Every request the server accepted was answered: 201, or 503 shutting_down once draining.
    expect(answered.every((s) => s.reply?.status === 201 || s.reply?.status === 503)).toBe(true);
    for (const s of refused) expect.soft(s.reply?.body?.error?.code).toBe('shutting_down');
    // A request sent after the process closed its port is refused by TCP, never left hanging; one
    // sent on a kept-alive socket the server was closing at that moment is reset (ECONNRESET).
    for (const s of sent.filter((x) => x.error))
      expect.soft(['ECONNREFUSED', 'ECONNRESET']).toContain(s.error);
    // Neither was accepted: before any resend, each lease's balance is lowered by its 201s alone
    // (read on the other server once its projections have caught up).
    const expected = new Map(
      before.map((lease) => [
        lease.leaseId,
        lease.balanceCents -
          created.filter((s) => s.leaseId === lease.leaseId).reduce((n, s) => n + s.amountCents, 0),
      ]),
    );
    let balances = new Map<string, number>();
    for (let attempt = 0; attempt < 50; attempt += 1) {
      balances = new Map(
        await Promise.all(
          before.map(async (l) => [l.leaseId, (await leaseOf(l.leaseId)).balanceCents] as const),
        ),
      );
      if ([...expected].every(([id, cents]) => balances.get(id) === cents)) break;
      await sleep(200);
    }
    expect(Object.fromEntries(balances), 'a request without an answer was applied').toEqual(
      Object.fromEntries(expected),
    );
    expect(created.length).toBeGreaterThanOrEqual(60);
    console.log(
      `shutdown: ${sent.length} sent by ${CLIENTS} clients, ${created.length}×201, ${refused.length}×503, ` +
        `${sent.length - answered.length} refused by TCP after exit`,
    );

    // Resend every request with its key to the other server: each key maps to one payment.
    const replayAgent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const again = await Promise.all(sent.map((s) => pay(BASE_URL, s, replayAgent)));
    replayAgent.destroy();
    sent.forEach((s, i) => {
      const reply = again[i] as Reply;
      expect.soft(reply.status, s.key).toBe(201);
      if (s.reply?.status === 201) expect.soft(reply.body.paymentId, s.key).toBe(s.reply.body.paymentId);
    });
    const ids = again.map((r) => r.body.paymentId as string);
    expect(new Set(ids).size).toBe(sent.length);
    for (const lease of before) {
      const after = await leaseOf(lease.leaseId);
      const paid = sent.filter((s) => s.leaseId === lease.leaseId).reduce((n, s) => n + s.amountCents, 0);
      expect.soft(after.balanceCents, lease.leaseId).toBe(lease.balanceCents - paid);
    }
  });
});
