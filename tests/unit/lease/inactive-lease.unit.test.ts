// A lease that is not live (terminated after its effective date, or past its end date) accepts payments only up
// to what is still owed; with nothing owed it refuses them (lease_not_active).
import { describe, it } from 'vitest';
import { testCtx, testId } from '../support/given';
import { given, leaseCreated, marchCharged, pay, paymentReceived, terminated } from '../support/lease';

const owing = [leaseCreated(), marchCharged, terminated('2027-03-31')];
const now = testCtx('2027-04-10');

describe('Payments on a lease that is not active', () => {
  it('a terminated lease accepts up to its balance', () => {
    given(owing)
      .when(pay(82_258), now)
      .thenMatch([
        { type: 'PaymentReceived' },
        { type: 'MonthlyPaymentCompleted', data: { period: '2027-03' } },
      ]);
    given(owing)
      .when(pay(10_000), now)
      .thenMatch([{ type: 'PaymentReceived' }]);
  });

  it('refuses more than the balance', () => {
    given(owing).when(pay(82_259), now).thenThrows('amount_too_large');
  });

  it('refuses any payment when nothing is owed', () => {
    const settled = [...owing, paymentReceived(testId(50), 82_258, '2027-04-01')];
    given(settled).when(pay(1), now).thenThrows('lease_not_active');
    given([leaseCreated(), terminated('2027-03-10')])
      .when(pay(1), now)
      .thenThrows('lease_not_active');
  });

  it('on notice (effective date ahead) it is live and takes any payment; after that date it is terminated', () => {
    const notice = [leaseCreated(), marchCharged, terminated('2027-06-30')];
    given(notice)
      .when(pay(82_259), testCtx('2027-03-20'))
      .thenMatch([{ type: 'PaymentReceived' }, { type: 'MonthlyPaymentCompleted' }]);
    given(notice)
      .when(pay(82_259), testCtx('2027-06-30'))
      .thenMatch([{ type: 'PaymentReceived' }, { type: 'MonthlyPaymentCompleted' }]);
    given(notice).when(pay(82_259), testCtx('2027-07-01')).thenThrows('amount_too_large');
  });

  it('a lease whose end date has passed is ended: same limits', () => {
    const ended = [leaseCreated(), marchCharged];
    given(ended).when(pay(82_259), testCtx('2027-08-11')).thenThrows('amount_too_large');
    given(ended)
      .when(pay(82_258), testCtx('2027-08-11'))
      .thenMatch([{ type: 'PaymentReceived' }, { type: 'MonthlyPaymentCompleted' }]);
    given([leaseCreated()]).when(pay(1), testCtx('2027-08-11')).thenThrows('lease_not_active');
  });

  it('is still active on its end date and before its start date (credit allowed)', () => {
    given([leaseCreated()])
      .when(pay(200_000), testCtx('2027-08-10'))
      .thenMatch([{ type: 'PaymentReceived' }]);
    given([leaseCreated()])
      .when(pay(200_000), testCtx('2027-03-01'))
      .thenMatch([{ type: 'PaymentReceived' }]);
  });
});
