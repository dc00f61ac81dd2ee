ALTER TABLE "invites" ADD COLUMN "invited_by" uuid;--> statement-breakpoint
ALTER TABLE "invites" ADD COLUMN "created_at" timestamp(3) with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "rm_notices" ADD COLUMN "withdrawn_on" date;--> statement-breakpoint
ALTER TABLE "rm_notices" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invites_invited_by_idx" ON "invites" USING btree ("invited_by");