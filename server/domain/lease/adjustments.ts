// Deciding a manager's adjustments: one-off charges, waivers, credits and recurring charges.
// Each is an event of its own (nothing is edited in place); amounts follow the payment limit
// (at most 12 months of rent), a recurring charge at most one month's rent. Dates are the lease's
// today (its property's local date).
import type { Ctx } from '../shared/ctx';
import { formatPeriod, periodOf } from '../shared/dates';
import { DomainError } from '../shared/errors';
import { formatUsd } from '../shared/money';
import { requireCents, requireDate, requireText } from '../shared/validate';
import type { LeaseCommandOf } from './commands';
import { emit, startEmission } from './emit';
import type { LeaseEvent } from './events';
import { lastBilledDay } from './schedule';
import {
  isLive,
  type Lease,
  type LedgerItem,
  leaseStatusOn,
  leaseToday,
  type RecurringCharge,
} from './state';

const MAX_MONTHS_OF_RENT = 12;

function requireAmount(lease: Lease, value: unknown, { months, what }: { months: number; what: string }) {
  const amountCents = requireCents(value, {
    code: 'invalid_amount',
    field: 'amountCents',
    message: `Enter ${what} greater than zero, in whole cents.`,
  });
  const max = months * lease.monthlyRentCents;
  if (amountCents > max) {
    const limit = months === 1 ? 'one month of rent' : `${months} months of rent`;
    throw new DomainError(
      'amount_too_large',
      `${what.charAt(0).toUpperCase()}${what.slice(1)} can be at most ${limit} (${formatUsd(max)}). Enter a smaller amount.`,
      'amountCents',
    );
  }
  return amountCents;
}

const requireDescription = (value: unknown, field: string, message: string) =>
  requireText(value, { code: 'invalid_input', field, message });

const chargeOf = (lease: Lease, chargeId: string): LedgerItem | undefined =>
  lease.charges.find((item) => item.chargeId === chargeId);

const recurringOf = (lease: Lease): RecurringCharge[] => lease.recurring ?? [];

/** A one-off charge on any lease, live or not (damage found at move-out is charged after the end). */
export function postCharge(command: LeaseCommandOf<'PostCharge'>, lease: Lease, now: Date): LeaseEvent[] {
  const dueDate = requireDate(command.dueDate, 'dueDate');
  const description = requireDescription(command.description, 'description', 'Describe the charge.');
  const amountCents = requireAmount(lease, command.amountCents, {
    months: MAX_MONTHS_OF_RENT,
    what: 'a charge',
  });
  if (dueDate < lease.startDate) {
    throw new DomainError(
      'invalid_due_date',
      `A charge cannot be due before the lease starts (${lease.startDate}).`,
      'dueDate',
    );
  }
  if (chargeOf(lease, command.chargeId)) {
    throw new DomainError('charge_already_posted', 'This charge has already been posted.', 'chargeId');
  }
  return emit(startEmission(lease), {
    type: 'ChargePosted',
    data: {
      chargeId: command.chargeId,
      kind: command.kind,
      description,
      amountCents,
      dueDate,
      period: periodOf(dueDate),
      postedAsOf: leaseToday(lease, now),
    },
  }).events;
}

/**
 * Waives an open item other than rent (a late fee, a posted charge, an NSF fee, a recurring
 * charge): its unpaid part is no longer owed and what was paid of it becomes credit.
 */
export function waiveCharge(command: LeaseCommandOf<'WaiveCharge'>, lease: Lease, now: Date): LeaseEvent[] {
  const reason = requireDescription(command.reason, 'reason', 'Give a reason for the waiver.');
  const item = chargeOf(lease, command.chargeId);
  if (!item) throw new DomainError('charge_not_found', 'There is no such charge on this lease.', 'chargeId');
  if (item.kind === 'rent') {
    throw new DomainError(
      'charge_not_waivable',
      'Rent is not waived; grant a credit instead, so the rent charged stays on record.',
      'chargeId',
    );
  }
  if (item.waived) {
    throw new DomainError(
      'charge_already_waived',
      `This charge was already waived on ${item.waived.on} (${item.waived.reason}).`,
      'chargeId',
    );
  }
  if (item.paidCents >= item.amountCents) {
    throw new DomainError(
      'charge_not_open',
      'This charge is paid in full, so there is nothing open to waive; grant a credit to give money back.',
      'chargeId',
    );
  }
  return emit(startEmission(lease), {
    type: 'ChargeWaived',
    data: {
      chargeId: item.chargeId,
      reason,
      waivedOn: leaseToday(lease, now),
      amountCents: item.amountCents,
      paidCents: item.paidCents,
    },
  }).events;
}

