// POST /api/v1/leases/:leaseId/credits: the lease's manager grants a credit (a concession).
// 201 {creditId, leaseId, version, events}; the credit id derives from the Idempotency-Key if sent.
import { adjustmentIdFor, grantCredit } from '@/server/commands/adjustments';
import type { CommandEnvelope } from '@/server/commands/handle';
import { leases } from '@/server/http/contracts';
import { leaseWriteReply } from '@/server/http/replies';
import { route } from '@/server/http/route';

export const POST = route(
  leases.grantCredit,
  async ({ actor, params, body, runtime, replyWith, replied }) => {
    const envelope: CommandEnvelope = replyWith(201, (pending) =>
      leaseWriteReply(params.leaseId, { creditId })(pending),
    );
    const creditId = adjustmentIdFor('credit', envelope);
    return replied(await grantCredit(runtime, actor, { ...params, ...body, creditId }, envelope));
  },
);
