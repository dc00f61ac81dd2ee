'use client';
// Events per minute over the last hour (recharts). Loaded with next/dynamic by the console, so the
// chart library never holds up the first paint.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface ThroughputPoint {
  minute: string;
  events: number;
}

const label = (iso: string) => iso.slice(11, 16);

export default function ThroughputChart({ minutes }: { minutes: readonly ThroughputPoint[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={minutes.map((m) => ({ ...m, label: label(m.minute) }))}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" interval={9} tick={{ fontSize: 12 }} />
        <YAxis allowDecimals={false} width={40} tick={{ fontSize: 12 }} />
        <Tooltip />
        <Bar dataKey="events" name="Events" fill="var(--color-accent, #2563eb)" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