/** A concession: it lowers the balance and pays open items in the usual order (rent first). */
export function grantCredit(command: LeaseCommandOf<'GrantCredit'>, lease: Lease, now: Date): LeaseEvent[] {
  const reason = requireDescription(command.reason, 'reason', 'Give a reason for the credit.');
  const amountCents = requireAmount(lease, command.amountCents, {
    months: MAX_MONTHS_OF_RENT,
    what: 'a credit',
  });
  if ((lease.credits ?? []).some((credit) => credit.creditId === command.creditId)) {
    throw new DomainError('credit_already_granted', 'This credit has already been granted.', 'creditId');
  }
  return emit(startEmission(lease), {
    type: 'CreditGranted',
    data: { creditId: command.creditId, amountCents, reason, grantedOn: leaseToday(lease, now) },
  }).events;
}

/** A recurring charge on a live lease, for periods the lease bills. */
export function addRecurringCharge(
  command: LeaseCommandOf<'AddRecurringCharge'>,
  lease: Lease,
  now: Date,
): LeaseEvent[] {
  const status = leaseStatusOn(lease, leaseToday(lease, now));
  if (!isLive(status)) {
    throw new DomainError(
      'lease_not_active',
      `This lease is ${status} and is no longer billed, so it takes no recurring charge.`,
    );
  }
  const description = requireDescription(
    command.description,
    'description',
    'Describe the recurring charge.',
  );
  const amountCents = requireAmount(lease, command.amountCents, { months: 1, what: 'a recurring charge' });
  const first = periodOf(lease.startDate);
  const last = periodOf(lastBilledDay(lease));
  const { fromPeriod, toPeriod } = command;
  if (fromPeriod < first || fromPeriod > last) {
    throw new DomainError(
      'invalid_recurring_period',
      `The first month must be one the lease bills: ${formatPeriod(first)} to ${formatPeriod(last)}.`,
      'fromPeriod',
    );
  }
  if (toPeriod !== undefined && toPeriod < fromPeriod) {
    throw new DomainError(
      'invalid_recurring_period',
      'The last month cannot be before the first month.',
      'toPeriod',
    );
  }
  if (recurringOf(lease).some((charge) => charge.recurringId === command.recurringId)) {
    throw new DomainError(
      'recurring_charge_already_exists',
      'This recurring charge has already been added.',
      'recurringId',
    );
  }
  const data = {
    recurringId: command.recurringId,
    description,
    amountCents,
    fromPeriod,
    ...(toPeriod === undefined ? {} : { toPeriod }),
  };
  return [{ type: 'RecurringChargeAdded', data }];
}

/** Stops a recurring charge: no period not yet billed is charged for it; what is posted stays. */
export function removeRecurringCharge(
  command: LeaseCommandOf<'RemoveRecurringCharge'>,
  lease: Lease,
  now: Date,
): LeaseEvent[] {
  const charge = recurringOf(lease).find((candidate) => candidate.recurringId === command.recurringId);
  if (!charge) {
    throw new DomainError(
      'recurring_charge_not_found',
      'There is no such recurring charge on this lease.',
      'recurringId',
    );
  }
  if (charge.removedOn !== undefined) {
    throw new DomainError(
      'recurring_charge_already_removed',
      `This recurring charge was already removed on ${charge.removedOn}.`,
      'recurringId',
    );
  }
  return [
    {
      type: 'RecurringChargeRemoved',
      data: {
        recurringId: charge.recurringId,
        description: charge.description,
        removedOn: leaseToday(lease, now),
      },
    },
  ];
}

/** The NSF fee a reversal for NSF posts (none when the lease's fee is 0), dated the reversal's day. */
export function nsfFeeFor(
  lease: Lease,
  payment: { paymentId: string; amountCents: number; paymentDate: string },
  ctx: Ctx,
): LeaseEvent | null {
  const fee = lease.nsfFeeCents ?? 0;
  if (fee <= 0) return null;
  const today = leaseToday(lease, ctx.now);
  return {
    type: 'ChargePosted',
    data: {
      chargeId: ctx.newId(),
      kind: 'nsf_fee',
      description: `Returned payment (NSF): ${formatUsd(payment.amountCents)} of ${payment.paymentDate}`,
      amountCents: fee,
      dueDate: today,
      period: periodOf(today),
      postedAsOf: today,
      paymentId: payment.paymentId,
    },
  };
}
