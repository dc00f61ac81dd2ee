// GET /api/v1/analytics/manager?from=&to=: the signed-in manager's portfolio analytics.
import { operations } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { getManagerAnalytics } from '@/server/queries/manager-analytics';

export const GET = route(operations.managerAnalytics, async ({ actor, query, runtime }) =>
  json(200, await getManagerAnalytics(runtime.database.db, actor, query)),
);
