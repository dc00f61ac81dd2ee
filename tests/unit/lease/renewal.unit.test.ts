// RenewLease: extends the end date and changes the rent with the new term: from the first period
// after the current end date, never earlier (DESIGN.md; before issue 11 it was the next uncharged one).
import { describe, expect, it } from 'vitest';
import type { UnitLease } from '@/server/domain/lease/commands';
import type { LeaseEvent } from '@/server/domain/lease/events';
import { testCtx, testId } from '../support/given';
import { given, leaseCreated, postDue, RENT, rentCharged, terminated } from '../support/lease';

const lease = leaseCreated({ lateFeeCents: 0 });
const charged = [
  lease,
  rentCharged(testId(11), '2027-03', 82_258, '2027-03-15', true),
  rentCharged(testId(12), '2027-04', RENT, '2027-04-01'),
  rentCharged(testId(13), '2027-05', RENT, '2027-05-01'),
];
const renew = (newEndDate: string, monthlyRentCents: number, existingLeasesForUnit: UnitLease[] = []) =>
  ({ type: 'RenewLease', newEndDate, monthlyRentCents, existingLeasesForUnit }) as const;
const renewed = (effectivePeriod: string, previousEndDate = '2027-08-10'): LeaseEvent => ({
  type: 'LeaseRenewed',
  data: { previousEndDate, newEndDate: '2028-08-10', monthlyRentCents: 160_000, effectivePeriod },
});

describe('RenewLease', () => {
  it('given a lease ending 2027-08-10, when renewed, the new rent starts with 2027-09 (the new term), however early', () => {
    given(charged)
      .when(renew('2028-08-10', 160_000), testCtx('2027-05-10'))
      .then([renewed('2027-09')]);
    given([lease])
      .when(renew('2028-08-10', 160_000), testCtx('2027-03-01'))
      .then([renewed('2027-09')]);
  });

  it('given a lease ending on a month end, the new term starts the next month', () => {
    const yearly = leaseCreated({ lateFeeCents: 0, startDate: '2027-01-01', endDate: '2027-12-31' });
    given([yearly])
      .when(renew('2028-12-31', 160_000), testCtx('2027-05-10'))
      .thenMatch([{ type: 'LeaseRenewed', data: { effectivePeriod: '2028-01' } }]);
  });

  it('then bills the rest of the old term at the old rent (August now in full) and the new term at the new one', () => {
    given([...charged, renewed('2027-09')])
      .when(postDue('2027-09-01'))
      .then([
        rentCharged(testId(1001), '2027-06', RENT, '2027-06-01'),
        rentCharged(testId(1002), '2027-07', RENT, '2027-07-01'),
        rentCharged(testId(1003), '2027-08', RENT, '2027-08-01'),
        rentCharged(testId(1004), '2027-09', 160_000, '2027-09-01'),
      ]);
    const state = given([...charged, renewed('2027-09')]).state;
    expect(state).toMatchObject({ endDate: '2028-08-10', monthlyRentCents: 160_000 });
  });

  it('tops up a prorated last month that a renewal turns into a full one', () => {
    const short = leaseCreated({ lateFeeCents: 0, startDate: '2027-03-01', endDate: '2027-04-10' });
    const history = [
      short,
      rentCharged(testId(11), '2027-03', RENT, '2027-03-01'),
      rentCharged(testId(12), '2027-04', 50_000, '2027-04-01', true), // 10/30
    ];
    const renewal: LeaseEvent = {
      type: 'LeaseRenewed',
      data: {
        previousEndDate: '2027-04-10',
        newEndDate: '2027-12-31',
        monthlyRentCents: 160_000,
        effectivePeriod: '2027-05',
      },
    };
    given(history).when(renew('2027-12-31', 160_000), testCtx('2027-04-05')).then([renewal]);
    given([...history, renewal])
      .when(postDue('2027-05-01'))
      .then([
        rentCharged(testId(1001), '2027-04', 100_000, '2027-04-01', true),
        rentCharged(testId(1002), '2027-05', 160_000, '2027-05-01'),
      ]);
  });

  it('needs a new end date after the current one and a valid rent', () => {
    given(charged)
      .when(renew('2027-08-10', 160_000), testCtx('2027-05-10'))
      .thenThrows('invalid_renewal_date');
    given(charged).when(renew('2028-08-10', 0), testCtx('2027-05-10')).thenThrows('invalid_rent');
  });

  it('is refused on a terminated or ended lease', () => {
    given([...charged, terminated('2027-06-30')])
      .when(renew('2028-08-10', RENT))
      .thenThrows('lease_not_active');
    given(charged).when(renew('2028-08-10', RENT), testCtx('2027-08-11')).thenThrows('lease_not_active');
  });

  it('may not extend the lease over another lease of its unit (unit_unavailable)', () => {
    // This lease ends 2027-08-10; lease B is signed from 2027-09-01.
    const leaseB: UnitLease = { leaseId: testId(900), startDate: '2027-09-01', endDate: '2028-08-31' };
    given(charged)
      .when(renew('2027-09-01', 160_000, [leaseB]), testCtx('2027-05-10'))
      .thenThrows('unit_unavailable');
    given(charged)
      .when(renew('2027-08-31', 160_000, [leaseB]), testCtx('2027-05-10'))
      .thenMatch([{ type: 'LeaseRenewed', data: { newEndDate: '2027-08-31' } }]);
    // A lease of the unit terminated before the extension, and the lease itself, do not clash.
    const ended = { ...leaseB, terminatedOn: '2027-08-31' };
    const self: UnitLease = { leaseId: leaseB.leaseId, startDate: '2027-03-15', endDate: '2027-08-10' };
    given(charged)
      .when(renew('2028-08-10', 160_000, [ended, { ...self, leaseId: testId(1) }]), testCtx('2027-05-10'))
      .then([renewed('2027-09')]);
  });
});
