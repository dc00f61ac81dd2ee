// /manager/leases?q=&status=: the leases of the manager's portfolio.
import type { Metadata } from 'next';
import Link from 'next/link';
import { makeFormat } from '@/components/manager/format';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/card';
import { ListPager } from '@/components/ui/list-pager';
import { requestLocale } from '@/components/ui/request-locale';
import { requireRole } from '@/server/http/page-auth';
import { listLeases } from '@/server/queries/leases';
import { leaseListQuery } from '@/server/queries/schemas';
import { getRuntime } from '@/server/runtime';

export const metadata: Metadata = { title: 'Leases' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function ManagerLeasesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireRole('manager', '/manager/leases');
  const params = await searchParams;
  const parsed = leaseListQuery.safeParse({
    q: first(params.q),
    status: first(params.status),
    cursor: first(params.cursor),
    limit: '50',
  });
  const filter = parsed.success ? parsed.data : { limit: 50 };
  const { leases, next } = await listLeases((await getRuntime()).database.db, actor, filter);
  const pageLink = (cursor: string | null) =>
    `/manager/leases?${new URLSearchParams({
      ...(filter.q ? { q: filter.q } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(cursor ? { cursor } : {}),
    })}`;
  const f = makeFormat(await requestLocale());
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-bold tracking-tight">Leases</h1>
        <Link href="/manager/leases/new" className={buttonClass('primary')}>
          Create a lease
        </Link>
      </div>
      <form className="flex flex-wrap items-end gap-2" aria-label="Search leases">
        <label className="flex flex-col text-sm">
          <span className="font-medium">Search</span>
          <input
            name="q"
            defaultValue={filter.q ?? ''}
            className="min-h-11 rounded-md border border-line bg-surface px-3"
          />
        </label>
        <label className="flex flex-col text-sm">
          <span className="font-medium">Status</span>
          <select
            name="status"
            defaultValue={filter.status ?? ''}
            className="min-h-11 rounded-md border border-line bg-surface px-3"
          >
            <option value="">Any</option>
            <option value="active">Active</option>
            <option value="ended">Ended</option>
            <option value="terminated">Terminated</option>
          </select>
        </label>
        <button type="submit" className={buttonClass('secondary')}>
          Filter
        </button>
      </form>
      {leases.length === 0 ? (
        <EmptyState>No lease matches. Create one from a property’s vacant unit.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line bg-surface">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Leases</caption>
            <thead className="bg-paper">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Tenant
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Property · unit
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Term
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Rent
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Balance
                </th>
              </tr>
            </thead>
            <tbody>
              {leases.map((lease) => (
                <tr key={lease.leaseId} className="border-t border-line">
                  <th scope="row" className="px-3 py-2 font-normal">
                    <Link href={`/manager/leases/${lease.leaseId}`} className="text-accent-strong underline">
                      {lease.tenantName ?? 'Unknown tenant'}
                    </Link>
                  </th>
                  <td className="px-3 py-2">
                    {lease.propertyName} · {lease.unitLabel ?? '—'}
                  </td>
                  <td className="px-3 py-2">
                    <Badge tone={lease.status === 'active' ? 'ok' : 'neutral'}>{lease.status}</Badge>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {f.date(lease.startDate)} – {f.date(lease.endDate)}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{f.money(lease.monthlyRentCents)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{f.money(lease.balanceCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListPager previous={filter.cursor ? pageLink(null) : null} next={next ? pageLink(next) : null} />
    </div>
  );
}
