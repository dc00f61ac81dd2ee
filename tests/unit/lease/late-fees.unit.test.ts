// Late fees: once per period whose rent is not fully paid at the end of due date + grace
// days (due 03-15, grace 5: a run as of 03-21 assesses it, one as of 03-20 does not). Each run
// here is the daily one (today = its as-of date): a run ahead of today assesses no fee.
import { describe, expect, it } from 'vitest';
import type { LeaseEvent } from '@/server/domain/lease/events';
import { testCtx, testId } from '../support/given';
import {
  completed,
  given,
  LATE_FEE,
  leaseCreated,
  MARCH_CHARGE,
  marchCharged,
  paymentReceived,
  postDue,
  rentAllocation,
} from '../support/lease';

const lateFee = (lateFeeId: string, assessedAsOf: string): LeaseEvent => ({
  type: 'LateFeeAssessed',
  data: {
    lateFeeId,
    period: '2027-03',
    amountCents: LATE_FEE,
    dueDate: '2027-03-21',
    chargeId: MARCH_CHARGE,
    rule: { rentDueDate: '2027-03-15', graceDays: 5, assessedAsOf },
  },
});

const unpaidMarch = [leaseCreated(), marchCharged];

describe('PostDueItems: late fees', () => {
  it('does not assess the fee on the last day of grace', () => {
    given(unpaidMarch).when(postDue('2027-03-20')).then([]);
  });

  it('assesses it the day after grace, naming the charge and the rule that caused it', () => {
    given(unpaidMarch)
      .when(postDue('2027-03-21'), testCtx('2027-03-21'))
      .then([lateFee(testId(1001), '2027-03-21')]);
  });

  it('assesses it once per period, however often billing runs', () => {
    given([...unpaidMarch, lateFee(testId(9), '2027-03-21')])
      .when(postDue('2027-03-31'))
      .then([]);
  });

  it('a late run still assesses a fee that fell due', () => {
    given(unpaidMarch)
      .when(postDue('2027-03-30'), testCtx('2027-03-30'))
      .then([lateFee(testId(1001), '2027-03-30')]);
  });

  it('no fee when the rent was fully paid within grace', () => {
    const paid = paymentReceived(testId(50), 82_258, '2027-03-20', {
      allocations: [rentAllocation(MARCH_CHARGE, '2027-03', 82_258)],
    });
    given([...unpaidMarch, paid, completed('2027-03')])
      .when(postDue('2027-03-31'))
      .then([]);
  });

  it('a fee when the rent was only partly paid within grace', () => {
    const partial = paymentReceived(testId(50), 82_257, '2027-03-20');
    given([...unpaidMarch, partial])
      .when(postDue('2027-03-21'), testCtx('2027-03-21'))
      .then([lateFee(testId(1001), '2027-03-21')]);
  });

  it('a payment dated after grace does not make the rent on time, even if recorded before the run', () => {
    const late = paymentReceived(testId(50), 82_258, '2027-03-21');
    const events = given([...unpaidMarch, late, completed('2027-03')])
      .when(postDue('2027-03-22'), testCtx('2027-03-22'))
      .events();
    expect(events).toEqual([{ ...lateFee(testId(1001), '2027-03-22') }]);
  });

  it('no fee when the lease has none', () => {
    given([leaseCreated({ lateFeeCents: 0 }), marchCharged])
      .when(postDue('2027-03-31'))
      .then([]);
  });

  it('a bounced payment made on time no longer counts: the fee follows', () => {
    const paid = paymentReceived(testId(50), 82_258, '2027-03-16');
    const bounced: LeaseEvent = {
      type: 'PaymentReversed',
      data: {
        paymentId: testId(50),
        reason: 'NSF',
        amountCents: 82_258,
        allocations: [rentAllocation(MARCH_CHARGE, '2027-03', 82_258)],
      },
    };
    given([...unpaidMarch, paid, completed('2027-03'), bounced])
      .when(postDue('2027-03-25'), testCtx('2027-03-25'))
      .then([lateFee(testId(1001), '2027-03-25')]);
  });
});
