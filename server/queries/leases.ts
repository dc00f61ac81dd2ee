// Lease list, one lease, and a lease's ledger, read from rm_leases (state folded by the domain's
// own evolve) joined to properties, units, users and payments. Scope is enforced in SQL.
import 'server-only';
import { asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Executor, rows } from '../db/client';
import { type DepositSettlement, depositOf, type Lease, type PaymentRecord } from '../domain/lease';
import { maxDate } from '../domain/shared/dates';
import { formatUsd } from '../domain/shared/money';
import { type LeaseRow, leasePaymentsTable, leasesTable } from '../projections/leases/tables';
import { type PropertyRow, propertiesTable } from '../projections/properties/tables';
import { type LeaseStatus, leaseStatusOn } from './lease-figures';
import { prefixQuery } from './properties';
import { type Cursor, encodeCursor } from './schemas';
import {
  type Address,
  type AsOfOptions,
  leaseScope,
  leaseTodayOf,
  localTodaySql,
  type Reader,
} from './scope';

export interface LeaseSummary {
  leaseId: string;
  tenantId: string;
  tenantName: string | null;
  propertyId: string;
  propertyName: string;
  address: Address;
  unitLabel: string | null;
  status: LeaseStatus;
  startDate: string;
  endDate: string;
  monthlyRentCents: number;
  balanceCents: number;
  nextDueDate: string | null;
  version: number;
}

export interface LeaseFilter extends AsOfOptions {
  status?: LeaseStatus;
  /** Words matched (all of them, case-insensitive) against tenant name, property, address, unit. */
  q?: string;
  propertyId?: string;
  /** Page size (default 100). */
  limit?: number;
  /** The `next` of the previous page, decoded: [start date, lease id] of its last lease. */
  cursor?: Cursor;
}

export interface LeasePage {
  leases: LeaseSummary[];
  /** The cursor of the following page; null on the last. */
  next: string | null;
}

// The list reads the lease row's plain columns (names, next due date: no folded state); the
// property join gives the address and time zone, by key.
const l = alias(leasesTable, 'l');
const p = alias(propertiesTable, 'p');
const listColumns = {
  leaseId: l.leaseId,
  tenantId: l.tenantId,
  tenantName: l.tenantName,
  propertyId: l.propertyId,
  propertyName: p.name,
  line1: p.line1,
  city: p.city,
  state: p.state,
  postalCode: p.postalCode,
  timeZone: p.timeZone,
  unitLabel: l.unitLabel,
  startDate: l.startDate,
  endDate: l.endDate,
  terminatedOn: l.terminatedOn,
  monthlyRentCents: l.monthlyRentCents,
  balanceCents: l.balanceCents,
  nextDueDate: l.nextDueDate,
  version: l.version,
};
type LeaseListRow = Pick<
  LeaseRow,
  | 'leaseId'
  | 'tenantId'
  | 'tenantName'
  | 'propertyId'
  | 'unitLabel'
  | 'startDate'
  | 'endDate'
  | 'terminatedOn'
  | 'monthlyRentCents'
  | 'balanceCents'
  | 'nextDueDate'
  | 'version'
> &
  Pick<PropertyRow, 'line1' | 'city' | 'state' | 'postalCode' | 'timeZone'> & { propertyName: string };

/** `today` is each row's own (its property's local date), see `localTodaySql`. */
function statusCondition(status: LeaseStatus | undefined, today: SQL): SQL {
  switch (status) {
    case undefined:
      return sql`TRUE`;
    case 'future':
      return sql`l.terminated_on IS NULL AND l.start_date > ${today}`;
    case 'active':
      return sql`l.terminated_on IS NULL AND l.start_date <= ${today} AND l.end_date >= ${today}`;
    case 'notice':
      return sql`l.terminated_on >= ${today}`;
    case 'terminated':
      return sql`l.terminated_on < ${today}`;
    case 'ended':
      return sql`l.terminated_on IS NULL AND l.end_date < ${today}`;
  }
}

/** Every word of q, as a prefix, among the lease's search words (tenant, property, address, unit). */
function textCondition(q: string | undefined): SQL {
  const tsquery = q ? prefixQuery(q) : null;
  return tsquery ? sql`l.search @@ to_tsquery('simple', ${tsquery})` : sql`TRUE`;
}

async function selectLeases(db: Executor, reader: Reader, where: SQL, limit = 1): Promise<LeaseListRow[]> {
  return db
    .select(listColumns)
    .from(l)
    .innerJoin(p, eq(p.propertyId, l.propertyId))
    .where(sql`${leaseScope(reader)} AND ${where}`)
    .orderBy(desc(l.startDate), desc(l.leaseId))
    .limit(limit);
}

