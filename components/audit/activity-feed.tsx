'use client';
// The live global activity feed over GET /api/v1/events (commit-safe cursor): opens on recent
// activity, loads more as you scroll (useInfiniteQuery), and re-reads its last, unfilled page every
// few seconds so new events appear as they commit. Filters by event type and stream type.
import { type InfiniteData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { fetchJson } from './fetch-json';
import { permalinkOf, utcTime } from './format';

const LIMIT = 50;
const POLL_MS = 5_000;

interface FeedEvent {
  globalPosition: number;
  streamId: string;
  version: number;
  eventType: string;
  recordedAt: string;
  metadata: { actor: { name?: string; role: string; userId: string | null }; source: string };
}
interface FeedPage {
  events: FeedEvent[];
  next: string;
}

const feedUrl = (after: string, eventType: string, streamType: string) => {
  const params = new URLSearchParams({ limit: String(LIMIT) });
  if (after) params.set('after', after);
  if (eventType) params.set('eventTypes', eventType);
  if (streamType) params.set('streamTypes', streamType);
  return `/api/v1/events?${params}`;
};

export function ActivityFeed({
  startCursor,
  eventTypes,
  streamTypes,
  pageSize,
}: {
  startCursor: string;
  eventTypes: readonly string[];
  streamTypes: readonly string[];
  pageSize: number;
}) {
  const [eventType, setEventType] = useState('');
  const [streamType, setStreamType] = useState('');
  const queryClient = useQueryClient();
  // Unfiltered, the feed opens on recent activity; filtered, on every matching event from the first.
  const filtered = Boolean(eventType || streamType);
  const queryKey = useMemo(
    () => ['audit', 'feed', startCursor, eventType, streamType],
    [startCursor, eventType, streamType],
  );
  const feed = useInfiniteQuery({
    queryKey,
    initialPageParam: filtered ? '' : startCursor,
    queryFn: ({ pageParam, signal }) =>
      fetchJson<FeedPage>(feedUrl(pageParam, eventType, streamType), signal),
    // A short page means "caught up": the poll below fills it instead of asking for another.
    getNextPageParam: (last) => (last.events.length === LIMIT ? last.next : undefined),
  });

  const data = feed.data;
  useEffect(() => {
    if (!data) return;
    const timer = setInterval(async () => {
      const last = data.pages.at(-1);
      const param = data.pageParams.at(-1);
      if (!last || typeof param !== 'string' || last.events.length === LIMIT) return;
      const fresh = await fetchJson<FeedPage>(feedUrl(param, eventType, streamType)).catch(() => null);
      if (!fresh || fresh.events.length <= last.events.length) return;
      queryClient.setQueryData<InfiniteData<FeedPage, string>>(queryKey, (old) =>
        old ? { ...old, pages: [...old.pages.slice(0, -1), fresh] } : old,
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [data, eventType, streamType, queryClient, queryKey]);

  const sentinel = useRef<HTMLLIElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = feed;
  useEffect(() => {
    const node = sentinel.current;
    if (!node || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const events = data?.pages.flatMap((p) => p.events) ?? [];
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-3">
        <div>
          <label htmlFor="feed-event-type" className="block text-sm font-medium">
            Event type
          </label>
          <select
            id="feed-event-type"
            value={eventType}
            onChange={(e) => setEventType(e.target.value)}
            className="block min-h-11 rounded-md border border-line bg-surface px-3 py-2 text-base"
          >
            <option value="">All event types</option>
            {eventTypes.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="feed-stream-type" className="block text-sm font-medium">
            Stream type
          </label>
          <select
            id="feed-stream-type"
            value={streamType}
            onChange={(e) => setStreamType(e.target.value)}
            className="block min-h-11 rounded-md border border-line bg-surface px-3 py-2 text-base"
          >
            <option value="">All stream types</option>
            {streamTypes.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </div>
      </div>
      <p className="text-sm text-muted">
        {filtered
          ? 'Every matching event from the first, oldest first.'
          : 'The most recent activity, oldest first; scroll down for newer events.'}
      </p>
      {feed.isError ? (
        <p role="alert" className="text-sm font-medium text-bad">
          {feed.error.message}
        </p>
      ) : null}
      <ol
        className="divide-y divide-line rounded-lg border border-line bg-surface"
        data-testid="activity-feed"
      >
        {events.map((event) => {
          const leaseId = event.streamId.startsWith('lease-') ? event.streamId.slice(6) : null;
          const { actor, source } = event.metadata;
          return (
            <li
              key={event.globalPosition}
              className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2 text-sm"
              data-testid="feed-event"
            >
              <span className="font-mono text-xs text-muted">{utcTime(event.recordedAt)}</span>
              <span className="font-semibold">{event.eventType}</span>
              {leaseId ? (
                <a
                  href={permalinkOf(leaseId, event.version, pageSize)}
                  className="font-mono text-xs text-accent-strong underline"
                >
                  {event.streamId.slice(0, 14)}… v{event.version}
                </a>
              ) : (
                <span className="font-mono text-xs">
                  {event.streamId.slice(0, 20)}… v{event.version}
                </span>
              )}
              <span className="text-muted">
                {actor.name ?? actor.userId ?? 'system'} ({actor.role}) via {source}
              </span>
            </li>
          );
        })}
        <li ref={sentinel} className="px-3 py-2 text-sm text-muted" aria-live="polite">
          {feed.isPending
            ? 'Loading activity…'
            : isFetchingNextPage
              ? 'Loading more…'
              : hasNextPage
                ? 'Scroll for more'
                : events.length === 0
                  ? 'No events match these filters yet; new ones appear here as they are recorded.'
                  : 'Up to date — new events appear here as they are recorded.'}
        </li>
      </ol>
    </div>
  );
}
