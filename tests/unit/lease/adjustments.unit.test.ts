// A manager's adjustments (DESIGN.md "Adjustments"): a one-off charge, a waiver of an open charge
// or late fee (what was paid of it becomes credit) and a credit, each an event of its own.
import { describe, expect, it } from 'vitest';
import type { LeaseCommandOf } from '@/server/domain/lease/commands';
import type { LeaseEvent } from '@/server/domain/lease/events';
import type { Lease, LeaseState } from '@/server/domain/lease/state';
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
  paymentReceived,
  RENT,
  rentAllocation,
} from '../support/lease';

const CHARGE = testId(300);
const CREDIT = testId(301);
const FEE = testId(302);
const P1 = testId(50);

const postCharge = (overrides: Partial<LeaseCommandOf<'PostCharge'>> = {}): LeaseCommandOf<'PostCharge'> => ({
  type: 'PostCharge',
  chargeId: CHARGE,
  kind: 'damage',
  description: 'Broken window',
  amountCents: 7_500,
  dueDate: '2027-04-10',
  ...overrides,
});
const waive = (chargeId: string, reason = 'Goodwill'): LeaseCommandOf<'WaiveCharge'> => ({
  type: 'WaiveCharge',
  chargeId,
  reason,
});
const grant = (amountCents: number, reason = 'Concession'): LeaseCommandOf<'GrantCredit'> => ({
  type: 'GrantCredit',
  creditId: CREDIT,
  amountCents,
  reason,
});
const chargePosted = (overrides: Record<string, unknown> = {}): LeaseEvent =>
  ({
    type: 'ChargePosted',
    data: {
      chargeId: CHARGE,
      kind: 'damage',
      description: 'Broken window',
      amountCents: 7_500,
      dueDate: '2027-04-10',
      period: '2027-04',
      postedAsOf: '2027-04-02',
      ...overrides,
    },
  }) as LeaseEvent;
const lateFee: LeaseEvent = {
  type: 'LateFeeAssessed',
  data: {
    lateFeeId: FEE,
    period: '2027-04',
    amountCents: LATE_FEE,
    dueDate: '2027-04-07',
    chargeId: APRIL_CHARGE,
    rule: { rentDueDate: '2027-04-01', graceDays: 5, assessedAsOf: '2027-04-07' },
  },
};
const lease = (state: LeaseState): Lease => {
  if (state.status === 'none') throw new Error('no lease');
  return state;
};
const april = testCtx('2027-04-02');

describe('PostCharge', () => {
  it('posts the charge with its kind, description and due date; the balance rises by it', () => {
    const outcome = given([leaseCreated()]).when(postCharge(), april);
    outcome.then([chargePosted()]);
    const after = lease(outcome.state());
    expect(after.balanceCents).toBe(7_500);
    expect(after.charges[0]).toMatchObject({ kind: 'damage', description: 'Broken window', paidCents: 0 });
    // A charge is not rent: it opens no period line and completes no month.
    expect(after.periods).toEqual([]);
  });

  it('is paid after rent, oldest first: a payment that covers only the rent leaves the charge open', () => {
    const after = lease(
      given([leaseCreated(), chargePosted({ dueDate: '2027-03-15', period: '2027-03' }), marchCharged])
        .when(
          {
            type: 'ReceivePayment',
            paymentId: P1,
            amountCents: 82_258,
            method: 'check',
            actorRole: 'manager',
          },
          april,
        )
        .state(),
    );
    expect(after.charges.find((item) => item.chargeId === MARCH_CHARGE)?.paidCents).toBe(82_258);
    expect(after.charges.find((item) => item.chargeId === CHARGE)?.paidCents).toBe(0);
  });

  it('uses credit held: a prepaid lease pays a new charge at once', () => {
    const after = lease(
      given([leaseCreated(), paymentReceived(P1, 10_000, '2027-03-20')])
        .when(postCharge(), april)
        .state(),
    );
    expect(after.balanceCents).toBe(-2_500);
    expect(after.charges[0]?.paidCents).toBe(7_500);
  });

  it('refuses a zero, fractional or too large amount, a due date before the lease, no description', () => {
    given([leaseCreated()])
      .when(postCharge({ amountCents: 0 }), april)
      .thenThrows('invalid_amount');
    given([leaseCreated()])
      .when(postCharge({ amountCents: 10.5 }), april)
      .thenThrows('invalid_amount');
    given([leaseCreated()])
      .when(postCharge({ amountCents: 12 * RENT + 1 }), april)
      .thenThrows('amount_too_large');
    given([leaseCreated()])
      .when(postCharge({ amountCents: 12 * RENT }), april)
      .thenMatch([chargePosted({ amountCents: 12 * RENT })]);
    given([leaseCreated()])
      .when(postCharge({ dueDate: '2027-03-14' }), april)
      .thenThrows('invalid_due_date');
    given([leaseCreated()])
      .when(postCharge({ description: '  ' }), april)
      .thenThrows('invalid_input');
  });

  it('is accepted after the lease ended (damage found at move-out), and only once per charge id', () => {
    given([leaseCreated()])
      .when(postCharge({ dueDate: '2027-08-20' }), testCtx('2027-08-20'))
      .thenMatch([{ type: 'ChargePosted', data: { dueDate: '2027-08-20', period: '2027-08' } }]);
    given([leaseCreated(), chargePosted()]).when(postCharge(), april).thenThrows('charge_already_posted');
  });
});