function toSummary(row: LeaseListRow, options: AsOfOptions): LeaseSummary {
  const today = leaseTodayOf(options, { timeZone: row.timeZone });
  return {
    leaseId: row.leaseId,
    tenantId: row.tenantId,
    tenantName: row.tenantName,
    propertyId: row.propertyId,
    propertyName: row.propertyName,
    address: { line1: row.line1, city: row.city, state: row.state, postalCode: row.postalCode },
    unitLabel: row.unitLabel,
    status: leaseStatusOn(
      {
        startDate: row.startDate,
        endDate: row.endDate,
        ...(row.terminatedOn ? { terminatedOn: row.terminatedOn } : {}),
      },
      today,
    ),
    startDate: row.startDate,
    endDate: row.endDate,
    monthlyRentCents: Number(row.monthlyRentCents),
    balanceCents: Number(row.balanceCents),
    nextDueDate: row.nextDueDate,
    version: Number(row.version),
  };
}

/** GET /leases: the leases the reader may see, newest start first, a page at a time (keyset). */
export async function listLeases(db: Executor, reader: Reader, filter: LeaseFilter = {}): Promise<LeasePage> {
  const limit = filter.limit ?? 100;
  const where = [statusCondition(filter.status, localTodaySql(filter)), textCondition(filter.q)];
  if (filter.propertyId) where.push(sql`l.property_id = ${filter.propertyId}`);
  if (filter.cursor) {
    const [startDate, leaseId] = filter.cursor;
    where.push(sql`(l.start_date, l.lease_id) < (${startDate}::date, ${leaseId}::uuid)`);
  }
  const found = await selectLeases(db, reader, sql.join(where, sql` AND `), limit + 1);
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return {
    leases: page.map((row) => toSummary(row, filter)),
    next: found.length > limit && last ? encodeCursor([last.startDate, last.leaseId]) : null,
  };
}

/** GET /leases/:id: null for an unknown lease and for one the reader may not see alike. */
export async function getLease(
  db: Executor,
  reader: Reader,
  leaseId: string,
  options: AsOfOptions = {},
): Promise<LeaseSummary | null> {
  const [row] = await selectLeases(db, reader, sql`l.lease_id = ${leaseId}`);
  return row ? toSummary(row, options) : null;
}

// ---- ledger ------------------------------------------------------------------------------------

export type LedgerEntryType = LedgerItemKind;

export interface LedgerEntry {
  date: string;
  type: LedgerEntryType;
  /** The billing month a charge or fee belongs to (absent for payments and reversals). */
  period?: string;
  /** chargeId / late fee id for charges, paymentId for payments and reversals. */
  ref: string;
  description: string;
  /** Signed: positive raises the balance (charges, fees, reversals), negative lowers it. */
  amountCents: number;
  /** Running balance after this entry; negative = credit. */
  balanceCents: number;
  /** Charges and fees: what is paid of it so far. */
  paidCents: number;
  /** A waived item, and the line of its waiver (`waiver`: the negative line that takes it off). */
  waived: boolean;
  waiver: boolean;
}

/** An autopay payment reversed for NSF: autopay does not take that period again (DESIGN.md). */
export interface AutopayReversal {
  paymentId: string;
  amountCents: number;
  paymentDate: string;
  period: string;
}

export type PeriodStatus = 'paid' | 'partially_paid' | 'overdue' | 'due';

export interface LedgerPeriod {
  period: string;
  dueDate: string;
  chargedCents: number;
  paidCents: number;
  lateFeeCents: number;
  lateFeePaidCents: number;
  status: PeriodStatus;
}

/** The security deposit as the pages show it: required, held, still due, and how it was settled. */
export interface DepositView {
  requiredCents: number;
  heldCents: number;
  /** What may still be paid towards it (0 once paid in full or settled). */
  dueCents: number;
  /** The payments towards it, in order (they are not on the ledger). */
  payments: { paymentId: string; date: string; amountCents: number; method: string; reversed: boolean }[];
  settlement: {
    settledOn: string;
    heldCents: number;
    deductionsCents: number;
    appliedToDeductionsCents: number;
    appliedToBalanceCents: number;
    refundedCents: number;
    refundMethod: 'check' | 'ach';
  } | null;
}

