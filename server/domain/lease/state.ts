// The lease aggregate's state: what decide needs to enforce the rules and what readers
// (timeline, "as of" queries) show. Plain JSON only, because it is snapshotted as jsonb.
import { localDate } from '../shared/dates';
import type { Allocation, AutopayMethod, ChargeKind, PaymentMethod, ReversalReason } from './events';

/** An open or settled item on the ledger: a rent charge or a late fee. */
export type LedgerItem = {
  chargeId: string;
  kind: ChargeKind;
  period: string;
  dueDate: string;
  amountCents: number;
  paidCents: number;
  /** Rent only: when it was posted, if after its due date (grace counts from then). */
  postedAsOf?: string;
};

export type PaymentRecord = {
  paymentId: string;
  amountCents: number;
  paymentDate: string;
  method: PaymentMethod;
  reference?: string;
  autopayPeriod?: string;
  /** Everything this payment has paid, including credit it later gave to new charges. */
  allocations: Allocation[];
  /** Where each of `allocations` is in `charges` (same order): a reversal needs no look-up. */
  allocatedAt: number[];
  /** The part of the payment not yet used: the lease's credit. */
  unappliedCents: number;
  reversed: boolean;
  reversal?: { reason: ReversalReason };
};

/** A credit granted to the lease (`CreditGranted`): it pays open items like a payment's credit. */
export type CreditRecord = {
  creditId: string;
  amountCents: number;
  reason: string;
  /** Everything this credit has paid. */
  allocations: Allocation[];
  /** Where each of `allocations` is in `charges` (same order). */
  allocatedAt: number[];
  /** The part not used yet (part of the lease's credit). */
  unappliedCents: number;
};

/** One billing month as users see it (derived from the ledger items after every event). */
export type PeriodLine = {
  period: string;
  dueDate: string;
  chargedCents: number;
  paidCents: number;
  lateFeeCents: number;
  lateFeePaidCents: number;
  /** The period's rent is fully paid (late fees do not count). */
  completed: boolean;
};

export type AutopaySettings =
  | { enabled: false }
  | { enabled: true; method: AutopayMethod; capCents?: number; enrolledOn: string };

export type Renewal = {
  previousEndDate: string;
  newEndDate: string;
  monthlyRentCents: number;
  effectivePeriod: string;
};

export type Lease = {
  /** Stored status: 'terminated' once a termination is recorded; the rest depends on the date, see `leaseStatusOn`. */
  status: 'active' | 'terminated';
  leaseId: string;
  tenantId: string;
  propertyId: string;
  unitId: string;
  startDate: string;
  endDate: string;
  /** The rent the lease started with; renewals change it from their effective period. */
  initialRentCents: number;
  /** The current contractual rent (after the latest renewal). */
  monthlyRentCents: number;
  dueDay: number;
  graceDays: number;
  lateFeeCents: number;
  securityDepositCents: number;
  /** The property's IANA zone: the lease's "today" is the local date there (absent: UTC). */
  timeZone?: string;
  /** Positive: owed. Negative: credit. Always charges + fees - payments + reversed payments - credits. */
  balanceCents: number;
  creditCents: number;
  /** Ledger items in posting order. */
  charges: LedgerItem[];
  /** One line per period with an item, in period order; kept up to date item by item. */
  periods: PeriodLine[];
  payments: PaymentRecord[];
  /**
   * Positions in `charges` of the rent charges not fully paid, in the order payments settle them
   * (due date, then posting order), so settling never sorts or scans the paid history. Payments
   * and credit settle all of these before any of `openOther`.
   */
  openRent: number[];
  /** Likewise for every other item not fully paid (late fees, charges), settled after rent. */
  openOther: number[];
  /** Position in `payments` before which no payment holds credit (credit never comes back). */
  creditFrom: number;
  /** Credits granted, in order; they are used before payments' credit. */
  credits: CreditRecord[];
  /** Position in `credits` before which none holds anything unused. */
  creditsFrom: number;
  autopay: AutopaySettings;
  /** Periods autopay has already paid (once per period). */
  autopayPeriods: string[];
  renewals: Renewal[];
  terminatedOn?: string;
  terminationReason?: string;
};

export type LeaseState = { status: 'none' } | Lease;

export const initialState: LeaseState = { status: 'none' };

// 2: the ledger keeps `openItems`, `creditFrom` and `allocatedAt` so an event folds in O(1) of history.
// 3: `credits` and `creditsFrom` (CreditGranted).
// 4: `openRent` and `openOther` replace `openItems` (rent is settled before fees, issue 11).
// 5: `timeZone` (the property's, from LeaseCreated).
export const STATE_SCHEMA_VERSION = 5;

export type LeaseStatus = 'future' | 'active' | 'notice' | 'terminated' | 'ended';

/** Every status, in the order a lease goes through them. */
export const LEASE_STATUSES = ['future', 'active', 'notice', 'terminated', 'ended'] as const;

/**
 * DESIGN.md, as of `date`: `future` before the start date, `active` from it, `notice` once a
 * termination is recorded whose effective date is still ahead (the effective date itself is the
 * last day billed, so still `notice`), `terminated` after it, `ended` after the end date without
 * a termination.
 */
export function leaseStatusOn(lease: Lease, date: string): LeaseStatus {
  if (lease.terminatedOn !== undefined) return date > lease.terminatedOn ? 'terminated' : 'notice';
  if (date > lease.endDate) return 'ended';
  return date < lease.startDate ? 'future' : 'active';
}

/** The lease's today at `now`: the local date in its property's time zone (DESIGN.md "The domain"). */
export const leaseToday = (lease: Pick<Lease, 'timeZone'>, now: Date): string =>
  localDate(now, lease.timeZone ?? 'UTC');

/** Future, active and notice leases are live: billed, and they take payments. */
export const isLive = (status: LeaseStatus): boolean =>
  status === 'future' || status === 'active' || status === 'notice';
