// GET /api/v1/leases/:leaseId/verify: recomputes the lease stream's hash chain.
import { leases } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { verifyLease } from '@/server/queries/lease-history';

export const GET = route(leases.verifyLease, async ({ actor, params, runtime }) =>
  json(200, await verifyLease(runtime, actor, params.leaseId)),
);
