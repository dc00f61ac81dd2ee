'use client';
// The analytics charts (recharts, loaded lazily: lazy-chart.tsx). Each chart is wrapped by ChartFigure with a text summary and a
// data table; tooltips show exact amounts on hover.
import type { ManagerAnalytics } from '@/server/queries/manager-analytics';
import { ChartFigure } from './chart-figure';
import { LazyBarChart } from './lazy-chart';
import { useFormat } from './use-format';

const CHARGED = '#0f766e';
const COLLECTED = '#1d4ed8';
const AGING_COLORS = ['#65a30d', '#ca8a04', '#ea580c', '#b91c1c'];

function DataTable({ head, rows }: { head: string[]; rows: (string | number)[][] }) {
  return (
    <table className="w-full text-left text-sm">
      <thead>
        <tr className="border-b border-line">
          {head.map((h, i) => (
            <th key={h} scope="col" className={`py-1 pr-3 font-medium ${i > 0 ? 'text-right' : ''}`}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={String(row[0])} className="border-b border-line last:border-0">
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={head[i]} scope="row" className="py-1 pr-3 font-normal">
                  {cell}
                </th>
              ) : (
                <td key={head[i]} className="py-1 pr-3 text-right tabular-nums">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ChargedCollectedChart({ data }: { data: ManagerAnalytics }) {
  const f = useFormat();
  const money = (value: unknown) => f.money(Number(value));
  const points = data.months.map((m) => ({
    month: f.monthShort(m.month),
    charged: m.chargedCents,
    collected: m.collectedCents,
  }));
  const summary = `Rent charged ${f.money(data.collection.chargedCents)} and collected ${f.money(
    data.collection.collectedCents,
  )} over ${data.months.length} month${data.months.length === 1 ? '' : 's'}; collection rate ${f.percent(
    data.collection.rate,
  )}.`;
  return (
    <ChartFigure
      id="chart-charged-collected"
      title="Rent charged vs collected per month"
      summary={summary}
      table={
        <DataTable
          head={['Month', 'Charged', 'Collected']}
          rows={data.months.map((m) => [
            f.monthShort(m.month),
            f.money(m.chargedCents),
            f.money(m.collectedCents),
          ])}
        />
      }
    >
      <LazyBarChart
        points={points}
        categoryKey="month"
        valueTick={f.moneyShort}
        tooltip={money}
        legend
        bars={[
          { dataKey: 'charged', name: 'Charged', fill: CHARGED },
          { dataKey: 'collected', name: 'Collected', fill: COLLECTED },
        ]}
      />
    </ChartFigure>
  );
}

export function RevenueByPropertyChart({ data }: { data: ManagerAnalytics }) {
  const f = useFormat();
  const money = (value: unknown) => f.money(Number(value));
  const points = data.properties
    .filter((p) => p.chargedCents > 0 || p.collectedCents > 0)
    .map((p) => ({ name: p.name, charged: p.chargedCents, collected: p.collectedCents }));
  const top = [...points].sort((a, b) => b.collected - a.collected)[0];
  const summary = top
    ? `${points.length} properties had revenue in the range; the most collected at ${top.name}: ${f.money(
        top.collected,
      )}.`
    : 'No property had revenue in the range.';
  return (
    <ChartFigure
      id="chart-revenue-by-property"
      title="Revenue by property"
      summary={summary}
      empty={points.length === 0 ? 'No charges or payments in this range.' : null}
      table={
        <DataTable
          head={['Property', 'Charged', 'Collected']}
          rows={data.properties.map((p) => [p.name, f.money(p.chargedCents), f.money(p.collectedCents)])}
        />
      }
    >
      <LazyBarChart
        points={points}
        layout="vertical"
        categoryKey="name"
        valueTick={f.moneyShort}
        tooltip={money}
        legend
        bars={[
          { dataKey: 'charged', name: 'Charged', fill: CHARGED },
          { dataKey: 'collected', name: 'Collected', fill: COLLECTED },
        ]}
      />
    </ChartFigure>
  );
}

export const AGING_BUCKETS = [
  { key: 'days1to30', label: '1–30 days' },
  { key: 'days31to60', label: '31–60 days' },
  { key: 'days61to90', label: '61–90 days' },
  { key: 'days91plus', label: '90+ days' },
] as const;

export function AgingChart({ data }: { data: ManagerAnalytics }) {
  const f = useFormat();
  const money = (value: unknown) => f.money(Number(value));
  const aging = data.delinquency;
  const points = AGING_BUCKETS.map((b) => ({ bucket: b.label, amount: aging[b.key] }));
  const summary = `${f.money(aging.totalCents)} past due as of ${f.date(data.asOf)} (${f.money(aging.currentCents)} current, not yet past due): ${AGING_BUCKETS.map(
    (b) => `${b.label} ${f.money(aging[b.key])}`,
  ).join(', ')}.`;
  return (
    <ChartFigure
      id="chart-aging"
      title="Delinquency aging"
      summary={summary}
      table={
        <DataTable head={['Bucket', 'Open amount']} rows={points.map((p) => [p.bucket, f.money(p.amount)])} />
      }
    >
      <LazyBarChart
        points={points}
        categoryKey="bucket"
        valueTick={f.moneyShort}
        tooltip={money}
        bars={[{ dataKey: 'amount', name: 'Open amount', fill: AGING_COLORS[3] }]}
      />
    </ChartFigure>
  );
}

export function SatisfactionChart({ data }: { data: ManagerAnalytics }) {
  const f = useFormat();
  const rated = data.properties.filter((p) => p.averageRating !== null);
  const points = rated.map((p) => ({ name: p.name, rating: p.averageRating ?? 0, ratings: p.ratings }));
  const summary =
    data.satisfaction.ratings > 0
      ? `Average rating ${f.rating(data.satisfaction.averageRating)} from ${data.satisfaction.ratings} rated requests.`
      : 'No maintenance requests were rated in this range.';
  return (
    <ChartFigure
      id="chart-satisfaction"
      title="Tenant satisfaction by property"
      summary={summary}
      empty={points.length === 0 ? 'No ratings in this range.' : null}
      table={
        <DataTable
          head={['Property', 'Average rating', 'Ratings']}
          rows={data.properties.map((p) => [p.name, f.rating(p.averageRating), p.ratings])}
        />
      }
    >
      <LazyBarChart
        points={points}
        layout="vertical"
        categoryKey="name"
        valueDomain={[0, 5]}
        valueTicks={[0, 1, 2, 3, 4, 5]}
        tooltip={(v) => `${Number(v).toFixed(2)} / 5`}
        bars={[{ dataKey: 'rating', name: 'Average rating', fill: CHARGED }]}
      />
    </ChartFigure>
  );
}
