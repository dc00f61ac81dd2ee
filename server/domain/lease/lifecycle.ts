// Deciding a lease's life: creation (terms and unit availability), renewal, termination,
// and autopay enrolment. Money movements live in payments.ts and billing.ts.

import type { Ctx } from '../shared/ctx';
import { addDays, formatPeriod, periodOf } from '../shared/dates';
import { DomainError } from '../shared/errors';
import { requireCents, requireDate, requireText } from '../shared/validate';
import type { LeaseCommandOf, UnitLease } from './commands';
import { emit, startEmission } from './emit';
import type { LeaseEvent } from './events';
import { lastChargedPeriod, newTermPeriod, terminationCredit } from './schedule';
import { type Lease, type LeaseState, leaseStatusOn, leaseToday } from './state';

const rentRule = (field: string) => ({
  code: 'invalid_rent' as const,
  field,
  message: 'Enter a monthly rent greater than zero, in whole cents.',
});

function requireInteger(
  value: number,
  min: number,
  max: number,
  code: 'invalid_due_day' | 'invalid_grace_days',
) {
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  const field = code === 'invalid_due_day' ? 'dueDay' : 'graceDays';
  const what = code === 'invalid_due_day' ? 'The due day' : 'Grace days';
  throw new DomainError(code, `${what} must be a whole number from ${min} to ${max}.`, field);
}

/** Both ranges are inclusive; a terminated lease frees the unit after its effective date. */
function overlaps(startDate: string, endDate: string, other: UnitLease): boolean {
  const otherEnd =
    other.terminatedOn !== undefined && other.terminatedOn < other.endDate
      ? other.terminatedOn
      : other.endDate;
  if (otherEnd < other.startDate) return false;
  return startDate <= otherEnd && other.startDate <= endDate;
}

/** DESIGN.md: a unit cannot be leased twice for overlapping dates (at creation and renewal). */
function requireUnitFree(
  leaseId: string,
  startDate: string,
  endDate: string,
  others: readonly UnitLease[],
  { field, advice }: { field: string; advice: string },
): void {
  const clash = others.find((other) => other.leaseId !== leaseId && overlaps(startDate, endDate, other));
  if (!clash) return;
  throw new DomainError(
    'unit_unavailable',
    `This unit is already leased from ${clash.startDate} to ${clash.terminatedOn ?? clash.endDate}. ${advice}`,
    field,
  );
}

export function createLease(command: LeaseCommandOf<'CreateLease'>, state: LeaseState): LeaseEvent[] {
  if (state.status !== 'none') {
    throw new DomainError('lease_already_exists', 'A lease with this id already exists.', 'leaseId');
  }
  const startDate = requireDate(command.startDate, 'startDate');
  const endDate = requireDate(command.endDate, 'endDate');
  if (endDate <= startDate) {
    throw new DomainError('invalid_lease_dates', 'The end date must be after the start date.', 'endDate');
  }
  const monthlyRentCents = requireCents(command.monthlyRentCents, rentRule('monthlyRentCents'));
  const dueDay = requireInteger(command.dueDay, 1, 28, 'invalid_due_day');
  const graceDays = requireInteger(command.graceDays, 0, 60, 'invalid_grace_days');
  const lateFeeCents = requireCents(command.lateFeeCents, {
    code: 'invalid_late_fee',
    field: 'lateFeeCents',
    message: 'Enter a late fee of zero or more, in whole cents.',
    allowZero: true,
  });
  const securityDepositCents = requireCents(command.securityDepositCents, {
    code: 'invalid_deposit',
    field: 'securityDepositCents',
    message: 'Enter a security deposit of zero or more, in whole cents.',
    allowZero: true,
  });
  const nsfFeeCents = requireCents(command.nsfFeeCents ?? 0, {
    code: 'invalid_nsf_fee',
    field: 'nsfFeeCents',
    message: 'Enter an NSF fee of zero or more, in whole cents.',
    allowZero: true,
  });
  requireUnitFree(command.leaseId, startDate, endDate, command.existingLeasesForUnit, {
    field: 'startDate',
    advice: 'Choose other dates or another unit.',
  });
  const { leaseId, tenantId, propertyId, unitId } = command;
  return [
    {
      type: 'LeaseCreated',
      data: {
        leaseId,
        tenantId,
        propertyId,
        unitId,
        startDate,
        endDate,
        monthlyRentCents,
        dueDay,
        graceDays,
        lateFeeCents,
        securityDepositCents,
        nsfFeeCents,
        ...(command.timeZone === undefined ? {} : { timeZone: command.timeZone }),
      },
    },
  ];
}

/**
 * Renewal and termination need a lease not yet terminated nor ended (future or active today);
 * enrolment also takes a lease on notice (it is still billed until its effective date).
 */
