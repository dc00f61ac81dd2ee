// The stream-stats read model: how many streams and events each stream type holds.
export interface StreamTypeRow {
  streamType: string;
  streams: number;
  events: number;
}

const numberFormat = new Intl.NumberFormat('en-US');

export function StreamStatsTable({ rows }: { rows: readonly StreamTypeRow[] }) {
  if (rows.length === 0) {
    return (
      <p
        data-testid="stream-stats-empty"
        className="rounded-lg border border-dashed border-line bg-surface px-4 py-6 text-center text-sm text-muted"
      >
        No events recorded yet. The first property, lease or maintenance request will show up here.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-surface">
      <table data-testid="stream-stats-table" className="w-full text-left text-sm">
        <caption className="sr-only">Streams and events per stream type</caption>
        <thead className="border-b border-line bg-paper text-muted">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Stream type
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Streams
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Events
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {rows.map((row) => (
            <tr key={row.streamType}>
              <th scope="row" className="px-4 py-2 font-mono font-normal">
                {row.streamType}
              </th>
              <td className="px-4 py-2 text-right tabular-nums">{numberFormat.format(row.streams)}</td>
              <td className="px-4 py-2 text-right tabular-nums">{numberFormat.format(row.events)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
