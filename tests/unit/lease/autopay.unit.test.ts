// Autopay: a tenant enrols (method, optional cap); the billing run pays the open balance
// (up to the cap) on each due date, once per period, dated the day it takes it (never ahead of
// today); tenants can cancel it.
import { describe, expect, it } from 'vitest';
import type { LeaseEvent } from '@/server/domain/lease/events';
import { testCtx, testId } from '../support/given';
import {
  completed,
  given,
  leaseCreated,
  MARCH_CHARGE,
  marchCharged,
  paymentReceived,
  postDue,
  RENT,
  rentAllocation,
  rentCharged,
  terminated,
} from '../support/lease';

const lease = leaseCreated({ lateFeeCents: 0 });
const enrolled = (capCents?: number, enrolledOn = '2027-03-10'): LeaseEvent => ({
  type: 'AutopayEnrolled',
  data: { method: 'card', ...(capCents === undefined ? {} : { capCents }), enrolledOn },
});
const enrol = (capCents?: number) =>
  ({ type: 'EnrolAutopay', method: 'card', ...(capCents === undefined ? {} : { capCents }) }) as const;

describe('EnrolAutopay / CancelAutopay', () => {
  it('enrols with the method, the optional cap and the date', () => {
    given([lease])
      .when(enrol(100_000), testCtx('2027-03-10'))
      .then([enrolled(100_000)]);
    given([lease]).when(enrol(), testCtx('2027-03-10')).then([enrolled()]);
  });

  it('enrolling again with the same settings changes nothing; new settings replace the old', () => {
    given([lease, enrolled(100_000)])
      .when(enrol(100_000))
      .then([]);
    given([lease, enrolled(100_000)])
      .when(enrol(), testCtx('2027-03-12'))
      .then([enrolled(undefined, '2027-03-12')]);
  });

  it('refuses a cap that is not a positive whole number of cents, and a lease that is not live', () => {
    given([lease]).when(enrol(0)).thenThrows('invalid_autopay_cap');
    given([lease, terminated('2027-05-01')])
      .when(enrol(), testCtx('2027-05-02'))
      .thenThrows('lease_not_active');
  });

  it('cancels, and refuses to cancel what is not on', () => {
    given([lease, enrolled()])
      .when({ type: 'CancelAutopay' }, testCtx('2027-04-02'))
      .then([{ type: 'AutopayCancelled', data: { cancelledOn: '2027-04-02' } }]);
    given([lease]).when({ type: 'CancelAutopay' }).thenThrows('autopay_not_enrolled');
  });
});

