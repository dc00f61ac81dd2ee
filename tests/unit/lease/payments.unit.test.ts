// ReceivePayment: amount and method rules, allocation (rent first, oldest first, then late fees
// and other items, oldest first), MonthlyPaymentCompleted, and credit that later charges use
// automatically.
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
  MARCH_CHARGE,
  marchCharged,
  pay,
  paymentReceived,
  postDue,
  RENT,
  rentAllocation,
  rentCharged,
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
const today = testCtx('2027-04-10');

describe('ReceivePayment: allocation', () => {
  it('a full payment settles the period and completes it', () => {
    given([leaseCreated(), marchCharged])
      .when(pay(82_258, { paymentDate: '2027-03-15' }))
      .then([
        paymentReceived(PAYMENT, 82_258, '2027-03-15', {
          allocations: [rentAllocation(MARCH_CHARGE, '2027-03', 82_258)],
        }),
        completed('2027-03'),
      ]);
  });

  it('a partial payment does not complete the period', () => {
    const state = given([leaseCreated(), marchCharged])
      .when(pay(50_000, { paymentDate: '2027-03-15' }))
      .state();
    if (state.status === 'none') throw new Error('no lease');
    expect(state.periods[0]).toMatchObject({ period: '2027-03', paidCents: 50_000, completed: false });
    expect(state.balanceCents).toBe(32_258);
  });

  it('pays rent first, oldest first, then the late fee: March rent, April rent, then March fee', () => {
    given([leaseCreated(), marchCharged, marchFee, aprilCharged])
      .when(pay(82_258 + RENT + 1_000), today)
      .then([
        paymentReceived(PAYMENT, 82_258 + RENT + 1_000, '2027-04-10', {
          allocations: [
            rentAllocation(MARCH_CHARGE, '2027-03', 82_258),
            rentAllocation(APRIL_CHARGE, '2027-04', RENT),
            { chargeId: FEE_ID, kind: 'late_fee', period: '2027-03', amountCents: 1_000 },
          ],
        }),
        completed('2027-03'),
        completed('2027-04'),
      ]);
  });

  it('orders rent by due date, not posting order: a month posted late but due earlier is paid first', () => {
    const february = rentCharged(testId(100), '2027-02', 40_000, '2027-02-01');
    given([leaseCreated(), marchCharged, february])
      .when(pay(40_000), today)
      .thenMatch([
        { type: 'PaymentReceived', data: { allocations: [rentAllocation(testId(100), '2027-02', 40_000)] } },
        completed('2027-02'),
      ]);
  });

  it('orders the other items by due date, not posting order, after all rent', () => {
    const laterFee: LeaseEvent = {
      type: 'LateFeeAssessed',
      data: {
        lateFeeId: testId(61),
        period: '2027-04',
        amountCents: LATE_FEE,
        dueDate: '2027-04-07',
        chargeId: testId(62),
        rule: { rentDueDate: '2027-04-01', graceDays: 5, assessedAsOf: '2027-04-07' },
      },
    };
    given([leaseCreated(), marchCharged, laterFee, marchFee])
      .when(pay(82_258 + LATE_FEE + 1), today)
      .thenMatch([
        {
          type: 'PaymentReceived',
          data: {
            allocations: [
              rentAllocation(MARCH_CHARGE, '2027-03', 82_258),
              { chargeId: FEE_ID, kind: 'late_fee', period: '2027-03', amountCents: LATE_FEE },
              { chargeId: testId(61), kind: 'late_fee', period: '2027-04', amountCents: 1 },
            ],
          },
        },
        completed('2027-03'),
      ]);
  });

  it('a later month completes before an older fee is paid', () => {
    given([leaseCreated(), marchCharged, marchFee, aprilCharged])
      .when(pay(82_258 + RENT), today)
      .thenMatch([{ type: 'PaymentReceived' }, completed('2027-03'), completed('2027-04')]);
  });

  it('an overpayment becomes credit, and the next charge uses it', () => {
    const overpaid = given([leaseCreated(), marchCharged])
      .when(pay(82_258 + RENT, { paymentDate: '2027-03-15' }))
      .events();
    const state = given([leaseCreated(), marchCharged, ...overpaid]).state;
    expect(state).toMatchObject({ balanceCents: -RENT, creditCents: RENT });
    given([leaseCreated(), marchCharged, ...overpaid])
      .when(postDue('2027-04-01'))
      .then([rentCharged(testId(1001), '2027-04', RENT, '2027-04-01'), completed('2027-04')]);
  });

  it('part of a credit leaves the next charge open for the rest', () => {
    const credit = paymentReceived(testId(51), 100_000, '2027-03-10');
    const after = given([leaseCreated(), credit]).when(postDue('2027-03-15')).state();
    expect(after).toMatchObject({ balanceCents: -17_742, creditCents: 17_742 });
    expect(after.status !== 'none' && after.periods[0]?.completed).toBe(true);
  });
});

