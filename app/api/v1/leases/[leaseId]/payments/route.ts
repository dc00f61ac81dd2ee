// POST /api/v1/leases/:leaseId/payments: a tenant pays (card/ACH, today) or a manager records a
// payment. Idempotency-Key required: a retry gets the first answer and pays nothing twice.
import { changeLease, paymentIdFor } from '@/server/commands/lease';
import { leaseAuthoriser, leaseWriteBody } from '@/server/http/lease-access';
import { json, route } from '@/server/http/route';
import { leaseIdParams, paymentBody } from '@/server/http/schemas';

export const POST = route(
  { auth: ['tenant', 'manager'], params: leaseIdParams, body: paymentBody, idempotency: 'required' },
  async ({ actor, params, body, runtime, envelope }) => {
    const paymentId = paymentIdFor(envelope);
    const command = {
      type: 'ReceivePayment' as const,
      paymentId,
      ...body,
      actorRole: actor.role as 'tenant' | 'manager',
    };
    const result = await changeLease(runtime, params.leaseId, command, envelope, {
      authorise: leaseAuthoriser(runtime, actor, command),
    });
    return json(201, { paymentId, ...leaseWriteBody(params.leaseId, result) });
  },
);
