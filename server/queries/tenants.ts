// The manager's tenant directory: every tenant with a lease in one of their properties or invited
// by them, with the invite's state and their leases there. Search and paging run in SQL.
import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { ForbiddenError } from '../auth/errors';
import { canManageTenants } from '../auth/policy';
import { type Executor, rows } from '../db/client';
import { isLive } from '../domain/lease';
import { type LeaseStatus, leaseStatusOn } from './lease-figures';
import { type AsOfOptions, type Reader, todayOf } from './scope';

/**
 * invited: the invite link works and is not used yet · expired: it ran out before it was used
 * (resend it) · pending: the tenant set a password but has no live lease with this manager ·
 * active: set up, with a future, active or on-notice lease.
 */
export type TenantStatus = 'invited' | 'expired' | 'pending' | 'active';

export interface TenantLease {
  leaseId: string;
  propertyId: string;
  propertyName: string;
  unitLabel: string | null;
  status: LeaseStatus;
  startDate: string;
  endDate: string;
}

export interface TenantEntry {
  tenantId: string;
  name: string;
  email: string;
  status: TenantStatus;
  /** When the open invite stops working (invited), or stopped (expired); null once accepted. */
  inviteExpiresAt: string | null;
  leases: TenantLease[];
}

export interface TenantDirectoryFilter extends AsOfOptions {
  /** Words matched (all of them, case-insensitive) against the name and the email. */
  q?: string;
  limit?: number;
  offset?: number;
  /** "now" for invite expiry (tests pin it). */
  now?: Date;
}

export interface TenantDirectory {
  tenants: TenantEntry[];
  total: number;
}

const like = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function searchCondition(q: string | undefined): SQL {
  const words = (q ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
  if (words.length === 0) return sql`TRUE`;
  return sql.join(
    words.map((word) => sql`(u.name ILIKE ${like(word)} OR u.email ILIKE ${like(word)})`),
    sql` AND `,
  );
}

type TenantRow = {
  id: string;
  name: string;
  email: string;
  accepted: boolean;
  invite_expires_at: string | null;
  total: number;
};

type LeaseRow = {
  tenant_id: string;
  lease_id: string;
  property_id: string;
  property_name: string;
  unit_label: string | null;
  start_date: string;
  end_date: string;
  terminated_on: string | null;
};

/** The directory page: managers only; each sees their own tenants. */
export async function listTenants(
  db: Executor,
  reader: Reader,
  filter: TenantDirectoryFilter = {},
): Promise<TenantDirectory> {
  if (!canManageTenants(reader)) throw new ForbiddenError('Only managers have a tenant directory.');
  const today = todayOf(filter);
  const now = (filter.now ?? new Date()).toISOString();
  const limit = filter.limit ?? 50;
  const offset = filter.offset ?? 0;
  const found = await rows<TenantRow>(
    db,
    sql`WITH mine AS (
          SELECT l.tenant_id AS id FROM rm_leases l
            JOIN rm_properties p ON p.property_id = l.property_id
            WHERE p.manager_id = ${reader.userId}
          UNION
          SELECT i.user_id FROM invites i WHERE i.invited_by = ${reader.userId}
        )
        SELECT u.id::text, u.name, u.email, u.password_hash IS NOT NULL AS accepted,
          to_char((SELECT max(i.expires_at) FROM invites i WHERE i.user_id = u.id AND i.used_at IS NULL)
            AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS invite_expires_at,
          count(*) OVER ()::int AS total
        FROM users u JOIN mine ON mine.id = u.id
        WHERE u.role = 'tenant' AND ${searchCondition(filter.q)}
        ORDER BY lower(u.name), u.id
        LIMIT ${limit} OFFSET ${offset}`,
  );
  const ids = found.map((row) => row.id);
  const leases =
    ids.length === 0
      ? []
      : await rows<LeaseRow>(
          db,
          sql`SELECT l.tenant_id::text, l.lease_id::text, l.property_id::text, p.name AS property_name,
                un.label AS unit_label, l.start_date::text, l.end_date::text, l.terminated_on::text
              FROM rm_leases l
              JOIN rm_properties p ON p.property_id = l.property_id
              LEFT JOIN rm_units un ON un.unit_id = l.unit_id
              WHERE p.manager_id = ${reader.userId}
                AND l.tenant_id IN (${sql.join(
                  ids.map((id) => sql`${id}::uuid`),
                  sql`, `,
                )})
              ORDER BY l.start_date DESC, l.lease_id`,
        );
  const byTenant = new Map<string, TenantLease[]>();
  for (const row of leases) {
    const status = leaseStatusOn(
      { startDate: row.start_date, endDate: row.end_date, terminatedOn: row.terminated_on ?? undefined },
      today,
    );
    const list = byTenant.get(row.tenant_id) ?? [];
    list.push({
      leaseId: row.lease_id,
      propertyId: row.property_id,
      propertyName: row.property_name,
      unitLabel: row.unit_label,
      status,
      startDate: row.start_date,
      endDate: row.end_date,
    });
    byTenant.set(row.tenant_id, list);
  }
  return {
    total: Number(found[0]?.total ?? 0),
    tenants: found.map((row) => {
      const tenantLeases = byTenant.get(row.id) ?? [];
      const expiresAt = row.invite_expires_at;
      const status: TenantStatus = row.accepted
        ? tenantLeases.some((lease) => isLive(lease.status))
          ? 'active'
          : 'pending'
        : expiresAt !== null && expiresAt > now
          ? 'invited'
          : 'expired';
      return {
        tenantId: row.id,
        name: row.name,
        email: row.email,
        status,
        inviteExpiresAt: row.accepted ? null : expiresAt,
        leases: tenantLeases,
      };
    }),
  };
}
