// One event of the timeline: version, type, recorded and effective dates, actor, source,
// correlation and causation (a link to the cause), readable data with the raw JSON behind a
// disclosure, the schema-version badge when upcast, and the change it made to the state.
import type { TimelineEvent } from '@/server/queries/audit-timeline';
import { Badge } from '../ui/badge';
import { EventData } from './event-data';
import { humanType, permalinkOf, utcTime } from './format';
import { RawJson } from './raw-json';
import { StateChangeView } from './state-change';

export interface EventCardProps {
  event: TimelineEvent;
  leaseId: string;
  pageSize: number;
  locale: string;
  /** After the time-travel point: shown greyed. */
  future: boolean;
  /** The first version whose hash does not check out. */
  broken: boolean;
  onFollowCause: (version: number) => void;
  onTravel: (version: number) => void;
}

export function EventCard({
  event,
  leaseId,
  pageSize,
  locale,
  future,
  broken,
  onFollowCause,
  onTravel,
}: EventCardProps) {
  const { actor, source, correlationId, causationId, commandId } = event.metadata;
  const upcast = event.storedSchemaVersion < event.schemaVersion;
  const tone = broken
    ? 'border-bad bg-bad-soft ring-2 ring-bad'
    : future
      ? 'border-dashed border-line bg-paper text-muted'
      : 'border-line bg-surface';
  return (
    <li
      id={`v${event.version}`}
      data-testid="timeline-event"
      data-version={event.version}
      data-event-type={event.eventType}
      data-future={future || undefined}
      data-broken={broken || undefined}
      className={`scroll-mt-24 rounded-lg border p-4 shadow-sm target:ring-4 target:ring-accent print:break-inside-avoid ${tone}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-base font-semibold">
          <a
            href={`#v${event.version}`}
            className="mr-2 font-mono text-accent-strong hover:underline"
            aria-label={`Permalink to version ${event.version}`}
          >
            v{event.version}
          </a>
          <span data-testid="event-type">{event.eventType}</span>
          <span className="sr-only"> ({humanType(event.eventType)})</span>
        </h3>
        <div className="flex flex-wrap gap-1.5">
          {upcast ? (
            <span
              data-testid="upcast-badge"
              title={`Stored at schema v${event.storedSchemaVersion}, read as v${event.schemaVersion}`}
            >
              <Badge tone="warn">{`Upcast v${event.storedSchemaVersion} → v${event.schemaVersion}`}</Badge>
            </span>
          ) : null}
          {future ? <Badge tone="neutral">Not yet recorded at the chosen point</Badge> : null}
          {broken ? <Badge tone="bad">Hash does not match</Badge> : null}
        </div>
      </div>
      <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        <div>
          <dt className="inline text-muted">Recorded: </dt>
          <dd className="inline font-mono">{utcTime(event.recordedAt)}</dd>
        </div>
        <div>
          <dt className="inline text-muted">Effective: </dt>
          <dd className="inline font-mono">{event.effectiveDate || '—'}</dd>
        </div>
        <div data-testid="event-actor">
          <dt className="inline text-muted">Actor: </dt>
          <dd className="inline">
            {actor.name ?? actor.userId ?? 'system'} <span className="text-muted">({actor.role})</span>
          </dd>
        </div>
        <div>
          <dt className="inline text-muted">Source: </dt>
          <dd className="inline">{source}</dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="inline text-muted">Correlation: </dt>
          <dd className="inline break-all font-mono text-xs">{correlationId}</dd>
        </div>
        <div className="sm:col-span-2" data-testid="event-cause">
          <dt className="inline text-muted">Caused by: </dt>
          <dd className="inline break-all">
            {event.cause?.version ? (
              <a
                href={permalinkOf(leaseId, event.cause.version, pageSize)}
                onClick={() => onFollowCause(event.cause?.version ?? 0)}
                className="font-medium text-accent-strong underline"
              >
                v{event.cause.version} {event.cause.eventType}
              </a>
            ) : event.cause ? (
              <span>
                {event.cause.eventType} in <span className="font-mono text-xs">{event.cause.streamId}</span>
              </span>
            ) : (
              <span className="font-mono text-xs">{causationId ?? '—'}</span>
            )}
          </dd>
        </div>
        {commandId ? (
          <div className="sm:col-span-2">
            <dt className="inline text-muted">Command: </dt>
            <dd className="inline break-all font-mono text-xs">{commandId}</dd>
          </div>
        ) : null}
        <div className="sm:col-span-2">
          <dt className="inline text-muted">Hash: </dt>
          <dd className="inline break-all font-mono text-xs" data-testid="event-hash">
            {event.hash}
          </dd>
        </div>
      </dl>
      <div className="mt-3 grid gap-3 md:grid-cols-2">
        <div>
          <h4 className="mb-1 text-sm font-semibold">Data</h4>
          <EventData data={event.data} locale={locale} />
        </div>
        <div>
          <h4 className="mb-1 text-sm font-semibold">Change</h4>
          <StateChangeView change={event.change} locale={locale} />
          <button
            type="button"
            onClick={() => onTravel(event.version)}
            className="mt-2 text-sm font-medium text-accent-strong underline print:hidden"
          >
            Show the lease as of v{event.version}
          </button>
        </div>
      </div>
      <RawJson event={event} />
    </li>
  );
}
