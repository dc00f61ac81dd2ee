// The billing run for one lease: every rent charge, autopay payment and late fee due on or
// before `asOf` and not posted yet, taken in date order so each sees the effect of the last.
// Re-running it as of the same date finds nothing left to do and returns [] (idempotent).
import { assertNever } from '../shared/assert-never';
import type { Ctx } from '../shared/ctx';
import { addDays } from '../shared/dates';
import { requireDate } from '../shared/validate';
import { type Emission, emit, startEmission } from './emit';
import type { LeaseEvent } from './events';
import { rentPaidBy } from './ledger';
import { paymentEvent } from './payments';
import { billingSchedule, lastChargedPeriod, rentChargedFor } from './schedule';
import type { Lease } from './state';

type Action =
  | { kind: 'rent'; date: string; period: string; amountCents: number; prorated: boolean }
  | { kind: 'autopay'; date: string; period: string }
  | { kind: 'late_fee'; date: string; period: string; chargeId: string; rentDueDate: string };

// On one day: charge first, then autopay pays it, then fees for what is still unpaid.
const RANK = { rent: 0, autopay: 1, late_fee: 2 } as const;

function rentActions(lease: Lease, asOf: string): Action[] {
  return billingSchedule(lease).flatMap((charge): Action[] => {
    const charged = rentChargedFor(lease, charge.period);
    const missing = charge.amountCents - charged;
    if (charge.dueDate > asOf || missing <= 0) return [];
    // A charged period owes more only when a renewal extended a prorated last month:
    // the top-up is itself a partial month.
    const prorated = charged > 0 || charge.prorated;
    return [{ kind: 'rent', date: charge.dueDate, period: charge.period, amountCents: missing, prorated }];
  });
}

/** Autopay pays the period last charged, once, if it fell due after enrolment. */
function autopayActions(lease: Lease, asOf: string): Action[] {
  const period = lastChargedPeriod(lease);
  if (!lease.autopay.enabled || lease.balanceCents <= 0 || period === null) return [];
  const dueDate = lease.periods.find((line) => line.period === period)?.dueDate;
  if (lease.autopayPeriods.includes(period) || dueDate === undefined) return [];
  if (dueDate < lease.autopay.enrolledOn || dueDate > asOf) return [];
  return [{ kind: 'autopay', date: dueDate, period }];
}

/** A fee once per period whose rent was not fully paid at the end of due date + grace days. */
function lateFeeActions(lease: Lease, asOf: string): Action[] {
  if (lease.lateFeeCents <= 0) return [];
  return lease.periods.flatMap((line): Action[] => {
    if (line.chargedCents === 0 || line.lateFeeCents > 0) return [];
    const rents = lease.charges.filter((item) => item.kind === 'rent' && item.period === line.period);
    // The latest rent item of the period (a renewal top-up) sets the deadline.
    const cause = rents.reduce((latest, item) => (item.dueDate >= latest.dueDate ? item : latest));
    const graceEnds = addDays(cause.dueDate, lease.graceDays);
    const date = addDays(graceEnds, 1);
    if (date > asOf || rentPaidBy(lease, line.period, graceEnds) >= line.chargedCents) return [];
    return [
      { kind: 'late_fee', date, period: line.period, chargeId: cause.chargeId, rentDueDate: cause.dueDate },
    ];
  });
}

function nextAction(lease: Lease, asOf: string): Action | undefined {
  const actions = [
    ...rentActions(lease, asOf),
    ...autopayActions(lease, asOf),
    ...lateFeeActions(lease, asOf),
  ];
  const order = (a: Action, b: Action) =>
    a.date.localeCompare(b.date) || RANK[a.kind] - RANK[b.kind] || a.period.localeCompare(b.period);
  return actions.sort(order)[0];
}

function eventFor(action: Action, lease: Lease, asOf: string, ctx: Ctx): LeaseEvent {
  switch (action.kind) {
    case 'rent': {
      const { period, amountCents, prorated, date } = action;
      return {
        type: 'RentCharged',
        data: { chargeId: ctx.newId(), period, amountCents, dueDate: date, prorated },
      };
    }
    case 'autopay': {
      const { autopay } = lease;
      if (!autopay.enabled) throw new Error('An autopay action needs an enrolment');
      return paymentEvent(lease, {
        paymentId: ctx.newId(),
        amountCents: Math.min(lease.balanceCents, autopay.capCents ?? lease.balanceCents),
        currency: 'USD',
        paymentDate: action.date,
        method: autopay.method,
        autopayPeriod: action.period,
      });
    }
    case 'late_fee':
      return {
        type: 'LateFeeAssessed',
        data: {
          lateFeeId: ctx.newId(),
          period: action.period,
          amountCents: lease.lateFeeCents,
          dueDate: action.date,
          chargeId: action.chargeId,
          rule: { rentDueDate: action.rentDueDate, graceDays: lease.graceDays, assessedAsOf: asOf },
        },
      };
    default:
      return assertNever(action);
  }
}

export function postDueItems(asOfInput: string, lease: Lease, ctx: Ctx): LeaseEvent[] {
  const asOf = requireDate(asOfInput, 'asOf');
  let emission: Emission = startEmission(lease);
  // Each action posts something that removes it from the next round; the bound only
  // turns a bug into an error instead of a hung billing run.
  const limit = 4 * billingSchedule(lease).length + 3;
  for (let round = 0; round <= limit; round += 1) {
    const action = nextAction(emission.lease, asOf);
    if (!action) return emission.events;
    emission = emit(emission, eventFor(action, emission.lease, asOf, ctx));
  }
  throw new Error(`Billing for lease ${lease.leaseId} did not settle as of ${asOf}`);
}
