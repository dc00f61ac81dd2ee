// Figures derived from a folded lease (rm_leases.state) that several read models show: status on
// a date, the next payment due, autopay's next date. Pure functions over the domain's own state.
import { billingSchedule, type Lease, type LeaseStatus, leaseStatusOn, openCentsOf } from '../domain/lease';

export interface NextDue {
  date: string;
  amountCents: number;
}

export type { LeaseStatus };
export { leaseStatusOn };

/** Periods with a rent charge posted. */
const chargedPeriods = (lease: Lease): Set<string> =>
  new Set(lease.charges.filter((item) => item.kind === 'rent').map((item) => item.period));

/** The next scheduled rent charge not posted yet, or null when the lease bills nothing more. */
function nextScheduled(lease: Lease) {
  const charged = chargedPeriods(lease);
  return billingSchedule(lease).find((charge) => !charged.has(charge.period)) ?? null;
}

/**
 * The next payment due: with items open, the oldest open item's due date and the whole balance;
 * otherwise the next scheduled charge, less the credit held. Null when nothing more is billed.
 */
export function nextDue(lease: Lease): NextDue | null {
  const open = lease.charges
    .filter((item) => openCentsOf(item) > 0)
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  const oldest = open[0];
  if (oldest && lease.balanceCents > 0) return { date: oldest.dueDate, amountCents: lease.balanceCents };
  const next = nextScheduled(lease);
  if (!next) return null;
  return { date: next.dueDate, amountCents: Math.max(0, next.amountCents + lease.balanceCents) };
}

/** The next date the billing run will pay through autopay (the next scheduled due date from today). */
export function autopayNextDate(lease: Lease, today: string): string | null {
  if (!lease.autopay.enabled) return null;
  const from = lease.autopay.enrolledOn > today ? lease.autopay.enrolledOn : today;
  const due = billingSchedule(lease).find(
    (charge) => charge.dueDate >= from && !lease.autopayPeriods.includes(charge.period),
  );
  return due?.dueDate ?? null;
}
