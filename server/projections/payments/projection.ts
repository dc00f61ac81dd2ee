// payments: one row per payment received, marked when reversed. Keyed by payment id, and a
// reversal only touches a payment not yet reversed, so a replayed event changes nothing.
import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import type { LeaseEventOf, LeaseState } from '../../domain/lease';
import type { StoredEvent } from '../../eventstore';
import type { Projection } from '../types';

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

export const paymentsProjection: Projection = {
  name: 'payments',
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
