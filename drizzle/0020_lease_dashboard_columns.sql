ALTER TABLE "rm_leases" ADD COLUMN "deposit_settled_held_cents" bigint;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "deposit_deductions_cents" bigint;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "deposit_applied_to_deductions_cents" bigint;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "deposit_applied_to_balance_cents" bigint;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "deposit_refund_method" text;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "autopay_dates" date[];--> statement-breakpoint
-- A migration cannot fold events: the leases projection fills the new columns (the tenant
-- dashboard's deposit settlement and autopay dates) when it is replayed from the start, so its
-- tables (the lease rows and the ledger rows and rollup it writes), its per-stream claims and its
-- checkpoint go back to nothing and the runner's next catch-up refills them. On a large database
-- run `npm run projections:rebuild -- leases` (the bulk rebuild) after migrating instead of waiting
-- for the runner (docs/operations.md, "Upgrades").
DELETE FROM "rm_allocations";--> statement-breakpoint
DELETE FROM "rm_ledger_items";--> statement-breakpoint
DELETE FROM "rm_property_months";--> statement-breakpoint
DELETE FROM "rm_lease_payments";--> statement-breakpoint
DELETE FROM "rm_leases";--> statement-breakpoint
DELETE FROM "projection_streams" WHERE "projection" = 'leases';--> statement-breakpoint
DELETE FROM "projection_parked_streams" WHERE "projection" = 'leases';--> statement-breakpoint
UPDATE "projection_checkpoints" SET "tx_id" = '0'::xid8, "global_position" = 0, "events_processed" = 0,
  "last_error" = NULL, "failed_tx_id" = NULL, "failed_position" = NULL, "updated_at" = now()
  WHERE "name" = 'leases';
