ALTER TABLE "rm_leases" ADD COLUMN "open_due_dates" date[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "open_grace_ends" date[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "open_amounts_cents" bigint[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "rm_leases" ADD COLUMN "open_charges_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The new columns from the ledger rows they mirror (the projection keeps them from now on): each
-- lease's charges open now, in due-date then id order; rent is current through its grace days.
UPDATE "rm_leases" l SET "open_due_dates" = o."due_dates", "open_grace_ends" = o."grace_ends",
    "open_amounts_cents" = o."amounts", "open_charges_cents" = o."total"
  FROM (
    SELECT i."lease_id",
      array_agg(i."due_date" ORDER BY i."due_date", i."item_id" COLLATE "C") AS "due_dates",
      array_agg(i."due_date" + CASE WHEN i."kind" = 'rent' THEN x."grace_days" ELSE 0 END
        ORDER BY i."due_date", i."item_id" COLLATE "C") AS "grace_ends",
      array_agg(i."open_cents" ORDER BY i."due_date", i."item_id" COLLATE "C") AS "amounts",
      sum(i."open_cents")::bigint AS "total"
    FROM "rm_ledger_items" i JOIN "rm_leases" x ON x."lease_id" = i."lease_id"
    WHERE i."open_cents" > 0
      AND i."kind" IN ('rent', 'late_fee', 'fee', 'utility', 'damage', 'nsf_fee', 'recurring', 'other')
    GROUP BY i."lease_id"
  ) o
  WHERE o."lease_id" = l."lease_id";--> statement-breakpoint
CREATE INDEX "rm_leases_open_idx" ON "rm_leases" USING btree ("property_id") WHERE "rm_leases"."open_charges_cents" > 0;
