// The billing run for one lease: every rent charge, autopay payment and late fee due on or
// before `asOf` and not posted yet, taken in date order so each sees the effect of the last.
// Re-running it as of the same date finds nothing left to do and returns [] (idempotent).
import { assertNever } from '../shared/assert-never';
import type { Ctx } from '../shared/ctx';
import { addDays } from '../shared/dates';
import { requireDate } from '../shared/validate';
import { type Emission, emit, startEmission } from './emit';
import type { LeaseEvent } from './events';
import { periodLineOf } from './ledger';
import { billingSchedule, lastChargedPeriod, rentChargedFor } from './schedule';
import type { Lease, LedgerItem } from './state';

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
  const dueDate = periodLineOf(lease, period)?.dueDate;
  if (lease.autopayPeriods.includes(period) || dueDate === undefined) return [];
  if (dueDate < lease.autopay.enrolledOn || dueDate > asOf) return [];
  return [{ kind: 'autopay', date: dueDate, period }];
}

/** The latest rent item of each period (a renewal top-up): it sets the late-fee deadline. */
function latestRentItems(lease: Lease): Map<string, LedgerItem> {
  const latest = new Map<string, LedgerItem>();
  for (const item of lease.charges) {
    if (item.kind !== 'rent') continue;
    const seen = latest.get(item.period);
    if (!seen || item.dueDate >= seen.dueDate) latest.set(item.period, item);
  }
  return latest;
}

/** Rent of each period paid by standing payments dated on or before that period's deadline. */
function rentPaidByDeadline(lease: Lease, deadlines: Map<string, string>): Map<string, number> {
  const paid = new Map<string, number>();
  for (const payment of lease.payments) {
    if (payment.reversed) continue;
    for (const allocation of payment.allocations) {
      const deadline = deadlines.get(allocation.period);
      if (allocation.kind !== 'rent' || deadline === undefined || payment.paymentDate > deadline) continue;
      paid.set(allocation.period, (paid.get(allocation.period) ?? 0) + allocation.amountCents);
    }
  }
  return paid;
}

/** A fee once per period whose rent was not fully paid at the end of due date + grace days. */
function lateFeeActions(lease: Lease, asOf: string): Action[] {
  if (lease.lateFeeCents <= 0) return [];
  // One pass over the items and one over the allocations, whatever the number of periods.
  const causes = latestRentItems(lease);
  const candidates: { cause: LedgerItem; graceEnds: string; date: string; chargedCents: number }[] = [];
  for (const line of lease.periods) {
    const cause = causes.get(line.period);
    if (line.chargedCents === 0 || line.lateFeeCents > 0 || !cause) continue;
    const graceEnds = addDays(cause.dueDate, lease.graceDays);
    const date = addDays(graceEnds, 1);
    if (date <= asOf) candidates.push({ cause, graceEnds, date, chargedCents: line.chargedCents });
  }
  if (candidates.length === 0) return [];
  const paid = rentPaidByDeadline(
    lease,
    new Map(candidates.map(({ cause, graceEnds }) => [cause.period, graceEnds])),
  );
  return candidates.flatMap(({ cause, date, chargedCents }): Action[] =>
    (paid.get(cause.period) ?? 0) >= chargedCents
      ? []
      : [
          {
            kind: 'late_fee',
            date,
            period: cause.period,
            chargeId: cause.chargeId,
            rentDueDate: cause.dueDate,
          },
        ],
  );
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
      // emit adds the allocations once it has folded the payment.
      return {
        type: 'PaymentReceived',
        data: {
          paymentId: ctx.newId(),
          amountCents: Math.min(lease.balanceCents, autopay.capCents ?? lease.balanceCents),
          currency: 'USD',
          paymentDate: action.date,
          method: autopay.method,
          autopayPeriod: action.period,
        },
      };
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
