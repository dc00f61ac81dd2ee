// DELETE /api/v1/leases/:leaseId/recurring-charges/:recurringId: the lease's manager removes a
// recurring charge; periods not billed yet are not charged for it. 200 {recurringId, leaseId, version, events}.
import { removeRecurringCharge } from '@/server/commands/adjustments';
import { leases } from '@/server/http/contracts';
import { leaseWriteReply } from '@/server/http/replies';
import { route } from '@/server/http/route';

export const DELETE = route(
  leases.removeRecurringCharge,
  async ({ actor, params, runtime, replyWith, replied }) => {
    const envelope = replyWith(200, leaseWriteReply(params.leaseId, { recurringId: params.recurringId }));
    return replied(await removeRecurringCharge(runtime, actor, params, envelope));
  },
);
