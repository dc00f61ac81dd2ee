// POST /api/v1/leases/:leaseId/charges: the lease's manager posts a one-off charge (fee, utility,
// damage, other). 201 {chargeId, leaseId, version, events}; the charge id derives from the
// Idempotency-Key when one is sent, so a retry replies with the same charge.
import { adjustmentIdFor, postCharge } from '@/server/commands/adjustments';
import type { CommandEnvelope } from '@/server/commands/handle';
import { leases } from '@/server/http/contracts';
import { leaseWriteReply } from '@/server/http/replies';
import { route } from '@/server/http/route';

export const POST = route(leases.postCharge, async ({ actor, params, body, runtime, replyWith, replied }) => {
  const envelope: CommandEnvelope = replyWith(201, (pending) =>
    leaseWriteReply(params.leaseId, { chargeId })(pending),
  );
  const chargeId = adjustmentIdFor('charge', envelope);
  return replied(await postCharge(runtime, actor, { ...params, ...body, chargeId }, envelope));
});
