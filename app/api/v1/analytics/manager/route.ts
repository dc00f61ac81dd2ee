// GET /api/v1/analytics/manager?from=&to=: the signed-in manager's portfolio analytics.
import { operations } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { cachedManagerAnalytics } from '@/server/queries/manager-analytics';

export const GET = route(operations.managerAnalytics, async ({ actor, query, reads }) =>
  json(200, await cachedManagerAnalytics(reads, actor, query)),
);
