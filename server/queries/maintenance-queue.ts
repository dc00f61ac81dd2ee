// The manager's maintenance queue: requests of the properties they manage (rm_maintenance), newest
// first within priority, filtered by status and priority. Scope is enforced in SQL.
import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Executor, rows } from '../db/client';
import { prioritySchema } from '../domain/maintenance';
import { propertyScope, type Reader } from './scope';

const MAINTENANCE_STATUSES = ['requested', 'scheduled', 'completed', 'cancelled'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

const blank = (value: unknown) => (value === '' ? undefined : value);

/** ?status=&priority=: 'open' = requested or scheduled (the default). */
export const maintenanceQueueQuery = z.strictObject({
  status: z.preprocess(blank, z.enum([...MAINTENANCE_STATUSES, 'open', 'all']).default('open')),
  priority: z.preprocess(blank, prioritySchema.optional()),
});
export type MaintenanceQueueFilter = z.output<typeof maintenanceQueueQuery>;

export interface MaintenanceQueueItem {
  requestId: string;
  leaseId: string;
  propertyId: string;
  propertyName: string;
  unitLabel: string | null;
  tenantName: string | null;
  category: string;
  priority: string;
  description: string;
  status: MaintenanceStatus;
  requestedOn: string;
  scheduledFor: string | null;
  completedOn: string | null;
  rating: number | null;
}

/** At most this many rows; the queue is a work list, not an archive. */
export const MAINTENANCE_QUEUE_LIMIT = 500;

function statusCondition(status: MaintenanceQueueFilter['status']): SQL {
  if (status === 'all') return sql`TRUE`;
  if (status === 'open') return sql`m.status IN ('requested', 'scheduled')`;
  return sql`m.status = ${status}`;
}

export async function listMaintenanceQueue(
  db: Executor,
  reader: Reader,
  filter: MaintenanceQueueFilter,
): Promise<MaintenanceQueueItem[]> {
  const found = await rows<{
    request_id: string;
    lease_id: string;
    property_id: string;
    property_name: string;
    unit_label: string | null;
    tenant_name: string | null;
    category: string;
    priority: string;
    description: string;
    status: MaintenanceStatus;
    requested_on: string;
    scheduled_for: string | null;
    completed_on: string | null;
    rating: number | null;
  }>(
    db,
    sql`SELECT m.request_id::text, m.lease_id::text, m.property_id::text, p.name AS property_name,
          un.label AS unit_label, u.name AS tenant_name, m.category, m.priority, m.description, m.status,
          m.requested_on::text, m.scheduled_for::text, m.completed_on::text, m.rating
        FROM rm_maintenance m
        JOIN rm_properties p ON p.property_id = m.property_id
        LEFT JOIN rm_units un ON un.unit_id = m.unit_id
        LEFT JOIN users u ON u.id = m.tenant_id
        WHERE ${propertyScope(reader)} AND ${statusCondition(filter.status)}
          AND ${filter.priority ? sql`m.priority = ${filter.priority}` : sql`TRUE`}
        ORDER BY CASE m.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END,
          m.requested_on DESC, m.request_id
        LIMIT ${MAINTENANCE_QUEUE_LIMIT}`,
  );
  return found.map((r) => ({
    requestId: r.request_id,
    leaseId: r.lease_id,
    propertyId: r.property_id,
    propertyName: r.property_name,
    unitLabel: r.unit_label,
    tenantName: r.tenant_name,
    category: r.category,
    priority: r.priority,
    description: r.description,
    status: r.status,
    requestedOn: r.requested_on,
    scheduledFor: r.scheduled_for,
    completedOn: r.completed_on,
    rating: r.rating === null ? null : Number(r.rating),
  }));
}
