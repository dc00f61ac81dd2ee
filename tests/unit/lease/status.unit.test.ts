// Lease status (DESIGN.md): `future` before the start date, `active` from it, `notice` once a
// termination is recorded whose effective date is still ahead, `terminated` after that date,
// `ended` after the end date. Future, active and notice leases are live.
import { describe, expect, it } from 'vitest';
import { isLive, leaseStatusOn } from '@/server/domain/lease/state';
import { testCtx } from '../support/given';
import { given, leaseCreated, leaseOf, marchCharged, pay, terminated } from '../support/lease';

const lease = leaseOf([leaseCreated()]); // 2027-03-15 .. 2027-08-10
const onNotice = leaseOf([leaseCreated(), marchCharged, terminated('2027-05-20')]);

describe('Lease status', () => {
  it('given a lease, it is future before its start date and active from it through its end date', () => {
    expect(leaseStatusOn(lease, '2027-03-14')).toBe('future');
    expect(leaseStatusOn(lease, '2027-03-15')).toBe('active');
    expect(leaseStatusOn(lease, '2027-08-10')).toBe('active');
  });

  it('given no termination, it is ended after its end date', () => {
    expect(leaseStatusOn(lease, '2027-08-11')).toBe('ended');
  });

  it('given a termination recorded, it is on notice through the effective date, then terminated', () => {
    expect(leaseStatusOn(onNotice, '2027-04-01')).toBe('notice');
    expect(leaseStatusOn(onNotice, '2027-05-20')).toBe('notice');
    expect(leaseStatusOn(onNotice, '2027-05-21')).toBe('terminated');
    expect(leaseStatusOn(onNotice, '2027-09-01')).toBe('terminated');
  });

  it('given a termination effective on the end date, it is terminated (not ended) afterwards', () => {
    const atEnd = leaseOf([leaseCreated(), terminated('2027-08-10')]);
    expect(leaseStatusOn(atEnd, '2027-08-11')).toBe('terminated');
  });

  it('future, active and notice are live; terminated and ended are not', () => {
    expect(['future', 'active', 'notice', 'terminated', 'ended'].map((s) => isLive(s as never))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('when a future lease is paid more than it owes, it takes the payment (credit)', () => {
    given([leaseCreated()])
      .when(pay(200_000), testCtx('2027-03-01'))
      .thenMatch([{ type: 'PaymentReceived' }]);
  });

  it('when a lease on notice is billed, it is charged up to the effective date and no further', () => {
    given([leaseCreated({ lateFeeCents: 0 }), marchCharged, terminated('2027-04-10')])
      .when({ type: 'PostDueItems', asOf: '2027-12-31' }, testCtx('2027-04-01'))
      .thenMatch([{ type: 'RentCharged', data: { period: '2027-04', amountCents: 50_000, prorated: true } }]);
  });

  it('a lease on notice takes autopay but cannot be renewed or terminated again', () => {
    const events = [leaseCreated(), marchCharged, terminated('2027-05-20')];
    const today = testCtx('2027-04-01');
    given(events)
      .when({ type: 'EnrolAutopay', method: 'ach' }, today)
      .thenMatch([{ type: 'AutopayEnrolled' }]);
    given(events)
      .when(
        {
          type: 'RenewLease',
          newEndDate: '2028-08-10',
          monthlyRentCents: 150_000,
          existingLeasesForUnit: [],
        },
        today,
      )
      .thenThrows('lease_not_active');
    given(events)
      .when({ type: 'TerminateLease', effectiveDate: '2027-05-25', reason: 'again' }, today)
      .thenThrows('lease_not_active');
  });

  it('after the effective date, autopay is refused', () => {
    given([leaseCreated(), terminated('2027-05-20')])
      .when({ type: 'EnrolAutopay', method: 'ach' }, testCtx('2027-05-21'))
      .thenThrows('lease_not_active');
  });
});
