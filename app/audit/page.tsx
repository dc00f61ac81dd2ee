// /audit: find a lease (tenant, property, address, unit or lease id) and watch the live global
// activity feed. Auditors (and admins) only; read-only.
import type { Metadata } from 'next';
import Link from 'next/link';
import { ActivityFeed } from '@/components/audit/activity-feed';
import { formatMoney } from '@/components/ui/format';
import { requestLocale } from '@/components/ui/request-locale';
import { LEASE_EVENT_TYPES } from '@/server/domain/lease';
import { MAINTENANCE_EVENT_TYPES } from '@/server/domain/maintenance';
import { PROPERTY_EVENT_TYPES } from '@/server/domain/property';
import { requireRole } from '@/server/http/page-auth';
import { findLeasesForAudit, recentFeedCursor, TIMELINE_PAGE_SIZE } from '@/server/queries/audit-timeline';
import { getRuntime } from '@/server/runtime';

export const metadata: Metadata = { title: 'Audit' };

const EVENT_TYPES = [...LEASE_EVENT_TYPES, ...PROPERTY_EVENT_TYPES, ...MAINTENANCE_EVENT_TYPES].sort();
const STREAM_TYPES = ['lease', 'property', 'maintenance'];

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[] }>;
}) {
  const actor = await requireRole(['auditor', 'admin'], '/audit');
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 200) ?? '';
  const db = (await getRuntime()).database.db;
  const [leases, startCursor, locale] = await Promise.all([
    findLeasesForAudit(db, actor, q),
    recentFeedCursor(db, 100),
    requestLocale(),
  ]);

  return (
    <div className="space-y-10">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">Audit</h1>
        <p className="max-w-2xl text-muted">
          Read any lease&apos;s full history as of any moment and verify that none of it was rewritten. This
          view is read-only.
        </p>
      </header>

      <section aria-labelledby="find-heading" className="space-y-4">
        <h2 id="find-heading" className="text-xl font-semibold">
          Find a lease
        </h2>
        <search>
          <form action="/audit" method="get" className="flex max-w-2xl flex-wrap items-end gap-2">
            <div className="min-w-64 flex-1 space-y-1.5">
              <label htmlFor="q" className="block text-sm font-medium">
                Tenant name, property, address, unit or lease id
              </label>
              <input
                id="q"
                name="q"
                type="search"
                defaultValue={q}
                className="block min-h-11 w-full rounded-md border border-line bg-surface px-3 py-2 text-base"
              />
            </div>
            <button
              type="submit"
              className="min-h-11 rounded-md bg-accent px-4 py-2 text-sm font-semibold text-white hover:bg-accent-strong"
            >
              Search
            </button>
          </form>
        </search>
        {q ? (
          leases.length === 0 ? (
            <p className="rounded-md border border-dashed border-line p-4 text-sm text-muted" role="status">
              No lease matches “{q}”. Try a tenant&apos;s last name, a street or a city.
            </p>
          ) : (
            <div className="overflow-x-auto rounded-lg border border-line bg-surface">
              <table className="w-full text-left text-sm" data-testid="lease-results">
                <caption className="sr-only">Leases matching “{q}”</caption>
                <thead className="bg-paper text-muted">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Tenant
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Property and unit
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Status
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      Balance
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      Events
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {leases.map((lease) => (
                    <tr key={lease.leaseId} className="border-t border-line">
                      <td className="px-3 py-2">
                        <Link
                          href={`/audit/leases/${lease.leaseId}`}
                          className="font-medium text-accent-strong underline"
                        >
                          {lease.tenantName ?? lease.tenantId}
                        </Link>
                        <div className="font-mono text-xs text-muted">{lease.leaseId}</div>
                      </td>
                      <td className="px-3 py-2">
                        {lease.propertyName}
                        {lease.unitLabel ? `, unit ${lease.unitLabel}` : ''}
                        <div className="text-xs text-muted">
                          {lease.address.line1}, {lease.address.city}, {lease.address.state}{' '}
                          {lease.address.postalCode}
                        </div>
                      </td>
                      <td className="px-3 py-2">{lease.status}</td>
                      <td className="px-3 py-2 text-right tabular-nums">
                        {formatMoney(lease.balanceCents, locale)}
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums">{lease.version}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        ) : null}
      </section>

      <section aria-labelledby="feed-heading" className="space-y-3">
        <h2 id="feed-heading" className="text-xl font-semibold">
          Activity
        </h2>
        <ActivityFeed
          startCursor={startCursor}
          eventTypes={EVENT_TYPES}
          streamTypes={STREAM_TYPES}
          pageSize={TIMELINE_PAGE_SIZE}
        />
      </section>
    </div>
  );
}
