// TerminateLease: no charge for a period after the effective date; the period containing
// it, if not yet charged, is prorated to it. A lease is terminated once.
import { describe, expect, it } from 'vitest';
import { testCtx, testId } from '../support/given';
import { given, leaseCreated, postDue, RENT, rentCharged, terminated } from '../support/lease';

const lease = leaseCreated({ lateFeeCents: 0 });
const march = rentCharged(testId(11), '2027-03', 82_258, '2027-03-15', true);
const april = rentCharged(testId(12), '2027-04', RENT, '2027-04-01');
const may = rentCharged(testId(13), '2027-05', RENT, '2027-05-01');
const terminate = (effectiveDate: string) =>
  ({ type: 'TerminateLease', effectiveDate, reason: 'Tenant moved out' }) as const;

describe('TerminateLease', () => {
  it('records the effective date and reason', () => {
    given([lease, march, april])
      .when(terminate('2027-05-20'), testCtx('2027-04-15'))
      .then([terminated('2027-05-20')]);
  });

  it('prorates the period containing the effective date and charges nothing after it', () => {
    given([lease, march, april, terminated('2027-05-20')])
      .when(postDue('2027-12-31'))
      .then([rentCharged(testId(1001), '2027-05', 96_774, '2027-05-01', true)]); // 20/31
  });

  it('leaves a period already charged as it is, and charges no later one', () => {
    given([lease, march, april, may, terminated('2027-05-20')])
      .when(postDue('2027-12-31'))
      .then([]);
  });

  it('a due day after the effective date falls on the effective date', () => {
    given([leaseCreated({ lateFeeCents: 0, dueDay: 25 }), march, april, terminated('2027-05-20')])
      .when(postDue('2027-12-31'))
      .then([rentCharged(testId(1001), '2027-05', 96_774, '2027-05-20', true)]);
  });

  it('terminated before the start: nothing is ever charged', () => {
    given([lease, terminated('2027-03-01')])
      .when(postDue('2027-12-31'))
      .then([]);
  });

  it('is refused twice, and on a lease that has ended', () => {
    given([lease, terminated('2027-05-20')])
      .when(terminate('2027-05-25'))
      .thenThrows('lease_not_active');
    given([lease]).when(terminate('2027-08-01'), testCtx('2027-08-11')).thenThrows('lease_not_active');
  });

  it('refuses an effective date after the end, or before rent already charged', () => {
    given([lease]).when(terminate('2027-08-11')).thenThrows('invalid_termination_date');
    given([lease, march, april, may])
      .when(terminate('2027-04-30'), testCtx('2027-05-02'))
      .thenThrows('invalid_termination_date');
  });

  it('the lease state shows it terminated', () => {
    const state = given([lease]).when(terminate('2027-05-20')).state();
    expect(state).toMatchObject({ status: 'terminated', terminatedOn: '2027-05-20' });
  });
});
