// Lease commands: what managers, tenants and the billing run ask a lease to do.
// Handlers parse these schemas at the boundary; deciders re-check the rules themselves.
import { z } from 'zod';
import { isoDateSchema, periodSchema, timeZoneSchema } from '../shared/dates';
import { centsSchema, positiveCentsSchema } from '../shared/money';
import {
  autopayMethodSchema,
  manualChargeKindSchema,
  paymentMethodSchema,
  paymentPurposeSchema,
  refundMethodSchema,
  reversalReasonSchema,
} from './events';

const uuid = z.uuid();

/** Another lease of the same unit, as the command handler found it in the read model. */
export const unitLeaseSchema = z.object({
  leaseId: uuid,
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  terminatedOn: isoDateSchema.optional(),
});
export type UnitLease = z.infer<typeof unitLeaseSchema>;

const actorRoleSchema = z.enum(['tenant', 'manager', 'admin', 'system']);

export const createLeaseCommand = z.object({
  type: z.literal('CreateLease'),
  leaseId: uuid,
  tenantId: uuid,
  propertyId: uuid,
  unitId: uuid,
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  monthlyRentCents: positiveCentsSchema,
  dueDay: z.int().min(1).max(28),
  graceDays: z.int().min(0).max(60),
  lateFeeCents: centsSchema,
  securityDepositCents: centsSchema,
  /** Charged when a payment is reversed for NSF; 0 (the default) charges nothing. */
  nsfFeeCents: centsSchema.optional(),
  /** The property's time zone, looked up by the command path like the unit's other leases. */
  timeZone: timeZoneSchema.optional(),
  /** Every other lease of this unit; the decider cannot see other streams. */
  existingLeasesForUnit: z.array(unitLeaseSchema),
});

/**
 * The billing run: posts everything due as of `asOf` that is not posted yet, or only `item` (a key
 * from `nextDueItem`, e.g. `rent:2027-03`) when that is the next item due.
 */
const postDueItemsCommand = z.object({
  type: z.literal('PostDueItems'),
  asOf: isoDateSchema,
  item: z.string().min(1).max(100).optional(),
});

export const receivePaymentCommand = z.object({
  type: z.literal('ReceivePayment'),
  paymentId: uuid,
  amountCents: positiveCentsSchema,
  /** Defaults to today (UTC). */
  paymentDate: isoDateSchema.optional(),
  method: paymentMethodSchema,
  reference: z.string().trim().min(1).max(200).optional(),
  /** `deposit` pays the security deposit still due (held apart); default `rent` (the ledger). */
  purpose: paymentPurposeSchema.optional(),
  actorRole: actorRoleSchema,
});

const reversePaymentCommand = z.object({
  type: z.literal('ReversePayment'),
  paymentId: uuid,
  reason: reversalReasonSchema,
});

export const renewLeaseCommand = z.object({
  type: z.literal('RenewLease'),
  newEndDate: isoDateSchema,
  monthlyRentCents: positiveCentsSchema,
  /** Every other lease of this unit: the extension may not overlap one (filled by the handler). */
  existingLeasesForUnit: z.array(unitLeaseSchema),
});

export const terminateLeaseCommand = z.object({
  type: z.literal('TerminateLease'),
  effectiveDate: isoDateSchema,
  reason: z.string().trim().min(1).max(500),
});

export const enrolAutopayCommand = z.object({
  type: z.literal('EnrolAutopay'),
  method: autopayMethodSchema,
  capCents: positiveCentsSchema.optional(),
});

const cancelAutopayCommand = z.object({ type: z.literal('CancelAutopay') });

const descriptionSchema = z.string().trim().min(1).max(200);
const reasonSchema = z.string().trim().min(1).max(500);

/** A manager's one-off charge (fee, utility, damage, other). */
export const postChargeCommand = z.object({
  type: z.literal('PostCharge'),
  chargeId: uuid,
  kind: manualChargeKindSchema,
  description: descriptionSchema,
  amountCents: positiveCentsSchema,
  dueDate: isoDateSchema,
});

/** A manager waives an open charge or late fee (not rent: rent is lowered by a credit). */
export const waiveChargeCommand = z.object({
  type: z.literal('WaiveCharge'),
  chargeId: uuid,
  reason: reasonSchema,
});

/** A manager grants a credit (a concession). */
export const grantCreditCommand = z.object({
  type: z.literal('GrantCredit'),
  creditId: uuid,
  amountCents: positiveCentsSchema,
  reason: reasonSchema,
});

/** A monthly charge (parking, pet rent) billed with the rent of each period it covers. */
export const addRecurringChargeCommand = z.object({
  type: z.literal('AddRecurringCharge'),
  recurringId: uuid,
  description: descriptionSchema,
  amountCents: positiveCentsSchema,
  fromPeriod: periodSchema,
  toPeriod: periodSchema.optional(),
});

const removeRecurringChargeCommand = z.object({
  type: z.literal('RemoveRecurringCharge'),
  recurringId: uuid,
});

const depositDeductionSchema = z.object({
  description: z.string().trim().min(1).max(200),
  amountCents: positiveCentsSchema,
});

/** The manager settles the deposit once the lease has ended or been terminated. */
export const settleDepositCommand = z.object({
  type: z.literal('SettleDeposit'),
  deductions: z.array(depositDeductionSchema).max(50),
  refundMethod: refundMethodSchema,
});

export const leaseCommandSchema = z.discriminatedUnion('type', [
  createLeaseCommand,
  postDueItemsCommand,
  receivePaymentCommand,
  reversePaymentCommand,
  renewLeaseCommand,
  terminateLeaseCommand,
  enrolAutopayCommand,
  cancelAutopayCommand,
  postChargeCommand,
  waiveChargeCommand,
  grantCreditCommand,
  addRecurringChargeCommand,
  removeRecurringChargeCommand,
  settleDepositCommand,
]);

export type LeaseCommand = z.infer<typeof leaseCommandSchema>;
export type LeaseCommandOf<T extends LeaseCommand['type']> = Extract<LeaseCommand, { type: T }>;
