// POST /api/v1/leases/:leaseId/payments: a tenant pays (card/ACH, today) or a manager records a
// payment. Idempotency-Key required: the reply is recorded in the same append as the payment, so a
// retry (even a concurrent one) gets the first answer and nothing is paid twice.
import type { CommandEnvelope } from '@/server/commands/handle';
import { paymentIdFor } from '@/server/commands/lease';
import { payRent } from '@/server/commands/payments';
import { leases } from '@/server/http/contracts';
import { leaseWriteReply } from '@/server/http/replies';
import { route } from '@/server/http/route';

export const POST = route(leases.pay, async ({ actor, params, body, runtime, replyWith, replied }) => {
  // The payment id derives from the command id (the key is required), so the reply knows it up front.
  const envelope: CommandEnvelope = replyWith(201, (pending) =>
    leaseWriteReply(params.leaseId, { paymentId: paymentIdFor(envelope) })(pending),
  );
  return replied(await payRent(runtime, actor, { ...params, ...body }, envelope));
});
