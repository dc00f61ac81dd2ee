// The tenant dashboard: the tenant's live leases, and those ended or terminated that still owe money
// (until the balance is zero, with a way to pay it), with what is due next, recent payments (with
// the payment id a receipt is fetched by), open maintenance requests and current notices. From
// rm_leases' plain columns, the ledger's open items and rm_payments: no lease state is unpacked.
import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, rows } from '../db/client';
import type { NextDue } from '../projections/leases/figures';
import type { AutopayReversal, DepositView } from './leases';
import { type Address, type AsOfOptions, addressOf, localTodaySql, type Reader } from './scope';

export interface TenantDashboard {
  leases: {
    leaseId: string;
    propertyId: string;
    propertyName: string;
    address: Address;
    unitLabel: string | null;
    monthlyRentCents: number;
    startDate: string;
    endDate: string;
    /** The day the lease ended or its termination took effect, once past; null while it runs. */
    closedOn: string | null;
    nextPaymentDue: NextDue | null;
    /** What was due before today and is still unpaid, with the late fees in it; null when nothing is. */
    pastDue: { amountCents: number; lateFeesCents: number; since: string } | null;
    /** Negative = credit. */
    balanceCents: number;
    deposit: DepositView;
    autopay: { enabled: boolean; method: string | null; capCents: number | null; nextDate: string | null };
    /** Autopay payments reversed for NSF (not retried for their period), newest first. */
    autopayReversals: AutopayReversal[];
  }[];
  recentPayments: {
    paymentId: string;
    leaseId: string;
    date: string;
    amountCents: number;
    method: string;
    reference: string | null;
    /** `rent` (the ledger) or `deposit` (the security deposit). */
    purpose: string;
    reversed: boolean;
    reversalReason: string | null;
  }[];
  maintenance: {
    requestId: string;
    leaseId: string;
    category: string;
    priority: string;
    description: string;
    status: string;
    requestedOn: string;
    scheduledFor: string | null;
  }[];
  notices: {
    noticeId: string;
    propertyId: string;
    title: string;
    body: string;
    postedOn: string;
    expiresOn: string | null;
  }[];
}

const RECENT_PAYMENTS = 10;

/** The lease's row with what the dashboard shows of it: plain columns and ledger rows, no state. */
type LeaseLine = {
  lease_id: string;
  property_id: string;
  property_name: string;
  line1: string;
  city: string;
  state: string;
  postal_code: string;
  unit_label: string | null;
  monthly_rent_cents: number;
  start_date: string;
  end_date: string;
  terminated_on: string | null;
  balance_cents: number;
  next_due_date: string | null;
  next_due_cents: number | null;
  deposit_required_cents: number;
  deposit_held_cents: number;
  deposit_settled_on: string | null;
  deposit_settled_held_cents: number | null;
  deposit_deductions_cents: number | null;
  deposit_applied_to_deductions_cents: number | null;
  deposit_applied_to_balance_cents: number | null;
  deposit_refunded_cents: number | null;
  deposit_refund_method: string | null;
  autopay_enabled: boolean;
  autopay_method: string | null;
  autopay_cap_cents: number | null;
  autopay_next: string | null;
  today: string;
  past_due_cents: number | null;
  past_due_late_fees_cents: number | null;
  past_due_since: string | null;
};

const cents = (value: number | string | null): number => Number(value ?? 0);

/** What was due before today and is still open (the ledger's open items), when the lease owes. */
function pastDueOf(row: LeaseLine): TenantDashboard['leases'][number]['pastDue'] {
  if (row.past_due_since === null || cents(row.balance_cents) <= 0) return null;
  return {
    amountCents: cents(row.past_due_cents),
    lateFeesCents: cents(row.past_due_late_fees_cents),
    since: row.past_due_since,
  };
}

function closedOn(row: LeaseLine): string | null {
  const last =
    row.terminated_on !== null && row.terminated_on < row.end_date ? row.terminated_on : row.end_date;
  return last < row.today ? last : null;
}

function depositOf(row: LeaseLine, payments: DepositView['payments']): DepositView {
  const requiredCents = cents(row.deposit_required_cents);
  const heldCents = cents(row.deposit_held_cents);
  const settled = row.deposit_settled_on !== null;
  return {
    requiredCents,
    heldCents,
    dueCents: settled ? 0 : Math.max(0, requiredCents - heldCents),
    payments,
    settlement: settled
      ? {
          settledOn: row.deposit_settled_on as string,
          heldCents: cents(row.deposit_settled_held_cents),
          deductionsCents: cents(row.deposit_deductions_cents),
          appliedToDeductionsCents: cents(row.deposit_applied_to_deductions_cents),
          appliedToBalanceCents: cents(row.deposit_applied_to_balance_cents),
          refundedCents: cents(row.deposit_refunded_cents),
          refundMethod: row.deposit_refund_method === 'ach' ? 'ach' : 'check',
        }
      : null,
  };
}

