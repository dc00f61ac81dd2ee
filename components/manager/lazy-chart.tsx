'use client';
// A chart that costs nothing until it is near the screen: the server renders the figure's title,
// summary and data table, and this box (the chart's own fixed size, so nothing shifts); recharts is
// imported when the box comes within 200 px of the viewport, after the first paint.
import dynamic from 'next/dynamic';
import { useEffect, useRef, useState } from 'react';
import type { BarChartProps } from './bar-chart';

const Placeholder = () => <div aria-hidden="true" className="h-full w-full rounded bg-line/20" />;

const BarChartBody = dynamic(() => import('./bar-chart'), { ssr: false, loading: Placeholder });

export function LazyBarChart(props: BarChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element || near) return;
    if (typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true);
      },
      { rootMargin: '200px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  return (
    <div ref={box} className="h-full w-full" data-chart-loaded={near ? 'true' : 'false'}>
      {near ? <BarChartBody {...props} /> : <Placeholder />}
    </div>
  );
}
