// POST /api/v1/leases/:leaseId/recurring-charges: the lease's manager adds a recurring charge
// (parking, pet rent). 201 {recurringId, leaseId, version, events}.
import { addRecurringCharge, adjustmentIdFor } from '@/server/commands/adjustments';
import type { CommandEnvelope } from '@/server/commands/handle';
import { leases } from '@/server/http/contracts';
import { leaseWriteReply } from '@/server/http/replies';
import { route } from '@/server/http/route';

export const POST = route(
  leases.addRecurringCharge,
  async ({ actor, params, body, runtime, replyWith, replied }) => {
    const envelope: CommandEnvelope = replyWith(201, (pending) =>
      leaseWriteReply(params.leaseId, { recurringId })(pending),
    );
    const recurringId = adjustmentIdFor('recurring', envelope);
    return replied(await addRecurringCharge(runtime, actor, { ...params, ...body, recurringId }, envelope));
  },
);
