// The ledger read tables' statements for one lease event, from the lease's state right before and
// right after it, without reading anything: the leases projection sends them both from its
// `handle` (state read back from rm_leases) and from `statementsFor` (the command's states, or a
// bulk rebuild's in-memory fold), so the two paths write the same rows by construction.
//
// What changed is found by reference: the fold shares every charge, payment and credit an event
// does not touch (see the domain's ledger.ts), so only the touched entries are compared. An
// allocation change is a payer's effective allocation to an item after the event less before it
// (a reversed payment's effective allocations are none), dated the event's business day.
import { type SQL, sql } from 'drizzle-orm';
import type { CreditRecord, Lease, LeaseState, LedgerItem, PaymentRecord } from '../../domain/lease';
import { localDate } from '../../domain/shared/dates';
import type { ProjectedEvent } from '../../eventstore';
import { type BulkRows, bulkRows } from '../types';
import { allocationsTable, ledgerItemsTable, propertyMonthsTable } from './tables';

export type AllocationCause = 'allocation' | 'reversal' | 'waiver';
export type SourceKind = 'payment' | 'credit' | 'deposit_credit';

/** One row of rm_allocations, before it is written. */
export interface AllocationChange {
  seq: number;
  sourceId: string;
  sourceKind: SourceKind;
  itemId: string;
  itemKind: string;
  itemDueDate: string;
  cause: AllocationCause;
  amountCents: number;
  allocatedOn: string;
}

/** One row of rm_ledger_items, before it is written. */
export interface ItemRow {
  itemId: string;
  kind: string;
  period: string;
  dueDate: string;
  postedOn: string;
  amountCents: number;
  paidCents: number;
  openCents: number;
  description: string | null;
  waivedOn: string | null;
  waiverReason: string | null;
}

/** The deltas one event adds to a property's month (rm_property_months columns). */
export interface MonthDelta {
  chargedCents: number;
  rentChargedCents: number;
  lateFeesCents: number;
  collectedCents: number;
  reversedCents: number;
  creditsCents: number;
  waivedCents: number;
  rentWaivedCents: number;
  depositsChangeCents: number;
  dueChargedCents: number;
  dueCollectedCents: number;
}

export interface LedgerChanges {
  items: ItemRow[];
  allocations: AllocationChange[];
  months: Map<string, MonthDelta>;
}

const emptyDelta = (): MonthDelta => ({
  chargedCents: 0,
  rentChargedCents: 0,
  lateFeesCents: 0,
  collectedCents: 0,
  reversedCents: 0,
  creditsCents: 0,
  waivedCents: 0,
  rentWaivedCents: 0,
  depositsChangeCents: 0,
  dueChargedCents: 0,
  dueCollectedCents: 0,
});

/** What owes money on a ledger and counts for the collection rate (credits, the deposit and its deductions apart). */
export const CHARGE_KINDS: readonly string[] = [
  'rent',
  'late_fee',
  'fee',
  'utility',
  'damage',
  'nsf_fee',
  'recurring',
  'other',
];
export const isCharge = (kind: string): boolean => CHARGE_KINDS.includes(kind);

const monthOf = (date: string): string => date.slice(0, 7);

/** The lease's local date the event was recorded on. */
const recordedDayOf = (event: ProjectedEvent, lease: Pick<Lease, 'timeZone'>): string =>
  localDate(new Date(event.recordedAt), lease.timeZone ?? 'UTC');

/**
 * The business day of what the event changed: a payment's date, a waiver's, a credit's grant
 * (a termination's credit: its effective date), a settlement's; a new item's due date (credit held
 * pays it when it falls due); otherwise the day the event was recorded (a reversal).
 */
function eventDayOf(event: ProjectedEvent, after: Lease): string {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const text = (key: string): string | undefined =>
    typeof data[key] === 'string' ? (data[key] as string) : undefined;
  switch (event.eventType) {
    case 'PaymentReceived':
      return text('paymentDate') ?? recordedDayOf(event, after);
    case 'ChargeWaived':
      return text('waivedOn') ?? recordedDayOf(event, after);
    case 'CreditGranted':
      return text('grantedOn') ?? after.terminatedOn ?? recordedDayOf(event, after);
    case 'DepositSettled':
      return text('settledOn') ?? recordedDayOf(event, after);
    case 'RentCharged':
    case 'LateFeeAssessed':
    case 'ChargePosted':
      return text('dueDate') ?? recordedDayOf(event, after);
    default:
      return recordedDayOf(event, after);
  }
}

