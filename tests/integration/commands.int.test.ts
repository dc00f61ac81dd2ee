// The command path against a real database: refusals append nothing, retries win lost races,
// idempotency keys replay, reads see the write, and one unit is never leased twice.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCommandConflictError } from '@/server/commands/errors';
import { execute } from '@/server/commands/handle';
import { changeLease, createLease, paymentIdFor } from '@/server/commands/lease';
import { rows } from '@/server/db/client';
import { leaseDecider, leaseStreamId } from '@/server/domain/lease';
import { DomainError } from '@/server/domain/shared/errors';
import { CommandIdReusedError, folderOf } from '@/server/eventstore';
import { createRuntime, type Runtime } from '@/server/runtime';
import { aProperty, asManager, asTenant, freshRuntime, tenantId } from '../support/runtime';

let runtime: Awaited<ReturnType<typeof freshRuntime>>;
let property: Awaited<ReturnType<typeof aProperty>>;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  runtime = await freshRuntime({ snapshotEvery: 10 });
  property = await aProperty(runtime);
});
afterAll(() => runtime.database.close());

const leaseTerms = (unitId: string, startDate: string, endDate: string) => ({
  tenantId,
  propertyId: property.propertyId,
  unitId,
  startDate,
  endDate,
  monthlyRentCents: 150_000,
  dueDay: 1,
  graceDays: 5,
  lateFeeCents: 5_000,
  securityDepositCents: 150_000,
});

const eventCount = async (leaseId: string) =>
  Number(
    (
      await rows<{ n: string }>(
        runtime.database.db,
        sql`SELECT count(*) AS n FROM events WHERE stream_id = ${leaseStreamId(leaseId)}`,
      )
    )[0]?.n,
  );

// bigint: the PostgreSQL driver answers a string.
const readModelBalance = async (leaseId: string) =>
  Number(
    (
      await rows<{ balance_cents: number | string }>(
        runtime.database.db,
        sql`SELECT balance_cents FROM rm_leases WHERE lease_id = ${leaseId}`,
      )
    )[0]?.balance_cents,
  );

/** An active lease (on a property of its own) from this month's 1st, with that month's rent posted. */
async function aBilledLease() {
  const own = await aProperty(runtime);
  const start = `${today.slice(0, 7)}-01`;
  const year = Number(today.slice(0, 4)) + 1;
  const lease = await createLease(
    runtime,
    { ...leaseTerms(own.unitA, start, `${year}-12-31`), propertyId: own.propertyId },
    asManager(),
  );
  await changeLease(runtime, lease.leaseId, { type: 'PostDueItems', asOf: start }, asManager());
  return lease.leaseId;
}

describe('createLease', () => {
  it('refuses a lease overlapping an existing one on the unit, appending nothing', async () => {
    const first = await createLease(
      runtime,
      leaseTerms(property.unitA, '2030-01-01', '2030-12-31'),
      asManager(),
    );
    expect(first.version).toBe(1);
    const overlap = await createLease(
      runtime,
      leaseTerms(property.unitA, '2030-06-01', '2031-05-31'),
      asManager(),
    ).catch((e: unknown) => e);
    expect(overlap).toBeInstanceOf(DomainError);
    expect(overlap).toMatchObject({ code: 'unit_unavailable' });
    const [leases] = await rows<{ n: string }>(
      runtime.database.db,
      sql`SELECT count(*) AS n FROM rm_leases WHERE unit_id = ${property.unitA} AND start_date >= '2030-01-01'`,
    );
    expect(Number(leases?.n)).toBe(1);
  });

  it('lets only one of several concurrent leases of one unit for the same dates through', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        createLease(runtime, leaseTerms(property.unitB, '2032-01-01', '2032-12-31'), asManager()),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) {
      if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'unit_unavailable' });
    }
  });

  it('refuses a unit that is not part of the property, and invalid terms, with the field named', async () => {
    await expect(
      createLease(
        runtime,
        leaseTerms('00000000-0000-4000-8000-0000000000ff', '2033-01-01', '2033-12-31'),
        asManager(),
      ),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'unitId' });
    await expect(
      createLease(
        runtime,
        { ...leaseTerms(property.unitA, '2033-01-01', '2033-12-31'), dueDay: 31 },
        asManager(),
      ),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'dueDay' });
  });
});

