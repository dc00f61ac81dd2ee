// payments: one row per payment received, marked when reversed. Keyed by payment id, and a
// reversal only touches a payment not yet reversed, so a replayed event changes nothing.
import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import {
  type Allocation,
  type Lease,
  type LeaseEventOf,
  type LeaseState,
  leaseDecider,
} from '../../domain/lease';
import { folderOf, type ProjectedEvent } from '../../eventstore';
import { type BulkWriter, bulkRows, type Projection } from '../types';
import { paymentsTable } from './tables';

type Parties = { tenantId: string; propertyId: string };

/** What the folded state right after the payment adds: its allocations as derived, the balance. */
type AtPayment = { allocations: Allocation[]; balanceAfterCents: number };

function received(event: ProjectedEvent, parties: Parties, at?: AtPayment): SQL {
  const leaseId = event.streamId.slice('lease-'.length);
  const data = event.data as LeaseEventOf<'PaymentReceived'>['data'];
  const allocations = at?.allocations ?? data.allocations ?? [];
  return sql`INSERT INTO rm_payments (payment_id, lease_id, tenant_id, property_id, amount_cents, payment_date,
        method, reference, purpose, recorded_at, allocations, autopay_period, balance_after_cents)
      VALUES (${data.paymentId}, ${leaseId}, ${parties.tenantId}, ${parties.propertyId}, ${data.amountCents},
        ${data.paymentDate}, ${data.method}, ${data.reference ?? null}, ${data.purpose ?? 'rent'}, ${event.recordedAt},
        ${JSON.stringify(allocations)}::jsonb, ${data.autopayPeriod ?? null}, ${at?.balanceAfterCents ?? null})
      ON CONFLICT (payment_id) DO NOTHING`;
}

function atPayment(state: Lease, paymentId: string): AtPayment {
  const payment = state.payments.find((p) => p.paymentId === paymentId);
  return {
    allocations: (payment?.allocations ?? []).map(({ chargeId, kind, period, amountCents }) => ({
      chargeId,
      kind,
      period,
      amountCents,
    })),
    balanceAfterCents: state.balanceCents,
  };
}

function reversed(event: ProjectedEvent): SQL {
  const data = event.data as LeaseEventOf<'PaymentReversed'>['data'];
  return sql`UPDATE rm_payments SET reversed = true, reversal_reason = ${data.reason}, reversed_at = ${event.recordedAt}
      WHERE payment_id = ${data.paymentId} AND NOT reversed`;
}

/**
 * A lease stream's payments as they end: received (with what the fold right after it allocated and
 * the balance), then marked by the first reversal of each.
 */
const bulk = (): BulkWriter => {
  const at = new Map<string, AtPayment>();
  return {
    event(event, stateAfter) {
      const state = stateAfter as LeaseState;
      if (event.eventType !== 'PaymentReceived' || state.status === 'none') return;
      const { paymentId } = event.data as { paymentId: string };
      if (!at.has(paymentId)) at.set(paymentId, atPayment(state, paymentId));
    },
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
            allocations: at.get(data.paymentId)?.allocations ?? data.allocations ?? [],
            autopayPeriod: data.autopayPeriod ?? null,
            balanceAfterCents: at.get(data.paymentId)?.balanceAfterCents ?? null,
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
      at.clear();
      return [bulkRows(paymentsTable, [...byId.values()])];
    },
  };
};

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
    // The lease right after the payment (what it allocated, the balance): its latest snapshot at
    // or below the payment plus the events after, so the runner writes exactly what the command's
    // after-commit step writes without folding a long lease from version 1.
    const state = await io.loadState<LeaseState>(event.streamId, folderOf(leaseDecider), event.version);
    if (state.status === 'none') throw new Error(`payments: ${event.streamId} has no LeaseCreated event.`);
    const { paymentId } = event.data as { paymentId: string };
    await tx.execute(received(event, state, atPayment(state, paymentId)));
  },
  statementsFor(event, stateAfter) {
    if (event.eventType === 'PaymentReversed') return [reversed(event)];
    const state = stateAfter as LeaseState;
    if (state.status === 'none') return [];
    const { paymentId } = event.data as { paymentId: string };
    return [received(event, state, atPayment(state, paymentId))];
  },
  async reset(tx) {
    await tx.execute(sql`DELETE FROM rm_payments`);
  },
};
