// Prometheus metrics: one registry per process (on globalThis, so Next.js bundle layers share it).
// Commands by type and outcome, command latency, events appended by type, projection lag (read
// from the runner on every scrape) and projection batch latency; HTTP requests by route pattern and
// status (route.ts), database connections by state (read on scrape), process metrics.
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
  const httpRequests = new Counter({
    name: 'leasebook_http_requests_total',
    help: 'API requests answered, by method, route pattern (not the raw path) and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'leasebook_http_request_duration_seconds',
    help: 'API request latency, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const projectionFailing = new Gauge({
    name: 'leasebook_projection_failing',
    help: '1 while the projection is failing (a handler threw), else 0 (read on scrape).',
    labelNames: ['projection'] as const,
    registers: [registry],
  });
  const dbConnections = new Gauge({
    name: 'leasebook_db_connections',
    help: "The app's connections to its database (every process), by pool (primary) and state (active, idle, idle_in_transaction); read on scrape from pg_stat_activity.",
    labelNames: ['pool', 'state'] as const,
    registers: [registry],
  });
  const dbPoolMax = new Gauge({
    name: 'leasebook_db_pool_max',
    help: "This process's pool size (DB_POOL_MAX; 1 for embedded PGlite).",
    registers: [registry],
  });
  const httpInFlight = new Gauge({
    name: 'leasebook_http_requests_in_flight',
    help: 'API requests this process is handling right now.',
    registers: [registry],
  });
  return {
    httpRequests,
    httpDuration,
    projectionFailing,
    dbConnections,
    dbPoolMax,
    httpInFlight,
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

/** Called by route() once per answered request; `route` is the contract's path pattern. */
export function recordHttpRequest(method: string, route: string, status: number, seconds: number): void {
  const m = metrics();
  const labels = { method, route, status: String(status) };
  m.httpRequests.inc(labels);
  m.httpDuration.observe(labels, seconds);
}

/** route() around each request: how many this process is handling. */
export function trackRequestInFlight(delta: 1 | -1): void {
  metrics().httpInFlight.inc(delta);
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

/** What the database reports on a scrape (see server/admin/database.ts). */
export interface DatabaseGauges {
  poolMax: number;
  connections: readonly { pool: string; state: string; count: number }[];
}

/** The exposition text, with the projection (and subscriber) lag read just now. */
export async function metricsText(
  health: () => Promise<ProjectionHealth[]>,
  notifications?: () => Promise<NotificationGauges>,
  database?: () => Promise<DatabaseGauges>,
): Promise<string> {
  const m = metrics();
  for (const projection of await health()) {
    m.projectionLag.set({ projection: projection.name }, projection.lagEvents);
    m.projectionFailing.set({ projection: projection.name }, projection.status === 'failing' ? 1 : 0);
  }
  if (database) {
    const gauges = await database();
    m.dbPoolMax.set(gauges.poolMax);
    m.dbConnections.reset();
    for (const state of ['active', 'idle', 'idle_in_transaction'])
      m.dbConnections.set({ pool: 'primary', state }, 0);
    for (const row of gauges.connections)
      m.dbConnections.set({ pool: row.pool, state: row.state }, row.count);
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
