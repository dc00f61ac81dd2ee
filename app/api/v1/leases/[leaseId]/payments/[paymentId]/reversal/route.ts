// POST /api/v1/leases/:leaseId/payments/:paymentId/reversal: a manager reverses a payment.
import { reversePayment } from '@/server/commands/payments';
import { leases } from '@/server/http/contracts';
import { leaseWriteReply } from '@/server/http/replies';
import { route } from '@/server/http/route';

export const POST = route(
  leases.reversePayment,
  async ({ actor, params, body, runtime, replyWith, replied }) => {
    const envelope = replyWith(201, leaseWriteReply(params.leaseId, { paymentId: params.paymentId }));
    return replied(await reversePayment(runtime, actor, { ...params, ...body }, envelope));
  },
);
