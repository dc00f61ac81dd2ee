// Payment receipts and recent-payment lookups for the tenant pages, scoped to the reader like every
// query (another tenant's payment reads as unknown). A receipt is the rm_payments row (what the
// payment) with what it settled, the credit it left and the lease's balance right after it, as the
// payments projection stored them from the folded state right after the PaymentReceived event (so a
// v1 event's derived allocations too); a row stored without them folds from the nearest snapshot.
import 'server-only';
import { sql } from 'drizzle-orm';
import { rows } from '../db/client';
import { type ChargeKind, leaseDecider, leaseStreamId } from '../domain/lease';
import { folderOf } from '../eventstore/folder';
import { findEventByData } from '../eventstore/queries';
import type { Runtime } from '../runtime';
import { type Address, addressOf, leaseScope, type Reader } from './scope';

export interface Receipt {
  paymentId: string;
  /** Short, human-quotable receipt number derived from the payment id. */
  receiptNumber: string;
  leaseId: string;
  propertyName: string;
  address: Address;
  unitLabel: string | null;
  tenantName: string | null;
  amountCents: number;
  method: string;
  reference: string | null;
  /** `deposit`: paid towards the security deposit (held apart: it pays no ledger item). */
  purpose: 'rent' | 'deposit';
  paymentDate: string;
  recordedAt: string;
  /** What it paid: rent, a late fee or another charge, of which period. */
  allocations: { chargeId: string; kind: ChargeKind; period: string; amountCents: number }[];
  /** The part of the payment that became credit on the lease. */
  creditCents: number;
  /** The lease balance right after this payment (negative = credit). */
  balanceAfterCents: number;
  reversed: boolean;
  reversalReason: string | null;
}

const receiptNumberOf = (paymentId: string): string =>
  `LB-${paymentId.replace(/-/g, '').slice(0, 10).toUpperCase()}`;

/** One payment's receipt, or null when unknown or not the reader's. */
export async function getReceipt(
  runtime: Runtime,
  reader: Reader,
  paymentId: string,
): Promise<Receipt | null> {
  const db = runtime.database.db;
  const [row] = await rows<{
    payment_id: string;
    lease_id: string;
    property_name: string;
    line1: string;
    city: string;
    state: string;
    postal_code: string;
    unit_label: string | null;
    tenant_name: string | null;
    amount_cents: number;
    method: string;
    reference: string | null;
    purpose: string;
    payment_date: string;
    recorded_at: string;
    reversed: boolean;
    reversal_reason: string | null;
    allocations: string;
    balance_after_cents: number | string | null;
  }>(
    db,
    sql`SELECT pay.payment_id::text, pay.lease_id::text, p.name AS property_name, p.line1, p.city, p.state,
          p.postal_code, un.label AS unit_label, u.name AS tenant_name, pay.amount_cents, pay.method,
          pay.reference, pay.purpose, pay.payment_date::text, pay.recorded_at::text, pay.reversed, pay.reversal_reason,
          pay.allocations::text AS allocations, pay.balance_after_cents
        FROM rm_payments pay
        JOIN rm_leases l ON l.lease_id = pay.lease_id
        JOIN rm_properties p ON p.property_id = l.property_id
        LEFT JOIN rm_units un ON un.unit_id = l.unit_id
        LEFT JOIN users u ON u.id = l.tenant_id
        WHERE pay.payment_id = ${paymentId} AND ${leaseScope(reader)}`,
  );
  if (!row) return null;
  const amountCents = Number(row.amount_cents);
  const atPayment =
    row.balance_after_cents === null
      ? await ledgerAtPayment(runtime, row.lease_id, row.payment_id)
      : storedAtPayment(row.purpose, amountCents, row.allocations, Number(row.balance_after_cents));
  return {
    paymentId: row.payment_id,
    receiptNumber: receiptNumberOf(row.payment_id),
    leaseId: row.lease_id,
    propertyName: row.property_name,
    address: addressOf(row),
    unitLabel: row.unit_label,
    tenantName: row.tenant_name,
    amountCents,
    method: row.method,
    reference: row.reference,
    purpose: row.purpose === 'deposit' ? 'deposit' : 'rent',
    paymentDate: row.payment_date,
    recordedAt: new Date(row.recorded_at).toISOString(),
    allocations: atPayment.allocations,
    creditCents: atPayment.creditCents,
    balanceAfterCents: atPayment.balanceAfterCents,
    reversed: Boolean(row.reversed),
    reversalReason: row.reversal_reason,
  };
}

type AtPayment = Pick<Receipt, 'allocations' | 'creditCents' | 'balanceAfterCents'>;

/** The figures as the payments projection stored them right after the payment (no fold). */
function storedAtPayment(
  purpose: string,
  amountCents: number,
  allocationsJson: string,
  balanceAfterCents: number,
): AtPayment {
  if (purpose === 'deposit') return { allocations: [], creditCents: 0, balanceAfterCents };
  const allocations = (JSON.parse(allocationsJson) as Receipt['allocations']).map((a) => ({
    chargeId: a.chargeId,
    kind: a.kind,
    period: a.period,
    amountCents: Number(a.amountCents),
  }));
  const settled = allocations.reduce((sum, a) => sum + a.amountCents, 0);
  return { allocations, creditCents: amountCents - settled, balanceAfterCents };
}

/**
 * Rows written without the folded state (the projection's `handle` path, rows from before the
 * column existed): the lease from its nearest snapshot at or below the payment, folded up to it.
 */
async function ledgerAtPayment(runtime: Runtime, leaseId: string, paymentId: string): Promise<AtPayment> {
  const streamId = leaseStreamId(leaseId);
  const event = await findEventByData(runtime.database.db, {
    streamId,
    eventType: 'PaymentReceived',
    field: 'paymentId',
    value: paymentId,
  });
  if (!event) return { allocations: [], creditCents: 0, balanceAfterCents: 0 };
  const { state } = await runtime.store.load(streamId, folderOf(leaseDecider), { toVersion: event.version });
  if (state.status === 'none') return { allocations: [], creditCents: 0, balanceAfterCents: 0 };
  const payment = state.payments.find((p) => p.paymentId === paymentId);
  return {
    allocations: (payment?.allocations ?? []).map((a) => ({
      chargeId: a.chargeId,
      kind: a.kind,
      period: a.period,
      amountCents: a.amountCents,
    })),
    creditCents: payment?.unappliedCents ?? 0,
    balanceAfterCents: state.balanceCents,
  };
}
