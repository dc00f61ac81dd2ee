// What the home page and the health route read: the database's reachability, each projection's
// lag and status, and the stream-stats read model. Positions and error texts (which can hold SQL
// and the values it was given) are for admins only (API.md /health).
import 'server-only';
import { sql } from 'drizzle-orm';
import type { Actor } from '../auth/policy';
import { rows } from '../db/client';
import { logger } from '../log';
import { subscriberHealth } from '../notifications/status';
import { getStreamTypeStats, type StreamTypeStats } from '../projections/stream-stats/query';
import type { ProjectionStatus } from '../projections/types';
import { getRuntime } from '../runtime';

/** A health check must answer even when the database hangs (postgres.js waits up to 30 s to connect). */
const HEALTH_TIMEOUT_MS = 5_000;

/** What anyone may see of a projection: no positions, no error text (it can hold SQL and values). */
export interface PublicProjectionSummary {
  name: string;
  /** `degraded`: the projection goes on but has parked streams (a poison event in each). */
  status: ProjectionStatus | 'degraded';
  lagEvents: number;
}

/** What an admin also sees. */
export interface ProjectionSummary extends PublicProjectionSummary {
  position: string;
  globalPosition: number;
  lastError: string | null;
  parkedStreams: number;
  parked: {
    streamId: string;
    globalPosition: number;
    eventType: string;
    lastError: string;
    attempts: number;
  }[];
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
  projections: PublicProjectionSummary[] | ProjectionSummary[];
  subscribers: SubscriberSummary[];
}

export interface HomeOverview {
  streamTypes: StreamTypeStats[];
  projections: PublicProjectionSummary[] | ProjectionSummary[];
}

const isAdmin = (actor: Actor | null): boolean => actor?.role === 'admin';

async function projectionSummaries(
  actor: Actor | null,
): Promise<PublicProjectionSummary[] | ProjectionSummary[]> {
  const { runner } = await getRuntime();
  const health = await runner.health();
  const statusOf = (h: (typeof health)[number]) =>
    h.status === 'ok' && h.parkedStreams > 0 ? ('degraded' as const) : h.status;
  if (!isAdmin(actor)) {
    return health.map((h) => ({ name: h.name, lagEvents: h.lagEvents, status: statusOf(h) }));
  }
  const parked = await runner.parked();
  return health.map((h) => ({
    name: h.name,
    status: statusOf(h),
    lagEvents: h.lagEvents,
    position: h.position,
    globalPosition: h.globalPosition,
    lastError: h.lastError,
    parkedStreams: h.parkedStreams,
    parked: parked
      .filter((p) => p.projection === h.name)
      .map(({ streamId, globalPosition, eventType, lastError, attempts }) => ({
        streamId,
        globalPosition,
        eventType,
        lastError,
        attempts,
      })),
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
export async function getSystemHealth(actor: Actor | null): Promise<SystemHealth> {
  try {
    return await withTimeout(
      (async () => {
        const { database } = await getRuntime();
        await rows(database.db, sql`SELECT 1 AS ok`);
        const [projections, subscribers] = await Promise.all([
          projectionSummaries(actor),
          subscriberSummaries(isAdmin(actor)),
        ]);
        const failing = [...projections, ...subscribers].some(
          (p) => p.status === 'failing' || p.status === 'degraded',
        );
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
export async function getHomeOverview(actor: Actor | null): Promise<HomeOverview> {
  const { database } = await getRuntime();
  const [streamTypes, projections] = await Promise.all([
    getStreamTypeStats(database.db),
    projectionSummaries(actor),
  ]);
  return { streamTypes, projections };
}
