DROP INDEX "rm_allocations_property_due_idx";--> statement-breakpoint
DROP INDEX "rm_ledger_items_property_due_idx";--> statement-breakpoint
CREATE INDEX "rm_allocations_property_due_idx" ON "rm_allocations" USING btree ("property_id","item_due_date","item_kind","source_kind","amount_cents");--> statement-breakpoint
CREATE INDEX "rm_ledger_items_property_due_idx" ON "rm_ledger_items" USING btree ("property_id","due_date","kind","waived_on","amount_cents");