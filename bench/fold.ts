// Folding cost of a lease stream by its length: synthetic streams of 10, 1,000 and 10,000 events
// (monthly rent, payments that run short, on time or ahead, late fees, a few reversals), folded
// from the initial state. Prints µs per event and ms per fold, median of several samples, plus
// the cost of one payment decision on the folded state. Run with `npx tsx bench/fold.ts`.

import { pathToFileURL } from 'node:url';
import type { LeaseEvent, LeaseState } from '@/server/domain/lease';
import * as lease from '@/server/domain/lease';
import { addDays, dayInPeriod, nextPeriod } from '@/server/domain/shared/dates';

const SIZES = [10, 1_000, 10_000];
const SAMPLES = 7;
/** Each sample repeats the fold until it has run this long, so short streams are timed too. */
const SAMPLE_MS = 40;
const RENT = 150_000;
/** Events after the snapshot in the load figures (a snapshot is taken every so many events). */
const TAIL = 20;

const id = (kind: number, n: number) =>
  `00000000-0000-4000-${String(8000 + kind)}-${String(n).padStart(12, '0')}`;

/** A deterministic stream of exactly `size` events; a tiny LCG keeps runs comparable. */
export function syntheticStream(size: number): LeaseEvent[] {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const events: LeaseEvent[] = [
    {
      type: 'LeaseCreated',
      data: {
        leaseId: id(1, 1),
        tenantId: id(1, 2),
        propertyId: id(1, 3),
        unitId: id(1, 4),
        startDate: '2000-01-01',
        endDate: '2999-12-31',
        monthlyRentCents: RENT,
        dueDay: 1,
        graceDays: 5,
        lateFeeCents: 5_000,
        securityDepositCents: RENT,
      },
    },
  ];
  const payments: { paymentId: string; amountCents: number }[] = [];
  let period = '2000-01';
  let n = 0;
  const push = (event: LeaseEvent) => {
    if (events.length < size) events.push(event);
  };
  while (events.length < size) {
    n += 1;
    const dueDate = dayInPeriod(period, 1);
    push({
      type: 'RentCharged',
      data: { chargeId: id(2, n), period, amountCents: RENT, dueDate, prorated: false },
    });
    const roll = random();
    // Most months are paid in full; some short (then fined), some ahead (credit for later months).
    const amountCents = roll < 0.15 ? RENT / 2 : roll < 0.25 ? 2 * RENT : RENT;
    if (roll < 0.15) {
      push({
        type: 'LateFeeAssessed',
        data: {
          lateFeeId: id(3, n),
          period,
          amountCents: 5_000,
          dueDate: addDays(dueDate, 6),
          chargeId: id(2, n),
          rule: { rentDueDate: dueDate, graceDays: 5, assessedAsOf: addDays(dueDate, 6) },
        },
      });
    }
    const paymentId = id(4, n);
    payments.push({ paymentId, amountCents });
    push({
      type: 'PaymentReceived',
      data: {
        paymentId,
        amountCents,
        currency: 'USD',
        paymentDate: addDays(dueDate, roll < 0.15 ? 10 : 0),
        method: 'ach',
        purpose: 'rent',
      },
    });
    // About one payment in 25 bounces, usually a recent one.
    if (random() < 0.04) {
      const target = payments.splice(Math.max(0, payments.length - 1 - Math.floor(random() * 3)), 1)[0];
      if (target) {
        push({
          type: 'PaymentReversed',
          data: {
            paymentId: target.paymentId,
            reason: 'NSF',
            amountCents: target.amountCents,
            allocations: [],
          },
        });
      }
    }
    period = nextPeriod(period);
  }
  return events;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Median ms per call of `run`, over SAMPLES samples of at least SAMPLE_MS each. */
function time(run: () => unknown): number {
  run();
  const samples: number[] = [];
  for (let s = 0; s < SAMPLES; s += 1) {
    let calls = 0;
    const started = performance.now();
    let elapsed = 0;
    do {
      run();
      calls += 1;
      elapsed = performance.now() - started;
    } while (elapsed < SAMPLE_MS);
    samples.push(elapsed / calls);
  }
  return median(samples);
}

type Fold = { name: string; fold: (events: LeaseEvent[]) => LeaseState };

// `foldLease` folds a batch with one working copy; older versions only have `evolve`.
const batch = (lease as { foldLease?: (state: LeaseState, events: LeaseEvent[]) => LeaseState }).foldLease;
const folds: Fold[] = [
  {
    name: 'evolve, event by event',
    fold: (events) => events.reduce(lease.leaseDecider.evolve, lease.leaseDecider.initialState),
  },
  ...(batch
    ? [{ name: 'foldLease, one batch', fold: (events: LeaseEvent[]) => batch(lease.initialState, events) }]
    : []),
];

function payOn(state: LeaseState) {
  lease.leaseDecider.decide(
    {
      type: 'ReceivePayment',
      paymentId: id(9, 1),
      amountCents: RENT,
      paymentDate: '2000-01-01',
      method: 'check',
      actorRole: 'manager',
    },
    state,
    { now: new Date('2000-01-02T12:00:00Z'), newId: () => id(9, 2) },
  );
}

function main() {
  const rows: Record<string, string | number>[] = [];
  for (const { name, fold } of folds) {
    for (const size of SIZES) {
      const events = syntheticStream(size);
      const ms = time(() => fold(events));
      const state = fold(events);
      rows.push({
        fold: name,
        events: size,
        'total ms': Number(ms.toFixed(3)),
        'µs/event': Number(((ms * 1000) / size).toFixed(2)),
        'payment decision µs': Number((time(() => payOn(state)) * 1000).toFixed(1)),
      });
    }
  }
  console.table(rows);
  // A load from a snapshot: parse the stored state, fold a short tail. Parsing is O(state).
  const loads: Record<string, string | number>[] = [];
  for (const size of SIZES) {
    const events = syntheticStream(size + TAIL);
    const snapshot = JSON.stringify(lease.foldLease(lease.initialState, events.slice(0, size)));
    const tail = events.slice(size);
    const parse = time(() => JSON.parse(snapshot));
    // Folds never write their input, so one parsed snapshot serves every repeat.
    const parsed = JSON.parse(snapshot) as LeaseState;
    loads.push({
      events: size,
      'snapshot KB': Math.round(snapshot.length / 1024),
      'parse µs': Number((parse * 1000).toFixed(1)),
      [`+${TAIL} by evolve µs`]: Number(
        (time(() => tail.reduce(lease.leaseDecider.evolve, parsed)) * 1000).toFixed(1),
      ),
      [`+${TAIL} by foldLease µs`]: Number((time(() => lease.foldLease(parsed, tail)) * 1000).toFixed(1)),
    });
  }
  console.table(loads);
}

// Importable for profiling without running the whole table.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
