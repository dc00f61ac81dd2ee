// The billing calendar: which periods a lease charges, when each is due and how much.
// DESIGN.md: the first period is due on the start date, later ones on the due day; partial
// first/last months are prorated by actual days, both ends counted, half-up to the cent.
import {
  addDays,
  dayInPeriod,
  daysInclusive,
  daysInPeriod,
  firstDayOf,
  lastDayOf,
  maxDate,
  minDate,
  nextPeriod,
  periodOf,
} from '../shared/dates';
import { prorate } from '../shared/money';
import { periodLineOf } from './ledger';
import type { Lease } from './state';

export type ScheduledCharge = {
  period: string;
  dueDate: string;
  /** The rent owed for the period under the lease's current terms. */
  amountCents: number;
  prorated: boolean;
  days: number;
  daysInMonth: number;
};

/** The last day billed: the end date, or the termination's effective date if earlier. */
export function lastBilledDay(lease: Lease): string {
  return lease.terminatedOn === undefined ? lease.endDate : minDate(lease.endDate, lease.terminatedOn);
}

/** The rent for a period: the latest renewal effective by then, else the initial rent. */
function rentForPeriod(lease: Lease, period: string): number {
  let rent = lease.initialRentCents;
  for (const renewal of lease.renewals) {
    if (renewal.effectivePeriod <= period) rent = renewal.monthlyRentCents;
  }
  return rent;
}

/**
 * Every period the lease bills, with its due date and amount. A due day that falls after
 * the last billed day is pulled back to that day, so billing never runs past the lease.
 */
export function billingSchedule(lease: Lease): ScheduledCharge[] {
  const last = lastBilledDay(lease);
  const schedule: ScheduledCharge[] = [];
  if (last < lease.startDate) return schedule;
  const firstPeriod = periodOf(lease.startDate);
  for (let period = firstPeriod; period <= periodOf(last); period = nextPeriod(period)) {
    const days = daysInclusive(
      maxDate(lease.startDate, firstDayOf(period)),
      minDate(last, lastDayOf(period)),
    );
    const daysInMonth = daysInPeriod(period);
    const rent = rentForPeriod(lease, period);
    schedule.push({
      period,
      dueDate: period === firstPeriod ? lease.startDate : minDate(dayInPeriod(period, lease.dueDay), last),
      amountCents: days === daysInMonth ? rent : prorate(rent, days, daysInMonth),
      prorated: days < daysInMonth,
      days,
      daysInMonth,
    });
  }
  return schedule;
}

/** Rent already charged for a period (a renewal top-up can make it two items): its line's sum. */
export function rentChargedFor(lease: Lease, period: string): number {
  return periodLineOf(lease, period)?.chargedCents ?? 0;
}

/** The latest period with a rent charge, or null before the first charge. */
export function lastChargedPeriod(lease: Lease): string | null {
  // Lines are in period order and a line charges rent exactly when a rent item is in it.
  const line = lease.periods.findLast((candidate) => candidate.chargedCents > 0);
  return line?.period ?? null;
}

/**
 * Where a renewal's rent takes effect: the new term's first period, the one after the period of
 * the current end date (DESIGN.md: never earlier). A month the old term only partly covers keeps
 * the old rent; its top-up is charged at it.
 */
export function newTermPeriod(lease: Lease): string {
  return nextPeriod(periodOf(lease.endDate));
}

/**
 * What a termination effective on `effectiveDate` gives back for its month (DESIGN.md): when that
 * month's rent is already charged in full, `round(rent x days charged after the effective date /
 * days in month)`, half-up; when only part of it is (a renewal's top-up not posted yet), what was
 * charged beyond the month's new, shorter amount. 0 when nothing after the effective date is charged.
 */
export function terminationCredit(
  lease: Lease,
  effectiveDate: string,
): { period: string; days: number; amountCents: number } {
  const period = periodOf(effectiveDate);
  const none = { period, days: 0, amountCents: 0 };
  const charged = rentChargedFor(lease, period);
  const before = billingSchedule(lease).find((charge) => charge.period === period);
  if (charged === 0 || !before) return none;
  const from = maxDate(addDays(effectiveDate, 1), lease.startDate);
  const to = minDate(lastBilledDay(lease), lastDayOf(period));
  const days = from > to ? 0 : daysInclusive(from, to);
  if (days === 0) return none;
  if (charged >= before.amountCents) {
    return { period, days, amountCents: prorate(rentForPeriod(lease, period), days, before.daysInMonth) };
  }
  const after = billingSchedule({ ...lease, terminatedOn: effectiveDate }).find(
    (charge) => charge.period === period,
  );
  return { period, days, amountCents: Math.max(0, charged - (after?.amountCents ?? 0)) };
}
