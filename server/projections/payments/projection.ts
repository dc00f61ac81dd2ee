// payments: one row per payment received, marked when reversed. Keyed by payment id, and a
// reversal only touches a payment not yet reversed, so a replayed event changes nothing.
import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import type { LeaseEventOf, LeaseState } from '../../domain/lease';
import type { StoredEvent } from '../../eventstore';
import { type BulkWriter, bulkRows, type Projection } from '../types';
import { paymentsTable } from './tables';

type Parties = { tenantId: string; propertyId: string };

function received(event: StoredEvent, parties: Parties): SQL {
  const leaseId = event.streamId.slice('lease-'.length);
  const data = event.data as LeaseEventOf<'PaymentReceived'>['data'];
  return sql`INSERT INTO rm_payments (payment_id, lease_id, tenant_id, property_id, amount_cents, payment_date,
        method, reference, purpose, recorded_at, allocations, autopay_period)
      VALUES (${data.paymentId}, ${leaseId}, ${parties.tenantId}, ${parties.propertyId}, ${data.amountCents},
        ${data.paymentDate}, ${data.method}, ${data.reference ?? null}, ${data.purpose ?? 'rent'}, ${event.recordedAt},
        ${JSON.stringify(data.allocations ?? [])}::jsonb, ${data.autopayPeriod ?? null})
      ON CONFLICT (payment_id) DO NOTHING`;
}

function reversed(event: StoredEvent): SQL {
  const data = event.data as LeaseEventOf<'PaymentReversed'>['data'];
  return sql`UPDATE rm_payments SET reversed = true, reversal_reason = ${data.reason}, reversed_at = ${event.recordedAt}
      WHERE payment_id = ${data.paymentId} AND NOT reversed`;
}

/** A lease stream's payments as they end: received, then marked by the first reversal of each. */
const bulk = (): BulkWriter => ({
  stream(events, state) {
    const lease = state as LeaseState;
    if (lease.status === 'none') return [];
    const leaseId = events[0]?.streamId.slice('lease-'.length) ?? '';
    const byId = new Map<string, typeof paymentsTable.$inferInsert>();
    for (const event of events) {
      if (event.eventType === 'PaymentReceived') {
        const data = event.data as LeaseEventOf<'PaymentReceived'>['data'];
        if (byId.has(data.paymentId)) continue;
        byId.set(data.paymentId, {
          paymentId: data.paymentId,
          leaseId,
          tenantId: lease.tenantId,
          propertyId: lease.propertyId,
          amountCents: data.amountCents,
          paymentDate: data.paymentDate,
          method: data.method,
          reference: data.reference ?? null,
          purpose: data.purpose ?? 'rent',
          recordedAt: event.recordedAt,
          allocations: data.allocations ?? [],
          autopayPeriod: data.autopayPeriod ?? null,
        });
      } else if (event.eventType === 'PaymentReversed') {
        const data = event.data as LeaseEventOf<'PaymentReversed'>['data'];
        const row = byId.get(data.paymentId);
        if (!row || row.reversed) continue;
        row.reversed = true;
        row.reversalReason = data.reason;
        row.reversedAt = event.recordedAt;
      }
    }
    return [bulkRows(paymentsTable, [...byId.values()])];
  },
});

export const paymentsProjection: Projection = {
  name: 'payments',
  tables: [paymentsTable],
  bulk,
  eventTypes: ['PaymentReceived', 'PaymentReversed'],
  async handle(tx, event, io) {
    if (event.eventType === 'PaymentReversed') {
      await tx.execute(reversed(event));
      return;
    }
    // Tenant and property come from the lease's first event, committed before this one.
    const [created] = await io.readStream(event.streamId, { toVersion: 1 });
    const data = created?.data as { tenantId?: string; propertyId?: string } | undefined;
    if (!data?.tenantId || !data.propertyId) {
      throw new Error(`payments: ${event.streamId} has no LeaseCreated event.`);
    }
    await tx.execute(received(event, { tenantId: data.tenantId, propertyId: data.propertyId }));
  },
  statementsFor(event, stateAfter) {
    if (event.eventType === 'PaymentReversed') return [reversed(event)];
    const state = stateAfter as LeaseState;
    if (state.status === 'none') return [];
    return [received(event, state)];
  },
  async reset(tx) {
    await tx.execute(sql`DELETE FROM rm_payments`);
  },
};
