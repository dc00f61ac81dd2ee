// The incremental ledger against a reference: a copy-everything algorithm (re-sort the open
// items, re-settle every payment, re-derive every period line per event), with the settling
// order of DESIGN.md: rent charges first, oldest first, then every other item, oldest first;
// over random event sequences with reversals, granted credits, out-of-order due dates and periods. Also: batches
// fold like single events, from any cut and through JSON, and no fold changes an earlier state.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldLease, leaseDecider } from '@/server/domain/lease';
import type { Allocation, LeaseEvent } from '@/server/domain/lease/events';
import type {
  CreditRecord,
  Lease,
  LeaseState,
  LedgerItem,
  PaymentRecord,
  PeriodLine,
} from '@/server/domain/lease/state';
import { addDays } from '@/server/domain/shared/dates';
import { testId } from '../support/given';
import { leaseCreated } from '../support/lease';

// ---- The reference: slow and obviously right.
type RefPayment = Omit<PaymentRecord, 'allocatedAt'>;
type RefCredit = Omit<CreditRecord, 'allocatedAt'>;
type Books = { charges: LedgerItem[]; payments: RefPayment[]; credits: RefCredit[] };
type Reference = Books & { periods: PeriodLine[]; balanceCents: number; creditCents: number };

function settle({ charges, payments, credits }: Books): void {
  // Rent first, then the rest; each by due date, then posting order (the sort is stable).
  const rank = (item: LedgerItem) => (item.kind === 'rent' ? 0 : 1);
  const open = charges.filter((item) => item.paidCents < item.amountCents);
  open.sort((a, b) => rank(a) - rank(b) || (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  let next = 0;
  // Granted credits pay first, then payments' credit, each oldest first.
  for (const payment of [...credits, ...payments]) {
    if ('reversed' in payment && payment.reversed) continue;
    for (let item = open[next]; payment.unappliedCents > 0 && item; item = open[next]) {
      const amountCents = Math.min(payment.unappliedCents, item.amountCents - item.paidCents);
      item.paidCents += amountCents;
      payment.unappliedCents -= amountCents;
      const existing = payment.allocations.find((allocation) => allocation.chargeId === item.chargeId);
      if (existing) existing.amountCents += amountCents;
      else
        payment.allocations.push({
          chargeId: item.chargeId,
          kind: item.kind,
          period: item.period,
          amountCents,
        });
      if (item.paidCents === item.amountCents) next += 1;
    }
  }
}

function periodLines(charges: LedgerItem[]): PeriodLine[] {
  const lines = new Map<string, PeriodLine>();
  for (const item of charges) {
    const line = lines.get(item.period) ?? {
      period: item.period,
      dueDate: item.dueDate,
      chargedCents: 0,
      paidCents: 0,
      lateFeeCents: 0,
      lateFeePaidCents: 0,
      completed: false,
    };
    if (item.kind === 'rent') {
      if (line.chargedCents === 0) line.dueDate = item.dueDate;
      line.chargedCents += item.amountCents;
      line.paidCents += item.paidCents;
    } else {
      line.lateFeeCents += item.amountCents;
      line.lateFeePaidCents += item.paidCents;
    }
    line.completed = line.chargedCents > 0 && line.paidCents >= line.chargedCents;
    lines.set(item.period, line);
  }
  return [...lines.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
}

function referenceStep(ref: Reference, event: LeaseEvent): Reference {
  const books: Books = {
    charges: ref.charges.map((item) => ({ ...item })),
    payments: ref.payments.map((p) => ({ ...p, allocations: p.allocations.map((a) => ({ ...a })) })),
    credits: ref.credits.map((c) => ({ ...c, allocations: c.allocations.map((a) => ({ ...a })) })),
  };
  if (event.type === 'RentCharged' || event.type === 'LateFeeAssessed') {
    const { period, dueDate, amountCents } = event.data;
    const chargeId = event.type === 'RentCharged' ? event.data.chargeId : event.data.lateFeeId;
    const kind = event.type === 'RentCharged' ? 'rent' : 'late_fee';
    books.charges.push({ chargeId, kind, period, dueDate, amountCents, paidCents: 0 });
  } else if (event.type === 'PaymentReceived') {
    const { paymentId, amountCents, paymentDate, method } = event.data;
    books.payments.push({
      paymentId,
      amountCents,
      paymentDate,
      method,
      allocations: [],
      unappliedCents: amountCents,
      reversed: false,
    });
  } else if (event.type === 'CreditGranted') {
    const { creditId, amountCents, reason } = event.data;
    books.credits.push({ creditId, amountCents, reason, allocations: [], unappliedCents: amountCents });
  } else if (event.type === 'PaymentReversed') {
    const payment = books.payments.find((candidate) => candidate.paymentId === event.data.paymentId);
    if (payment && !payment.reversed) {
      for (const allocation of payment.allocations) {
        const item = books.charges.find((candidate) => candidate.chargeId === allocation.chargeId);
        if (item) item.paidCents -= allocation.amountCents;
      }
      payment.unappliedCents = 0;
      payment.reversed = true;
      payment.reversal = { reason: event.data.reason };
    }
  } else return ref;
  settle(books);
  const live = books.payments.filter((payment) => !payment.reversed);
  return {
    ...books,
    periods: periodLines(books.charges),
    balanceCents:
      books.charges.reduce((sum, item) => sum + item.amountCents, 0) -
      live.reduce((sum, payment) => sum + payment.amountCents, 0) -
      books.credits.reduce((sum, credit) => sum + credit.amountCents, 0),
    creditCents: [...live, ...books.credits].reduce((sum, holder) => sum + holder.unappliedCents, 0),
  };
}

/** The ledger as the reference keeps it: `allocatedAt` is the fold's own bookkeeping. */
const ledgerOf = ({ charges, payments, credits, periods, balanceCents, creditCents }: Lease): Reference => ({
  charges,
  payments: payments.map(({ allocatedAt: _at, ...payment }) => payment),
  credits: credits.map(({ allocatedAt: _at, ...credit }) => credit),
  periods,
  balanceCents,
  creditCents,
});

// ---- Random streams: events built directly, so every order and overlap is reachable.
const PERIODS = ['2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06'];
const item = fc.record({
  kind: fc.constantFrom('rent' as const, 'rent' as const, 'late_fee' as const),
  period: fc.integer({ min: 0, max: PERIODS.length - 1 }),
  // Due dates jump around, so open items are often inserted before older ones.
  dueOffset: fc.integer({ min: -20, max: 40 }),
  amountCents: fc.integer({ min: 1, max: 200_000 }),
});
const step = fc.oneof(
  { weight: 4, arbitrary: item.map((i) => ({ ...i, type: 'item' as const })) },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('pay' as const),
      amountCents: fc.integer({ min: 1, max: 300_000 }),
    }),
  },
  // Reversals pick any payment made so far (including one already reversed) or an unknown id.
  { weight: 2, arbitrary: fc.record({ type: fc.constant('reverse' as const), pick: fc.nat({ max: 60 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('credit' as const),
      amountCents: fc.integer({ min: 1, max: 100_000 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'other' as const }) },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function eventsOf(steps: Step[]): LeaseEvent[] {
  const events: LeaseEvent[] = [leaseCreated()];
  const paid: string[] = [];
  steps.forEach((s, n) => {
    const id = testId(5_000 + n);
    if (s.type === 'item') {
      const period = PERIODS[s.period] as string;
      const dueDate = addDays(`${period}-01`, s.dueOffset);
      events.push(
        s.kind === 'rent'
          ? {
              type: 'RentCharged',
              data: { chargeId: id, period, amountCents: s.amountCents, dueDate, prorated: false },
            }
          : {
              type: 'LateFeeAssessed',
              data: {
                lateFeeId: id,
                period,
                amountCents: s.amountCents,
                dueDate,
                chargeId: id,
                rule: { rentDueDate: dueDate, graceDays: 5, assessedAsOf: dueDate },
              },
            },
      );
    } else if (s.type === 'pay') {
      paid.push(id);
      events.push({
        type: 'PaymentReceived',
        data: {
          paymentId: id,
          amountCents: s.amountCents,
          currency: 'USD',
          paymentDate: '2027-03-01',
          method: 'check',
          purpose: 'rent',
        },
      });
    } else if (s.type === 'reverse') {
      const paymentId = paid[s.pick % (paid.length + 1)] ?? testId(1);
      events.push({
        type: 'PaymentReversed',
        data: { paymentId, reason: 'NSF', amountCents: 1, allocations: [] },
      });
    } else if (s.type === 'credit') {
      events.push({
        type: 'CreditGranted',
        data: { creditId: id, amountCents: s.amountCents, reason: 'Concession' },
      });
    } else {
      events.push({ type: 'MonthlyPaymentCompleted', data: { period: '2027-01' } });
    }
  });
  return events;
}

const streams = fc.array(step, { minLength: 1, maxLength: 60 }).map(eventsOf);
const asLease = (state: LeaseState): Lease => {
  if (state.status === 'none') throw new Error('The stream creates the lease first');
  return state;
};
const json = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('incremental lease fold', () => {
  it('matches the copy-everything reference after every event', () => {
    fc.assert(
      fc.property(streams, (events) => {
        let state: LeaseState = leaseDecider.initialState;
        let ref: Reference = {
          charges: [],
          payments: [],
          credits: [],
          periods: [],
          balanceCents: 0,
          creditCents: 0,
        };
        for (const event of events) {
          state = leaseDecider.evolve(state, event);
          ref = referenceStep(ref, event);
          const lease = asLease(state);
          expect(ledgerOf(lease)).toStrictEqual(ref);
          // The bookkeeping the fold relies on is what a scan of the ledger would say.
          const openOf = (rent: boolean) =>
            lease.charges
              .flatMap((c, at) => (c.paidCents < c.amountCents && (c.kind === 'rent') === rent ? [at] : []))
              .sort(
                (a, b) =>
                  (lease.charges[a]?.dueDate ?? '').localeCompare(lease.charges[b]?.dueDate ?? '') || a - b,
              );
          expect(lease.openRent).toEqual(openOf(true));
          expect(lease.openOther).toEqual(openOf(false));
          expect(lease.payments.slice(0, lease.creditFrom).every((p) => p.unappliedCents === 0)).toBe(true);
          expect(lease.credits.slice(0, lease.creditsFrom).every((c) => c.unappliedCents === 0)).toBe(true);
          for (const payment of [...lease.payments, ...lease.credits]) {
            const named = payment.allocatedAt.map((at) => lease.charges[at]?.chargeId);
            expect(named).toEqual(payment.allocations.map((allocation) => allocation.chargeId));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('folds a batch, a JSON snapshot and its tail, or a pre-index state like event by event', () => {
    fc.assert(
      fc.property(streams, fc.nat(), (events, cutAt) => {
        const oneByOne = events.reduce(leaseDecider.evolve, leaseDecider.initialState);
        expect(foldLease(leaseDecider.initialState, events)).toStrictEqual(oneByOne);
        const cut = 1 + (cutAt % events.length);
        const head = foldLease(leaseDecider.initialState, events.slice(0, cut));
        expect(foldLease(json(head), events.slice(cut))).toStrictEqual(oneByOne);
        // The snapshot cache hands out frozen states: folding on from one never writes to it.
        expect(foldLease(frozen(json(head)), events.slice(cut))).toStrictEqual(oneByOne);
        // A state stored before `openRent`/`openOther`/`creditFrom`/`allocatedAt` existed (a
        // read-model row) goes on the same; a schema-3 one brings its single `openItems` list.
        const { openRent, openOther: _other, creditFrom: _credit, ...legacy } = asLease(head);
        if (cutAt % 2 === 0) Object.assign(legacy, { openItems: openRent });
        // (Credits are kept: a state without them has never seen a CreditGranted.)
        legacy.payments = legacy.payments.map(({ allocatedAt: _at, ...payment }) => payment as PaymentRecord);
        const resumed = asLease(foldLease(json(legacy) as LeaseState, events.slice(cut)));
        expect(ledgerOf(resumed)).toStrictEqual(ledgerOf(asLease(oneByOne)));
        if (cut < events.length) expect(resumed).not.toHaveProperty('openItems');
      }),
      { numRuns: 200 },
    );
  });

  it('never changes a state it returned before, even when folding on from it twice', () => {
    fc.assert(
      fc.property(streams, streams, fc.nat(), (events, other, forkAt) => {
        const states: LeaseState[] = [];
        const seen: unknown[] = [];
        let state: LeaseState = leaseDecider.initialState;
        for (const event of events) {
          state = leaseDecider.evolve(state, event);
          states.push(state);
          seen.push(json(state));
        }
        // Fork from an earlier state, by single events and by batch, as decide's drafts do.
        const fork = states[forkAt % states.length] as LeaseState;
        other.slice(1).reduce(leaseDecider.evolve, fork);
        foldLease(fork, other.slice(1));
        foldLease(state, other.slice(1));
        states.forEach((earlier, at) => {
          expect(json(earlier)).toStrictEqual(seen[at]);
        });
      }),
      { numRuns: 200 },
    );
  });
});

/** A deep-frozen copy, as the snapshot cache keeps states (a write to it throws). */
function frozen<T>(value: T): T {
  const freeze = (node: unknown) => {
    if (node === null || typeof node !== 'object' || Object.isFrozen(node)) return;
    Object.freeze(node);
    for (const child of Object.values(node)) freeze(child);
  };
  freeze(value);
  return value;
}

// Allocations recorded on events are what the state says the payment settled.
it('a payment decision records the allocations its fold derived', () => {
  const events = eventsOf([
    { type: 'item', kind: 'rent', period: 1, dueOffset: 0, amountCents: 100_000 },
    { type: 'item', kind: 'rent', period: 0, dueOffset: 0, amountCents: 50_000 },
  ]);
  const state = events.reduce(leaseDecider.evolve, leaseDecider.initialState);
  const [received] = leaseDecider.decide(
    {
      type: 'ReceivePayment',
      paymentId: testId(9_999),
      amountCents: 120_000,
      paymentDate: '2027-03-15',
      method: 'check',
      actorRole: 'manager',
    },
    state,
    { now: new Date('2027-03-15T12:00:00Z'), newId: () => testId(9_998) },
  );
  const allocations: Allocation[] = [
    { chargeId: testId(5_001), kind: 'rent', period: '2027-01', amountCents: 50_000 },
    { chargeId: testId(5_000), kind: 'rent', period: '2027-02', amountCents: 70_000 },
  ];
  expect(received).toMatchObject({ type: 'PaymentReceived', data: { allocations } });
});
