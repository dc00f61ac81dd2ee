// What the lease row shows that is derived from the folded state: the next payment due, found
// without scanning the history (the open lists are in settling order, rent charges in period order),
// and the dates autopay will take money on.
import { billingSchedule, type Lease, type LedgerItem } from '../../domain/lease';

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
