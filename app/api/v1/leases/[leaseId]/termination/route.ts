// POST /api/v1/leases/:leaseId/termination: a manager terminates a lease.
import { terminateLease } from '@/server/commands/leasing';
import { leases } from '@/server/http/contracts';
import { leaseWriteReply } from '@/server/http/replies';
import { route } from '@/server/http/route';

export const POST = route(
  leases.terminateLease,
  async ({ actor, params, body, runtime, replyWith, replied }) => {
    const envelope = replyWith(201, leaseWriteReply(params.leaseId));
    return replied(await terminateLease(runtime, actor, { ...params, ...body }, envelope));
  },
);
