// GET /api/v1/events?after=<cursor>&limit=&eventTypes=a,b&streamTypes=lease: the global feed in
// commit-safe order, optionally only some event and stream types.
import { json, route } from '@/server/http/route';
import { feedQuery } from '@/server/http/schemas';
import { eventBody } from '@/server/http/timeline';

export const GET = route({ auth: ['auditor', 'admin'], query: feedQuery }, async ({ query, runtime }) => {
  const page = await runtime.store.readAll({
    after: query.after,
    limit: query.limit ?? 500,
    eventTypes: query.eventTypes,
    streamTypes: query.streamTypes,
  });
  return json(200, { events: page.events.map(eventBody), next: page.next });
});
