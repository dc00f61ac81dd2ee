// Autopay: a tenant enrols (method, optional cap); the billing run pays the open balance
// (up to the cap) on each due date, once per period; tenants can cancel it.
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

  it('refuses a cap that is not a positive whole number of cents, and a lease that is not active', () => {
    given([lease]).when(enrol(0)).thenThrows('invalid_autopay_cap');
    given([lease, terminated('2027-05-01')])
      .when(enrol())
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

  it('pays every period in order when a run covers several', () => {
    const events = given([lease, enrolled()]).when(postDue('2027-05-01')).events();
    expect(events.map((event) => event.type)).toEqual([
      'RentCharged',
      'PaymentReceived',
      'MonthlyPaymentCompleted',
      'RentCharged',
      'PaymentReceived',
      'MonthlyPaymentCompleted',
      'RentCharged',
      'PaymentReceived',
      'MonthlyPaymentCompleted',
    ]);
    expect(
      events.filter((event) => event.type === 'PaymentReceived').map((event) => event.data),
    ).toMatchObject([
      { amountCents: 82_258, paymentDate: '2027-03-15' },
      { amountCents: RENT, paymentDate: '2027-04-01' },
      { amountCents: RENT, paymentDate: '2027-05-01' },
    ]);
  });

  it('pays arrears with the next period, not periods due before enrolment', () => {
    const late = enrolled(undefined, '2027-03-20');
    given([lease, marchCharged, late]).when(postDue('2027-03-31')).then([]);
    given([lease, marchCharged, late])
      .when(postDue('2027-04-01'))
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
