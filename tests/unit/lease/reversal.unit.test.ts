// ReversePayment: undoes exactly that payment's allocations (what it settled is open again,
// a completed period is no longer completed, the balance rises by the amount), at most once.
import { describe, expect, it } from 'vitest';
import type { LeaseEvent } from '@/server/domain/lease/events';
import type { LeaseState } from '@/server/domain/lease/state';
import { testCtx, testId } from '../support/given';
import {
  APRIL_CHARGE,
  aprilCharged,
  completed,
  given,
  leaseCreated,
  MARCH_CHARGE,
  marchCharged,
  pay,
  paymentReceived,
  RENT,
  rentAllocation,
} from '../support/lease';

const P1 = testId(50);
const reverse = (paymentId = P1, reason: 'NSF' | 'chargeback' | 'error' = 'NSF') =>
  ({ type: 'ReversePayment', paymentId, reason }) as const;
const marchPaid = [
  leaseCreated(),
  marchCharged,
  paymentReceived(P1, 82_258, '2027-03-15', {
    allocations: [rentAllocation(MARCH_CHARGE, '2027-03', 82_258)],
  }),
  completed('2027-03'),
];
const lease = (state: LeaseState) => {
  if (state.status === 'none') throw new Error('no lease');
  return state;
};

describe('ReversePayment', () => {
  it('reopens the period the payment completed and raises the balance by the amount', () => {
    const reversal: LeaseEvent = {
      type: 'PaymentReversed',
      data: {
        paymentId: P1,
        reason: 'NSF',
        amountCents: 82_258,
        allocations: [rentAllocation(MARCH_CHARGE, '2027-03', 82_258)],
      },
    };
    const outcome = given(marchPaid).when(reverse());
    outcome.then([reversal]);
    const after = lease(outcome.state());
    expect(after.balanceCents).toBe(82_258);
    expect(after.periods[0]).toMatchObject({ period: '2027-03', paidCents: 0, completed: false });
    expect(after.payments[0]).toMatchObject({ reversed: true, reversal: { reason: 'NSF' } });
  });

  it('is refused the second time, and for an unknown payment', () => {
    const once = given(marchPaid).when(reverse()).events();
    given([...marchPaid, ...once])
      .when(reverse())
      .thenThrows('payment_already_reversed');
    given(marchPaid)
      .when(reverse(testId(99)))
      .thenThrows('payment_not_found');
  });

  it('takes back credit a payment gave to a later charge', () => {
    // P1 paid March and left credit that April then used; reversing it reopens both.
    const events = [
      leaseCreated(),
      marchCharged,
      paymentReceived(P1, 82_258 + RENT, '2027-03-15'),
      completed('2027-03'),
      aprilCharged,
      completed('2027-04'),
    ];
    const outcome = given(events).when(reverse());
    outcome.thenMatch([
      {
        type: 'PaymentReversed',
        data: {
          amountCents: 232_258,
          allocations: [
            rentAllocation(MARCH_CHARGE, '2027-03', 82_258),
            rentAllocation(APRIL_CHARGE, '2027-04', RENT),
          ],
        },
      },
    ]);
    const after = lease(outcome.state());
    expect(after.balanceCents).toBe(82_258 + RENT);
    expect(after.periods.map((line) => line.completed)).toEqual([false, false]);
    expect(after.payments[0]).toMatchObject({ reversed: true, unappliedCents: 0 });
  });

  it('takes back unused credit too: the balance rises by the whole amount', () => {
    const events = [
      leaseCreated(),
      marchCharged,
      paymentReceived(P1, 100_000, '2027-03-15'),
      completed('2027-03'),
    ];
    const after = lease(given(events).when(reverse()).state());
    expect(after).toMatchObject({ balanceCents: 82_258, creditCents: 0 });
    expect(after.payments[0]).toMatchObject({ unappliedCents: 0 });
  });

  it('reverses only that payment: other payments keep what they paid', () => {
    const P2 = testId(51);
    const events = [
      ...marchPaid,
      aprilCharged,
      paymentReceived(P2, RENT, '2027-04-01'),
      completed('2027-04'),
    ];
    const after = lease(given(events).when(reverse()).state());
    expect(after.periods.map((line) => [line.period, line.completed])).toEqual([
      ['2027-03', false],
      ['2027-04', true],
    ]);
  });

  it('paying again after a reversal completes the period again', () => {
    const reversed = given(marchPaid).when(reverse()).events();
    given([...marchPaid, ...reversed])
      .when(pay(82_258, { paymentId: testId(52) }), testCtx('2027-03-20'))
      .thenMatch([{ type: 'PaymentReceived' }, completed('2027-03')]);
  });

  it('can reverse a payment on a terminated lease', () => {
    given([...marchPaid, { type: 'LeaseTerminated', data: { effectiveDate: '2027-03-31', reason: 'Moved' } }])
      .when(reverse(P1, 'chargeback'))
      .thenMatch([{ type: 'PaymentReversed', data: { reason: 'chargeback' } }]);
  });
});
