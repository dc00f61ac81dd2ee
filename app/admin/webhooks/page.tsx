// /admin/webhooks: registered endpoints with their filters and delivery counts, the last attempts
// of each (with what the endpoint answered), a test button, and the form to add one.
import type { Metadata } from 'next';
import { RegisterWebhookForm, WebhookActions } from '@/components/notifications/webhook-forms';
import { requireRole } from '@/server/http/page-auth';
import { listDeliveries, listWebhooks } from '@/server/notifications/webhooks/endpoints';
import { getRuntime } from '@/server/runtime';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  const actor = await requireRole(['admin'], '/admin/webhooks');
  const runtime = await getRuntime();
  const { webhooks } = await listWebhooks(runtime, actor);
  const logs = await Promise.all(webhooks.map((w) => listDeliveries(runtime, actor, w.webhookId, 10)));
  return (
    <section aria-labelledby="webhooks-heading" className="space-y-8">
      <div className="space-y-1">
        <h1 id="webhooks-heading" className="text-2xl font-bold">
          Webhooks
        </h1>
        <p className="text-muted">
          Each committed event of a chosen type is POSTed to the endpoint, signed as the Standard Webhooks
          specification says (headers webhook-id, webhook-timestamp, webhook-signature). Only a 2xx answer
          ends a delivery; 410 disables the endpoint; anything else is retried with growing pauses for up to
          24 hours.
        </p>
      </div>
      {webhooks.length === 0 ? <p className="text-muted">No endpoints yet.</p> : null}
      <ul className="space-y-4">
        {webhooks.map((w, index) => (
          <li key={w.webhookId} className="space-y-3 rounded-lg border border-line bg-surface p-4 shadow-sm">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <p className="break-all font-semibold">{w.url}</p>
              <span
                className={`rounded-full px-2 py-0.5 text-xs font-semibold ${w.status === 'active' ? 'bg-ok-soft text-ok' : 'bg-bad-soft text-bad'}`}
              >
                {w.status}
              </span>
            </div>
            <p className="text-sm text-muted">
              {w.description ? `${w.description} · ` : ''}
              {w.eventTypes?.length ? w.eventTypes.join(', ') : 'every event type'} · {w.delivered} delivered,{' '}
              {w.pending} pending, {w.failed} failed
              {w.disabledReason ? ` · ${w.disabledReason}` : ''}
            </p>
            <WebhookActions webhookId={w.webhookId} />
            {logs[index]?.deliveries.length ? (
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Latest attempts to {w.url}</caption>
                <thead className="text-muted">
                  <tr>
                    <th className="py-1 font-medium">When (UTC)</th>
                    <th className="py-1 font-medium">Event</th>
                    <th className="py-1 font-medium">Attempt</th>
                    <th className="py-1 font-medium">Result</th>
                  </tr>
                </thead>
                <tbody>
                  {logs[index]?.deliveries.map((d) => (
                    <tr key={`${d.deliveryId}-${d.attempt}`} className="border-t border-line">
                      <td className="py-1">{d.at.replace('T', ' ').slice(0, 19)}</td>
                      <td className="py-1">{d.eventType}</td>
                      <td className="py-1">{d.attempt}</td>
                      <td className="py-1">
                        {d.status}
                        {d.responseStatus === null ? '' : ` (${d.responseStatus})`}
                        {d.error && d.status !== 'delivered' ? ` — ${d.error}` : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="max-w-lg space-y-3">
        <h2 className="text-lg font-semibold">Add an endpoint</h2>
        <div className="rounded-lg border border-line bg-surface p-5 shadow-sm">
          <RegisterWebhookForm />
        </div>
      </div>
    </section>
  );
}
