// The read cache (server/queries/read-cache.ts) and the version it keys on (settledVersion): an
// answer is reused only while the projections' tables cannot have moved, a write is seen by the
// next read at once (before the runner's checkpoint catches up), and nothing half-known is kept.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '@/server/auth/users';
import { changeLease } from '@/server/commands/lease';
import { settledVersion } from '@/server/projections/checkpoints';
import { cachedManagerAnalytics, getManagerAnalytics } from '@/server/queries/manager-analytics';
import { cachedRead, readCacheStats } from '@/server/queries/read-cache';
import type { Reader } from '@/server/queries/scope';
import { aLease, aProperty, asManager, freshRuntime, managerId, tenantId } from '../support/runtime';

let runtime: Awaited<ReturnType<typeof freshRuntime>>;
const db = () => runtime.database.db;
const manager: Reader = { userId: managerId, role: 'manager' };
const RANGE = { from: '2027-01-01', to: '2027-03-31', today: '2027-03-20' };
const PROJECTIONS = ['leases', 'maintenance', 'properties'];
let leaseId = '';

/** Backdated commands are seeded history (the store refuses recordedAt from anything else). */
const at = (date: string, system = false) => ({
  ...asManager({ source: 'seed', now: new Date(`${date}T12:00:00.000Z`), backdate: true }),
  ...(system ? { actor: { userId: null, role: 'system' as const } } : {}),
});

const pay = (amountCents: number, date: string) =>
  changeLease(
    runtime,
    leaseId,
    {
      type: 'ReceivePayment',
      paymentId: crypto.randomUUID(),
      amountCents,
      paymentDate: date,
      method: 'check',
      actorRole: 'manager',
      purpose: 'rent',
    },
    at(date),
  );

beforeAll(async () => {
  runtime = await freshRuntime();
  await insertUser(db(), { id: managerId, email: 'cache-m@example.com', name: 'Morgan', role: 'manager' });
  await insertUser(db(), { id: tenantId, email: 'cache-t@example.com', name: 'Terry', role: 'tenant' });
  const { propertyId, unitA } = await aProperty(runtime);
  leaseId = await aLease(runtime, { propertyId, unitId: unitA }, at('2026-12-15'));
  await changeLease(runtime, leaseId, { type: 'PostDueItems', asOf: '2027-03-01' }, at('2027-03-01', true));
}, 60_000);

afterAll(async () => {
  await runtime?.testDatabase.close();
});

describe('settledVersion', () => {
  it('is null while an event is past a checkpoint, a string once the runner caught up', async () => {
    // The commands applied their events to the read models after commit; the runner has not run.
    expect(await settledVersion(db(), PROJECTIONS)).toBeNull();
    await runtime.runner.catchUp();
    const version = await settledVersion(db(), PROJECTIONS);
    expect(version).toMatch(/^leases@\d+\/\d+\/.+,maintenance@.+,properties@.+$/);
    expect(await settledVersion(db(), PROJECTIONS)).toBe(version);
  });

  it('is null while a stream is parked, and for a projection without a checkpoint', async () => {
    await runtime.runner.catchUp();
    expect(await settledVersion(db(), PROJECTIONS)).not.toBeNull();
    await db().execute(
      sql`INSERT INTO projection_parked_streams (projection, stream_id, global_position, version, event_type, last_error)
          VALUES ('maintenance', ${`lease-${leaseId}`}, 1, 1, 'LeaseCreated', 'test')`,
    );
    expect(await settledVersion(db(), PROJECTIONS)).toBeNull();
    await db().execute(sql`DELETE FROM projection_parked_streams WHERE last_error = 'test'`);
    expect(await settledVersion(db(), PROJECTIONS)).not.toBeNull();
    expect(await settledVersion(db(), [...PROJECTIONS, 'no-such-projection'])).toBeNull();
  });
});

describe('cachedManagerAnalytics', () => {
  it('answers with the very same frozen object while nothing moved, equal to the computed one', async () => {
    await runtime.runner.catchUp();
    const hits = readCacheStats.hits;
    const first = await cachedManagerAnalytics(db(), manager, RANGE);
    const second = await cachedManagerAnalytics(db(), manager, RANGE);
    expect(second).toBe(first);
    expect(readCacheStats.hits).toBe(hits + 1);
    expect(first).toEqual(await getManagerAnalytics(db(), manager, RANGE));
    expect(Object.isFrozen(first.delinquency.leases)).toBe(true);
    expect(() => {
      (first.collection as { chargedCents: number }).chargedCents = 0;
    }).toThrow(TypeError);
    // Another range or another day is another answer.
    const otherDay = await cachedManagerAnalytics(db(), manager, { ...RANGE, today: '2027-03-21' });
    expect(otherDay).not.toBe(first);
  });

  it('shows a write to the very next read, before the checkpoint moves, then caches again', async () => {
    await runtime.runner.catchUp();
    const before = await cachedManagerAnalytics(db(), manager, RANGE);
    await pay(150_000, '2027-03-02');
    expect(await settledVersion(db(), PROJECTIONS)).toBeNull();
    const unsettled = readCacheStats.unsettled;
    const after = await cachedManagerAnalytics(db(), manager, RANGE);
    expect(readCacheStats.unsettled).toBe(unsettled + 1);
    expect(after.collection.collectedCents).toBe(before.collection.collectedCents + 150_000);
    expect(after).toEqual(await getManagerAnalytics(db(), manager, RANGE));
    await runtime.runner.catchUp();
    const settled = await cachedManagerAnalytics(db(), manager, RANGE);
    expect(settled).not.toBe(before);
    expect(settled).toEqual(after);
    expect(await cachedManagerAnalytics(db(), manager, RANGE)).toBe(settled);
  });
});

describe('cachedRead', () => {
  it('shares one computation between concurrent reads and keeps no failure', async () => {
    await runtime.runner.catchUp();
    let computed = 0;
    const compute = async () => {
      computed += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { computed };
    };
    const [a, b, c] = await Promise.all([
      cachedRead(db(), PROJECTIONS, 'test:shared', compute),
      cachedRead(db(), PROJECTIONS, 'test:shared', compute),
      cachedRead(db(), PROJECTIONS, 'test:shared', compute),
    ]);
    expect(computed).toBe(1);
    expect(b).toBe(a);
    expect(c).toBe(a);

    await expect(
      cachedRead(db(), PROJECTIONS, 'test:failing', () => Promise.reject(new Error('database went away'))),
    ).rejects.toThrow('database went away');
    expect(await cachedRead(db(), PROJECTIONS, 'test:failing', async () => 'second try')).toBe('second try');
  });
});
