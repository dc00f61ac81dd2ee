DROP INDEX "rm_leases_unit_idx";--> statement-breakpoint
CREATE INDEX "rm_leases_unit_idx" ON "rm_leases" USING btree ("unit_id","start_date","end_date","terminated_on","lease_id");