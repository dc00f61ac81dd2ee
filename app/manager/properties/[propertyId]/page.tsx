// /manager/properties/:propertyId: units with occupancy today, current leases, a notice form.
// Another manager's property and an unknown id are the same 404.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { makeFormat } from '@/components/manager/format';
import { NoticeForm } from '@/components/manager/notice-form';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { requestLocale } from '@/components/ui/request-locale';
import { localDate } from '@/server/domain/shared/dates';
import { requireRole } from '@/server/http/page-auth';
import { listLeases } from '@/server/queries/leases';
import { getProperty } from '@/server/queries/properties';
import { getRuntime } from '@/server/runtime';

export const metadata: Metadata = { title: 'Property' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ManagerPropertyPage({ params }: { params: Promise<{ propertyId: string }> }) {
  const { propertyId } = await params;
  const actor = await requireRole('manager', `/manager/properties/${propertyId}`);
  if (!UUID.test(propertyId)) notFound();
  const db = (await getRuntime()).database.db;
  const property = await getProperty(db, actor, propertyId);
  if (!property) notFound();
  // Filtered in SQL; a property has at most one active lease per unit, and its units are listed above.
  const { leases } = await listLeases(db, actor, { status: 'active', propertyId, limit: 500 });
  const f = makeFormat(await requestLocale());
  const occupied = property.units.filter((u) => u.occupied).length;
  const occupancy = property.units.length > 0 ? occupied / property.units.length : null;
  const { address } = property;
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold tracking-tight">{property.name}</h1>
        <p className="text-muted">
          {address.line1}, {address.city}, {address.state} {address.postalCode} · Time zone{' '}
          {property.timeZone.replaceAll('_', ' ')}
        </p>
        <p className="text-sm" data-testid="property-occupancy">
          Occupancy today: <strong>{f.percent(occupancy)}</strong> ({occupied} of {property.units.length}{' '}
          units leased)
        </p>
      </div>
      <Card id="units" title="Units">
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="units-table">
            <caption className="sr-only">Units with their market rent and occupancy today</caption>
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-2 pr-3 font-medium">
                  Unit
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  Market rent
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Today
                </th>
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {property.units.map((unit) => (
                <tr key={unit.unitId} className="border-b border-line last:border-0">
                  <th scope="row" className="py-2 pr-3 font-normal">
                    {unit.label}
                  </th>
                  <td className="py-2 pr-3 text-right tabular-nums">{f.money(unit.marketRentCents)}</td>
                  <td className="py-2 pr-3">
                    {unit.occupied && unit.currentLeaseId ? (
                      <Link href={`/manager/leases/${unit.currentLeaseId}`} className="underline">
                        <Badge tone="ok">leased</Badge>
                      </Link>
                    ) : (
                      <Badge tone="warn">vacant</Badge>
                    )}
                  </td>
                  <td className="py-2 text-right">
                    <Link
                      href={`/manager/leases/new?propertyId=${property.propertyId}&unitId=${unit.unitId}`}
                      className={buttonClass('ghost', 'min-h-0 px-0 py-0')}
                    >
                      Create lease<span className="sr-only"> for unit {unit.label}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card id="current-leases" title="Current leases">
        {leases.length === 0 ? (
          <EmptyState>No active lease in this property yet.</EmptyState>
        ) : (
          <ul className="divide-y divide-line">
            {leases.map((lease) => (
              <li
                key={lease.leaseId}
                className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
              >
                <Link href={`/manager/leases/${lease.leaseId}`} className="text-accent-strong underline">
                  {lease.tenantName ?? 'Unknown tenant'} · unit {lease.unitLabel ?? '—'}
                </Link>
                <span className="text-muted">
                  {f.date(lease.startDate)} – {f.date(lease.endDate)} · {f.money(lease.monthlyRentCents)}
                  /month · balance {f.money(lease.balanceCents)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card id="notices">
        <NoticeForm
          propertyId={property.propertyId}
          propertyName={property.name}
          today={localDate(new Date(), property.timeZone)}
        />
      </Card>
    </div>
  );
}
