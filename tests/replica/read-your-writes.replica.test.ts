// Reads from a real PostgreSQL hot standby (issue 15), against the production build: a read with
// nothing to wait for is served by the replica; a read that follows a write sees the write
// (served by the replica once it has replayed it, else by the primary); while the replica's replay
// is paused the writer's reads go to the primary and still see their writes, while others read the
// stale replica; with the replica down every read and write still answers, from the primary.
// Run by `npm run test:replica`, which makes the standby and starts the server.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, signIn } from '../http/client';

const APP = process.env.LEASEBOOK_REPLICA_APP ?? '';
const REPLICA_URL = process.env.LEASEBOOK_REPLICA_URL ?? '';
const STANDBY_DIR = process.env.LEASEBOOK_REPLICA_DIR ?? '';
const PG_CTL = process.env.LEASEBOOK_REPLICA_PG_CTL ?? 'pg_ctl';
const PASSWORD = 'leasebook-demo';

interface Lease {
  leaseId: string;
  balanceCents: number;
  version: number;
}

let manager = '';
let auditor = '';
let replica: postgres.Sql;
let leaseId = '';

beforeAll(async () => {
  if (!APP || !REPLICA_URL) throw new Error('run through npm run test:replica');
  manager = await signIn(APP, 'manager@example.com', PASSWORD);
  auditor = await signIn(APP, 'auditor@example.com', PASSWORD);
  replica = postgres(REPLICA_URL, { max: 1, onnotice: () => {} });
  const listed = await request(APP, 'GET', '/api/v1/leases?status=active&limit=1', { cookie: manager });
  leaseId = listed.body.leases[0].leaseId as string;
});
afterAll(async () => {
  await replica?.unsafe('SELECT pg_wal_replay_resume()').catch(() => undefined);
  await replica?.end();
});

const withCookie = (session: string, readAfter?: string) =>
  readAfter ? `${session}; leasebook_read_after=${readAfter}` : session;

async function readLease(session: string, readAfter?: string) {
  const reply = await request(APP, 'GET', `/api/v1/leases/${leaseId}`, {
    cookie: withCookie(session, readAfter),
  });
  expect(reply.status).toBe(200);
  return { lease: reply.body as Lease, from: reply.headers['leasebook-read-from'] };
}

async function pay(amountCents: number) {
  const reply = await request(APP, 'POST', `/api/v1/leases/${leaseId}/payments`, {
    cookie: manager,
    headers: { 'idempotency-key': randomUUID() },
    body: { amountCents, method: 'check' },
  });
  expect(reply.status).toBe(201);
  const readAfter = reply.headers['leasebook-read-after'];
  expect(readAfter).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
  expect(String(reply.setCookie)).toContain(`leasebook_read_after=${readAfter}`);
  return { version: reply.body.version as number, readAfter: String(readAfter) };
}

describe('reads on a streaming replica', () => {
  it('the replica is a hot standby, and a read with nothing to wait for is served by it', async () => {
    const [row] = await replica`SELECT pg_is_in_recovery() AS standby`;
    expect(row?.standby).toBe(true);
    expect((await readLease(auditor)).from).toBe('replica');
  });

  it('every read right after a write sees it (replica once replayed, else primary)', async () => {
    const from: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const paid = await pay(100 + i);
      const read = await readLease(manager, paid.readAfter);
      expect(read.lease.version).toBeGreaterThanOrEqual(paid.version);
      from.push(String(read.from));
    }
    console.log(`replica: reads after writes served by ${JSON.stringify(count(from))}`);
    expect(from.every((f) => f === 'replica' || f === 'primary')).toBe(true);
  });

  it('while replay is paused, the writer reads the primary and sees the write; others read the stale replica', async () => {
    await replica`SELECT pg_wal_replay_pause()`;
    try {
      const before = (await readLease(auditor)).lease;
      const paid = await pay(777);
      const own = await readLease(manager, paid.readAfter);
      expect(own.from).toBe('primary');
      expect(own.lease.version).toBe(paid.version);
      expect(own.lease.balanceCents).toBe(before.balanceCents - 777);
      // The auditor brought no write position and reads the replica, which has not replayed it yet.
      const other = await readLease(auditor);
      expect(other.from).toBe('replica');
      expect(other.lease.version).toBe(before.version);
    } finally {
      await replica`SELECT pg_wal_replay_resume()`;
    }
    // Once resumed, the replica catches up and serves the writer again.
    const paid = await pay(5);
    let read = await readLease(manager, paid.readAfter);
    for (let i = 0; i < 50 && read.from !== 'replica'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      read = await readLease(manager, paid.readAfter);
    }
    expect(read.from).toBe('replica');
    expect(read.lease.version).toBeGreaterThanOrEqual(paid.version);
  });

  it('with the replica down, reads and writes still answer, from the primary', async () => {
    execFileSync('runuser', ['-u', 'postgres', '--', PG_CTL, '-D', STANDBY_DIR, '-m', 'fast', '-w', 'stop'], {
      stdio: 'pipe',
    });
    const read = await readLease(auditor);
    expect(read.from).toBe('primary');
    const paid = await pay(9);
    const own = await readLease(manager, paid.readAfter);
    expect(own.from).toBe('primary');
    expect(own.lease.version).toBe(paid.version);
    const list = await request(APP, 'GET', '/api/v1/leases?limit=5', { cookie: auditor });
    expect(list.status).toBe(200);
  });
});

function count(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
