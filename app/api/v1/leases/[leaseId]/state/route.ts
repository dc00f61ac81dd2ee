// GET /api/v1/leases/:leaseId/state?asOf=&version=: the lease folded as of a recorded time or version.
import { NotFoundError } from '@/server/auth/errors';
import { json, readableLease, route } from '@/server/http/route';
import { leaseIdParams, leaseStateQuery } from '@/server/http/schemas';
import { leaseStateAt } from '@/server/http/timeline';

export const GET = route(
  { auth: 'signed-in', params: leaseIdParams, query: leaseStateQuery },
  async ({ actor, params, query, runtime }) => {
    await readableLease(runtime, actor, params.leaseId);
    const found = await leaseStateAt(runtime, params.leaseId, query);
    if (!found) throw new NotFoundError('The lease did not exist at that point.');
    return json(200, found);
  },
);
