// The billing run for one lease: every rent charge due on or before `asOf`, and every autopay
// payment and late fee due by the earlier of `asOf` and today, not posted yet, taken in date order
// so each sees the effect of the last. Re-running it finds nothing left to do and returns [].
import { assertNever } from '../shared/assert-never';
import type { Ctx } from '../shared/ctx';
import { addDays, maxDate, minDate } from '../shared/dates';
import { prorate } from '../shared/money';
import { requireDate } from '../shared/validate';
import { type Emission, emit, startEmission } from './emit';
import type { Allocation, LeaseEvent } from './events';
import { periodLineOf } from './ledger';
import { billingSchedule, lastChargedPeriod, rentChargedFor } from './schedule';
import { type Lease, type LedgerItem, leaseToday } from './state';

type Action =
  | { kind: 'rent'; date: string; period: string; amountCents: number; prorated: boolean; seq: number }
  | {
      kind: 'recurring';
      date: string;
      period: string;
      recurringId: string;
      description: string;
      amountCents: number;
      prorated: boolean;
      seq: number;
    }
  | { kind: 'autopay'; date: string; period: string }
  | { kind: 'late_fee'; date: string; period: string; chargeId: string; rentDueDate: string };

/**
 * What one billing item is, stable across runs: kind and period (a renewal top-up is the period's
 * second rent item). The billing run derives its command ids from it.
 */
function dueItemKey(action: Action): string {
  const again = (key: string, seq: number) => (seq > 0 ? `${key}:${seq + 1}` : key);
  if (action.kind === 'rent') return again(`rent:${action.period}`, action.seq);
  if (action.kind === 'recurring')
    return again(`recurring:${action.recurringId}:${action.period}`, action.seq);
  return `${action.kind}:${action.period}`;
}

// On one day: rent first, then recurring charges, then autopay pays them, then fees for unpaid rent.
const RANK = { rent: 0, recurring: 1, autopay: 2, late_fee: 3 } as const;

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
 * Recurring charges, billed with the rent of each period they cover (the schedule's due date) and
 * prorated exactly like it: round(amount x days / daysInMonth), half-up. A removed one bills nothing more.
 */
function recurringActions(lease: Lease, asOf: string): Action[] {
  const active = (lease.recurring ?? []).filter((charge) => charge.removedOn === undefined);
  if (active.length === 0) return [];
  // What is posted per recurring charge and period, in one pass over the items.
  const posted = new Map<string, { cents: number; items: number }>();
  for (const item of lease.charges) {
    if (item.recurringId === undefined) continue;
    const key = `${item.recurringId}:${item.period}`;
    const seen = posted.get(key) ?? { cents: 0, items: 0 };
    posted.set(key, { cents: seen.cents + item.amountCents, items: seen.items + 1 });
  }
  const schedule = billingSchedule(lease).filter((charge) => charge.dueDate <= asOf);
  return active.flatMap((recurring) =>
    schedule.flatMap((charge): Action[] => {
      if (charge.period < recurring.fromPeriod) return [];
      if (recurring.toPeriod !== undefined && charge.period > recurring.toPeriod) return [];
      const owed =
        charge.days === charge.daysInMonth
          ? recurring.amountCents
          : prorate(recurring.amountCents, charge.days, charge.daysInMonth);
      const already = posted.get(`${recurring.recurringId}:${charge.period}`) ?? { cents: 0, items: 0 };
      const missing = owed - already.cents;
      if (missing <= 0) return [];
      return [
        {
          kind: 'recurring',
          date: charge.dueDate,
          period: charge.period,
          recurringId: recurring.recurringId,
          description: recurring.description,
          amountCents: missing,
          prorated: already.items > 0 || charge.prorated,
          seq: already.items,
        },
      ];
    }),
  );
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

/**
 * The latest rent item of each period (a renewal top-up): it sets the late-fee deadline; and the
 * periods already fined (a waived fee still counts: a waiver is not an invitation to fine again).
 */
function latestRentItems(lease: Lease): { latest: Map<string, LedgerItem>; fined: Set<string> } {
  const latest = new Map<string, LedgerItem>();
  const fined = new Set<string>();
  for (const item of lease.charges) {
    if (item.kind === 'late_fee') fined.add(item.period);
    if (item.kind !== 'rent') continue;
    const seen = latest.get(item.period);
    if (!seen || graceStart(item) >= graceStart(seen)) latest.set(item.period, item);
  }
  return { latest, fined };
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
  const { latest: causes, fined } = latestRentItems(lease);
  const candidates: { cause: LedgerItem; graceEnds: string; date: string; chargedCents: number }[] = [];
  for (const line of lease.periods) {
    const cause = causes.get(line.period);
    if (line.chargedCents === 0 || fined.has(line.period) || !cause) continue;
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
    ...recurringActions(lease, asOf),
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
    case 'recurring': {
      const { period, amountCents, prorated, date, recurringId, description } = action;
      return {
        type: 'ChargePosted',
        data: {
          chargeId: ctx.newId(),
          kind: 'recurring',
          description,
          amountCents,
          dueDate: date,
          period,
          postedAsOf: runDay,
          recurringId,
          prorated,
        },
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
          purpose: 'rent',
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
  const limit = (4 + 2 * (lease.recurring ?? []).length) * billingSchedule(lease).length + 3;
  for (let round = 0; round <= limit; round += 1) {
    const action = nextAction(emission.lease, dates);
    if (!action) return emission.events;
    if (item !== undefined && dueItemKey(action) !== item) return emission.events;
    emission = emit(emission, eventFor(action, emission.lease, dates, ctx));
    if (item !== undefined) return emission.events;
  }
  throw new Error(`Billing for lease ${lease.leaseId} did not settle as of ${dates.asOf}`);
}
