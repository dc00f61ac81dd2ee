// /audit/leases/:leaseId: the lease's timeline read from the event store (one page of events at a
// time), with verification, time travel, exports and a print view. Auditors (and admins) only.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PrintButton } from '@/components/audit/print-button';
import { TimelineView } from '@/components/audit/timeline-view';
import { formatMoney } from '@/components/ui/format';
import { requestLocale } from '@/components/ui/request-locale';
import { orNotFound, requireRole } from '@/server/http/page-auth';
import { getAuditTimeline } from '@/server/queries/audit-timeline';
import { getRuntime } from '@/server/runtime';

export const metadata: Metadata = { title: 'Lease timeline' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LINK =
  'inline-flex min-h-11 items-center rounded-md border border-line bg-surface px-3 py-2 text-sm font-semibold hover:bg-paper';

export default async function LeaseTimelinePage({
  params,
  searchParams,
}: {
  params: Promise<{ leaseId: string }>;
  searchParams: Promise<{ from?: string | string[] }>;
}) {
  const { leaseId } = await params;
  const actor = await requireRole(['auditor', 'admin'], `/audit/leases/${leaseId}`);
  if (!UUID.test(leaseId)) notFound();
  const runtime = await getRuntime();
  const rawFrom = (await searchParams).from;
  const from = Number(Array.isArray(rawFrom) ? rawFrom[0] : rawFrom);
  const fromVersion = Number.isSafeInteger(from) && from > 0 ? from : 1;
  const [{ page, lease }, locale] = await Promise.all([
    orNotFound(getAuditTimeline(runtime, actor, leaseId, { fromVersion })),
    requestLocale(),
  ]);

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm print:hidden">
        <Link href="/audit" className="text-accent-strong underline">
          Audit
        </Link>{' '}
        / Lease timeline
      </nav>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">
            {lease?.tenantName ?? 'Lease'} —{' '}
            {lease ? `${lease.propertyName}${lease.unitLabel ? `, unit ${lease.unitLabel}` : ''}` : leaseId}
          </h1>
          {lease ? (
            <p className="text-muted">
              {lease.address.line1}, {lease.address.city}, {lease.address.state} · {lease.startDate} to{' '}
              {lease.endDate} · {formatMoney(lease.monthlyRentCents, locale)} a month · now {lease.status},
              balance {formatMoney(lease.balanceCents, locale)}
            </p>
          ) : null}
          <p className="font-mono text-xs text-muted">
            lease-{leaseId} · {page.totalEvents} events · first recorded {page.firstRecordedAt} · last{' '}
            {page.lastRecordedAt}
          </p>
        </div>
        <div className="flex flex-wrap gap-2 print:hidden">
          <a className={LINK} href={`/api/v1/leases/${leaseId}/export?format=csv`} download>
            Download CSV
          </a>
          <a className={LINK} href={`/api/v1/leases/${leaseId}/export?format=json`} download>
            Download JSON
          </a>
          <PrintButton className={LINK} />
        </div>
      </header>
      <TimelineView page={page} />
    </div>
  );
}
