// What the admin console reads: projections and subscribers with any rebuild's progress, billing
// runs, the notification backlog, event throughput over the last hour, database size and event
// counts per type. Each function authorises itself (admins only).
import 'server-only';
import { sql } from 'drizzle-orm';
import type { Actor } from '../auth/policy';
import { rows } from '../db/client';
import { countStreams, eventCountsByType, eventsPerMinuteSince } from '../eventstore/queries';
import { subscriberHealth } from '../notifications/status';
import type { Runtime } from '../runtime';
import { assertAdmin } from './access';
import { type RebuildProgress, rebuildProgress } from './rebuilds';

const ISO = (column: string) =>
  sql.raw(
    `CASE WHEN ${column} IS NULL THEN NULL ELSE to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END`,
  );

export interface ProjectionLine {
  name: string;
  kind: 'projection' | 'subscriber';
  position: number;
  lagEvents: number;
  eventsProcessed: number;
  status: string;
  lastError: string | null;
  updatedAt: string;
  rebuild: RebuildProgress | null;
}

export async function projectionStatus(
  runtime: Runtime,
  actor: Actor,
): Promise<{ projections: ProjectionLine[] }> {
  assertAdmin(actor);
  const [projections, subscribers] = await Promise.all([runtime.runner.health(), subscriberHealth(runtime)]);
  const progress = rebuildProgress();
  return {
    projections: [
      ...projections.map((p) => ({
        name: p.name,
        kind: 'projection' as const,
        position: p.globalPosition,
        lagEvents: p.lagEvents,
        eventsProcessed: p.eventsProcessed,
        status: p.status,
        lastError: p.lastError,
        updatedAt: p.updatedAt,
        rebuild: progress.get(p.name) ?? null,
      })),
      ...subscribers.map((s) => ({
        name: s.name,
        kind: 'subscriber' as const,
        position: s.globalPosition,
        lagEvents: s.lagEvents,
        eventsProcessed: s.eventsProcessed,
        status: s.status,
        lastError: s.lastError,
        updatedAt: s.updatedAt,
        rebuild: null,
      })),
    ],
  };
}

export interface BillingRunLine {
  runId: string;
  asOf: string;
  trigger: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  leases: number | null;
  leasesChanged: number | null;
  events: number | null;
  failures: number | null;
}

export async function billingRuns(
  runtime: Runtime,
  actor: Actor,
  limit = 50,
): Promise<{ runs: BillingRunLine[] }> {
  assertAdmin(actor);
  const found = await rows<{
    run_id: string;
    as_of: string;
    trigger: string;
    status: string;
    started_at: string;
    finished_at: string | null;
    report: unknown;
  }>(
    runtime.database.db,
    sql`SELECT run_id::text AS run_id, as_of::text AS as_of, trigger, status,
          ${ISO('started_at')} AS started_at, ${ISO('finished_at')} AS finished_at, report
        FROM billing_runs ORDER BY started_at DESC, run_id LIMIT ${limit}`,
  );
  return {
    runs: found.map((r) => {
      const report = (typeof r.report === 'string' ? JSON.parse(r.report) : r.report) as {
        leases?: number;
        leasesChanged?: number;
        eventsByType?: Record<string, number>;
        failures?: unknown[];
      } | null;
      return {
        runId: r.run_id,
        asOf: r.as_of,
        trigger: r.trigger,
        status: r.status,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        leases: report?.leases ?? null,
        leasesChanged: report?.leasesChanged ?? null,
        events: report?.eventsByType ? Object.values(report.eventsByType).reduce((a, b) => a + b, 0) : null,
        failures: report?.failures ? report.failures.length : null,
      };
    }),
  };
}

export interface NotificationsOverview {
  outbox: { pending: number; sent: number; failed: number };
  webhooks: { pending: number; delivered: number; failed: number; endpoints: number };
  deliveries: {
    deliveryId: string;
    url: string;
    eventType: string;
    status: string;
    attempts: number;
    lastError: string | null;
    createdAt: string;
  }[];
}

