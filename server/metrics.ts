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
  return { registry, commandsTotal, commandDuration, eventsAppended, projectionLag, projectionBatchDuration };
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

/** The exposition text, with the projection lag read just now. */
export async function metricsText(health: () => Promise<ProjectionHealth[]>): Promise<string> {
  const m = metrics();
  for (const projection of await health()) {
    m.projectionLag.set({ projection: projection.name }, projection.lagEvents);
  }
  return m.registry.metrics();
}

export const metricsContentType = (): string => metrics().registry.contentType;
