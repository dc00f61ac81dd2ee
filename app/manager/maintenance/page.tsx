// /manager/maintenance?status=&priority=: the maintenance queue of the manager's properties.
import type { Metadata } from 'next';
import Link from 'next/link';
import { makeFormat } from '@/components/manager/format';
import { MaintenanceActions } from '@/components/manager/maintenance-actions';
import { todayUtc } from '@/components/manager/range';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/card';
import { requestLocale } from '@/components/ui/request-locale';
import { requireRole } from '@/server/http/page-auth';
import {
  listMaintenanceQueue,
  MAINTENANCE_QUEUE_LIMIT,
  maintenanceQueueQuery,
} from '@/server/queries/maintenance-queue';
import { getRuntime } from '@/server/runtime';

export const metadata: Metadata = { title: 'Maintenance' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const INPUT = 'min-h-11 rounded-md border border-line bg-surface px-3';
const PRIORITY_TONE = { urgent: 'bad', high: 'warn', normal: 'neutral', low: 'neutral' } as const;

export default async function ManagerMaintenancePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireRole('manager', '/manager/maintenance');
  const params = await searchParams;
  const parsed = maintenanceQueueQuery.safeParse({
    status: first(params.status),
    priority: first(params.priority),
  });
  const filter = parsed.success ? parsed.data : maintenanceQueueQuery.parse({});
  const items = await listMaintenanceQueue((await getRuntime()).database.db, actor, filter);
  const f = makeFormat(await requestLocale());
  const today = todayUtc();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">Maintenance queue</h1>
      <form className="flex flex-wrap items-end gap-3" aria-label="Filter requests">
        <label className="flex flex-col text-sm">
          <span className="font-medium">Status</span>
          <select name="status" defaultValue={filter.status} className={INPUT}>
            <option value="open">Open (requested or scheduled)</option>
            <option value="requested">Requested</option>
            <option value="scheduled">Scheduled</option>
            <option value="completed">Completed</option>
            <option value="cancelled">Cancelled</option>
            <option value="all">All</option>
          </select>
        </label>
        <label className="flex flex-col text-sm">
          <span className="font-medium">Priority</span>
          <select name="priority" defaultValue={filter.priority ?? ''} className={INPUT}>
            <option value="">Any</option>
            <option value="urgent">Urgent</option>
            <option value="high">High</option>
            <option value="normal">Normal</option>
            <option value="low">Low</option>
          </select>
        </label>
        <button type="submit" className={buttonClass('secondary')}>
          Filter
        </button>
      </form>
      {parsed.success ? null : <Alert tone="warning">That filter is not valid; showing open requests.</Alert>}
      {items.length === 0 ? (
        <EmptyState>No request matches these filters.</EmptyState>
      ) : (
        <ul className="space-y-3" data-testid="maintenance-queue">
          {items.map((item) => {
            const label = `${item.category} at ${item.propertyName} ${item.unitLabel ?? ''}`.trim();
            return (
              <li
                key={item.requestId}
                className="space-y-3 rounded-lg border border-line bg-surface p-4 shadow-sm"
              >
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h2 className="font-semibold capitalize">{label}</h2>
                  <div className="flex gap-2">
                    <Badge tone={PRIORITY_TONE[item.priority as keyof typeof PRIORITY_TONE] ?? 'neutral'}>
                      {item.priority}
                    </Badge>
                    <Badge tone={item.status === 'completed' ? 'ok' : 'accent'}>{item.status}</Badge>
                  </div>
                </div>
                <p className="text-sm">{item.description}</p>
                <p className="text-sm text-muted">
                  <Link href={`/manager/leases/${item.leaseId}`} className="underline">
                    {item.tenantName ?? 'Unknown tenant'}
                  </Link>{' '}
                  · requested {f.date(item.requestedOn)}
                  {item.scheduledFor ? ` · scheduled ${f.date(item.scheduledFor)}` : ''}
                  {item.completedOn ? ` · completed ${f.date(item.completedOn)}` : ''}
                  {item.rating !== null ? ` · rated ${item.rating}/5` : ''}
                </p>
                {item.status === 'requested' || item.status === 'scheduled' ? (
                  <MaintenanceActions
                    requestId={item.requestId}
                    status={item.status}
                    label={label}
                    today={today}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {items.length === MAINTENANCE_QUEUE_LIMIT ? (
        <p className="text-sm text-muted">
          Showing the first {MAINTENANCE_QUEUE_LIMIT}; narrow the filters to see more.
        </p>
      ) : null}
    </div>
  );
}
