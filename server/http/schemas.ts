// The API's request schemas (strict: unknown keys are refused) and response shapes, shared by the
// routes and the OpenAPI document. Field rules come from the domain's command schemas.
import { z } from 'zod';
import {
  addRecurringChargeCommand,
  autopayMethodSchema,
  createLeaseCommand,
  enrolAutopayCommand,
  grantCreditCommand,
  paymentMethodSchema,
  paymentPurposeSchema,
  postChargeCommand,
  receivePaymentCommand,
  refundMethodSchema,
  renewLeaseCommand,
  reversalReasonSchema,
  settleDepositCommand,
  terminateLeaseCommand,
  waiveChargeCommand,
} from '../domain/lease';
import {
  cancelMaintenanceCommand,
  categorySchema,
  completeMaintenanceCommand,
  prioritySchema,
  rateMaintenanceCommand,
  scheduleMaintenanceCommand,
} from '../domain/maintenance';
import { addressSchema, postNoticeCommand } from '../domain/property';
import { isoDateSchema, timeZoneSchema } from '../domain/shared/dates';
import { positiveCentsSchema } from '../domain/shared/money';

// ---- requests -------------------------------------------------------------------------------

export const signInBody = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});
export const tokenBody = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const tenantBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
});
export const inviteBody = z.strictObject({ password: z.string().min(12).max(1024) });

const leaseTerms = createLeaseCommand.shape;
export const createLeaseBody = z.strictObject({
  propertyId: leaseTerms.propertyId,
  unitId: leaseTerms.unitId,
  tenantId: leaseTerms.tenantId,
  startDate: leaseTerms.startDate,
  endDate: leaseTerms.endDate,
  monthlyRentCents: leaseTerms.monthlyRentCents,
  dueDay: leaseTerms.dueDay,
  graceDays: leaseTerms.graceDays,
  lateFeeCents: leaseTerms.lateFeeCents,
  securityDepositCents: leaseTerms.securityDepositCents,
  nsfFeeCents: leaseTerms.nsfFeeCents,
});
export const paymentBody = z.strictObject({
  amountCents: receivePaymentCommand.shape.amountCents,
  paymentDate: isoDateSchema.optional(),
  method: paymentMethodSchema,
  reference: receivePaymentCommand.shape.reference,
  purpose: paymentPurposeSchema.optional(),
});
export const depositSettlementBody = z.strictObject({
  deductions: z
    .array(
      z.strictObject({
        description: settleDepositCommand.shape.deductions.element.shape.description,
        amountCents: settleDepositCommand.shape.deductions.element.shape.amountCents,
      }),
    )
    .max(50),
  refundMethod: refundMethodSchema,
});
export const reversalBody = z.strictObject({ reason: reversalReasonSchema });
export const renewalBody = z.strictObject({
  newEndDate: renewLeaseCommand.shape.newEndDate,
  monthlyRentCents: renewLeaseCommand.shape.monthlyRentCents,
});
export const terminationBody = z.strictObject({
  effectiveDate: terminateLeaseCommand.shape.effectiveDate,
  reason: terminateLeaseCommand.shape.reason,
});
export const autopayBody = z.strictObject({
  method: autopayMethodSchema,
  capCents: enrolAutopayCommand.shape.capCents,
});
export const chargeBody = z.strictObject({
  kind: postChargeCommand.shape.kind,
  description: postChargeCommand.shape.description,
  amountCents: postChargeCommand.shape.amountCents,
  dueDate: postChargeCommand.shape.dueDate,
});
export const waiverBody = z.strictObject({ reason: waiveChargeCommand.shape.reason });
export const creditBody = z.strictObject({
  amountCents: grantCreditCommand.shape.amountCents,
  reason: grantCreditCommand.shape.reason,
});
export const recurringChargeBody = z.strictObject({
  description: addRecurringChargeCommand.shape.description,
  amountCents: addRecurringChargeCommand.shape.amountCents,
  fromPeriod: addRecurringChargeCommand.shape.fromPeriod,
  toPeriod: addRecurringChargeCommand.shape.toPeriod,
});
export const maintenanceBody = z.strictObject({
  leaseId: z.uuid(),
  category: categorySchema,
  priority: prioritySchema,
  description: z.string().trim().min(1).max(5000),
});
export const scheduleBody = z.strictObject({ scheduledFor: scheduleMaintenanceCommand.shape.scheduledFor });
export const completeBody = z.strictObject({ resolution: completeMaintenanceCommand.shape.resolution });
export const cancelBody = z.strictObject({ reason: cancelMaintenanceCommand.shape.reason });
export const ratingBody = z.strictObject({
  rating: rateMaintenanceCommand.shape.rating,
  comment: rateMaintenanceCommand.shape.comment,
});
export const propertyBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  address: z.strictObject(addressSchema.shape),
  /** IANA name; the server's DEFAULT_TIME_ZONE without one. */
  timeZone: timeZoneSchema.optional(),
  units: z
    .array(z.strictObject({ label: z.string().trim().min(1).max(50), marketRentCents: positiveCentsSchema }))
    .min(1)
    .max(1000),
});
export const noticeBody = z.strictObject({
  title: postNoticeCommand.shape.title,
  body: postNoticeCommand.shape.body,
  expiresOn: postNoticeCommand.shape.expiresOn,
});
export const billingBody = z.strictObject({ asOf: isoDateSchema });

