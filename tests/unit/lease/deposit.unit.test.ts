// Security deposit (DESIGN.md "The domain"): due on the start date, paid by payments with purpose
// deposit and held apart from the balance; settled once after termination or the end date: the
// deductions are charged, the held amount pays them and then the open balance, the rest is refunded.
import { describe, expect, it } from 'vitest';
import type { LeaseCommandOf } from '@/server/domain/lease/commands';
import type { LeaseEvent } from '@/server/domain/lease/events';
import { depositOf } from '@/server/domain/lease/state';
import { testCtx, testId } from '../support/given';
import {
  completed,
  given,
  leaseCreated,
  leaseOf,
  marchCharged,
  pay,
  paymentReceived,
  RENT,
  rentAllocation,
  rentCharged,
  terminated,
} from '../support/lease';

const DEPOSIT = RENT; // the fixture lease requires one month of rent
const lease = leaseCreated({ lateFeeCents: 0 });
const depositPaid = (n: number, amountCents: number, paymentDate = '2027-03-15'): LeaseEvent =>
  paymentReceived(testId(n), amountCents, paymentDate, { purpose: 'deposit' });
const payDeposit = (
  amountCents: number,
  options: Partial<Omit<LeaseCommandOf<'ReceivePayment'>, 'type' | 'amountCents'>> = {},
) => pay(amountCents, { purpose: 'deposit', ...options });
const reverse = (n: number) => ({ type: 'ReversePayment', paymentId: testId(n), reason: 'NSF' }) as const;
const settle = (
  deductions: { description: string; amountCents: number }[] = [],
  refundMethod: 'check' | 'ach' = 'check',
) => ({ type: 'SettleDeposit', deductions, refundMethod }) as const;

/** The fixture lease charged for every month, March to August (10 of 31 days). */
const april = rentCharged(testId(12), '2027-04', RENT, '2027-04-01');
const may = rentCharged(testId(13), '2027-05', RENT, '2027-05-01');
const june = rentCharged(testId(14), '2027-06', RENT, '2027-06-01');
const july = rentCharged(testId(15), '2027-07', RENT, '2027-07-01');
const august = rentCharged(testId(16), '2027-08', 48_387, '2027-08-01', true);
const allRent = [marchCharged, april, may, june, july, august];
const allRentCents = 82_258 + 4 * RENT + 48_387;
const paidInFull = paymentReceived(testId(60), allRentCents, '2027-08-01');
/** The day after the end date, with ids counting from 1001 again. */
const afterEnd = () => testCtx('2027-08-11');

