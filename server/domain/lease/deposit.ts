// Deciding the security deposit: paying what is still due (held apart from the ledger), reversing
// such a payment, and settling the deposit once after the lease ended or was terminated.
import type { Ctx } from '../shared/ctx';
import { DomainError } from '../shared/errors';
import { formatUsd, isCents } from '../shared/money';
import { requireText } from '../shared/validate';
import type { LeaseCommandOf } from './commands';
import { emit, startEmission } from './emit';
import type { LeaseEvent } from './events';
import { type DepositPaymentRecord, depositOf, isLive, type Lease, leaseStatusOn, leaseToday } from './state';

function alreadySettled(lease: Lease, what: string): DomainError {
  const on = lease.depositSettlement?.settledOn ?? '';
  return new DomainError('deposit_already_settled', `The security deposit was settled on ${on}, so ${what}.`);
}

/**
 * A payment with purpose `deposit` (its date and method already checked like any payment): only
 * while the lease is live, the deposit is not settled, and up to the deposit still due.
 */
export function checkDepositPayment(lease: Lease, amountCents: number, today: string): void {
  if (lease.depositSettlement) throw alreadySettled(lease, 'it takes no more deposit payments');
  const status = leaseStatusOn(lease, today);
  if (!isLive(status)) {
    throw new DomainError(
      'lease_not_active',
      'This lease is over, so no deposit can be paid on it any more; pay any balance as rent.',
    );
  }
  const { requiredCents, heldCents, dueCents } = depositOf(lease);
  if (amountCents <= dueCents) return;
  const detail =
    dueCents === 0
      ? `The security deposit of ${formatUsd(requiredCents)} is paid in full.`
      : `Only ${formatUsd(dueCents)} of the ${formatUsd(requiredCents)} security deposit is still due (${formatUsd(heldCents)} held).`;
  throw new DomainError(
    'deposit_exceeded',
    `${detail} Enter ${dueCents === 0 ? 'no deposit payment' : `${formatUsd(dueCents)} or less`}.`,
    'amountCents',
  );
}

/** Reversing a deposit payment lowers the deposit held; once settled, the deposit is closed. */
export function reverseDepositPayment(
  command: LeaseCommandOf<'ReversePayment'>,
  lease: Lease,
  payment: DepositPaymentRecord,
): LeaseEvent[] {
  if (payment.reversed) {
    throw new DomainError(
      'payment_already_reversed',
      `This deposit payment was already reversed (${payment.reversal?.reason ?? 'reversed'}); a payment can be reversed only once.`,
      'paymentId',
    );
  }
  if (lease.depositSettlement) {
    throw alreadySettled(lease, 'its payments can no longer be reversed (the money was applied or refunded)');
  }
  return [
    {
      type: 'PaymentReversed',
      data: {
        paymentId: payment.paymentId,
        reason: command.reason,
        amountCents: payment.amountCents,
        allocations: [],
      },
    },
  ];
}

/** What the held deposit pays when it is settled with these deductions (all integer cents). */
export type DepositSplit = {
  heldCents: number;
  appliedToDeductionsCents: number;
  appliedToBalanceCents: number;
  refundedCents: number;
  /** What the lease owes after the settlement (0 when the balance is paid or in credit). */
  owedCents: number;
};

/**
 * Credit already on the ledger pays new items first (as it pays any later charge), so it pays the
 * deductions before the deposit does; the deposit then pays what is left of the deductions, then
 * the open balance, and the rest is refunded.
 */
export function depositSplit(lease: Lease, deductionsCents: number): DepositSplit {
  const { heldCents } = depositOf(lease);
  const creditCents = Math.max(0, lease.creditCents);
  const openDeductions = deductionsCents - Math.min(creditCents, deductionsCents);
  const openBalance = Math.max(0, lease.balanceCents + creditCents);
  const appliedToDeductionsCents = Math.min(heldCents, openDeductions);
  const appliedToBalanceCents = Math.min(heldCents - appliedToDeductionsCents, openBalance);
  const refundedCents = heldCents - appliedToDeductionsCents - appliedToBalanceCents;
  const after = lease.balanceCents + deductionsCents - appliedToDeductionsCents - appliedToBalanceCents;
  return {
    heldCents,
    appliedToDeductionsCents,
    appliedToBalanceCents,
    refundedCents,
    owedCents: Math.max(0, after),
  };
}

export function settleDeposit(
  command: LeaseCommandOf<'SettleDeposit'>,
  lease: Lease,
  ctx: Ctx,
): LeaseEvent[] {
  const today = leaseToday(lease, ctx.now);
  if (lease.depositSettlement) throw alreadySettled(lease, 'it cannot be settled again');
  const status = leaseStatusOn(lease, today);
  if (isLive(status)) {
    const until = lease.terminatedOn ?? lease.endDate;
    throw new DomainError(
      'lease_still_active',
      `The deposit is settled after the lease is over; this lease runs through ${until}.`,
    );
  }
  if (command.refundMethod !== 'check' && command.refundMethod !== 'ach') {
    throw new DomainError('invalid_input', 'A refund is sent by check or ACH.', 'refundMethod');
  }
  const deductions = command.deductions.map((deduction, index) => {
    const field = `deductions.${index}`;
    const description = requireText(deduction.description, {
      code: 'invalid_deduction',
      field: `${field}.description`,
      message: 'Say what each deduction is for.',
    });
    if (!isCents(deduction.amountCents) || deduction.amountCents <= 0) {
      throw new DomainError(
        'invalid_deduction',
        'Each deduction is an amount greater than zero, in whole cents.',
        `${field}.amountCents`,
      );
    }
    return { chargeId: ctx.newId(), description, amountCents: deduction.amountCents };
  });
  const deductionsCents = deductions.reduce((sum, deduction) => sum + deduction.amountCents, 0);
  if (!isCents(deductionsCents)) {
    throw new DomainError(
      'invalid_deduction',
      'The deductions add up to more than any lease can owe.',
      'deductions',
    );
  }
  const split = depositSplit(lease, deductionsCents);
  return emit(startEmission(lease), {
    type: 'DepositSettled',
    data: {
      settledOn: today,
      heldCents: split.heldCents,
      deductions,
      appliedToDeductionsCents: split.appliedToDeductionsCents,
      appliedToBalanceCents: split.appliedToBalanceCents,
      refundedCents: split.refundedCents,
      refundMethod: command.refundMethod,
      creditId: ctx.newId(),
    },
  }).events;
}
