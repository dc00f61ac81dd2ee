// Autopay's next date as the tenant should read it: the next due date on which the billing run
// will actually take money. lease-figures' autopayNextDate skips only the periods autopay itself
// paid; a period whose rent is already paid, or that the credit held will pay when it is charged,
// is skipped too (the run takes nothing then).
import { billingSchedule, type Lease } from '../domain/lease';
import { autopayNextDate } from './lease-figures';

/** Periods on whose due date autopay will find nothing to pay. */
function periodsAlreadyPaid(lease: Lease): string[] {
  const posted = new Map(lease.periods.filter((p) => p.chargedCents > 0).map((p) => [p.period, p]));
  let credit = Math.max(0, -lease.balanceCents);
  const paid: string[] = [];
  for (const charge of billingSchedule(lease)) {
    const line = posted.get(charge.period);
    if (line) {
      if (line.completed) paid.push(charge.period);
    } else if (credit >= charge.amountCents) {
      credit -= charge.amountCents;
      paid.push(charge.period);
    } else {
      break;
    }
  }
  return paid;
}

export function nextAutopayDate(lease: Lease, today: string): string | null {
  if (!lease.autopay.enabled) return null;
  return autopayNextDate(
    { ...lease, autopayPeriods: [...lease.autopayPeriods, ...periodsAlreadyPaid(lease)] },
    today,
  );
}