function depositViewOf(lease: Lease): DepositView {
  const { requiredCents, heldCents, dueCents, settlement } = depositOf(lease);
  const payments = (lease.depositPayments ?? []).map((payment) => ({
    paymentId: payment.paymentId,
    date: payment.paymentDate,
    amountCents: payment.amountCents,
    method: payment.method,
    reversed: payment.reversed,
  }));
  if (!settlement) return { requiredCents, heldCents, dueCents, payments, settlement: null };
  const { creditId: _creditId, ...shown } = settlement;
  return { requiredCents, heldCents, dueCents, payments, settlement: shown };
}

export interface LeaseLedger {
  leaseId: string;
  balanceCents: number;
  creditCents: number;
  deposit: DepositView;
  entries: LedgerEntry[];
  periods: LedgerPeriod[];
  /** Recurring charges still billed (not removed), for the manager's page. */
  recurring: {
    recurringId: string;
    description: string;
    amountCents: number;
    fromPeriod: string;
    toPeriod: string | null;
  }[];
  autopayReversals: AutopayReversal[];
  /** The lease's today (its property's local date): what the period statuses are judged on. */
  today: string;
}

function periodStatus(line: Lease['periods'][number], today: string): PeriodStatus {
  const owed = line.chargedCents + line.lateFeeCents;
  const paid = line.paidCents + line.lateFeePaidCents;
  if (paid >= owed) return 'paid';
  if (paid > 0) return 'partially_paid';
  return line.dueDate < today ? 'overdue' : 'due';
}

/** Every kind an item of the API's ledger may have (API.md); kinds the domain does not record yet never appear. */
export type LedgerItemKind =
  | 'rent'
  | 'recurring'
  | 'late_fee'
  | 'fee'
  | 'utility'
  | 'damage'
  | 'nsf_fee'
  | 'other'
  | 'credit'
  | 'deposit'
  | 'payment'
  | 'reversal';

/** One line of GET /leases/:leaseId/ledger. */
export interface LedgerLine {
  /** chargeId for charges and fees, creditId for credits, paymentId for payments and reversals. */
  itemId: string;
  kind: LedgerItemKind;
  description: string;
  /** The billing month a charge or fee belongs to (absent for payments, reversals and credits). */
  period?: string;
  /** A charge's due date; for the other kinds the date they were posted. */
  dueDate: string;
  /** The date the item was posted: a charge's due date (or its later posting date), a payment's date, a reversal's date, the date a credit applies to. */
  postedOn: string;
  /** Signed: positive raises the balance (charges, fees, reversals), negative lowers it (payments, credits). */
  amountCents: number;
  /** What has been paid of a charge or fee; 0 for the other kinds. */
  paidCents: number;
  /** True on a waived item and on its waiver's line (the negative line, dated the waiver's day, that takes it off). */
  waived: boolean;
  /** Running balance after this item; negative = credit. */
  balanceAfterCents: number;
}

/** GET /leases/:leaseId/ledger. */
export interface LeaseLedgerItems {
  items: LedgerLine[];
  balanceCents: number;
  depositRequiredCents: number;
  depositHeldCents: number;
}

/** Same day: charges, then late fees, credits, payments, reversals; then the order they were recorded. */
const orderOf = (kind: LedgerItemKind, amountCents = 0): number =>
  kind === 'late_fee'
    ? 1
    : kind === 'credit' || (kind === 'deposit' && amountCents < 0)
      ? 2
      : kind === 'payment'
        ? 3
        : kind === 'reversal'
          ? 4
          : 0;

/** `waiver` lines carry `itemDate`, their item's due date: the pages' view never shows a waiver before its item. */
type RawLine = Omit<LedgerLine, 'balanceAfterCents'> & { seq: number; waiver?: true; itemDate?: string };

/** Same-day order of a line: a waiver comes with the credits. */
const rankOf = (line: RawLine): number => (line.waiver ? 2 : orderOf(line.kind, line.amountCents));

const byDate = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function withBalances<T extends { amountCents: number }>(sorted: T[]): (T & { balance: number })[] {
  let balance = 0;
  return sorted.map((line) => {
    balance += line.amountCents;
    return { ...line, balance };
  });
}

function chargeDescription(item: Lease['charges'][number]): string {
  switch (item.kind) {
    case 'rent':
      return `Rent ${item.period}`;
    case 'late_fee':
      return `Late fee ${item.period}`;
    case 'recurring':
      return `${item.description ?? 'Recurring charge'} ${item.period}`;
    case 'deposit':
      return `Deposit deduction: ${item.description ?? 'deduction'}`;
    default:
      return item.description ?? item.kind;
  }
}

