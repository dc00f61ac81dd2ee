// Lease events: the facts a lease stream records, at their current schema version.
// Older stored versions are brought up to these shapes by ./upcasters.ts before anyone reads them.
import { z } from 'zod';
import { isoDateSchema, periodSchema, timeZoneSchema } from '../shared/dates';
import { eventSchema } from '../shared/event';
import { centsSchema, positiveCentsSchema } from '../shared/money';

// Event data is read back forever, so ids are only required to be present, not re-validated.
const id = z.string().min(1);

export const paymentMethodSchema = z.enum(['card', 'ach', 'check', 'cash', 'money_order']);
export const autopayMethodSchema = z.enum(['card', 'ach']);
export const reversalReasonSchema = z.enum(['NSF', 'chargeback', 'error']);
export const paymentPurposeSchema = z.enum(['rent', 'deposit']);
export const refundMethodSchema = z.enum(['check', 'ach']);
/**
 * Every kind of ledger item: rent, late fees, the charges `ChargePosted` records, and `deposit`, a
 * deduction from the security deposit charged on the ledger when it is settled.
 */
export const chargeKindSchema = z.enum([
  'rent',
  'late_fee',
  'fee',
  'utility',
  'damage',
  'other',
  'nsf_fee',
  'recurring',
  'deposit',
]);
/** What a manager may post by hand (API.md POST /charges). */
export const manualChargeKindSchema = z.enum(['fee', 'utility', 'damage', 'other']);
/** What `ChargePosted` records: a manual charge, the NSF fee a reversal posts, a recurring charge. */
const postedChargeKindSchema = z.enum(['fee', 'utility', 'damage', 'other', 'nsf_fee', 'recurring']);

export type PaymentMethod = z.infer<typeof paymentMethodSchema>;
export type AutopayMethod = z.infer<typeof autopayMethodSchema>;
export type ReversalReason = z.infer<typeof reversalReasonSchema>;
export type ChargeKind = z.infer<typeof chargeKindSchema>;
export type RefundMethod = z.infer<typeof refundMethodSchema>;

/** What part of a payment went to which open item; `chargeId` names the item. */
export const allocationSchema = z.object({
  chargeId: id,
  kind: chargeKindSchema,
  period: periodSchema,
  amountCents: positiveCentsSchema,
});
export type Allocation = z.infer<typeof allocationSchema>;

const leaseCreatedData = z.object({
  leaseId: id,
  tenantId: id,
  propertyId: id,
  unitId: id,
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  monthlyRentCents: positiveCentsSchema,
  dueDay: z.int().min(1).max(28),
  graceDays: z.int().min(0),
  lateFeeCents: centsSchema,
  securityDepositCents: centsSchema,
  /** Posted as a charge when a payment is reversed for NSF. Absent on older events: 0. */
  nsfFeeCents: centsSchema.optional(),
  /** The property's IANA zone when the lease was signed; absent on older events (UTC). */
  timeZone: timeZoneSchema.optional(),
});

const rentChargedData = z.object({
  chargeId: id,
  period: periodSchema,
  amountCents: positiveCentsSchema,
  dueDate: isoDateSchema,
  prorated: z.boolean(),
  /**
   * The date the billing run posted it as of (never after the run's today). Grace counts from the
   * later of this and the due date. Absent on older events: those count as posted on the due date.
   */
  postedAsOf: isoDateSchema.optional(),
});

export const paymentReceivedData = z.object({
  paymentId: id,
  amountCents: positiveCentsSchema,
  currency: z.literal('USD'),
  paymentDate: isoDateSchema,
  method: paymentMethodSchema,
  reference: z.string().optional(),
  /**
   * `deposit`: paid towards the security deposit, held apart from the ledger (never allocated).
   * Schema 3; events stored at v1 and v2 are upcast as `rent`.
   */
  purpose: paymentPurposeSchema,
  // What the payment settled when it was received (credit it left is not listed). Absent on
  // events upcast from v1; evolve always re-derives allocations, so readers may rely on state.
  allocations: z.array(allocationSchema).optional(),
  /** Set when the billing run paid this through autopay for that period. */
  autopayPeriod: periodSchema.optional(),
});

const monthlyPaymentCompletedData = z.object({ period: periodSchema });

const lateFeeAssessedData = z.object({
  /** The fee's own item id, used by allocations. */
  lateFeeId: id,
  period: periodSchema,
  amountCents: positiveCentsSchema,
  /** The fee is payable from the day after the grace period; FIFO orders it by this date. */
  dueDate: isoDateSchema,
  /** The rent charge whose late payment caused the fee. */
  chargeId: id,
  rule: z.object({ rentDueDate: isoDateSchema, graceDays: z.int().min(0), assessedAsOf: isoDateSchema }),
});

const paymentReversedData = z.object({
  paymentId: id,
  reason: reversalReasonSchema,
  amountCents: positiveCentsSchema,
  /** The allocations this reversal undid: those items are open again. */
  allocations: z.array(allocationSchema),
});

