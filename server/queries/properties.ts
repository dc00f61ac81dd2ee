// Property search and one property with its units. Vacancy is derived at read time: a unit is
// occupied on a date when a lease covers that date (see coversDate).
import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, rows } from '../db/client';
import { localDate } from '../domain/shared/dates';
import { type Cursor, encodeCursor } from './schemas';
import {
  type Address,
  type AsOfOptions,
  addressOf,
  coversDate,
  localTodaySql,
  propertyScope,
  type Reader,
  todayOf,
} from './scope';

export interface PropertySearch extends AsOfOptions {
  /** Words (prefixes) of the name and address, full-text search; all must match. */
  q?: string;
  /** Exact city, case-insensitive. */
  city?: string;
  /** true: at least one vacant unit; false: fully let. */
  vacant?: boolean;
  /** A unit (a vacant one, with vacant=true) whose market rent lies in the range. */
  minRentCents?: number;
  maxRentCents?: number;
  /** Page size (default 100). */
  limit?: number;
  /** The `next` of the previous page, decoded: [name, property id] of its last property. */
  cursor?: Cursor;
}

export interface PropertyPage {
  properties: PropertySummary[];
  /** The cursor of the following page; null on the last. */
  next: string | null;
}

export interface PropertySummary {
  propertyId: string;
  name: string;
  address: Address;
  city: string;
  managerId: string;
  units: number;
  vacantUnits: number;
  minRentCents: number;
  maxRentCents: number;
}

export interface PropertyDetail {
  propertyId: string;
  name: string;
  address: Address;
  /** IANA zone: the property's "today" (occupancy here, and its leases' dates) is local to it. */
  timeZone: string;
  managerId: string;
  units: {
    unitId: string;
    label: string;
    marketRentCents: number;
    occupied: boolean;
    currentLeaseId: string | null;
  }[];
}

/** A to_tsquery('simple') of every word as a prefix; letters and digits only, so always valid. */
export function prefixQuery(q: string): string | null {
  const words = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return words.length === 0 ? null : words.map((word) => `${word}:*`).join(' & ');
}

/** Each unit with the lease occupying it on `date` (the latest-starting one), if any. */
const unitsWithOccupant = (date: string): SQL =>
  sql`rm_units un LEFT JOIN LATERAL (
        SELECT l.lease_id FROM rm_leases l WHERE l.unit_id = un.unit_id AND ${coversDate(date)}
        ORDER BY l.start_date DESC LIMIT 1) occ ON TRUE`;

type SummaryRow = {
  property_id: string;
  name: string;
  line1: string;
  city: string;
  state: string;
  postal_code: string;
  manager_id: string;
  units: number;
  vacant_units: number;
  min_rent: number | null;
  max_rent: number | null;
};

export async function searchProperties(
  db: Executor,
  reader: Reader,
  search: PropertySearch = {},
): Promise<PropertyPage> {
  const today = todayOf(search);
  const limit = search.limit ?? 100;
  const where: SQL[] = [propertyScope(reader)];
  if (search.cursor) {
    const [name, propertyId] = search.cursor;
    where.push(sql`(p.name, p.property_id) > (${name}, ${propertyId}::uuid)`);
  }
  const tsquery = search.q ? prefixQuery(search.q) : null;
  if (tsquery) where.push(sql`p.search @@ to_tsquery('simple', ${tsquery})`);
  if (search.city?.trim()) where.push(sql`lower(p.city) = lower(${search.city.trim()})`);
  const having: SQL[] = [sql`TRUE`];
  if (search.vacant === true) having.push(sql`count(*) FILTER (WHERE occ.unit_id IS NULL) > 0`);
  if (search.vacant === false) having.push(sql`count(*) FILTER (WHERE occ.unit_id IS NULL) = 0`);
  if (search.minRentCents !== undefined || search.maxRentCents !== undefined) {
    const inRange = sql`un.market_rent_cents BETWEEN ${search.minRentCents ?? 0} AND ${search.maxRentCents ?? 2_147_483_647}`;
    having.push(
      search.vacant === true ? sql`bool_or(${inRange} AND occ.unit_id IS NULL)` : sql`bool_or(${inRange})`,
    );
  }
  // The units leased on `today`, from the leases of the properties in scope (an index-only scan of
  // rm_leases_property_idx, hashed): one index probe per unit instead (unitsWithOccupant, which the
  // property page keeps for its lease ids) was 2,809 probes and most of the 2,701-lease manager's search.
  const found = await rows<SummaryRow>(
    db,
    sql`SELECT p.property_id::text, p.name, p.line1, p.city, p.state, p.postal_code, p.manager_id::text,
          count(un.unit_id)::int AS units,
          count(un.unit_id) FILTER (WHERE occ.unit_id IS NULL)::int AS vacant_units,
          min(un.market_rent_cents) AS min_rent, max(un.market_rent_cents) AS max_rent
        FROM rm_properties p JOIN rm_units un ON un.property_id = p.property_id
        LEFT JOIN (SELECT DISTINCT l.unit_id FROM rm_leases l
          WHERE l.property_id = ANY (ARRAY(SELECT p.property_id FROM rm_properties p WHERE ${sql.join(where, sql` AND `)}))
            AND ${coversDate(today)}) occ ON occ.unit_id = un.unit_id
        WHERE ${sql.join(where, sql` AND `)}
        GROUP BY p.property_id
        HAVING ${sql.join(having, sql` AND `)}
        ORDER BY p.name, p.property_id
        LIMIT ${limit + 1}`,
  );
  const page = found.slice(0, limit);
  const last = page.at(-1);
  const properties = page.map((row) => ({
    propertyId: row.property_id,
    name: row.name,
    address: addressOf(row),
    city: row.city,
    managerId: row.manager_id,
    units: Number(row.units),
    vacantUnits: Number(row.vacant_units),
    minRentCents: Number(row.min_rent ?? 0),
    maxRentCents: Number(row.max_rent ?? 0),
  }));
  return {
    properties,
    next: found.length > limit && last ? encodeCursor([last.name, last.property_id]) : null,
  };
}

