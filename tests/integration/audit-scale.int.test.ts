// The auditor at scale: a lease with a few hundred events of every money kind (rent, late fees,
// partial, full and over-payments, reversals, credits, charges and waivers, autopay toggles, a
// deposit payment), snapshots every 10 versions. Each timeline page's before/after (nearest
// snapshot + the page folded forward in one stepped fold) equals the reference: every event
// through `evolve` from v1 with every period compared (the implementation main had); time travel
// equals a fold from v1 without snapshots; the export carries the same changes; verify reads in
// chunks; the receipt's stored figures equal the fold.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandEnvelope } from '@/server/commands/handle';
import { changeLease, createLease, type LeaseChange } from '@/server/commands/lease';
import { rows } from '@/server/db/client';
import {
  depositOf,
  type Lease,
  type LeaseState,
  leaseDecider,
  leaseStatusOn,
  leaseStreamId,
} from '@/server/domain/lease';
import { folderOf, type StoredEvent } from '@/server/eventstore';
import { verifyStream } from '@/server/eventstore/verify';
import {
  auditTimelinePage,
  foldWithChanges,
  type PeriodChange,
  type PeriodSummary,
  type StateChange,
  type StateSummary,
} from '@/server/queries/audit-timeline';
import { CSV_COLUMNS, exportStream, leaseStateAt } from '@/server/queries/lease-history';
import { getReceipt } from '@/server/queries/receipts';
import { aProperty, asManager, freshRuntime, managerId, tenantId } from '../support/runtime';

type Runtime = Awaited<ReturnType<typeof freshRuntime>>;
const folder = folderOf(leaseDecider);
let runtime: Runtime;
let leaseId: string;
let streamId: string;
let events: StoredEvent[];
let reference: StateChange[];
const paymentIds: string[] = [];

// ---- the reference: main's implementation before this change (evolve per event, full diff) ----
const periodsOf = (state: LeaseState): PeriodSummary[] =>
  state.status === 'none'
    ? []
    : state.periods.map(({ period, chargedCents, paidCents, lateFeeCents, completed }) => ({
        period,
        chargedCents,
        paidCents,
        lateFeeCents,
        completed,
      }));
const summaryOf = (state: LeaseState, day: string): StateSummary =>
  state.status === 'none'
    ? { status: 'none', balanceCents: 0, depositHeldCents: 0 }
    : {
        status: leaseStatusOn(state, day),
        balanceCents: state.balanceCents,
        depositHeldCents: depositOf(state).heldCents,
      };
const samePeriod = (a: PeriodSummary | undefined, b: PeriodSummary | undefined) =>
  a?.chargedCents === b?.chargedCents &&
  a?.paidCents === b?.paidCents &&
  a?.lateFeeCents === b?.lateFeeCents &&
  a?.completed === b?.completed;
function changeOf(before: LeaseState, after: LeaseState, day: string): StateChange {
  const old = new Map(periodsOf(before).map((p) => [p.period, p]));
  const now = new Map(periodsOf(after).map((p) => [p.period, p]));
  const periods: PeriodChange[] = [];
  for (const period of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(period);
    const b = now.get(period);
    if (!samePeriod(a, b)) periods.push({ period, before: a ?? null, after: b ?? null });
  }
  return { before: summaryOf(before, day), after: summaryOf(after, day), periods };
}
function referenceChanges(all: readonly StoredEvent[]) {
  const changes: StateChange[] = [];
  const states: LeaseState[] = [];
  let current = folder.initialState as LeaseState;
  for (const event of all) {
    const next = folder.evolve(current, event) as LeaseState;
    changes.push(changeOf(current, next, event.recordedAt.slice(0, 10)));
    states.push(next);
    current = next;
  }
  return { changes, states };
}
let referenceStates: LeaseState[];

