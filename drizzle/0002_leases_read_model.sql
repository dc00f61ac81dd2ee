CREATE TABLE "rm_leases" (
	"lease_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"property_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"terminated_on" date,
	"stored_status" text NOT NULL,
	"monthly_rent_cents" integer NOT NULL,
	"balance_cents" integer NOT NULL,
	"version" integer NOT NULL,
	"state" jsonb NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rm_leases_unit_idx" ON "rm_leases" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "rm_leases_tenant_idx" ON "rm_leases" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "rm_leases_property_idx" ON "rm_leases" USING btree ("property_id");