// /manager/properties?q=&city=&vacant=&minRent=&maxRent=&sort=&dir=&page=: the manager's
// properties. The filters run on the server (searchProperties); sorting and paging in the table.
import type { Metadata } from 'next';
import Link from 'next/link';
import { PropertiesTable } from '@/components/manager/properties-table';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/card';
import { parseDollarsToCents } from '@/components/ui/format';
import { ListPager } from '@/components/ui/list-pager';
import { requireRole } from '@/server/http/page-auth';
import { searchProperties } from '@/server/queries/properties';
import { propertySearchQuery } from '@/server/queries/schemas';
import { getRuntime } from '@/server/runtime';

export const metadata: Metadata = { title: 'Properties' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';
const cents = (dollars: string) => (dollars ? (parseDollarsToCents(dollars) ?? -1) : undefined);

const INPUT = 'min-h-11 rounded-md border border-line bg-surface px-3';

export default async function ManagerPropertiesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireRole('manager', '/manager/properties');
  const params = await searchParams;
  const form = {
    q: first(params.q),
    city: first(params.city),
    vacant: first(params.vacant),
    minRent: first(params.minRent),
    maxRent: first(params.maxRent),
  };
  const parsed = propertySearchQuery.safeParse({
    q: form.q,
    city: form.city,
    vacant: form.vacant,
    minRentCents: cents(form.minRent),
    maxRentCents: cents(form.maxRent),
    cursor: first(params.cursor),
    limit: '50',
  });
  const { properties, next } = parsed.success
    ? await searchProperties((await getRuntime()).database.db, actor, parsed.data)
    : { properties: [], next: null };
  const pageLink = (cursor: string | null) =>
    `/manager/properties?${new URLSearchParams({
      ...Object.fromEntries(
        Object.entries(form).filter((entry): entry is [string, string] => Boolean(entry[1])),
      ),
      ...(cursor ? { cursor } : {}),
    })}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-bold tracking-tight">Properties</h1>
        <Link href="/manager/properties/new" className={buttonClass('primary')}>
          Register a property
        </Link>
      </div>
      <form aria-label="Search properties" className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-sm">
          <span className="font-medium">Name or address</span>
          <input name="q" defaultValue={form.q} className={INPUT} />
        </label>
        <label className="flex flex-col text-sm">
          <span className="font-medium">City</span>
          <input name="city" defaultValue={form.city} className={INPUT} />
        </label>
        <label className="flex flex-col text-sm">
          <span className="font-medium">Vacancy</span>
          <select name="vacant" defaultValue={form.vacant} className={INPUT}>
            <option value="">Any</option>
            <option value="true">Has a vacant unit</option>
            <option value="false">Fully let</option>
          </select>
        </label>
        <label className="flex flex-col text-sm">
          <span className="font-medium">Min rent (USD)</span>
          <input name="minRent" inputMode="decimal" defaultValue={form.minRent} className={`${INPUT} w-32`} />
        </label>
        <label className="flex flex-col text-sm">
          <span className="font-medium">Max rent (USD)</span>
          <input name="maxRent" inputMode="decimal" defaultValue={form.maxRent} className={`${INPUT} w-32`} />
        </label>
        <button type="submit" className={buttonClass('secondary')}>
          Search
        </button>
      </form>
      {parsed.success ? null : (
        <Alert tone="error" role="alert">
          {parsed.error.issues[0]?.path.join('.').includes('Rent')
            ? 'Enter rents as amounts like 1500, with the minimum not above the maximum.'
            : (parsed.error.issues[0]?.message ?? 'Check the search fields.')}
        </Alert>
      )}
      {properties.length === 0 ? (
        <EmptyState>No property matches. Clear the filters, or register a property.</EmptyState>
      ) : (
        <PropertiesTable properties={properties} />
      )}
      <ListPager
        previous={parsed.success && parsed.data.cursor ? pageLink(null) : null}
        next={next ? pageLink(next) : null}
      />
    </div>
  );
}
