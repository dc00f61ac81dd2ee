// Every "today" of a lease is its property's local date (DESIGN.md "The domain"): the date of a
// tenant's payment, the billing run's day for late fees and autopay, the status. Here a Los Angeles
// lease (UTC-7 in March) at 2027-03-21 01:30 UTC, which is 18:30 on 03-20 there.
import { describe, expect, it } from 'vitest';
import { leaseStatusOn, leaseToday } from '@/server/domain/lease';
import type { LeaseEvent } from '@/server/domain/lease/events';
import type { Ctx } from '@/server/domain/shared/ctx';
import { testId } from '../support/given';
import { given, LATE_FEE, leaseCreated, leaseOf, marchCharged, pay, postDue } from '../support/lease';

const LOS_ANGELES = 'America/Los_Angeles';
const EVENING_OF_0320_IN_LA = new Date('2027-03-21T01:30:00Z');
const at = (now: Date): Ctx => {
  let next = 1001;
  return { now, newId: () => testId(next++) };
};

const laLease = (): LeaseEvent[] => [leaseCreated({ timeZone: LOS_ANGELES }), marchCharged];

describe('a lease in its property time zone', () => {
  it('takes its today from the zone, and a lease created before zones from UTC', () => {
    expect(leaseToday(leaseOf(laLease()), EVENING_OF_0320_IN_LA)).toBe('2027-03-20');
    expect(leaseToday(leaseOf([leaseCreated(), marchCharged]), EVENING_OF_0320_IN_LA)).toBe('2027-03-21');
  });

  it('a tenant paying at 18:30 local time on the last grace day pays that day, and is not fined', () => {
    const paid = given(laLease())
      .when(pay(82_258, { actorRole: 'tenant', method: 'card' }), at(EVENING_OF_0320_IN_LA))
      .events();
    expect(paid[0]).toMatchObject({ type: 'PaymentReceived', data: { paymentDate: '2027-03-20' } });
    // The billing run a minute later is already 03-21 in UTC: in Los Angeles grace has not ended.
    given([...laLease(), ...paid])
      .when(postDue('2027-03-21'), at(new Date('2027-03-21T01:31:00Z')))
      .then([]);
  });

  it('a tenant may not date a payment by the UTC calendar when it is still yesterday locally', () => {
    given(laLease())
      .when(
        pay(82_258, { actorRole: 'tenant', method: 'card', paymentDate: '2027-03-21' }),
        at(EVENING_OF_0320_IN_LA),
      )
      .thenThrows('invalid_payment_date');
  });

  it('the late fee waits for the local day after grace, then is assessed as of that day', () => {
    // Due 03-15, grace 5: fined from 03-21. At 01:30 UTC on 03-21 it is still 03-20 in Los Angeles.
    given(laLease()).when(postDue('2027-03-21'), at(EVENING_OF_0320_IN_LA)).then([]);
    given(laLease())
      .when(postDue('2027-03-21'), at(new Date('2027-03-21T07:00:00Z')))
      .thenMatch([
        {
          type: 'LateFeeAssessed',
          data: { amountCents: LATE_FEE, rule: { rentDueDate: '2027-03-15', assessedAsOf: '2027-03-21' } },
        },
      ]);
  });

  it('status follows the local date: the lease is still future on the evening before it starts', () => {
    const lease = leaseOf([leaseCreated({ timeZone: LOS_ANGELES })]);
    const eveningBefore = new Date('2027-03-15T06:00:00Z'); // 23:00 on 03-14 in Los Angeles
    expect(leaseStatusOn(lease, leaseToday(lease, eveningBefore))).toBe('future');
  });
});
