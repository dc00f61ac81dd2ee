// Aggregate load: lease streams of 10 / 1,000 / 10,000 events built by big appends of the events
// the lease decider emits (monthly rent, 25 partial payments, the month completed), a snapshot of
// the folded state at the head, then `store.load` timed with and without snapshots.
import { randomUUID } from 'node:crypto';
import { leaseDecider, leaseStreamId } from '../server/domain/lease';
import type { EventMetadata, NewEvent } from '../server/eventstore';
import { folderOf } from '../server/eventstore';
import { saveSnapshot } from '../server/eventstore/snapshots';
import type { Runtime } from '../server/runtime';
import { median } from './lib/stats';

const folder = folderOf(leaseDecider);
const metadata: EventMetadata = {
  actor: { userId: null, role: 'system' },
  correlationId: 'bench-aggregate-load',
  causationId: null,
  source: 'import',
};
const RENT = 150_000;
const PAYMENTS_PER_MONTH = 25;
const BATCH = 1_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** The first `count` events of a lease paid in 25 instalments a month, from January 1990. */
export function leaseHistory(leaseId: string, count: number): NewEvent[] {
  const events: NewEvent[] = [
    {
      type: 'LeaseCreated',
      data: {
        leaseId,
        tenantId: randomUUID(),
        propertyId: randomUUID(),
        unitId: randomUUID(),
        startDate: '1990-01-01',
        endDate: '2099-12-31',
        monthlyRentCents: RENT,
        dueDay: 1,
        graceDays: 5,
        lateFeeCents: 5_000,
        securityDepositCents: RENT,
      },
    },
  ];
  for (let month = 0; events.length < count; month++) {
    const period = `${1990 + Math.floor(month / 12)}-${pad((month % 12) + 1)}`;
    const chargeId = randomUUID();
    events.push({
      type: 'RentCharged',
      data: { chargeId, period, amountCents: RENT, dueDate: `${period}-01`, prorated: false },
    });
    const instalment = RENT / PAYMENTS_PER_MONTH;
    for (let day = 1; day <= PAYMENTS_PER_MONTH && events.length < count; day++) {
      events.push({
        type: 'PaymentReceived',
        data: {
          paymentId: randomUUID(),
          amountCents: instalment,
          currency: 'USD',
          paymentDate: `${period}-${pad(day)}`,
          method: 'ach',
          allocations: [{ chargeId, kind: 'rent', period, amountCents: instalment }],
        },
      });
    }
    if (events.length < count) events.push({ type: 'MonthlyPaymentCompleted', data: { period } });
  }
  return events.slice(0, count);
}

/** Appends a `count`-event lease stream; with `snapshot`, saves the folded head state. Returns its id. */
export async function buildStream(runtime: Runtime, count: number, snapshot: boolean): Promise<string> {
  const leaseId = randomUUID();
  const streamId = leaseStreamId(leaseId);
  const events = leaseHistory(leaseId, count);
  for (let from = 0; from < events.length; from += BATCH) {
    await runtime.store.append(streamId, events.slice(from, from + BATCH), {
      expectedVersion: from,
      metadata,
    });
  }
  if (snapshot) {
    const { state, version } = await runtime.store.load(streamId, folder, { useSnapshots: false });
    await saveSnapshot(runtime.database.db, streamId, version, folder.stateSchemaVersion, state);
  }
  return streamId;
}

/** Median milliseconds of `store.load`, repeated `min`…`max` times within about `budgetMs`. */
export async function timeLoad(
  runtime: Runtime,
  streamId: string,
  useSnapshots: boolean,
  repeats: { min: number; max: number; budgetMs: number },
): Promise<{ ms: number; repeats: number; version: number; snapshotVersion: number }> {
  const times: number[] = [];
  let loaded = { version: 0, snapshotVersion: 0 };
  const started = performance.now();
  await runtime.store.load(streamId, folder, { useSnapshots }); // warm-up (plans, caches)
  // A load slower than 2 s (the quadratic full fold of a long stream) is timed twice, not more.
  const min = performance.now() - started > 2_000 ? 2 : repeats.min;
  while (
    times.length < min ||
    (times.length < repeats.max && performance.now() - started < repeats.budgetMs)
  ) {
    const t0 = performance.now();
    loaded = await runtime.store.load(streamId, folder, { useSnapshots });
    times.push(performance.now() - t0);
  }
  return { ms: median(times), repeats: times.length, ...loaded };
}
