// GET /api/v1/leases/:leaseId/events?fromVersion=&limit=: the lease's events, upcast.
import { leases } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { getLeaseEvents } from '@/server/queries/lease-history';

export const GET = route(leases.leaseEvents, async ({ actor, params, query, runtime }) =>
  json(200, await getLeaseEvents(runtime, actor, params.leaseId, query)),
);
