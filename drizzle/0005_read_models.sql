CREATE TABLE "rm_maintenance" (
	"request_id" uuid PRIMARY KEY NOT NULL,
	"lease_id" uuid NOT NULL,
	"property_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"category" text NOT NULL,
	"priority" text NOT NULL,
	"description" text NOT NULL,
	"status" text NOT NULL,
	"scheduled_for" date,
	"completed_on" date,
	"rating" integer,
	"comment" text,
	"requested_on" date NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rm_payments" (
	"payment_id" uuid PRIMARY KEY NOT NULL,
	"lease_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"property_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"payment_date" date NOT NULL,
	"method" text NOT NULL,
	"reference" text,
	"reversed" boolean DEFAULT false NOT NULL,
	"reversal_reason" text,
	"reversed_at" timestamp(3) with time zone,
	"recorded_at" timestamp(3) with time zone NOT NULL,
	"allocations" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rm_notices" (
	"notice_id" uuid PRIMARY KEY NOT NULL,
	"property_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"expires_on" date,
	"posted_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rm_properties" (
	"property_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"line1" text NOT NULL,
	"city" text NOT NULL,
	"state" text NOT NULL,
	"postal_code" text NOT NULL,
	"manager_id" uuid NOT NULL,
	"search" "tsvector" NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rm_units" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"property_id" uuid NOT NULL,
	"label" text NOT NULL,
	"market_rent_cents" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rm_maintenance_property_idx" ON "rm_maintenance" USING btree ("property_id","status");--> statement-breakpoint
CREATE INDEX "rm_maintenance_lease_idx" ON "rm_maintenance" USING btree ("lease_id","status");--> statement-breakpoint
CREATE INDEX "rm_maintenance_tenant_idx" ON "rm_maintenance" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "rm_payments_lease_idx" ON "rm_payments" USING btree ("lease_id","payment_date");--> statement-breakpoint
CREATE INDEX "rm_payments_tenant_idx" ON "rm_payments" USING btree ("tenant_id","payment_date");--> statement-breakpoint
CREATE INDEX "rm_payments_property_idx" ON "rm_payments" USING btree ("property_id","payment_date");--> statement-breakpoint
CREATE INDEX "rm_notices_property_idx" ON "rm_notices" USING btree ("property_id","posted_on");--> statement-breakpoint
CREATE INDEX "rm_properties_manager_idx" ON "rm_properties" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "rm_properties_city_idx" ON "rm_properties" USING btree (lower("city"));--> statement-breakpoint
CREATE INDEX "rm_properties_search_idx" ON "rm_properties" USING gin ("search");--> statement-breakpoint
CREATE INDEX "rm_units_property_idx" ON "rm_units" USING btree ("property_id","market_rent_cents");