// Manager analytics over a date range, computed at read time from the read tables (rm_leases.state
// for charges and open items, rm_payments for collections, rm_units/rm_properties, rm_maintenance).
// Nothing here is stored per month: the figures follow every correction (reversals, late fees)
// the moment the lease row does. Definitions (all amounts integer cents, ratios 0..1, 4 decimals):
//
// - asOf = min(to, today): the date physical occupancy and aging are measured on.
// - Physical occupancy = units with a lease covering asOf / units (see coversDate).
// - Charged in range = rent charges, late fees and other charges whose due date lies in [from, to],
//   less waived items (a waived item is no longer owed).
// - Collected in range = payments dated in [from, to] that are not reversed (a reversal removes
//   the whole payment, whenever it was recorded). Overpayments count when received.
// - Collection rate = collected / charged, capped at 1 (collecting arrears can exceed the charges
//   of the range); null when nothing was charged.
// - Gross potential rent (GPR) = the sum of the current units' market rents x the months in the
//   range: per calendar month, total market rent x its days in the range / its days, rounded
//   half-up to the cent like a prorated charge, summed (2027-03-15..2027-04-30 = 17/31 + 30/30).
// - Economic occupancy = collected / GPR, capped at 1; null when GPR is 0.
// - Delinquency aging: every rent charge or late fee due on or before asOf with an amount still
//   open as of asOf (amount - what still-standing payments dated on or before asOf paid on it,
//   oldest-first allocation as the domain applies it), by days past due = asOf - due date:
//   0-30, 31-60, 61-90, 91+.
// - Expirations: leases not terminated whose end date falls in [today, today + 90 days].
// - Satisfaction: ratings of requests completed in [from, to], average per property and overall.
import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, rows } from '../db/client';
import {
  addDays,
  daysInclusive,
  daysInPeriod,
  lastDayOf,
  maxDate,
  minDate,
  nextPeriod,
  periodOf,
} from '../domain/shared/dates';
import { prorate } from '../domain/shared/money';
import { type AsOfOptions, coversDate, type Reader, todayOf } from './scope';

export interface AnalyticsRange extends AsOfOptions {
  from: string;
  to: string;
}

export interface AgingBuckets {
  days0to30: number;
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
    economic: number | null;
  };
  collection: { chargedCents: number; collectedCents: number; rate: number | null };
  /** Security deposits held now (paid, not reversed, not yet settled), over the manager's leases. */
  deposits: { heldCents: number; leases: number };
  months: { month: string; chargedCents: number; collectedCents: number }[];
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
  denominator > 0 ? Math.round(Math.min(1, numerator / denominator) * 10_000) / 10_000 : null;

/** The calendar months the range touches, with how many of their days lie in the range. */
function monthsInRange(from: string, to: string): { month: string; days: number }[] {
  const months: { month: string; days: number }[] = [];
  for (let month = periodOf(from); month <= periodOf(to); month = nextPeriod(month)) {
    months.push({ month, days: daysInclusive(maxDate(from, `${month}-01`), minDate(to, lastDayOf(month))) });
  }
  return months;
}

const num = (value: unknown): number => Number(value ?? 0);

/** The manager's leases (alias l) with their property (p). */
const MINE = (managerId: string): SQL =>
  sql`rm_leases l JOIN rm_properties p ON p.property_id = l.property_id AND p.manager_id = ${managerId}`;