const intParam = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
export const leaseEventsQuery = z.strictObject({
  fromVersion: intParam(1, 2_147_483_647).optional(),
  limit: intParam(1, 1000).optional(),
});
export const leaseStateQuery = z.strictObject({
  asOf: z.iso.datetime({ offset: true }).optional(),
  version: intParam(1, 2_147_483_647).optional(),
});
export const exportQuery = z.strictObject({ format: z.enum(['csv', 'json']).default('json') });
/** `a,b,c` → ['a','b','c']: comma-separated names (event types are PascalCase, stream types lower). */
const nameList = (pattern: RegExp) =>
  z
    .string()
    .max(2000)
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(z.string().regex(pattern)).max(50));
export const feedQuery = z.strictObject({
  after: z.string().max(200).optional(),
  limit: intParam(1, 1000).optional(),
  eventTypes: nameList(/^[A-Z][A-Za-z0-9]{0,99}$/).optional(),
  streamTypes: nameList(/^[a-z][a-z0-9_]{0,63}$/).optional(),
});

export const leaseIdParams = z.object({ leaseId: z.uuid() });
export const paymentParams = z.object({ leaseId: z.uuid(), paymentId: z.uuid() });
export const chargeParams = z.object({ leaseId: z.uuid(), chargeId: z.uuid() });
export const recurringParams = z.object({ leaseId: z.uuid(), recurringId: z.uuid() });
export const requestIdParams = z.object({ id: z.uuid() });
export const propertyIdParams = z.object({ propertyId: z.uuid() });
export const inviteParams = z.object({ token: z.string().min(1).max(200) });

// ---- responses (documentation; handlers build these shapes) ---------------------------------

export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
export const userResponse = z.object({
  user: z.object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.enum(['tenant', 'manager', 'auditor', 'admin']),
  }),
});
const appendedEvent = z.object({ eventId: z.uuid(), eventType: z.string(), version: z.int() });
export const leaseWriteResponse = z.object({
  leaseId: z.uuid(),
  version: z.int(),
  events: z.array(appendedEvent),
});
export const paymentResponse = leaseWriteResponse.extend({ paymentId: z.uuid() });
export const chargeResponse = leaseWriteResponse.extend({ chargeId: z.uuid() });
export const creditResponse = leaseWriteResponse.extend({ creditId: z.uuid() });
export const recurringResponse = leaseWriteResponse.extend({ recurringId: z.uuid() });
export const depositSettlementResponse = z.object({
  appliedToDeductionsCents: z.int(),
  appliedToBalanceCents: z.int(),
  refundedCents: z.int(),
  /** What the lease still owes after the settlement (the deductions the deposit did not cover, and any balance). */
  owedCents: z.int(),
});
const storedEventResponse = z.object({
  globalPosition: z.int(),
  streamId: z.string(),
  version: z.int(),
  eventId: z.uuid(),
  eventType: z.string(),
  schemaVersion: z.int(),
  data: z.unknown(),
  metadata: z.unknown(),
  recordedAt: z.string(),
  hash: z.string(),
});
export const leaseEventsResponse = z.object({ events: z.array(storedEventResponse) });
export const feedResponse = z.object({ events: z.array(storedEventResponse), next: z.string() });
export const verifyResponse = z.object({
  streamId: z.string(),
  events: z.int(),
  valid: z.boolean(),
  firstInvalidVersion: z.int().optional(),
});
export const leaseLedgerResponse = z.object({
  items: z.array(
    z.object({
      itemId: z.string(),
      kind: z.enum([
        'rent',
        'recurring',
        'late_fee',
        'fee',
        'utility',
        'damage',
        'nsf_fee',
        'other',
        'credit',
        'deposit',
        'payment',
        'reversal',
      ]),
      description: z.string(),
      period: z.string().optional(),
      dueDate: z.string(),
      postedOn: z.string(),
      /** Signed: positive raises the balance (charges, fees, reversals), negative lowers it. */
      amountCents: z.int(),
      paidCents: z.int(),
      waived: z.boolean(),
      balanceAfterCents: z.int(),
    }),
  ),
  balanceCents: z.int(),
  depositRequiredCents: z.int(),
  depositHeldCents: z.int(),
});
export const leaseStateResponse = z.object({
  leaseId: z.uuid(),
  version: z.int(),
  asOf: z.string(),
  state: z.object({
    status: z.enum(['future', 'active', 'notice', 'terminated', 'ended']),
    balanceCents: z.int(),
    monthlyRentCents: z.int(),
    endDate: z.string(),
    depositRequiredCents: z.int(),
    depositHeldCents: z.int(),
    depositSettlement: z
      .object({
        settledOn: z.string(),
        heldCents: z.int(),
        deductionsCents: z.int(),
        appliedToDeductionsCents: z.int(),
        appliedToBalanceCents: z.int(),
        refundedCents: z.int(),
        refundMethod: refundMethodSchema,
      })
      .optional(),
    periods: z.array(
      z.object({
        period: z.string(),
        chargedCents: z.int(),
        paidCents: z.int(),
        lateFeeCents: z.int(),
        completed: z.boolean(),
      }),
    ),
  }),
});