/** What is owed on a charge now: rm_ledger_items.open_cents (0 once waived). */
export const openOf = (item: LedgerItem): number =>
  item.waived ? 0 : Math.max(0, item.amountCents - item.paidCents);

type Payer = Pick<PaymentRecord, 'allocations' | 'allocatedAt'> & { reversed?: boolean };

/** What the payer has paid of each item now (nothing once reversed), with the item. */
function effective(payer: Payer | undefined, charges: readonly LedgerItem[]) {
  const paid = new Map<string, { cents: number; item: LedgerItem }>();
  if (!payer || payer.reversed) return paid;
  payer.allocations.forEach((allocation, k) => {
    const item = charges[payer.allocatedAt[k] ?? -1];
    if (!item) return;
    const found = paid.get(allocation.chargeId);
    paid.set(allocation.chargeId, { cents: (found?.cents ?? 0) + allocation.amountCents, item });
  });
  return paid;
}

/** What the event changed on the ledger: item rows to write, allocation rows, month deltas. */
export function ledgerChanges(event: ProjectedEvent, beforeState: LeaseState, after: Lease): LedgerChanges {
  const before: Lease | null = beforeState.status === 'none' ? null : beforeState;
  const day = eventDayOf(event, after);
  const recordedDay = recordedDayOf(event, after);
  const months = new Map<string, MonthDelta>();
  const delta = (month: string): MonthDelta => {
    let found = months.get(month);
    if (!found) {
      found = emptyDelta();
      months.set(month, found);
    }
    return found;
  };

  const items: ItemRow[] = [];
  const beforeCharges = before?.charges ?? [];
  after.charges.forEach((item, at) => {
    const previous = beforeCharges[at];
    if (previous === item) return;
    items.push({
      itemId: item.chargeId,
      kind: item.kind,
      period: item.period,
      dueDate: item.dueDate,
      postedOn: recordedDay,
      amountCents: item.amountCents,
      paidCents: item.waived ? item.waived.paidCents : item.paidCents,
      openCents: openOf(item),
      description: item.description ?? null,
      waivedOn: item.waived?.on ?? null,
      waiverReason: item.waived?.reason ?? null,
    });
    if (isCharge(item.kind)) {
      const now = item.waived ? 0 : item.amountCents;
      const was = !previous || previous.waived ? 0 : previous.amountCents;
      if (now !== was) delta(monthOf(item.dueDate)).dueChargedCents += now - was;
    }
    if (item.kind === 'deposit') return;
    if (!previous) {
      const month = delta(monthOf(item.dueDate));
      month.chargedCents += item.amountCents;
      if (item.kind === 'rent') month.rentChargedCents += item.amountCents;
      if (item.kind === 'late_fee') month.lateFeesCents += item.amountCents;
    }
    if (item.waived && !previous?.waived) {
      const month = delta(monthOf(item.waived.on));
      month.waivedCents += item.amountCents;
      if (item.kind === 'rent') month.rentWaivedCents += item.amountCents;
    }
  });

  const depositCreditId = after.depositSettlement?.creditId;
  const creditKind = (credit: CreditRecord): SourceKind =>
    credit.creditId === depositCreditId ? 'deposit_credit' : 'credit';
  const beforeCredits = before?.credits ?? [];
  after.credits.forEach((credit, at) => {
    const previous = beforeCredits[at];
    if (previous === credit) return;
    const kind = creditKind(credit);
    items.push({
      itemId: credit.creditId,
      kind,
      period: monthOf(day),
      dueDate: day,
      postedOn: recordedDay,
      amountCents: credit.amountCents,
      paidCents: credit.amountCents - credit.unappliedCents,
      openCents: credit.unappliedCents,
      description: credit.reason,
      waivedOn: null,
      waiverReason: null,
    });
    if (!previous && kind === 'credit') delta(monthOf(day)).creditsCents += credit.amountCents;
  });

  // Allocation changes of every payer the event touched.
  const allocations: AllocationChange[] = [];
  const reversedId =
    event.eventType === 'PaymentReversed' ? (event.data as { paymentId?: string }).paymentId : undefined;
  const compare = (sourceId: string, sourceKind: SourceKind, was: Payer | undefined, now: Payer) => {
    const old = effective(was, beforeCharges);
    const fresh = effective(now, after.charges);
    for (const chargeId of new Set([...old.keys(), ...fresh.keys()])) {
      const change = (fresh.get(chargeId)?.cents ?? 0) - (old.get(chargeId)?.cents ?? 0);
      if (change === 0) continue;
      const item = (fresh.get(chargeId) ?? old.get(chargeId))?.item as LedgerItem;
      const cause: AllocationCause =
        sourceId === reversedId && change < 0
          ? 'reversal'
          : event.eventType === 'ChargeWaived' && change < 0
            ? 'waiver'
            : 'allocation';
      allocations.push({
        seq: allocations.length,
        sourceId,
        sourceKind,
        itemId: chargeId,
        itemKind: item.kind,
        itemDueDate: item.dueDate,
        cause,
        amountCents: change,
        allocatedOn: day,
      });
      if (sourceKind !== 'credit' && isCharge(item.kind))
        delta(monthOf(item.dueDate)).dueCollectedCents += change;
      if (sourceKind === 'credit' || item.kind === 'deposit') continue;
      if (cause === 'reversal') delta(monthOf(day)).reversedCents -= change;
      else if (change > 0) delta(monthOf(item.dueDate)).collectedCents += change;
      else delta(monthOf(day)).collectedCents += change;
    }
  };
  const beforePayments = before?.payments ?? [];
  after.payments.forEach((payment, at) => {
    const previous = beforePayments[at];
    if (previous !== payment) compare(payment.paymentId, 'payment', previous, payment);
  });
  after.credits.forEach((credit, at) => {
    const previous = beforeCredits[at];
    if (previous !== credit) compare(credit.creditId, creditKind(credit), previous, credit);
  });

  const depositChange = after.depositHeldCents - (before?.depositHeldCents ?? 0);
  if (depositChange !== 0) delta(monthOf(day)).depositsChangeCents += depositChange;

  for (const [month, d] of months) {
    if (Object.values(d).every((value) => value === 0)) months.delete(month);
  }
  return { items, allocations, months };
}

