// The lease aggregate's state: what decide needs to enforce the rules and what readers
// (timeline, "as of" queries) show. Plain JSON only, because it is snapshotted as jsonb.
import { localDate } from '../shared/dates';
import type {
  Allocation,
  AutopayMethod,
  ChargeKind,
  PaymentMethod,
  RefundMethod,
  ReversalReason,
} from './events';

/** An open or settled item on the ledger: a rent charge, a late fee, a posted charge or a deposit deduction. */
export type LedgerItem = {
  chargeId: string;
  kind: ChargeKind;
  period: string;
  dueDate: string;
  amountCents: number;
  paidCents: number;
  /**
   * When it was posted: on rent, only if after its due date (grace counts from then); on a posted
   * charge (ChargePosted), always.
   */
  postedAsOf?: string;
  /** Posted charges (ChargePosted) and deposit deductions: what the manager or the rule wrote. */
  description?: string;
  /** Recurring charges: the recurring charge this item bills for `period`. */
  recurringId?: string;
  /**
   * Waived (ChargeWaived): it no longer counts toward the balance; `paidCents` is 0 again because
   * what had been paid of it (`paidCents` here) went back to its payers as credit.
   */
  waived?: { reason: string; on: string; paidCents: number };
};

/** A recurring charge (parking, pet rent): billed with the rent of each period it covers. */
export type RecurringCharge = {
  recurringId: string;
  description: string;
  amountCents: number;
  fromPeriod: string;
  toPeriod?: string;
  /** Set once removed: periods not billed by then never are. */
  removedOn?: string;
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
  /** The day a manager granted it; absent on a termination's credit (its effective date). */
  grantedOn?: string;
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

/** A payment towards the security deposit: held apart, never allocated to the ledger. */
export type DepositPaymentRecord = {
  paymentId: string;
  amountCents: number;
  paymentDate: string;
  method: PaymentMethod;
  reference?: string;
  reversed: boolean;
  reversal?: { reason: ReversalReason };
};

/** How the deposit was settled (`DepositSettled`), once. */
export type DepositSettlement = {
  settledOn: string;
  heldCents: number;
  deductionsCents: number;
  appliedToDeductionsCents: number;
  appliedToBalanceCents: number;
  refundedCents: number;
  refundMethod: RefundMethod;
  /** The ledger credit (in `credits`) through which the held money paid deductions and balance. */
  creditId: string;
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
  /** The security deposit the lease requires (due on the start date). */
  securityDepositCents: number;
  /** Charged when a payment is reversed for NSF (0: none; older leases fold as 0). */
  nsfFeeCents: number;
  /**
   * Positive: owed. Negative: credit. Always charges + fees - payments + reversed payments - credits
   * - waived items (each waived item's full amount: its unpaid part is no longer owed, its paid
   * part is credit again).
   */
  /** Deposit payments received, less reversed ones; 0 once settled (applied or refunded). */
  depositHeldCents: number;
  /** Payments with purpose `deposit`, in order (not in `payments`: they never touch the balance). */
  depositPayments: DepositPaymentRecord[];
  depositSettlement?: DepositSettlement;
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
  /** Recurring charges ever added, in order (removed ones stay, marked). */
  recurring: RecurringCharge[];
  terminatedOn?: string;
  terminationReason?: string;
};

export type LeaseState = { status: 'none' } | Lease;

export const initialState: LeaseState = { status: 'none' };

// 2: the ledger keeps `openItems`, `creditFrom` and `allocatedAt` so an event folds in O(1) of history.
// 3: `credits` and `creditsFrom` (CreditGranted).
// 4: `openRent` and `openOther` replace `openItems` (rent is settled before fees, issue 11).
// 5: `timeZone` (the property's, from LeaseCreated).
// 6: posted charges (description, recurringId), waivers, `nsfFeeCents`, `recurring`.
// 7: `depositHeldCents`, `depositPayments` and `depositSettlement` (security deposits, issue 11).
export const STATE_SCHEMA_VERSION = 7;

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

export type DepositFigures = {
  requiredCents: number;
  heldCents: number;
  /** The part of the required deposit not paid yet (0 once settled: it can no longer be paid). */
  dueCents: number;
  settlement?: DepositSettlement;
};

/** The lease's deposit; a state folded before deposits existed (schema 5 or older, a read-model row) holds none. */
export function depositOf(lease: Lease): DepositFigures {
  const requiredCents = lease.securityDepositCents;
  const heldCents = (lease as Partial<Lease>).depositHeldCents ?? 0;
  const settlement = lease.depositSettlement;
  const dueCents = settlement ? 0 : Math.max(0, requiredCents - heldCents);
  return { requiredCents, heldCents, dueCents, ...(settlement ? { settlement } : {}) };
}
/** The lease's today at `now`: the local date in its property's time zone (DESIGN.md "The domain"). */
export const leaseToday = (lease: Pick<Lease, 'timeZone'>, now: Date): string =>
  localDate(now, lease.timeZone ?? 'UTC');

/** Future, active and notice leases are live: billed, and they take payments. */
export const isLive = (status: LeaseStatus): boolean =>
  status === 'future' || status === 'active' || status === 'notice';

/** What is still owed on an item: nothing once waived. */
export const openCentsOf = (item: LedgerItem): number =>
  item.waived ? 0 : Math.max(0, item.amountCents - item.paidCents);
