// A chart with its accessible twin: the SVG is one image labelled by a text summary (screen
// readers), and the same figures sit in a table under "Show data" (keyboard and print).
import type { ReactNode } from 'react';

export interface ChartFigureProps {
  id: string;
  title: string;
  /** One or two sentences with the figures that matter: the image's accessible name. */
  summary: string;
  /** The recharts chart. */
  children: ReactNode;
  /** The same data as a table. */
  table: ReactNode;
  empty?: string | null;
}

export function ChartFigure({ id, title, summary, children, table, empty }: ChartFigureProps) {
  return (
    <figure
      aria-labelledby={`${id}-title`}
      data-testid={id}
      className="flex min-w-0 flex-col gap-3 rounded-lg border border-line bg-surface p-4 shadow-sm"
    >
      <figcaption className="space-y-1">
        <h3 id={`${id}-title`} className="font-semibold">
          {title}
        </h3>
        <p className="text-sm text-muted" data-testid={`${id}-summary`}>
          {summary}
        </p>
      </figcaption>
      {empty ? (
        <p className="grid h-48 place-items-center rounded border border-dashed border-line text-sm text-muted">
          {empty}
        </p>
      ) : (
        <div role="img" aria-label={summary} className="h-64 w-full min-w-0">
          {children}
        </div>
      )}
      <details className="text-sm">
        <summary className="cursor-pointer text-accent-strong underline">Show data</summary>
        <div className="mt-2 overflow-x-auto">{table}</div>
      </details>
    </figure>
  );
}
