// What the lease row shows that is derived from the folded state: the next payment due, found
// without scanning the history (the open lists are in settling order, rent charges in period order),
// the dates autopay will take money on, and the charges open now as aging reads them.
import { billingSchedule, type Lease, type LedgerItem } from '../../domain/lease';
import { addDays } from '../../domain/shared/dates';
import { isCharge, openOf } from '../ledger/statements';

export interface NextDue {
  date: string;
  amountCents: number;
}

/** The latest period with a rent charge posted (rent is posted period after period). */
function lastRentPeriod(lease: Lease): string | null {
  for (let at = lease.charges.length - 1; at >= 0; at -= 1) {
    const item = lease.charges[at] as LedgerItem;
    if (item.kind === 'rent') return item.period;
  }
  return null;
}

/**
 * The next payment due: with items open, the oldest open item's due date and the whole balance;
 * otherwise the next scheduled rent charge not posted yet, less the credit held. Null when nothing
 * more is billed.
 */
export function nextDueOf(lease: Lease): NextDue | null {
  const heads = [lease.openRent[0], lease.openOther[0]]
    .map((at) => (at === undefined ? undefined : lease.charges[at]))
    .filter(
      (item): item is LedgerItem => item !== undefined && !item.waived && item.paidCents < item.amountCents,
    )
    .map((item) => item.dueDate)
    .sort();
  const oldest = heads[0];
  if (oldest !== undefined && lease.balanceCents > 0)
    return { date: oldest, amountCents: lease.balanceCents };
  const last = lastRentPeriod(lease);
  const next = billingSchedule(lease).find((charge) => last === null || charge.period > last);
  if (!next) return null;
  return { date: next.dueDate, amountCents: Math.max(0, next.amountCents + lease.balanceCents) };
}

/** Periods on whose due date autopay will find nothing to pay: completed, or the credit held pays them. */
function periodsAlreadyPaid(lease: Lease): Set<string> {
  const posted = new Map(lease.periods.filter((p) => p.chargedCents > 0).map((p) => [p.period, p]));
  let credit = Math.max(0, -lease.balanceCents);
  const paid = new Set<string>();
  for (const charge of billingSchedule(lease)) {
    const line = posted.get(charge.period);
    if (line) {
      if (line.completed) paid.add(charge.period);
    } else if (credit >= charge.amountCents) {
      credit -= charge.amountCents;
      paid.add(charge.period);
    } else {
      break;
    }
  }
  return paid;
}

/**
 * With autopay on, the due dates (in order) on which the billing run will take money: scheduled
 * on or after enrolment, less the periods autopay itself paid, those already paid and those the
 * credit held will pay when charged. The tenant's next autopay date is the first on or after
 * today. Null with autopay off.
 */
export function autopayDatesOf(lease: Lease): string[] | null {
  const autopay = lease.autopay;
  if (!autopay.enabled) return null;
  const skipped = periodsAlreadyPaid(lease);
  for (const period of lease.autopayPeriods) skipped.add(period);
  return billingSchedule(lease)
    .filter((charge) => charge.dueDate >= autopay.enrolledOn && !skipped.has(charge.period))
    .map((charge) => charge.dueDate);
}

/**
 * The lease's charges open now, as aging reads them (the rm_ledger_items rows with open_cents > 0
 * of the charge kinds: rent, late fees, posted charges; no deposit deductions, no credits), as
 * parallel arrays in due-date then id order: each one's due date, the last day it is still
 * current (a rent charge's due date plus the lease's grace days, any other item's due date), and
 * what is open on it; and their sum.
 */
export function openChargesOf(lease: Lease): {
  dueDates: string[];
  graceEnds: string[];
  amountsCents: number[];
  totalCents: number;
} {
  const open = lease.charges
    .filter((item) => isCharge(item.kind) && openOf(item) > 0)
    .sort((a, b) =>
      a.dueDate !== b.dueDate ? (a.dueDate < b.dueDate ? -1 : 1) : a.chargeId < b.chargeId ? -1 : 1,
    );
  return {
    dueDates: open.map((item) => item.dueDate),
    graceEnds: open.map((item) =>
      item.kind === 'rent' ? addDays(item.dueDate, lease.graceDays) : item.dueDate,
    ),
    amountsCents: open.map(openOf),
    totalCents: open.reduce((sum, item) => sum + openOf(item), 0),
  };
}
