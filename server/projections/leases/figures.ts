// What the lease row shows that is derived from the folded state: the next payment due, found
// without scanning the history (the open lists are in settling order, rent charges in period order).
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
 * The next payment due (the same as queries/lease-figures `nextDue`): with items open, the oldest
 * open item's due date and the whole balance; otherwise the next scheduled rent charge not posted
 * yet, less the credit held. Null when nothing more is billed.
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