function depositAppliedDescription(settlement: DepositSettlement): string {
  const parts = [
    settlement.appliedToDeductionsCents > 0
      ? `${formatUsd(settlement.appliedToDeductionsCents)} to deductions`
      : '',
    settlement.appliedToBalanceCents > 0
      ? `${formatUsd(settlement.appliedToBalanceCents)} to the balance`
      : '',
  ].filter(Boolean);
  return `Security deposit applied (${parts.join(', ')})`;
}

/**
 * The lease's ledger lines, unsorted, from the leases read model (state folded by the domain's own
 * evolve, payment records and reversal dates): null for an unknown lease and one the reader may
 * not see alike.
 */
async function readLedgerLines(
  db: Executor,
  reader: Reader,
  leaseId: string,
): Promise<{ lease: Omit<Lease, 'payments'>; lines: RawLine[]; payments: PaymentRecord[] } | null> {
  const [row] = await rows<{ lease: string }>(
    db,
    sql`SELECT l.state::text AS lease FROM rm_leases l JOIN rm_properties p ON p.property_id = l.property_id
        WHERE l.lease_id = ${leaseId} AND ${leaseScope(reader)}`,
  );
  if (!row) return null;
  const lease = JSON.parse(row.lease) as Omit<Lease, 'payments'>;
  // The lease's payment records are rows of their own (the leases projection writes only the ones
  // an event changed).
  const payments = (
    await db
      .select({ payment: leasePaymentsTable.payment })
      .from(leasePaymentsTable)
      .where(eq(leasePaymentsTable.leaseId, leaseId))
      .orderBy(asc(leasePaymentsTable.seq))
  ).map((r) => r.payment as PaymentRecord);
  const reversals = await rows<{ payment_id: string; reversed_on: string }>(
    db,
    sql`SELECT payment_id::text, (reversed_at AT TIME ZONE 'UTC')::date::text AS reversed_on
        FROM rm_payments WHERE lease_id = ${leaseId} AND reversed`,
  );
  const reversedOn = new Map(reversals.map((r) => [r.payment_id, r.reversed_on]));
  const lines: RawLine[] = [];
  lease.charges.forEach((item, seq) => {
    // Rent and late fees count as posted on their due date unless posted later; a posted charge
    // (ChargePosted) on the day it was posted, whatever its due date.
    const rentLike = item.kind === 'rent' || item.kind === 'late_fee';
    const postedOn = !rentLike
      ? (item.postedAsOf ?? item.dueDate)
      : item.postedAsOf && item.postedAsOf > item.dueDate
        ? item.postedAsOf
        : item.dueDate;
    lines.push({
      itemId: item.chargeId,
      kind: item.kind,
      description: chargeDescription(item),
      period: item.period,
      dueDate: item.dueDate,
      postedOn,
      amountCents: item.amountCents,
      paidCents: item.paidCents,
      waived: item.waived !== undefined,
      seq,
    });
    if (item.waived) {
      // The waiver is a line of its own on its day, so every balance before it stays as it was.
      lines.push({
        itemId: item.chargeId,
        kind: item.kind,
        description: `Waived: ${chargeDescription(item)} (${item.waived.reason})`,
        ...(item.period === undefined ? {} : { period: item.period }),
        dueDate: item.waived.on,
        postedOn: item.waived.on,
        amountCents: -item.amountCents,
        paidCents: 0,
        waived: true,
        seq,
        waiver: true,
        itemDate: item.dueDate,
      });
    }
  });
  // A manager's credit is dated the day it was granted; a termination's credit (unused days)
  // belongs to the termination's effective date. The deposit's credit (what the held deposit paid
  // at settlement) is a deposit line dated by the settlement.
  const settlement = depositOf(lease as Lease).settlement;
  (lease.credits ?? []).forEach((credit, seq) => {
    if (settlement?.creditId === credit.creditId) {
      lines.push({
        itemId: credit.creditId,
        kind: 'deposit',
        description: depositAppliedDescription(settlement),
        dueDate: settlement.settledOn,
        postedOn: settlement.settledOn,
        amountCents: -credit.amountCents,
        paidCents: 0,
        waived: false,
        seq,
      });
      return;
    }
    const on = credit.grantedOn ?? lease.terminatedOn ?? lease.endDate;
    lines.push({
      itemId: credit.creditId,
      kind: 'credit',
      description: `Credit: ${credit.reason}`,
      dueDate: on,
      postedOn: on,
      amountCents: -credit.amountCents,
      paidCents: 0,
      waived: false,
      seq,
    });
  });
  payments.forEach((payment, seq) => {
    lines.push({
      itemId: payment.paymentId,
      kind: 'payment',
      description: `Payment (${payment.method})`,
      dueDate: payment.paymentDate,
      postedOn: payment.paymentDate,
      amountCents: -payment.amountCents,
      paidCents: 0,
      waived: false,
      seq,
    });
    if (payment.reversed) {
      const on = reversedOn.get(payment.paymentId) ?? payment.paymentDate;
      lines.push({
        itemId: payment.paymentId,
        kind: 'reversal',
        description: `Payment reversed (${payment.reversal?.reason ?? 'reversal'})`,
        dueDate: on,
        postedOn: on,
        amountCents: payment.amountCents,
        paidCents: 0,
        waived: false,
        seq,
      });
    }
  });
  return { lease, lines, payments };
}

