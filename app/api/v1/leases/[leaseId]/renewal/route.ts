// POST /api/v1/leases/:leaseId/renewal: a manager renews a lease.
import { renewLease } from '@/server/commands/leasing';
import { leases } from '@/server/http/contracts';
import { leaseWriteReply } from '@/server/http/replies';
import { route } from '@/server/http/route';

export const POST = route(leases.renewLease, async ({ actor, params, body, runtime, replyWith, replied }) => {
  const envelope = replyWith(201, leaseWriteReply(params.leaseId));
  return replied(await renewLease(runtime, actor, { ...params, ...body }, envelope));
});
