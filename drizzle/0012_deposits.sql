ALTER TABLE "rm_leases" ADD COLUMN "deposit_required_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "deposit_held_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "deposit_settled_on" date;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "deposit_refunded_cents" bigint;--> statement-breakpoint
ALTER TABLE "rm_payments" ADD COLUMN "purpose" text DEFAULT 'rent' NOT NULL;