/**
 * The ledger: every charge, late fee, payment and reversal in date order with a running balance
 * (charges before payments on the same day, then posting order), and each period's status.
 */
export async function getLeaseLedger(
  db: Executor,
  reader: Reader,
  leaseId: string,
  options: AsOfOptions = {},
): Promise<LeaseLedger | null> {
  const read = await readLedgerLines(db, reader, leaseId);
  if (!read) return null;
  const { lease, lines, payments } = read;
  const today = leaseTodayOf(options, lease);
  // Charges are dated by their due date here (the pages' view); payments, reversals, credits and
  // waivers by the date they were posted.
  const dated = lines.map((line) => ({
    ...line,
    date: line.waiver
      ? maxDate(line.postedOn, line.itemDate ?? line.postedOn)
      : line.kind === 'payment' ||
          line.kind === 'reversal' ||
          line.kind === 'credit' ||
          line.kind === 'deposit'
        ? line.postedOn
        : line.dueDate,
  }));
  dated.sort((a, b) => byDate(a.date, b.date) || rankOf(a) - rankOf(b) || a.seq - b.seq);
  const entries: LedgerEntry[] = withBalances(dated).map((line) => ({
    date: line.date,
    type: line.kind,
    ...(line.period === undefined ? {} : { period: line.period }),
    ref: line.itemId,
    description: line.description,
    amountCents: line.amountCents,
    balanceCents: line.balance,
    paidCents: line.paidCents,
    waived: line.waived,
    waiver: line.waiver === true,
  }));
  return {
    leaseId,
    balanceCents: lease.balanceCents,
    creditCents: lease.creditCents,
    deposit: depositViewOf(lease as Lease),
    entries,
    periods: lease.periods.map((line) => ({
      period: line.period,
      dueDate: line.dueDate,
      chargedCents: line.chargedCents,
      paidCents: line.paidCents,
      lateFeeCents: line.lateFeeCents,
      lateFeePaidCents: line.lateFeePaidCents,
      status: periodStatus(line, today),
    })),
    recurring: (lease.recurring ?? [])
      .filter((charge) => charge.removedOn === undefined)
      .map((charge) => ({
        recurringId: charge.recurringId,
        description: charge.description,
        amountCents: charge.amountCents,
        fromPeriod: charge.fromPeriod,
        toPeriod: charge.toPeriod ?? null,
      })),
    autopayReversals: autopayReversalsOf(payments),
    today,
  };
}

/** Autopay payments reversed for NSF, newest first. */
function autopayReversalsOf(payments: readonly PaymentRecord[]): AutopayReversal[] {
  return payments
    .filter((p) => p.autopayPeriod !== undefined && p.reversed && p.reversal?.reason === 'NSF')
    .map((p) => ({
      paymentId: p.paymentId,
      amountCents: p.amountCents,
      paymentDate: p.paymentDate,
      period: p.autopayPeriod as string,
    }))
    .reverse();
}

/**
 * GET /leases/:leaseId/ledger: every item in posting order (the date it was posted, then charges,
 * late fees, credits, payments, reversals on the same day, then the order they were recorded) with
 * the running balance after each; the last one is the lease's balance. Null for an unknown lease
 * and one the reader may not see alike.
 */
export async function getLeaseLedgerItems(
  db: Executor,
  reader: Reader,
  leaseId: string,
): Promise<LeaseLedgerItems | null> {
  const read = await readLedgerLines(db, reader, leaseId);
  if (!read) return null;
  const { lease, lines } = read;
  lines.sort((a, b) => byDate(a.postedOn, b.postedOn) || rankOf(a) - rankOf(b) || a.seq - b.seq);
  const items = withBalances(lines).map(
    ({ seq: _seq, waiver: _waiver, itemDate: _item, balance, ...line }) => ({
      ...line,
      balanceAfterCents: balance,
    }),
  );
  return {
    items,
    balanceCents: lease.balanceCents,
    depositRequiredCents: lease.securityDepositCents,
    depositHeldCents: depositOf(lease as Lease).heldCents,
  };
}
