// GET /api/v1/analytics/manager?from=&to=: the signed-in manager's portfolio analytics, sent as the
// JSON bytes kept with the answer while the read models stand still (server/queries/read-cache.ts).
import { operations } from '@/server/http/contracts';
import { route } from '@/server/http/route';
import { cachedManagerAnalyticsJson } from '@/server/queries/manager-analytics';

export const GET = route(
  operations.managerAnalytics,
  async ({ actor, query, reads }) =>
    new Response(await cachedManagerAnalyticsJson(reads, actor, query), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    }),
);