describe('PostDueItems: autopay', () => {
  it('pays the balance on the due date with the enrolled method', () => {
    given([lease, enrolled()])
      .when(postDue('2027-03-15'))
      .then([
        rentCharged(testId(1001), '2027-03', 82_258, '2027-03-15', true),
        paymentReceived(testId(1002), 82_258, '2027-03-15', {
          method: 'card',
          autopayPeriod: '2027-03',
          allocations: [rentAllocation(testId(1001), '2027-03', 82_258)],
        }),
        completed('2027-03'),
      ]);
  });

  it('runs once per period', () => {
    const first = given([lease, enrolled()]).when(postDue('2027-03-15')).events();
    given([lease, enrolled(), ...first])
      .when(postDue('2027-03-31'))
      .then([]);
    const state = given([lease, enrolled(), ...first]).state;
    expect(state).toMatchObject({ autopayPeriods: ['2027-03'], balanceCents: 0 });
  });

  it('pays no more than the cap', () => {
    given([lease, enrolled(50_000)])
      .when(postDue('2027-03-15'))
      .thenMatch([
        { type: 'RentCharged' },
        { type: 'PaymentReceived', data: { amountCents: 50_000, autopayPeriod: '2027-03' } },
      ]);
  });

  it('a run that catches up several periods takes one payment, on the day of the run', () => {
    const events = given([lease, enrolled()]).when(postDue('2027-05-01'), testCtx('2027-05-01')).events();
    expect(events.map((event) => event.type)).toEqual([
      'RentCharged',
      'RentCharged',
      'RentCharged',
      'PaymentReceived',
      'MonthlyPaymentCompleted',
      'MonthlyPaymentCompleted',
      'MonthlyPaymentCompleted',
    ]);
    expect(events.find((event) => event.type === 'PaymentReceived')?.data).toMatchObject({
      amountCents: 82_258 + 2 * RENT,
      paymentDate: '2027-05-01',
      autopayPeriod: '2027-05',
    });
  });

  it('is dated the day the run takes it: after a bounced prepayment it is late and the fee follows', () => {
    // Lease from 03-01, fee 50.00 after 5 days of grace; the 02-25 prepayment bounces on 03-10.
    const march = leaseCreated({ startDate: '2027-03-01', endDate: '2028-02-29' });
    const prepaid = paymentReceived(testId(50), RENT, '2027-02-25');
    const charge = rentCharged(testId(60), '2027-03', RENT, '2027-03-01');
    const bounced: LeaseEvent = {
      type: 'PaymentReversed',
      data: {
        paymentId: testId(50),
        reason: 'NSF',
        amountCents: RENT,
        allocations: [rentAllocation(testId(60), '2027-03', RENT)],
      },
    };
    const history = [
      march,
      enrolled(undefined, '2027-02-20'),
      prepaid,
      charge,
      completed('2027-03'),
      bounced,
    ];
    given(history)
      .when(postDue('2027-03-11'), testCtx('2027-03-11'))
      .then([
        {
          type: 'LateFeeAssessed',
          data: {
            lateFeeId: testId(1001),
            period: '2027-03',
            amountCents: 5_000,
            dueDate: '2027-03-07',
            chargeId: testId(60),
            rule: { rentDueDate: '2027-03-01', graceDays: 5, assessedAsOf: '2027-03-11' },
          },
        },
        paymentReceived(testId(1002), RENT + 5_000, '2027-03-11', {
          method: 'card',
          autopayPeriod: '2027-03',
          allocations: [
            rentAllocation(testId(60), '2027-03', RENT),
            { chargeId: testId(1001), kind: 'late_fee', period: '2027-03', amountCents: 5_000 },
          ],
        }),
        completed('2027-03'),
      ]);
  });

  it('a run ahead of today takes no payment: it posts the rent, autopay pays it on the day', () => {
    const april = [lease, enrolled(), ...given([lease, enrolled()]).when(postDue('2027-03-15')).events()];
    given(april)
      .when(postDue('2027-04-30'), testCtx('2027-03-16'))
      .then([rentCharged(testId(1001), '2027-04', RENT, '2027-04-01')]);
    const posted = [...april, rentCharged(testId(1001), '2027-04', RENT, '2027-04-01')];
    given(posted)
      .when(postDue('2027-04-01'), testCtx('2027-04-01'))
      .thenMatch([
        { type: 'PaymentReceived', data: { amountCents: RENT, paymentDate: '2027-04-01' } },
        completed('2027-04'),
      ]);
  });

  it('pays arrears with the next period, not periods due before enrolment', () => {
    const late = enrolled(undefined, '2027-03-20');
    given([lease, marchCharged, late]).when(postDue('2027-03-31')).then([]);
    given([lease, marchCharged, late])
      .when(postDue('2027-04-01'), testCtx('2027-04-01'))
      .thenMatch([
        { type: 'RentCharged', data: { period: '2027-04' } },
        { type: 'PaymentReceived', data: { amountCents: 82_258 + RENT, autopayPeriod: '2027-04' } },
        completed('2027-03'),
        completed('2027-04'),
      ]);
  });

  it('does not pay when nothing is owed, nor after cancelling', () => {
    const prepaid = paymentReceived(testId(50), 82_258, '2027-03-12', {
      allocations: [rentAllocation(MARCH_CHARGE, '2027-03', 82_258)],
    });
    given([lease, enrolled(), prepaid])
      .when(postDue('2027-03-15'))
      .thenMatch([{ type: 'RentCharged' }, completed('2027-03')]);
    const cancelled: LeaseEvent = { type: 'AutopayCancelled', data: { cancelledOn: '2027-03-12' } };
    given([lease, enrolled(), cancelled])
      .when(postDue('2027-03-15'))
      .thenMatch([{ type: 'RentCharged' }]);
  });
});
