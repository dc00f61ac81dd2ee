CREATE TABLE "billing_runs" (
	"run_id" uuid PRIMARY KEY NOT NULL,
	"as_of" date NOT NULL,
	"trigger" text NOT NULL,
	"daily_key" text,
	"status" text NOT NULL,
	"started_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp(3) with time zone,
	"report" jsonb
);
--> statement-breakpoint
CREATE INDEX "billing_runs_daily_idx" ON "billing_runs" USING btree ("daily_key","status");--> statement-breakpoint
CREATE INDEX "billing_runs_started_idx" ON "billing_runs" USING btree ("started_at");