CREATE TABLE "rm_lease_payments" (
	"lease_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"payment_id" uuid NOT NULL,
	"payment" jsonb NOT NULL,
	CONSTRAINT "rm_lease_payments_lease_id_seq_pk" PRIMARY KEY("lease_id","seq")
);
--> statement-breakpoint
-- Existing rows: move each lease's payment records out of its state into rows of their own.
INSERT INTO "rm_lease_payments" ("lease_id", "seq", "payment_id", "payment")
SELECT l.lease_id, (p.ordinality - 1)::integer, (p.value->>'paymentId')::uuid, p.value
FROM "rm_leases" l, jsonb_array_elements(l.state->'payments') WITH ORDINALITY AS p(value, ordinality)
WHERE jsonb_typeof(l.state->'payments') = 'array';
--> statement-breakpoint
UPDATE "rm_leases" SET "state" = "state" - 'payments' WHERE "state"->'payments' IS NOT NULL;
