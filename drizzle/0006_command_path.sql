CREATE TABLE "projection_streams" (
	"projection" text NOT NULL,
	"stream_id" text NOT NULL,
	"version" integer NOT NULL,
	"previous_version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "projection_streams_projection_stream_id_pk" PRIMARY KEY("projection","stream_id")
);
--> statement-breakpoint
ALTER TABLE "idempotent_responses" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "idempotent_responses" CASCADE;--> statement-breakpoint
ALTER TABLE "processed_commands" ALTER COLUMN "stream_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "processed_commands" ADD COLUMN "reply" jsonb;