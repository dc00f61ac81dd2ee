// Property-based checks of allocation with charges, waivers, credits, recurring charges and NSF
// fees mixed into random histories of billing, payments, reversals, autopay and terminations. The invariant, exactly:
//
//   balance = Σ RentCharged + Σ LateFeeAssessed + Σ ChargePosted
//           − Σ PaymentReceived + Σ PaymentReversed − Σ CreditGranted − Σ ChargeWaived.amountCents
//
// and, item by item: owed = Σ over items not waived of (amount − paid); credit held = Σ unused
// parts of standing payments and credits; balance = owed − credit held; never credit while
// something is owed; every standing payment and credit is fully accounted for by its allocations
// plus its unused part, and what each item has been paid equals the allocations to it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldLease, leaseDecider } from '@/server/domain/lease';
import type { LeaseCommand } from '@/server/domain/lease/commands';
import { type LeaseEvent, leaseEventSchema } from '@/server/domain/lease/events';
import { type Lease, type LeaseState, openCentsOf } from '@/server/domain/lease/state';
import { addDays, maxDate, periodOf } from '@/server/domain/shared/dates';
import { isDomainError } from '@/server/domain/shared/errors';
import { testCtx, testId } from '../support/given';
import { leaseCreated, leaseOf } from '../support/lease';

const RENT = 150_000;
const step = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('bill' as const), days: fc.integer({ min: 0, max: 35 }) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('pay' as const), amount: fc.integer({ min: 1, max: 300_000 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('reverse' as const),
      pick: fc.nat(),
      reason: fc.constantFrom('NSF' as const, 'chargeback' as const),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('charge' as const),
      amount: fc.integer({ min: 1, max: 50_000 }),
      dueIn: fc.integer({ min: -10, max: 20 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('waive' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('credit' as const),
      amount: fc.integer({ min: 1, max: 100_000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('recurring' as const),
      amount: fc.integer({ min: 1, max: RENT }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unrecur' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('autopay' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('terminate' as const), days: fc.integer({ min: 0, max: 60 }) }),
  },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function commandFor(s: Step, lease: Lease, today: string, n: number): LeaseCommand {
  const pick = <T>(list: T[], at: number): T | undefined => list[at % Math.max(list.length, 1)];
  switch (s.kind) {
    case 'bill':
      return { type: 'PostDueItems', asOf: today };
    case 'pay':
      return {
        type: 'ReceivePayment',
        paymentId: testId(10_000 + n),
        amountCents: s.amount,
        method: 'check',
        actorRole: 'manager',
      };
    case 'reverse':
      return {
        type: 'ReversePayment',
        paymentId: pick(lease.payments, s.pick)?.paymentId ?? testId(1),
        reason: s.reason,
      };
    case 'charge':
      return {
        type: 'PostCharge',
        chargeId: testId(20_000 + n),
        kind: 'utility',
        description: 'Water',
        amountCents: s.amount,
        dueDate: addDays(today, s.dueIn),
      };
    case 'waive':
      return {
        type: 'WaiveCharge',
        chargeId: pick(lease.charges, s.pick)?.chargeId ?? testId(1),
        reason: 'Test',
      };
    case 'credit':
      return {
        type: 'GrantCredit',
        creditId: testId(30_000 + n),
        amountCents: s.amount,
        reason: 'Concession',
      };
    case 'recurring':
      return {
        type: 'AddRecurringCharge',
        recurringId: testId(40_000 + n),
        description: 'Parking',
        amountCents: s.amount,
        fromPeriod: maxDate(periodOf(today), periodOf(lease.startDate)),
      };
    case 'autopay':
      return { type: 'EnrolAutopay', method: 'ach' };
    case 'terminate':
      return { type: 'TerminateLease', effectiveDate: addDays(today, s.days), reason: 'Property test' };
    case 'unrecur':
      return {
        type: 'RemoveRecurringCharge',
        recurringId: pick(lease.recurring, s.pick)?.recurringId ?? testId(1),
      };
  }
}

function simulate(steps: Step[], check: (lease: Lease, events: LeaseEvent[]) => void) {
  const events: LeaseEvent[] = [
    leaseCreated({ startDate: '2027-01-10', endDate: '2027-12-20', nsfFeeCents: 3_500, lateFeeCents: 5_000 }),
  ];
  let state: LeaseState = leaseOf(events);
  let today = '2027-01-05';
  steps.forEach((s, n) => {
    if (s.kind === 'bill') today = addDays(today, s.days);
    let produced: LeaseEvent[] = [];
    try {
      produced = leaseDecider.decide(
        commandFor(s, state as Lease, today, n),
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
const histories = fc.array(step, { minLength: 1, maxLength: 50 });
const amountOf = (event: LeaseEvent): number => (event.data as { amountCents?: number }).amountCents ?? 0;

describe('allocation with charges, waivers and credits', () => {
  it('the balance is charges + fees + posted charges - payments + reversed - credits - waived, at every step', () => {
    fc.assert(
      fc.property(histories, (steps) => {
        simulate(steps, (lease, events) => {
          const total = (type: LeaseEvent['type']) =>
            sum(events.filter((e) => e.type === type).map(amountOf));
          expect(lease.balanceCents).toBe(
            total('RentCharged') +
              total('LateFeeAssessed') +
              total('ChargePosted') -
              total('PaymentReceived') +
              total('PaymentReversed') -
              total('CreditGranted') -
              total('ChargeWaived'),
          );
        });
      }),
    );
  });

  it('owed minus credit held is the balance; every payer and item is accounted for to the cent', () => {
    fc.assert(
      fc.property(histories, (steps) => {
        simulate(steps, (lease) => {
          const payers = [...lease.payments.filter((p) => !p.reversed), ...lease.credits];
          const owed = sum(lease.charges.map(openCentsOf));
          const held = sum(payers.map((p) => p.unappliedCents));
          expect(lease.creditCents).toBe(held);
          expect(lease.balanceCents).toBe(owed - held);
          if (held > 0) expect(owed).toBe(0);
          for (const payer of payers) {
            expect(payer.unappliedCents).toBeGreaterThanOrEqual(0);
            expect(sum(payer.allocations.map((a) => a.amountCents)) + payer.unappliedCents).toBe(
              payer.amountCents,
            );
          }
          for (const item of lease.charges) {
            const paid = sum(
              payers
                .flatMap((p) => p.allocations.filter((a) => a.chargeId === item.chargeId))
                .map((a) => a.amountCents),
            );
            expect(paid).toBe(item.paidCents);
            expect(item.paidCents).toBeLessThanOrEqual(item.amountCents);
            if (item.waived) expect(item.paidCents).toBe(0);
          }
        });
      }),
    );
  });

  it('replay, a batch fold and a JSON round trip all give the same state; billing twice posts nothing', () => {
    fc.assert(
      fc.property(histories, (steps) => {
        const { state, events } = simulate(steps, () => {});
        expect(events.reduce(leaseDecider.evolve, leaseDecider.initialState)).toStrictEqual(state);
        expect(foldLease(leaseDecider.initialState, events)).toStrictEqual(state);
        expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state);
        const asOf = '2027-12-31';
        const ctx = testCtx(asOf, 900_000);
        const first = leaseDecider.decide({ type: 'PostDueItems', asOf }, state, ctx);
        const after = first.reduce(leaseDecider.evolve, state as LeaseState);
        expect(leaseDecider.decide({ type: 'PostDueItems', asOf }, after, ctx)).toEqual([]);
      }),
    );
  });
});
