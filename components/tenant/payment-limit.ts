// The server's limit on one payment (DESIGN.md: at most 12 x monthly rent; a lease that is no
// longer live takes at most its balance), so the pay form refuses it before the review step.
// Plain module, not a client one: the server page computes it and passes it to the form.
export interface PaymentLimit {
  maxCents: number;
  /** Why, after the amount: "twelve months of rent". */
  reason: string;
}

/** The server's limit on one payment, checked before the review step too. */
export function paymentLimit(monthlyRentCents: number, closed: boolean, balanceCents: number): PaymentLimit {
  const twelveMonths = 12 * monthlyRentCents;
  return closed && balanceCents < twelveMonths
    ? { maxCents: balanceCents, reason: 'what is still owed on this ended lease' }
    : { maxCents: twelveMonths, reason: 'twelve months of rent' };
}