describe('paying the deposit (ReceivePayment with purpose deposit)', () => {
  it('is held apart: no allocation, no completed month, the balance does not move', () => {
    const when = given([lease, marchCharged]).when(payDeposit(50_000));
    when.then([
      {
        type: 'PaymentReceived',
        data: {
          paymentId: testId(500),
          amountCents: 50_000,
          currency: 'USD',
          paymentDate: '2027-03-15',
          method: 'ach',
          purpose: 'deposit',
        },
      },
    ]);
    const after = when.state();
    if (after.status === 'none') throw new Error('no lease');
    expect(after.balanceCents).toBe(82_258);
    expect(after.periods[0]).toMatchObject({ paidCents: 0, completed: false });
    expect(depositOf(after)).toEqual({ requiredCents: DEPOSIT, heldCents: 50_000, dueCents: 100_000 });
  });

  it('a payment without a purpose still pays the ledger (rent)', () => {
    given([lease, marchCharged])
      .when(pay(82_258))
      .thenMatch([
        {
          type: 'PaymentReceived',
          data: { purpose: 'rent', allocations: [rentAllocation(testId(101), '2027-03', 82_258)] },
        },
        completed('2027-03'),
      ]);
  });

  it('is refused above the deposit still due (deposit_exceeded)', () => {
    given([lease])
      .when(payDeposit(DEPOSIT + 1))
      .thenThrows('deposit_exceeded');
    given([lease, depositPaid(61, 100_000)])
      .when(payDeposit(50_001))
      .thenThrows('deposit_exceeded');
    given([lease, depositPaid(61, 100_000)])
      .when(payDeposit(50_000))
      .thenMatch([{ type: 'PaymentReceived' }]);
    given([lease, depositPaid(61, DEPOSIT)])
      .when(payDeposit(1))
      .thenThrows('deposit_exceeded');
    given([leaseCreated({ securityDepositCents: 0 })])
      .when(payDeposit(1))
      .thenThrows('deposit_exceeded');
  });

  it('a reversed deposit payment is due again', () => {
    given([
      lease,
      depositPaid(61, DEPOSIT),
      {
        type: 'PaymentReversed',
        data: { paymentId: testId(61), reason: 'NSF', amountCents: DEPOSIT, allocations: [] },
      },
    ])
      .when(payDeposit(DEPOSIT))
      .thenMatch([{ type: 'PaymentReceived', data: { purpose: 'deposit', amountCents: DEPOSIT } }]);
  });

  it('follows the payment rules: tenants by card or ACH, dated today; nobody in the future', () => {
    given([lease])
      .when(payDeposit(10_000, { actorRole: 'tenant', method: 'check' }))
      .thenThrows('method_not_allowed');
    given([lease])
      .when(payDeposit(10_000, { actorRole: 'tenant', method: 'card', paymentDate: '2027-03-14' }))
      .thenThrows('invalid_payment_date');
    given([lease])
      .when(payDeposit(10_000, { paymentDate: '2027-03-16' }))
      .thenThrows('invalid_payment_date');
    given([lease])
      .when(payDeposit(10_000, { method: 'money_order', paymentDate: '2027-03-01' }))
      .thenMatch([{ type: 'PaymentReceived', data: { method: 'money_order', paymentDate: '2027-03-01' } }]);
    given([lease, depositPaid(500, 10_000)])
      .when(payDeposit(10_000))
      .thenThrows('payment_already_recorded');
  });

  it('is refused once the lease is over, and once the deposit is settled', () => {
    given([lease]).when(payDeposit(10_000), afterEnd()).thenThrows('lease_not_active');
    given([lease, ...allRent, paidInFull, depositPaid(61, 10_000)])
      .when(payDeposit(10_000, { paymentId: testId(501) }), testCtx('2027-08-11'))
      .thenThrows('lease_not_active');
    const settled = given([lease, ...allRent, paidInFull])
      .when(settle(), afterEnd())
      .events();
    given([lease, ...allRent, paidInFull, ...settled])
      .when(payDeposit(10_000), afterEnd())
      .thenThrows('deposit_already_settled');
  });
});

describe('reversing a deposit payment', () => {
  it('takes it out of the deposit held and leaves the ledger alone', () => {
    const when = given([lease, marchCharged, depositPaid(61, DEPOSIT)]).when(reverse(61));
    when.then([
      {
        type: 'PaymentReversed',
        data: { paymentId: testId(61), reason: 'NSF', amountCents: DEPOSIT, allocations: [] },
      },
    ]);
    const after = when.state();
    if (after.status === 'none') throw new Error('no lease');
    expect(after.balanceCents).toBe(82_258);
    expect(depositOf(after)).toMatchObject({ heldCents: 0, dueCents: DEPOSIT });
    expect(after.depositPayments[0]).toMatchObject({ reversed: true, reversal: { reason: 'NSF' } });
  });

  it('is done once, and never after the deposit is settled (the money is applied or refunded)', () => {
    const reversed = given([lease, depositPaid(61, DEPOSIT)])
      .when(reverse(61))
      .events();
    given([lease, depositPaid(61, DEPOSIT), ...reversed])
      .when(reverse(61))
      .thenThrows('payment_already_reversed');
    const history = [lease, depositPaid(61, DEPOSIT), ...allRent, paidInFull];
    const settled = given(history).when(settle(), afterEnd()).events();
    given([...history, ...settled])
      .when(reverse(61), afterEnd())
      .thenThrows('deposit_already_settled');
  });
});

