// leases: folds each lease stream with the domain's own evolve into one row per lease. The runner
// applies each stream version once (projection_streams); the row's version guard also makes a
// replayed event a no-op. A command's after-commit step hands over the state after each event, so
// it writes without reading.
import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { rows } from '../../db/client';
import { LEASE_EVENT_TYPES, type LeaseEvent, type LeaseState, leaseDecider } from '../../domain/lease';
import type { StoredEvent } from '../../eventstore';
import type { Projection } from '../types';

const leaseIdOf = (event: StoredEvent): string => event.streamId.slice('lease-'.length);

function upsert(leaseId: string, version: number, state: LeaseState): SQL | null {
  if (state.status === 'none') return null;
  return sql`INSERT INTO rm_leases (lease_id, tenant_id, property_id, unit_id, start_date, end_date, terminated_on,
        stored_status, monthly_rent_cents, balance_cents, version, state, updated_at)
      VALUES (${leaseId}, ${state.tenantId}, ${state.propertyId}, ${state.unitId}, ${state.startDate},
        ${state.endDate}, ${state.terminatedOn ?? null}, ${state.status}, ${state.monthlyRentCents},
        ${state.balanceCents}, ${version}, ${JSON.stringify(state)}::jsonb, now())
      ON CONFLICT (lease_id) DO UPDATE SET
        end_date = excluded.end_date, terminated_on = excluded.terminated_on,
        stored_status = excluded.stored_status, monthly_rent_cents = excluded.monthly_rent_cents,
        balance_cents = excluded.balance_cents, version = excluded.version, state = excluded.state,
        updated_at = excluded.updated_at
      WHERE rm_leases.version < excluded.version`;
}

export const leasesProjection: Projection = {
  name: 'leases',
  eventTypes: LEASE_EVENT_TYPES,
  async handle(tx, event) {
    const leaseId = leaseIdOf(event);
    const [current] = await rows<{ version: number; state: string }>(
      tx,
      sql`SELECT version, state::text AS state FROM rm_leases WHERE lease_id = ${leaseId} FOR UPDATE`,
    );
    const version = current ? Number(current.version) : 0;
    if (event.version <= version) return;
    if (event.version !== version + 1) {
      throw new Error(`leases: ${event.streamId} jumps from version ${version} to ${event.version}.`);
    }
    const before = current ? (JSON.parse(current.state) as LeaseState) : leaseDecider.initialState;
    const state = leaseDecider.evolve(before, { type: event.eventType, data: event.data } as LeaseEvent);
    const statement = upsert(leaseId, event.version, state);
    if (statement) await tx.execute(statement);
  },
  statementsFor(event, stateAfter) {
    const statement = upsert(leaseIdOf(event), event.version, stateAfter as LeaseState);
    return statement ? [statement] : [];
  },
  async reset(tx) {
    await tx.execute(sql`DELETE FROM rm_leases`);
  },
};
