// NSF fee (DESIGN.md): a reversal for NSF posts the lease's NSF fee (ChargePosted kind nsf_fee) in the
// same decision when the fee is above zero; older LeaseCreated events (no nsfFeeCents) fold as 0.
// A reversed autopay payment is not retried by later billing runs for its period.
import { describe, expect, it } from 'vitest';
import type { LeaseEvent } from '@/server/domain/lease/events';
import type { Lease, LeaseState } from '@/server/domain/lease/state';
import { testCtx, testId } from '../support/given';
import {
  APRIL_CHARGE,
  aprilCharged,
  given,
  leaseCreated,
  paymentReceived,
  postDue,
  RENT,
  rentAllocation,
} from '../support/lease';

const P1 = testId(50);
const NSF_FEE = 3_500;
const reverse = (reason: 'NSF' | 'chargeback' | 'error' = 'NSF') =>
  ({ type: 'ReversePayment', paymentId: P1, reason }) as const;
const aprilPaid = (created: LeaseEvent) => [
  created,
  aprilCharged,
  paymentReceived(P1, RENT, '2027-04-01', { allocations: [rentAllocation(APRIL_CHARGE, '2027-04', RENT)] }),
];
const lease = (state: LeaseState): Lease => {
  if (state.status === 'none') throw new Error('no lease');
  return state;
};
const on = () => testCtx('2027-04-05', 2001);

describe('NSF fee', () => {
  it('a reversal for NSF posts the fee, dated the reversal day, after the reversal', () => {
    const outcome = given(aprilPaid(leaseCreated({ nsfFeeCents: NSF_FEE }))).when(reverse(), on());
    expect(outcome.events().map((e) => e.type)).toEqual(['PaymentReversed', 'ChargePosted']);
    expect(outcome.events()[1]).toEqual({
      type: 'ChargePosted',
      data: {
        chargeId: testId(2001),
        kind: 'nsf_fee',
        description: 'Returned payment (NSF): $1,500.00 of 2027-04-01',
        amountCents: NSF_FEE,
        dueDate: '2027-04-05',
        period: '2027-04',
        postedAsOf: '2027-04-05',
        paymentId: P1,
      },
    });
    expect(lease(outcome.state()).balanceCents).toBe(RENT + NSF_FEE);
  });

  it('no fee for another reason, nor when the lease has none, nor on older leases (fold as 0)', () => {
    given(aprilPaid(leaseCreated({ nsfFeeCents: NSF_FEE })))
      .when(reverse('chargeback'), on())
      .thenMatch([{ type: 'PaymentReversed' }]);
    given(aprilPaid(leaseCreated({ nsfFeeCents: 0 })))
      .when(reverse(), on())
      .thenMatch([{ type: 'PaymentReversed' }]);
    const { nsfFeeCents: _none, ...older } = (leaseCreated() as Extract<LeaseEvent, { type: 'LeaseCreated' }>)
      .data;
    const old: LeaseEvent = { type: 'LeaseCreated', data: older };
    expect(lease(given([old]).state).nsfFeeCents).toBe(0);
    given(aprilPaid(old))
      .when(reverse(), on())
      .thenMatch([{ type: 'PaymentReversed' }]);
  });

  it('the NSF fee can be waived like any other charge', () => {
    const history = aprilPaid(leaseCreated({ nsfFeeCents: NSF_FEE }));
    const reversed = given(history).when(reverse(), on()).events();
    const after = lease(
      given([...history, ...reversed])
        .when({ type: 'WaiveCharge', chargeId: testId(2001), reason: 'Bank error' }, on())
        .state(),
    );
    expect(after.balanceCents).toBe(RENT);
  });

  it('CreateLease records the fee, default 0, and refuses a negative or fractional one', () => {
    const create = {
      type: 'CreateLease' as const,
      leaseId: testId(1),
      tenantId: testId(2),
      propertyId: testId(3),
      unitId: testId(4),
      startDate: '2027-03-15',
      endDate: '2027-08-10',
      monthlyRentCents: RENT,
      dueDay: 1,
      graceDays: 5,
      lateFeeCents: 5_000,
      securityDepositCents: RENT,
      existingLeasesForUnit: [],
    };
    given([]).when(create).then([leaseCreated()]);
    given([])
      .when({ ...create, nsfFeeCents: NSF_FEE })
      .then([leaseCreated({ nsfFeeCents: NSF_FEE })]);
    given([])
      .when({ ...create, nsfFeeCents: -1 })
      .thenThrows('invalid_nsf_fee');
    given([])
      .when({ ...create, nsfFeeCents: 0.5 })
      .thenThrows('invalid_nsf_fee');
  });
});

describe('a reversed autopay payment', () => {
  it('is not retried by later billing runs for that period', () => {
    const enrolled: LeaseEvent = {
      type: 'AutopayEnrolled',
      data: { method: 'ach', enrolledOn: '2027-03-20' },
    };
    const history = [leaseCreated({ nsfFeeCents: NSF_FEE, startDate: '2027-04-01' }), enrolled];
    const april = given(history).when(postDue('2027-04-01'), testCtx('2027-04-01', 3001)).events();
    expect(april.map((e) => e.type)).toEqual(['RentCharged', 'PaymentReceived', 'MonthlyPaymentCompleted']);
    const autopayId = (april[1] as Extract<LeaseEvent, { type: 'PaymentReceived' }>).data.paymentId;
    const reversed = given([...history, ...april])
      .when({ type: 'ReversePayment', paymentId: autopayId, reason: 'NSF' }, testCtx('2027-04-03', 4001))
      .events();
    const later = given([...history, ...april, ...reversed])
      .when(postDue('2027-04-20'), testCtx('2027-04-20', 5001))
      .events();
    // A late fee for the unpaid April rent, but no second autopay payment for April.
    expect(later.filter((e) => e.type === 'PaymentReceived')).toEqual([]);
    expect(later.map((e) => e.type)).toEqual(['LateFeeAssessed']);
    // May is a new period: autopay takes it.
    const may = given([...history, ...april, ...reversed, ...later])
      .when(postDue('2027-05-01'), testCtx('2027-05-01', 6001))
      .events();
    expect(may.some((e) => e.type === 'PaymentReceived' && e.data.autopayPeriod === '2027-05')).toBe(true);
  });
});