describe('WaiveCharge', () => {
  it('waives an unpaid late fee: the balance falls by the fee and no fee is assessed again', () => {
    const history = [leaseCreated(), aprilCharged, lateFee];
    const outcome = given(history).when(waive(FEE, 'First time late'), testCtx('2027-04-08'));
    outcome.then([
      {
        type: 'ChargeWaived',
        data: {
          chargeId: FEE,
          reason: 'First time late',
          waivedOn: '2027-04-08',
          amountCents: LATE_FEE,
          paidCents: 0,
        },
      },
    ]);
    const after = lease(outcome.state());
    expect(after.balanceCents).toBe(RENT);
    expect(after.charges[1]?.waived).toEqual({ reason: 'First time late', on: '2027-04-08', paidCents: 0 });
    // The billing run later finds the period fined already: a waiver does not invite a second fee.
    const later = given([...history, ...outcome.events()])
      .when({ type: 'PostDueItems', asOf: '2027-04-20' }, testCtx('2027-04-20'))
      .events();
    expect(later.filter((e) => e.type === 'LateFeeAssessed' && e.data.period === '2027-04')).toEqual([]);
  });

  it('turns what was paid of a partly paid charge into credit, which pays the next open item', () => {
    // 5,000.00 of the 7,500 damage charge is paid; the April rent is open.
    const history = [
      leaseCreated(),
      chargePosted({ dueDate: '2027-03-20', period: '2027-03' }),
      paymentReceived(P1, 5_000, '2027-03-21'),
      aprilCharged,
    ];
    const before = lease(given(history).state);
    expect(before.charges[0]?.paidCents).toBe(5_000);
    expect(before.balanceCents).toBe(2_500 + RENT);
    const after = lease(given(history).when(waive(CHARGE), april).state());
    // Balance falls by the charge's full amount: 2,500 no longer owed, 5,000 credit that pays April.
    expect(after.balanceCents).toBe(RENT - 5_000);
    expect(after.charges[0]).toMatchObject({ paidCents: 0, waived: { paidCents: 5_000 } });
    expect(after.charges[1]?.paidCents).toBe(5_000);
    expect(after.payments[0]?.allocations).toEqual([rentAllocation(APRIL_CHARGE, '2027-04', 5_000)]);
  });

  it('completes a month when the released credit pays its rent in full', () => {
    const history = [
      leaseCreated(),
      chargePosted({ dueDate: '2027-03-15', period: '2027-03', amountCents: 90_000 }),
      paymentReceived(P1, 82_258, '2027-03-15'),
      marchCharged,
    ];
    // The payment came before the rent was posted, so it went to the (then only) open charge.
    const before = lease(given(history).state);
    expect(before.charges.find((c) => c.chargeId === MARCH_CHARGE)?.paidCents).toBe(0);
    const events = given(history).when(waive(CHARGE), april).events();
    expect(events).toMatchObject([
      { type: 'ChargeWaived', data: { paidCents: 82_258 } },
      completed('2027-03'),
    ]);
  });

  it('refuses rent, an unknown charge, a charge paid in full, and a second waiver', () => {
    given([leaseCreated(), aprilCharged]).when(waive(APRIL_CHARGE), april).thenThrows('charge_not_waivable');
    given([leaseCreated()]).when(waive(CHARGE), april).thenThrows('charge_not_found');
    given([leaseCreated(), chargePosted(), paymentReceived(P1, 7_500, '2027-04-02')])
      .when(waive(CHARGE), april)
      .thenThrows('charge_not_open');
    const once = given([leaseCreated(), chargePosted()]).when(waive(CHARGE), april).events();
    given([leaseCreated(), chargePosted(), ...once])
      .when(waive(CHARGE), april)
      .thenThrows('charge_already_waived');
    given([leaseCreated(), chargePosted()]).when(waive(CHARGE, ''), april).thenThrows('invalid_input');
  });

  it('a reversal after a waiver takes back only what the payment still pays', () => {
    const history = [
      leaseCreated(),
      chargePosted({ dueDate: '2027-03-20', period: '2027-03' }),
      paymentReceived(P1, 5_000, '2027-03-21'),
    ];
    const waived = given(history).when(waive(CHARGE), april).events();
    const after = lease(
      given([...history, ...waived])
        .when({ type: 'ReversePayment', paymentId: P1, reason: 'error' }, april)
        .state(),
    );
    // Charge waived (0 owed), payment reversed (its 5,000 credit gone): nothing owed, nothing held.
    expect(after.balanceCents).toBe(0);
    expect(after.creditCents).toBe(0);
  });
});

