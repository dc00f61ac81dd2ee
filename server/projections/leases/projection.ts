// leases: folds each lease stream with the domain's own evolve into one row per lease (plain
// columns for lists and dashboards, and the folded state its own handle reads back), the lease's
// ledger rows (rm_ledger_items, rm_allocations, rm_property_months: see ../ledger), and one
// row per payment record (rm_lease_payments), so an event writes the lease's small state and only
// the payment records it changed — not the whole payment history again. The runner applies each
// stream version once (projection_streams); the row's version guard makes a replay a no-op too.
// A command's after-commit step hands over the states before and after each event, so it writes
// without reading.
import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { rows } from '../../db/client';
import {
  depositOf,
  LEASE_EVENT_TYPES,
  type Lease,
  type LeaseEvent,
  type LeaseState,
  leaseDecider,
  type PaymentRecord,
} from '../../domain/lease';
import type { ProjectedEvent } from '../../eventstore';
import { LedgerRows, ledgerChanges, ledgerStatements } from '../ledger/statements';
import { allocationsTable, ledgerItemsTable, propertyMonthsTable } from '../ledger/tables';
import { type BulkWriter, bulkRows, type Projection } from '../types';
import { autopayDatesOf, nextDueOf, openChargesOf } from './figures';
import { leasePaymentsTable, leasesTable } from './tables';

const leaseIdOf = (event: ProjectedEvent): string => event.streamId.slice('lease-'.length);

/** The lease's row as the fold leaves it, but for the names (those come from their own tables). */
function leaseRow(leaseId: string, version: number, lease: Lease) {
  const { payments: _payments, ...state } = lease;
  const deposit = depositOf(lease);
  const next = nextDueOf(lease);
  const autopay = lease.autopay;
  const open = openChargesOf(lease);
  return {
    leaseId,
    tenantId: lease.tenantId,
    propertyId: lease.propertyId,
    unitId: lease.unitId,
    startDate: lease.startDate,
    endDate: lease.endDate,
    terminatedOn: lease.terminatedOn ?? null,
    storedStatus: lease.status,
    monthlyRentCents: lease.monthlyRentCents,
    balanceCents: lease.balanceCents,
    depositRequiredCents: deposit.requiredCents,
    depositHeldCents: deposit.heldCents,
    depositSettledOn: deposit.settlement?.settledOn ?? null,
    depositRefundedCents: deposit.settlement?.refundedCents ?? null,
    depositSettledHeldCents: deposit.settlement?.heldCents ?? null,
    depositDeductionsCents: deposit.settlement?.deductionsCents ?? null,
    depositAppliedToDeductionsCents: deposit.settlement?.appliedToDeductionsCents ?? null,
    depositAppliedToBalanceCents: deposit.settlement?.appliedToBalanceCents ?? null,
    depositRefundMethod: deposit.settlement?.refundMethod ?? null,
    graceDays: lease.graceDays,
    nextDueDate: next?.date ?? null,
    nextDueCents: next?.amountCents ?? null,
    autopayEnabled: autopay.enabled,
    autopayMethod: autopay.enabled ? autopay.method : null,
    autopayCapCents: autopay.enabled ? (autopay.capCents ?? null) : null,
    autopayDates: autopayDatesOf(lease),
    openDueDates: open.dueDates,
    openGraceEnds: open.graceEnds,
    openAmountsCents: open.amountsCents,
    openChargesCents: open.totalCents,
    version,
    state,
  } satisfies typeof leasesTable.$inferInsert;
}

