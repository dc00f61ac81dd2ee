// POST /api/v1/properties: a manager registers a property they will manage. GET: property search.
import { addProperty } from '@/server/commands/portfolio';
import { properties } from '@/server/http/contracts';
import { registeredPropertyReply } from '@/server/http/replies';
import { json, route } from '@/server/http/route';
import { searchProperties } from '@/server/queries/properties';

export const POST = route(
  properties.registerProperty,
  async ({ actor, body, runtime, replyWith, replied }) => {
    const envelope = replyWith(201, registeredPropertyReply);
    return replied(await addProperty(runtime, actor, body, envelope));
  },
);

/**
 * GET /api/v1/properties?q=&city=&vacant=&minRentCents=&maxRentCents=&limit=&cursor=: manager own,
 * auditor (and admin) all; paged like /leases.
 */
export const GET = route(properties.searchProperties, async ({ actor, query, reads }) =>
  json(200, await searchProperties(reads, actor, query)),
);
