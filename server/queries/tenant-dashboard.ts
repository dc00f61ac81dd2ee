// The tenant dashboard: the tenant's live leases, and those ended or terminated that still owe money
// (until the balance is zero, with a way to pay it), with what is due next, recent payments (with
// the payment id a receipt is fetched by), open maintenance requests and current notices.
import 'server-only';
import { sql } from 'drizzle-orm';
import { type Executor, rows } from '../db/client';
import { type Lease, openCentsOf } from '../domain/lease';
import { nextAutopayDate } from './autopay-next';
import { type NextDue, nextDue } from './lease-figures';
import { type AutopayReversal, type DepositView, depositViewOf } from './leases';
import { type Address, type AsOfOptions, addressOf, leaseTodayOf, localTodaySql, type Reader } from './scope';

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

function pastDueOf(lease: Lease, today: string): TenantDashboard['leases'][number]['pastDue'] {
  const late = lease.charges.filter((item) => item.dueDate < today && openCentsOf(item) > 0);
  if (late.length === 0 || lease.balanceCents <= 0) return null;
  const sum = (items: Lease['charges']) => items.reduce((total, item) => total + openCentsOf(item), 0);
  return {
    amountCents: sum(late),
    lateFeesCents: sum(late.filter((item) => item.kind === 'late_fee')),
    since: late.map((item) => item.dueDate).sort()[0] ?? today,
  };
}

function closedOn(lease: Lease, today: string): string | null {
  const last =
    lease.terminatedOn !== undefined && lease.terminatedOn < lease.endDate
      ? lease.terminatedOn
      : lease.endDate;
  return last < today ? last : null;
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

  const leases = await rows<{
    lease_id: string;
    property_id: string;
    property_name: string;
    line1: string;
    city: string;
    state: string;
    postal_code: string;
    unit_label: string | null;
    lease: string;
  }>(
    db,
    sql`SELECT l.lease_id::text, l.property_id::text, p.name AS property_name, p.line1, p.city, p.state,
          p.postal_code, un.label AS unit_label, l.state::text AS lease
        FROM rm_leases l
        JOIN rm_properties p ON p.property_id = l.property_id
        LEFT JOIN rm_units un ON un.unit_id = l.unit_id
        WHERE l.tenant_id = ${tenantId}
          AND (least(l.end_date, coalesce(l.terminated_on, l.end_date)) >= ${today} OR l.balance_cents > 0)
        ORDER BY l.start_date, l.lease_id`,
  );
  const reversedAutopay = await rows<{
    payment_id: string;
    lease_id: string;
    payment_date: string;
    amount_cents: number;
    autopay_period: string;
  }>(
    db,
    sql`SELECT payment_id::text, lease_id::text, payment_date::text, amount_cents, autopay_period
        FROM rm_payments
        WHERE tenant_id = ${tenantId} AND reversed AND reversal_reason = 'NSF' AND autopay_period IS NOT NULL
        ORDER BY payment_date DESC, payment_id`,
  );
  const [payments, maintenance, notices] = [
    await rows<{
      payment_id: string;
      lease_id: string;
      payment_date: string;
      amount_cents: number;
      method: string;
      reference: string | null;
      purpose: string;
      reversed: boolean;
      reversal_reason: string | null;
    }>(
      db,
      sql`SELECT payment_id::text, lease_id::text, payment_date::text, amount_cents, method, reference, purpose,
            reversed, reversal_reason
          FROM rm_payments WHERE tenant_id = ${tenantId}
          ORDER BY payment_date DESC, recorded_at DESC, payment_id LIMIT ${RECENT_PAYMENTS}`,
    ),
    await rows<{
      request_id: string;
      lease_id: string;
      category: string;
      priority: string;
      description: string;
      status: string;
      requested_on: string;
      scheduled_for: string | null;
    }>(
      db,
      sql`SELECT request_id::text, lease_id::text, category, priority, description, status,
            requested_on::text, scheduled_for::text
          FROM rm_maintenance WHERE tenant_id = ${tenantId} AND status IN ('requested', 'scheduled')
          ORDER BY requested_on DESC, request_id`,
    ),
    leases.length === 0
      ? []
      : await rows<{
          notice_id: string;
          property_id: string;
          title: string;
          body: string;
          posted_on: string;
          expires_on: string | null;
        }>(
          db,
          sql`SELECT n.notice_id::text, n.property_id::text, n.title, n.body, n.posted_on::text, n.expires_on::text
              FROM rm_notices n
              JOIN rm_properties p ON p.property_id = n.property_id
              WHERE n.property_id IN (${sql.join(
                [...new Set(leases.map((l) => l.property_id))].map((id) => sql`${id}::uuid`),
                sql`, `,
              )})
                AND (n.expires_on IS NULL OR n.expires_on >= ${today})
              ORDER BY n.posted_on DESC, n.notice_id`,
        ),
  ];

  return {
    leases: leases.map((row) => {
      const lease = JSON.parse(row.lease) as Lease;
      const today = leaseTodayOf(options, lease);
      const autopay = lease.autopay;
      return {
        leaseId: row.lease_id,
        propertyId: row.property_id,
        propertyName: row.property_name,
        address: addressOf(row),
        unitLabel: row.unit_label,
        monthlyRentCents: lease.monthlyRentCents,
        startDate: lease.startDate,
        endDate: lease.endDate,
        closedOn: closedOn(lease, today),
        nextPaymentDue: nextDue(lease),
        pastDue: pastDueOf(lease, today),
        balanceCents: lease.balanceCents,
        deposit: depositViewOf(lease),
        autopay: autopay.enabled
          ? {
              enabled: true,
              method: autopay.method,
              capCents: autopay.capCents ?? null,
              nextDate: nextAutopayDate(lease, today),
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
      };
    }),
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
