// Read tables of the leases projection: one row per lease with its folded state (without its
// payments), indexed for the lease list, the unit-availability check and the billing run; and one
// row per payment record of the folded state, so an event rewrites only the records it changed.
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

export const leasesTable = pgTable(
  'rm_leases',
  {
    leaseId: uuid('lease_id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    propertyId: uuid('property_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    terminatedOn: date('terminated_on', { mode: 'string' }),
    /** 'active' or 'terminated'; 'ended' is derived from end_date at read time. */
    storedStatus: text('stored_status').notNull(),
    monthlyRentCents: integer('monthly_rent_cents').notNull(),
    balanceCents: integer('balance_cents').notNull(),
    /** The security deposit the lease requires, and what is held of it (0 once settled). */
    depositRequiredCents: bigint('deposit_required_cents', { mode: 'number' }).notNull().default(0),
    depositHeldCents: bigint('deposit_held_cents', { mode: 'number' }).notNull().default(0),
    /** Set once the deposit is settled: the date, and what was refunded. */
    depositSettledOn: date('deposit_settled_on', { mode: 'string' }),
    depositRefundedCents: bigint('deposit_refunded_cents', { mode: 'number' }),
    /** The stream version folded into `state`: an event at or below it is a replay. */
    version: integer('version').notNull(),
    /** The folded state without `payments` (those are rows of rm_lease_payments). */
    state: jsonb('state').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3, mode: 'string' })
      .notNull()
      .defaultNow(),
  },
  (t) => [
    index('rm_leases_unit_idx').on(t.unitId),
    index('rm_leases_tenant_idx').on(t.tenantId),
    index('rm_leases_property_idx').on(t.propertyId),
  ],
);

export type LeaseRow = typeof leasesTable.$inferSelect;

/** The lease's payment records as the fold keeps them (allocations, credit left, reversal), in order. */
export const leasePaymentsTable = pgTable(
  'rm_lease_payments',
  {
    leaseId: uuid('lease_id').notNull(),
    /** Position in the folded state's `payments`. */
    seq: integer('seq').notNull(),
    paymentId: uuid('payment_id').notNull(),
    payment: jsonb('payment').notNull(),
  },
  (t) => [primaryKey({ columns: [t.leaseId, t.seq] })],
);
