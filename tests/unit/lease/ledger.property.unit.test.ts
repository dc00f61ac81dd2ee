// Property-based checks of the lease ledger over random histories of billing runs, payments,
// reversals, renewals, terminations and autopay: money is conserved, allocations never exceed
// a charge, replay and JSON round trips reproduce the state, and decide only emits valid events.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billingSchedule, leaseDecider } from '@/server/domain/lease';
import type { LeaseCommand } from '@/server/domain/lease/commands';
import { type LeaseEvent, leaseEventSchema } from '@/server/domain/lease/events';
import type { Lease, LeaseState } from '@/server/domain/lease/state';
import { addDays } from '@/server/domain/shared/dates';
import { isDomainError } from '@/server/domain/shared/errors';
import { testCtx, testId } from '../support/given';
import { leaseCreated, leaseOf } from '../support/lease';

const step = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('bill' as const), days: fc.integer({ min: 0, max: 40 }) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      amount: fc.integer({ min: 1, max: 400_000 }),
      daysAgo: fc.integer({ min: 0, max: 10 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('reverse' as const),
      pick: fc.nat(),
      reason: fc.constantFrom('NSF' as const, 'chargeback' as const, 'error' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('renew' as const), months: fc.integer({ min: 1, max: 12 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('terminate' as const), days: fc.integer({ min: 0, max: 90 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('autopay' as const),
      cap: fc.option(fc.integer({ min: 1, max: 200_000 })),
    }),
  },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const leaseTerms = fc.record({
  startOffset: fc.integer({ min: 0, max: 60 }),
  lengthDays: fc.integer({ min: 1, max: 400 }),
  rent: fc.integer({ min: 1_000, max: 300_000 }),
  dueDay: fc.integer({ min: 1, max: 28 }),
  graceDays: fc.integer({ min: 0, max: 10 }),
  lateFee: fc.integer({ min: 0, max: 10_000 }),
});
type Terms = typeof leaseTerms extends fc.Arbitrary<infer T> ? T : never;

function created(terms: Terms): LeaseEvent {
  const startDate = addDays('2027-01-01', terms.startOffset);
  return leaseCreated({
    startDate,
    endDate: addDays(startDate, terms.lengthDays),
    monthlyRentCents: terms.rent,
    dueDay: terms.dueDay,
    graceDays: terms.graceDays,
    lateFeeCents: terms.lateFee,
  });
}

function commandFor(s: Step, lease: Lease, today: string, n: number): LeaseCommand {
  switch (s.kind) {
    case 'bill':
      return { type: 'PostDueItems', asOf: today };
    case 'pay':
      return {
        type: 'ReceivePayment',
        paymentId: testId(10_000 + n),
        amountCents: s.amount,
        paymentDate: addDays(today, -s.daysAgo),
        method: 'check',
        actorRole: 'manager',
      };
    case 'reverse': {
      const target = lease.payments[s.pick % Math.max(lease.payments.length, 1)];
      return { type: 'ReversePayment', paymentId: target?.paymentId ?? testId(1), reason: s.reason };
    }
    case 'renew':
      return {
        type: 'RenewLease',
        newEndDate: addDays(lease.endDate, 30 * s.months),
        monthlyRentCents: 123_456,
        existingLeasesForUnit: [],
      };
    case 'terminate':
      return { type: 'TerminateLease', effectiveDate: addDays(today, s.days), reason: 'Property test' };
    case 'autopay':
      return s.cap === null
        ? { type: 'CancelAutopay' }
        : { type: 'EnrolAutopay', method: 'ach', capCents: s.cap };
  }
}

/** Runs the steps through decide; refusals are part of the game and append nothing. */
function simulate(terms: Terms, steps: Step[], check: (lease: Lease, events: LeaseEvent[]) => void) {
  const events: LeaseEvent[] = [created(terms)];
  let state: LeaseState = leaseOf(events);
  let today = addDays('2027-01-01', -5);
  steps.forEach((s, n) => {
    if (s.kind === 'bill') today = addDays(today, s.days);
    const lease = state as Lease;
    let produced: LeaseEvent[] = [];
    try {
      produced = leaseDecider.decide(
        commandFor(s, lease, today, n),
        state,
        testCtx(today, 100_000 + 100 * n),
      );
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
    for (const event of produced) {
      expect(leaseEventSchema.safeParse(event).success, JSON.stringify(event)).toBe(true);
      state = leaseDecider.evolve(state, event);
      events.push(event);
    }
    check(state as Lease, events);
  });
  return { state: state as Lease, events };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const histories = fc.tuple(leaseTerms, fc.array(step, { minLength: 1, maxLength: 40 }));

describe('lease ledger properties', () => {
  it('balance = charges + fees - payments + reversed - credits, at every step', () => {
    fc.assert(
      fc.property(histories, ([terms, steps]) => {
        simulate(terms, steps, (lease, events) => {
          const total = (type: LeaseEvent['type']) =>
            sum(
              events
                .filter((event) => event.type === type)
                .map((event) => (event.data as { amountCents: number }).amountCents),
            );
          const expected =
            total('RentCharged') +
            total('LateFeeAssessed') -
            total('PaymentReceived') +
            total('PaymentReversed') -
            total('CreditGranted');
          expect(lease.balanceCents).toBe(expected);
          expect(lease.creditCents).toBe(Math.max(0, -lease.balanceCents));
        });
      }),
    );
  });

  it('allocations never exceed a charge and account for every cent of each payment and credit', () => {
    fc.assert(
      fc.property(histories, ([terms, steps]) => {
        simulate(terms, steps, (lease) => {
          const live = [...lease.payments.filter((payment) => !payment.reversed), ...lease.credits];
          for (const item of lease.charges) {
            expect(item.paidCents).toBeGreaterThanOrEqual(0);
            expect(item.paidCents).toBeLessThanOrEqual(item.amountCents);
            const allocated = live.flatMap((p) => p.allocations).filter((a) => a.chargeId === item.chargeId);
            expect(sum(allocated.map((a) => a.amountCents))).toBe(item.paidCents);
          }
          for (const payment of live) {
            expect(payment.unappliedCents).toBeGreaterThanOrEqual(0);
            expect(sum(payment.allocations.map((a) => a.amountCents)) + payment.unappliedCents).toBe(
              payment.amountCents,
            );
          }
          // Credit and an open item never coexist: credit always pays what is open.
          if (lease.creditCents > 0)
            expect(lease.charges.every((item) => item.paidCents === item.amountCents)).toBe(true);
        });
      }),
    );
  });

  it('charges stay within the schedule, with at most one late fee per period', () => {
    fc.assert(
      fc.property(histories, ([terms, steps]) => {
        const { state } = simulate(terms, steps, () => {});
        for (const line of state.periods) {
          const fees = state.charges.filter(
            (item) => item.kind === 'late_fee' && item.period === line.period,
          );
          expect(fees.length).toBeLessThanOrEqual(1);
          expect(line.chargedCents).toBeLessThanOrEqual(Math.max(terms.rent, 123_456));
          expect(line.completed).toBe(line.chargedCents > 0 && line.paidCents === line.chargedCents);
        }
      }),
    );
  });

  it('replaying the events gives the same state, and the state survives a JSON round trip', () => {
    fc.assert(
      fc.property(histories, ([terms, steps]) => {
        const { state, events } = simulate(terms, steps, () => {});
        const replayed = events.reduce(leaseDecider.evolve, leaseDecider.initialState);
        expect(replayed).toStrictEqual(state);
        expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state);
        const stored = events.map((event) => JSON.parse(JSON.stringify(event)) as LeaseEvent);
        expect(stored.reduce(leaseDecider.evolve, leaseDecider.initialState)).toStrictEqual(state);
      }),
    );
  });

  it('billing as of a date twice posts nothing the second time', () => {
    fc.assert(
      fc.property(leaseTerms, fc.integer({ min: 0, max: 500 }), (terms, days) => {
        const asOf = addDays('2027-01-01', days);
        const first = leaseDecider.decide(
          { type: 'PostDueItems', asOf },
          leaseOf([created(terms)]),
          testCtx(asOf),
        );
        const after = leaseOf([created(terms), ...first]);
        expect(leaseDecider.decide({ type: 'PostDueItems', asOf }, after, testCtx(asOf))).toEqual([]);
      }),
    );
  });

  it('no scheduled charge exceeds the monthly rent; full months charge exactly the rent', () => {
    fc.assert(
      fc.property(leaseTerms, (terms) => {
        const schedule = billingSchedule(leaseOf([created(terms)]));
        expect(sum(schedule.map((charge) => charge.days))).toBe(terms.lengthDays + 1);
        for (const charge of schedule) {
          expect(charge.amountCents).toBeLessThanOrEqual(terms.rent);
          if (!charge.prorated) expect(charge.amountCents).toBe(terms.rent);
        }
      }),
    );
  });
});
