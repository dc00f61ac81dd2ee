'use client';
// /manager: KPI tiles, charts and tables for the range in the URL. The server renders the first
// view (its data arrives hydrated in the query cache); a range change rewrites the URL without a
// navigation and react-query fetches the new range while the previous figures stay on screen.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import type { ManagerAnalytics } from '@/server/queries/manager-analytics';
import {
  AGING_BUCKETS,
  AgingChart,
  ChargedCollectedChart,
  RevenueByPropertyChart,
  SatisfactionChart,
} from './analytics-charts';
import { analyticsKey, fetchAnalytics } from './analytics-query';
import { type DateRange, presetOf, RANGE_PRESETS } from './range';
import { RangePicker } from './range-picker';
import { useFormat } from './use-format';

export interface AnalyticsDashboardProps {
  /** The range the server rendered (used until the URL says otherwise). */
  initialRange: DateRange;
  today: string;
}

function Tile({ id, label, value, detail }: { id: string; label: string; value: string; detail?: string }) {
  return (
    <div className="rounded-lg border border-line bg-surface p-4 shadow-sm" data-testid={`kpi-${id}`}>
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`kpi-${id}-value`}>
        {value}
      </dd>
      {detail ? <dd className="mt-1 text-xs text-muted">{detail}</dd> : null}
    </div>
  );
}

function Tiles({ data }: { data: ManagerAnalytics }) {
  const f = useFormat();
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-4">
      <Tile id="properties" label="Properties" value={f.count(data.totals.properties)} />
      <Tile id="units" label="Units" value={f.count(data.totals.units)} />
      <Tile
        id="physical-occupancy"
        label="Physical occupancy"
        value={f.percent(data.occupancy.physical)}
        detail={`${f.count(data.occupancy.leasedUnits)} of ${f.count(data.occupancy.units)} units leased on ${f.date(data.asOf)}`}
      />
      <Tile
        id="economic-occupancy"
        label="Economic occupancy"
        value={f.percent(data.occupancy.economic)}
        detail={`Rent charged less credits and waivers, ${f.money(data.occupancy.economicRentCents)} / ${f.money(data.occupancy.grossPotentialRentCents)} potential rent`}
      />
      <Tile
        id="collected"
        label="Paid of charges due in range"
        value={f.money(data.collection.collectedCents)}
      />
      <Tile id="charged" label="Charges due in range" value={f.money(data.collection.chargedCents)} />
      <Tile id="collection-rate" label="Collection rate" value={f.percent(data.collection.rate)} />
      <Tile
        id="deposits-held"
        label="Security deposits held"
        value={f.money(data.deposits.heldCents)}
        detail={`On ${f.count(data.deposits.leases)} ${data.deposits.leases === 1 ? 'lease' : 'leases'}, today`}
      />
      <Tile
        id="open-maintenance"
        label="Open maintenance requests"
        value={f.count(data.maintenance.open)}
        detail={Object.entries(data.maintenance.byPriority)
          .map(([priority, count]) => `${priority} ${count}`)
          .join(' · ')}
      />
    </dl>
  );
}

