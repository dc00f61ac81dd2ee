ALTER TABLE "rm_property_months" ADD COLUMN "due_charged_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rm_property_months" ADD COLUMN "due_collected_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The new columns from the rows they sum (the projection keeps them by deltas from now on).
INSERT INTO "rm_property_months" AS m ("property_id", "month", "due_charged_cents", "due_collected_cents")
SELECT "property_id", "month", sum("charged"), sum("collected") FROM (
  SELECT "property_id", to_char("due_date", 'YYYY-MM') AS "month", "amount_cents" AS "charged", 0::bigint AS "collected"
    FROM "rm_ledger_items"
    WHERE "kind" IN ('rent', 'late_fee', 'fee', 'utility', 'damage', 'nsf_fee', 'recurring', 'other') AND "waived_on" IS NULL
  UNION ALL
  SELECT "property_id", to_char("item_due_date", 'YYYY-MM'), 0::bigint, "amount_cents"
    FROM "rm_allocations"
    WHERE "item_kind" IN ('rent', 'late_fee', 'fee', 'utility', 'damage', 'nsf_fee', 'recurring', 'other') AND "source_kind" <> 'credit'
) AS sums
GROUP BY 1, 2
ON CONFLICT ("property_id", "month") DO UPDATE
  SET "due_charged_cents" = excluded."due_charged_cents", "due_collected_cents" = excluded."due_collected_cents";