describe('payments through the command path', () => {
  it('returns after the read model shows the payment (read-your-writes)', async () => {
    const leaseId = await aBilledLease();
    const before = await readModelBalance(leaseId);
    expect(before).toBe(150_000);
    const envelope = asTenant({ commandId: `pay-${leaseId}-1` });
    const result = await changeLease(
      runtime,
      leaseId,
      {
        type: 'ReceivePayment',
        paymentId: paymentIdFor(envelope),
        amountCents: 50_000,
        method: 'card',
        actorRole: 'tenant',
      },
      envelope,
    );
    expect(result.projected).toBe(true);
    expect(await readModelBalance(leaseId)).toBe(100_000);
  });

  it('refuses an amount over 12 months of rent with the rule, appending nothing', async () => {
    const leaseId = await aBilledLease();
    const before = await eventCount(leaseId);
    const refused = await changeLease(
      runtime,
      leaseId,
      {
        type: 'ReceivePayment',
        paymentId: crypto.randomUUID(),
        amountCents: 1_800_001,
        method: 'card',
        actorRole: 'tenant',
      },
      asTenant(),
    ).catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: 'DomainError', code: 'amount_too_large' });
    expect(await eventCount(leaseId)).toBe(before);
  });

  it('refuses malformed input before deciding anything', async () => {
    const leaseId = await aBilledLease();
    const before = await eventCount(leaseId);
    await expect(
      changeLease(
        runtime,
        leaseId,
        {
          type: 'ReceivePayment',
          paymentId: 'nope',
          amountCents: 10.5,
          method: 'card',
          actorRole: 'tenant',
        } as never,
        asTenant(),
      ),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await eventCount(leaseId)).toBe(before);
  });

  it('replays a repeated idempotency key and refuses the key for another request', async () => {
    const leaseId = await aBilledLease();
    const envelope = asTenant({ commandId: `pay-${leaseId}-twice` });
    const pay = (amountCents: number) =>
      changeLease(
        runtime,
        leaseId,
        {
          type: 'ReceivePayment',
          paymentId: paymentIdFor(envelope),
          amountCents,
          method: 'ach',
          actorRole: 'tenant',
        },
        envelope,
      );
    const results = await Promise.all([pay(20_000), pay(20_000), pay(20_000)]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.version)).size).toBe(1);
    expect(await readModelBalance(leaseId)).toBe(130_000);
    await expect(pay(30_000)).rejects.toBeInstanceOf(CommandIdReusedError);
    expect(await readModelBalance(leaseId)).toBe(130_000);
  });

  it('retries lost races: concurrent payments on one lease all land with contiguous versions', async () => {
    const leaseId = await aBilledLease();
    const before = await eventCount(leaseId);
    const payments = await Promise.all(
      Array.from({ length: 4 }, () =>
        changeLease(
          runtime,
          leaseId,
          {
            type: 'ReceivePayment',
            paymentId: crypto.randomUUID(),
            amountCents: 10_000,
            method: 'card',
            actorRole: 'tenant',
          },
          asTenant(),
        ),
      ),
    );
    expect(payments.every((p) => !p.duplicate)).toBe(true);
    const loaded = await runtime.store.load(leaseStreamId(leaseId), folderOf(leaseDecider));
    expect(loaded.state).toMatchObject({ balanceCents: 110_000 });
    const versions = (await runtime.store.readStream(leaseStreamId(leaseId))).map((e) => e.version);
    expect(versions).toEqual(Array.from({ length: before + 4 }, (_, i) => i + 1));
  });

  it('gives up with a conflict after the bounded retries', async () => {
    const leaseId = await aBilledLease();
    // A second app process on the same database: its writers do not queue behind ours.
    const otherProcess = createRuntime(runtime.database);
    let calls = 0;
    // The command path itself (execute), for its authorise step as the seam to race in.
    const outcome = await execute(
      runtime,
      leaseDecider,
      leaseStreamId(leaseId),
      {
        type: 'ReceivePayment',
        paymentId: crypto.randomUUID(),
        amountCents: 1_000,
        method: 'card',
        actorRole: 'tenant',
      },
      asTenant(),
      {
        // The other process's writer sneaks in between every load and append.
        authorise: async () => {
          calls += 1;
          await changeLease(
            otherProcess,
            leaseId,
            {
              type: 'ReceivePayment',
              paymentId: crypto.randomUUID(),
              amountCents: 1,
              method: 'card',
              actorRole: 'tenant',
            },
            asTenant(),
          );
        },
      },
    ).catch((e: unknown) => e);
    expect(isCommandConflictError(outcome)).toBe(true);
    expect(calls).toBe(5);
  });

  it('queues writers on one stream in process: 25 concurrent payments all succeed, in order, once each', async () => {
    const leaseId = await aBilledLease();
    const before = await runtime.store.load(leaseStreamId(leaseId), folderOf(leaseDecider));
    const paymentIds = Array.from({ length: 25 }, () => crypto.randomUUID());
    const results = await Promise.all(
      paymentIds.map((paymentId) =>
        changeLease(
          runtime,
          leaseId,
          { type: 'ReceivePayment', paymentId, amountCents: 100, method: 'check', actorRole: 'manager' },
          asManager({ commandId: `pay-${paymentId}` }),
        ),
      ),
    );
    expect(results.every((r) => r.projected && !r.duplicate)).toBe(true);
    const events = await runtime.store.readStream(leaseStreamId(leaseId));
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    const paid = events
      .filter((e) => e.eventType === 'PaymentReceived' && e.version > before.version)
      .map((e) => (e.data as { paymentId: string }).paymentId);
    expect([...paid].sort()).toEqual([...paymentIds].sort());
    const [row] = await rows<{ balance_cents: number; version: number }>(
      runtime.database.db,
      sql`SELECT balance_cents, version FROM rm_leases WHERE lease_id = ${leaseId}`,
    );
    const after = await runtime.store.load(leaseStreamId(leaseId), folderOf(leaseDecider));
    expect(Number(row?.version)).toBe(events.length);
    expect(after.state.status !== 'none' && after.state.balanceCents).toBe(Number(row?.balance_cents));
    expect(Number(row?.balance_cents)).toBe(
      (before.state.status === 'none' ? 0 : before.state.balanceCents) - 25 * 100,
    );
  });

  it('a write from another process in between costs a reload, not a failure', async () => {
    const leaseId = await aBilledLease();
    const otherProcess = createRuntime(runtime.database);
    const pay = (rt: Runtime, amountCents: number) =>
      changeLease(
        rt,
        leaseId,
        {
          type: 'ReceivePayment',
          paymentId: crypto.randomUUID(),
          amountCents,
          method: 'check',
          actorRole: 'manager',
        },
        asManager(),
      );
    await pay(runtime, 100); // this process now holds the lease's state in its cache
    await pay(otherProcess, 200); // which the other process makes stale
    const result = await pay(runtime, 300);
    const events = await runtime.store.readStream(leaseStreamId(leaseId));
    expect(result.version).toBe(events.length);
    expect(events.slice(-3).map((e) => (e.data as { amountCents: number }).amountCents)).toEqual([
      100, 200, 300,
    ]);
  });
});

