// Each projection's status and how many committed events it has still to apply.
import { StatusBadge } from './status-badge';

export interface ProjectionRow {
  name: string;
  status: string;
  lagEvents: number;
  /** Admins only: where it stands and why it failed. */
  globalPosition?: number;
  lastError?: string | null;
  parkedStreams?: number;
}

const numberFormat = new Intl.NumberFormat('en-US');

export function ProjectionHealthTable({ rows }: { rows: readonly ProjectionRow[] }) {
  if (rows.length === 0) {
    return <p className="text-sm text-muted">No projections are registered.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-surface">
      <table data-testid="projection-health-table" className="w-full text-left text-sm">
        <caption className="sr-only">Projection health</caption>
        <thead className="border-b border-line bg-paper text-muted">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Projection
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Status
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Lag <span className="sr-only sm:not-sr-only">(events)</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {rows.map((row) => (
            <tr key={row.name} data-testid={`projection-${row.name}`}>
              <th scope="row" className="px-4 py-2 align-top font-normal">
                <span className="font-mono">{row.name}</span>
                {row.globalPosition === undefined ? null : (
                  <span className="block text-xs text-muted">
                    {row.globalPosition === 0
                      ? 'no events applied yet'
                      : `at event #${numberFormat.format(row.globalPosition)}`}
                  </span>
                )}
                {row.parkedStreams ? (
                  <span className="mt-1 block text-xs text-bad">
                    {numberFormat.format(row.parkedStreams)} stream(s) parked on a failing event
                  </span>
                ) : null}
                {row.lastError ? (
                  <span className="mt-1 block text-xs break-words text-bad">{row.lastError}</span>
                ) : null}
              </th>
              <td className="px-4 py-2 align-top">
                <StatusBadge status={row.status} />
              </td>
              <td className="px-4 py-2 text-right align-top tabular-nums">
                {numberFormat.format(row.lagEvents)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