describe('GrantCredit', () => {
  it('records the credit with the day it was granted; it pays open rent first', () => {
    const outcome = given([leaseCreated(), aprilCharged, chargePosted()]).when(grant(20_000), april);
    outcome.then([
      {
        type: 'CreditGranted',
        data: { creditId: CREDIT, amountCents: 20_000, reason: 'Concession', grantedOn: '2027-04-02' },
      },
    ]);
    const after = lease(outcome.state());
    expect(after.balanceCents).toBe(RENT + 7_500 - 20_000);
    expect(after.charges[0]?.paidCents).toBe(20_000);
    expect(after.charges[1]?.paidCents).toBe(0);
  });

  it('refuses a zero or too large amount, an empty reason and a repeated id', () => {
    given([leaseCreated()]).when(grant(0), april).thenThrows('invalid_amount');
    given([leaseCreated()])
      .when(grant(12 * RENT + 1), april)
      .thenThrows('amount_too_large');
    given([leaseCreated()]).when(grant(100, ' '), april).thenThrows('invalid_input');
    const once = given([leaseCreated()]).when(grant(100), april).events();
    given([leaseCreated(), ...once])
      .when(grant(100), april)
      .thenThrows('credit_already_granted');
  });

  it('with nothing owed, becomes credit the next charge uses', () => {
    const credited = given([leaseCreated()]).when(grant(10_000), april).events();
    const after = lease(given([leaseCreated(), ...credited, aprilCharged]).state);
    expect(after.balanceCents).toBe(RENT - 10_000);
    expect(after.periods[0]).toMatchObject({ period: '2027-04', paidCents: 10_000 });
  });
});

describe('adjustments on March', () => {
  it('a credit that pays the rent in full completes the month', () => {
    given([leaseCreated(), marchCharged])
      .when(grant(82_258), april)
      .thenMatch([{ type: 'CreditGranted' }, completed('2027-03')]);
  });
});