/** The statements that write `changes` for the lease (one multi-row statement per table). */
export function ledgerStatements(
  leaseId: string,
  propertyId: string,
  version: number,
  changes: LedgerChanges,
): SQL[] {
  const statements: SQL[] = [];
  if (changes.items.length > 0) {
    statements.push(sql`INSERT INTO rm_ledger_items (lease_id, item_id, property_id, kind, period, due_date,
        posted_on, amount_cents, paid_cents, open_cents, description, waived_on, waiver_reason, version)
      VALUES ${sql.join(
        changes.items.map(
          (
            i,
          ) => sql`(${leaseId}, ${i.itemId}, ${propertyId}, ${i.kind}, ${i.period}, ${i.dueDate}, ${i.postedOn},
            ${i.amountCents}, ${i.paidCents}, ${i.openCents}, ${i.description}, ${i.waivedOn}, ${i.waiverReason},
            ${version})`,
        ),
        sql`, `,
      )}
      ON CONFLICT (lease_id, item_id) DO UPDATE SET paid_cents = excluded.paid_cents,
        open_cents = excluded.open_cents, waived_on = excluded.waived_on, waiver_reason = excluded.waiver_reason,
        version = excluded.version
      WHERE rm_ledger_items.version <= excluded.version`);
  }
  if (changes.allocations.length > 0) {
    statements.push(sql`INSERT INTO rm_allocations (lease_id, version, seq, property_id, source_id, source_kind,
        item_id, item_kind, item_due_date, cause, amount_cents, allocated_on)
      VALUES ${sql.join(
        changes.allocations.map(
          (
            a,
          ) => sql`(${leaseId}, ${version}, ${a.seq}, ${propertyId}, ${a.sourceId}, ${a.sourceKind}, ${a.itemId},
            ${a.itemKind}, ${a.itemDueDate}, ${a.cause}, ${a.amountCents}, ${a.allocatedOn})`,
        ),
        sql`, `,
      )}
      ON CONFLICT (lease_id, version, seq) DO NOTHING`);
  }
  if (changes.months.size > 0) {
    statements.push(sql`INSERT INTO rm_property_months AS m (property_id, month, charged_cents, rent_charged_cents,
        late_fees_cents, collected_cents, reversed_cents, credits_cents, waived_cents, rent_waived_cents,
        deposits_change_cents, due_charged_cents, due_collected_cents)
      VALUES ${sql.join(
        [...changes.months].map(
          ([
            month,
            d,
          ]) => sql`(${propertyId}, ${month}, ${d.chargedCents}, ${d.rentChargedCents}, ${d.lateFeesCents},
            ${d.collectedCents}, ${d.reversedCents}, ${d.creditsCents}, ${d.waivedCents}, ${d.rentWaivedCents},
            ${d.depositsChangeCents}, ${d.dueChargedCents}, ${d.dueCollectedCents})`,
        ),
        sql`, `,
      )}
      ON CONFLICT (property_id, month) DO UPDATE SET
        charged_cents = m.charged_cents + excluded.charged_cents,
        rent_charged_cents = m.rent_charged_cents + excluded.rent_charged_cents,
        late_fees_cents = m.late_fees_cents + excluded.late_fees_cents,
        collected_cents = m.collected_cents + excluded.collected_cents,
        reversed_cents = m.reversed_cents + excluded.reversed_cents,
        credits_cents = m.credits_cents + excluded.credits_cents,
        waived_cents = m.waived_cents + excluded.waived_cents,
        rent_waived_cents = m.rent_waived_cents + excluded.rent_waived_cents,
        deposits_change_cents = m.deposits_change_cents + excluded.deposits_change_cents,
        due_charged_cents = m.due_charged_cents + excluded.due_charged_cents,
        due_collected_cents = m.due_collected_cents + excluded.due_collected_cents`);
  }
  return statements;
}