/** Only a tenant has a dashboard; the route refuses other roles before calling this. */
export async function getTenantDashboard(
  db: Executor,
  reader: Reader,
  options: AsOfOptions = {},
): Promise<TenantDashboard> {
  const today = localTodaySql(options);
  const tenantId = reader.role === 'tenant' ? reader.userId : null;
  if (!tenantId) return { leases: [], recentPayments: [], maintenance: [], notices: [] };

  const leases = await rows<LeaseLine>(
    db,
    sql`SELECT l.lease_id::text, l.property_id::text, p.name AS property_name, p.line1, p.city, p.state,
          p.postal_code, un.label AS unit_label, l.monthly_rent_cents, l.start_date::text, l.end_date::text,
          l.terminated_on::text, l.balance_cents, l.next_due_date::text, l.next_due_cents,
          l.deposit_required_cents, l.deposit_held_cents, l.deposit_settled_on::text,
          l.deposit_settled_held_cents, l.deposit_deductions_cents, l.deposit_applied_to_deductions_cents,
          l.deposit_applied_to_balance_cents, l.deposit_refunded_cents, l.deposit_refund_method,
          l.autopay_enabled, l.autopay_method, l.autopay_cap_cents,
          (SELECT min(d)::text FROM unnest(l.autopay_dates) AS d WHERE d >= ${today}) AS autopay_next,
          (${today})::text AS today,
          past.open_cents AS past_due_cents, past.late_fees_cents AS past_due_late_fees_cents,
          past.since::text AS past_due_since
        FROM rm_leases l
        JOIN rm_properties p ON p.property_id = l.property_id
        LEFT JOIN rm_units un ON un.unit_id = l.unit_id
        LEFT JOIN LATERAL (
          SELECT sum(i.open_cents) AS open_cents,
            coalesce(sum(i.open_cents) FILTER (WHERE i.kind = 'late_fee'), 0) AS late_fees_cents,
            min(i.due_date) AS since
          FROM rm_ledger_items i
          WHERE i.lease_id = l.lease_id AND i.open_cents > 0 AND i.due_date < ${today}
            AND i.kind NOT IN ('credit', 'deposit_credit')) past ON TRUE
        WHERE l.tenant_id = ${tenantId}
          AND (least(l.end_date, coalesce(l.terminated_on, l.end_date)) >= ${today} OR l.balance_cents > 0)
        ORDER BY l.start_date, l.lease_id`,
  );
  // Everything else in one statement (one round trip; on PGlite one statement instead of five):
  // each list as a JSON array, ordered inside the aggregate.
  const propertyIds = [...new Set(leases.map((l) => l.property_id))];
  const list = (select: SQL, order: SQL) =>
    sql`(SELECT coalesce(json_agg(x ORDER BY ${order}), '[]')::text FROM (${select}) x)`;
  const [lists] = await rows<
    Record<'deposits' | 'reversals' | 'payments' | 'maintenance' | 'notices', string>
  >(
    db,
    sql`SELECT
        ${list(
          sql`SELECT payment_id::text, lease_id::text, payment_date::text, amount_cents, method, reversed, recorded_at
              FROM rm_payments WHERE tenant_id = ${tenantId} AND purpose = 'deposit'`,
          sql`x.recorded_at, x.payment_id`,
        )} AS deposits,
        ${list(
          sql`SELECT payment_id::text, lease_id::text, payment_date::text, amount_cents, autopay_period
              FROM rm_payments
              WHERE tenant_id = ${tenantId} AND reversed AND reversal_reason = 'NSF' AND autopay_period IS NOT NULL`,
          sql`x.payment_date DESC, x.payment_id`,
        )} AS reversals,
        ${list(
          sql`SELECT payment_id::text, lease_id::text, payment_date::text, amount_cents, method, reference, purpose,
                reversed, reversal_reason, recorded_at
              FROM rm_payments WHERE tenant_id = ${tenantId}
              ORDER BY payment_date DESC, recorded_at DESC, payment_id LIMIT ${RECENT_PAYMENTS}`,
          sql`x.payment_date DESC, x.recorded_at DESC, x.payment_id`,
        )} AS payments,
        ${list(
          sql`SELECT request_id::text, lease_id::text, category, priority, description, status,
                requested_on::text, scheduled_for::text
              FROM rm_maintenance WHERE tenant_id = ${tenantId} AND status IN ('requested', 'scheduled')`,
          sql`x.requested_on DESC, x.request_id`,
        )} AS maintenance,
        ${list(
          sql`SELECT n.notice_id::text, n.property_id::text, n.title, n.body, n.posted_on::text, n.expires_on::text
              FROM rm_notices n
              JOIN rm_properties p ON p.property_id = n.property_id
              WHERE ${
                propertyIds.length === 0
                  ? sql`false`
                  : sql`n.property_id IN (${sql.join(
                      propertyIds.map((id) => sql`${id}::uuid`),
                      sql`, `,
                    )})`
              }
                AND n.withdrawn_on IS NULL
                AND (n.expires_on IS NULL OR n.expires_on >= ${today})`,
          sql`x.posted_on DESC, x.notice_id`,
        )} AS notices`,
  );
  const parsed = <T>(text: string | undefined): T[] => (text ? (JSON.parse(text) as T[]) : []);
  const depositPayments = parsed<{
    payment_id: string;
    lease_id: string;
    payment_date: string;
    amount_cents: number;
    method: string;
    reversed: boolean;
  }>(lists?.deposits);
  const reversedAutopay = parsed<{
    payment_id: string;
    lease_id: string;
    payment_date: string;
    amount_cents: number;
    autopay_period: string;
  }>(lists?.reversals);
  const payments = parsed<{
    payment_id: string;
    lease_id: string;
    payment_date: string;
    amount_cents: number;
    method: string;
    reference: string | null;
    purpose: string;
    reversed: boolean;
    reversal_reason: string | null;
  }>(lists?.payments);
  const maintenance = parsed<{
    request_id: string;
    lease_id: string;
    category: string;
    priority: string;
    description: string;
    status: string;
    requested_on: string;
    scheduled_for: string | null;
  }>(lists?.maintenance);
  const notices = parsed<{
    notice_id: string;
    property_id: string;
    title: string;
    body: string;
    posted_on: string;
    expires_on: string | null;
  }>(lists?.notices);

  return {
    leases: leases.map((row) => ({
      leaseId: row.lease_id,
      propertyId: row.property_id,
      propertyName: row.property_name,
      address: addressOf(row),
      unitLabel: row.unit_label,
      monthlyRentCents: cents(row.monthly_rent_cents),
      startDate: row.start_date,
      endDate: row.end_date,
      closedOn: closedOn(row),
      nextPaymentDue:
        row.next_due_date === null
          ? null
          : { date: row.next_due_date, amountCents: cents(row.next_due_cents) },
      pastDue: pastDueOf(row),
      balanceCents: cents(row.balance_cents),
      deposit: depositOf(
        row,
        depositPayments
          .filter((payment) => payment.lease_id === row.lease_id)
          .map((payment) => ({
            paymentId: payment.payment_id,
            date: payment.payment_date,
            amountCents: cents(payment.amount_cents),
            method: payment.method,
            reversed: Boolean(payment.reversed),
          })),
      ),
      autopay: row.autopay_enabled
        ? {
            enabled: true,
            method: row.autopay_method,
            capCents: row.autopay_cap_cents === null ? null : cents(row.autopay_cap_cents),
            nextDate: row.autopay_next,
          }
        : { enabled: false, method: null, capCents: null, nextDate: null },
      autopayReversals: reversedAutopay
        .filter((r) => r.lease_id === row.lease_id)
        .map((r) => ({
          paymentId: r.payment_id,
          amountCents: Number(r.amount_cents),
          paymentDate: r.payment_date,
          period: r.autopay_period,
        })),
    })),
    recentPayments: payments.map((p) => ({
      paymentId: p.payment_id,
      leaseId: p.lease_id,
      date: p.payment_date,
      amountCents: Number(p.amount_cents),
      method: p.method,
      reference: p.reference,
      purpose: p.purpose,
      reversed: Boolean(p.reversed),
      reversalReason: p.reversal_reason,
    })),
    maintenance: maintenance.map((m) => ({
      requestId: m.request_id,
      leaseId: m.lease_id,
      category: m.category,
      priority: m.priority,
      description: m.description,
      status: m.status,
      requestedOn: m.requested_on,
      scheduledFor: m.scheduled_for,
    })),
    notices: notices.map((n) => ({
      noticeId: n.notice_id,
      propertyId: n.property_id,
      title: n.title,
      body: n.body,
      postedOn: n.posted_on,
      expiresOn: n.expires_on,
    })),
  };
}
