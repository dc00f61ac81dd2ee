// Deciding payments and reversals: who may pay how and when, how much a lease accepts,
// and recording on each event the allocations the ledger derived for it.
import type { Ctx } from '../shared/ctx';
import { DomainError } from '../shared/errors';
import { formatUsd } from '../shared/money';
import { requireCents, requireDate } from '../shared/validate';
import { nsfFeeFor } from './adjustments';
import type { LeaseCommandOf } from './commands';
import { checkDepositPayment, reverseDepositPayment } from './deposit';
import { emit, startEmission } from './emit';
import { type LeaseEvent, reversalReasonSchema } from './events';
import { allocationsOf, paymentOf } from './ledger';
import { isLive, type Lease, leaseStatusOn, leaseToday } from './state';

const TENANT_METHODS: readonly string[] = ['card', 'ach'];
const REVERSAL_REASONS: readonly string[] = reversalReasonSchema.options;
const MAX_MONTHS_OF_RENT = 12;

function checkAmount(lease: Lease, amountCents: number, today: string): void {
  const max = MAX_MONTHS_OF_RENT * lease.monthlyRentCents;
  if (amountCents > max) {
    throw new DomainError(
      'amount_too_large',
      `This payment is more than 12 months of rent (${formatUsd(max)}). Enter a smaller amount.`,
      'amountCents',
    );
  }
  const status = leaseStatusOn(lease, today);
  if (isLive(status)) return;
  const state =
    status === 'terminated' ? `was terminated effective ${lease.terminatedOn}` : `ended on ${lease.endDate}`;
  if (lease.balanceCents <= 0) {
    throw new DomainError(
      'lease_not_active',
      `This lease ${state} and nothing is owed on it, so it takes no payments.`,
    );
  }
  // Over the balance of an inactive lease reuses amount_too_large: the fix is the same (pay less).
  if (amountCents > lease.balanceCents) {
    throw new DomainError(
      'amount_too_large',
      `This lease ${state}; it only accepts up to the ${formatUsd(lease.balanceCents)} still owed. Enter that amount or less.`,
      'amountCents',
    );
  }
}

function checkDateAndMethod(command: LeaseCommandOf<'ReceivePayment'>, paymentDate: string, today: string) {
  if (paymentDate > today) {
    throw new DomainError(
      'invalid_payment_date',
      `A payment cannot be dated in the future (today is ${today}).`,
      'paymentDate',
    );
  }
  if (command.actorRole !== 'tenant') return;
  if (!TENANT_METHODS.includes(command.method)) {
    throw new DomainError(
      'method_not_allowed',
      'Tenants can pay by card or bank transfer (ACH) only.',
      'method',
    );
  }
  if (paymentDate !== today) {
    throw new DomainError(
      'invalid_payment_date',
      `Tenants can only make a payment dated today (${today}).`,
      'paymentDate',
    );
  }
}

export function receivePayment(
  command: LeaseCommandOf<'ReceivePayment'>,
  lease: Lease,
  now: Date,
): LeaseEvent[] {
  const today = leaseToday(lease, now);
  const paymentDate =
    command.paymentDate === undefined ? today : requireDate(command.paymentDate, 'paymentDate');
  const amountCents = requireCents(command.amountCents, {
    code: 'invalid_amount',
    field: 'amountCents',
    message: 'Enter a payment amount greater than zero, in whole cents.',
  });
  if (paymentOf(lease, command.paymentId) || depositPaymentOf(lease, command.paymentId)) {
    throw new DomainError('payment_already_recorded', 'This payment has already been recorded.', 'paymentId');
  }
  checkDateAndMethod(command, paymentDate, today);
  const purpose = command.purpose ?? 'rent';
  const data = {
    paymentId: command.paymentId,
    amountCents,
    currency: 'USD' as const,
    paymentDate,
    method: command.method,
    ...(command.reference === undefined ? {} : { reference: command.reference }),
    purpose,
  };
  if (purpose === 'deposit') {
    // Held apart: no allocations, no completed month, the balance does not move.
    checkDepositPayment(lease, amountCents, today);
    return [{ type: 'PaymentReceived', data }];
  }
  checkAmount(lease, amountCents, today);
  // emit records on the event the allocations the ledger gives it, so auditors see what it paid.
  return emit(startEmission(lease), { type: 'PaymentReceived', data }).events;
}

/** A payment towards the deposit with this id (they are not in `payments`). */
const depositPaymentOf = (lease: Lease, paymentId: string) =>
  (lease.depositPayments ?? []).find((payment) => payment.paymentId === paymentId);

/**
 * Undoes a payment's allocations; a reversal for NSF also posts the lease's NSF fee (when above 0)
 * in the same decision, so the fee never exists without its reversal nor the other way round.
 */
export function reversePayment(
  command: LeaseCommandOf<'ReversePayment'>,
  lease: Lease,
  ctx: Ctx,
): LeaseEvent[] {
  if (!REVERSAL_REASONS.includes(command.reason)) {
    throw new DomainError('invalid_input', 'A reversal reason is NSF, chargeback or error.', 'reason');
  }
  const deposit = depositPaymentOf(lease, command.paymentId);
  if (deposit) return reverseDepositPayment(command, lease, deposit);
  const payment = paymentOf(lease, command.paymentId);
  if (!payment) {
    throw new DomainError('payment_not_found', 'There is no such payment on this lease.', 'paymentId');
  }
  if (payment.reversed) {
    throw new DomainError(
      'payment_already_reversed',
      `This payment was already reversed (${payment.reversal?.reason ?? 'reversed'}); a payment can be reversed only once.`,
      'paymentId',
    );
  }
  const reversed = emit(startEmission(lease), {
    type: 'PaymentReversed',
    data: {
      paymentId: payment.paymentId,
      reason: command.reason,
      amountCents: payment.amountCents,
      allocations: allocationsOf(payment),
    },
  });
  const fee = command.reason === 'NSF' ? nsfFeeFor(lease, payment, ctx) : null;
  return (fee ? emit(reversed, fee) : reversed).events;
}
