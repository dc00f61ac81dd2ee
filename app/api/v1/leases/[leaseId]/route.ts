// GET /api/v1/leases/:leaseId: one lease with the list's fields; another tenant's or another
// manager's lease is a 404, exactly like an unknown id.
import { NotFoundError } from '@/server/auth/errors';
import { leases } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { getLease } from '@/server/queries/leases';

export const GET = route(leases.getLease, async ({ actor, params, reads }) => {
  const lease = await getLease(reads, actor, params.leaseId);
  if (!lease) throw new NotFoundError('That lease does not exist.');
  return json(200, lease);
});
