DROP INDEX "rm_properties_manager_idx";--> statement-breakpoint
CREATE INDEX "rm_leases_expiring_idx" ON "rm_leases" USING btree ("property_id","end_date","lease_id","tenant_id","unit_label","tenant_name") WHERE "rm_leases"."stored_status" = 'active';--> statement-breakpoint
CREATE INDEX "rm_properties_manager_idx" ON "rm_properties" USING btree ("manager_id","property_id");