/** GET /properties/:id: null for an unknown property and for one the reader may not see alike. */
export async function getProperty(
  db: Executor,
  reader: Reader,
  propertyId: string,
  options: AsOfOptions = {},
): Promise<PropertyDetail | null> {
  const [property] = await rows<
    Omit<SummaryRow, 'units' | 'vacant_units' | 'min_rent' | 'max_rent'> & { time_zone: string }
  >(
    db,
    sql`SELECT p.property_id::text, p.name, p.line1, p.city, p.state, p.postal_code, p.manager_id::text,
          p.time_zone
        FROM rm_properties p WHERE p.property_id = ${propertyId} AND ${propertyScope(reader)}`,
  );
  if (!property) return null;
  const today = options.today ?? localDate(new Date(), property.time_zone);
  const units = await rows<{
    unit_id: string;
    label: string;
    market_rent_cents: number;
    lease_id: string | null;
  }>(
    db,
    sql`SELECT un.unit_id::text, un.label, un.market_rent_cents, occ.lease_id::text
        FROM ${unitsWithOccupant(today)}
        WHERE un.property_id = ${propertyId}
        ORDER BY un.label, un.unit_id`,
  );
  return {
    propertyId: property.property_id,
    name: property.name,
    address: addressOf(property),
    timeZone: property.time_zone,
    managerId: property.manager_id,
    units: units.map((unit) => ({
      unitId: unit.unit_id,
      label: unit.label,
      marketRentCents: Number(unit.market_rent_cents),
      occupied: unit.lease_id !== null,
      currentLeaseId: unit.lease_id,
    })),
  };
}

/** Every time zone the portfolio's properties are in (the daily billing follows each local date). */
export async function propertyTimeZones(db: Executor): Promise<string[]> {
  const found = await rows<{ time_zone: string }>(
    db,
    sql`SELECT DISTINCT time_zone FROM rm_properties ORDER BY time_zone`,
  );
  return found.map((row) => row.time_zone);
}

export interface PropertyNotice {
  noticeId: string;
  title: string;
  body: string;
  postedOn: string;
  expiresOn: string | null;
  withdrawnOn: string | null;
  withdrawnReason: string | null;
  /** What tenants see today: `shown`, or why not. */
  visibility: 'shown' | 'expired' | 'withdrawn';
}

/**
 * Every notice of a property the reader may see, newest first, with whether its tenants see it
 * today (the property's local date).
 */
export async function listPropertyNotices(
  db: Executor,
  reader: Reader,
  propertyId: string,
  options: AsOfOptions & { limit?: number } = {},
): Promise<PropertyNotice[]> {
  const found = await rows<{
    notice_id: string;
    title: string;
    body: string;
    posted_on: string;
    expires_on: string | null;
    withdrawn_on: string | null;
    withdrawn_reason: string | null;
    expired: boolean;
  }>(
    db,
    sql`SELECT n.notice_id::text, n.title, n.body, n.posted_on::text, n.expires_on::text,
          n.withdrawn_on::text, n.withdrawn_reason,
          coalesce(n.expires_on < ${localTodaySql(options)}, false) AS expired
        FROM rm_notices n JOIN rm_properties p ON p.property_id = n.property_id
        WHERE n.property_id = ${propertyId} AND ${propertyScope(reader)}
        ORDER BY n.posted_on DESC, n.notice_id
        LIMIT ${options.limit ?? 100}`,
  );
  return found.map((row) => ({
    noticeId: row.notice_id,
    title: row.title,
    body: row.body,
    postedOn: row.posted_on,
    expiresOn: row.expires_on,
    withdrawnOn: row.withdrawn_on,
    withdrawnReason: row.withdrawn_reason,
    visibility: row.withdrawn_on !== null ? 'withdrawn' : row.expired ? 'expired' : 'shown',
  }));
}
