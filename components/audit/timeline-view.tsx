'use client';
// The lease timeline page's interactive part: the verification banner, time travel, the event-type
// filter and one page of events (greyed after the time-travel point, the broken one highlighted).
import { useCallback, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import type { TimelineEvent, TimelinePage } from '@/server/queries/audit-timeline';
import { useLocale } from '../ui/locale';
import { EventCard } from './event-card';
import { TimeTravel, type TravelPoint } from './time-travel';
import { VerifyBanner, type VerifyResult } from './verify-banner';

const isFuture = (event: TimelineEvent, point: TravelPoint): boolean =>
  point.kind === 'version'
    ? event.version > point.version
    : point.kind === 'time'
      ? event.recordedAt > point.asOf
      : false;

export function TimelineView({ page }: { page: TimelinePage }) {
  const locale = useLocale();
  const [type, setType] = useState('');
  const [point, setPoint] = useState<TravelPoint>({ kind: 'latest' });
  const [verify, setVerify] = useState<VerifyResult | undefined>();
  const onVerify = useCallback((result: VerifyResult | undefined) => setVerify(result), []);
  const shown = useMemo(
    () => (type ? page.events.filter((e) => e.eventType === type) : page.events),
    [page.events, type],
  );
  const broken = verify && !verify.valid ? verify.firstInvalidVersion : undefined;
  const travel = useCallback((version: number) => {
    setPoint({ kind: 'version', version });
    document.getElementById('travel-heading')?.scrollIntoView({ block: 'start' });
  }, []);
  // The cause must be in the list before the browser follows the link to its anchor.
  const followCause = useCallback(() => flushSync(() => setType('')), []);

  return (
    <div className="space-y-6">
      <VerifyBanner leaseId={page.leaseId} pageSize={page.pageSize} onResult={onVerify} />
      <TimeTravel
        leaseId={page.leaseId}
        totalEvents={page.totalEvents}
        firstRecordedAt={page.firstRecordedAt}
        point={point}
        onChange={setPoint}
      />
      <section aria-labelledby="events-heading" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="events-heading" className="text-lg font-semibold">
              Events
            </h2>
            <p className="text-sm text-muted" data-testid="timeline-range">
              Versions {page.fromVersion}–{page.toVersion} of {page.totalEvents}
              {type ? ` · showing ${shown.length} ${type}` : ''}
            </p>
          </div>
          <div className="print:hidden">
            <label htmlFor="type-filter" className="block text-sm font-medium">
              Event type
            </label>
            <select
              id="type-filter"
              value={type}
              onChange={(e) => setType(e.target.value)}
              className="block min-h-11 rounded-md border border-line bg-surface px-3 py-2 text-base"
            >
              <option value="">All types</option>
              {page.eventTypes.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
        </div>
        <Pager page={page} />
        <ol className="space-y-3" data-testid="timeline">
          {shown.map((event) => (
            <EventCard
              key={event.version}
              event={event}
              leaseId={page.leaseId}
              pageSize={page.pageSize}
              locale={locale}
              future={isFuture(event, point)}
              broken={broken === event.version}
              onFollowCause={followCause}
              onTravel={travel}
            />
          ))}
        </ol>
        <Pager page={page} />
      </section>
    </div>
  );
}

function Pager({ page }: { page: TimelinePage }) {
  if (page.totalEvents <= page.pageSize) return null;
  const base = `/audit/leases/${page.leaseId}`;
  const previous = page.fromVersion > 1 ? Math.max(1, page.fromVersion - page.pageSize) : null;
  const next = page.toVersion < page.totalEvents ? page.toVersion + 1 : null;
  const link = 'rounded-md border border-line bg-surface px-3 py-2 text-sm font-semibold hover:bg-paper';
  return (
    <nav aria-label="Timeline pages" className="flex flex-wrap gap-2 print:hidden">
      {previous ? (
        <a className={link} href={`${base}?from=${previous}`}>
          ← Versions {previous}–{page.fromVersion - 1}
        </a>
      ) : null}
      {next ? (
        <a className={link} href={`${base}?from=${next}`}>
          Versions {next}–{Math.min(page.totalEvents, next + page.pageSize - 1)} →
        </a>
      ) : null}
    </nav>
  );
}
