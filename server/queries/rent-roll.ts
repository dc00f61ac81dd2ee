// The rent roll: every unit of the reader's portfolio with the lease occupying it today, if any
// (a vacant unit is a row with empty lease fields), ordered by property and unit. Plain columns of
// rm_leases only (its next due date is the projection's): no lease state is unpacked.
import 'server-only';
import { sql } from 'drizzle-orm';
import { type Executor, rows } from '../db/client';
import {
  type Address,
  type AsOfOptions,
  addressOf,
  coversDate,
  propertyScope,
  type Reader,
  todayOf,
} from './scope';

export interface RentRollRow {
  propertyId: string;
  propertyName: string;
  address: Address;
  unitId: string;
  unitLabel: string;
  marketRentCents: number;
  leaseId: string | null;
  tenantName: string | null;
  startDate: string | null;
  endDate: string | null;
  monthlyRentCents: number | null;
  balanceCents: number | null;
  nextDueDate: string | null;
}

export async function getRentRoll(
  db: Executor,
  reader: Reader,
  options: AsOfOptions = {},
): Promise<RentRollRow[]> {
  const today = todayOf(options);
  const found = await rows<{
    property_id: string;
    property_name: string;
    line1: string;
    city: string;
    state: string;
    postal_code: string;
    unit_id: string;
    unit_label: string;
    market_rent_cents: number;
    lease_id: string | null;
    tenant_name: string | null;
    start_date: string | null;
    end_date: string | null;
    monthly_rent_cents: number | null;
    balance_cents: number | null;
    next_due_date: string | null;
  }>(
    db,
    sql`SELECT p.property_id::text, p.name AS property_name, p.line1, p.city, p.state, p.postal_code,
          un.unit_id::text, un.label AS unit_label, un.market_rent_cents, occ.lease_id::text,
          u.name AS tenant_name, occ.start_date::text, occ.end_date::text, occ.monthly_rent_cents,
          occ.balance_cents, occ.next_due_date::text
        FROM rm_properties p
        JOIN rm_units un ON un.property_id = p.property_id
        LEFT JOIN LATERAL (
          SELECT l.* FROM rm_leases l WHERE l.unit_id = un.unit_id AND ${coversDate(today)}
          ORDER BY l.start_date DESC LIMIT 1) occ ON TRUE
        LEFT JOIN users u ON u.id = occ.tenant_id
        WHERE ${propertyScope(reader)}
        ORDER BY p.name, p.property_id, un.label, un.unit_id`,
  );
  return found.map((row) => {
    return {
      propertyId: row.property_id,
      propertyName: row.property_name,
      address: addressOf(row),
      unitId: row.unit_id,
      unitLabel: row.unit_label,
      marketRentCents: Number(row.market_rent_cents),
      leaseId: row.lease_id,
      tenantName: row.tenant_name,
      startDate: row.start_date,
      endDate: row.end_date,
      monthlyRentCents: row.monthly_rent_cents === null ? null : Number(row.monthly_rent_cents),
      balanceCents: row.balance_cents === null ? null : Number(row.balance_cents),
      nextDueDate: row.next_due_date,
    };
  });
}
