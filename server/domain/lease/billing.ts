// The billing run for one lease: every rent charge due on or before `asOf`, and every autopay
// payment and late fee due by the earlier of `asOf` and today, not posted yet, taken in date order
// so each sees the effect of the last. Re-running it finds nothing left to do and returns [].
import { assertNever } from '../shared/assert-never';
import type { Ctx } from '../shared/ctx';
import { addDays, maxDate, minDate } from '../shared/dates';
import { requireDate } from '../shared/validate';
import { type Emission, emit, startEmission } from './emit';
import type { Allocation, LeaseEvent } from './events';
import { periodLineOf } from './ledger';
import { billingSchedule, lastChargedPeriod, rentChargedFor } from './schedule';
import { type Lease, type LedgerItem, leaseToday } from './state';

type Action =
  | { kind: 'rent'; date: string; period: string; amountCents: number; prorated: boolean; seq: number }
  | { kind: 'autopay'; date: string; period: string }
  | { kind: 'late_fee'; date: string; period: string; chargeId: string; rentDueDate: string };

/**
 * What one billing item is, stable across runs: kind and period (a renewal top-up is the period's
 * second rent item). The billing run derives its command ids from it.
 */
const dueItemKey = (action: Action): string =>
  action.kind === 'rent' && action.seq > 0
    ? `rent:${action.period}:${action.seq + 1}`
    : `${action.kind}:${action.period}`;

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
    const seq = lease.charges.filter((item) => item.kind === 'rent' && item.period === charge.period).length;
    return [
      { kind: 'rent', date: charge.dueDate, period: charge.period, amountCents: missing, prorated, seq },
    ];
  });
}

/**
 * Autopay pays the period last charged, once, if it fell due after enrolment and by `runDay`:
 * taken on the day of the run (`runDay`), and dated that day, whatever the period's due date.
 */
function autopayActions(lease: Lease, runDay: string): Action[] {
  const period = lastChargedPeriod(lease);
  if (!lease.autopay.enabled || lease.balanceCents <= 0 || period === null) return [];
  const dueDate = periodLineOf(lease, period)?.dueDate;
  if (lease.autopayPeriods.includes(period) || dueDate === undefined) return [];
  if (dueDate < lease.autopay.enrolledOn || dueDate > runDay) return [];
  return [{ kind: 'autopay', date: runDay, period }];
}

/** Grace starts at the later of the due date and the date the charge was posted. */
const graceStart = (item: LedgerItem): string => maxDate(item.dueDate, item.postedAsOf ?? item.dueDate);

/** The latest rent item of each period (a renewal top-up): it sets the late-fee deadline. */
function latestRentItems(lease: Lease): Map<string, LedgerItem> {
  const latest = new Map<string, LedgerItem>();
  for (const item of lease.charges) {
    if (item.kind !== 'rent') continue;
    const seen = latest.get(item.period);
    if (!seen || graceStart(item) >= graceStart(seen)) latest.set(item.period, item);
  }
  return latest;
}

/**
 * Rent of each period paid by standing payments dated on or before that period's deadline, and by
 * granted credits whenever granted (a credit lowers what the rent asks, it is not a late payment).
 */
function rentPaidByDeadline(lease: Lease, deadlines: Map<string, string>): Map<string, number> {
  const paid = new Map<string, number>();
  const add = (allocation: Allocation) => {
    if (allocation.kind !== 'rent' || !deadlines.has(allocation.period)) return;
    paid.set(allocation.period, (paid.get(allocation.period) ?? 0) + allocation.amountCents);
  };
  for (const payment of lease.payments) {
    if (payment.reversed) continue;
    for (const allocation of payment.allocations) {
      const deadline = deadlines.get(allocation.period);
      if (deadline !== undefined && payment.paymentDate <= deadline) add(allocation);
    }
  }
  for (const credit of lease.credits ?? []) credit.allocations.forEach(add);
  return paid;
}

