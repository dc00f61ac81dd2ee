// Read table of the payments projection: one row per payment, for recent payments, receipts and
// the "collected" side of the manager's analytics (by property and payment date).
import { bigint, boolean, date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const paymentsTable = pgTable(
  'rm_payments',
  {
    paymentId: uuid('payment_id').primaryKey(),
    leaseId: uuid('lease_id').notNull(),
    tenantId: uuid('tenant_id').notNull(),
    propertyId: uuid('property_id').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    paymentDate: date('payment_date', { mode: 'string' }).notNull(),
    method: text('method').notNull(),
    reference: text('reference'),
    /** `rent` (the ledger) or `deposit` (the security deposit, held apart). */
    purpose: text('purpose').notNull().default('rent'),
    reversed: boolean('reversed').notNull().default(false),
    reversalReason: text('reversal_reason'),
    /** When the reversal was recorded (the ledger dates the reversal line by it). */
    reversedAt: timestamp('reversed_at', { withTimezone: true, precision: 3, mode: 'string' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true, precision: 3, mode: 'string' }).notNull(),
    /** The period autopay paid with it (null: not an autopay payment); a reversed one is not retried. */
    autopayPeriod: text('autopay_period'),
    /** What the payment settled when it was received, as the event recorded it ([] for v1 events). */
    allocations: jsonb('allocations').notNull(),
    /**
     * The lease balance right after this payment (negative = credit), for the receipt; null when the
     * row was written without the folded state (the receipt then folds from the nearest snapshot).
     */
    balanceAfterCents: bigint('balance_after_cents', { mode: 'number' }),
  },
  (t) => [
    index('rm_payments_lease_idx').on(t.leaseId, t.paymentDate),
    index('rm_payments_tenant_idx').on(t.tenantId, t.paymentDate),
    index('rm_payments_property_idx').on(t.propertyId, t.paymentDate),
  ],
);

export type PaymentRow = typeof paymentsTable.$inferSelect;
