// GET /api/v1/events?after=<cursor>&limit=&eventTypes=a,b&streamTypes=lease: the global feed in
// commit-safe order, optionally only some event and stream types.
import { operations } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { readEventFeed } from '@/server/queries/lease-history';

export const GET = route(operations.eventFeed, async ({ actor, query, runtime }) =>
  json(200, await readEventFeed(runtime, actor, query)),
);
