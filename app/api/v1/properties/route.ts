// POST /api/v1/properties: a manager registers a property they will manage. (GET /properties
// lives here too, owned by the read side.)
import { authoriseProperty } from '@/server/auth/policy';
import { registerProperty } from '@/server/commands/property';
import { json, route } from '@/server/http/route';
import { propertyBody } from '@/server/http/schemas';
import { searchProperties } from '@/server/projections/properties/query';
import { propertySearchQuery } from '@/server/queries/schemas';

export const POST = route(
  { auth: ['manager'], body: propertyBody, idempotency: 'optional' },
  async ({ actor, body, runtime, envelope }) => {
    authoriseProperty(actor, 'register', null);
    const result = await registerProperty(runtime, { ...body, managerId: actor.userId }, envelope);
    return json(201, { propertyId: result.propertyId });
  },
);

/** GET /api/v1/properties?q=&city=&vacant=&minRentCents=&maxRentCents=: manager own, auditor (and admin) all. */
export const GET = route(
  { auth: ['manager', 'auditor', 'admin'], query: propertySearchQuery },
  async ({ actor, query, runtime }) =>
    json(200, { properties: await searchProperties(runtime.database.db, actor, query) }),
);
