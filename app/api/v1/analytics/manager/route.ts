// GET /api/v1/analytics/manager?from=&to=: the signed-in manager's portfolio analytics.
import { json, route } from '@/server/http/route';
import { getManagerAnalytics } from '@/server/queries/manager-analytics';
import { analyticsQuery } from '@/server/queries/schemas';

export const GET = route({ auth: ['manager'], query: analyticsQuery }, async ({ actor, query, runtime }) =>
  json(200, await getManagerAnalytics(runtime.database.db, actor, query)),
);
