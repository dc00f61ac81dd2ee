// Lease commands: what managers, tenants and the billing run ask a lease to do.
// Handlers parse these schemas at the boundary; deciders re-check the rules themselves.
import { z } from 'zod';
import { isoDateSchema, timeZoneSchema } from '../shared/dates';
import { centsSchema, positiveCentsSchema } from '../shared/money';
import { autopayMethodSchema, paymentMethodSchema, reversalReasonSchema } from './events';

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

export const leaseCommandSchema = z.discriminatedUnion('type', [
  createLeaseCommand,
  postDueItemsCommand,
  receivePaymentCommand,
  reversePaymentCommand,
  renewLeaseCommand,
  terminateLeaseCommand,
  enrolAutopayCommand,
  cancelAutopayCommand,
]);

export type LeaseCommand = z.infer<typeof leaseCommandSchema>;
export type LeaseCommandOf<T extends LeaseCommand['type']> = Extract<LeaseCommand, { type: T }>;
