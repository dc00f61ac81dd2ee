// maintenance: one row per request, folded with the domain's own evolve. The row's stream version
// makes a replayed event a no-op.
import 'server-only';
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client';
import {
  MAINTENANCE_EVENT_TYPES,
  type MaintenanceEvent,
  type MaintenanceRequest,
  type MaintenanceState,
  maintenanceDecider,
} from '../../domain/maintenance';
import { type BulkWriter, bulkRows, type Projection } from '../types';
import { maintenanceTable } from './tables';

type Row = {
  version: number;
  status: MaintenanceRequest['status'];
  lease_id: string;
  property_id: string;
  unit_id: string;
  tenant_id: string;
  category: MaintenanceRequest['category'];
  priority: MaintenanceRequest['priority'];
  description: string;
  requested_on: string;
  scheduled_for: string | null;
  completed_on: string | null;
  rating: number | null;
  comment: string | null;
};

/** The state the row stands for (only the fields evolve needs to go on from it). */
function stateOf(requestId: string, row: Row): MaintenanceState {
  return {
    status: row.status,
    requestId,
    leaseId: row.lease_id,
    propertyId: row.property_id,
    unitId: row.unit_id,
    tenantId: row.tenant_id,
    category: row.category,
    priority: row.priority,
    description: row.description,
    requestedOn: String(row.requested_on),
    ...(row.scheduled_for ? { scheduledFor: String(row.scheduled_for) } : {}),
    ...(row.completed_on ? { completedOn: String(row.completed_on) } : {}),
    ...(row.rating === null ? {} : { rating: Number(row.rating) }),
    ...(row.comment === null ? {} : { ratingComment: row.comment }),
  };
}

/** The row a whole request stream ends with. */
const bulk = (): BulkWriter => ({
  stream(events, state) {
    const s = state as MaintenanceState;
    const last = events[events.length - 1];
    if (!last || s.status === 'none') return [];
    return [
      bulkRows(maintenanceTable, [
        {
          requestId: last.streamId.slice('maintenance-'.length),
          leaseId: s.leaseId,
          propertyId: s.propertyId,
          unitId: s.unitId,
          tenantId: s.tenantId,
          category: s.category,
          priority: s.priority,
          description: s.description,
          status: s.status,
          scheduledFor: s.scheduledFor ?? null,
          completedOn: s.completedOn ?? null,
          rating: s.rating ?? null,
          comment: s.ratingComment ?? null,
          requestedOn: s.requestedOn,
          version: last.version,
        },
      ]),
    ];
  },
});

export const maintenanceProjection: Projection = {
  name: 'maintenance',
  tables: [maintenanceTable],
  bulk,
  eventTypes: MAINTENANCE_EVENT_TYPES,
  async handle(tx, event) {
    const requestId = event.streamId.slice('maintenance-'.length);
    const [current] = await rows<Row>(
      tx,
      sql`SELECT version, status, lease_id::text, property_id::text, unit_id::text, tenant_id::text, category,
            priority, description, requested_on::text, scheduled_for::text, completed_on::text, rating, comment
          FROM rm_maintenance WHERE request_id = ${requestId} FOR UPDATE`,
    );
    const version = current ? Number(current.version) : 0;
    if (event.version <= version) return;
    if (event.version !== version + 1) {
      throw new Error(`maintenance: ${event.streamId} jumps from version ${version} to ${event.version}.`);
    }
    const before = current ? stateOf(requestId, current) : maintenanceDecider.initialState;
    const s = maintenanceDecider.evolve(before, {
      type: event.eventType,
      data: event.data,
    } as MaintenanceEvent);
    if (s.status === 'none') return;
    await tx.execute(
      sql`INSERT INTO rm_maintenance (request_id, lease_id, property_id, unit_id, tenant_id, category, priority,
            description, status, scheduled_for, completed_on, rating, comment, requested_on, version)
          VALUES (${requestId}, ${s.leaseId}, ${s.propertyId}, ${s.unitId}, ${s.tenantId}, ${s.category},
            ${s.priority}, ${s.description}, ${s.status}, ${s.scheduledFor ?? null}, ${s.completedOn ?? null},
            ${s.rating ?? null}, ${s.ratingComment ?? null}, ${s.requestedOn}, ${event.version})
          ON CONFLICT (request_id) DO UPDATE SET status = excluded.status, scheduled_for = excluded.scheduled_for,
            completed_on = excluded.completed_on, rating = excluded.rating, comment = excluded.comment,
            version = excluded.version`,
    );
  },
  async reset(tx) {
    await tx.execute(sql`DELETE FROM rm_maintenance`);
  },
};
