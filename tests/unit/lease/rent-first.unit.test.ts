// Payments pay rent first (oldest first), then late fees and other items (oldest first), so one
// late month does not make every later on-time rent payment late (no late-fee pyramiding; North
// Carolina § 42-46). Credit held follows the same order, and a reversal reopens what it paid.
import { describe, expect, it } from 'vitest';
import type { LeaseEvent } from '@/server/domain/lease/events';
import { testCtx, testId } from '../support/given';
import {
  APRIL_CHARGE,
  aprilCharged,
  completed,
  given,
  LATE_FEE,
  leaseCreated,
  leaseOf,
  MARCH_CHARGE,
  marchCharged,
  pay,
  paymentReceived,
  periodOf,
  postDue,
  RENT,
  rentAllocation,
} from '../support/lease';

const PAYMENT = testId(500);
const FEE_ID = testId(60);
const marchFee: LeaseEvent = {
  type: 'LateFeeAssessed',
  data: {
    lateFeeId: FEE_ID,
    period: '2027-03',
    amountCents: LATE_FEE,
    dueDate: '2027-03-21',
    chargeId: MARCH_CHARGE,
    rule: { rentDueDate: '2027-03-15', graceDays: 5, assessedAsOf: '2027-03-21' },
  },
};
const feeAllocation = (amountCents: number) => ({
  chargeId: FEE_ID,
  kind: 'late_fee' as const,
  period: '2027-03',
  amountCents,
});
const aprilFirst = testCtx('2027-04-01');
/** March paid after grace: the fee was assessed and is still open. */
const marchPaidLate = paymentReceived(testId(51), 82_258, '2027-03-25');
const lateMarch = [leaseCreated(), marchCharged, marchFee, marchPaidLate, completed('2027-03'), aprilCharged];

describe('rent first: one late month does not make the next one late', () => {
  it("paying exactly April's rent on April 1 completes April and leaves March's fee open; April is not fined", () => {
    const paid = given(lateMarch).when(pay(RENT, { paymentDate: '2027-04-01' }), aprilFirst);
    paid.then([
      paymentReceived(PAYMENT, RENT, '2027-04-01', {
        allocations: [rentAllocation(APRIL_CHARGE, '2027-04', RENT)],
      }),
      completed('2027-04'),
    ]);
    const after = [...lateMarch, ...paid.events()];
    const lease = leaseOf(after);
    expect(lease.charges.find((item) => item.chargeId === FEE_ID)).toMatchObject({ paidCents: 0 });
    expect(lease.balanceCents).toBe(LATE_FEE);
    // After April's grace (04-06) the daily run fines nothing for April.
    given(after).when(postDue('2027-04-10'), testCtx('2027-04-10')).then([]);
  });

  it('with March rent still unpaid, the same payment pays March rent (oldest rent) before the fee', () => {
    given([leaseCreated(), marchCharged, marchFee, aprilCharged])
      .when(pay(RENT, { paymentDate: '2027-04-01' }), aprilFirst)
      .then([
        paymentReceived(PAYMENT, RENT, '2027-04-01', {
          allocations: [
            rentAllocation(MARCH_CHARGE, '2027-03', 82_258),
            rentAllocation(APRIL_CHARGE, '2027-04', RENT - 82_258),
          ],
        }),
        completed('2027-03'),
      ]);
  });

  it('a payment larger than the open rent pays the rent, then the late fee, and the rest is credit', () => {
    const paid = given(lateMarch).when(pay(RENT + LATE_FEE + 700, { paymentDate: '2027-04-01' }), aprilFirst);
    paid.then([
      paymentReceived(PAYMENT, RENT + LATE_FEE + 700, '2027-04-01', {
        allocations: [rentAllocation(APRIL_CHARGE, '2027-04', RENT), feeAllocation(LATE_FEE)],
      }),
      completed('2027-04'),
    ]);
    expect(leaseOf([...lateMarch, ...paid.events()])).toMatchObject({ balanceCents: -700, creditCents: 700 });
  });

  it('a reversal reopens exactly what the payment paid; other payments keep theirs', () => {
    const paid = given(lateMarch)
      .when(pay(RENT + 2_000, { paymentDate: '2027-04-01' }), aprilFirst)
      .events();
    const before = leaseOf([...lateMarch, ...paid]);
    expect(periodOf(before, '2027-03')).toMatchObject({ lateFeePaidCents: 2_000 });
    expect(periodOf(before, '2027-04')).toMatchObject({ completed: true });
    const reversed = given([...lateMarch, ...paid])
      .when({ type: 'ReversePayment', paymentId: PAYMENT, reason: 'error' }, testCtx('2027-04-02'))
      .events();
    expect(reversed).toMatchObject([
      {
        type: 'PaymentReversed',
        data: {
          paymentId: PAYMENT,
          allocations: [rentAllocation(APRIL_CHARGE, '2027-04', RENT), feeAllocation(2_000)],
        },
      },
    ]);
    const lease = leaseOf([...lateMarch, ...paid, ...reversed]);
    expect(periodOf(lease, '2027-03')).toMatchObject({
      completed: true,
      paidCents: 82_258,
      lateFeePaidCents: 0,
    });
    expect(periodOf(lease, '2027-04')).toMatchObject({ completed: false, paidCents: 0 });
    expect(lease.balanceCents).toBe(RENT + LATE_FEE);
    expect(lease.openRent.map((at) => lease.charges[at]?.chargeId)).toEqual([APRIL_CHARGE]);
    expect(lease.openOther.map((at) => lease.charges[at]?.chargeId)).toEqual([FEE_ID]);
  });
});