type ItemInsert = typeof ledgerItemsTable.$inferInsert;
type MonthInsert = typeof propertyMonthsTable.$inferInsert;

/**
 * The ledger rows of a bulk rebuild (../rebuild.ts): the same changes `ledgerStatements` writes
 * one event at a time, merged in memory as its ON CONFLICT clauses would merge them (an item keeps
 * its first row's kind, dates and amount and takes the latest paid, open and waiver; the month
 * rollup sums the deltas), so a rebuild writes each row once.
 */
export class LedgerRows {
  private items = new Map<string, ItemInsert>();
  private allocations: (typeof allocationsTable.$inferInsert)[] = [];
  private readonly months = new Map<string, MonthInsert>();

  /** One event's changes to the lease's ledger. */
  add(leaseId: string, propertyId: string, version: number, changes: LedgerChanges): void {
    for (const i of changes.items) {
      const found = this.items.get(i.itemId);
      if (found) {
        Object.assign(found, {
          paidCents: i.paidCents,
          openCents: i.openCents,
          waivedOn: i.waivedOn,
          waiverReason: i.waiverReason,
          version,
        });
        continue;
      }
      this.items.set(i.itemId, { leaseId, propertyId, version, ...i });
    }
    for (const a of changes.allocations) this.allocations.push({ leaseId, propertyId, version, ...a });
    for (const [month, d] of changes.months) {
      const key = `${propertyId} ${month}`;
      const found = this.months.get(key);
      if (!found) {
        this.months.set(key, { propertyId, month, ...d });
        continue;
      }
      for (const [column, cents] of Object.entries(d) as [keyof MonthDelta, number][]) {
        found[column] = (found[column] ?? 0) + cents;
      }
    }
  }

  /** The item and allocation rows of the lease folded since the last call (one lease at a time). */
  takeLease(): BulkRows[] {
    const out = [
      bulkRows(ledgerItemsTable, [...this.items.values()]),
      bulkRows(allocationsTable, this.allocations),
    ];
    this.items = new Map();
    this.allocations = [];
    return out;
  }

  /** The month rollup of every lease folded. */
  takeMonths(): BulkRows[] {
    const out = [bulkRows(propertyMonthsTable, [...this.months.values()])];
    this.months.clear();
    return out;
  }
}
