// Read tables of the properties projection: buildings with a full-text search vector, their
// units and their notices. Occupancy is not stored: it is derived from rm_leases at read time.
import { sql } from 'drizzle-orm';
import { bigint, customType, date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';

/** PostgreSQL `tsvector`, filled with to_tsvector('simple', ...) by the projection. */
const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' });

export const propertiesTable = pgTable(
  'rm_properties',
  {
    propertyId: uuid('property_id').primaryKey(),
    name: text('name').notNull(),
    line1: text('line1').notNull(),
    city: text('city').notNull(),
    state: text('state').notNull(),
    postalCode: text('postal_code').notNull(),
    managerId: uuid('manager_id').notNull(),
    /** IANA zone of the property's "today" (UTC for properties registered before zones existed). */
    timeZone: text('time_zone').notNull().default('UTC'),
    /** Name and address words ('simple' config: no stemming, so street names stay intact). */
    search: tsvector('search').notNull(),
    /** The property stream version applied: an event at or below it is a replay. */
    version: integer('version').notNull(),
  },
  (t) => [
    // A manager's property ids from the index alone (every analytics statement starts there).
    index('rm_properties_manager_idx').on(t.managerId, t.propertyId),
    // City search is case-insensitive.
    index('rm_properties_city_idx').on(sql`lower(${t.city})`),
    index('rm_properties_search_idx').using('gin', t.search),
  ],
);

export const unitsTable = pgTable(
  'rm_units',
  {
    unitId: uuid('unit_id').primaryKey(),
    propertyId: uuid('property_id').notNull(),
    label: text('label').notNull(),
    marketRentCents: bigint('market_rent_cents', { mode: 'number' }).notNull(),
  },
  (t) => [index('rm_units_property_idx').on(t.propertyId, t.marketRentCents)],
);

export const noticesTable = pgTable(
  'rm_notices',
  {
    noticeId: uuid('notice_id').primaryKey(),
    propertyId: uuid('property_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    expiresOn: date('expires_on', { mode: 'string' }),
    postedOn: date('posted_on', { mode: 'string' }).notNull(),
    /** Set once withdrawn: tenants stop seeing it, the manager still lists it. */
    withdrawnOn: date('withdrawn_on', { mode: 'string' }),
    withdrawnReason: text('withdrawn_reason'),
  },
  (t) => [index('rm_notices_property_idx').on(t.propertyId, t.postedOn)],
);

export type PropertyRow = typeof propertiesTable.$inferSelect;
export type UnitRow = typeof unitsTable.$inferSelect;
export type NoticeRow = typeof noticesTable.$inferSelect;