describe('metadata and snapshots', () => {
  it('stamps actor, correlation, causation, command id and source on every event', async () => {
    const leaseId = await aBilledLease();
    const envelope = asTenant({ commandId: `meta-${leaseId}`, correlationId: 'corr-1' });
    await changeLease(
      runtime,
      leaseId,
      {
        type: 'ReceivePayment',
        paymentId: paymentIdFor(envelope),
        amountCents: 150_000,
        method: 'ach',
        actorRole: 'tenant',
      },
      envelope,
    );
    const events = await runtime.store.readStream(leaseStreamId(leaseId));
    const payment = events.find((e) => e.eventType === 'PaymentReceived');
    const completed = events.find((e) => e.eventType === 'MonthlyPaymentCompleted');
    expect(payment?.metadata).toMatchObject({
      actor: { userId: tenantId, role: 'tenant' },
      correlationId: 'corr-1',
      causationId: `meta-${leaseId}`,
      commandId: `meta-${leaseId}`,
      source: 'web',
    });
    // The completed month names the payment that completed it.
    expect(completed?.metadata.causationId).toBe(payment?.eventId);
  });

  it('loads from snapshots taken along the way, equal to folding every event', async () => {
    const leaseId = await aBilledLease();
    for (let i = 0; i < 12; i++) {
      await changeLease(
        runtime,
        leaseId,
        {
          type: 'ReceivePayment',
          paymentId: crypto.randomUUID(),
          amountCents: 1_000,
          method: 'card',
          actorRole: 'tenant',
        },
        asTenant(),
      );
    }
    const fast = await runtime.store.load(leaseStreamId(leaseId), folderOf(leaseDecider));
    const full = await runtime.store.load(leaseStreamId(leaseId), folderOf(leaseDecider), {
      useSnapshots: false,
    });
    expect(fast.snapshotVersion).toBeGreaterThan(0);
    expect(fast.state).toEqual(full.state);
    expect(fast.version).toBe(full.version);
  });
});
