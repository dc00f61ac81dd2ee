// Read tables of the leases projection: one row per lease with its folded state (without its
// payments), indexed for the lease list, the unit-availability check and the billing run; and one
// row per payment record of the folded state, so an event rewrites only the records it changed.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
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

/** PostgreSQL `tsvector`, generated from the lease's searchable words. */
const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' });

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
    monthlyRentCents: bigint('monthly_rent_cents', { mode: 'number' }).notNull(),
    balanceCents: bigint('balance_cents', { mode: 'number' }).notNull(),
    /** The security deposit the lease requires, and what is held of it (0 once settled). */
    depositRequiredCents: bigint('deposit_required_cents', { mode: 'number' }).notNull().default(0),
    depositHeldCents: bigint('deposit_held_cents', { mode: 'number' }).notNull().default(0),
    /** Set once the deposit is settled: the date, and what was refunded. */
    depositSettledOn: date('deposit_settled_on', { mode: 'string' }),
    depositRefundedCents: bigint('deposit_refunded_cents', { mode: 'number' }),
    /** The settlement's figures (DepositView): what was held, deducted, applied, refunded and how. */
    depositSettledHeldCents: bigint('deposit_settled_held_cents', { mode: 'number' }),
    depositDeductionsCents: bigint('deposit_deductions_cents', { mode: 'number' }),
    depositAppliedToDeductionsCents: bigint('deposit_applied_to_deductions_cents', { mode: 'number' }),
    depositAppliedToBalanceCents: bigint('deposit_applied_to_balance_cents', { mode: 'number' }),
    depositRefundMethod: text('deposit_refund_method'),
    /** Grace days after a rent charge's due date before it is past due (aging's "current"). */
    graceDays: integer('grace_days').notNull().default(0),
    /** What lists and dashboards show, kept by the projection (no query unpacks `state`). */
    tenantName: text('tenant_name'),
    tenantEmail: text('tenant_email'),
    propertyName: text('property_name'),
    /** line1, city, state and postal code, for search. */
    propertyAddress: text('property_address'),
    unitLabel: text('unit_label'),
    /** The next payment due (figures.ts nextDueOf): date and amount; null when nothing more is billed. */
    nextDueDate: date('next_due_date', { mode: 'string' }),
    nextDueCents: bigint('next_due_cents', { mode: 'number' }),
    autopayEnabled: boolean('autopay_enabled').notNull().default(false),
    autopayMethod: text('autopay_method'),
    autopayCapCents: bigint('autopay_cap_cents', { mode: 'number' }),
    /**
     * With autopay on: the due dates, in order, on which the billing run will take money (from
     * enrolment, less the periods autopay paid, already paid or covered by the credit held); the
     * tenant's next autopay date is the first on or after today (queries/autopay-next.ts).
     */
    autopayDates: date('autopay_dates', { mode: 'string' }).array(),
    /**
     * The charges open now, as aging reads them (figures.ts openChargesOf): parallel arrays of each
     * one's due date, the last day it is current (rent: due date + grace days) and what is open on
     * it, and their sum; the same items as the lease's rm_ledger_items rows with open_cents > 0 of
     * the charge kinds, so the analytics age a portfolio from one row per owing lease.
     */
    openDueDates: date('open_due_dates', { mode: 'string' }).array().notNull().default(sql`'{}'`),
    openGraceEnds: date('open_grace_ends', { mode: 'string' }).array().notNull().default(sql`'{}'`),
    openAmountsCents: bigint('open_amounts_cents', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    openChargesCents: bigint('open_charges_cents', { mode: 'number' }).notNull().default(0),
    /** Tenant name and email, property name and address, unit label ('simple': no stemming). */
    search: tsvector('search').generatedAlwaysAs(
      sql`to_tsvector('simple'::regconfig, coalesce(tenant_name, '') || ' ' || coalesce(tenant_email, '') || ' ' || coalesce(property_name, '') || ' ' || coalesce(property_address, '') || ' ' || coalesce(unit_label, ''))`,
    ),
    /** The stream version folded into `state`: an event at or below it is a replay. */
    version: integer('version').notNull(),
    /**
     * The folded state without `payments` (those are rows of rm_lease_payments): only the
     * projection's own `handle` reads it back (to fold the next event); queries read the columns.
     */
    state: jsonb('state').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3, mode: 'string' })
      .notNull()
      .defaultNow(),
  },
  (t) => [
    // Who occupies a unit on a date (the property search's vacancy, the property page) from this
    // index alone: an index-only scan per unit, no lease row visited.
    index('rm_leases_unit_idx').on(t.unitId, t.startDate, t.endDate, t.terminatedOn, t.leaseId),
    index('rm_leases_tenant_idx').on(t.tenantId),
    // The lease list's order (newest start first, keyset pages): walked backwards, a page stops
    // after the rows it needs instead of sorting every lease the reader may see.
    index('rm_leases_start_idx').on(t.startDate, t.leaseId),
    // Analytics read this index alone per property (index-only: no lease row is visited): the
    // units leased on a date and the deposits held.
    index('rm_leases_property_idx').on(
      t.propertyId,
      t.startDate,
      t.endDate,
      t.terminatedOn,
      t.unitId,
      t.depositHeldCents,
    ),
    index('rm_leases_search_idx').using('gin', t.search),
    index('rm_leases_end_idx').on(t.propertyId, t.endDate),
    // The analytics' expirations (active leases ending soon, per property) from this index alone:
    // an index-only scan, no lease row visited (the heap visits were most of that statement).
    index('rm_leases_expiring_idx')
      .on(t.propertyId, t.endDate, t.leaseId, t.tenantId, t.unitLabel, t.tenantName)
      .where(sql`${t.storedStatus} = 'active'`),
    // Aging's leases per property: those owing anything now.
    index('rm_leases_open_idx').on(t.propertyId).where(sql`${t.openChargesCents} > 0`),
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
