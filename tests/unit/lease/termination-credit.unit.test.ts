// Termination inside a month already charged in full credits the unused days back (DESIGN.md):
// `CreditGranted` caused by the termination, round(rent x days after the effective date / days in
// month), half-up; the credit settles open items like a payment's credit. A period containing the
// effective date that is not yet charged is prorated to it; nothing is charged after it.
import { describe, expect, it } from 'vitest';
import type { LeaseEvent } from '@/server/domain/lease/events';
import { testCtx, testId } from '../support/given';
import {
  aprilCharged,
  completed,
  given,
  leaseCreated,
  marchCharged,
  paymentReceived,
  postDue,
  RENT,
  rentCharged,
  terminated,
} from '../support/lease';

const MAY_CHARGE = testId(103);
const mayCharged = rentCharged(MAY_CHARGE, '2027-05', RENT, '2027-05-01');
const terminate = (effectiveDate: string) =>
  ({ type: 'TerminateLease', effectiveDate, reason: 'Tenant moved out' }) as const;
const credit = (amountCents: number, reason: string, creditId = testId(1001)): LeaseEvent => ({
  type: 'CreditGranted',
  data: { creditId, amountCents, reason },
});
const charged = [leaseCreated(), marchCharged, aprilCharged, mayCharged];

describe('TerminateLease inside a month already charged', () => {
  it('given May charged in full, when terminated effective 05-20, credits 11/31 of the rent back', () => {
    given(charged)
      .when(terminate('2027-05-20'), testCtx('2027-05-10'))
      .then([
        terminated('2027-05-20'),
        // 150,000 x 11 / 31 = 53,225.8 -> 532.26
        credit(53_226, 'Termination effective 2027-05-20: 11 days of May 2027 after it, charged already.'),
      ]);
  });

  it('the credit settles open items like a payment: the rest is owed, completions are reported', () => {
    const paid = [...charged, paymentReceived(testId(50), 82_258 + RENT + 100_000, '2027-05-02')];
    const outcome = given(paid).when(terminate('2027-05-20'), testCtx('2027-05-10'));
    outcome.thenMatch([
      { type: 'LeaseTerminated' },
      { type: 'CreditGranted', data: { amountCents: 53_226 } },
      completed('2027-05'),
    ]);
    const state = given([...paid, terminated('2027-05-20'), credit(53_226, 'x')]).state;
    // Owed 82,258 + 150,000 + 150,000 - 332,258 paid - 53,226 credited: 3,226 of credit held.
    expect(state).toMatchObject({ balanceCents: -3_226, creditCents: 3_226 });
  });

  it('unpaid: the balance falls by the credit, and paying the rest on time is not late', () => {
    const history = [
      leaseCreated({ startDate: '2027-05-01' }),
      rentCharged(MAY_CHARGE, '2027-05', RENT, '2027-05-01'),
      terminated('2027-05-20'),
      credit(53_226, 'x'),
    ];
    expect(given(history).state).toMatchObject({ balanceCents: RENT - 53_226 });
    given([...history, paymentReceived(testId(50), RENT - 53_226, '2027-05-03')])
      .when(postDue('2027-05-31'), testCtx('2027-05-31'))
      .then([]);
  });

  it('rounds half-up: 150,001 x 15 / 30 = 75,000.5 -> 750.01', () => {
    given([
      leaseCreated({ monthlyRentCents: 150_001 }),
      rentCharged(testId(11), '2027-06', 150_001, '2027-06-01'),
    ])
      .when(terminate('2027-06-15'), testCtx('2027-06-02'))
      .thenMatch([{ type: 'LeaseTerminated' }, { type: 'CreditGranted', data: { amountCents: 75_001 } }]);
  });

  it('a prorated first month charged in full credits the days after the effective date', () => {
    // March: 03-15..03-31 charged (822.58); terminated 03-20: 03-21..03-31 are 11 days.
    given([leaseCreated(), marchCharged])
      .when(terminate('2027-03-20'), testCtx('2027-03-16'))
      .thenMatch([{ type: 'LeaseTerminated' }, { type: 'CreditGranted', data: { amountCents: 53_226 } }]);
  });

  it('effective on the last day of the month, or in a month not charged: no credit', () => {
    given(charged)
      .when(terminate('2027-05-31'), testCtx('2027-05-10'))
      .then([terminated('2027-05-31')]);
    given([leaseCreated(), marchCharged, aprilCharged])
      .when(terminate('2027-05-20'), testCtx('2027-04-15'))
      .then([terminated('2027-05-20')]);
  });

  it('then charges nothing more: the month is neither charged again nor topped up', () => {
    const quiet = [leaseCreated({ lateFeeCents: 0 }), marchCharged, aprilCharged, mayCharged];
    given([...quiet, terminated('2027-05-20'), credit(53_226, 'x')])
      .when(postDue('2027-12-31'), testCtx('2027-05-21'))
      .then([]);
  });

  it('a month not yet charged is prorated to the effective date instead (no credit)', () => {
    given([leaseCreated({ lateFeeCents: 0 }), marchCharged, aprilCharged, terminated('2027-05-20')])
      .when(postDue('2027-12-31'))
      .then([rentCharged(testId(1001), '2027-05', 96_774, '2027-05-01', true)]); // 20/31
  });

  it('a last month charged only in part (renewal top-up not posted) gives back what was charged past the date', () => {
    const short = leaseCreated({ lateFeeCents: 0, startDate: '2027-03-01', endDate: '2027-04-10' });
    const renewal: LeaseEvent = {
      type: 'LeaseRenewed',
      data: {
        previousEndDate: '2027-04-10',
        newEndDate: '2027-12-31',
        monthlyRentCents: RENT,
        effectivePeriod: '2027-05',
      },
    };
    // April 1-10 charged (500.00); terminated 04-05: 6-10 April, 5/30 of 1,500.00, come back.
    given([
      short,
      rentCharged(testId(11), '2027-03', RENT, '2027-03-01'),
      rentCharged(testId(12), '2027-04', 50_000, '2027-04-01', true),
      renewal,
    ])
      .when(terminate('2027-04-05'), testCtx('2027-04-02'))
      .thenMatch([{ type: 'LeaseTerminated' }, { type: 'CreditGranted', data: { amountCents: 25_000 } }]);
  });
});