function upsertLease(leaseId: string, version: number, lease: Lease): SQL {
  const row = leaseRow(leaseId, version, lease);
  // Names come from the users and properties tables by key (no read in JS: the statement does it);
  // the properties projection refreshes the property's and unit's when they change or arrive late.
  return sql`INSERT INTO rm_leases (lease_id, tenant_id, property_id, unit_id, start_date, end_date, terminated_on,
        stored_status, monthly_rent_cents, balance_cents, deposit_required_cents, deposit_held_cents,
        deposit_settled_on, deposit_refunded_cents, deposit_settled_held_cents, deposit_deductions_cents,
        deposit_applied_to_deductions_cents, deposit_applied_to_balance_cents, deposit_refund_method,
        grace_days, tenant_name, tenant_email, property_name,
        property_address, unit_label, next_due_date, next_due_cents, autopay_enabled, autopay_method,
        autopay_cap_cents, autopay_dates, open_due_dates, open_grace_ends, open_amounts_cents,
        open_charges_cents, version, state, updated_at)
      VALUES (${row.leaseId}, ${row.tenantId}, ${row.propertyId}, ${row.unitId}, ${row.startDate},
        ${row.endDate}, ${row.terminatedOn}, ${row.storedStatus}, ${row.monthlyRentCents},
        ${row.balanceCents}, ${row.depositRequiredCents}, ${row.depositHeldCents},
        ${row.depositSettledOn}, ${row.depositRefundedCents}, ${row.depositSettledHeldCents},
        ${row.depositDeductionsCents}, ${row.depositAppliedToDeductionsCents},
        ${row.depositAppliedToBalanceCents}, ${row.depositRefundMethod}, ${row.graceDays},
        (SELECT u.name FROM users u WHERE u.id = ${row.tenantId}::uuid),
        (SELECT u.email FROM users u WHERE u.id = ${row.tenantId}::uuid),
        (SELECT p.name FROM rm_properties p WHERE p.property_id = ${row.propertyId}::uuid),
        (SELECT concat_ws(' ', p.line1, p.city, p.state, p.postal_code) FROM rm_properties p
          WHERE p.property_id = ${row.propertyId}::uuid),
        (SELECT un.label FROM rm_units un WHERE un.unit_id = ${row.unitId}::uuid),
        ${row.nextDueDate}, ${row.nextDueCents}, ${row.autopayEnabled}, ${row.autopayMethod},
        ${row.autopayCapCents}, ${row.autopayDates === null ? null : `{${row.autopayDates.join(',')}}`}::date[],
        ${`{${row.openDueDates.join(',')}}`}::date[], ${`{${row.openGraceEnds.join(',')}}`}::date[],
        ${`{${row.openAmountsCents.join(',')}}`}::bigint[], ${row.openChargesCents},
        ${version}, ${JSON.stringify(row.state)}::jsonb, now())
      ON CONFLICT (lease_id) DO UPDATE SET
        grace_days = excluded.grace_days,
        tenant_name = coalesce(excluded.tenant_name, rm_leases.tenant_name),
        tenant_email = coalesce(excluded.tenant_email, rm_leases.tenant_email),
        property_name = coalesce(excluded.property_name, rm_leases.property_name),
        property_address = coalesce(excluded.property_address, rm_leases.property_address),
        unit_label = coalesce(excluded.unit_label, rm_leases.unit_label),
        next_due_date = excluded.next_due_date, next_due_cents = excluded.next_due_cents,
        autopay_enabled = excluded.autopay_enabled, autopay_method = excluded.autopay_method,
        autopay_cap_cents = excluded.autopay_cap_cents, autopay_dates = excluded.autopay_dates,
        open_due_dates = excluded.open_due_dates, open_grace_ends = excluded.open_grace_ends,
        open_amounts_cents = excluded.open_amounts_cents, open_charges_cents = excluded.open_charges_cents,
        deposit_settled_held_cents = excluded.deposit_settled_held_cents,
        deposit_deductions_cents = excluded.deposit_deductions_cents,
        deposit_applied_to_deductions_cents = excluded.deposit_applied_to_deductions_cents,
        deposit_applied_to_balance_cents = excluded.deposit_applied_to_balance_cents,
        deposit_refund_method = excluded.deposit_refund_method,
        end_date = excluded.end_date, terminated_on = excluded.terminated_on,
        stored_status = excluded.stored_status, monthly_rent_cents = excluded.monthly_rent_cents,
        balance_cents = excluded.balance_cents, deposit_required_cents = excluded.deposit_required_cents,
        deposit_held_cents = excluded.deposit_held_cents, deposit_settled_on = excluded.deposit_settled_on,
        deposit_refunded_cents = excluded.deposit_refunded_cents, version = excluded.version, state = excluded.state,
        updated_at = excluded.updated_at
      WHERE rm_leases.version < excluded.version`;
}

/**
 * The payment records `after` holds that `before` does not hold as the same object. The fold
 * shares every record an event does not touch, so this is what the event changed (a comparison of
 * references, not of contents).
 */
function changedPayments(before: LeaseState, after: Lease): { seq: number; payment: PaymentRecord }[] {
  const previous = before.status === 'none' ? [] : before.payments;
  const changed: { seq: number; payment: PaymentRecord }[] = [];
  after.payments.forEach((payment, seq) => {
    if (previous[seq] !== payment) changed.push({ seq, payment });
  });
  return changed;
}

function upsertPayments(leaseId: string, changed: readonly { seq: number; payment: PaymentRecord }[]): SQL[] {
  if (changed.length === 0) return [];
  return [
    sql`INSERT INTO rm_lease_payments (lease_id, seq, payment_id, payment)
        VALUES ${sql.join(
          changed.map(
            ({ seq, payment }) =>
              sql`(${leaseId}, ${seq}, ${payment.paymentId}, ${JSON.stringify(payment)}::jsonb)`,
          ),
          sql`, `,
        )}
        ON CONFLICT (lease_id, seq) DO UPDATE SET payment_id = excluded.payment_id, payment = excluded.payment`,
  ];
}

