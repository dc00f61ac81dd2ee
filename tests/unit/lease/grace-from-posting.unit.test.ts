// Late-fee grace counts from the later of the due date and the date the charge was posted (the
// run's as-of date), and a run ahead of today assesses fees only up to today (issue 11, bugs 2–3).
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
  RENT,
  rentAllocation,
  rentCharged,
} from '../support/lease';

const balanceAfter = (history: LeaseEvent[], asOf: string) => {
  const run = given(history).when(postDue(asOf), testCtx(asOf));
  const state = run.state();
  if (state.status === 'none') throw new Error('no lease');
  return { events: run.events(), balanceCents: state.balanceCents };
};

describe('PostDueItems: grace from the posting date', () => {
  it('a renewal top-up posted 08-10 for a period due 08-01 is not fined in the same run', () => {
    // The DESIGN.md lease, charged and paid through its 10-day August, renewed on 08-05.
    const months: [string, number, string][] = [
      ['2027-03', 82_258, '2027-03-15'],
      ['2027-04', RENT, '2027-04-01'],
      ['2027-05', RENT, '2027-05-01'],
      ['2027-06', RENT, '2027-06-01'],
      ['2027-07', RENT, '2027-07-01'],
      ['2027-08', 48_387, '2027-08-01'],
    ];
    const paidThroughAugust: LeaseEvent[] = [
      leaseCreated(),
      ...months.flatMap(([period, amount, due], n): LeaseEvent[] => [
        rentCharged(testId(11 + n), period, amount, due, amount !== RENT),
        paymentReceived(testId(51 + n), amount, due),
      ]),
      {
        type: 'LeaseRenewed',
        data: {
          previousEndDate: '2027-08-10',
          newEndDate: '2028-08-10',
          monthlyRentCents: 160_000,
          effectivePeriod: '2027-09',
        },
      },
    ];
    const run = balanceAfter(paidThroughAugust, '2027-08-10');
    expect(run.events).toEqual([
      {
        type: 'RentCharged',
        data: {
          chargeId: testId(1001),
          period: '2027-08',
          amountCents: 101_613,
          dueDate: '2027-08-01',
          prorated: true,
          postedAsOf: '2027-08-10',
        },
      },
    ]);
    expect(run.balanceCents).toBe(101_613);
    // Grace (5 days) runs from 08-10: the fee is assessed from 08-16 if the top-up is still open.
    const toppedUp = [...paidThroughAugust, ...run.events];
    given(toppedUp).when(postDue('2027-08-15'), testCtx('2027-08-15')).then([]);
    given(toppedUp)
      .when(postDue('2027-08-16'), testCtx('2027-08-16'))
      .thenMatch([
        {
          type: 'LateFeeAssessed',
          data: { period: '2027-08', amountCents: LATE_FEE, dueDate: '2027-08-16', chargeId: testId(1001) },
        },
      ]);
  });

  it('a lease entered a week after move-in is not fined at once', () => {
    const run = balanceAfter([leaseCreated()], '2027-03-22');
    expect(run.events).toEqual([
      {
        type: 'RentCharged',
        data: {
          chargeId: testId(1001),
          period: '2027-03',
          amountCents: 82_258,
          dueDate: '2027-03-15',
          prorated: true,
          postedAsOf: '2027-03-22',
        },
      },
    ]);
    expect(run.balanceCents).toBe(82_258);
    const entered = [leaseCreated(), ...run.events];
    given(entered).when(postDue('2027-03-27'), testCtx('2027-03-27')).then([]);
    given(entered)
      .when(postDue('2027-03-28'), testCtx('2027-03-28'))
      .thenMatch([{ type: 'LateFeeAssessed', data: { dueDate: '2027-03-28', chargeId: testId(1001) } }]);
  });

  it('onboarding a tenancy 15 months old posts its charges and no late fee', () => {
    const old = leaseCreated({ startDate: '2025-12-01', endDate: '2027-11-30' });
    const run = balanceAfter([old], '2027-03-01');
    expect(run.events.map((event) => event.type)).toEqual(Array(16).fill('RentCharged'));
    expect(run.balanceCents).toBe(16 * RENT);
  });

  it('an old charge without a posting date counts as posted on its due date', () => {
    given([leaseCreated(), marchCharged])
      .when(postDue('2027-03-21'), testCtx('2027-03-21'))
      .thenMatch([{ type: 'LateFeeAssessed', data: { dueDate: '2027-03-21', chargeId: MARCH_CHARGE } }]);
  });
});

describe('PostDueItems: a run ahead of today', () => {
  const lease = leaseCreated({ startDate: '2027-03-01', endDate: '2028-02-29' });
  const paidMarch: LeaseEvent[] = [
    lease,
    rentCharged(testId(11), '2027-03', RENT, '2027-03-01'),
    paymentReceived(testId(50), RENT, '2027-03-01', {
      allocations: [rentAllocation(testId(11), '2027-03', RENT)],
    }),
    completed('2027-03'),
  ];

  it('a run on 03-02 as of 04-30 posts April rent but not April late fee', () => {
    given(paidMarch)
      .when(postDue('2027-04-30'), testCtx('2027-03-02'))
      .then([rentCharged(testId(1001), '2027-04', RENT, '2027-04-01')]);
  });

  it('the tenant who pays April on 04-01 owes no fee for it', () => {
    const april = [...paidMarch, rentCharged(testId(1001), '2027-04', RENT, '2027-04-01')];
    const paid = paymentReceived(testId(51), RENT, '2027-04-01', {
      allocations: [rentAllocation(testId(1001), '2027-04', RENT)],
    });
    given([...april, paid, completed('2027-04')])
      .when(postDue('2027-04-30'), testCtx('2027-04-30'))
      .then([]);
    // Unpaid, the daily run assesses it once grace has ended.
    given(april)
      .when(postDue('2027-04-07'), testCtx('2027-04-07'))
      .thenMatch([
        { type: 'LateFeeAssessed', data: { period: '2027-04', rule: { assessedAsOf: '2027-04-07' } } },
      ]);
  });
});
