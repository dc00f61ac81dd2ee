// POST /api/v1/leases/:leaseId/termination: a manager terminates a lease.
import { changeLease } from '@/server/commands/lease';
import { leaseAuthoriser, leaseWriteBody } from '@/server/http/lease-access';
import { json, route } from '@/server/http/route';
import { leaseIdParams, terminationBody } from '@/server/http/schemas';

export const POST = route(
  { auth: ['manager'], params: leaseIdParams, body: terminationBody, idempotency: 'optional' },
  async ({ actor, params, body, runtime, envelope }) => {
    const command = { type: 'TerminateLease' as const, ...body };
    const result = await changeLease(runtime, params.leaseId, command, envelope, {
      authorise: leaseAuthoriser(runtime, actor, command),
    });
    return json(201, leaseWriteBody(params.leaseId, result));
  },
);
