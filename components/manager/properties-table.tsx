'use client';
// The property list: @tanstack/react-table sorts and pages the search result the server found;
// sort and page live in the URL (history API: no server round trip) so a reload keeps them.
import {
  createColumnHelper,
  createPaginatedRowModel,
  createSortedRowModel,
  type PaginationState,
  rowPaginationFeature,
  rowSortingFeature,
  type SortingState,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import type { PropertySummary } from '@/server/queries/properties';
import { useFormat } from './use-format';

const PAGE_SIZE = 10;

const features = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  sortedRowModel: createSortedRowModel(),
  paginatedRowModel: createPaginatedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});

type Row = PropertySummary & { rentRange: string };
const helper = createColumnHelper<typeof features, Row>();

const columns = helper.columns([
  helper.accessor('name', {
    header: 'Property',
    sortFn: 'alphanumeric',
    cell: (info) => (
      <Link
        href={`/manager/properties/${info.row.original.propertyId}`}
        className="text-accent-strong underline"
      >
        {info.getValue()}
      </Link>
    ),
  }),
  helper.accessor('city', { header: 'City', sortFn: 'alphanumeric' }),
  helper.accessor('units', { header: 'Units', sortFn: 'basic' }),
  helper.accessor('vacantUnits', { header: 'Vacant', sortFn: 'basic' }),
  helper.accessor('minRentCents', {
    header: 'Market rent',
    sortFn: 'basic',
    cell: (info) => info.row.original.rentRange,
  }),
]);

const SORTABLE = ['name', 'city', 'units', 'vacantUnits', 'minRentCents'] as const;

function setUrl(update: Record<string, string | null>) {
  const url = new URL(window.location.href);
  for (const [key, value] of Object.entries(update)) {
    if (value === null) url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  window.history.replaceState(null, '', url);
}

export function PropertiesTable({ properties }: { properties: PropertySummary[] }) {
  const f = useFormat();
  const params = useSearchParams();
  const sortParam = params.get('sort');
  const sortId = SORTABLE.find((s) => s === sortParam) ?? 'name';
  const sorting: SortingState = [{ id: sortId, desc: params.get('dir') === 'desc' }];
  const pageCount = Math.max(1, Math.ceil(properties.length / PAGE_SIZE));
  const pageIndex = Math.min(Math.max(0, Number(params.get('page') ?? '1') - 1 || 0), pageCount - 1);
  const pagination: PaginationState = { pageIndex, pageSize: PAGE_SIZE };

  const data: Row[] = useMemo(
    () =>
      properties.map((p) => ({
        ...p,
        rentRange:
          p.minRentCents === p.maxRentCents
            ? f.money(p.minRentCents)
            : `${f.money(p.minRentCents)} – ${f.money(p.maxRentCents)}`,
      })),
    [properties, f],
  );

  const table = useTable({
    features,
    columns,
    data,
    state: { sorting, pagination },
    // The page lives in the URL; a re-render must not send it back to the first page.
    autoResetPageIndex: false,
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      setUrl({ sort: first?.id ?? null, dir: first?.desc ? 'desc' : null, page: null });
    },
    onPaginationChange: (updater) => {
      const next = typeof updater === 'function' ? updater(pagination) : updater;
      setUrl({ page: next.pageIndex > 0 ? String(next.pageIndex + 1) : null });
    },
  });

  return (
    <div className="space-y-3">
      <div className="overflow-x-auto rounded-lg border border-line bg-surface">
        <table className="w-full text-left text-sm" data-testid="properties-table">
          <caption className="sr-only">Properties, sortable by any column</caption>
          <thead className="bg-paper">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const numeric = header.column.id !== 'name' && header.column.id !== 'city';
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                      className={`px-3 py-2 font-medium ${numeric ? 'text-right' : ''}`}
                    >
                      <button
                        type="button"
                        onClick={() => header.column.toggleSorting(sorted === 'asc')}
                        className="inline-flex items-center gap-1 rounded hover:underline"
                      >
                        <table.FlexRender header={header} />
                        <span aria-hidden="true">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.original.propertyId} className="border-t border-line">
                {row.getAllCells().map((cell) => (
                  <td
                    key={cell.id}
                    className={`px-3 py-2 ${cell.column.id !== 'name' && cell.column.id !== 'city' ? 'text-right tabular-nums' : ''}`}
                  >
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex items-center justify-between gap-2 text-sm">
        <p className="text-muted">
          {properties.length} propert{properties.length === 1 ? 'y' : 'ies'} · page {pageIndex + 1} of{' '}
          {pageCount}
        </p>
        <div className="flex gap-2">
          <button
            type="button"
            onClick={() => table.previousPage()}
            disabled={!table.getCanPreviousPage()}
            className="min-h-11 rounded-md border border-line bg-surface px-3 disabled:opacity-50"
          >
            Previous
          </button>
          <button
            type="button"
            onClick={() => table.nextPage()}
            disabled={!table.getCanNextPage()}
            className="min-h-11 rounded-md border border-line bg-surface px-3 disabled:opacity-50"
          >
            Next
          </button>
        </div>
      </nav>
    </div>
  );
}
