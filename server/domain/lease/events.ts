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
export const chargeKindSchema = z.enum(['rent', 'late_fee']);

export type PaymentMethod = z.infer<typeof paymentMethodSchema>;
export type AutopayMethod = z.infer<typeof autopayMethodSchema>;
export type ReversalReason = z.infer<typeof reversalReasonSchema>;
export type ChargeKind = z.infer<typeof chargeKindSchema>;

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

/** Money given back to the tenant (e.g. a termination's unused days): it settles open items like credit. */
const creditGrantedData = z.object({
  creditId: id,
  amountCents: positiveCentsSchema,
  reason: z.string().min(1),
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
  eventSchema('AutopayEnrolled', autopayEnrolledData),
  eventSchema('AutopayCancelled', autopayCancelledData),
]);

export type LeaseEvent = z.infer<typeof leaseEventSchema>;
export type LeaseEventType = LeaseEvent['type'];
export type LeaseEventOf<T extends LeaseEventType> = Extract<LeaseEvent, { type: T }>;

export const LEASE_EVENT_TYPES: readonly LeaseEventType[] = leaseEventSchema.options.map(
  (option) => option.shape.type.value,
);