function requireOpen(lease: Lease, now: Date, action: string, { onNotice }: { onNotice: boolean }): string {
  const today = leaseToday(lease, now);
  const status = leaseStatusOn(lease, today);
  if (status === 'future' || status === 'active' || (status === 'notice' && onNotice)) return today;
  if (status === 'notice') {
    throw new DomainError(
      'lease_not_active',
      `This lease is on notice (terminated effective ${lease.terminatedOn}), so it cannot ${action}.`,
    );
  }
  if (status === 'terminated') {
    throw new DomainError(
      'lease_not_active',
      `This lease was terminated (effective ${lease.terminatedOn}), so it cannot ${action}.`,
    );
  }
  throw new DomainError('lease_not_active', `This lease ended on ${lease.endDate}, so it cannot ${action}.`);
}

export function renewLease(command: LeaseCommandOf<'RenewLease'>, lease: Lease, now: Date): LeaseEvent[] {
  requireOpen(lease, now, 'be renewed', { onNotice: false });
  const newEndDate = requireDate(command.newEndDate, 'newEndDate');
  if (newEndDate <= lease.endDate) {
    throw new DomainError(
      'invalid_renewal_date',
      `The new end date must be after the current end date (${lease.endDate}).`,
      'newEndDate',
    );
  }
  const monthlyRentCents = requireCents(command.monthlyRentCents, rentRule('monthlyRentCents'));
  // Only the added days can clash: the current term was checked when it was signed.
  requireUnitFree(lease.leaseId, addDays(lease.endDate, 1), newEndDate, command.existingLeasesForUnit, {
    field: 'newEndDate',
    advice: 'Choose an end date before that lease starts.',
  });
  const data = {
    previousEndDate: lease.endDate,
    newEndDate,
    monthlyRentCents,
    effectivePeriod: newTermPeriod(lease),
  };
  return [{ type: 'LeaseRenewed', data }];
}

export function terminateLease(
  command: LeaseCommandOf<'TerminateLease'>,
  lease: Lease,
  ctx: Ctx,
): LeaseEvent[] {
  requireOpen(lease, ctx.now, 'be terminated', { onNotice: false });
  const effectiveDate = requireDate(command.effectiveDate, 'effectiveDate');
  const reason = requireText(command.reason, {
    code: 'invalid_input',
    field: 'reason',
    message: 'Give a reason for the termination.',
  });
  if (effectiveDate > lease.endDate) {
    throw new DomainError(
      'invalid_termination_date',
      `The effective date must be on or before the lease end date (${lease.endDate}); renew the lease to extend it.`,
      'effectiveDate',
    );
  }
  // Rent already posted for a later month would contradict "no charge after the effective date".
  const charged = lastChargedPeriod(lease);
  if (charged !== null && periodOf(effectiveDate) < charged) {
    throw new DomainError(
      'invalid_termination_date',
      `Rent is already charged for ${formatPeriod(charged)}; choose an effective date in ${formatPeriod(charged)} or later.`,
      'effectiveDate',
    );
  }
  const termination: LeaseEvent = { type: 'LeaseTerminated', data: { effectiveDate, reason } };
  // A month already charged past the effective date gives the unused days back, caused by it.
  const credit = terminationCredit(lease, effectiveDate);
  if (credit.amountCents <= 0) return [termination];
  const days = credit.days === 1 ? '1 day' : `${credit.days} days`;
  const granted: LeaseEvent = {
    type: 'CreditGranted',
    data: {
      creditId: ctx.newId(),
      amountCents: credit.amountCents,
      reason: `Termination effective ${effectiveDate}: ${days} of ${formatPeriod(credit.period)} after it, charged already.`,
    },
  };
  // emit folds both, so the credit's settling reports the periods it completes.
  return emit(emit(startEmission(lease), termination), granted).events;
}

export function enrolAutopay(command: LeaseCommandOf<'EnrolAutopay'>, lease: Lease, now: Date): LeaseEvent[] {
  const today = requireOpen(lease, now, 'take autopay', { onNotice: true });
  if (command.method !== 'card' && command.method !== 'ach') {
    throw new DomainError(
      'method_not_allowed',
      'Autopay can use a card or bank transfer (ACH) only.',
      'method',
    );
  }
  const { capCents } = command;
  if (capCents !== undefined) {
    requireCents(capCents, {
      code: 'invalid_autopay_cap',
      field: 'capCents',
      message: 'An autopay limit must be greater than zero, in whole cents (or leave it empty).',
    });
  }
  const { autopay } = lease;
  // Enrolling again with the same settings changes nothing: no event.
  if (autopay.enabled && autopay.method === command.method && autopay.capCents === capCents) return [];
  const data = { method: command.method, ...(capCents === undefined ? {} : { capCents }), enrolledOn: today };
  return [{ type: 'AutopayEnrolled', data }];
}

export function cancelAutopay(lease: Lease, now: Date): LeaseEvent[] {
  if (!lease.autopay.enabled) {
    throw new DomainError(
      'autopay_not_enrolled',
      'Autopay is not on for this lease, so there is nothing to cancel.',
    );
  }
  return [{ type: 'AutopayCancelled', data: { cancelledOn: leaseToday(lease, now) } }];
}
