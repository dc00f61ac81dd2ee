'use client';
// The one recharts module: a bar chart drawn from plain props. Only LazyBarChart (lazy-chart.tsx)
// imports it, so recharts is a chunk of its own that loads after the first paint.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface BarSpec {
  dataKey: string;
  name: string;
  fill: string | undefined;
}

export interface BarChartProps {
  points: Record<string, string | number>[];
  /** The key of each point's label (the category axis). */
  categoryKey: string;
  bars: BarSpec[];
  /** `vertical`: categories down the side (long property names). */
  layout?: 'vertical';
  valueTick?: (value: number) => string;
  valueDomain?: [number, number];
  valueTicks?: number[];
  tooltip: (value: unknown) => string;
  legend?: boolean;
}

const tick = { fontSize: 12, fill: '#475569' };

export default function BarChartBody({
  points,
  categoryKey,
  bars,
  layout,
  valueTick,
  valueDomain,
  valueTicks,
  tooltip,
  legend,
}: BarChartProps) {
  const values = {
    tickFormatter: valueTick ? (v: unknown) => valueTick(Number(v)) : undefined,
    tick,
    domain: valueDomain,
    ticks: valueTicks,
  };
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={points} layout={layout} accessibilityLayer={false} margin={{ left: 8, right: 8 }}>
        <CartesianGrid
          strokeDasharray="3 3"
          vertical={layout === 'vertical'}
          horizontal={layout !== 'vertical'}
        />
        {layout === 'vertical' ? (
          <>
            <XAxis type="number" {...values} />
            <YAxis type="category" dataKey={categoryKey} tick={tick} width={120} />
          </>
        ) : (
          <>
            <XAxis dataKey={categoryKey} tick={tick} />
            <YAxis {...values} width={64} />
          </>
        )}
        <Tooltip formatter={tooltip} />
        {legend ? <Legend /> : null}
        {bars.map((bar) => (
          <Bar
            key={bar.dataKey}
            dataKey={bar.dataKey}
            name={bar.name}
            fill={bar.fill}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
