// Property-based checks of the security deposit over random histories of billing runs, rent and
// deposit payments and reversals, settled with random deductions once the lease is over.
//
// Invariant (all integer cents), after the settlement:
//   charged (rent + late fees + deductions)
//     = paid by rent payments not reversed + applied from the deposit + credits granted + balance
//   deposit received (deposit payments not reversed) = held before the settlement
//     = applied to deductions + applied to the balance + refunded
// and held after = 0; applied to deductions <= deductions; the deposit pays the balance only
// once the deductions are covered, and refunds only when nothing is left owed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leaseDecider } from '@/server/domain/lease';
import type { LeaseCommand } from '@/server/domain/lease/commands';
import { type LeaseEvent, leaseEventSchema } from '@/server/domain/lease/events';
import { depositOf, type Lease, type LeaseState } from '@/server/domain/lease/state';
import { addDays } from '@/server/domain/shared/dates';
import { isDomainError } from '@/server/domain/shared/errors';
import { testCtx, testId } from '../support/given';
import { leaseCreated, leaseOf } from '../support/lease';

const step = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('bill' as const), days: fc.integer({ min: 0, max: 40 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('rent' as const),
      amount: fc.integer({ min: 1, max: 300_000 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('deposit' as const),
      amount: fc.integer({ min: 1, max: 200_000 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }) },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const scenario = fc.record({
  rent: fc.integer({ min: 10_000, max: 250_000 }),
  deposit: fc.integer({ min: 0, max: 400_000 }),
  lengthDays: fc.integer({ min: 20, max: 200 }),
  steps: fc.array(step, { maxLength: 25 }),
  deductions: fc.array(fc.integer({ min: 1, max: 300_000 }), { maxLength: 5 }),
  terminateAfter: fc.option(fc.integer({ min: 0, max: 150 })),
});

const START = '2027-01-10';

/** Runs a command; a refusal (DomainError) leaves the history as it is, anything else fails the test. */
function run(history: LeaseEvent[], command: LeaseCommand, today: string, firstId: number): LeaseEvent[] {
  const state = history.reduce(leaseDecider.evolve, leaseDecider.initialState as LeaseState);
  try {
    const events = leaseDecider.decide(command, state, testCtx(today, firstId));
    for (const event of events) expect(leaseEventSchema.safeParse(event).success).toBe(true);
    return [...history, ...events];
  } catch (error) {
    if (isDomainError(error)) return history;
    throw error;
  }
}

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function play(s: Scenario) {
  const endDate = addDays(START, s.lengthDays);
  let history: LeaseEvent[] = [
    leaseCreated({
      startDate: START,
      endDate,
      monthlyRentCents: s.rent,
      securityDepositCents: s.deposit,
      graceDays: 3,
    }),
  ];
  let day = START;
  const paymentIds: string[] = [];
  s.steps.forEach((next: Step, n) => {
    const firstId = 10_000 * (n + 1);
    if (next.kind === 'bill') {
      day = addDays(day, next.days);
      history = run(history, { type: 'PostDueItems', asOf: day }, day, firstId);
      return;
    }
    if (next.kind === 'reverse') {
      const paymentId = paymentIds[next.pick % Math.max(1, paymentIds.length)];
      if (paymentId)
        history = run(history, { type: 'ReversePayment', paymentId, reason: 'NSF' }, day, firstId);
      return;
    }
    const paymentId = testId(firstId);
    paymentIds.push(paymentId);
    const purpose = next.kind === 'deposit' ? 'deposit' : 'rent';
    const command = {
      type: 'ReceivePayment',
      paymentId,
      amountCents: next.amount,
      method: 'ach',
      actorRole: 'manager',
      purpose,
    } as const;
    history = run(history, command, day, firstId);
  });
  if (s.terminateAfter !== null) {
    const effectiveDate = addDays(START, Math.min(s.terminateAfter, s.lengthDays));
    history = run(
      history,
      { type: 'TerminateLease', effectiveDate, reason: 'Moved out' },
      // Recorded on the earlier of the run's day and the effective date (dates compare as text).
      [day, effectiveDate].sort()[0] as string,
      900_000,
    );
  }
  const over = addDays(endDate, 1);
  history = run(history, { type: 'PostDueItems', asOf: over }, over, 910_000);
  const before = leaseOf(history);
  const deductions = s.deductions.map((amountCents, k) => ({
    description: `Deduction ${k + 1}`,
    amountCents,
  }));
  const settled = run(history, { type: 'SettleDeposit', deductions, refundMethod: 'check' }, over, 920_000);
  return { history, before, after: leaseOf(settled), settledEvents: settled.slice(history.length) };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function chargedCents(lease: Lease) {
  return sum(lease.charges.map((item) => item.amountCents));
}
const rentPaidCents = (lease: Lease) =>
  sum(lease.payments.filter((p) => !p.reversed).map((p) => p.amountCents));
const depositReceivedCents = (lease: Lease) =>
  sum(lease.depositPayments.filter((p) => !p.reversed).map((p) => p.amountCents));

describe('security deposit settlement (property-based)', () => {
  it('balances: charged = paid + applied from the deposit + credits + balance; received = applied + refunded', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { history, before, after, settledEvents } = play(s);
        const settlement = after.depositSettlement;
        expect(settlement).toBeDefined();
        if (!settlement) return;
        expect(settledEvents[0]?.type).toBe('DepositSettled');
        const deductionsCents = sum(s.deductions);
        const applied = settlement.appliedToDeductionsCents + settlement.appliedToBalanceCents;
        const grantedCents = sum(
          after.credits.filter((c) => c.creditId !== settlement.creditId).map((c) => c.amountCents),
        );

        // The deposit: what was received is what was held, and all of it was applied or refunded.
        expect(depositOf(before).heldCents).toBe(depositReceivedCents(before));
        expect(settlement.heldCents).toBe(depositReceivedCents(after));
        expect(applied + settlement.refundedCents).toBe(settlement.heldCents);
        expect(depositOf(after).heldCents).toBe(0);

        // The ledger: every cent charged is paid, applied, credited or still owed (negative = credit).
        expect(chargedCents(after)).toBe(chargedCents(before) + deductionsCents);
        expect(chargedCents(after)).toBe(rentPaidCents(after) + applied + grantedCents + after.balanceCents);
        expect(after.balanceCents).toBe(before.balanceCents + deductionsCents - applied);

        // Deductions first, then the balance, then the refund.
        expect(settlement.appliedToDeductionsCents).toBeLessThanOrEqual(deductionsCents);
        const deductionItems = after.charges.filter((item) => item.kind === 'deposit');
        const deductionsOpen = sum(deductionItems.map((item) => item.amountCents - item.paidCents));
        if (settlement.appliedToBalanceCents > 0) expect(deductionsOpen).toBe(0);
        if (settlement.refundedCents > 0) expect(after.balanceCents).toBeLessThanOrEqual(0);
        // Nothing is paid beyond its amount, and the credit that carried the deposit is used up.
        for (const item of after.charges) expect(item.paidCents).toBeLessThanOrEqual(item.amountCents);
        expect(after.credits.find((c) => c.creditId === settlement.creditId)?.unappliedCents ?? 0).toBe(0);

        // The batch fold agrees with folding one event at a time.
        const replayed = leaseDecider.fold(leaseDecider.initialState, [...history, ...settledEvents]);
        expect(replayed).toStrictEqual(after);
      }),
      { numRuns: 200 },
    );
    // Generous: 200 histories folded and decided step by step take seconds on a loaded machine.
  }, 60_000);
});
