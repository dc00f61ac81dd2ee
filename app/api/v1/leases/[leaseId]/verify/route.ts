// GET /api/v1/leases/:leaseId/verify: recomputes the lease stream's hash chain.
import { assertCanAuditLease, leaseAccessOf } from '@/server/auth/policy';
import { leaseStreamId } from '@/server/domain/lease';
import { json, route } from '@/server/http/route';
import { leaseIdParams } from '@/server/http/schemas';

export const GET = route(
  { auth: ['manager', 'auditor', 'admin'], params: leaseIdParams },
  async ({ actor, params, runtime }) => {
    assertCanAuditLease(actor, await leaseAccessOf(runtime, params.leaseId));
    return json(200, await runtime.store.verifyStream(leaseStreamId(params.leaseId)));
  },
);
