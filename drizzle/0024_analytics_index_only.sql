DROP INDEX "rm_leases_property_idx";--> statement-breakpoint
DROP INDEX "rm_ledger_items_open_property_idx";--> statement-breakpoint
CREATE INDEX "rm_maintenance_ratings_idx" ON "rm_maintenance" USING btree ("property_id","completed_on","rating") WHERE "rm_maintenance"."rating" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "rm_leases_property_idx" ON "rm_leases" USING btree ("property_id","start_date","end_date","terminated_on","unit_id","deposit_held_cents");--> statement-breakpoint
CREATE INDEX "rm_ledger_items_open_property_idx" ON "rm_ledger_items" USING btree ("property_id","posted_on","kind","waived_on","due_date","open_cents","lease_id","item_id") WHERE "rm_ledger_items"."open_cents" > 0;