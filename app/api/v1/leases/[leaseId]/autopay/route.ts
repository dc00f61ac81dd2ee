// POST /api/v1/leases/:leaseId/autopay: the tenant enrols (201); DELETE cancels (200).
import { cancelAutopay, enrolAutopay } from '@/server/commands/leasing';
import { leases } from '@/server/http/contracts';
import { leaseWriteReply } from '@/server/http/replies';
import { route } from '@/server/http/route';

export const POST = route(
  leases.enrolAutopay,
  async ({ actor, params, body, runtime, replyWith, replied }) => {
    const envelope = replyWith(201, leaseWriteReply(params.leaseId));
    return replied(await enrolAutopay(runtime, actor, { ...params, ...body }, envelope));
  },
);

export const DELETE = route(leases.cancelAutopay, async ({ actor, params, runtime, replyWith, replied }) => {
  const envelope = replyWith(200, leaseWriteReply(params.leaseId));
  return replied(await cancelAutopay(runtime, actor, params, envelope));
});
