// One maintenance request as a tenant sees it in a list: what, how urgent, its status, and when
// it was requested, visited and completed (the dashboard and the maintenance page share it).
import { Badge } from '@/components/ui/badge';
import { DateText } from '@/components/ui/locale';
import { capitalise, MAINTENANCE_STATUS } from './labels';

export interface MaintenanceSummaryProps {
  category: string;
  priority: string;
  description: string;
  status: string;
  requestedOn: string;
  scheduledFor: string | null;
  completedOn?: string | null;
  /** Clip the description to two lines (the dashboard's compact list). */
  clamp?: boolean;
}

export function MaintenanceSummary(request: MaintenanceSummaryProps) {
  const status = MAINTENANCE_STATUS[request.status] ?? { label: request.status, tone: 'neutral' as const };
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-medium">
          {capitalise(request.category)} · {capitalise(request.priority)} priority
        </span>
        <Badge tone={status.tone}>{status.label}</Badge>
      </div>
      <p className={request.clamp ? 'line-clamp-2 text-muted' : 'text-muted'}>{request.description}</p>
      <p className="text-xs text-muted">
        Requested <DateText date={request.requestedOn} />
        {request.scheduledFor ? (
          <>
            {' '}
            · visit on <DateText date={request.scheduledFor} />
          </>
        ) : null}
        {request.completedOn ? (
          <>
            {' '}
            · completed <DateText date={request.completedOn} />
          </>
        ) : null}
      </p>
    </>
  );
}
