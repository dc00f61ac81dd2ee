// Recurring charges (parking, pet rent): billed with the rent of each period they cover, prorated
// exactly like rent (round(amount x days / daysInMonth), half-up), once per period and recurring
// charge however often billing runs; removal stops periods not billed yet.
import { describe, expect, it } from 'vitest';
import type { LeaseCommandOf } from '@/server/domain/lease/commands';
import type { LeaseEvent } from '@/server/domain/lease/events';
import type { Lease, LeaseState } from '@/server/domain/lease/state';
import { testCtx, testId } from '../support/given';
import { given, leaseCreated, postDue, RENT } from '../support/lease';

const PARKING = testId(400);
const add = (
  overrides: Partial<LeaseCommandOf<'AddRecurringCharge'>> = {},
): LeaseCommandOf<'AddRecurringCharge'> => ({
  type: 'AddRecurringCharge',
  recurringId: PARKING,
  description: 'Parking space 12',
  amountCents: 7_500,
  fromPeriod: '2027-03',
  ...overrides,
});
const added = (overrides: Record<string, unknown> = {}): LeaseEvent =>
  ({
    type: 'RecurringChargeAdded',
    data: {
      recurringId: PARKING,
      description: 'Parking space 12',
      amountCents: 7_500,
      fromPeriod: '2027-03',
      ...overrides,
    },
  }) as LeaseEvent;
const lease = (state: LeaseState): Lease => {
  if (state.status === 'none') throw new Error('no lease');
  return state;
};
const onMarch1 = testCtx('2027-03-01');
const recurringPosted = (events: LeaseEvent[]) =>
  events.flatMap((e) => (e.type === 'ChargePosted' && e.data.kind === 'recurring' ? [e.data] : []));

describe('AddRecurringCharge', () => {
  it('records it; the first billing run charges March prorated like rent (17/31)', () => {
    given([leaseCreated()]).when(add(), onMarch1).then([added()]);
    const run = given([leaseCreated(), added()]).when(postDue('2027-03-15'), testCtx('2027-03-15')).events();
    // Rent first, then the recurring charge of the same period.
    expect(run.map((e) => e.type)).toEqual(['RentCharged', 'ChargePosted']);
    expect(recurringPosted(run)).toEqual([
      {
        chargeId: expect.any(String),
        kind: 'recurring',
        description: 'Parking space 12',
        // round(7,500 x 17 / 31) = round(4,112.90) = 4,113
        amountCents: 4_113,
        dueDate: '2027-03-15',
        period: '2027-03',
        postedAsOf: '2027-03-15',
        recurringId: PARKING,
        prorated: true,
      },
    ]);
  });

  it('charges every covered period in full, the last partial month prorated (August 10/31)', () => {
    const run = given([leaseCreated(), added()]).when(postDue('2027-08-10'), testCtx('2027-08-10')).events();
    expect(recurringPosted(run).map((c) => [c.period, c.amountCents])).toEqual([
      ['2027-03', 4_113],
      ['2027-04', 7_500],
      ['2027-05', 7_500],
      ['2027-06', 7_500],
      ['2027-07', 7_500],
      // round(7,500 x 10 / 31) = round(2,419.35) = 2,419
      ['2027-08', 2_419],
    ]);
  });

  it('covers only fromPeriod..toPeriod', () => {
    const run = given([leaseCreated(), added({ fromPeriod: '2027-04', toPeriod: '2027-05' })])
      .when(postDue('2027-08-10'), testCtx('2027-08-10'))
      .events();
    expect(recurringPosted(run).map((c) => c.period)).toEqual(['2027-04', '2027-05']);
  });

  it('is idempotent: the same run again, or an earlier date, posts nothing', () => {
    const history = [leaseCreated(), added()];
    const first = given(history).when(postDue('2027-05-01'), testCtx('2027-05-01')).events();
    const after = [...history, ...first];
    given(after).when(postDue('2027-05-01'), testCtx('2027-05-01')).then([]);
    given(after).when(postDue('2027-04-01'), testCtx('2027-05-01')).then([]);
  });

  it('does not count toward the late fee: rent paid on time, parking unpaid, no fee', () => {
    const history = [leaseCreated({ startDate: '2027-04-01' }), added({ fromPeriod: '2027-04' })];
    const april = given(history).when(postDue('2027-04-01'), testCtx('2027-04-01')).events();
    const paid = given([...history, ...april])
      .when(
        {
          type: 'ReceivePayment',
          paymentId: testId(60),
          amountCents: RENT,
          method: 'ach',
          actorRole: 'tenant',
        },
        testCtx('2027-04-01'),
      )
      .events();
    const later = given([...history, ...april, ...paid])
      .when(postDue('2027-04-20'), testCtx('2027-04-20'))
      .events();
    expect(later.filter((e) => e.type === 'LateFeeAssessed' && e.data.period === '2027-04')).toEqual([]);
    const state = lease(given([...history, ...april, ...paid, ...later]).state);
    // The rent was paid first; the parking charge is what stays open.
    expect(state.balanceCents).toBe(7_500);
  });

  it('refuses an amount over one month of rent, periods outside the lease, a lease no longer billed', () => {
    given([leaseCreated()])
      .when(add({ amountCents: RENT + 1 }), onMarch1)
      .thenThrows('amount_too_large');
    given([leaseCreated()])
      .when(add({ amountCents: 0 }), onMarch1)
      .thenThrows('invalid_amount');
    given([leaseCreated()])
      .when(add({ fromPeriod: '2027-02' }), onMarch1)
      .thenThrows('invalid_recurring_period');
    given([leaseCreated()])
      .when(add({ fromPeriod: '2027-09' }), onMarch1)
      .thenThrows('invalid_recurring_period');
    given([leaseCreated()])
      .when(add({ fromPeriod: '2027-05', toPeriod: '2027-04' }), onMarch1)
      .thenThrows('invalid_recurring_period');
    given([leaseCreated()]).when(add(), testCtx('2027-08-11')).thenThrows('lease_not_active');
    given([leaseCreated(), added()]).when(add(), onMarch1).thenThrows('recurring_charge_already_exists');
  });
});

describe('RemoveRecurringCharge', () => {
  const remove = { type: 'RemoveRecurringCharge', recurringId: PARKING } as const;

  it('stops later periods; what was posted stays', () => {
    const history = [leaseCreated(), added()];
    const march = given(history).when(postDue('2027-03-15'), testCtx('2027-03-15')).events();
    const removed = given([...history, ...march]).when(remove, testCtx('2027-03-20'));
    removed.then([
      {
        type: 'RecurringChargeRemoved',
        data: { recurringId: PARKING, description: 'Parking space 12', removedOn: '2027-03-20' },
      },
    ]);
    const later = given([...history, ...march, ...removed.events()])
      .when(postDue('2027-06-01'), testCtx('2027-06-01'))
      .events();
    expect(recurringPosted(later)).toEqual([]);
    expect(recurringPosted(march)).toHaveLength(1);
  });

  it('refuses an unknown one and a second removal', () => {
    given([leaseCreated()]).when(remove, onMarch1).thenThrows('recurring_charge_not_found');
    const once = given([leaseCreated(), added()]).when(remove, onMarch1).events();
    given([leaseCreated(), added(), ...once])
      .when(remove, onMarch1)
      .thenThrows('recurring_charge_already_removed');
  });
});
