// Who a notification goes to, read from the read models and the users table: a lease's tenant
// (with the unit and property for the wording), a property's manager, a property's tenants.
// A user id with no account (e.g. test data) yields no recipient.
import 'server-only';
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client';
import type { Recipient } from './deliver';

export interface LeaseContext {
  leaseId: string;
  tenant: Recipient | null;
  manager: Recipient | null;
  propertyId: string;
  /** "Unit 1A, Maple Court (12 Maple St)" */
  place: string;
}

type LeaseRow = {
  lease_id: string;
  property_id: string;
  tenant_id: string | null;
  tenant_name: string | null;
  tenant_email: string | null;
  manager_id: string | null;
  manager_name: string | null;
  manager_email: string | null;
  unit_label: string | null;
  property_name: string | null;
  line1: string | null;
};

const recipient = (id: string | null, name: string | null, email: string | null): Recipient | null =>
  id && name && email ? { userId: id, name, email } : null;

export async function leaseContext(tx: Tx, leaseId: string): Promise<LeaseContext | null> {
  const [row] = await rows<LeaseRow>(
    tx,
    sql`SELECT l.lease_id::text AS lease_id, l.property_id::text AS property_id,
          t.id::text AS tenant_id, t.name AS tenant_name, t.email AS tenant_email,
          m.id::text AS manager_id, m.name AS manager_name, m.email AS manager_email,
          u.label AS unit_label, p.name AS property_name, p.line1
        FROM rm_leases l
        LEFT JOIN users t ON t.id = l.tenant_id
        LEFT JOIN rm_properties p ON p.property_id = l.property_id
        LEFT JOIN users m ON m.id = p.manager_id
        LEFT JOIN rm_units u ON u.unit_id = l.unit_id
        WHERE l.lease_id = ${leaseId}::uuid`,
  );
  if (!row) return null;
  const place = [
    row.unit_label ? `Unit ${row.unit_label}` : null,
    row.property_name,
    row.line1 ? `(${row.line1})` : null,
  ]
    .filter(Boolean)
    .join(', ')
    .replace(', (', ' (');
  return {
    leaseId: row.lease_id,
    propertyId: row.property_id,
    tenant: recipient(row.tenant_id, row.tenant_name, row.tenant_email),
    manager: recipient(row.manager_id, row.manager_name, row.manager_email),
    place: place || 'your lease',
  };
}

/** The tenants with an active lease in the property (once each), and the property's name. */
export async function propertyTenants(
  tx: Tx,
  propertyId: string,
  onDay: string,
): Promise<{ propertyName: string; tenants: Recipient[] }> {
  const found = await rows<{ id: string; name: string; email: string; property_name: string | null }>(
    tx,
    sql`SELECT DISTINCT t.id::text AS id, t.name, t.email, p.name AS property_name
        FROM rm_leases l
        JOIN users t ON t.id = l.tenant_id
        LEFT JOIN rm_properties p ON p.property_id = l.property_id
        WHERE l.property_id = ${propertyId}::uuid AND l.stored_status = 'active'
          AND l.start_date <= ${onDay}::date AND l.end_date >= ${onDay}::date
        ORDER BY 1`,
  );
  return {
    propertyName: found[0]?.property_name ?? 'your building',
    tenants: found.map((row) => ({ userId: row.id, name: row.name, email: row.email })),
  };
}

export async function maintenanceRequest(
  tx: Tx,
  requestId: string,
): Promise<{ leaseId: string; category: string; description: string } | null> {
  const [row] = await rows<{ lease_id: string; category: string; description: string }>(
    tx,
    sql`SELECT lease_id::text AS lease_id, category, description FROM rm_maintenance WHERE request_id = ${requestId}::uuid`,
  );
  return row ? { leaseId: row.lease_id, category: row.category, description: row.description } : null;
}
