// What the home page and the health route read: the database's reachability, each projection's
// position and lag, and the stream-stats read model.
import 'server-only';
import { sql } from 'drizzle-orm';
import { rows } from '../db/client';
import { logger } from '../log';
import { subscriberHealth } from '../notifications/status';
import { getStreamTypeStats, type StreamTypeStats } from '../projections/stream-stats/query';
import type { ProjectionStatus } from '../projections/types';
import { getRuntime } from '../runtime';

/** A health check must answer even when the database hangs (postgres.js waits up to 30 s to connect). */
const HEALTH_TIMEOUT_MS = 5_000;

export interface ProjectionSummary {
  name: string;
  status: ProjectionStatus;
  position: string;
  globalPosition: number;
  lagEvents: number;
  lastError: string | null;
}

/** A subscriber of the log (notifications, webhooks, event bus); positions and errors for admins only. */
export interface SubscriberSummary {
  name: string;
  status: ProjectionStatus;
  lagEvents: number;
  position?: string;
  globalPosition?: number;
  lastError?: string | null;
}

export interface SystemHealth {
  status: 'ok' | 'degraded';
  database: 'ok' | 'unreachable';
  projections: ProjectionSummary[];
  subscribers: SubscriberSummary[];
}

export interface HomeOverview {
  streamTypes: StreamTypeStats[];
  projections: ProjectionSummary[];
}

async function projectionSummaries(): Promise<ProjectionSummary[]> {
  const { runner } = await getRuntime();
  const health = await runner.health();
  return health.map(({ name, status, position, globalPosition, lagEvents, lastError }) => ({
    name,
    status,
    position,
    globalPosition,
    lagEvents,
    lastError,
  }));
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`No answer from the database within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The subscribers' health; `details` (admins) adds positions and the last error. */
async function subscriberSummaries(details: boolean): Promise<SubscriberSummary[]> {
  const runtime = await getRuntime();
  return (await subscriberHealth(runtime)).map(
    ({ name, status, lagEvents, position, globalPosition, lastError }) =>
      details
        ? { name, status, lagEvents, position, globalPosition, lastError }
        : { name, status, lagEvents },
  );
}

/** Database reachable (a round trip) and every projection's and subscriber's health; never throws. */
export async function getSystemHealth(options: { details?: boolean } = {}): Promise<SystemHealth> {
  try {
    return await withTimeout(
      (async () => {
        const { database } = await getRuntime();
        await rows(database.db, sql`SELECT 1 AS ok`);
        const [projections, subscribers] = await Promise.all([
          projectionSummaries(),
          subscriberSummaries(options.details ?? false),
        ]);
        const failing = [...projections, ...subscribers].some((p) => p.status === 'failing');
        return {
          status: failing ? 'degraded' : 'ok',
          database: 'ok',
          projections,
          subscribers,
        } satisfies SystemHealth;
      })(),
      HEALTH_TIMEOUT_MS,
    );
  } catch (error) {
    logger('health').warn({ err: error }, 'health check: database unreachable');
    return { status: 'degraded', database: 'unreachable', projections: [], subscribers: [] };
  }
}

/** The home page's live panel: events per stream type and the projections' health. */
export async function getHomeOverview(): Promise<HomeOverview> {
  const { database } = await getRuntime();
  const [streamTypes, projections] = await Promise.all([
    getStreamTypeStats(database.db),
    projectionSummaries(),
  ]);
  return { streamTypes, projections };
}
