// GET /api/v1/leases/:leaseId/state?asOf=&version=: the lease folded as of a recorded time or version.
import { leases } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { getLeaseStateAt } from '@/server/queries/lease-history';

export const GET = route(leases.leaseState, async ({ actor, params, query, runtime }) =>
  json(200, await getLeaseStateAt(runtime, actor, params.leaseId, query)),
);
