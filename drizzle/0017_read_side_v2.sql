CREATE TABLE "rm_allocations" (
	"lease_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"seq" integer NOT NULL,
	"property_id" uuid NOT NULL,
	"source_id" text NOT NULL,
	"source_kind" text NOT NULL,
	"item_id" text NOT NULL,
	"item_kind" text NOT NULL,
	"item_due_date" date NOT NULL,
	"cause" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"allocated_on" date NOT NULL,
	CONSTRAINT "rm_allocations_lease_id_version_seq_pk" PRIMARY KEY("lease_id","version","seq")
);
--> statement-breakpoint
CREATE TABLE "rm_ledger_items" (
	"lease_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"property_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"due_date" date NOT NULL,
	"posted_on" date NOT NULL,
	"amount_cents" bigint NOT NULL,
	"paid_cents" bigint NOT NULL,
	"open_cents" bigint NOT NULL,
	"description" text,
	"waived_on" date,
	"waiver_reason" text,
	"version" integer NOT NULL,
	CONSTRAINT "rm_ledger_items_lease_id_item_id_pk" PRIMARY KEY("lease_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "rm_property_months" (
	"property_id" uuid NOT NULL,
	"month" text NOT NULL,
	"charged_cents" bigint DEFAULT 0 NOT NULL,
	"rent_charged_cents" bigint DEFAULT 0 NOT NULL,
	"late_fees_cents" bigint DEFAULT 0 NOT NULL,
	"collected_cents" bigint DEFAULT 0 NOT NULL,
	"reversed_cents" bigint DEFAULT 0 NOT NULL,
	"credits_cents" bigint DEFAULT 0 NOT NULL,
	"waived_cents" bigint DEFAULT 0 NOT NULL,
	"rent_waived_cents" bigint DEFAULT 0 NOT NULL,
	"deposits_change_cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "rm_property_months_property_id_month_pk" PRIMARY KEY("property_id","month")
);
--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "grace_days" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "tenant_name" text;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "tenant_email" text;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "property_name" text;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "property_address" text;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "unit_label" text;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "next_due_date" date;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "next_due_cents" bigint;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "autopay_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "autopay_method" text;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "autopay_cap_cents" bigint;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, coalesce(tenant_name, '') || ' ' || coalesce(tenant_email, '') || ' ' || coalesce(property_name, '') || ' ' || coalesce(property_address, '') || ' ' || coalesce(unit_label, ''))) STORED;--> statement-breakpoint
CREATE INDEX "rm_allocations_item_idx" ON "rm_allocations" USING btree ("lease_id","item_id");--> statement-breakpoint
CREATE INDEX "rm_allocations_property_due_idx" ON "rm_allocations" USING btree ("property_id","item_due_date");--> statement-breakpoint
CREATE INDEX "rm_ledger_items_property_due_idx" ON "rm_ledger_items" USING btree ("property_id","due_date");--> statement-breakpoint
CREATE INDEX "rm_ledger_items_open_idx" ON "rm_ledger_items" USING btree ("lease_id","due_date") WHERE "rm_ledger_items"."open_cents" > 0;--> statement-breakpoint
CREATE INDEX "rm_leases_search_idx" ON "rm_leases" USING gin ("search");--> statement-breakpoint
CREATE INDEX "rm_leases_end_idx" ON "rm_leases" USING btree ("property_id","end_date");--> statement-breakpoint
-- A migration cannot fold events: the leases projection (which now also writes the ledger rows,
-- the rollup and the lease row's plain columns) is replayed from the start by the runner. Its
-- rows, its per-stream claims and its checkpoint go back to nothing; the next catch-up refills them.
DELETE FROM "rm_lease_payments";--> statement-breakpoint
DELETE FROM "rm_leases";--> statement-breakpoint
DELETE FROM "projection_streams" WHERE "projection" = 'leases';--> statement-breakpoint
DELETE FROM "projection_parked_streams" WHERE "projection" = 'leases';--> statement-breakpoint
UPDATE "projection_checkpoints" SET "tx_id" = '0'::xid8, "global_position" = 0, "events_processed" = 0,
  "last_error" = NULL, "failed_tx_id" = NULL, "failed_position" = NULL, "updated_at" = now()
  WHERE "name" = 'leases';
