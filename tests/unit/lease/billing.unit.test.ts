// The billing run: periods are calendar months, the first due on the start date and later
// ones on the due day; partial months are prorated (DESIGN.md's binding figures).
import { describe, expect, it } from 'vitest';
import { testCtx, testId } from '../support/given';
import { given, leaseCreated, postDue, RENT, rentCharged } from '../support/lease';

const noFees = leaseCreated({ lateFeeCents: 0 });

describe('PostDueItems: rent charges', () => {
  it('charges the DESIGN.md lease 822.58 for March (17/31) and 483.87 for August (10/31)', () => {
    given([noFees])
      .when(postDue('2027-08-10'))
      .then([
        rentCharged(testId(1001), '2027-03', 82_258, '2027-03-15', true),
        rentCharged(testId(1002), '2027-04', RENT, '2027-04-01'),
        rentCharged(testId(1003), '2027-05', RENT, '2027-05-01'),
        rentCharged(testId(1004), '2027-06', RENT, '2027-06-01'),
        rentCharged(testId(1005), '2027-07', RENT, '2027-07-01'),
        rentCharged(testId(1006), '2027-08', 48_387, '2027-08-01', true),
      ]);
  });

  it('charges the first period on the start date and later ones on the due day', () => {
    const lease = leaseCreated({ lateFeeCents: 0, dueDay: 5 });
    given([lease]).when(postDue('2027-03-14')).then([]);
    given([lease])
      .when(postDue('2027-03-15'))
      .then([rentCharged(testId(1001), '2027-03', 82_258, '2027-03-15', true)]);
    const march = rentCharged(testId(1001), '2027-03', 82_258, '2027-03-15', true);
    given([lease, march]).when(postDue('2027-04-04')).then([]);
    given([lease, march])
      .when(postDue('2027-04-05'))
      .then([rentCharged(testId(1001), '2027-04', RENT, '2027-04-05')]);
  });

  it('is idempotent: a second run as of the same date posts nothing', () => {
    const first = given([noFees]).when(postDue('2027-05-20')).events();
    expect(first).toHaveLength(3);
    given([noFees, ...first])
      .when(postDue('2027-05-20'))
      .then([]);
  });

  it('never charges past the end: a due day after the last day falls on the last day', () => {
    const march = rentCharged(testId(1), '2027-03', 82_258, '2027-03-15', true);
    const lease = leaseCreated({ lateFeeCents: 0, dueDay: 15 });
    const through = (period: string) =>
      rentCharged(testId(Number(period.slice(5))), period, RENT, `${period}-15`);
    given([lease, march, through('2027-04'), through('2027-05'), through('2027-06'), through('2027-07')])
      .when(postDue('2027-12-31'))
      .then([rentCharged(testId(1001), '2027-08', 48_387, '2027-08-10', true)]);
  });

  it('prorates a lease inside one month by its own days', () => {
    given([leaseCreated({ startDate: '2027-03-05', endDate: '2027-03-24', lateFeeCents: 0 })])
      .when(postDue('2027-12-31'), testCtx('2027-03-05'))
      .then([rentCharged(testId(1001), '2027-03', 96_774, '2027-03-05', true)]); // 20/31
  });

  it('prorates by the actual length of February in a leap year', () => {
    given([leaseCreated({ startDate: '2028-02-15', endDate: '2028-03-31', lateFeeCents: 0 })])
      .when(postDue('2028-03-01'))
      .then([
        rentCharged(testId(1001), '2028-02', 77_586, '2028-02-15', true), // 15/29
        rentCharged(testId(1002), '2028-03', RENT, '2028-03-01'),
      ]);
  });

  it('charges a full month when the lease starts on the first', () => {
    given([leaseCreated({ startDate: '2027-04-01', endDate: '2028-03-31', lateFeeCents: 0 })])
      .when(postDue('2027-04-01'))
      .then([rentCharged(testId(1001), '2027-04', RENT, '2027-04-01')]);
  });

  it('refuses an impossible as-of date and an unknown lease', () => {
    given([noFees]).when(postDue('2027-02-30')).thenThrows('invalid_input');
    given([]).when(postDue('2027-03-15')).thenThrows('lease_not_found');
  });

  it('takes dates from the command, not from the clock', () => {
    given([noFees])
      .when(postDue('2027-03-15'), testCtx('2030-01-01'))
      .then([rentCharged(testId(1001), '2027-03', 82_258, '2027-03-15', true)]);
  });
});
