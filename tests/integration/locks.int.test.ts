// Named locks across processes (server/db/locks.ts). On PostgreSQL a lock is a session-level
// advisory lock on a connection of its own, outside any transaction, so a run longer than the
// idle-in-transaction timeout (the billing run on the first of the month) keeps it; on PGlite (one
// process) an in-process queue gives the same guarantee.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '@/server/db/client';
import { tryWithLock, withLock } from '@/server/db/locks';
import { freshDatabase, type TestDatabase } from '../support/db';

let database: TestDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database?.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('tryWithLock', () => {
  it('lets one holder in at a time and frees the lock when it is done, also after a failure', async () => {
    let release: () => void = () => {};
    const held = tryWithLock(database, 'test-a', () => new Promise<void>((resolve) => (release = resolve)));
    await sleep(50);
    expect(await tryWithLock(database, 'test-a', async () => 'second')).toEqual({ acquired: false });
    expect(await tryWithLock(database, 'test-b', async () => 'other key')).toEqual({
      acquired: true,
      value: 'other key',
    });
    release();
    expect(await held).toEqual({ acquired: true, value: undefined });
    await expect(
      tryWithLock(database, 'test-a', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await tryWithLock(database, 'test-a', async () => 'after')).toEqual({
      acquired: true,
      value: 'after',
    });
  });

  it('serialises withLock holders of one key', async () => {
    const order: string[] = [];
    const step = (name: string) => async () => {
      order.push(`${name} in`);
      await sleep(30);
      order.push(`${name} out`);
    };
    await Promise.all([withLock(database, 'test-c', step('1')), withLock(database, 'test-c', step('2'))]);
    expect(order).toEqual(['1 in', '1 out', '2 in', '2 out']);
  });
});

describe.runIf(process.env.DATABASE_URL)('across processes on PostgreSQL', () => {
  let short: Database;
  let other: Database;
  beforeAll(async () => {
    if (database.options.kind !== 'postgres') throw new Error('PostgreSQL only');
    // A 300 ms idle-in-transaction timeout: a lock held in an open transaction would be cut.
    short = await openDatabase({ ...database.options, idleInTransactionTimeoutMs: 300 });
    other = await database.openAnother(2);
  });
  afterAll(async () => {
    await short?.close();
    await other?.close();
  });

  it('keeps the lock for longer than the idle-in-transaction timeout, then frees it', async () => {
    const run = tryWithLock(short, 'billing-run-test', () => sleep(1_200).then(() => 'done'));
    await sleep(900);
    // Another process (another pool) is refused while the first still runs, three timeouts later.
    expect(await tryWithLock(other, 'billing-run-test', async () => 'stolen')).toEqual({ acquired: false });
    expect(await run).toEqual({ acquired: true, value: 'done' });
    expect(await tryWithLock(other, 'billing-run-test', async () => 'next')).toEqual({
      acquired: true,
      value: 'next',
    });
  });

  it('withLock waits for the other process to let go', async () => {
    const started = performance.now();
    const first = withLock(short, 'unit-test', () => sleep(400));
    await sleep(50);
    await withLock(other, 'unit-test', async () => undefined);
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    await first;
  });
});
