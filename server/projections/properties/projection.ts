// properties: buildings (name and address as last changed), units and notices (with their
// withdrawal) from the property streams. The row's stream version
// makes a replayed event a no-op; units and notices are keyed by their own ids as well.
import 'server-only';
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client';
import { PROPERTY_EVENT_TYPES, type PropertyEvent } from '../../domain/property';
import type { ProjectedEvent } from '../../eventstore';
import type { Projection } from '../types';
import { noticesTable, propertiesTable, unitsTable } from './tables';

/** The stream version already applied, or 0; throws on a gap (an event was skipped). */
async function appliedVersion(tx: Tx, propertyId: string, event: ProjectedEvent): Promise<number> {
  const [row] = await rows<{ version: number }>(
    tx,
    sql`SELECT version FROM rm_properties WHERE property_id = ${propertyId} FOR UPDATE`,
  );
  const version = row ? Number(row.version) : 0;
  if (event.version > version + 1) {
    throw new Error(`properties: ${event.streamId} jumps from version ${version} to ${event.version}.`);
  }
  return version;
}

/**
 * The lease rows show the property's name and address and the unit's label (rm_leases columns,
 * written by the leases projection): refreshed when they change, or when the leases projection
 * got ahead of this one (a rebuild) and wrote them empty.
 */
const refreshLeaseNames = (propertyId: string) =>
  sql`UPDATE rm_leases l SET property_name = p.name,
        property_address = concat_ws(' ', p.line1, p.city, p.state, p.postal_code),
        unit_label = coalesce((SELECT un.label FROM rm_units un WHERE un.unit_id = l.unit_id), l.unit_label)
      FROM rm_properties p
      WHERE p.property_id = ${propertyId} AND l.property_id = p.property_id
        AND (l.property_name IS DISTINCT FROM p.name OR l.unit_label IS NULL
          OR l.property_address IS DISTINCT FROM concat_ws(' ', p.line1, p.city, p.state, p.postal_code))`;

export const propertiesProjection: Projection = {
  name: 'properties',
  tables: [propertiesTable, unitsTable, noticesTable],
  eventTypes: PROPERTY_EVENT_TYPES,
  async handle(tx, stored) {
    const propertyId = stored.streamId.slice('property-'.length);
    if (stored.version <= (await appliedVersion(tx, propertyId, stored))) return;
    const event = { type: stored.eventType, data: stored.data } as PropertyEvent;
    switch (event.type) {
      case 'PropertyRegistered': {
        const { name, address, managerId, units, timeZone = 'UTC' } = event.data;
        await tx.execute(
          sql`INSERT INTO rm_properties (property_id, name, line1, city, state, postal_code, manager_id, time_zone, search, version)
              VALUES (${propertyId}, ${name}, ${address.line1}, ${address.city}, ${address.state},
                ${address.postalCode}, ${managerId}, ${timeZone},
                to_tsvector('simple', ${[name, address.line1, address.city, address.state, address.postalCode].join(' ')}),
                ${stored.version})`,
        );
        for (const unit of units) {
          await tx.execute(
            sql`INSERT INTO rm_units (unit_id, property_id, label, market_rent_cents)
                VALUES (${unit.unitId}, ${propertyId}, ${unit.label}, ${unit.marketRentCents})
                ON CONFLICT (unit_id) DO NOTHING`,
          );
        }
        break;
      }
      case 'UnitAdded':
        await tx.execute(
          sql`INSERT INTO rm_units (unit_id, property_id, label, market_rent_cents)
              VALUES (${event.data.unitId}, ${propertyId}, ${event.data.label}, ${event.data.marketRentCents})
              ON CONFLICT (unit_id) DO NOTHING`,
        );
        break;
      case 'PropertyDetailsChanged': {
        const { name, address } = event.data;
        await tx.execute(
          sql`UPDATE rm_properties SET name = ${name}, line1 = ${address.line1}, city = ${address.city},
                state = ${address.state}, postal_code = ${address.postalCode},
                search = to_tsvector('simple', ${[name, address.line1, address.city, address.state, address.postalCode].join(' ')})
              WHERE property_id = ${propertyId}`,
        );
        break;
      }
      case 'NoticeWithdrawn':
        await tx.execute(
          sql`UPDATE rm_notices SET withdrawn_on = ${event.data.withdrawnOn},
                withdrawn_reason = ${event.data.reason ?? null}
              WHERE notice_id = ${event.data.noticeId} AND property_id = ${propertyId}`,
        );
        break;
      case 'NoticePosted': {
        const { noticeId, title, body, expiresOn, postedOn } = event.data;
        await tx.execute(
          sql`INSERT INTO rm_notices (notice_id, property_id, title, body, expires_on, posted_on)
              VALUES (${noticeId}, ${propertyId}, ${title}, ${body}, ${expiresOn ?? null}, ${postedOn})
              ON CONFLICT (notice_id) DO NOTHING`,
        );
        break;
      }
    }
    await tx.execute(
      sql`UPDATE rm_properties SET version = ${stored.version} WHERE property_id = ${propertyId}`,
    );
    if (
      event.type === 'PropertyRegistered' ||
      event.type === 'PropertyDetailsChanged' ||
      event.type === 'UnitAdded'
    ) {
      await tx.execute(refreshLeaseNames(propertyId));
    }
  },
  async reset(tx) {
    await tx.execute(sql`DELETE FROM rm_notices`);
    await tx.execute(sql`DELETE FROM rm_units`);
    await tx.execute(sql`DELETE FROM rm_properties`);
  },
};