describe('settling the deposit (SettleDeposit)', () => {
  const held = [lease, depositPaid(61, DEPOSIT), ...allRent];

  it('is refused while the lease is live, also on notice (lease_still_active)', () => {
    given(held).when(settle(), testCtx('2027-08-10')).thenThrows('lease_still_active');
    given([...held, terminated('2027-06-30')])
      .when(settle(), testCtx('2027-06-30'))
      .thenThrows('lease_still_active');
  });

  it('is allowed the day after the termination effective date, or after the end date', () => {
    given([lease, depositPaid(61, DEPOSIT), marchCharged, april, terminated('2027-04-30')])
      .when(settle(), testCtx('2027-05-01'))
      .thenMatch([
        // 1,500.00 held pays the open rent, oldest first: March (822.58) in full, then part of April.
        {
          type: 'DepositSettled',
          data: { settledOn: '2027-05-01', appliedToBalanceCents: DEPOSIT, refundedCents: 0 },
        },
        completed('2027-03'),
      ]);
    given([...held, paidInFull])
      .when(settle(), afterEnd())
      .thenMatch([{ type: 'DepositSettled' }]);
  });

  it('nothing owed and no deductions: everything held is refunded', () => {
    given([...held, paidInFull])
      .when(settle([], 'ach'), afterEnd())
      .then([
        {
          type: 'DepositSettled',
          data: {
            settledOn: '2027-08-11',
            heldCents: DEPOSIT,
            deductions: [],
            appliedToDeductionsCents: 0,
            appliedToBalanceCents: 0,
            refundedCents: DEPOSIT,
            refundMethod: 'ach',
            creditId: testId(1001),
          },
        },
      ]);
  });

  it('the held amount pays the deductions, then the open balance (rent first); the rest is refunded', () => {
    // August's rent (48,387) is still open.
    const partly = paymentReceived(testId(60), allRentCents - 48_387, '2027-07-01');
    const when = given([...held, partly]).when(
      settle([
        { description: 'Carpet cleaning', amountCents: 20_000 },
        { description: 'Broken blind', amountCents: 5_000 },
      ]),
      afterEnd(),
    );
    when.thenMatch([
      {
        type: 'DepositSettled',
        data: {
          heldCents: DEPOSIT,
          deductions: [
            { chargeId: testId(1001), description: 'Carpet cleaning', amountCents: 20_000 },
            { chargeId: testId(1002), description: 'Broken blind', amountCents: 5_000 },
          ],
          appliedToDeductionsCents: 25_000,
          appliedToBalanceCents: 48_387,
          refundedCents: DEPOSIT - 25_000 - 48_387,
          creditId: testId(1003),
        },
      },
      completed('2027-08'),
    ]);
    const after = when.state();
    if (after.status === 'none') throw new Error('no lease');
    expect(after.balanceCents).toBe(0);
    expect(depositOf(after)).toMatchObject({ heldCents: 0, dueCents: 0 });
    expect(after.depositSettlement).toMatchObject({ refundedCents: 76_613, deductionsCents: 25_000 });
    // The deductions are ledger items of kind deposit, paid by the deposit's credit.
    expect(after.charges.filter((item) => item.kind === 'deposit')).toEqual([
      expect.objectContaining({
        description: 'Carpet cleaning',
        amountCents: 20_000,
        paidCents: 20_000,
        period: '2027-08',
      }),
      expect.objectContaining({ description: 'Broken blind', amountCents: 5_000, paidCents: 5_000 }),
    ]);
    expect(after.credits.at(-1)).toMatchObject({
      creditId: testId(1003),
      amountCents: 73_387,
      unappliedCents: 0,
    });
  });

  it('deductions come before the balance: what the held amount cannot cover stays owed', () => {
    // 500.00 held; August's rent (483.87) open; deductions of 800.00.
    const partly = paymentReceived(testId(60), allRentCents - 48_387, '2027-07-01');
    const when = given([lease, depositPaid(61, 50_000), ...allRent, partly]).when(
      settle([{ description: 'Repaint living room', amountCents: 80_000 }]),
      afterEnd(),
    );
    when.thenMatch([
      {
        type: 'DepositSettled',
        data: {
          heldCents: 50_000,
          appliedToDeductionsCents: 50_000,
          appliedToBalanceCents: 0,
          refundedCents: 0,
        },
      },
    ]);
    const after = when.state();
    if (after.status === 'none') throw new Error('no lease');
    expect(after.balanceCents).toBe(48_387 + 30_000);
    expect(after.periods.find((line) => line.period === '2027-08')).toMatchObject({ completed: false });
  });

  it('credit already on the lease pays deductions first, as it pays any later charge', () => {
    const overpaid = paymentReceived(testId(60), allRentCents + 10_000, '2027-07-01');
    given([lease, depositPaid(61, 50_000), ...allRent, overpaid])
      .when(settle([{ description: 'Cleaning', amountCents: 30_000 }]), afterEnd())
      .thenMatch([
        {
          type: 'DepositSettled',
          data: { appliedToDeductionsCents: 20_000, appliedToBalanceCents: 0, refundedCents: 30_000 },
        },
      ]);
  });

  it('settles a lease that never received a deposit: the deductions are owed', () => {
    const when = given([lease, ...allRent, paidInFull]).when(
      settle([{ description: 'Lost keys', amountCents: 7_500 }]),
      afterEnd(),
    );
    when.thenMatch([
      { type: 'DepositSettled', data: { heldCents: 0, appliedToDeductionsCents: 0, refundedCents: 0 } },
    ]);
    expect(leaseOf([lease, ...allRent, paidInFull, ...when.events()]).balanceCents).toBe(7_500);
  });

  it('is done once (deposit_already_settled)', () => {
    const settled = given([...held, paidInFull])
      .when(settle(), afterEnd())
      .events();
    given([...held, paidInFull, ...settled])
      .when(settle(), afterEnd())
      .thenThrows('deposit_already_settled');
  });

  it('refuses a deduction without a description or amount, and an unknown refund method', () => {
    given([...held, paidInFull])
      .when(settle([{ description: '  ', amountCents: 100 }]), afterEnd())
      .thenThrows('invalid_deduction');
    given([...held, paidInFull])
      .when(settle([{ description: 'Cleaning', amountCents: 0 }]), afterEnd())
      .thenThrows('invalid_deduction');
    given([...held, paidInFull])
      .when(settle([{ description: 'Cleaning', amountCents: 10.5 }]), afterEnd())
      .thenThrows('invalid_deduction');
    given([...held, paidInFull])
      .when({ ...settle(), refundMethod: 'cash' } as unknown as ReturnType<typeof settle>, afterEnd())
      .thenThrows('invalid_input');
  });

  it('a lease left owing takes rent payments up to what it owes, then none', () => {
    const history = [lease, ...allRent, paidInFull];
    const settled = given(history)
      .when(settle([{ description: 'Lost keys', amountCents: 7_500 }]), afterEnd())
      .events();
    given([...history, ...settled])
      .when(pay(7_501), afterEnd())
      .thenThrows('amount_too_large');
    const paid = given([...history, ...settled]).when(pay(7_500), afterEnd());
    paid.thenMatch([
      { type: 'PaymentReceived', data: { allocations: [{ kind: 'deposit', amountCents: 7_500 }] } },
    ]);
    given([...history, ...settled, ...paid.events()])
      .when(pay(1, { paymentId: testId(501) }), afterEnd())
      .thenThrows('lease_not_active');
  });
});
