// Prometheus metrics: one registry per process (on globalThis, so Next.js bundle layers share it).
// Commands by type and outcome, command latency, events appended by type, projection lag (read
// from the runner on every scrape) and projection batch latency.
import 'server-only';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ProjectionHealth } from './projections/types';

function build() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'leasebook_' });
  const commandsTotal = new Counter({
    name: 'leasebook_commands_total',
    help: 'Commands handled, by command type and outcome (ok, duplicate, rejected, conflict, forbidden, error).',
    labelNames: ['type', 'outcome'] as const,
    registers: [registry],
  });
  const commandDuration = new Histogram({
    name: 'leasebook_command_duration_seconds',
    help: 'Command latency: load, decide, append and wait for the read models.',
    labelNames: ['type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const eventsAppended = new Counter({
    name: 'leasebook_events_appended_total',
    help: 'Events appended to the store, by event type.',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const projectionLag = new Gauge({
    name: 'leasebook_projection_lag_events',
    help: 'Events in the log not yet applied by the projection (read on scrape).',
    labelNames: ['projection'] as const,
    registers: [registry],
  });
  const projectionBatchDuration = new Histogram({
    name: 'leasebook_projection_batch_duration_seconds',
    help: 'Duration of one projection batch (one transaction).',
    labelNames: ['projection'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const subscriberLag = new Gauge({
    name: 'leasebook_subscriber_lag_events',
    help: 'Events in the log not yet handled by the subscriber (notifications, webhooks, event bus; read on scrape).',
    labelNames: ['subscriber'] as const,
    registers: [registry],
  });
  const subscriberFailing = new Gauge({
    name: 'leasebook_subscriber_failing',
    help: '1 while the subscriber is failing (its last batch threw), else 0.',
    labelNames: ['subscriber'] as const,
    registers: [registry],
  });
  const subscriberBatchDuration = new Histogram({
    name: 'leasebook_subscriber_batch_duration_seconds',
    help: 'Duration of one subscriber batch (one transaction).',
    labelNames: ['subscriber'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const notificationBacklog = new Gauge({
    name: 'leasebook_notification_backlog',
    help: 'Messages waiting to go out, by channel (email, webhook); read on scrape.',
    labelNames: ['channel'] as const,
    registers: [registry],
  });
  const emailsTotal = new Counter({
    name: 'leasebook_emails_total',
    help: 'Email send attempts by outcome (sent, retry, failed).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const webhookAttemptsTotal = new Counter({
    name: 'leasebook_webhook_attempts_total',
    help: 'Webhook delivery attempts by outcome (delivered, retrying, failed).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const busPublished = new Counter({
    name: 'leasebook_event_bus_published_total',
    help: 'Events published to the JetStream stream (acknowledged; duplicates included).',
    registers: [registry],
  });
  return {
    registry,
    commandsTotal,
    commandDuration,
    eventsAppended,
    projectionLag,
    projectionBatchDuration,
    subscriberLag,
    subscriberFailing,
    subscriberBatchDuration,
    notificationBacklog,
    emailsTotal,
    webhookAttemptsTotal,
    busPublished,
  };
}

type Metrics = ReturnType<typeof build>;
const METRICS = Symbol.for('leasebook.metrics');
type Holder = { [METRICS]?: Metrics };

function metrics(): Metrics {
  const holder = globalThis as Holder;
  holder[METRICS] ??= build();
  return holder[METRICS];
}

export type CommandOutcome = 'ok' | 'duplicate' | 'rejected' | 'conflict' | 'forbidden' | 'error';

/** Called by the command path once per command. */
export function recordCommand(
  type: string,
  outcome: CommandOutcome,
  seconds: number,
  appended: readonly { eventType: string }[] = [],
): void {
  const m = metrics();
  m.commandsTotal.inc({ type, outcome });
  m.commandDuration.observe({ type }, seconds);
  for (const event of appended) m.eventsAppended.inc({ type: event.eventType });
}

/** The runner's onBatch hook. */
export function recordProjectionBatch(info: { projection: string; seconds: number }): void {
  metrics().projectionBatchDuration.observe({ projection: info.projection }, info.seconds);
}

/** The subscriber runner's onBatch hook. */
export function recordSubscriberBatch(info: { subscriber: string; seconds: number }): void {
  metrics().subscriberBatchDuration.observe({ subscriber: info.subscriber }, info.seconds);
}

export const recordEmailOutcome = (outcome: 'sent' | 'retry' | 'failed'): void => {
  metrics().emailsTotal.inc({ outcome });
};

export const recordWebhookAttempt = (outcome: 'delivered' | 'retrying' | 'failed'): void => {
  metrics().webhookAttemptsTotal.inc({ outcome });
};

export const recordBusPublished = (events: number): void => {
  metrics().busPublished.inc(events);
};

/** What the notifications context reports on a scrape (see server/notifications/status.ts). */
export interface NotificationGauges {
  subscribers: readonly { name: string; lagEvents: number; status: string }[];
  backlog: Readonly<Record<'email' | 'webhook', number>>;
}

/** The exposition text, with the projection (and subscriber) lag read just now. */
export async function metricsText(
  health: () => Promise<ProjectionHealth[]>,
  notifications?: () => Promise<NotificationGauges>,
): Promise<string> {
  const m = metrics();
  for (const projection of await health()) {
    m.projectionLag.set({ projection: projection.name }, projection.lagEvents);
  }
  if (notifications) {
    const gauges = await notifications();
    for (const subscriber of gauges.subscribers) {
      m.subscriberLag.set({ subscriber: subscriber.name }, subscriber.lagEvents);
      m.subscriberFailing.set({ subscriber: subscriber.name }, subscriber.status === 'failing' ? 1 : 0);
    }
    for (const [channel, waiting] of Object.entries(gauges.backlog))
      m.notificationBacklog.set({ channel }, waiting);
  }
  return m.registry.metrics();
}

export const metricsContentType = (): string => metrics().registry.contentType;
