// What the home page and the health route read: the database's reachability, each projection's
// position and lag, and the stream-stats read model.
import 'server-only';
import { sql } from 'drizzle-orm';
import { rows } from '../db/client';
import { logger } from '../log';
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

export interface SystemHealth {
  status: 'ok' | 'degraded';
  database: 'ok' | 'unreachable';
  projections: ProjectionSummary[];
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

/** Database reachable (a round trip) and every projection's health; never throws. */
export async function getSystemHealth(): Promise<SystemHealth> {
  try {
    return await withTimeout(
      (async () => {
        const { database } = await getRuntime();
        await rows(database.db, sql`SELECT 1 AS ok`);
        const projections = await projectionSummaries();
        const failing = projections.some((p) => p.status === 'failing');
        return { status: failing ? 'degraded' : 'ok', database: 'ok', projections } satisfies SystemHealth;
      })(),
      HEALTH_TIMEOUT_MS,
    );
  } catch (error) {
    logger('health').warn({ err: error }, 'health check: database unreachable');
    return { status: 'degraded', database: 'unreachable', projections: [] };
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
