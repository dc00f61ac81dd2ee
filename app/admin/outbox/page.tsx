// /admin/outbox: every email the app has queued, with its state, attempts and last error. Without
// SMTP_URL this is where mail stays (nothing leaves the machine); bodies holding a secret link
// (invites, password resets) are never shown.
import type { Metadata } from 'next';
import Link from 'next/link';
import { env } from '@/server/env';
import { requireRole } from '@/server/http/page-auth';
import { listOutbox } from '@/server/notifications/outbox';
import { listSubscribers } from '@/server/notifications/status';
import { getRuntime } from '@/server/runtime';

export const metadata: Metadata = { title: 'Outbox' };

const STATUSES = ['pending', 'sent', 'failed'] as const;
type Status = (typeof STATUSES)[number];

const TONE: Record<Status, string> = {
  pending: 'bg-warn-soft text-warn',
  sent: 'bg-ok-soft text-ok',
  failed: 'bg-bad-soft text-bad',
};

export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const actor = await requireRole(['admin'], '/admin/outbox');
  const { status: asked } = await searchParams;
  const status = STATUSES.find((s) => s === asked);
  const runtime = await getRuntime();
  const [{ messages, counts }, { subscribers }] = await Promise.all([
    listOutbox(runtime, actor, { status, limit: 200 }),
    listSubscribers(runtime, actor),
  ]);
  const smtp = Boolean(env().SMTP_URL);
  return (
    <section aria-labelledby="outbox-heading" className="space-y-6">
      <div className="space-y-1">
        <h1 id="outbox-heading" className="text-2xl font-bold">
          Outbox
        </h1>
        <p className="text-muted">
          {smtp
            ? 'Every email, from queued to sent. Failed sends are retried with growing pauses until they are given up.'
            : 'SMTP_URL is not set: emails stay here and nothing leaves this machine.'}
        </p>
      </div>
      <section aria-labelledby="subscribers-heading" className="space-y-2">
        <h2 id="subscribers-heading" className="text-lg font-semibold">
          Subscribers
        </h2>
        <ul className="flex flex-wrap gap-3 text-sm" data-testid="subscribers">
          {subscribers.map((s) => (
            <li key={s.name} className="rounded-md border border-line bg-surface px-3 py-2">
              <span className="font-medium">{s.name}</span>{' '}
              <span className={s.status === 'ok' ? 'text-ok' : 'text-bad'}>{s.status}</span> · {s.lagEvents}{' '}
              events behind · at #{s.globalPosition}
              {s.lastError ? <span className="block text-bad">{s.lastError}</span> : null}
            </li>
          ))}
        </ul>
      </section>
      <nav aria-label="Filter by status" className="flex flex-wrap gap-2 text-sm">
        <Link
          href="/admin/outbox"
          aria-current={status ? undefined : 'page'}
          className={`rounded-full border border-line px-3 py-1 ${status ? '' : 'bg-ink text-white'}`}
        >
          All ({counts.pending + counts.sent + counts.failed})
        </Link>
        {STATUSES.map((s) => (
          <Link
            key={s}
            href={`/admin/outbox?status=${s}`}
            aria-current={status === s ? 'page' : undefined}
            className={`rounded-full border border-line px-3 py-1 ${status === s ? 'bg-ink text-white' : ''}`}
          >
            {s} ({counts[s]})
          </Link>
        ))}
      </nav>
      {messages.length === 0 ? (
        <p className="text-muted">No messages{status ? ` with status ${status}` : ''}.</p>
      ) : (
        <ul className="space-y-3">
          {messages.map((m) => (
            <li key={m.messageId} className="rounded-lg border border-line bg-surface p-4 shadow-sm">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-semibold">{m.subject}</p>
                <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${TONE[m.status]}`}>
                  {m.status}
                </span>
              </div>
              <p className="text-sm text-muted">
                To {m.to} · queued{' '}
                <time dateTime={m.createdAt}>{m.createdAt.replace('T', ' ').slice(0, 16)} UTC</time>
                {m.sentAt ? ` · sent ${m.sentAt.replace('T', ' ').slice(0, 16)} UTC` : ''} · {m.attempts}{' '}
                attempt
                {m.attempts === 1 ? '' : 's'}
                {m.nextAttemptAt && smtp
                  ? ` · next try ${m.nextAttemptAt.replace('T', ' ').slice(11, 19)} UTC`
                  : ''}
              </p>
              {m.lastError ? <p className="mt-1 text-sm text-bad">Last error: {m.lastError}</p> : null}
              {m.text === null ? (
                <p className="mt-2 text-sm italic text-muted">
                  The body holds a secret link and is not shown.
                </p>
              ) : (
                <details className="mt-2 text-sm">
                  <summary className="cursor-pointer text-accent-strong">Show the text</summary>
                  <pre className="mt-2 whitespace-pre-wrap rounded bg-paper p-3 font-sans">{m.text}</pre>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