// ---- the lease -------------------------------------------------------------------------------
const billing = (day: string): CommandEnvelope => ({
  actor: { userId: null, role: 'system', name: 'Billing' },
  correlationId: randomUUID(),
  source: 'billing',
  now: new Date(`${day}T12:00:00.000Z`),
});
const months = (from: string, n: number) =>
  Array.from({ length: n }, (_, i) => {
    const d = new Date(`${from}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + i);
    return d.toISOString().slice(0, 7);
  });

async function run(command: LeaseChange, envelope: CommandEnvelope = asManager()) {
  await changeLease(runtime, leaseId, command, envelope);
}

beforeAll(async () => {
  runtime = await freshRuntime({ snapshotEvery: 10 });
  const { propertyId, unitA } = await aProperty(runtime);
  const year = new Date().getUTCFullYear();
  const start = `${year - 3}-01`;
  ({ leaseId } = await createLease(
    runtime,
    {
      tenantId,
      propertyId,
      unitId: unitA,
      startDate: `${start}-01`,
      endDate: `${year + 1}-12-31`,
      monthlyRentCents: 150_000,
      dueDay: 1,
      graceDays: 5,
      lateFeeCents: 5_000,
      securityDepositCents: 100_000,
    },
    asManager(),
  ));
  streamId = leaseStreamId(leaseId);
  const pay = async (amountCents: number, paymentDate: string) => {
    const paymentId = randomUUID();
    paymentIds.push(paymentId);
    await run({
      type: 'ReceivePayment',
      paymentId,
      amountCents,
      paymentDate,
      method: 'card',
      actorRole: 'manager',
    });
    return paymentId;
  };
  await run({
    type: 'ReceivePayment',
    paymentId: randomUUID(),
    amountCents: 100_000,
    paymentDate: `${start}-01`,
    method: 'ach',
    purpose: 'deposit',
    actorRole: 'manager',
  });
  for (const [i, month] of months(start, 30).entries()) {
    await run({ type: 'PostDueItems', asOf: `${month}-01` }, billing(`${month}-01`));
    if (i % 3 === 0) {
      // Late: the fee first, then a partial and the rest.
      await run({ type: 'PostDueItems', asOf: `${month}-10` }, billing(`${month}-10`));
      await pay(60_000, `${month}-11`);
      await pay(95_000, `${month}-20`);
    } else if (i % 3 === 1) {
      const id = await pay(150_000, `${month}-01`);
      if (i % 6 === 1) await run({ type: 'ReversePayment', paymentId: id, reason: 'NSF' });
    } else {
      await pay(180_000, `${month}-02`); // over-payment: credit
    }
    if (i % 4 === 0) {
      const chargeId = randomUUID();
      await run({
        type: 'PostCharge',
        chargeId,
        kind: 'utility',
        description: 'Water',
        amountCents: 4_200,
        dueDate: `${month}-15`,
      });
      if (i % 8 === 0) await run({ type: 'WaiveCharge', chargeId, reason: 'Leak was ours' });
    }
    if (i % 5 === 0)
      await run({ type: 'GrantCredit', creditId: randomUUID(), amountCents: 2_500, reason: 'Noise' });
    if (i % 7 === 0) {
      await run({ type: 'EnrolAutopay', method: 'ach' });
      await run({ type: 'CancelAutopay' });
    }
  }
  events = await runtime.store.readStream(streamId);
  ({ changes: reference, states: referenceStates } = referenceChanges(events));
}, 240_000);
afterAll(() => runtime?.database.close());

describe('the stepped fold', () => {
  it('builds a lease of a few hundred events with snapshots along the way', async () => {
    expect(events.length).toBeGreaterThan(150);
    const [row] = await rows<{ n: string | number }>(
      runtime.database.db,
      sql`SELECT count(*) AS n FROM snapshots WHERE stream_id = ${streamId}`,
    );
    expect(Number(row?.n)).toBeGreaterThan(5);
  });

  it('gives every event the change and final state the reference fold from v1 gives', () => {
    const folded = foldWithChanges(folder.initialState as LeaseState, events);
    expect(folded.changes).toEqual(reference);
    expect(folded.state).toEqual(referenceStates.at(-1));
  });

  it('timeline pages from the nearest snapshot equal the fold from v1 at any position and size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: events.length }),
        fc.integer({ min: 1, max: 60 }),
        async (version, pageSize) => {
          const page = await auditTimelinePage(runtime, leaseId, { fromVersion: version, pageSize });
          expect(page).not.toBeNull();
          if (!page) return;
          const from = page.fromVersion;
          expect(page.events.map((e) => e.version)).toEqual(
            events.slice(from - 1, from - 1 + pageSize).map((e) => e.version),
          );
          expect(page.events.map((e) => e.change)).toEqual(reference.slice(from - 1, from - 1 + pageSize));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('time travel to a version equals a fold from v1 without snapshots', async () => {
    for (let version = 1; version <= events.length; version += 7) {
      const fromSnapshot = await runtime.store.load(streamId, folder, { toVersion: version });
      expect(fromSnapshot.state).toEqual(referenceStates[version - 1]);
      const at = await leaseStateAt(runtime, leaseId, { version });
      expect(at?.version).toBe(version);
      expect(at?.state.balanceCents).toBe(
        (referenceStates[version - 1] as { balanceCents: number }).balanceCents,
      );
    }
    // A recorded moment: the version recorded by then.
    const middle = events[Math.floor(events.length / 2)] as StoredEvent;
    const byTime = await leaseStateAt(runtime, leaseId, { asOf: middle.recordedAt });
    const last = events.filter((e) => e.recordedAt <= middle.recordedAt).at(-1) as StoredEvent;
    expect(byTime?.version).toBe(last.version);
  });
});

async function readAllText(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('the export', () => {
  it('JSON: every event once, in order, with the reference change', async () => {
    const body = JSON.parse(await readAllText(exportStream(runtime, leaseId, 'json'))) as {
      events: { version: number; change: StateChange }[];
    };
    expect(body.events.map((e) => e.version)).toEqual(events.map((e) => e.version));
    expect(body.events.map((e) => e.change)).toEqual(reference);
  });

  it('CSV: a header and one row per event with the reference balances', async () => {
    const text = await readAllText(exportStream(runtime, leaseId, 'csv'));
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    // `data` and `periodChanges` may hold commas inside quotes: read the row's leading version only.
    expect(lines.length - 1).toBeGreaterThanOrEqual(events.length);
    const versions = lines
      .slice(1)
      .flatMap((line) => (/^\d+,/.test(line) ? [Number(line.split(',')[0])] : []));
    expect(versions).toEqual(events.map((e) => e.version));
  });
});

describe('verify in chunks', () => {
  it('checks the whole chain whatever the chunk size', async () => {
    for (const chunk of [1, 7, 1000]) {
      expect(await verifyStream(runtime.database.db, streamId, { chunk })).toEqual({
        streamId,
        events: events.length,
        valid: true,
      });
    }
  });
});

describe('the receipt', () => {
  it('reads the stored allocations and balance after, equal to the fold up to the payment', async () => {
    const reader = { userId: managerId, role: 'manager' as const };
    for (const paymentId of paymentIds) {
      const at = events.findIndex(
        (e) => e.eventType === 'PaymentReceived' && (e.data as { paymentId: string }).paymentId === paymentId,
      );
      const state = referenceStates[at] as Lease;
      const payment = state.payments.find((p) => p.paymentId === paymentId);
      const receipt = await getReceipt(runtime, reader, paymentId);
      expect(receipt, paymentId).not.toBeNull();
      expect(receipt?.balanceAfterCents).toBe(state.balanceCents);
      expect(receipt?.creditCents).toBe(payment?.unappliedCents);
      expect(receipt?.allocations).toEqual(
        (payment?.allocations ?? []).map(({ chargeId, kind, period, amountCents }) => ({
          chargeId,
          kind,
          period,
          amountCents,
        })),
      );
    }
    const [row] = await rows<{ n: string | number }>(
      runtime.database.db,
      sql`SELECT count(*) AS n FROM rm_payments WHERE lease_id = ${leaseId} AND balance_after_cents IS NULL`,
    );
    expect(Number(row?.n)).toBe(0);
  });

  it('falls back to the nearest snapshot when a row has no stored balance', async () => {
    const reader = { userId: managerId, role: 'manager' as const };
    const paymentId = paymentIds[10] as string;
    const stored = await getReceipt(runtime, reader, paymentId);
    await runtime.database.db.execute(
      sql`UPDATE rm_payments SET balance_after_cents = NULL WHERE payment_id = ${paymentId}`,
    );
    expect(await getReceipt(runtime, reader, paymentId)).toEqual(stored);
  });
});