describe('rent first: credit held', () => {
  it('credit a reversal frees goes to the reopened rent before the reopened late fee', () => {
    // A bounced payment had paid March rent and fee; a later payment's 1,000.00 is credit held.
    const bounced = paymentReceived(testId(52), 82_258 + LATE_FEE, '2027-03-25');
    const prepaid = paymentReceived(testId(53), 100_000, '2027-03-26');
    const events = [leaseCreated(), marchCharged, marchFee, bounced, prepaid];
    expect(leaseOf(events)).toMatchObject({ creditCents: 100_000 });
    const reversed: LeaseEvent = {
      type: 'PaymentReversed',
      data: { paymentId: testId(52), reason: 'NSF', amountCents: 82_258 + LATE_FEE, allocations: [] },
    };
    // The freed credit goes to March rent first, then the fee.
    const afterReversal = leaseOf([...events, reversed]);
    expect(periodOf(afterReversal, '2027-03')).toMatchObject({ completed: true, lateFeePaidCents: LATE_FEE });
    expect(afterReversal.creditCents).toBe(100_000 - 82_258 - LATE_FEE);
    // Less credit than both: the rent takes what it needs, the fee the rest. Credit is held only
    // while nothing is open, so a new item (April's rent) never competes with an open fee for it.
    const small = paymentReceived(testId(53), 82_258 + 100, '2027-03-26');
    const lease = leaseOf([leaseCreated(), marchCharged, marchFee, bounced, small, reversed, aprilCharged]);
    expect(periodOf(lease, '2027-03')).toMatchObject({ completed: true, lateFeePaidCents: 100 });
    expect(periodOf(lease, '2027-04')).toMatchObject({ paidCents: 0 });
  });

  it('a credit granted while rent and a fee are open pays the rent first', () => {
    const credit: LeaseEvent = {
      type: 'CreditGranted',
      data: { creditId: testId(70), amountCents: RENT, reason: 'Concession' },
    };
    const lease = leaseOf([leaseCreated(), marchCharged, marchFee, aprilCharged, credit]);
    expect(lease.credits[0]?.allocations).toEqual([
      rentAllocation(MARCH_CHARGE, '2027-03', 82_258),
      rentAllocation(APRIL_CHARGE, '2027-04', RENT - 82_258),
    ]);
    expect(lease.openOther.map((at) => lease.charges[at]?.chargeId)).toEqual([FEE_ID]);
  });
});