/**
 * A fee once per period whose rent was not fully paid at the end of its grace period: grace days
 * after the later of the due date and the date the charge was posted. Assessed up to `feeDay`.
 */
function lateFeeActions(lease: Lease, feeDay: string): Action[] {
  if (lease.lateFeeCents <= 0) return [];
  // One pass over the items and one over the allocations, whatever the number of periods.
  const causes = latestRentItems(lease);
  const candidates: { cause: LedgerItem; graceEnds: string; date: string; chargedCents: number }[] = [];
  for (const line of lease.periods) {
    const cause = causes.get(line.period);
    if (line.chargedCents === 0 || line.lateFeeCents > 0 || !cause) continue;
    const graceEnds = addDays(graceStart(cause), lease.graceDays);
    const date = addDays(graceEnds, 1);
    if (date <= feeDay) candidates.push({ cause, graceEnds, date, chargedCents: line.chargedCents });
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

/**
 * The run's dates: charges are posted up to `asOf`; payments and fees only up to the lease's today
 * (its property's local date), so a run made while it is already tomorrow in UTC fines nobody early.
 */
type RunDates = { asOf: string; runDay: string };

function runDates(asOfInput: string, lease: Lease, now: Date): RunDates {
  const asOf = requireDate(asOfInput, 'asOf');
  return { asOf, runDay: minDate(asOf, leaseToday(lease, now)) };
}

function nextAction(lease: Lease, { asOf, runDay }: RunDates): Action | undefined {
  const actions = [
    ...rentActions(lease, asOf),
    ...autopayActions(lease, runDay),
    ...lateFeeActions(lease, runDay),
  ];
  const order = (a: Action, b: Action) =>
    a.date.localeCompare(b.date) || RANK[a.kind] - RANK[b.kind] || a.period.localeCompare(b.period);
  return actions.sort(order)[0];
}

function eventFor(action: Action, lease: Lease, { runDay }: RunDates, ctx: Ctx): LeaseEvent {
  switch (action.kind) {
    case 'rent': {
      const { period, amountCents, prorated, date } = action;
      // Posted as of the run's date (today for a run ahead of the clock: rent shown early). Only a
      // charge posted after its due date records it; without it, it counts as posted on the due date.
      const late = runDay > date ? { postedAsOf: runDay } : {};
      return {
        type: 'RentCharged',
        data: { chargeId: ctx.newId(), period, amountCents, dueDate: date, prorated, ...late },
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
          rule: { rentDueDate: action.rentDueDate, graceDays: lease.graceDays, assessedAsOf: runDay },
        },
      };
    default:
      return assertNever(action);
  }
}

/** The key of the first item a run as of `asOf` would post at `now`, or null when nothing is due. */
export function nextDueItem(asOf: string, lease: Lease, now: Date): string | null {
  const action = nextAction(lease, runDates(asOf, lease, now));
  return action ? dueItemKey(action) : null;
}

/**
 * Posts what is due as of `asOf`: everything, or with `item` only that item (and the completion it
 * causes) when it is the next one due, else nothing.
 */
export function postDueItems(asOfInput: string, lease: Lease, ctx: Ctx, item?: string): LeaseEvent[] {
  const dates = runDates(asOfInput, lease, ctx.now);
  let emission: Emission = startEmission(lease);
  // Each action posts something that removes it from the next round; the bound only
  // turns a bug into an error instead of a hung billing run.
  const limit = 4 * billingSchedule(lease).length + 3;
  for (let round = 0; round <= limit; round += 1) {
    const action = nextAction(emission.lease, dates);
    if (!action) return emission.events;
    if (item !== undefined && dueItemKey(action) !== item) return emission.events;
    emission = emit(emission, eventFor(action, emission.lease, dates, ctx));
    if (item !== undefined) return emission.events;
  }
  throw new Error(`Billing for lease ${lease.leaseId} did not settle as of ${dates.asOf}`);
}
