// Who a read-side query answers for, and the SQL that limits each query to what that reader may
// see (DESIGN.md "Users and access"): tenant own leases, manager own portfolio, auditor/admin all.
import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import type { UserRole } from '../auth/tables';
import { type Lease, leaseToday } from '../domain/lease';
import { todayUtc } from '../domain/shared/dates';

export interface Reader {
  userId: string;
  role: UserRole;
}

/** Options every dated query takes: "today" is pinned by tests and benchmarks. */
export interface AsOfOptions {
  today?: string;
}

export const todayOf = (options: AsOfOptions = {}): string => options.today ?? todayUtc(new Date());

/** A lease's today: pinned by the options, else the local date in its property's time zone. */
export const leaseTodayOf = (options: AsOfOptions, lease: Pick<Lease, 'timeZone'>): string =>
  options.today ?? leaseToday(lease, new Date());

/**
 * The same in SQL, per row: the local date now in the zone of the joined property `p`
 * (rm_properties), unless the options pin one date for every row.
 */
export const localTodaySql = (options: AsOfOptions): SQL =>
  options.today === undefined ? sql`(now() AT TIME ZONE p.time_zone)::date` : sql`${options.today}::date`;

// The row filters themselves are the policy's (server/auth/policy.ts): one place for the rules.
export { leaseScope, propertyScope } from '../auth/policy';

/**
 * A lease occupies its unit on `date` from its start date through its end date, or through the
 * termination's effective date when that is earlier.
 */
export const coversDate = (date: string): SQL =>
  sql`l.start_date <= ${date}::date AND ${date}::date <= least(l.end_date, coalesce(l.terminated_on, l.end_date))`;

/** Address as the API shows it (the shape POST /properties takes). */
export interface Address {
  line1: string;
  city: string;
  state: string;
  postalCode: string;
}

export const addressOf = (row: {
  line1: string;
  city: string;
  state: string;
  postal_code: string;
}): Address => ({
  line1: row.line1,
  city: row.city,
  state: row.state,
  postalCode: row.postal_code,
});
