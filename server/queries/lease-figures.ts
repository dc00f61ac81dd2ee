// A lease's status on a date, as several read models show it (the domain's own rule). The next
// payment due and autopay's dates are the leases projection's columns (projections/leases/figures.ts).
export type { LeaseStatus } from '../domain/lease';
export { leaseStatusOn } from '../domain/lease';