export async function notificationsOverview(runtime: Runtime, actor: Actor): Promise<NotificationsOverview> {
  assertAdmin(actor);
  const db = runtime.database.db;
  const [counts, deliveries] = await Promise.all([
    rows<{ source: string; status: string; n: number | string }>(
      db,
      sql`SELECT 'outbox' AS source, status, count(*) AS n FROM outbox_messages GROUP BY status
          UNION ALL SELECT 'webhook', status, count(*) FROM webhook_deliveries GROUP BY status
          UNION ALL SELECT 'endpoints', 'all', count(*) FROM webhook_endpoints`,
    ),
    rows<{
      id: string;
      url: string;
      event_type: string;
      status: string;
      attempts: number;
      last_error: string | null;
      created_at: string;
    }>(
      db,
      sql`SELECT d.id::text AS id, e.url, d.event_type, d.status, d.attempts, d.last_error,
            ${ISO('d.created_at')} AS created_at
          FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
          ORDER BY d.created_at DESC, d.id LIMIT 20`,
    ),
  ]);
  const count = (source: string, status: string) =>
    Number(counts.find((c) => c.source === source && c.status === status)?.n ?? 0);
  return {
    outbox: {
      pending: count('outbox', 'pending'),
      sent: count('outbox', 'sent'),
      failed: count('outbox', 'failed'),
    },
    webhooks: {
      pending: count('webhook', 'pending'),
      delivered: count('webhook', 'delivered'),
      failed: count('webhook', 'failed'),
      endpoints: count('endpoints', 'all'),
    },
    deliveries: deliveries.map((d) => ({
      deliveryId: d.id,
      url: d.url,
      eventType: d.event_type,
      status: d.status,
      attempts: d.attempts,
      lastError: d.last_error,
      createdAt: d.created_at,
    })),
  };
}

/** Events recorded per minute over the last hour: 60 points, oldest first, empty minutes as 0. */
export async function eventThroughput(
  runtime: Runtime,
  actor: Actor,
  now = new Date(),
): Promise<{ minutes: { minute: string; events: number }[] }> {
  assertAdmin(actor);
  const end = Math.floor(now.getTime() / 60_000) * 60_000;
  const start = end - 59 * 60_000;
  const byMinute = await eventsPerMinuteSince(runtime.database.db, new Date(start));
  return {
    minutes: Array.from({ length: 60 }, (_, i) => {
      const at = start + i * 60_000;
      return { minute: new Date(at).toISOString(), events: byMinute.get(at / 60_000) ?? 0 };
    }),
  };
}

export interface DatabaseOverview {
  kind: string;
  sizeBytes: number | null;
  events: number;
  streams: number;
  eventTypes: { eventType: string; count: number }[];
}

export async function databaseOverview(runtime: Runtime, actor: Actor): Promise<DatabaseOverview> {
  assertAdmin(actor);
  const db = runtime.database.db;
  const [size, types, streams] = await Promise.all([
    databaseSize(runtime),
    eventCountsByType(db),
    countStreams(db),
  ]);
  const eventTypes = Object.entries(types)
    .map(([eventType, count]) => ({ eventType, count }))
    .sort((x, y) => y.count - x.count || x.eventType.localeCompare(y.eventType));
  return {
    kind: runtime.database.kind,
    sizeBytes: size,
    events: eventTypes.reduce((a, t) => a + t.count, 0),
    streams,
    eventTypes,
  };
}

/** pg_database_size (PGlite answers it too, for its in-memory or on-disk cluster); null if refused. */
async function databaseSize(runtime: Runtime): Promise<number | null> {
  try {
    const [row] = await rows<{ bytes: number | string }>(
      runtime.database.db,
      sql`SELECT pg_database_size(current_database()) AS bytes`,
    );
    return row ? Number(row.bytes) : null;
  } catch {
    return null;
  }
}