function statements(event: ProjectedEvent, before: LeaseState, after: LeaseState): SQL[] {
  if (after.status === 'none') return [];
  const leaseId = leaseIdOf(event);
  return [
    upsertLease(leaseId, event.version, after),
    ...upsertPayments(leaseId, changedPayments(before, after)),
    ...ledgerStatements(leaseId, after.propertyId, event.version, ledgerChanges(event, before, after)),
  ];
}

/**
 * The bulk rebuild: each lease's row and payment records as its stream ends, its ledger rows merged
 * from the per-event changes the live path writes one event at a time, the month rollup summed
 * over every lease; then the names, set-based, from the tables that own them.
 */
const bulk = (): BulkWriter => {
  const ledger = new LedgerRows();
  return {
    event(event, stateAfter, stateBefore) {
      const after = stateAfter as LeaseState;
      if (after.status === 'none') return;
      const changes = ledgerChanges(event, stateBefore as LeaseState, after);
      ledger.add(leaseIdOf(event), after.propertyId, event.version, changes);
    },
    stream(events, state) {
      const lease = state as LeaseState;
      const last = events[events.length - 1];
      if (lease.status === 'none' || !last) return ledger.takeLease();
      const leaseId = leaseIdOf(last);
      return [
        bulkRows(leasesTable, [leaseRow(leaseId, last.version, lease)]),
        bulkRows(
          leasePaymentsTable,
          lease.payments.map((payment, seq) => ({ leaseId, seq, paymentId: payment.paymentId, payment })),
        ),
        ...ledger.takeLease(),
      ];
    },
    finish: () => ledger.takeMonths(),
    // One pass over the new rows (each UPDATE writes every row again): a name not found stays NULL.
    after: () => [
      sql`UPDATE rm_leases l SET tenant_name = n.tenant_name, tenant_email = n.tenant_email,
            property_name = n.property_name, property_address = n.property_address, unit_label = n.unit_label
          FROM (SELECT x.lease_id, u.name AS tenant_name, u.email AS tenant_email, p.name AS property_name,
              concat_ws(' ', p.line1, p.city, p.state, p.postal_code) AS property_address, un.label AS unit_label
            FROM rm_leases x
            LEFT JOIN users u ON u.id = x.tenant_id
            LEFT JOIN rm_properties p ON p.property_id = x.property_id
            LEFT JOIN rm_units un ON un.unit_id = x.unit_id) n
          WHERE n.lease_id = l.lease_id`,
    ],
  };
};

export const leasesProjection: Projection = {
  name: 'leases',
  tables: [leasesTable, leasePaymentsTable, ledgerItemsTable, allocationsTable, propertyMonthsTable],
  bulk,
  eventTypes: LEASE_EVENT_TYPES,
  async handle(tx, event) {
    const leaseId = leaseIdOf(event);
    const [current] = await rows<{ version: number; state: string; payments: string }>(
      tx,
      sql`SELECT l.version, l.state::text AS state,
            (SELECT coalesce(json_agg(p.payment ORDER BY p.seq), '[]')::text FROM rm_lease_payments p
              WHERE p.lease_id = l.lease_id) AS payments
          FROM rm_leases l WHERE l.lease_id = ${leaseId} FOR UPDATE`,
    );
    const version = current ? Number(current.version) : 0;
    if (event.version <= version) return;
    if (event.version !== version + 1) {
      throw new Error(`leases: ${event.streamId} jumps from version ${version} to ${event.version}.`);
    }
    const before: LeaseState = current
      ? ({
          ...(JSON.parse(current.state) as Omit<Lease, 'payments'>),
          payments: JSON.parse(current.payments) as PaymentRecord[],
        } as Lease)
      : leaseDecider.initialState;
    const after = leaseDecider.evolve(before, { type: event.eventType, data: event.data } as LeaseEvent);
    for (const statement of statements(event, before, after)) await tx.execute(statement);
  },
  statementsFor(event, stateAfter, stateBefore) {
    return statements(event, stateBefore as LeaseState, stateAfter as LeaseState);
  },
  async reset(tx) {
    await tx.execute(sql`DELETE FROM rm_allocations`);
    await tx.execute(sql`DELETE FROM rm_ledger_items`);
    await tx.execute(sql`DELETE FROM rm_property_months`);
    await tx.execute(sql`DELETE FROM rm_lease_payments`);
    await tx.execute(sql`DELETE FROM rm_leases`);
  },
};
