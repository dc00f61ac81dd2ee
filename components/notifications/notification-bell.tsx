'use client';
// The bell in the page header: the signed-in user's unread count, and a panel with their latest
// notifications (GET /api/v1/notifications, polled every 30 s). Opening an entry marks it read.
// The header sits outside the page's query provider, so the bell brings its own small client.
import {
  QueryClient,
  QueryClientProvider,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';

interface Entry {
  notificationId: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  createdAt: string;
  readAt: string | null;
}

interface Inbox {
  notifications: Entry[];
  unread: number;
}

const KEY = ['notifications'] as const;

async function fetchInbox(): Promise<Inbox> {
  const response = await fetch('/api/v1/notifications?limit=20', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`notifications: ${response.status}`);
  return (await response.json()) as Inbox;
}

async function markRead(path: string): Promise<void> {
  const response = await fetch(path, { method: 'POST', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`mark read: ${response.status}`);
}

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });

function Bell() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const queryClient = useQueryClient();
  const inbox = useQuery({ queryKey: KEY, queryFn: fetchInbox, refetchInterval: 30_000 });
  const read = useMutation({
    mutationFn: markRead,
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
  const unread = inbox.data?.unread ?? 0;

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !root.current?.contains(event.target as Node)
      )
        setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        data-testid="notification-bell"
        onClick={() => {
          setOpen((value) => !value);
          void inbox.refetch();
        }}
        className="relative grid size-9 place-items-center rounded-md text-muted hover:bg-paper hover:text-ink"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="size-5"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 ? (
          <span
            data-testid="notification-unread"
            className="absolute -right-1 -top-1 min-w-5 rounded-full bg-bad px-1 text-center text-xs font-semibold leading-5 text-white"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <section
          id={panelId}
          aria-label="Notifications"
          className="absolute right-0 z-20 mt-2 w-80 max-w-[90vw] rounded-lg border border-line bg-surface shadow-lg"
        >
          <div className="flex items-center justify-between border-b border-line px-4 py-2">
            <h2 className="text-sm font-semibold">Notifications</h2>
            {unread > 0 ? (
              <button
                type="button"
                className="text-xs text-accent-strong hover:underline"
                onClick={() => read.mutate('/api/v1/notifications/read')}
              >
                Mark all read
              </button>
            ) : null}
          </div>
          {inbox.isError ? (
            <p className="px-4 py-3 text-sm text-bad">Notifications could not be loaded.</p>
          ) : !inbox.data ? (
            <p className="px-4 py-3 text-sm text-muted">Loading…</p>
          ) : inbox.data.notifications.length === 0 ? (
            <p className="px-4 py-3 text-sm text-muted">Nothing yet.</p>
          ) : (
            <ul className="max-h-96 divide-y divide-line overflow-y-auto">
              {inbox.data.notifications.map((entry) => (
                <li key={entry.notificationId}>
                  <Link
                    href={entry.link}
                    onClick={() => {
                      if (!entry.readAt) read.mutate(`/api/v1/notifications/${entry.notificationId}/read`);
                      setOpen(false);
                    }}
                    className={`block px-4 py-3 text-sm hover:bg-paper ${entry.readAt ? 'text-muted' : 'text-ink'}`}
                  >
                    <span className="flex items-start justify-between gap-2">
                      <span className={entry.readAt ? '' : 'font-semibold'}>{entry.title}</span>
                      {entry.readAt ? null : <span className="sr-only">(unread)</span>}
                    </span>
                    <span className="mt-0.5 line-clamp-2 block text-xs text-muted">{entry.body}</span>
                    <time dateTime={entry.createdAt} className="mt-1 block text-xs text-muted">
                      {when(entry.createdAt)}
                    </time>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}

export function NotificationBell() {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 15_000, retry: 1 } } }),
  );
  return (
    <QueryClientProvider client={client}>
      <Bell />
    </QueryClientProvider>
  );
}
