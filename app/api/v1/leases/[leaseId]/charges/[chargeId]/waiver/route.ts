// POST /api/v1/leases/:leaseId/charges/:chargeId/waiver: the lease's manager waives an open charge
// or late fee (not rent); what was paid of it becomes credit. 201 {chargeId, leaseId, version, events}.
import { waiveCharge } from '@/server/commands/adjustments';
import { leases } from '@/server/http/contracts';
import { leaseWriteReply } from '@/server/http/replies';
import { route } from '@/server/http/route';

export const POST = route(
  leases.waiveCharge,
  async ({ actor, params, body, runtime, replyWith, replied }) => {
    const envelope = replyWith(201, leaseWriteReply(params.leaseId, { chargeId: params.chargeId }));
    return replied(await waiveCharge(runtime, actor, { ...params, ...body }, envelope));
  },
);
