// Read tables of the lease ledger (written by the leases projection, which folds each lease once;
// this module owns their shape and the statements that keep them): one row per ledger item,
// one row per allocation change, and a per-property-per-month rollup moved by deltas.
import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';

/**
 * Every item of a lease's ledger: what it owes (rent, late fees, posted charges, deposit
 * deductions) and the credits granted to it. Rewritten whenever the item changes (paid, reopened,
 * waived), so `open_cents` is what is owed on it now.
 */
export const ledgerItemsTable = pgTable(
  'rm_ledger_items',
  {
    leaseId: uuid('lease_id').notNull(),
    /** The item's id on the lease: the charge id, late fee id or credit id. */
    itemId: text('item_id').notNull(),
    propertyId: uuid('property_id').notNull(),
    /**
     * rent, late_fee, fee, utility, damage, nsf_fee, recurring, other, deposit (a deduction from the
     * security deposit), credit (a concession or a termination's credit), deposit_credit (the held
     * deposit applied to deductions and balance at settlement).
     */
    kind: text('kind').notNull(),
    period: text('period').notNull(),
    /** When it is due; for a credit, the day it was granted. */
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    /** The day the item was recorded (the lease's local date): an "as of" reading skips later ones. */
    postedOn: date('posted_on', { mode: 'string' }).notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    /** Charges: what is paid of it now. Credits: what of it was applied. */
    paidCents: bigint('paid_cents', { mode: 'number' }).notNull(),
    /** Charges: what is still owed on it now (0 once waived). Credits: what is unused. */
    openCents: bigint('open_cents', { mode: 'number' }).notNull(),
    description: text('description'),
    waivedOn: date('waived_on', { mode: 'string' }),
    waiverReason: text('waiver_reason'),
    /** The stream version that last wrote the row. */
    version: integer('version').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.leaseId, t.itemId] }),
    // The analytics' sums of charges due in a range read this index alone (an index-only scan
    // once vacuumed): the filter and summed columns are in it.
    index('rm_ledger_items_property_due_idx').on(t.propertyId, t.dueDate, t.kind, t.waivedOn, t.amountCents),
    index('rm_ledger_items_open_idx').on(t.leaseId, t.dueDate).where(sql`${t.openCents} > 0`),
    // Aging's candidates per property: what is open now, and what was waived (after its as-of date).
    // (Index-only: every column aging reads of an open item is in the index.)
    index('rm_ledger_items_open_property_idx')
      .on(t.propertyId, t.postedOn, t.kind, t.waivedOn, t.dueDate, t.openCents, t.leaseId, t.itemId)
      .where(sql`${t.openCents} > 0`),
    index('rm_ledger_items_waived_idx').on(t.propertyId, t.waivedOn).where(sql`${t.waivedOn} IS NOT NULL`),
  ],
);

/**
 * What paid what, as changes: a payment (or a credit) settling part of an item is a positive row
 * dated the day it happened; a reversal takes the payment's allocations back as negative rows dated
 * the reversal's day, a waiver gives the payers back what they paid of it (negative rows on the
 * waiver's day). The sum over an item is what is paid of it now; the sum up to a date, then.
 */
export const allocationsTable = pgTable(
  'rm_allocations',
  {
    leaseId: uuid('lease_id').notNull(),
    /** The stream version of the event that made the change, and its position among the event's rows. */
    version: integer('version').notNull(),
    seq: integer('seq').notNull(),
    propertyId: uuid('property_id').notNull(),
    /** The payment or credit the money came from. */
    sourceId: text('source_id').notNull(),
    /** payment, credit (concession or termination) or deposit_credit (the deposit applied). */
    sourceKind: text('source_kind').notNull(),
    itemId: text('item_id').notNull(),
    itemKind: text('item_kind').notNull(),
    itemDueDate: date('item_due_date', { mode: 'string' }).notNull(),
    /** allocation (credit or a payment settling an item), reversal, waiver (given back to the payer). */
    cause: text('cause').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    allocatedOn: date('allocated_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.leaseId, t.version, t.seq] }),
    index('rm_allocations_item_idx').on(t.leaseId, t.itemId),
    // The same for what payments paid of the charges due in a range.
    index('rm_allocations_property_due_idx').on(
      t.propertyId,
      t.itemDueDate,
      t.itemKind,
      t.sourceKind,
      t.amountCents,
    ),
    index('rm_allocations_property_on_idx').on(t.propertyId, t.allocatedOn),
  ],
);

/**
 * Per property and calendar month, moved by deltas as events are applied (each stream version
 * once). Months are fixed when a figure is booked: charges by their due date's month, collections
 * by the month of the item they paid (late payments add to it: "paid so far"), reversals, waivers,
 * credits and deposit movements by the month they happen — so a reversal never lowers a closed
 * month's collected figure.
 */
export const propertyMonthsTable = pgTable(
  'rm_property_months',
  {
    propertyId: uuid('property_id').notNull(),
    /** `YYYY-MM`. */
    month: text('month').notNull(),
    /** Rent, late fees and other charges due in the month (deposit deductions apart). */
    chargedCents: bigint('charged_cents', { mode: 'number' }).notNull().default(0),
    rentChargedCents: bigint('rent_charged_cents', { mode: 'number' }).notNull().default(0),
    lateFeesCents: bigint('late_fees_cents', { mode: 'number' }).notNull().default(0),
    /** Payments (and the deposit applied) allocated to charges due in the month; less what waivers in the month gave back. */
    collectedCents: bigint('collected_cents', { mode: 'number' }).notNull().default(0),
    /** Allocations taken back by reversals recorded in the month. */
    reversedCents: bigint('reversed_cents', { mode: 'number' }).notNull().default(0),
    /** Credits granted in the month (concessions, termination credits; not the deposit applied). */
    creditsCents: bigint('credits_cents', { mode: 'number' }).notNull().default(0),
    /** Amounts waived in the month, and the rent part of them. */
    waivedCents: bigint('waived_cents', { mode: 'number' }).notNull().default(0),
    rentWaivedCents: bigint('rent_waived_cents', { mode: 'number' }).notNull().default(0),
    /** The change of the deposits held during the month (received less reversed and settled). */
    depositsChangeCents: bigint('deposits_change_cents', { mode: 'number' }).notNull().default(0),
    /**
     * The collection rate's figures by the month items are due in, as they stand now (unlike the
     * closed-month columns above): charges due in the month and not waived (rent, late fees and
     * other charges; no deposit deductions), and what payments and the deposit applied have paid
     * of them, net of reversals and waivers (no concession credits). Sums of rm_ledger_items and
     * rm_allocations rows, kept by the same deltas.
     */
    dueChargedCents: bigint('due_charged_cents', { mode: 'number' }).notNull().default(0),
    dueCollectedCents: bigint('due_collected_cents', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.propertyId, t.month] })],
);

export type LedgerItemRow = typeof ledgerItemsTable.$inferSelect;
export type AllocationRow = typeof allocationsTable.$inferSelect;
export type PropertyMonthRow = typeof propertyMonthsTable.$inferSelect;
