// POST /api/v1/leases/:leaseId/payments/:paymentId/reversal: a manager reverses a payment.
import { changeLease } from '@/server/commands/lease';
import { leaseAuthoriser, leaseWriteBody } from '@/server/http/lease-access';
import { json, route } from '@/server/http/route';
import { paymentParams, reversalBody } from '@/server/http/schemas';

export const POST = route(
  { auth: ['manager'], params: paymentParams, body: reversalBody, idempotency: 'optional' },
  async ({ actor, params, body, runtime, envelope }) => {
    const command = { type: 'ReversePayment' as const, paymentId: params.paymentId, reason: body.reason };
    const result = await changeLease(runtime, params.leaseId, command, envelope, {
      authorise: leaseAuthoriser(runtime, actor, command),
    });
    return json(201, { paymentId: params.paymentId, ...leaseWriteBody(params.leaseId, result) });
  },
);
