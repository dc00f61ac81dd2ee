// Manager analytics over a date range, from plain read rows: rm_property_months (the rollup the
// leases projection moves by deltas), rm_ledger_items and rm_allocations (ledger items and what
// paid them), rm_leases columns, rm_units/rm_properties, rm_maintenance. Nothing unpacks a lease's
// folded state. Definitions (DESIGN.md "Read models"; integer cents, ratios 4 decimals, not capped):
//
// - asOf = min(to, today): the date physical occupancy and aging are measured on.
// - Physical occupancy = units with a lease covering asOf / units (see coversDate).
// - Gross potential rent (GPR) = every current unit's market rent for each day of the range: per
//   calendar month, total market rent x its days in the range / its days, half-up to the cent,
//   summed (2027-03-15..2027-04-30 = 17/31 + 30/30 of a month's market rent).
// - Economic occupancy = (rent charged for periods due in the range - credits granted in the
//   range - rent waived in the range) / GPR (rollup: rent_charged - credits - rent_waived). Late
//   fees, other charges, prepayments and arrears do not count. Null when GPR is 0.
// - Collection rate = of the rent and other charges (late fees, posted charges; not deposit
//   deductions) due in the range and not waived (collection.chargedCents), the share paid so far
//   by payments and the deposit applied (collection.collectedCents: the sum of rm_allocations to
//   those items, net of reversals and waivers; a concession credit is not a collection). A
//   prepayment counts only once allocated to a charge due in the range, an old fee paid in the range
//   does not, arrears lower it. Null when nothing was charged.
// - Months and properties (the rollup): chargedCents = charges due in the month; collectedCents =
//   what payments allocated to charges due in the month, less what reversals recorded in that
//   month took back (reversedCents) — a reversal never changes an earlier month.
// - Delinquency aging as of asOf: every charge posted by asOf and not waived by then with an
//   amount open as of asOf (amount - allocations dated on or before asOf). Rent is past due once
//   its grace days have passed, other items after their due date; days past due = asOf - due date,
//   bucketed 1-30, 31-60, 61-90, 91+. Open items not yet past due (due today or later, in grace)
//   are `current`, apart from the buckets and from totalCents.
// - Deposits held: now, per lease (received, not reversed, not yet settled).
// - Expirations: leases not terminated whose end date falls in [today, today + 90 days].
// - Satisfaction: ratings of requests completed in [from, to], average per property and overall.
import 'server-only';
import { and, between, eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { type Executor, isEmbedded, rows } from '../db/client';
import {
  addDays,
  dayNumber,
  daysInclusive,
  daysInPeriod,
  lastDayOf,
  maxDate,
  minDate,
  nextPeriod,
  periodOf,
} from '../domain/shared/dates';
import { prorate } from '../domain/shared/money';
import { CHARGE_KINDS } from '../projections/ledger/statements';
import { allocationsTable, ledgerItemsTable, propertyMonthsTable } from '../projections/ledger/tables';
import { propertiesTable } from '../projections/properties/tables';
import { cachedRead } from './read-cache';
import { type AsOfOptions, coversDate, type Reader, todayOf } from './scope';

export interface AnalyticsRange extends AsOfOptions {
  from: string;
  to: string;
}

export interface AgingBuckets {
  /** Open, not yet past due (due today or later, or rent still in grace); not in totalCents. */
  currentCents: number;
  days1to30: number;
  days31to60: number;
  days61to90: number;
  days91plus: number;
  totalCents: number;
}

export interface ManagerAnalytics {
  managerId: string;
  from: string;
  to: string;
  asOf: string;
  totals: { properties: number; units: number };
  occupancy: {
    leasedUnits: number;
    units: number;
    physical: number | null;
    grossPotentialRentCents: number;
    /** Rent charged for periods due in the range, less credits and rent waived in it. */
    economicRentCents: number;
    economic: number | null;
  };
  collection: { chargedCents: number; collectedCents: number; rate: number | null };
  /** Security deposits held now (paid, not reversed, not yet settled), over the manager's leases. */
  deposits: { heldCents: number; leases: number };
  months: {
    month: string;
    chargedCents: number;
    /** Allocated to the month's charges, less what reversals recorded in the month took back. */
    collectedCents: number;
    reversedCents: number;
    rentChargedCents: number;
    lateFeesCents: number;
    creditsCents: number;
    waivedCents: number;
  }[];
  properties: {
    propertyId: string;
    name: string;
    units: number;
    leasedUnits: number;
    chargedCents: number;
    collectedCents: number;
    /** Security deposits held now on the property's leases. */
    depositsHeldCents: number;
    openMaintenance: number;
    averageRating: number | null;
    ratings: number;
  }[];
  maintenance: { open: number; byPriority: Record<string, number> };
  delinquency: AgingBuckets & {
    leases: (AgingBuckets & {
      leaseId: string;
      tenantId: string;
      tenantName: string | null;
      propertyId: string;
      unitLabel: string | null;
      oldestDueDate: string;
    })[];
  };
  expirations: {
    leaseId: string;
    tenantId: string;
    tenantName: string | null;
    propertyId: string;
    unitLabel: string | null;
    endDate: string;
    daysLeft: number;
  }[];
  satisfaction: { averageRating: number | null; ratings: number };
}

const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 10_000 : null;

const emptyMonth = (month: string): ManagerAnalytics['months'][number] => ({
  month,
  chargedCents: 0,
  collectedCents: 0,
  reversedCents: 0,
  rentChargedCents: 0,
  lateFeesCents: 0,
  creditsCents: 0,
  waivedCents: 0,
});

/** The calendar months the range touches, with how many of their days lie in the range. */
function monthsInRange(from: string, to: string): { month: string; days: number }[] {
  const months: { month: string; days: number }[] = [];
  for (let month = periodOf(from); month <= periodOf(to); month = nextPeriod(month)) {
    months.push({ month, days: daysInclusive(maxDate(from, `${month}-01`), minDate(to, lastDayOf(month))) });
  }
  return months;
}

const num = (value: unknown): number => Number(value ?? 0);

/** The projections whose tables the analytics read (the users table only through rm_leases). */
const ANALYTICS_PROJECTIONS = ['leases', 'maintenance', 'properties'] as const;

/** A kept answer: the analytics and, made once on first use, their JSON as UTF-8 bytes. */
interface KeptAnalytics {
  analytics: ManagerAnalytics;
  json(): Uint8Array<ArrayBuffer>;
}

function keptAnalytics(db: Executor, reader: Reader, range: AnalyticsRange): Promise<KeptAnalytics> {
  const today = todayOf(range);
  const key = `manager-analytics:${reader.role}:${reader.userId}:${range.from}:${range.to}:${today}`;
  return cachedRead(db, ANALYTICS_PROJECTIONS, key, async () => {
    const analytics = await getManagerAnalytics(db, reader, { from: range.from, to: range.to, today });
    let bytes: Uint8Array<ArrayBuffer> | undefined;
    return { analytics, json: () => (bytes ??= new TextEncoder().encode(JSON.stringify(analytics))) };
  });
}

/**
 * getManagerAnalytics, reused while those read models stand still (read-cache.ts): the page and
 * the aging CSV read through here; the same manager, range and day get the same answer (frozen:
 * do not change it) until the next event goes through the projections.
 */
export async function cachedManagerAnalytics(
  db: Executor,
  reader: Reader,
  range: AnalyticsRange,
): Promise<ManagerAnalytics> {
  return (await keptAnalytics(db, reader, range)).analytics;
}

/** The same, as the API sends it: the JSON bytes are kept with the answer (141 kB for 2,701 leases). */
export async function cachedManagerAnalyticsJson(
  db: Executor,
  reader: Reader,
  range: AnalyticsRange,
): Promise<Uint8Array<ArrayBuffer>> {
  return (await keptAnalytics(db, reader, range)).json();
}

export async function getManagerAnalytics(
  db: Executor,
  reader: Reader,
  range: AnalyticsRange,
): Promise<ManagerAnalytics> {
  const managerId = reader.userId;
  const { from, to } = range;
  const today = todayOf(range);
  const asOf = minDate(to, today);

  const unitsQuery = rows<{
    property_id: string;
    name: string;
    units: number;
    leased: number;
    market: number;
    deposits_held: number;
    deposit_leases: number;
  }>(
    db,
    // Per property: its units and their market rent, the units leases cover on asOf, and the
    // deposits held now (paid, not reversed, not yet settled) — the lease figures from
    // rm_leases_property_idx alone (an index-only scan, no lease row visited).
    sql`SELECT p.property_id::text, p.name, coalesce(u.units, 0)::int AS units,
          coalesce(o.leased, 0)::int AS leased, coalesce(u.market, 0)::bigint AS market,
          coalesce(o.deposits_held, 0)::bigint AS deposits_held, coalesce(o.deposit_leases, 0)::int AS deposit_leases
        FROM rm_properties p
        LEFT JOIN LATERAL (SELECT count(*) AS units, sum(un.market_rent_cents) AS market
          FROM rm_units un WHERE un.property_id = p.property_id) u ON true
        LEFT JOIN LATERAL (SELECT count(DISTINCT l.unit_id) FILTER (WHERE ${coversDate(asOf)}) AS leased,
            sum(l.deposit_held_cents) AS deposits_held,
            count(*) FILTER (WHERE l.deposit_held_cents > 0) AS deposit_leases
          FROM rm_leases l WHERE l.property_id = p.property_id) o ON true
        WHERE p.manager_id = ${managerId}
        ORDER BY p.name, p.property_id`,
  );
  // `= ANY (ARRAY(…))`: one index range per property (IN made a hash join over every row on the
  // server, and PGlite's planner merged over every property's range).
  const ofMine = (column: PgColumn) =>
    sql`${column} = ANY (ARRAY(${db
      .select({ id: propertiesTable.propertyId })
      .from(propertiesTable)
      .where(eq(propertiesTable.managerId, managerId))}))`;
  // Summed per month and per property (GROUPING SETS: the other column is NULL in each row), as
  // the answer sums them: Node parses ~70 rows instead of one per property and month (~700).
  const total = (column: PgColumn) => sql<number>`coalesce(sum(${column}), 0)::bigint`.mapWith(Number);
  const monthRowsQuery = db
    .select({
      propertyId: sql<string | null>`${propertyMonthsTable.propertyId}`,
      month: sql<string | null>`${propertyMonthsTable.month}`,
      chargedCents: total(propertyMonthsTable.chargedCents),
      rentChargedCents: total(propertyMonthsTable.rentChargedCents),
      collectedCents: total(propertyMonthsTable.collectedCents),
      reversedCents: total(propertyMonthsTable.reversedCents),
      creditsCents: total(propertyMonthsTable.creditsCents),
      waivedCents: total(propertyMonthsTable.waivedCents),
      rentWaivedCents: total(propertyMonthsTable.rentWaivedCents),
      lateFeesCents: total(propertyMonthsTable.lateFeesCents),
      dueChargedCents: total(propertyMonthsTable.dueChargedCents),
      dueCollectedCents: total(propertyMonthsTable.dueCollectedCents),
    })
    .from(propertyMonthsTable)
    .where(
      and(
        ofMine(propertyMonthsTable.propertyId),
        between(propertyMonthsTable.month, periodOf(from), periodOf(to)),
      ),
    )
    .groupBy(sql`GROUPING SETS ((${propertyMonthsTable.month}), (${propertyMonthsTable.propertyId}))`);
  // Collection rate: charges due in the range (not waived) and what payments have paid of them.
  // Whole months come from the rollup's due-month columns; a month the range only partly covers
  // (from after the 1st, to before the month's end) from the item and allocation rows of its days.
  const partial = monthsInRange(from, to).filter(
    ({ month }) => !(from <= `${month}-01` && lastDayOf(month) <= to),
  );
  const spans = partial.map(({ month }) => ({
    from: maxDate(from, `${month}-01`),
    to: minDate(to, lastDayOf(month)),
  }));
  // The same sum over both row kinds: an amount of charges due on the partial months' days.
  const dueInSpans = (
    table: typeof ledgerItemsTable | typeof allocationsTable,
    columns: { amount: PgColumn; property: PgColumn; dueDate: PgColumn; kind: PgColumn },
    only: SQL,
  ): Promise<{ cents: number }[]> =>
    spans.length === 0
      ? Promise.resolve([{ cents: 0 }])
      : db
          .select({ cents: sql<number>`coalesce(sum(${columns.amount}), 0)::bigint` })
          .from(table)
          .where(
            and(
              ofMine(columns.property),
              or(...spans.map((span) => between(columns.dueDate, span.from, span.to))),
              inArray(columns.kind, CHARGE_KINDS),
              only,
            ),
          );
  const dueQuery = dueInSpans(
    ledgerItemsTable,
    {
      amount: ledgerItemsTable.amountCents,
      property: ledgerItemsTable.propertyId,
      dueDate: ledgerItemsTable.dueDate,
      kind: ledgerItemsTable.kind,
    },
    isNull(ledgerItemsTable.waivedOn),
  );
  const paidQuery = dueInSpans(
    allocationsTable,
    {
      amount: allocationsTable.amountCents,
      property: allocationsTable.propertyId,
      dueDate: allocationsTable.itemDueDate,
      kind: allocationsTable.itemKind,
    },
    ne(allocationsTable.sourceKind, 'credit'),
  );
  // Rows from PostgreSQL, one JSON array from PGlite (see agingFromLeaseRows), in end-date order.
  const expiringLeases = sql`FROM rm_leases l
        WHERE l.property_id = ANY (ARRAY(SELECT property_id FROM rm_properties WHERE manager_id = ${managerId}))
          AND l.stored_status = 'active' AND l.end_date BETWEEN ${today}::date AND ${addDays(today, 90)}::date`;
  const expirationsQuery: Promise<ManagerAnalytics['expirations']> = isEmbedded(db)
    ? rows<{ leases: string | null }>(
        db,
        sql`SELECT json_agg(json_build_object('leaseId', l.lease_id, 'tenantId', l.tenant_id,
              'tenantName', l.tenant_name, 'propertyId', l.property_id, 'unitLabel', l.unit_label,
              'endDate', l.end_date, 'daysLeft', l.end_date - ${today}::date) ORDER BY l.end_date, l.lease_id)::text AS leases
            ${expiringLeases}`,
      ).then(([found]) => JSON.parse(found?.leases ?? '[]'))
    : rows<{
        lease_id: string;
        tenant_id: string;
        tenant_name: string | null;
        property_id: string;
        unit_label: string | null;
        end_date: string;
        days_left: number;
      }>(
        db,
        sql`SELECT l.lease_id::text, l.tenant_id::text, l.tenant_name, l.property_id::text,
              l.unit_label, l.end_date::text, (l.end_date - ${today}::date)::int AS days_left
            ${expiringLeases}
            ORDER BY l.end_date, l.lease_id`,
      ).then((found) =>
        found.map((r) => ({
          leaseId: r.lease_id,
          tenantId: r.tenant_id,
          tenantName: r.tenant_name,
          propertyId: r.property_id,
          unitLabel: r.unit_label,
          endDate: r.end_date,
          daysLeft: num(r.days_left),
        })),
      );
  const maintenanceQuery = rows<{ property_id: string; priority: string; open: number }>(
    db,
    sql`SELECT m.property_id::text, m.priority, count(*)::int AS open
        FROM rm_maintenance m JOIN rm_properties p ON p.property_id = m.property_id AND p.manager_id = ${managerId}
        WHERE m.status IN ('requested', 'scheduled')
        GROUP BY 1, 2`,
  );
  const ratingsQuery = rows<{ property_id: string; ratings: number; rating_sum: number }>(
    db,
    sql`SELECT m.property_id::text, count(*)::int AS ratings, sum(m.rating)::int AS rating_sum
        FROM rm_maintenance m JOIN rm_properties p ON p.property_id = m.property_id AND p.manager_id = ${managerId}
        WHERE m.rating IS NOT NULL AND m.completed_on BETWEEN ${from}::date AND ${to}::date
        GROUP BY 1`,
  );
  // Independent statements: sent at once (the pool runs them side by side on PostgreSQL).
  const [units, monthRows, [due], [paid], openByLease, expirations, maintenance, ratings] = await Promise.all(
    [
      unitsQuery,
      monthRowsQuery,
      dueQuery,
      paidQuery,
      agingOf(db, managerId, asOf, today),
      expirationsQuery,
      maintenanceQuery,
      ratingsQuery,
    ],
  );

  const sumBy = <T>(items: readonly T[], key: (item: T) => string, value: (item: T) => number) => {
    const sums = new Map<string, number>();
    for (const item of items) sums.set(key(item), (sums.get(key(item)) ?? 0) + value(item));
    return sums;
  };
  const net = (r: (typeof monthRows)[number]) => num(r.collectedCents) - num(r.reversedCents);
  const monthLines = monthRows.filter((r) => r.month !== null);
  const propertyLines = monthRows.filter((r) => r.propertyId !== null);
  const chargedByProperty = new Map(propertyLines.map((r) => [r.propertyId, num(r.chargedCents)]));
  const collectedByProperty = new Map(propertyLines.map((r) => [r.propertyId, net(r)]));
  const byMonth = new Map<string, ManagerAnalytics['months'][number]>();
  for (const r of monthLines) {
    const month = r.month as string;
    byMonth.set(month, {
      month,
      chargedCents: num(r.chargedCents),
      collectedCents: net(r),
      reversedCents: num(r.reversedCents),
      rentChargedCents: num(r.rentChargedCents),
      lateFeesCents: num(r.lateFeesCents),
      creditsCents: num(r.creditsCents),
      waivedCents: num(r.waivedCents),
    });
  }
  const economicRentCents = monthLines.reduce(
    (sum, r) => sum + num(r.rentChargedCents) - num(r.creditsCents) - num(r.rentWaivedCents),
    0,
  );
  const openByProperty = sumBy(
    maintenance,
    (r) => r.property_id,
    (r) => num(r.open),
  );
  const ratingsByProperty = new Map(ratings.map((r) => [r.property_id, r]));

  const totalUnits = units.reduce((sum, r) => sum + num(r.units), 0);
  const leasedUnits = units.reduce((sum, r) => sum + num(r.leased), 0);
  const marketRent = units.reduce((sum, r) => sum + num(r.market), 0);
  const months = monthsInRange(from, to);
  const gpr = months.reduce((sum, m) => sum + prorate(marketRent, m.days, daysInPeriod(m.month)), 0);
  const partialMonths = new Set(partial.map(({ month }) => month));
  const wholeMonthRows = monthLines.filter((r) => !partialMonths.has(r.month as string));
  const chargedCents = num(due?.cents) + wholeMonthRows.reduce((sum, r) => sum + num(r.dueChargedCents), 0);
  const collectedCents =
    num(paid?.cents) + wholeMonthRows.reduce((sum, r) => sum + num(r.dueCollectedCents), 0);
  const ratingCount = ratings.reduce((sum, r) => sum + num(r.ratings), 0);
  const ratingSum = ratings.reduce((sum, r) => sum + num(r.rating_sum), 0);

  const emptyBuckets = (): AgingBuckets => ({
    currentCents: 0,
    days1to30: 0,
    days31to60: 0,
    days61to90: 0,
    days91plus: 0,
    totalCents: 0,
  });
  const aging = emptyBuckets();
  const leases: ManagerAnalytics['delinquency']['leases'] = [];
  for (const row of openByLease) {
    const buckets: AgingBuckets = {
      currentCents: num(row.current_cents),
      days1to30: num(row.days1to30),
      days31to60: num(row.days31to60),
      days61to90: num(row.days61to90),
      days91plus: num(row.days91plus),
      totalCents: 0,
    };
    buckets.totalCents = buckets.days1to30 + buckets.days31to60 + buckets.days61to90 + buckets.days91plus;
    for (const key of Object.keys(buckets) as (keyof AgingBuckets)[]) aging[key] += buckets[key];
    // A lease is listed once something of it is past due; its current items are shown beside.
    if (row.oldest_due_date === null) continue;
    leases.push({
      leaseId: row.lease_id,
      tenantId: row.tenant_id,
      tenantName: row.tenant_name,
      propertyId: row.property_id,
      unitLabel: row.unit_label,
      oldestDueDate: row.oldest_due_date,
      ...buckets,
    });
  }

  return {
    managerId,
    from,
    to,
    asOf,
    totals: { properties: units.length, units: totalUnits },
    occupancy: {
      leasedUnits,
      units: totalUnits,
      physical: ratio(leasedUnits, totalUnits),
      grossPotentialRentCents: gpr,
      economicRentCents,
      economic: ratio(economicRentCents, gpr),
    },
    collection: { chargedCents, collectedCents, rate: ratio(collectedCents, chargedCents) },
    deposits: {
      heldCents: units.reduce((sum, r) => sum + num(r.deposits_held), 0),
      leases: units.reduce((sum, r) => sum + num(r.deposit_leases), 0),
    },
    months: months.map(({ month }) => byMonth.get(month) ?? emptyMonth(month)),
    properties: units.map((r) => {
      const rated = ratingsByProperty.get(r.property_id);
      return {
        propertyId: r.property_id,
        name: r.name,
        units: num(r.units),
        leasedUnits: num(r.leased),
        chargedCents: chargedByProperty.get(r.property_id) ?? 0,
        collectedCents: collectedByProperty.get(r.property_id) ?? 0,
        depositsHeldCents: num(r.deposits_held),
        openMaintenance: openByProperty.get(r.property_id) ?? 0,
        averageRating: rated ? round2(num(rated.rating_sum) / num(rated.ratings)) : null,
        ratings: rated ? num(rated.ratings) : 0,
      };
    }),
    maintenance: {
      open: maintenance.reduce((sum, r) => sum + num(r.open), 0),
      byPriority: Object.fromEntries(
        sumBy(
          maintenance,
          (r) => r.priority,
          (r) => num(r.open),
        ),
      ),
    },
    delinquency: {
      ...aging,
      leases: leases.sort((a, b) => b.totalCents - a.totalCents || (a.leaseId < b.leaseId ? -1 : 1)),
    },
    expirations,
    satisfaction: {
      averageRating: ratingCount > 0 ? round2(ratingSum / ratingCount) : null,
      ratings: ratingCount,
    },
  };
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** One lease's aging as of asOf: what it owes per bucket, named for the list. */
export type AgingRow = {
  lease_id: string;
  tenant_id: string;
  tenant_name: string | null;
  property_id: string;
  unit_label: string | null;
  /** The oldest due date past due, null while everything open is current. */
  oldest_due_date: string | null;
  current_cents: number;
  days1to30: number;
  days31to60: number;
  days61to90: number;
  days91plus: number;
};

/**
 * The manager's aging as of asOf. Measured today (asOf = today, the page's default) and with
 * nothing in the ledger dated after it, what is open as of asOf is what is open now: each owing
 * lease's row holds that (rm_leases.open_*), one row per lease instead of one per open item plus the
 * allocation rows (agingFromLeaseRows). A range ending earlier, or a ledger with rows dated after
 * asOf (a lease in a zone whose day is ahead of UTC's), reads the ledger rows (agingFromLedgerRows).
 */
async function agingOf(db: Executor, managerId: string, asOf: string, today: string): Promise<AgingRow[]> {
  if (asOf === today) {
    const fast = await agingFromLeaseRows(db, managerId, asOf);
    if (fast !== 'dated after asOf') return fast;
  }
  return agingFromLedgerRows(db, managerId, asOf);
}

/**
 * Aging from the owing leases' open-charge arrays, or 'dated after asOf' when an allocation, a
 * waiver or an open charge of the manager's properties is dated after asOf (then what is open now
 * is not what was open on asOf). One statement: the check and the rows read one snapshot. The
 * owing leases come back as rows with their arrays as text from PostgreSQL, as one JSON array from
 * PGlite (isEmbedded: for the 2,701-lease manager's 756 leases 3.7 against 8.9 ms there, while on
 * the server building the JSON cost more than Node saves parsing it), and are bucketed here (a few
 * items a lease): aggregating them per lease in SQL cost the server about 2 ms more than sending
 * them.
 */
export async function agingFromLeaseRows(
  db: Executor,
  managerId: string,
  asOf: string,
): Promise<AgingRow[] | 'dated after asOf'> {
  // The manager's properties once, as an array (one index range per property, as `ofMine` in getManagerAnalytics).
  const mine = sql`(SELECT ids FROM props)::uuid[]`;
  const checked = sql`WITH props AS MATERIALIZED (
          SELECT ARRAY(SELECT property_id FROM rm_properties WHERE manager_id = ${managerId}) AS ids),
        later AS MATERIALIZED (SELECT
          EXISTS (SELECT 1 FROM rm_allocations a
            WHERE a.property_id = ANY (${mine}) AND a.allocated_on > ${asOf}::date)
          OR EXISTS (SELECT 1 FROM rm_ledger_items i
            WHERE i.property_id = ANY (${mine}) AND i.waived_on > ${asOf}::date)
          OR EXISTS (SELECT 1 FROM rm_ledger_items i
            WHERE i.property_id = ANY (${mine}) AND i.open_cents > 0
              AND i.posted_on > ${asOf}::date) AS found)`;
  const owingLeases = sql`FROM rm_leases l WHERE l.property_id = ANY (${mine}) AND l.open_charges_cents > 0`;
  let owing: OwingLease[];
  if (isEmbedded(db)) {
    const [found] = await rows<{ dated_after: boolean; leases: string | null }>(
      db,
      sql`${checked}
        SELECT (SELECT found FROM later) AS dated_after,
          CASE WHEN NOT (SELECT found FROM later) THEN (
            SELECT json_agg(json_build_array(l.lease_id, l.tenant_id, l.tenant_name, l.property_id,
                l.unit_label, l.open_due_dates, l.open_grace_ends, l.open_amounts_cents))::text
            ${owingLeases}) END AS leases`,
    );
    if (!found || found.dated_after) return 'dated after asOf';
    owing = JSON.parse(found.leases ?? '[]') as OwingLease[];
  } else {
    const found = await rows<{
      lease_id: string;
      tenant_id: string;
      tenant_name: string | null;
      property_id: string;
      unit_label: string | null;
      due_dates: string | null;
      grace_ends: string | null;
      amounts: string | null;
      dated_after: boolean;
    }>(
      db,
      sql`${checked}
        SELECT l.lease_id::text, l.tenant_id::text, l.tenant_name, l.property_id::text, l.unit_label,
          l.open_due_dates::text AS due_dates, l.open_grace_ends::text AS grace_ends,
          l.open_amounts_cents::text AS amounts, false AS dated_after
        ${owingLeases} AND NOT (SELECT found FROM later)
        UNION ALL
        SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true
        WHERE (SELECT found FROM later)`,
    );
    if (found.some((row) => row.dated_after)) return 'dated after asOf';
    owing = found.map((row) => [
      row.lease_id,
      row.tenant_id,
      row.tenant_name,
      row.property_id,
      row.unit_label,
      textArray(row.due_dates),
      textArray(row.grace_ends),
      textArray(row.amounts).map(Number),
    ]);
  }
  const asOfDay = dayNumber(asOf);
  const days = new Map<string, number>();
  const daysPastDue = (due: string): number => {
    let day = days.get(due);
    if (day === undefined) {
      day = dayNumber(due);
      days.set(due, day);
    }
    return asOfDay - day;
  };
  return owing.map(([leaseId, tenantId, tenantName, propertyId, unitLabel, dueDates, graceEnds, amounts]) => {
    const aged: AgingRow = {
      lease_id: leaseId,
      tenant_id: tenantId,
      tenant_name: tenantName,
      property_id: propertyId,
      unit_label: unitLabel,
      oldest_due_date: null,
      current_cents: 0,
      days1to30: 0,
      days31to60: 0,
      days61to90: 0,
      days91plus: 0,
    };
    // In due-date order, so the first item past due is the oldest.
    dueDates.forEach((due, index) => {
      const cents = amounts[index] as number;
      if (asOf <= (graceEnds[index] as string)) {
        aged.current_cents += cents;
        return;
      }
      aged.oldest_due_date ??= due;
      const late = daysPastDue(due);
      if (late <= 30) aged.days1to30 += cents;
      else if (late <= 60) aged.days31to60 += cents;
      else if (late <= 90) aged.days61to90 += cents;
      else aged.days91plus += cents;
    });
    return aged;
  });
}

/**
 * An owing lease as the aging statement sends it: lease, tenant, tenant name, property, unit label,
 * and its open charges' due dates, last current days and amounts (integer cents), in due-date order.
 */
type OwingLease = [string, string, string | null, string, string | null, string[], string[], number[]];

/** A PostgreSQL array of plain values (dates, integers) as text: `{a,b}` → ['a', 'b']. */
const textArray = (text: string | null): string[] =>
  text === null || text === '{}' ? [] : text.slice(1, -1).split(',');

/** The bucket sums as numbers (postgres.js gives bigint as text, PGlite as numbers). */
const agingRow = (row: AgingRow): AgingRow => ({
  ...row,
  current_cents: Number(row.current_cents),
  days1to30: Number(row.days1to30),
  days31to60: Number(row.days31to60),
  days61to90: Number(row.days61to90),
  days91plus: Number(row.days91plus),
});

/**
 * Aging from the ledger rows, as of any date. Open as of asOf, in three disjoint parts: an item
 * not waived and open now is open by what is open now plus what allocations dated after asOf paid
 * (a reversal after asOf: less); one not waived and paid off now is open by those later
 * allocations alone; one waived after asOf by its amount less what was allocated by asOf.
 * (Indexed: open items, allocations by date, waivers.) Bucketed per lease in SQL (one row per lease
 * with anything open, not one per item); the lease's grace days and names by primary key per item
 * (LATERAL … LIMIT 1: a hash join read every lease).
 */
export async function agingFromLedgerRows(
  db: Executor,
  managerId: string,
  asOf: string,
): Promise<AgingRow[]> {
  const kinds = sql.join(
    CHARGE_KINDS.map((kind) => sql`${kind}`),
    sql`, `,
  );
  const bucket = (condition: SQL) => sql`coalesce(sum(open_cents) FILTER (WHERE ${condition}), 0)::bigint`;
  const found = await rows<AgingRow>(
    db,
    sql`WITH props AS (SELECT property_id FROM rm_properties WHERE manager_id = ${managerId}),
        later AS (
          SELECT a.lease_id, a.item_id, sum(a.amount_cents) AS cents FROM rm_allocations a
            WHERE a.property_id IN (SELECT property_id FROM props) AND a.allocated_on > ${asOf}::date
            GROUP BY 1, 2),
        open AS (
          SELECT i.lease_id, i.kind, i.due_date, i.open_cents + coalesce(la.cents, 0) AS open_cents
            FROM rm_ledger_items i LEFT JOIN later la ON la.lease_id = i.lease_id AND la.item_id = i.item_id
            WHERE i.property_id IN (SELECT property_id FROM props) AND i.open_cents > 0 AND i.waived_on IS NULL
              AND i.kind IN (${kinds}) AND i.posted_on <= ${asOf}::date
          UNION ALL
          SELECT i.lease_id, i.kind, i.due_date, la.cents
            FROM later la JOIN rm_ledger_items i ON i.lease_id = la.lease_id AND i.item_id = la.item_id
            WHERE i.open_cents = 0 AND i.waived_on IS NULL AND i.kind IN (${kinds}) AND i.posted_on <= ${asOf}::date
          UNION ALL
          SELECT i.lease_id, i.kind, i.due_date,
            i.amount_cents - coalesce((SELECT sum(a.amount_cents) FROM rm_allocations a
              WHERE a.lease_id = i.lease_id AND a.item_id = i.item_id AND a.allocated_on <= ${asOf}::date), 0)
            FROM rm_ledger_items i
            WHERE i.property_id IN (SELECT property_id FROM props) AND i.waived_on > ${asOf}::date
              AND i.kind IN (${kinds}) AND i.posted_on <= ${asOf}::date),
        owing AS (SELECT * FROM open WHERE open_cents > 0),
        info AS (
          SELECT l.* FROM (SELECT DISTINCT lease_id FROM owing) d
            JOIN LATERAL (SELECT x.lease_id, x.tenant_id, x.tenant_name, x.property_id, x.unit_label, x.grace_days
              FROM rm_leases x WHERE x.lease_id = d.lease_id LIMIT 1) l ON TRUE),
        items AS (
          SELECT o.lease_id, o.due_date, o.open_cents, ${asOf}::date - o.due_date AS days,
            (${asOf}::date > o.due_date + CASE WHEN o.kind = 'rent' THEN f.grace_days ELSE 0 END) AS past_due
          FROM owing o JOIN info f ON f.lease_id = o.lease_id),
        per AS (
          SELECT lease_id, (min(due_date) FILTER (WHERE past_due))::text AS oldest_due_date,
            ${bucket(sql`NOT past_due`)} AS current_cents,
            ${bucket(sql`past_due AND days <= 30`)} AS days1to30,
            ${bucket(sql`past_due AND days BETWEEN 31 AND 60`)} AS days31to60,
            ${bucket(sql`past_due AND days BETWEEN 61 AND 90`)} AS days61to90,
            ${bucket(sql`past_due AND days > 90`)} AS days91plus
          FROM items GROUP BY lease_id)
        -- Grouped by the lease id alone and named afterwards: grouping by the names as well sorted
        -- every open item by text (collation) first, a third of the statement's time.
        SELECT per.lease_id::text, f.tenant_id::text, f.tenant_name, f.property_id::text, f.unit_label,
          per.oldest_due_date, per.current_cents, per.days1to30, per.days31to60, per.days61to90, per.days91plus
        FROM per JOIN info f ON f.lease_id = per.lease_id`,
  );
  return found.map(agingRow);
}
