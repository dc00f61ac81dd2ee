CREATE TABLE "projection_parked_streams" (
	"projection" text NOT NULL,
	"stream_id" text NOT NULL,
	"global_position" bigint NOT NULL,
	"version" integer NOT NULL,
	"event_type" text NOT NULL,
	"last_error" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"parked_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"retried_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projection_parked_streams_projection_stream_id_pk" PRIMARY KEY("projection","stream_id")
);
--> statement-breakpoint
CREATE TABLE "auth_failures" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "auth_failures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"at" timestamp(3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rm_leases" ALTER COLUMN "monthly_rent_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "rm_leases" ALTER COLUMN "balance_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "rm_payments" ALTER COLUMN "amount_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "rm_units" ALTER COLUMN "market_rent_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" timestamp(3) with time zone;--> statement-breakpoint
CREATE INDEX "projection_parked_stream_idx" ON "projection_parked_streams" USING btree ("stream_id");--> statement-breakpoint
CREATE INDEX "auth_failures_key_at_idx" ON "auth_failures" USING btree ("key","at");