function DepositsTable({ data }: { data: ManagerAnalytics }) {
  const f = useFormat();
  const held = data.properties.filter((p) => p.depositsHeldCents > 0);
  if (held.length === 0) return <p className="text-sm text-muted">No security deposit is held right now.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-surface">
      <table className="w-full text-left text-sm" data-testid="deposits-table">
        <caption className="sr-only">Security deposits held now, per property</caption>
        <thead className="bg-paper">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Property
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Deposits held
            </th>
          </tr>
        </thead>
        <tbody>
          {held.map((p) => (
            <tr key={p.propertyId} className="border-t border-line">
              <th scope="row" className="px-3 py-2 font-normal">
                {p.name}
              </th>
              <td className="px-3 py-2 text-right tabular-nums">{f.money(p.depositsHeldCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AgingTable({ data }: { data: ManagerAnalytics }) {
  const f = useFormat();
  const leases = data.delinquency.leases;
  if (leases.length === 0) return <p className="text-sm text-muted">No lease has a past-due amount.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-surface">
      <table className="w-full text-left text-sm" data-testid="aging-table">
        <caption className="sr-only">Past-due amounts per lease by age</caption>
        <thead className="bg-paper">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Tenant
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Property · unit
            </th>
            {AGING_BUCKETS.map((b) => (
              <th key={b.key} scope="col" className="px-3 py-2 text-right font-medium">
                {b.label}
              </th>
            ))}
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Total
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
                {data.properties.find((p) => p.propertyId === lease.propertyId)?.name ?? '—'} ·{' '}
                {lease.unitLabel ?? '—'}
              </td>
              {AGING_BUCKETS.map((b) => (
                <td key={b.key} className="px-3 py-2 text-right tabular-nums">
                  {lease[b.key] ? f.money(lease[b.key]) : '—'}
                </td>
              ))}
              <td className="px-3 py-2 text-right font-medium tabular-nums">{f.money(lease.totalCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Expirations({ data }: { data: ManagerAnalytics }) {
  const f = useFormat();
  if (data.expirations.length === 0) {
    return <p className="text-sm text-muted">No lease ends in the next 90 days.</p>;
  }
  return (
    <ul className="divide-y divide-line rounded-lg border border-line bg-surface" data-testid="expirations">
      {data.expirations.map((lease) => (
        <li
          key={lease.leaseId}
          className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm"
        >
          <Link href={`/manager/leases/${lease.leaseId}`} className="text-accent-strong underline">
            {lease.tenantName ?? 'Unknown tenant'} ·{' '}
            {data.properties.find((p) => p.propertyId === lease.propertyId)?.name ?? '—'}{' '}
            {lease.unitLabel ?? ''}
          </Link>
          <span className="text-muted">
            ends {f.date(lease.endDate)} ({lease.daysLeft} day{lease.daysLeft === 1 ? '' : 's'})
          </span>
        </li>
      ))}
    </ul>
  );
}

export function AnalyticsDashboard({ initialRange, today }: AnalyticsDashboardProps) {
  const f = useFormat();
  const params = useSearchParams();
  const range: DateRange = {
    from: params.get('from') || initialRange.from,
    to: params.get('to') || initialRange.to,
  };
  const query = useQuery({
    queryKey: analyticsKey(range),
    queryFn: () => fetchAnalytics(range),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

  function changeRange(next: DateRange) {
    const url = new URL(window.location.href);
    url.searchParams.set('from', next.from);
    url.searchParams.set('to', next.to);
    // Next.js syncs useSearchParams with pushState: no navigation, no server render.
    window.history.pushState(null, '', url);
  }

  const data = query.data;
  const preset = presetOf(range, today);
  const label = RANGE_PRESETS.find((p) => p.id === preset)?.label ?? 'Custom range';
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Portfolio analytics</h1>
          <p className="text-sm text-muted" data-testid="range-label">
            {label}: {f.date(range.from)} – {f.date(range.to)}
          </p>
        </div>
        <div className="flex gap-2 text-sm">
          <a
            className="rounded-md border border-line bg-surface px-3 py-1.5 hover:bg-paper"
            href="/manager/exports/rent-roll"
          >
            Rent roll (CSV)
          </a>
          <a
            className="rounded-md border border-line bg-surface px-3 py-1.5 hover:bg-paper"
            href={`/manager/exports/aging?to=${range.to}`}
          >
            Aging (CSV)
          </a>
        </div>
      </div>
      <RangePicker range={range} today={today} onChange={changeRange} />
      <p aria-live="polite" className="text-sm text-muted" data-testid="analytics-status">
        {query.isFetching ? 'Updating…' : query.isError ? '' : ''}
      </p>
      {query.isError ? (
        <p role="alert" className="rounded-md border border-bad bg-bad-soft p-3 text-sm text-bad">
          {query.error.message}
        </p>
      ) : null}
      {data ? (
        <div
          className={`space-y-8 transition-opacity ${query.isPlaceholderData ? 'opacity-60' : ''}`}
          aria-busy={query.isFetching}
          data-testid="analytics"
          data-from={data.from}
          data-to={data.to}
        >
          <section aria-labelledby="kpi-heading" className="space-y-3">
            <h2 id="kpi-heading" className="sr-only">
              Key figures
            </h2>
            <Tiles data={data} />
          </section>
          <section aria-labelledby="charts-heading" className="space-y-3">
            <h2 id="charts-heading" className="text-lg font-semibold">
              Rent and revenue
            </h2>
            <div className="grid gap-4 lg:grid-cols-2">
              <ChargedCollectedChart data={data} />
              <RevenueByPropertyChart data={data} />
            </div>
          </section>
          <section aria-labelledby="aging-heading" className="space-y-3">
            <h2 id="aging-heading" className="text-lg font-semibold">
              Delinquency
            </h2>
            <div className="grid gap-4 lg:grid-cols-2">
              <AgingChart data={data} />
              <SatisfactionChart data={data} />
            </div>
            <AgingTable data={data} />
          </section>
          <section aria-labelledby="deposits-heading" className="space-y-3">
            <h2 id="deposits-heading" className="text-lg font-semibold">
              Security deposits held by property
            </h2>
            <DepositsTable data={data} />
          </section>
          <section aria-labelledby="expirations-heading" className="space-y-3">
            <h2 id="expirations-heading" className="text-lg font-semibold">
              Lease expirations in the next 90 days
            </h2>
            <Expirations data={data} />
          </section>
        </div>
      ) : query.isPending ? (
        <p className="text-sm text-muted">Loading analytics…</p>
      ) : null}
    </div>
  );
}
