// /manager/tenants?q=&page=: the manager's tenant directory (search by name or email, in SQL),
// invite a tenant (the link is shown once), resend an invite that was not accepted.
import type { Metadata } from 'next';
import Link from 'next/link';
import { makeFormat } from '@/components/manager/format';
import { InviteForm } from '@/components/manager/invite-form';
import { ResendInvite } from '@/components/manager/resend-invite';
import { LeaseStatusBadge, TenantStatusBadge } from '@/components/status-badge';
import { buttonClass } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { requestLocale } from '@/components/ui/request-locale';
import { requireRole } from '@/server/http/page-auth';
import { tenantDirectoryQuery } from '@/server/http/schemas';
import { listTenants } from '@/server/queries/tenants';
import { getRuntime } from '@/server/runtime';

export const metadata: Metadata = { title: 'Tenants' };

const PAGE_SIZE = 25;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function TenantsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireRole('manager', '/manager/tenants');
  const params = await searchParams;
  const q = first(params.q)?.trim() ?? '';
  const page = Math.max(1, Math.min(10_000, Number.parseInt(first(params.page) ?? '1', 10) || 1));
  const parsed = tenantDirectoryQuery.safeParse({ q: q || undefined });
  const directory = await listTenants((await getRuntime()).database.db, actor, {
    ...(parsed.success ? parsed.data : {}),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const f = makeFormat(await requestLocale());
  const pages = Math.max(1, Math.ceil(directory.total / PAGE_SIZE));
  const pageHref = (n: number) =>
    `/manager/tenants?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) }).toString()}`;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">Tenants</h1>
      <Card id="invite" title="Invite a tenant">
        <p className="mb-4 max-w-2xl text-sm text-muted">
          The tenant gets an account without a password and a link to choose one. Then create their lease.
        </p>
        <InviteForm />
      </Card>
      <section aria-labelledby="directory-heading" className="space-y-3">
        <h2 id="directory-heading" className="text-lg font-semibold">
          Your tenants
        </h2>
        <form className="flex flex-wrap items-end gap-2" aria-label="Find a tenant">
          <label className="flex flex-col text-sm">
            <span className="font-medium">Search tenants</span>
            <input
              name="q"
              type="search"
              defaultValue={q}
              placeholder="name or email"
              className="min-h-11 rounded-md border border-line bg-surface px-3"
            />
          </label>
          <button type="submit" className={buttonClass('secondary')}>
            Search
          </button>
          {q ? (
            <Link href="/manager/tenants" className={buttonClass('ghost')}>
              Clear
            </Link>
          ) : null}
        </form>
        <p className="text-sm text-muted" role="status" data-testid="tenant-count">
          {directory.total === 1 ? '1 tenant' : `${f.count(directory.total)} tenants`}
          {q ? ` matching “${q}”` : ''}
          {pages > 1 ? ` · page ${page} of ${pages}` : ''}
        </p>
        {directory.tenants.length === 0 ? (
          <EmptyState>
            {q ? 'No tenant matches that name or email.' : 'No tenants yet: invite one above.'}
          </EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-line bg-surface">
            <table className="w-full text-left text-sm" data-testid="tenant-directory">
              <caption className="sr-only">Your tenants with their leases and invite status</caption>
              <thead className="bg-paper">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Tenant
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Leases
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Status
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {directory.tenants.map((tenant) => (
                  <tr key={tenant.tenantId} className="border-t border-line align-top">
                    <th scope="row" className="px-3 py-2 font-normal">
                      <span className="block font-medium">{tenant.name}</span>
                      <a href={`mailto:${tenant.email}`} className="break-all text-muted underline">
                        {tenant.email}
                      </a>
                    </th>
                    <td className="px-3 py-2">
                      {tenant.leases.length === 0 ? (
                        <Link
                          href={`/manager/leases/new?tenantEmail=${encodeURIComponent(tenant.email)}`}
                          className="text-accent-strong underline"
                        >
                          Create a lease<span className="sr-only"> for {tenant.name}</span>
                        </Link>
                      ) : (
                        <ul className="space-y-1">
                          {tenant.leases.map((lease) => (
                            <li key={lease.leaseId} className="flex flex-wrap items-center gap-2">
                              <Link
                                href={`/manager/leases/${lease.leaseId}`}
                                className="text-accent-strong underline"
                              >
                                {lease.propertyName}
                                {lease.unitLabel ? ` · ${lease.unitLabel}` : ''}
                              </Link>
                              <LeaseStatusBadge status={lease.status} />
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className="px-3 py-2">
                      <TenantStatusBadge status={tenant.status} />
                      {tenant.inviteExpiresAt ? (
                        <span className="mt-1 block text-xs text-muted">
                          {tenant.status === 'expired' ? 'Expired' : 'Expires'}{' '}
                          {f.date(tenant.inviteExpiresAt)}
                        </span>
                      ) : null}
                    </td>
                    <td className="px-3 py-2">
                      {tenant.status === 'invited' || tenant.status === 'expired' ? (
                        <ResendInvite tenantId={tenant.tenantId} tenantName={tenant.name} />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pages > 1 ? (
          <nav aria-label="Tenant pages" className="flex gap-2">
            {page > 1 ? (
              <Link href={pageHref(page - 1)} className={buttonClass('secondary')}>
                Previous page
              </Link>
            ) : null}
            {page < pages ? (
              <Link href={pageHref(page + 1)} className={buttonClass('secondary')}>
                Next page
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
