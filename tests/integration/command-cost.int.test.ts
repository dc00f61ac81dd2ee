// What one API payment costs the database, counted at the driver: round trips (statements sent
// together — pipelined in one transaction — are one round trip) and write transactions.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { POST as pay } from '@/app/api/v1/leases/[leaseId]/payments/route';
import { type Database, openDatabase } from '@/server/db/client';
import { createRuntime, setRuntimeForTests } from '@/server/runtime';
import { apiWorld, call, closeWorld, type World } from './api-helpers';

let world: World;
let counted: Database | undefined;
let sent: string[][] = [];
let open: string[] | undefined;

/** Statements sent in the same turn of the event loop went out together: one round trip. */
function record(text: string): void {
  if (!open) {
    open = [];
    sent.push(open);
    setImmediate(() => {
      open = undefined;
    });
  }
  open.push(text.replace(/\s+/g, ' ').trim());
}

beforeAll(async () => {
  world = await apiWorld();
  const options = world.runtime.testDatabase.options;
  // PGlite runs in process: it has no round trips to count (see the skip below).
  if (options.kind !== 'postgres') return;
  // A small pool, so a few payments prepare every statement on every connection (postgres.js
  // pipelines a transaction's statements once they are prepared on its connection).
  counted = await openDatabase({ ...options, poolMax: 3, onQuery: record });
  setRuntimeForTests(createRuntime(counted));
});

afterAll(async () => {
  await counted?.close();
  await closeWorld(world);
});

const payOnce = (n: number) =>
  call(pay, '/p', {
    as: world.tenant,
    params: { leaseId: world.own.leaseId },
    key: `cost-${n}-${crypto.randomUUID()}`,
    body: { amountCents: 100, method: 'card' },
  });

interface Cost {
  roundTrips: number;
  statements: number;
  writeTransactions: number;
}

function costOf(batches: string[][]): Cost {
  let writeTransactions = 0;
  let inTransaction = false;
  let wrote = false;
  for (const text of batches.flat()) {
    const head = text.slice(0, 12).toLowerCase();
    if (head.startsWith('begin')) {
      inTransaction = true;
      wrote = false;
    } else if (head.startsWith('commit')) {
      if (wrote) writeTransactions += 1;
      inTransaction = false;
    } else if (/^(insert|update|delete|with|select \* from leasebook_append|select outcome)/i.test(text)) {
      const writes = /leasebook_append|^insert|^update|^delete|insert into|update /i.test(text);
      if (inTransaction) wrote ||= writes;
      else if (writes) writeTransactions += 1;
    }
  }
  return { roundTrips: batches.length, statements: batches.flat().length, writeTransactions };
}

describe('the cost of a payment', () => {
  // PGlite is in process: a "round trip" is a function call, so only the server is counted.
  it.skipIf(inject('testDb').kind === 'pglite')(
    'at most 6 round trips and 2 write transactions over HTTP (warm caches)',
    async () => {
      // The first payment warms the process's caches (the lease's state, who manages its property);
      // a few more prepare the statements on each pooled connection, as a running server has.
      sent = [];
      expect((await payOnce(0)).status).toBe(201);
      const cold = costOf(sent);
      for (let n = 1; n <= 8; n++) expect((await payOnce(n)).status).toBe(201);
      sent = [];
      expect((await payOnce(9)).status).toBe(201);
      const warm = costOf(sent);
      console.info(
        `payment cost: cold ${JSON.stringify(cold)}, warm ${JSON.stringify(warm)}\n  ${sent
          .map((batch) => batch.map((t) => t.slice(0, 110)).join(' || '))
          .join('\n  ')}`,
      );
      expect(warm.roundTrips).toBeLessThanOrEqual(6);
      expect(warm.writeTransactions).toBe(2);
      // Cold adds only what a first request on a fresh process and connection does: the driver's
      // type lookup, the token's last-used stamp, the load and who manages the property; nothing
      // is pipelined until the connection has prepared the statements.
      expect(cold.statements).toBeLessThanOrEqual(warm.statements + 4);
    },
  );
});
