// Read table of the maintenance projection: one row per request, indexed for the manager's open
// requests and satisfaction (by property) and the tenant's dashboard (by lease).

import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';

export const maintenanceTable = pgTable(
  'rm_maintenance',
  {
    requestId: uuid('request_id').primaryKey(),
    leaseId: uuid('lease_id').notNull(),
    propertyId: uuid('property_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    tenantId: uuid('tenant_id').notNull(),
    category: text('category').notNull(),
    priority: text('priority').notNull(),
    description: text('description').notNull(),
    /** requested | scheduled | completed | cancelled */
    status: text('status').notNull(),
    scheduledFor: date('scheduled_for', { mode: 'string' }),
    completedOn: date('completed_on', { mode: 'string' }),
    rating: integer('rating'),
    comment: text('comment'),
    requestedOn: date('requested_on', { mode: 'string' }).notNull(),
    /** The request stream version applied: an event at or below it is a replay. */
    version: integer('version').notNull(),
  },
  (t) => [
    index('rm_maintenance_property_idx').on(t.propertyId, t.status),
    index('rm_maintenance_lease_idx').on(t.leaseId, t.status),
    index('rm_maintenance_tenant_idx').on(t.tenantId, t.status),
    // Satisfaction over a range: ratings of completed requests, from this index alone.
    index('rm_maintenance_ratings_idx')
      .on(t.propertyId, t.completedOn, t.rating)
      .where(sql`${t.rating} IS NOT NULL`),
  ],
);

export type MaintenanceRow = typeof maintenanceTable.$inferSelect;
