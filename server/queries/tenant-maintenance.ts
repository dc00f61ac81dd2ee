// A tenant's maintenance requests, open and closed (the dashboard read model keeps only open
// ones): what the tenant follows and rates on /tenant/maintenance. Scoped to the tenant's leases.
import 'server-only';
import { sql } from 'drizzle-orm';
import { type Executor, rows } from '../db/client';
import type { Reader } from './scope';

export interface TenantMaintenanceRequest {
  requestId: string;
  leaseId: string;
  category: string;
  priority: string;
  description: string;
  /** requested | scheduled | completed | cancelled */
  status: string;
  requestedOn: string;
  scheduledFor: string | null;
  completedOn: string | null;
  rating: number | null;
  comment: string | null;
}

export async function listTenantMaintenance(
  db: Executor,
  reader: Reader,
): Promise<TenantMaintenanceRequest[]> {
  if (reader.role !== 'tenant') return [];
  const found = await rows<{
    request_id: string;
    lease_id: string;
    category: string;
    priority: string;
    description: string;
    status: string;
    requested_on: string;
    scheduled_for: string | null;
    completed_on: string | null;
    rating: number | null;
    comment: string | null;
  }>(
    db,
    sql`SELECT request_id::text, lease_id::text, category, priority, description, status, requested_on::text,
          scheduled_for::text, completed_on::text, rating, comment
        FROM rm_maintenance WHERE tenant_id = ${reader.userId}
        ORDER BY (status IN ('requested', 'scheduled')) DESC, requested_on DESC, request_id
        LIMIT 200`,
  );
  return found.map((m) => ({
    requestId: m.request_id,
    leaseId: m.lease_id,
    category: m.category,
    priority: m.priority,
    description: m.description,
    status: m.status,
    requestedOn: m.requested_on,
    scheduledFor: m.scheduled_for,
    completedOn: m.completed_on,
    rating: m.rating === null ? null : Number(m.rating),
    comment: m.comment,
  }));
}