export async function getManagerAnalytics(
  db: Executor,
  reader: Reader,
  range: AnalyticsRange,
): Promise<ManagerAnalytics> {
  const managerId = reader.userId;
  const { from, to } = range;
  const today = todayOf(range);
  const asOf = minDate(to, today);

  const units = await rows<{
    property_id: string;
    name: string;
    units: number;
    leased: number;
    market: number;
  }>(
    db,
    sql`SELECT p.property_id::text, p.name, count(un.unit_id)::int AS units,
          count(un.unit_id) FILTER (WHERE EXISTS (
            SELECT 1 FROM rm_leases l WHERE l.unit_id = un.unit_id AND ${coversDate(asOf)}))::int AS leased,
          coalesce(sum(un.market_rent_cents), 0)::bigint AS market
        FROM rm_properties p LEFT JOIN rm_units un ON un.property_id = p.property_id
        WHERE p.manager_id = ${managerId}
        GROUP BY p.property_id ORDER BY p.name, p.property_id`,
  );
  const charged = await rows<{ property_id: string; month: string; cents: number }>(
    db,
    sql`SELECT l.property_id::text, to_char((c->>'dueDate')::date, 'YYYY-MM') AS month,
          sum((c->>'amountCents')::int)::bigint AS cents
        FROM ${MINE(managerId)}, jsonb_array_elements(l.state->'charges') c
        WHERE (c->>'dueDate')::date BETWEEN ${from}::date AND ${to}::date AND c->'waived' IS NULL
        GROUP BY 1, 2`,
  );
  const collected = await rows<{ property_id: string; month: string; cents: number }>(
    db,
    sql`SELECT pay.property_id::text, to_char(pay.payment_date, 'YYYY-MM') AS month,
          sum(pay.amount_cents)::bigint AS cents
        FROM rm_payments pay JOIN rm_properties p ON p.property_id = pay.property_id AND p.manager_id = ${managerId}
        WHERE pay.payment_date BETWEEN ${from}::date AND ${to}::date AND NOT pay.reversed
          AND pay.purpose = 'rent'
        GROUP BY 1, 2`,
  );
  // Held now, like a balance: deposit payments received and not reversed, until settled.
  const deposits = await rows<{ property_id: string; held: number; leases: number }>(
    db,
    sql`SELECT l.property_id::text, sum(l.deposit_held_cents)::bigint AS held,
          count(*) FILTER (WHERE l.deposit_held_cents > 0)::int AS leases
        FROM ${MINE(managerId)}
        GROUP BY 1`,
  );
  const openItems = await rows<{
    lease_id: string;
    tenant_id: string;
    tenant_name: string | null;
    property_id: string;
    unit_label: string | null;
    due_date: string;
    open_cents: number;
    days: number;
  }>(
    db,
    sql`WITH mine AS (SELECT l.* FROM ${MINE(managerId)}),
        items AS (
          SELECT m.lease_id, c->>'chargeId' AS charge_id, (c->>'dueDate')::date AS due_date,
            (c->>'amountCents')::int AS amount
          FROM mine m, jsonb_array_elements(m.state->'charges') c
          WHERE (c->>'dueDate')::date <= ${asOf}::date AND c->'waived' IS NULL),
        paid AS (
          SELECT m.lease_id, a->>'chargeId' AS charge_id, sum((a->>'amountCents')::int) AS paid
          FROM mine m JOIN rm_lease_payments lp ON lp.lease_id = m.lease_id,
            jsonb_array_elements(lp.payment->'allocations') a
          WHERE NOT (lp.payment->>'reversed')::boolean AND (lp.payment->>'paymentDate')::date <= ${asOf}::date
          GROUP BY 1, 2
          UNION ALL
          -- What the deposit held paid when it was settled (its credit), from the settlement date.
          SELECT m.lease_id, a->>'chargeId' AS charge_id, sum((a->>'amountCents')::int) AS paid
          FROM mine m, jsonb_array_elements(m.state->'credits') cr, jsonb_array_elements(cr->'allocations') a
          WHERE cr->>'creditId' = m.state->'depositSettlement'->>'creditId'
            AND m.deposit_settled_on <= ${asOf}::date
          GROUP BY 1, 2)
        SELECT i.lease_id::text, m.tenant_id::text, u.name AS tenant_name, m.property_id::text,
          un.label AS unit_label, i.due_date::text, (i.amount - coalesce(pd.paid, 0))::int AS open_cents,
          (${asOf}::date - i.due_date)::int AS days
        FROM items i
        JOIN mine m ON m.lease_id = i.lease_id
        LEFT JOIN (SELECT lease_id, charge_id, sum(paid) AS paid FROM paid GROUP BY 1, 2) pd
          ON pd.lease_id = i.lease_id AND pd.charge_id = i.charge_id
        LEFT JOIN users u ON u.id = m.tenant_id
        LEFT JOIN rm_units un ON un.unit_id = m.unit_id
        WHERE i.amount > coalesce(pd.paid, 0)
        ORDER BY i.due_date, i.lease_id`,
  );
  const expirations = await rows<{
    lease_id: string;
    tenant_id: string;
    tenant_name: string | null;
    property_id: string;
    unit_label: string | null;
    end_date: string;
    days_left: number;
  }>(
    db,
    sql`SELECT l.lease_id::text, l.tenant_id::text, u.name AS tenant_name, l.property_id::text,
          un.label AS unit_label, l.end_date::text, (l.end_date - ${today}::date)::int AS days_left
        FROM ${MINE(managerId)}
        LEFT JOIN users u ON u.id = l.tenant_id
        LEFT JOIN rm_units un ON un.unit_id = l.unit_id
        WHERE l.stored_status = 'active' AND l.end_date BETWEEN ${today}::date AND ${addDays(today, 90)}::date
        ORDER BY l.end_date, l.lease_id`,
  );
  const maintenance = await rows<{ property_id: string; priority: string; open: number }>(
    db,
    sql`SELECT m.property_id::text, m.priority, count(*)::int AS open
        FROM rm_maintenance m JOIN rm_properties p ON p.property_id = m.property_id AND p.manager_id = ${managerId}
        WHERE m.status IN ('requested', 'scheduled')
        GROUP BY 1, 2`,
  );
  const ratings = await rows<{ property_id: string; ratings: number; rating_sum: number }>(
    db,
    sql`SELECT m.property_id::text, count(*)::int AS ratings, sum(m.rating)::int AS rating_sum
        FROM rm_maintenance m JOIN rm_properties p ON p.property_id = m.property_id AND p.manager_id = ${managerId}
        WHERE m.rating IS NOT NULL AND m.completed_on BETWEEN ${from}::date AND ${to}::date
        GROUP BY 1`,
  );

  const sumBy = <T>(items: readonly T[], key: (item: T) => string, value: (item: T) => number) => {
    const sums = new Map<string, number>();
    for (const item of items) sums.set(key(item), (sums.get(key(item)) ?? 0) + value(item));
    return sums;
  };
  const chargedByProperty = sumBy(
    charged,
    (r) => r.property_id,
    (r) => num(r.cents),
  );
  const collectedByProperty = sumBy(
    collected,
    (r) => r.property_id,
    (r) => num(r.cents),
  );
  const chargedByMonth = sumBy(
    charged,
    (r) => r.month,
    (r) => num(r.cents),
  );
  const collectedByMonth = sumBy(
    collected,
    (r) => r.month,
    (r) => num(r.cents),
  );
  const depositsByProperty = new Map(deposits.map((r) => [r.property_id, num(r.held)]));
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
  const chargedCents = [...chargedByProperty.values()].reduce((a, b) => a + b, 0);
  const collectedCents = [...collectedByProperty.values()].reduce((a, b) => a + b, 0);
  const ratingCount = ratings.reduce((sum, r) => sum + num(r.ratings), 0);
  const ratingSum = ratings.reduce((sum, r) => sum + num(r.rating_sum), 0);

  const emptyBuckets = (): AgingBuckets => ({
    days0to30: 0,
    days31to60: 0,
    days61to90: 0,
    days91plus: 0,
    totalCents: 0,
  });
  const addTo = (buckets: AgingBuckets, days: number, cents: number) => {
    const key =
      days <= 30 ? 'days0to30' : days <= 60 ? 'days31to60' : days <= 90 ? 'days61to90' : 'days91plus';
    buckets[key] += cents;
    buckets.totalCents += cents;
  };
  const aging = emptyBuckets();
  const byLease = new Map<string, ManagerAnalytics['delinquency']['leases'][number]>();
  for (const item of openItems) {
    const cents = num(item.open_cents);
    const days = num(item.days);
    addTo(aging, days, cents);
    let line = byLease.get(item.lease_id);
    if (!line) {
      line = {
        leaseId: item.lease_id,
        tenantId: item.tenant_id,
        tenantName: item.tenant_name,
        propertyId: item.property_id,
        unitLabel: item.unit_label,
        oldestDueDate: item.due_date,
        ...emptyBuckets(),
      };
      byLease.set(item.lease_id, line);
    }
    addTo(line, days, cents);
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
      economic: ratio(collectedCents, gpr),
    },
    collection: { chargedCents, collectedCents, rate: ratio(collectedCents, chargedCents) },
    deposits: {
      heldCents: deposits.reduce((sum, r) => sum + num(r.held), 0),
      leases: deposits.reduce((sum, r) => sum + num(r.leases), 0),
    },
    months: months.map(({ month }) => ({
      month,
      chargedCents: chargedByMonth.get(month) ?? 0,
      collectedCents: collectedByMonth.get(month) ?? 0,
    })),
    properties: units.map((r) => {
      const rated = ratingsByProperty.get(r.property_id);
      return {
        propertyId: r.property_id,
        name: r.name,
        units: num(r.units),
        leasedUnits: num(r.leased),
        chargedCents: chargedByProperty.get(r.property_id) ?? 0,
        collectedCents: collectedByProperty.get(r.property_id) ?? 0,
        depositsHeldCents: depositsByProperty.get(r.property_id) ?? 0,
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
      leases: [...byLease.values()].sort(
        (a, b) => b.totalCents - a.totalCents || (a.leaseId < b.leaseId ? -1 : 1),
      ),
    },
    expirations: expirations.map((r) => ({
      leaseId: r.lease_id,
      tenantId: r.tenant_id,
      tenantName: r.tenant_name,
      propertyId: r.property_id,
      unitLabel: r.unit_label,
      endDate: r.end_date,
      daysLeft: num(r.days_left),
    })),
    satisfaction: {
      averageRating: ratingCount > 0 ? round2(ratingSum / ratingCount) : null,
      ratings: ratingCount,
    },
  };
}

const round2 = (value: number): number => Math.round(value * 100) / 100;
