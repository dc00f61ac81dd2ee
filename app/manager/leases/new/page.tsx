// /manager/leases/new?propertyId=&unitId=&tenantEmail=: choose a property, then the lease terms.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LeaseForm } from '@/components/manager/lease-form';
import { todayUtc } from '@/components/manager/range';
import { buttonClass } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { requireRole } from '@/server/http/page-auth';
import { bookingsOfProperty } from '@/server/projections/leases/query';
import { getProperty, searchProperties } from '@/server/queries/properties';
import { getRuntime } from '@/server/runtime';

export const metadata: Metadata = { title: 'Create a lease' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function NewLeasePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireRole('manager', '/manager/leases/new');
  const params = await searchParams;
  const propertyId = first(params.propertyId);
  const db = (await getRuntime()).database.db;
  if (!propertyId) {
    // A select of the portfolio's properties: the largest page, by name.
    const { properties } = await searchProperties(db, actor, { limit: 500 });
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold tracking-tight">Create a lease</h1>
        <Card id="choose-property" title="Which property?">
          {properties.length === 0 ? (
            <EmptyState>Register a property first.</EmptyState>
          ) : (
            <form className="flex flex-wrap items-end gap-2">
              <label className="flex flex-col text-sm">
                <span className="font-medium">Property</span>
                <select name="propertyId" className="min-h-11 rounded-md border border-line bg-surface px-3">
                  {properties.map((p) => (
                    <option key={p.propertyId} value={p.propertyId}>
                      {p.name} · {p.vacantUnits} vacant
                    </option>
                  ))}
                </select>
              </label>
              {first(params.tenantEmail) ? (
                <input type="hidden" name="tenantEmail" value={first(params.tenantEmail)} />
              ) : null}
              <button type="submit" className={buttonClass('secondary')}>
                Continue
              </button>
            </form>
          )}
        </Card>
      </div>
    );
  }
  if (!UUID.test(propertyId)) notFound();
  const property = await getProperty(db, actor, propertyId);
  if (!property) notFound();
  const bookings = await bookingsOfProperty(db, property.propertyId);
  const units = property.units.map((unit) => ({ ...unit, bookings: bookings.get(unit.unitId) ?? [] }));
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm text-muted">{property.name}</p>
        <h1 className="text-2xl font-bold tracking-tight">Create a lease</h1>
      </div>
      <Card>
        <LeaseForm
          propertyId={property.propertyId}
          units={units}
          unitId={first(params.unitId)}
          tenantEmail={first(params.tenantEmail)}
          today={todayUtc()}
        />
      </Card>
    </div>
  );
}