const leaseRenewedData = z.object({
  previousEndDate: isoDateSchema,
  newEndDate: isoDateSchema,
  monthlyRentCents: positiveCentsSchema,
  /**
   * First period billed at the new rent: the one after the period of `previousEndDate` (the new
   * term). Events written before issue 11 hold the first period not charged when renewed.
   */
  effectivePeriod: periodSchema,
});

const leaseTerminatedData = z.object({ effectiveDate: isoDateSchema, reason: z.string().min(1) });

/** Money given back to the tenant (a termination's unused days, a manager's concession): it settles open items like credit. */
const creditGrantedData = z.object({
  creditId: id,
  amountCents: positiveCentsSchema,
  reason: z.string().min(1),
  /** The day it was granted (a manager's credit). Absent on a termination's: it belongs to the effective date. */
  grantedOn: isoDateSchema.optional(),
});

/**
 * A charge other than rent and late fees: a manager's one-off charge (fee, utility, damage, other),
 * the NSF fee of a reversal (caused by it, see metadata), or a recurring charge for one period.
 */
const chargePostedData = z.object({
  chargeId: id,
  kind: postedChargeKindSchema,
  description: z.string().min(1),
  amountCents: positiveCentsSchema,
  dueDate: isoDateSchema,
  /** The billing month it belongs to: the due date's month, or the period a recurring charge covers. */
  period: periodSchema,
  /** The day it was posted; like rent, a charge posted after its due date is late from then. */
  postedAsOf: isoDateSchema,
  /** Recurring charges only: which one, and whether the period was only partly covered. */
  recurringId: id.optional(),
  prorated: z.boolean().optional(),
  /** NSF fees only: the reversed payment. */
  paymentId: id.optional(),
});

/** A charge or late fee no longer owed: its unpaid part is dropped, what was paid of it becomes credit. */
const chargeWaivedData = z.object({
  chargeId: id,
  reason: z.string().min(1),
  waivedOn: isoDateSchema,
  /** The item's amount (the balance falls by it) and what had been paid of it (now credit). */
  amountCents: positiveCentsSchema,
  paidCents: centsSchema,
});

/** A monthly charge billed with the rent of each period from `fromPeriod` to `toPeriod` (open-ended without). */
const recurringChargeAddedData = z.object({
  recurringId: id,
  description: z.string().min(1),
  amountCents: positiveCentsSchema,
  fromPeriod: periodSchema,
  toPeriod: periodSchema.optional(),
});

/** No period not yet billed is charged for it any more; what is posted stays (waive it if need be). */
const recurringChargeRemovedData = z.object({
  recurringId: id,
  description: z.string().min(1),
  removedOn: isoDateSchema,
});

/**
 * The security deposit settled once, after the lease ended or was terminated: the deductions are
 * charged on the ledger (items of kind `deposit`), the deposit held pays them, then the open
 * balance (`appliedTo*`, as one credit `creditId` on the ledger), and the rest is refunded.
 */
const depositSettledData = z.object({
  settledOn: isoDateSchema,
  /** What was held when it was settled: appliedToDeductions + appliedToBalance + refunded. */
  heldCents: centsSchema,
  deductions: z.array(
    z.object({ chargeId: id, description: z.string().min(1), amountCents: positiveCentsSchema }),
  ),
  appliedToDeductionsCents: centsSchema,
  appliedToBalanceCents: centsSchema,
  refundedCents: centsSchema,
  refundMethod: refundMethodSchema,
  /** The ledger credit through which the held money pays the deductions and the balance. */
  creditId: id,
});

const autopayEnrolledData = z.object({
  method: autopayMethodSchema,
  capCents: positiveCentsSchema.optional(),
  /** Autopay pays periods due on or after this date. */
  enrolledOn: isoDateSchema,
});

const autopayCancelledData = z.object({ cancelledOn: isoDateSchema });

export const leaseEventSchema = z.discriminatedUnion('type', [
  eventSchema('LeaseCreated', leaseCreatedData),
  eventSchema('RentCharged', rentChargedData),
  eventSchema('PaymentReceived', paymentReceivedData),
  eventSchema('MonthlyPaymentCompleted', monthlyPaymentCompletedData),
  eventSchema('LateFeeAssessed', lateFeeAssessedData),
  eventSchema('PaymentReversed', paymentReversedData),
  eventSchema('LeaseRenewed', leaseRenewedData),
  eventSchema('LeaseTerminated', leaseTerminatedData),
  eventSchema('CreditGranted', creditGrantedData),
  eventSchema('ChargePosted', chargePostedData),
  eventSchema('ChargeWaived', chargeWaivedData),
  eventSchema('RecurringChargeAdded', recurringChargeAddedData),
  eventSchema('RecurringChargeRemoved', recurringChargeRemovedData),
  eventSchema('AutopayEnrolled', autopayEnrolledData),
  eventSchema('AutopayCancelled', autopayCancelledData),
  eventSchema('DepositSettled', depositSettledData),
]);

export type LeaseEvent = z.infer<typeof leaseEventSchema>;
export type LeaseEventType = LeaseEvent['type'];
export type LeaseEventOf<T extends LeaseEventType> = Extract<LeaseEvent, { type: T }>;

export const LEASE_EVENT_TYPES: readonly LeaseEventType[] = leaseEventSchema.options.map(
  (option) => option.shape.type.value,
);
