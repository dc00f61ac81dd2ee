// payments: one row per payment received, marked when reversed. Keyed by payment id, and a
// reversal only touches a payment not yet reversed, so a replayed event changes nothing.
import 'server-only';
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client';
import type { LeaseEventOf } from '../../domain/lease';
import type { Projection } from '../types';

export const paymentsProjection: Projection = {
  name: 'payments',
  eventTypes: ['PaymentReceived', 'PaymentReversed'],
  async handle(tx, event) {
    const leaseId = event.streamId.slice('lease-'.length);
    if (event.eventType === 'PaymentReceived') {
      const data = event.data as LeaseEventOf<'PaymentReceived'>['data'];
      // Tenant and property come from the lease's first event, already committed before this one.
      const [created] = await rows<{ tenant_id: string; property_id: string }>(
        tx,
        sql`SELECT data->>'tenantId' AS tenant_id, data->>'propertyId' AS property_id FROM events
            WHERE stream_id = ${event.streamId} AND version = 1`,
      );
      if (!created) throw new Error(`payments: ${event.streamId} has no LeaseCreated event.`);
      await tx.execute(
        sql`INSERT INTO rm_payments (payment_id, lease_id, tenant_id, property_id, amount_cents, payment_date,
              method, reference, recorded_at, allocations)
            VALUES (${data.paymentId}, ${leaseId}, ${created.tenant_id}, ${created.property_id}, ${data.amountCents},
              ${data.paymentDate}, ${data.method}, ${data.reference ?? null}, ${event.recordedAt},
              ${JSON.stringify(data.allocations ?? [])}::jsonb)
            ON CONFLICT (payment_id) DO NOTHING`,
      );
      return;
    }
    const data = event.data as LeaseEventOf<'PaymentReversed'>['data'];
    await tx.execute(
      sql`UPDATE rm_payments SET reversed = true, reversal_reason = ${data.reason}, reversed_at = ${event.recordedAt}
          WHERE payment_id = ${data.paymentId} AND NOT reversed`,
    );
  },
  async reset(tx) {
    await tx.execute(sql`DELETE FROM rm_payments`);
  },
};
