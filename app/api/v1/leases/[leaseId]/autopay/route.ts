// POST /api/v1/leases/:leaseId/autopay: the tenant enrols (201); DELETE cancels (200).
import { changeLease } from '@/server/commands/lease';
import { leaseAuthoriser, leaseWriteBody } from '@/server/http/lease-access';
import { json, route } from '@/server/http/route';
import { autopayBody, leaseIdParams } from '@/server/http/schemas';

export const POST = route(
  { auth: ['tenant'], params: leaseIdParams, body: autopayBody, idempotency: 'optional' },
  async ({ actor, params, body, runtime, envelope }) => {
    const command = { type: 'EnrolAutopay' as const, ...body };
    const result = await changeLease(runtime, params.leaseId, command, envelope, {
      authorise: leaseAuthoriser(runtime, actor, command),
    });
    return json(201, leaseWriteBody(params.leaseId, result));
  },
);

export const DELETE = route(
  { auth: ['tenant'], params: leaseIdParams, idempotency: 'optional' },
  async ({ actor, params, runtime, envelope }) => {
    const command = { type: 'CancelAutopay' as const };
    const result = await changeLease(runtime, params.leaseId, command, envelope, {
      authorise: leaseAuthoriser(runtime, actor, command),
    });
    return json(200, leaseWriteBody(params.leaseId, result));
  },
);