describe('ReceivePayment: rules', () => {
  const active = [leaseCreated(), marchCharged];

  it('refuses more than 12 months of rent, with the limit in dollars', () => {
    const outcome = given(active).when(pay(12 * RENT + 1));
    outcome.thenThrows('amount_too_large');
    expect(() => outcome.events()).toThrow('Enter at most $18,000.00, twelve months of rent.');
    given(active)
      .when(pay(12 * RENT))
      .thenMatch([{ type: 'PaymentReceived', data: { amountCents: 12 * RENT } }, completed('2027-03')]);
  });

  it('refuses zero, negative and fractional amounts', () => {
    given(active).when(pay(0)).thenThrows('invalid_amount');
    given(active).when(pay(-100)).thenThrows('invalid_amount');
    given(active).when(pay(10.5)).thenThrows('invalid_amount');
  });

  it('tenants pay by card or ach only; managers may record checks, cash and money orders', () => {
    given(active)
      .when(pay(1_000, { actorRole: 'tenant', method: 'cash' }))
      .thenThrows('method_not_allowed');
    given(active)
      .when(pay(1_000, { actorRole: 'tenant', method: 'check' }))
      .thenThrows('method_not_allowed');
    given(active)
      .when(pay(1_000, { actorRole: 'tenant', method: 'card' }))
      .thenMatch([{ type: 'PaymentReceived', data: { method: 'card' } }]);
    given(active)
      .when(pay(1_000, { actorRole: 'manager', method: 'money_order' }))
      .thenMatch([{ type: 'PaymentReceived', data: { method: 'money_order' } }]);
  });

  it('tenants pay today only; managers any date not in the future', () => {
    const ctx = () => testCtx('2027-03-20');
    given(active)
      .when(pay(1_000, { actorRole: 'tenant', paymentDate: '2027-03-19' }), ctx())
      .thenThrows('invalid_payment_date');
    given(active)
      .when(pay(1_000, { actorRole: 'tenant', paymentDate: '2027-03-21' }), ctx())
      .thenThrows('invalid_payment_date');
    given(active)
      .when(pay(1_000, { actorRole: 'manager', paymentDate: '2027-03-21' }), ctx())
      .thenThrows('invalid_payment_date');
    given(active)
      .when(pay(1_000, { actorRole: 'manager', paymentDate: '2027-03-01' }), ctx())
      .thenMatch([{ type: 'PaymentReceived', data: { paymentDate: '2027-03-01' } }]);
  });

  it('the payment date defaults to today (UTC)', () => {
    given(active)
      .when(pay(1_000, { actorRole: 'tenant' }), testCtx('2027-03-20'))
      .thenMatch([{ type: 'PaymentReceived', data: { paymentDate: '2027-03-20', currency: 'USD' } }]);
  });

  it('keeps the reference, and refuses a payment id already recorded', () => {
    given(active)
      .when(pay(1_000, { reference: 'CHK 1042' }))
      .thenMatch([{ type: 'PaymentReceived', data: { reference: 'CHK 1042' } }]);
    given([...active, paymentReceived(PAYMENT, 1_000, '2027-03-15')])
      .when(pay(1_000))
      .thenThrows('payment_already_recorded');
  });

  it('refuses payments to a lease that does not exist', () => {
    given([]).when(pay(1_000)).thenThrows('lease_not_found');
  });
});
